/**
 * A business set up from Slack, over signed HTTP against the stand-in: a workspace with no
 * business shows its installer "Set up your business"; the modal refuses bad input inline,
 * saves version 1, routing finds the business by its workspace and ops channel, and a /charter
 * line there books under it. Then edits: a stale version is refused, and a person who is no
 * longer an admin cannot save. A tenant from the tenants file is read-only.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceInstallers } from '../../src/slack/workspace-installers.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { DANA, type SlackHarness, STRANGER, startSlackHarness } from '../support/slack-harness.ts';

const OTHER_WORKSPACE_TENANTS = fileURLToPath(
  new URL('../fixtures/tenants/other-workspace.yml', import.meta.url),
);
const BREEZE_OPS = 'C0BREEZE';
const SKY = 'U0SKYSKIP';

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

const text = (value: unknown) => JSON.stringify(value ?? '');

function homeOf(userId: string) {
  return h.standIn.views().find((v) => v.view.type === 'home' && v.userId === userId);
}

function settingsModal() {
  return h.standIn
    .views()
    .filter((v) => v.view.callback_id === CALLBACK_IDS.businessSettingsModal)
    .at(-1);
}

async function openHome(userId: string) {
  await h.standIn.event({
    type: 'app_home_opened',
    user: userId,
    tab: 'home',
    channel: `D${userId.slice(1)}`,
  });
  await h.slack.idle();
  return homeOf(userId);
}

async function click(userId: string, actionId: string, blockId: string, value: string) {
  const home = homeOf(userId);
  if (!home) throw new Error(`no Home tab for ${userId}`);
  await h.standIn.blockAction({ userId, viewId: home.id, actionId, blockId, value });
  await h.slack.idle();
}

/** What an admin types into the set-up modal (block → action → value). */
const ANSWERS: Record<string, Record<string, unknown>> = {
  [BLOCK_IDS.bizName]: { [ACTION_IDS.bizName]: 'Sea Breeze Charters' },
  [BLOCK_IDS.bizTimezone]: { [ACTION_IDS.bizTimezone]: 'America/New_York' },
  [BLOCK_IDS.bizDomain]: { [ACTION_IDS.bizDomain]: 'seabreeze.example.com' },
  [BLOCK_IDS.bizContactEmail]: { [ACTION_IDS.bizContactEmail]: 'ops@seabreeze.example.com' },
  [BLOCK_IDS.bizContactPhone]: { [ACTION_IDS.bizContactPhone]: '+1 305 555 0100' },
  [BLOCK_IDS.bizDepartureName]: { [ACTION_IDS.bizDepartureName]: 'Pier 5' },
  [BLOCK_IDS.bizDepartureAddress]: { [ACTION_IDS.bizDepartureAddress]: '1 Harbor Way, Miami, FL' },
  [BLOCK_IDS.bizOpsChannel]: { [ACTION_IDS.bizOpsChannel]: BREEZE_OPS },
  [BLOCK_IDS.bizRevenue]: { [ACTION_IDS.bizRevenue]: 'gross' },
  [BLOCK_IDS.bizCaptainRate]: { [ACTION_IDS.bizCaptainRate]: '60' },
  [BLOCK_IDS.bizCrewRate]: { [ACTION_IDS.bizCrewRate]: '30' },
  [BLOCK_IDS.bizCrewCount]: { [ACTION_IDS.bizCrewCount]: '1' },
  [BLOCK_IDS.bizFees]: { [ACTION_IDS.bizFees]: 'Port fee: 10%' },
  [BLOCK_IDS.bizCaptains]: { [ACTION_IDS.bizCaptains]: [SKY] },
  [BLOCK_IDS.bizOtherCrew]: {
    [ACTION_IDS.bizOtherCrew]: 'Jules Fakename | deckhand | jules@example.com',
  },
  // Sky is an admin by the list; Dana only as the installer (so the test can take that away).
  [BLOCK_IDS.bizAdmins]: { [ACTION_IDS.bizAdmins]: [SKY] },
  [BLOCK_IDS.bizHouseRules]: { [ACTION_IDS.bizHouseRules]: 'No glass on board.' },
  [BLOCK_IDS.bizCrewChecklist]: { [ACTION_IDS.bizCrewChecklist]: 'Fuel up' },
};

