/**
 * Faults in the Slack Web API (the stand-in, DECKHAND_FAULTS `slack` rules) while a booking is
 * approved and its pipeline runs: the charter thread still ends right — one status message
 * showing every step done, one "Approved", one "All steps done" — and the crew DMs go out once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/faults/fault-rules.ts';
import { clickApprove, forwardBooking, modalFor } from '../support/slack-flow.ts';
import { DANA, OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

const CASES: [string, FaultRule[]][] = [
  [
    'chat.postMessage slow (800 ms)',
    [{ target: 'slack', operation: 'chat.postMessage', kind: 'slow', ms: 800 }],
  ],
  [
    'chat.postMessage failing twice (HTTP 503)',
    [{ target: 'slack', operation: 'chat.postMessage', kind: 'transient', times: 2 }],
  ],
  [
    'chat.update not answering within the client timeout once',
    [{ target: 'slack', operation: 'chat.update', kind: 'timeout', times: 1 }],
  ],
  [
    'chat.update refused once ({ok:false})',
    [{ target: 'slack', operation: 'chat.update', kind: 'permanent', times: 1 }],
  ],
  [
    'conversations.open (crew DMs) failing twice',
    [{ target: 'slack', operation: 'conversations.open', kind: 'transient', times: 2 }],
  ],
];

describe('Slack Web API faults during an approval', () => {
  it.each(CASES)('%s: the thread ends right, each message once', async (_name, rules) => {
    h = await startSlackHarness();
    const card = await forwardBooking(h, 7);
    await clickApprove(h, card);
    await h.slack.idle();
    const modal = modalFor(h, card.draftId);
    h.standInFaults.setRules(rules);

    await h.standIn.viewSubmission({ userId: DANA, viewId: modal?.id as string, values: {} });
    await h.slack.idle();

    expect(h.standInFaults.fired.length).toBeGreaterThan(0);
    const [booking] = await h.runtime.store.listByTenant('queen-of-san-diego');
    expect(booking?.status).toBe('active');
    const thread = h.standIn.thread(OPS, card.threadTs);
    const texts = thread.map((m) => m.text ?? '');
    expect(texts.filter((t) => t.startsWith('👍 Approved'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('✅ All steps done'))).toHaveLength(1);
    expect(thread).toHaveLength(5);
    const status = thread.find((m) => m.ts === booking?.slack?.statusTs);
    const steps = JSON.stringify(status?.blocks);
    expect(steps.match(/✅ [^\\]+: done/g)).toHaveLength(6);
    // Crew with a Slack account (two of the three) get one DM each.
    const dms = h.standIn.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.response.ok === true &&
        String(c.args.channel).startsWith('D'),
    );
    expect(dms).toHaveLength(2);
  });
});
