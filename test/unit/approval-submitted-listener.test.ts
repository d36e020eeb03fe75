/**
 * The approval modal's submission answers an invalid form from memory: with the modal's
 * `captainIncluded` in its private_metadata, the inline errors come in the ack with no store read
 * (bench/README.md: the invalid submission's ack cost was the draft's GetItem). A modal opened
 * before the flag existed still reads the draft; a non-approver is still refused.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { App } from '@slack/bolt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { createSlackRouting } from '../../src/slack/tenant-routing.ts';
import { parseTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { type ApprovalMetadata, encodeApprovalMetadata } from '../../views/action-values.ts';
import { CALLBACK_IDS } from '../../views/block-ids.ts';
import { registerApprovalSubmitted } from '../../views/listeners/views/approval-submitted.ts';

const EXAMPLE = fileURLToPath(new URL('../../config/tenants.example.yml', import.meta.url));
const APPROVER = 'U0DANAOPS';
const NOBODY = 'U0NOBODY1';
const METADATA: ApprovalMetadata = {
  tenantId: 'queen-of-san-diego',
  draftId: 'DRX4K2M9QZ',
  channelId: 'C0QSDOPS',
};

type Handler = (args: Record<string, unknown>) => Promise<void>;
let submitted: Handler;
let draftsGet: ReturnType<typeof vi.fn>;
let listBookings: ReturnType<typeof vi.fn>;

beforeEach(() => {
  const tenants = parseTenantsFile(readFileSync(EXAMPLE, 'utf8'), 'example');
  const config = { defaultTenant: undefined, slack: { approvers: undefined } } as unknown as Config;
  draftsGet = vi.fn(() =>
    Promise.resolve({ draftId: METADATA.draftId, intake: { captainIncluded: true } }),
  );
  listBookings = vi.fn(() => Promise.resolve([]));
  const deps = {
    config,
    tenants,
    routing: createSlackRouting(config, tenants),
    drafts: { get: draftsGet },
    bookings: { listByTenant: listBookings },
    logger: createLogger('silent'),
    clock: () => new Date(),
    enqueue: vi.fn(() => Promise.resolve()),
  } as unknown as SlackDeps;
  const app = {
    view: (_id: string, fn: Handler) => {
      if (_id === CALLBACK_IDS.approvalModal) submitted = fn;
    },
  } as unknown as App;
  registerApprovalSubmitted(app, deps);
});

/** An empty form (nothing filled in: every required field missing). */
async function submitEmpty(userId: string, metadata: ApprovalMetadata) {
  const ack = vi.fn((_answer?: unknown) => Promise.resolve());
  await submitted({
    ack,
    body: { user: { id: userId } },
    view: { private_metadata: encodeApprovalMetadata(metadata), state: { values: {} } },
  });
  expect(ack).toHaveBeenCalledTimes(1);
  return ack.mock.calls[0]?.[0] as
    | { response_action?: string; errors?: Record<string, string> }
    | undefined;
}

describe('the approval modal submitted with errors', () => {
  it('answers the inline errors without reading the draft when the modal says whether a captain is included', async () => {
    const answer = await submitEmpty(APPROVER, { ...METADATA, captainIncluded: true });

    expect(answer?.response_action).toBe('errors');
    expect(Object.keys(answer?.errors ?? {}).length).toBeGreaterThan(0);
    expect(draftsGet).not.toHaveBeenCalled();
    expect(listBookings).not.toHaveBeenCalled();
  });

  it('gives the same errors as from the stored draft', async () => {
    const early = await submitEmpty(APPROVER, { ...METADATA, captainIncluded: true });
    const read = await submitEmpty(APPROVER, METADATA);

    expect(read).toEqual(early);
  });

  it('reads the draft first for a modal opened before the flag existed', async () => {
    const answer = await submitEmpty(APPROVER, METADATA);

    expect(answer?.response_action).toBe('errors');
    expect(draftsGet).toHaveBeenCalledWith(METADATA.tenantId, METADATA.draftId);
  });

  it('still refuses someone who may not approve, whatever the form says', async () => {
    const answer = await submitEmpty(NOBODY, { ...METADATA, captainIncluded: true });

    expect(answer).toEqual({ response_action: 'clear' });
  });
});
