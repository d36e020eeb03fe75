/**
 * The rest of the Slack surface over signed HTTP: the modal recomputes its breakdown, refuses bad
 * input inline, /charter list / status / cancel, approvers only, a booking pasted in a DM, App
 * Home, and rate limits on the Web API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import {
  DANA,
  OPS,
  type SlackHarness,
  STRANGER,
  startSlackHarness,
} from '../support/slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

const allText = (value: unknown) => JSON.stringify(value ?? '');
const approvalModal = () =>
  h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);

async function openModal(text: string) {
  await h.standIn.slashCommand({ command: '/charter', text, userId: DANA, channelId: OPS });
  await h.slack.idle();
  const modal = approvalModal();
  if (!modal) throw new Error('no modal');
  return modal;
}

describe('the approval modal', () => {
  it('recomputes the cost breakdown when a price input changes, with the view hash', async () => {
    h = await startSlackHarness();
    const modal = await openModal('June 2 10am 3h $840.75 for Sam Lee party of 4');

    await h.standIn.blockAction({
      userId: DANA,
      viewId: modal.id,
      actionId: ACTION_IDS.approvalRevenue,
      blockId: BLOCK_IDS.approvalRevenue,
      text: '1000',
    });
    await h.slack.idle();

    const update = h.standIn.calls.find((c) => c.method === 'views.update');
    expect(update?.args.hash).toBe(modal.hash);
    // 18% of $1,000 = $180; captain $150; crew $250 → net $420.00
    expect(allText(approvalModal()?.view.blocks)).toContain('$420.00');
  });

  it('answers bad input inline and books nothing', async () => {
    h = await startSlackHarness();
    const modal = await openModal('June 2 10am 3h $840.75 for Sam Lee party of 4');

    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: { [BLOCK_IDS.approvalPartySize]: { [ACTION_IDS.approvalPartySize]: '0' } },
    });
    await h.slack.idle();

    expect(submitted.json).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK_IDS.approvalPartySize]: expect.any(String) },
    });
    expect(await h.runtime.store.listByTenant('queen-of-san-diego')).toHaveLength(0);
  });
});

describe('/charter', () => {
  it('lists upcoming charters, shows one, and asks before cancelling it', async () => {
    h = await startSlackHarness();
    const modal = await openModal('June 2 10am 3h $840.75 for Sam Lee party of 4 #LIST0001');
    await h.standIn.viewSubmission({ userId: DANA, viewId: modal.id, values: {} });
    await h.slack.idle();

    await h.standIn.slashCommand({
      command: '/charter',
      text: 'list',
      userId: DANA,
      channelId: OPS,
    });
    await h.standIn.slashCommand({
      command: '/charter',
      text: 'status LIST0001',
      userId: DANA,
      channelId: OPS,
    });
    await h.standIn.slashCommand({
      command: '/charter',
      text: 'cancel LIST0001',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    const ephemeral = h.standIn.messages(OPS).filter((m) => m.ephemeralTo === DANA);
    expect(allText(ephemeral)).toContain('Sam Lee');
    expect(allText(ephemeral)).toMatch(/active|approved/);
    expect(allText(ephemeral)).toContain(ACTION_IDS.cancelCharter);
    // Asking is not doing: the booking is still on.
    expect((await h.runtime.store.listByTenant('queen-of-san-diego'))[0]?.status).not.toBe(
      'cancelled',
    );
  });

  it('refuses to open the modal for someone who may not approve', async () => {
    h = await startSlackHarness();

    const run = await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $500',
      userId: STRANGER,
      channelId: OPS,
    });

    expect(run.body).toMatch(/approve/i);
    expect(approvalModal()).toBeUndefined();
  });
});

describe('other intake and surfaces', () => {
  it('turns a booking pasted in a DM into a review card in that DM', async () => {
    h = await startSlackHarness();
    const dm = `D${DANA.slice(1)}`;

    await h.standIn.event({
      type: 'message',
      channel: dm,
      channel_type: 'im',
      user: DANA,
      text: 'June 2 10am 3h $840.75 for Sam Lee party of 4',
      ts: '1780000000.000100',
    });
    await h.slack.idle();

    const card = h.standIn.calls.find(
      (c) => c.method === 'chat.postMessage' && c.args.channel === dm,
    );
    expect(allText(card?.args.blocks)).toContain(ACTION_IDS.reviewApprove);
  });

  it('publishes App Home with upcoming charters', async () => {
    h = await startSlackHarness();

    await h.standIn.event({
      type: 'app_home_opened',
      user: DANA,
      tab: 'home',
      channel: `D${DANA.slice(1)}`,
    });
    await h.slack.idle();

    expect(
      h.standIn.calls.some((c) => c.method === 'views.publish' && c.args.user_id === DANA),
    ).toBe(true);
  });

  it('rides out a rate-limited Web API (429 with Retry-After) without losing the update', async () => {
    h = await startSlackHarness();
    h.standIn.failNext('views.open', 'ratelimited', 1);

    await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $840.75 for Sam Lee party of 4',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    const opens = h.standIn.calls.filter((c) => c.method === 'views.open');
    expect(opens.map((c) => (c.response as { ok: boolean }).ok)).toEqual([false, true]);
    expect((approvalModal()?.view.blocks as unknown[] | undefined)?.length).toBeGreaterThan(0);
  });
});
