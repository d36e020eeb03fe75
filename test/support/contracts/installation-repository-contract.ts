/**
 * One contract for every InstallationRepository adapter (memory in test/unit, DynamoDB on
 * dynalite in test/integration): saved installations read back whole, a reinstall replaces,
 * org-wide and workspace installs are apart, removal is once, who installed is answered, and
 * an OAuth state is used once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  InstallationRepository,
  StoredInstallation,
} from '../../../src/storage/ports/installation-repository.ts';

/** Each test gets its own team ids, so the adapters may share one table across tests. */
const freshTeam = () => `T${randomUUID().slice(0, 8).toUpperCase()}`;

export function installationFor(
  teamId: string,
  options: { enterpriseId?: string; installer?: string; token?: string; org?: boolean } = {},
): StoredInstallation {
  const org = options.org === true;
  return {
    key: {
      teamId: org ? undefined : teamId,
      enterpriseId: options.enterpriseId,
      isEnterpriseInstall: org,
    },
    installerUserId: options.installer ?? 'U0INSTALL',
    installedAt: '2099-01-01T00:00:00.000Z',
    installation: {
      team: org ? undefined : { id: teamId, name: 'Harbor Charters' },
      enterprise: options.enterpriseId ? { id: options.enterpriseId } : undefined,
      bot: {
        token: options.token ?? `xoxb-${teamId}-secret`,
        scopes: ['chat:write', 'commands'],
        userId: 'U0BOT',
        id: 'B0BOT',
      },
      user: { id: options.installer ?? 'U0INSTALL', token: `xoxp-${teamId}-user` },
      isEnterpriseInstall: org,
      appId: 'A0DECKHAND',
      authVersion: 'v2',
    },
  };
}

export function describeInstallationRepositoryContract(
  name: string,
  store: () => InstallationRepository,
): void {
  describe(`${name}: InstallationRepository`, () => {
    it('reads a saved installation back whole, and nothing for another team', async () => {
      const team = freshTeam();
      const saved = installationFor(team);
      await store().save(saved);
      expect(await store().find(saved.key)).toEqual(JSON.parse(JSON.stringify(saved)));
      expect(
        await store().find({
          teamId: freshTeam(),
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        }),
      ).toBeUndefined();
    });

    it('replaces an installation on reinstall', async () => {
      const team = freshTeam();
      await store().save(installationFor(team, { token: 'xoxb-first' }));
      await store().save(installationFor(team, { token: 'xoxb-second', installer: 'U0OTHER' }));
      const found = await store().find(installationFor(team).key);
      expect((found?.installation.bot as { token: string } | undefined)?.token).toBe('xoxb-second');
      expect(found?.installerUserId).toBe('U0OTHER');
    });

    it('keeps an org-wide install apart from a workspace install in the same enterprise', async () => {
      const team = freshTeam();
      const enterpriseId = `E${team.slice(1)}`;
      await store().save(installationFor(team, { enterpriseId, org: true, installer: 'U0ORG' }));
      expect(
        await store().find({ teamId: team, enterpriseId, isEnterpriseInstall: false }),
      ).toBeUndefined();
      expect(
        (await store().find({ teamId: undefined, enterpriseId, isEnterpriseInstall: true }))
          ?.installerUserId,
      ).toBe('U0ORG');
      // A workspace of the org without its own install: the org's installer.
      expect(await store().installerOf(team, enterpriseId)).toBe('U0ORG');
      await store().save(installationFor(team, { enterpriseId, installer: 'U0TEAM' }));
      expect(await store().installerOf(team, enterpriseId)).toBe('U0TEAM');
    });

    it('removes once, and then finds nothing', async () => {
      const saved = installationFor(freshTeam());
      await store().save(saved);
      expect(await store().remove(saved.key)).toBe(true);
      expect(await store().find(saved.key)).toBeUndefined();
      expect(await store().remove(saved.key)).toBe(false);
    });

    it('answers who installed a workspace, and nothing for one never installed', async () => {
      const team = freshTeam();
      await store().save(installationFor(team, { installer: 'U0BOSS' }));
      expect(await store().installerOf(team)).toBe('U0BOSS');
      expect(await store().installerOf(freshTeam())).toBeUndefined();
      expect(await store().installerOf(freshTeam(), 'E0NOPE')).toBeUndefined();
    });

    it('lets an OAuth state be used once', async () => {
      const state = randomUUID();
      const later = new Date(Date.now() + 600_000);
      expect(await store().claimState(state, later)).toBe(true);
      expect(await store().claimState(state, later)).toBe(false);
      expect(await store().claimState(randomUUID(), later)).toBe(true);
    });
  });
}
