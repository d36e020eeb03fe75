/**
 * Requests to POST /slack/events that did not come from Slack, over real HTTP: forged, missing,
 * malformed, stale and future signatures; a signed body replayed after five minutes or altered
 * under its old signature; bodies over the server's limit (up to 10 MB); a flood of forged
 * requests while a real one is answered. Each gets a clear refusal and causes nothing: no Web
 * API call, no message, no draft.
 */

import { signSlackRequest } from '@deckhand/slack-standin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { MAX_BODY_BYTES } from '../../src/server/service-http.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';
import { DANA, OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

const SECRET = 'test-signing-secret';
let h: SlackHarness;
let url: string;

beforeAll(async () => {
  h = await startSlackHarness({
    // Tenant B (keys-reef-runner) shares the workspace: its channel and approver.
    extraUsers: [{ id: 'U0MORGANT', name: 'morgan', realName: 'Morgan Testwell' }],
    extraChannels: [{ id: 'C0REEFOPS', name: 'reef-charters' }],
  });
  url = `${h.runtime.httpUrl}/slack/events`;
});
afterAll(async () => {
  await h?.close();
});

const FORM = 'application/x-www-form-urlencoded';
/** `/charter` with a booking line: acting on it would post a review card. */
const COMMAND = new URLSearchParams({
  command: '/charter',
  text: 'June 2 10am 3h $500 for Sam Lee party of 4',
  user_id: DANA,
  channel_id: OPS,
  team_id: 'T0DECKHAND',
  trigger_id: '1.2.3',
  response_url: 'http://127.0.0.1:9/nowhere',
}).toString();

const nowSeconds = () => Math.floor(Date.now() / 1000);

function post(
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return fetch(url, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body }).then(
    async (r) => {
      await r.arrayBuffer();
      return { status: r.status, ms: performance.now() - started };
    },
  );
}

function signed(body: string, at = nowSeconds(), secret = SECRET): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': signSlackRequest(secret, body, at),
  };
}

/** Whatever the app did in Slack so far: Web API calls (but Bolt's own auth.test) and messages. */
function effects() {
  return {
    calls: h.standIn.calls.filter((c) => c.method !== 'auth.test').length,
    messages: h.standIn.messages().length,
  };
}

describe('Slack signatures', () => {
  it('refuses forged, missing, malformed, stale and future signatures with 401 and does nothing', async () => {
    const before = effects();
    const at = nowSeconds();
    const valid = signed(COMMAND, at);
    const cases: [string, Record<string, string>][] = [
      ['wrong secret', signed(COMMAND, at, 'not-the-secret')],
      ['garbage signature', { ...valid, 'x-slack-signature': 'v0=deadbeef' }],
      [
        'wrong version',
        { ...valid, 'x-slack-signature': valid['x-slack-signature']?.replace('v0=', 'v1=') ?? '' },
      ],
      ['empty signature', { ...valid, 'x-slack-signature': '' }],
      ['no signature', { 'x-slack-request-timestamp': String(at) }],
      ['no timestamp', { 'x-slack-signature': valid['x-slack-signature'] ?? '' }],
      ['non-numeric timestamp', { ...valid, 'x-slack-request-timestamp': 'now' }],
      ['nothing at all', {}],
      ['stale: 6 minutes old', signed(COMMAND, at - 6 * 60)],
      ['future: 6 minutes ahead', signed(COMMAND, at + 6 * 60)],
      ['signature of an empty body', signed('', at)],
    ];
    const results = await Promise.all(
      cases.map(async ([name, headers]) => [name, (await post(COMMAND, headers)).status] as const),
    );

    expect(results).toEqual(cases.map(([name]) => [name, 401]));
    await h.slack.idle();
    expect(effects()).toEqual(before);
  });

  it('refuses a signed body replayed after five minutes, or altered under its signature', async () => {
    const before = effects();
    const old = nowSeconds() - 5 * 60 - 5;
    const fresh = signed(COMMAND, nowSeconds());
    const altered = COMMAND.replace('%24500', '%245');

    const replayed = await post(COMMAND, signed(COMMAND, old));
    const tampered = await post(altered, fresh);
    const appended = await post(`${COMMAND}&user_id=U0EVIL`, fresh);

    expect([replayed.status, tampered.status, appended.status]).toEqual([401, 401, 401]);
    await h.slack.idle();
    expect(effects()).toEqual(before);
  });

  it('answers a correctly signed request (the control: the same path works)', async () => {
    const help = COMMAND.replace(/text=[^&]*/, 'text=help');
    const ok = await post(help, signed(help));
    expect(ok.status).toBe(200);
  });
});

