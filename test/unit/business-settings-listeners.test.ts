/**
 * Every new Slack path refuses who may not use it, on the server: Set up your business, Edit
 * business settings and the modal's submission, each called with a built argument object and a
 * client whose users.info and views.* are faked. Admins are the installer, workspace admins and
 * owners of this workspace, and the tenant's `slack.admins`; a tenants-file business is read-only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { App } from '@slack/bolt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { createSlackRouting } from '../../src/slack/tenant-routing.ts';
import { MemoryTenantStore } from '../../src/storage/memory-tenant-store.ts';
import { parseTenantsFile, type TenantRegistry } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { encodeBusinessMetadata } from '../../views/business-settings-metadata.ts';
import { registerBusinessSettingsButtons } from '../../views/listeners/actions/business-settings-buttons.ts';
import { registerBusinessSettingsSubmitted } from '../../views/listeners/views/business-settings-submitted.ts';

const EXAMPLE = fileURLToPath(new URL('../../config/tenants.example.yml', import.meta.url));
/** The example tenants are in T0DECKHAND; T0NEWBOAT has no business yet. */
const HOME_TEAM = 'T0DECKHAND';
const NEW_TEAM = 'T0NEWBOAT';
const INSTALLER = 'U0INSTALL';
const WORKSPACE_ADMIN = 'U0WSADMIN';
const LIST_ADMIN = 'U0LISTADM';
const NOBODY = 'U0NOBODY1';
const FOREIGN_ADMIN = 'U0FOREIGN';

type Handler = (args: Record<string, unknown>) => Promise<void>;

let tenants: TenantRegistry;
let handlers: Map<string, Handler>;
let client: {
  views: { open: ReturnType<typeof vi.fn>; publish: ReturnType<typeof vi.fn> };
  users: { info: ReturnType<typeof vi.fn> };
};
const at = new Date('2099-01-01T00:00:00Z');

beforeEach(async () => {
  tenants = parseTenantsFile(readFileSync(EXAMPLE, 'utf8'), 'example');
  const store = new MemoryTenantStore();
  tenants.useStore(store);
  // A stored business in its own workspace, with a list admin.
  const seed = tenants.list()[0] as Tenant;
  const stored: Tenant = {
    ...seed,
    id: 'new-boat',
    name: 'New Boat',
    slack: { teamId: 'T0STORED1', channels: ['C0STORED1'], approvers: [], admins: [LIST_ADMIN] },
  };
  await tenants.save(stored, { expectedVersion: 0, by: INSTALLER, at });
  handlers = new Map();
  client = {
    views: {
      open: vi.fn(() => Promise.resolve({ ok: true })),
      publish: vi.fn(() => Promise.resolve({ ok: true })),
    },
    users: {
      info: vi.fn(({ user }: { user: string }) =>
        Promise.resolve({
          ok: true,
          user: {
            id: user,
            team_id: user === FOREIGN_ADMIN ? 'T0ELSEWHERE' : undefined,
            is_admin: user === WORKSPACE_ADMIN || user === FOREIGN_ADMIN,
            is_owner: false,
          },
        }),
      ),
    },
  };
  const config = { defaultTenant: undefined, slack: { approvers: undefined } } as unknown as Config;
  const deps = {
    config,
    tenants,
    routing: createSlackRouting(config, tenants),
    installers: { installerOf: () => Promise.resolve(INSTALLER) },
    logger: createLogger('silent'),
    clock: () => at,
    background: (work: () => Promise<unknown>) => void work(),
  } as unknown as SlackDeps;
  const app = {
    action: (id: string, fn: Handler) => handlers.set(`action:${id}`, fn),
    view: (id: string, fn: Handler) => handlers.set(`view:${id}`, fn),
  } as unknown as App;
  registerBusinessSettingsButtons(app, deps);
  registerBusinessSettingsSubmitted(app, deps);
});

async function clickButton(actionId: string, userId: string, teamId: string, value: string) {
  const ack = vi.fn(() => Promise.resolve());
  await handlers.get(`action:${actionId}`)?.({
    ack,
    body: { user: { id: userId }, team: { id: teamId }, trigger_id: 'trigger-1' },
    action: { value },
    client,
  });
  expect(ack).toHaveBeenCalled();
  const opened = client.views.open.mock.calls.at(-1)?.[0] as
    | { view: Record<string, unknown> }
    | undefined;
  return opened?.view;
}

async function submit(
  userId: string,
  teamId: string,
  metadata: Parameters<typeof encodeBusinessMetadata>[0],
) {
  const ack = vi.fn((_answer?: unknown) => Promise.resolve());
  await handlers.get(`view:${CALLBACK_IDS.businessSettingsModal}`)?.({
    ack,
    body: { user: { id: userId }, team: { id: teamId } },
    view: { private_metadata: encodeBusinessMetadata(metadata), state: { values: {} } },
    client,
  });
  return ack.mock.calls[0]?.[0] as
    | { response_action?: string; errors?: Record<string, string> }
    | undefined;
}

