/**
 * Load: 200 bookings forwarded into Slack, their approval modals opened, then all 200 submitted
 * at once on this machine (2 shared cores): every pipeline completes in that run, every side
 * effect exists exactly once (calendar entries, SCC events, page objects, crew emails, thread
 * messages), no update to a booking is lost (each has both its Slack thread and its active
 * status, written by different writers), and memory stays bounded. The figures are printed
 * (LOAD: …) for docs/RELIABILITY.md.
 */
import { getHeapStatistics } from 'node:v8';
import pLimit from 'p-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { startHarness } from '../support/pipeline-harness.ts';
import {
  clickApprove,
  countObjects,
  forwardBooking,
  modalFor,
  scanAll,
} from '../support/slack-flow.ts';
import { OPS, type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';

const N = Number(process.env.LOAD_BOOKINGS ?? 200);
const MB = 1_000_000;

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

describe("200 pipelines at once (the benchmark's throughput scenario)", () => {
  it('all finish in one run, with no call repeated after a client timeout', {
    timeout: 600_000,
  }, async () => {
    // 50 ms per calendar and SCC call, as in bench/ (section 6).
    const faults = JSON.stringify([
      { target: 'calendar', kind: 'slow', ms: 50 },
      { target: 'scc', kind: 'slow', ms: 50 },
    ]);
    const p = await startHarness({
      retries: 3,
      env: {
        DECKHAND_FAULTS: faults,
        ...(process.env.LOAD_CAP ? { DECKHAND_PIPELINE_CONCURRENCY: process.env.LOAD_CAP } : {}),
      },
    });
    try {
      const ids = await Promise.all(
        Array.from({ length: N }, (_, n) =>
          p.book(
            `June 2 9am 3h $840.75 for Guest Number${n} party of 4 #LOAD${String(n).padStart(4, '0')}`,
          ),
        ),
      );
      expect(new Set(ids).size).toBe(N);
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 100);
      const started = Date.now();
      const outcomes = await Promise.all(
        ids.map((id) => runPipeline(p.tenant, id, p.runtime.deps)),
      );
      const wallMs = Date.now() - started;
      clearInterval(sampler);

      const timeouts = p.events.filter(
        (e) => e.type === 'step_retrying' && /did not answer within/.test(e.message),
      ).length;
      const retries = p.events.filter((e) => e.type === 'step_retrying').length;
      const unfinished = outcomes.filter((o) => !o.complete).map((o) => o.booking.bookingId);
      console.log(
        `LOAD (pipelines): ${N} at once, cap ${p.runtime.config.pipeline.concurrency}: ${wallMs} ms (${((N * 1000) / wallMs).toFixed(1)} bookings/s), ${N - unfinished.length} finished in this run, ${retries} step retries (${timeouts} after a 5 s client timeout), RSS ${Math.round(rssBefore / MB)} → peak ${Math.round(peakRss / MB)} MB`,
      );
      expect(unfinished).toEqual([]);
      expect(timeouts).toBe(0);
      const counts = await p.counts();
      expect(counts).toEqual({
        calendarEntries: N,
        sccEvents: N,
        guestObjects: 2 * N,
        crewObjects: N,
      });
      expect(p.outbox()).toHaveLength(3 * N);
    } finally {
      await p.close();
    }
  });
});