describe('bodies the server will not read', () => {
  it('refuses bodies over the limit with 413 before checking anything, up to 10 MB, quickly', async () => {
    const before = effects();
    const sizes = [MAX_BODY_BYTES + 1, 1024 * 1024, 10 * 1024 * 1024];
    const results: { bytes: number; status: number; ms: number }[] = [];
    for (const bytes of sizes) {
      const body = `${COMMAND}&pad=${'a'.repeat(bytes - COMMAND.length - 5)}`;
      const result = await post(body, signed(body));
      results.push({ bytes, ...result });
    }
    console.info('oversized Slack bodies:', JSON.stringify(results));

    expect(results.map((r) => r.status)).toEqual([413, 413, 413]);
    // Refused as the bytes arrive; generous for 2 shared cores.
    for (const r of results) expect(r.ms).toBeLessThan(5_000);
    expect(effects()).toEqual(before);
    // And the server is still there.
    expect((await fetch(`${h.runtime.httpUrl}/healthz`)).status).toBe(200);
  });

  it('refuses a signed body that is not JSON or a form with 400', async () => {
    const json = '{"type": "event_callback", "event": ';
    const payload = 'payload=%7Bnot-json';
    const badJson = await post(json, { ...signed(json), 'content-type': 'application/json' });
    const badPayload = await post(payload, signed(payload));
    expect([badJson.status, badPayload.status]).toEqual([400, 400]);
  });
});

describe('a flood of forged requests', () => {
  it('keeps answering real requests promptly while 1,000 forged ones arrive', async () => {
    const forgedCount = 1_000;
    const started = performance.now();
    let refused = 0;
    const flood = (async () => {
      // 20 connections at a time, like a modest attacker on one host.
      const queue = Array.from({ length: forgedCount }, (_, i) => i);
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (queue.length > 0) {
            const i = queue.pop() as number;
            const { status } = await post(COMMAND, {
              'x-slack-request-timestamp': String(nowSeconds()),
              'x-slack-signature': `v0=${i.toString(16).padStart(64, '0')}`,
            });
            if (status === 401) refused++;
          }
        }),
      );
    })();
    const latencies: number[] = [];
    const help = COMMAND.replace(/text=[^&]*/, 'text=help');
    for (let i = 0; i < 10; i++) {
      const ok = await post(help, signed(help));
      expect(ok.status).toBe(200);
      latencies.push(ok.ms);
    }
    await flood;
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const report = {
      forged: forgedCount,
      refused,
      forgedPerSecond: Math.round(forgedCount / seconds),
      realMedianMs: Math.round(latencies[5] ?? 0),
      realMaxMs: Math.round(latencies.at(-1) ?? 0),
    };
    console.info('forged Slack flood:', JSON.stringify(report));

    expect(refused).toBe(forgedCount);
    expect(report.realMaxMs).toBeLessThan(3_000);
  });
});