const isSettingsModal = (view: Record<string, unknown> | undefined) =>
  view?.callback_id === CALLBACK_IDS.businessSettingsModal;
const refusalText = (view: Record<string, unknown> | undefined) => JSON.stringify(view?.blocks);

describe('Set up your business', () => {
  it('opens the modal for the installer and a workspace admin', async () => {
    expect(
      isSettingsModal(await clickButton(ACTION_IDS.openBusinessSetup, INSTALLER, NEW_TEAM, 'new')),
    ).toBe(true);
    expect(
      isSettingsModal(
        await clickButton(ACTION_IDS.openBusinessSetup, WORKSPACE_ADMIN, NEW_TEAM, 'new'),
      ),
    ).toBe(true);
  });

  it('refuses anyone else, and an admin of another workspace', async () => {
    for (const user of [NOBODY, FOREIGN_ADMIN]) {
      const view = await clickButton(ACTION_IDS.openBusinessSetup, user, NEW_TEAM, 'new');
      expect(isSettingsModal(view)).toBe(false);
      expect(refusalText(view)).toContain("Only this business's admins");
    }
  });

  it('refuses a workspace that has a business already', async () => {
    const view = await clickButton(ACTION_IDS.openBusinessSetup, INSTALLER, HOME_TEAM, 'new');
    expect(refusalText(view)).toContain('has a business already');
  });
});

describe('Edit business settings', () => {
  it('opens a stored business for its list admin at its version', async () => {
    // The list admin is not the installer here.
    const view = await clickButton(
      ACTION_IDS.editBusinessSettings,
      LIST_ADMIN,
      'T0STORED1',
      'new-boat',
    );
    expect(isSettingsModal(view)).toBe(true);
    expect(JSON.parse(String(view?.private_metadata))).toEqual({
      teamId: 'T0STORED1',
      tenantId: 'new-boat',
      version: 1,
    });
  });

  it('refuses a non-admin, another workspace’s business, and a tenants-file business', async () => {
    client.users.info.mockClear();
    const nonAdmin = await clickButton(
      ACTION_IDS.editBusinessSettings,
      NOBODY,
      'T0STORED1',
      'new-boat',
    );
    expect(refusalText(nonAdmin)).toContain("Only this business's admins");
    const elsewhere = await clickButton(
      ACTION_IDS.editBusinessSettings,
      INSTALLER,
      NEW_TEAM,
      'new-boat',
    );
    expect(refusalText(elsewhere)).toContain('not set up in this workspace');
    const fromFile = await clickButton(
      ACTION_IDS.editBusinessSettings,
      INSTALLER,
      HOME_TEAM,
      'queen-of-san-diego',
    );
    expect(refusalText(fromFile)).toContain('read-only in Slack');
  });
});

describe('the business settings modal submitted', () => {
  it('refuses a non-admin, with nothing saved', async () => {
    const answer = await submit(NOBODY, 'T0STORED1', {
      teamId: 'T0STORED1',
      tenantId: 'new-boat',
      version: 1,
    });
    expect(answer?.errors?.[BLOCK_IDS.bizName]).toMatch(/Only this business's admins/);
    expect(tenants.stored('new-boat')?.version).toBe(1);
  });

  it('refuses a form opened for another workspace', async () => {
    const answer = await submit(INSTALLER, NEW_TEAM, {
      teamId: 'T0STORED1',
      tenantId: 'new-boat',
      version: 1,
    });
    expect(answer?.errors?.[BLOCK_IDS.bizName]).toMatch(/not set up in this workspace/);
  });

  it('refuses to save over a tenants-file business, even for an admin', async () => {
    const answer = await submit(INSTALLER, HOME_TEAM, {
      teamId: HOME_TEAM,
      tenantId: 'queen-of-san-diego',
      version: 1,
    });
    expect(answer?.errors?.[BLOCK_IDS.bizName]).toMatch(/read-only in Slack/);
  });

  it('refuses a second business for a workspace that has one', async () => {
    const answer = await submit(INSTALLER, HOME_TEAM, { teamId: HOME_TEAM });
    expect(answer?.errors?.[BLOCK_IDS.bizName]).toMatch(/has a business already/);
  });

  it('lets an admin through to validation (an empty form gets inline errors, not a refusal)', async () => {
    const answer = await submit(INSTALLER, NEW_TEAM, { teamId: NEW_TEAM });
    expect(answer?.response_action).toBe('errors');
    expect(Object.keys(answer?.errors ?? {})).toEqual(
      expect.arrayContaining([
        BLOCK_IDS.bizName,
        BLOCK_IDS.bizTimezone,
        BLOCK_IDS.bizOpsChannel,
        BLOCK_IDS.bizCaptains,
      ]),
    );
    expect(answer?.errors?.[BLOCK_IDS.bizName]).toBe('this is required');
  });
});