describe('a business set up from Slack', () => {
  it('is set up by the installer, found by routing, books a /charter line; edits are versioned and admin-only', async () => {
    let installer: string | undefined = DANA;
    const installers: WorkspaceInstallers = {
      installerOf: (teamId) => Promise.resolve(teamId === 'T0DECKHAND' ? installer : undefined),
    };
    h = await startSlackHarness({
      env: { DECKHAND_TENANTS_FILE: OTHER_WORKSPACE_TENANTS },
      installers,
      extraUsers: [{ id: SKY, name: 'sky', realName: 'Sky Skipper' }],
      extraChannels: [{ id: BREEZE_OPS, name: 'breeze-ops' }],
    });

    // No business in this workspace: the installer is asked to set it up, others are told who can.
    expect(text((await openHome(DANA))?.view)).toContain(ACTION_IDS.openBusinessSetup);
    const strangerHome = await openHome(STRANGER);
    expect(text(strangerHome?.view)).toContain('no charter business yet');
    expect(text(strangerHome?.view)).not.toContain(ACTION_IDS.openBusinessSetup);

    await click(DANA, ACTION_IDS.openBusinessSetup, BLOCK_IDS.homeSetup, 'new');
    const modal = settingsModal();
    if (!modal) throw new Error('no settings modal');

    // Bad input: answered inline on its block, nothing saved.
    const bad = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: { ...ANSWERS, [BLOCK_IDS.bizCaptains]: { [ACTION_IDS.bizCaptains]: [] } },
    });
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK_IDS.bizCaptains]: expect.stringMatching(/captain role/) },
    });
    expect(h.runtime.tenants.source('sea-breeze-charters')).toBeUndefined();

    const saved = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: ANSWERS,
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toBeFalsy();
    await h.slack.idle();
    const stored = h.runtime.tenants.stored('sea-breeze-charters');
    expect(stored).toMatchObject({ version: 1, updatedBy: DANA });
    expect(stored?.tenant.slack).toEqual({
      teamId: 'T0DECKHAND',
      channels: [BREEZE_OPS],
      approvers: [DANA],
      admins: [SKY],
    });
    expect(stored?.tenant.roster.map((m) => [m.name, m.roles])).toEqual([
      ['Sky Skipper', ['captain']],
      ['Jules Fakename', ['deckhand']],
    ]);
    // The installer's Home now shows the business with its settings button.
    expect(text(homeOf(DANA)?.view)).toContain(ACTION_IDS.editBusinessSettings);

    // Routing finds it by workspace and channel; a /charter line in its ops channel books under it.
    expect(
      h.slack.deps.routing.tenantFor({ teamId: 'T0DECKHAND', channelId: BREEZE_OPS })?.id,
    ).toBe('sea-breeze-charters');
    await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $840.75 for Sam Lee party of 4',
      userId: DANA,
      channelId: BREEZE_OPS,
    });
    await h.slack.idle();
    const approval = h.standIn
      .views()
      .find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    if (!approval) throw new Error('no approval modal');
    expect(text(approval.view)).toContain('Sea Breeze Charters');
    const approved = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: approval.id,
      values: {},
    });
    expect(approved.json).toBeFalsy();
    await h.slack.idle();
    const bookings = await h.runtime.store.listByTenant('sea-breeze-charters');
    expect(bookings.map((b) => [b.details.guestName, b.assignment.captainId])).toEqual([
      ['Sam Lee', 'sky-skipper'],
    ]);
    // Priced with the business's own 10% port fee.
    expect(text(bookings[0]?.price)).toContain('port_fee');

    // Two admins open the settings at version 1 (Slack keeps one modal per person): the first
    // save makes version 2, the second is told to reopen.
    await click(
      DANA,
      ACTION_IDS.editBusinessSettings,
      BLOCK_IDS.homeSettings,
      'sea-breeze-charters',
    );
    const first = settingsModal();
    await openHome(SKY);
    await click(
      SKY,
      ACTION_IDS.editBusinessSettings,
      BLOCK_IDS.homeSettings,
      'sea-breeze-charters',
    );
    const second = settingsModal();
    if (!first || !second || first.id === second.id) throw new Error('two edit modals expected');
    expect(text(second.view)).toContain('version 1');
    const rename = { [BLOCK_IDS.bizName]: { [ACTION_IDS.bizName]: 'Sea Breeze Fishing' } };
    expect(
      (await h.standIn.viewSubmission({ userId: DANA, viewId: first.id, values: rename })).json,
    ).toBeFalsy();
    const stale = await h.standIn.viewSubmission({ userId: SKY, viewId: second.id, values: {} });
    expect(stale.json).toMatchObject({
      response_action: 'errors',
      errors: {
        [BLOCK_IDS.bizName]: expect.stringMatching(
          /changed by someone else since version 1.*open the settings again/,
        ),
      },
    });
    expect(h.runtime.tenants.get('sea-breeze-charters')).toMatchObject({
      name: 'Sea Breeze Fishing',
    });
    expect(h.runtime.tenants.stored('sea-breeze-charters')?.version).toBe(2);

    // Dana stops being an admin (no longer the installer) with an edit open: the save is refused.
    await click(
      DANA,
      ACTION_IDS.editBusinessSettings,
      BLOCK_IDS.homeSettings,
      'sea-breeze-charters',
    );
    const third = settingsModal();
    if (!third) throw new Error('no edit modal');
    installer = undefined;
    const refused = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: third.id,
      values: rename,
    });
    expect(refused.json).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK_IDS.bizName]: expect.stringMatching(/Only this business's admins/) },
    });
    expect(h.runtime.tenants.stored('sea-breeze-charters')?.version).toBe(2);
    // And her Home no longer offers the settings.
    expect(text((await openHome(DANA))?.view)).not.toContain(ACTION_IDS.editBusinessSettings);
  });

  it('says a tenants-file business is read-only in Slack, and offers no edit', async () => {
    h = await startSlackHarness({
      installers: { installerOf: () => Promise.resolve(DANA) },
    });
    const home = await openHome(DANA);
    expect(text(home?.view)).toContain('read-only in Slack');
    expect(text(home?.view)).not.toContain(ACTION_IDS.editBusinessSettings);
    // Not an admin: neither the note nor a button.
    expect(text((await openHome(STRANGER))?.view)).not.toContain('read-only in Slack');
  });
});