describe('Slack tenancy: a workspace channel and approver act only on their own tenant', () => {
  it("refuses tenant A's approver in tenant B's channel, and B's approver acting on A's booking", async () => {
    // Tenant A (queen-of-san-diego): channel C0QSDOPS, approver U0DANAOPS.
    // Tenant B (keys-reef-runner): same workspace, channel C0REEFOPS, approver U0MORGANT.
    const routing = h.slack.deps.routing;
    const a = h.runtime.tenants.get('queen-of-san-diego');
    const b = h.runtime.tenants.get('keys-reef-runner');
    expect(routing.tenantFor({ teamId: 'T0DECKHAND', channelId: 'C0QSDOPS' })?.id).toBe(a.id);
    expect(routing.tenantFor({ teamId: 'T0DECKHAND', channelId: 'C0REEFOPS' })?.id).toBe(b.id);
    // A channel id of tenant A claimed from another workspace does not route to A.
    expect(routing.tenantFor({ teamId: 'T0OTHERWS', channelId: 'C0QSDOPS' })?.id).not.toBe(a.id);
    expect(routing.mayApprove(b, DANA)).toBe(false);
    expect(routing.mayApprove(a, 'U0MORGANT')).toBe(false);

    // Over signed HTTP: Dana (A's approver) books in B's channel: refused, nothing posted in B.
    const before = h.standIn.messages('C0REEFOPS').length;
    const inB = await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $500 for Sam Lee party of 4',
      userId: DANA,
      channelId: 'C0REEFOPS',
    });
    await h.slack.idle();
    expect(inB.status).toBe(200);
    expect(inB.body).toMatch(/approve/i);
    expect(h.standIn.messages('C0REEFOPS').filter((m) => !m.ephemeralTo)).toHaveLength(before);

    // A booking of tenant A; B's approver names its id from B's channel.
    const intake = await parseIntake('June 2 10am 3h $500 for Sam Lee party of 4 #TENANTA9', {
      now: new Date('2026-11-26T15:00:00Z'),
      timeZone: a.timezone,
      source: 'command',
    });
    const { booking } = await approveBooking(h.runtime.store, a, intake, { now: new Date() });
    const answers = () =>
      h.standIn.calls.filter((c) => c.method === 'response_url').map((c) => JSON.stringify(c.args));
    const seen = answers().length;
    for (const text of [`status ${booking.bookingId}`, `cancel ${booking.bookingId}`]) {
      const r = await h.standIn.slashCommand({
        command: '/charter',
        text,
        userId: 'U0MORGANT',
        channelId: 'C0REEFOPS',
      });
      await h.slack.idle();
      expect(r.status).toBe(200);
    }
    // A Retry click carrying A's booking id, from B's channel (signed as Slack would).
    const payload = `payload=${encodeURIComponent(
      JSON.stringify({
        type: 'block_actions',
        api_app_id: 'A0DECKHAND',
        team: { id: 'T0DECKHAND' },
        user: { id: 'U0MORGANT' },
        channel: { id: 'C0REEFOPS' },
        container: { type: 'message', channel_id: 'C0REEFOPS', message_ts: '1.000001' },
        trigger_id: '1.2.3',
        actions: [
          {
            type: 'button',
            action_id: ACTION_IDS.retryPipeline,
            block_id: BLOCK_IDS.statusSteps,
            value: booking.bookingId,
            action_ts: '1.000002',
          },
        ],
      }),
    )}`;
    const retry = await post(payload, signed(payload));
    await h.slack.idle();

    const replies = answers().slice(seen);
    expect(replies).toHaveLength(2);
    for (const reply of replies) {
      // Told the booking is unknown (in B), never its state or a cancellation card.
      expect(reply).not.toContain(`${booking.bookingId}: approved`);
      expect(reply).not.toContain('Sam Lee');
      expect(reply).toMatch(/no booking|not found|unknown/i);
    }
    expect(retry.status).toBe(200);
    // The Retry click is told, only to who clicked, that B has no such charter.
    const told = h.standIn.messages('C0REEFOPS').filter((m) => m.ephemeralTo === 'U0MORGANT');
    expect(told.map((m) => m.text).join('\n')).toContain(
      `has no charter ${booking.bookingId}, so there is nothing to retry`,
    );
    const after = await h.runtime.store.get(a.id, booking.bookingId);
    expect(after?.status).toBe('approved');
    expect(after?.version).toBe(booking.version);
  });
});