describe('200 bookings approved at once', () => {
  it('all complete, every count exact, no lost update, memory bounded', {
    timeout: 600_000,
  }, async () => {
    // One approver per booking: Slack shows a person one modal at a time.
    const users = Array.from({ length: N }, (_, n) => ({
      id: `U0LOAD${String(n).padStart(3, '0')}`,
      name: `approver${n}`,
    }));
    h = await startSlackHarness({
      extraUsers: users,
      env: {
        DECKHAND_APPROVERS: '*',
        ...(process.env.LOAD_CAP ? { DECKHAND_PIPELINE_CONCURRENCY: process.env.LOAD_CAP } : {}),
      },
    });
    const tenant = h.runtime.tenants.get('queen-of-san-diego');
    // Setting up is not what is measured: forward and open the modals 10 at a time.
    const limit = pLimit(10);
    const setupStarted = Date.now();
    const cards = await Promise.all(
      Array.from({ length: N }, (_, n) =>
        limit(async () => {
          const card = await forwardBooking(h, n);
          const opened = await clickApprove(h, card, users[n]?.id);
          expect(opened.status).toBe(200);
          return card;
        }),
      ),
    );
    await h.slack.idle();
    console.log(`LOAD: set up ${N} drafts and modals in ${Date.now() - setupStarted} ms`);
    const modals = cards.map((card) => modalFor(h, card.draftId));
    expect(modals.every((m) => m !== undefined)).toBe(true);

    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 100);
    const callsBefore = h.standIn.calls.length;
    const started = Date.now();
    const answers = await Promise.all(
      modals.map((modal, n) =>
        h.standIn.viewSubmission({
          userId: users[n]?.id as string,
          viewId: modal?.id as string,
          values: {},
        }),
      ),
    );
    const ackedMs = Date.now() - started;
    let allActiveMs = -1;
    const poll = setInterval(async () => {
      const list = await h.runtime.store.listByTenant(tenant.id);
      if (allActiveMs < 0 && list.length === N && list.every((b) => b.status === 'active'))
        allActiveMs = Date.now() - started;
    }, 250);
    await h.slack.idle();
    clearInterval(poll);
    const wallMs = Date.now() - started;
    const byMethod: Record<string, number> = {};
    for (const c of h.standIn.calls.slice(callsBefore))
      byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    clearInterval(sampler);

    expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));
    const bookings = await h.runtime.store.listByTenant(tenant.id);
    expect(bookings).toHaveLength(N);
    // No lost update: the thread (CharterThread.open) and the status (the runner) both stuck.
    const notActive = bookings.filter((b) => b.status !== 'active').map((b) => b.bookingId);
    // Seen once in CI (1 of 200, not reproduced alone): say where each one stopped.
    const stuck = await Promise.all(
      notActive.map(async (id) => {
        const b = bookings.find((x) => x.bookingId === id);
        const steps = await h.runtime.store.getSteps(tenant.id, id);
        return `${id} ${b?.status} thread=${b?.slack?.threadTs} steps=${steps.map((st) => `${st.step}:${st.status}`).join(',')}`;
      }),
    );
    expect(notActive, stuck.join('\n')).toEqual([]);
    expect(bookings.every((b) => b.slack?.threadTs && b.slack.statusTs)).toBe(true);
    expect(new Set(bookings.map((b) => b.slack?.threadTs)).size).toBe(N);

    // Side effects, exactly once each.
    expect((await scanAll(h, 'calendar_entry')).length).toBe(N);
    expect((await scanAll(h, 'scc_event')).length).toBe(N);
    expect(await countObjects(h, tenant.bucket, 'g/')).toBe(2 * N);
    expect(await countObjects(h, tenant.bucket, 'c/')).toBe(N);
    const assignments = await scanAll(h, 'crew_assignment');
    expect(assignments).toHaveLength(3 * N);
    expect(assignments.every((a) => typeof a.notifiedAt === 'string')).toBe(true);
    const events = await scanAll(h, 'event');
    const ofType = (type: string) => events.filter((e) => e.type === type).length;
    expect(ofType('step_done')).toBe(6 * N);
    expect(ofType('crew_notified')).toBe(3 * N);
    expect(ofType('pipeline_done')).toBe(N);
    expect(ofType('step_failed')).toBe(0);
    const retried = ofType('step_retrying');

    // Each thread: the forwarded email, the card, the status message, "Approved", "All steps
    // done" — once each; the status message ends showing every step done.
    for (const booking of bookings) {
      const thread = h.standIn.thread(OPS, booking.slack?.threadTs as string);
      const texts = thread.slice(1).map((m) => m.text ?? '');
      expect(texts.filter((t) => t.startsWith('👍 Approved'))).toHaveLength(1);
      expect(texts.filter((t) => t.startsWith('✅ All steps done'))).toHaveLength(1);
      expect(thread).toHaveLength(5);
      const status = thread.find((m) => m.ts === booking.slack?.statusTs);
      expect(JSON.stringify(status?.blocks)).not.toMatch(/failed/);
    }

    global.gc?.();
    const after = process.memoryUsage();
    const heapLimit = getHeapStatistics().heap_size_limit;
    console.log(
      `LOAD (Slack): ${N} approvals at once (pipeline cap ${h.runtime.config.pipeline.concurrency}): acked in ${ackedMs} ms, all active after ${allActiveMs} ms, thread settled after ${wallMs} ms (${((N * 1000) / wallMs).toFixed(1)} bookings/s); ${retried} step retries; RSS ${Math.round(before.rss / MB)} → peak ${Math.round(peakRss / MB)} MB, heap used ${Math.round(before.heapUsed / MB)} → peak ${Math.round(peakHeap / MB)} → after ${Math.round(after.heapUsed / MB)} MB; Slack calls ${JSON.stringify(byMethod)}`,
    );
    // Bounded: the peak stays far below the heap limit, and what is live afterwards is the
    // data kept on purpose (the stand-in's record of every message and call), not a leak.
    expect(peakHeap).toBeLessThan(heapLimit / 2);
    expect(peakRss).toBeLessThan(1_500 * MB);
  });
});
