/**
 * What the operator sees in the thread, with production thread timing (posts spaced 1 s per
 * channel, status updates coalesced over 300 ms), on the Slack harness (deckhand's app over
 * signed HTTP, the Slack stand-in as its Web API):
 *
 * - approvals: `/charter <booking>` → the modal → submit; time from the submit to the first
 *   chat.postMessage/chat.update of the status message (it says "Approved, setting up").
 * - crew answers: Confirm on a magic link (the POST) → the chat.update of the status message
 *   that shows that person confirmed. Times come from the stand-in's call log (`calls[].at`),
 *   on the same clock as the request, in the same process.
 * - baselines: the stand-in's own round trip for chat.postMessage and chat.update from the
 *   app's WebClient, measured in the same process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedCall } from '@deckhand/slack-standin';
import { DANA, OPS, startSlackHarness } from '../../test/support/slack-harness.ts';
import { BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { serveRpc } from '../lib/rpc.ts';
import { sleep } from '../lib/stats.ts';
import { COALESCE_MS, POST_INTERVAL_MS } from '../lib/thread-timing.ts';

const h = await startSlackHarness({ postIntervalMs: POST_INTERVAL_MS, coalesceMs: COALESCE_MS });
const TENANT = 'queen-of-san-diego';
const outbox = join(h.dataDir, 'outbox');
const PEOPLE: Record<string, string> = {
  rosa: 'Rosa Exampleton',
  jules: 'Jules Fakename',
  marco: 'Marco Exemplo',
};

interface Booked {
  bookingId: string;
  statusTs: string;
  links: Record<string, string>;
}

const blocksText = (call: RecordedCall) => JSON.stringify(call.args.blocks ?? '');

/** The first call after `index` that satisfies `match`; polls every 2 ms up to `timeoutMs`. */
async function waitForCall(
  from: number,
  match: (c: RecordedCall) => boolean,
  timeoutMs = 15_000,
): Promise<RecordedCall> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (let i = from; i < h.standIn.calls.length; i += 1) {
      const call = h.standIn.calls[i] as RecordedCall;
      if (match(call)) return call;
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for a Slack call');
    await sleep(2);
  }
}

/**
 * Lets the thread settle: no pending work, and the channel's 1-second post spacing has passed
 * since its last post, so the next request is measured on its own (as crew answers and
 * approvals arrive in life: seconds to hours apart, not several per second).
 */
async function quiet(): Promise<void> {
  await h.slack.idle();
  const last = [...h.standIn.calls]
    .reverse()
    .find((c) => c.method === 'chat.postMessage' && c.args.channel === OPS);
  const wait = (last?.at ?? 0) + POST_INTERVAL_MS + 50 - Date.now();
  if (wait > 0) await sleep(wait);
}

const linkFiles = () => new Set(readdirSync(outbox, { withFileTypes: false }).map(String));

let serial = 0;
async function approveOne(): Promise<{ firstShowMs: number; ackMs: number; booked: Booked }> {
  serial += 1;
  await quiet();
  const before = (() => {
    try {
      return linkFiles();
    } catch {
      return new Set<string>();
    }
  })();
  const day = new Date(Date.UTC(2027, 5, 1) + serial * 2 * 86_400_000).toISOString().slice(0, 10);
  await h.standIn.slashCommand({
    command: '/charter',
    text: `${day} 10am 3h $900 for Avery Sampleton party of 4`,
    userId: DANA,
    channelId: OPS,
  });
  await h.slack.idle();
  const modal = h.standIn
    .views()
    .filter((v) => v.view.callback_id === CALLBACK_IDS.approvalModal)
    .at(-1);
  if (!modal) throw new Error('no approval modal');
  const from = h.standIn.calls.length;
  const t0 = Date.now();
  const submitted = await h.standIn.viewSubmission({ userId: DANA, viewId: modal.id, values: {} });
  const ackMs = Date.now() - t0;
  if (submitted.status !== 200 || submitted.body.includes('errors'))
    throw new Error(`the approval was refused: ${submitted.body}`);
  const status = await waitForCall(
    from,
    (c) =>
      (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
      c.args.channel === OPS &&
      blocksText(c).includes(BLOCK_IDS.statusState) &&
      blocksText(c).includes('Approved'),
  );
  const firstShowMs = status.at - t0;
  // The pipeline finishes and the crew get their links.
  const deadline = Date.now() + 20_000;
  let booking: Awaited<ReturnType<typeof h.runtime.store.listByTenant>>[number] | undefined;
  for (;;) {
    await h.slack.idle();
    booking = (await h.runtime.store.listByTenant(TENANT)).find((b) => b.startsAt.startsWith(day));
    if (booking?.status === 'active') break;
    if (Date.now() > deadline) throw new Error(`booking ${serial} did not finish`);
    await sleep(20);
  }
  const links: Record<string, string> = {};
  for (const file of linkFiles()) {
    if (before.has(file)) continue;
    const person = /-(\w+)-assignment\.eml$/.exec(file)?.[1];
    if (!person || !(person in PEOPLE)) continue;
    const link = /(http:\/\/127\.0\.0\.1:\d+\/crew\/\S+)/.exec(
      readFileSync(join(outbox, file), 'utf8').replace(/=\r?\n/g, ''),
    )?.[1];
    if (link) links[person] = `${h.runtime.httpUrl}${new URL(link).pathname}`;
  }
  if (Object.keys(links).length !== 3)
    throw new Error(`expected 3 crew links, found ${Object.keys(links).join(', ')}`);
  return {
    firstShowMs,
    ackMs,
    booked: { bookingId: booking.bookingId, statusTs: booking.slack?.statusTs ?? '', links },
  };
}

async function formKey(url: string): Promise<string> {
  const page = await (await fetch(url)).text();
  const key = /name="form_key" value="([^"]+)"/.exec(page)?.[1];
  if (!key) throw new Error('no form key on the crew page');
  return key;
}

/** Confirms by magic link; resolves with ms from the POST to the status update that shows it. */
async function answer(booked: Booked, person: string, key: string): Promise<number> {
  const url = booked.links[person] as string;
  const from = h.standIn.calls.length;
  const t0 = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.runtime.httpUrl },
    body: new URLSearchParams({ form_key: key, answer: 'confirm' }).toString(),
  });
  if (res.status !== 303) throw new Error(`the confirm POST answered ${res.status}`);
  const shown = `✅ ${PEOPLE[person]} (`;
  const update = await waitForCall(
    from,
    (c) =>
      c.method === 'chat.update' && c.args.ts === booked.statusTs && blocksText(c).includes(shown),
  );
  return update.at - t0;
}

const booked: Booked[] = [];
/** Where the last burst started in the call log, for its phase timings. */
let lastBurstStart = { index: 0, at: 0 };

serveRpc(
  {
    async approvals(params: unknown) {
      const { count } = params as { count: number };
      const firstShow: number[] = [];
      const ack: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const r = await approveOne();
        firstShow.push(r.firstShowMs);
        ack.push(r.ackMs);
        booked.push(r.booked);
      }
      return { firstShow, ack };
    },
    /** One answer at a time, each after the thread has settled. */
    async answersIsolated() {
      const latencies: number[] = [];
      for (const b of booked.splice(0)) {
        for (const person of Object.keys(PEOPLE)) {
          const key = await formKey(b.links[person] as string);
          await quiet();
          latencies.push(await answer(b, person, key));
        }
      }
      return latencies;
    },
    /** All three crew of each booking answer at the same moment. */
    async answersBurst() {
      const latencies: number[] = [];
      for (const b of booked.splice(0)) {
        const keys = await Promise.all(
          Object.keys(PEOPLE).map((p) => formKey(b.links[p] as string)),
        );
        await quiet();
        lastBurstStart = { index: h.standIn.calls.length, at: Date.now() };
        latencies.push(
          ...(await Promise.all(
            Object.keys(PEOPLE).map((p, i) => answer(b, p, keys[i] as string)),
          )),
        );
      }
      return latencies;
    },
    /** The Web API calls of the last burst, ms from its start: its timing by phase. */
    lastBurst: () => ({
      ...lastBurstStart,
      calls: h.standIn.calls.slice(lastBurstStart.index).map((c) => ({
        method: c.method,
        ms: c.at - lastBurstStart.at,
        text: String(c.args.text ?? '').slice(0, 60),
      })),
    }),
    /** The stand-in's round trip through the app's own WebClient: the floor of every update. */
    async roundTrips(params: unknown) {
      const { count } = params as { count: number };
      const client = h.slack.app.client;
      const post: number[] = [];
      const update: number[] = [];
      // In a DM with Dana, away from the ops channel and its post queue.
      const dm = await client.conversations.open({ users: DANA });
      const channel = dm.channel?.id ?? DANA;
      for (let i = 0; i < count; i += 1) {
        let t = performance.now();
        const p = await client.chat.postMessage({ channel, text: `rtt ${i}` });
        post.push(performance.now() - t);
        t = performance.now();
        await client.chat.update({ channel, ts: p.ts ?? '', text: `rtt ${i} updated` });
        update.push(performance.now() - t);
      }
      return { post, update };
    },
  },
  () => h.close(),
);
