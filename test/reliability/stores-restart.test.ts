/**
 * The embedded stores (dynalite and s3rver) stopped and started again on the same files and
 * ports while 20 pipelines run: nothing already stored is lost, and the pipelines finish — in
 * the same run where the outage fell between retries, otherwise on the next run (what Retry,
 * `deckhand retry` or re-booking does) — with every side effect exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type PipelineOutcome, runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

const N = 20;
let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('stores restarted under the running app', () => {
  it('loses nothing, duplicates nothing, and every pipeline finishes', async () => {
    h = await startHarness({ leaseMs: 1_000, retries: 4 });
    const stack = h.runtime.embeddedStack;
    if (!stack) throw new Error('the harness runtime owns its embedded stores');
    const ids = await Promise.all(
      Array.from({ length: N }, (_, n) =>
        h.book(
          `June 2 9am 3h $840.75 for Guest Number${n} party of 4 #RST${String(n).padStart(5, '0')}`,
        ),
      ),
    );

    const firstRun = ids.map((id) =>
      runPipeline(h.tenant, id, h.runtime.deps).then(
        (outcome) => outcome,
        (error: unknown) => error as Error,
      ),
    );
    // Restart while the runs are under way: once some steps are done, others not.
    while (h.events.filter((e) => e.type === 'step_done').length < 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const restartedAt = h.events.filter((e) => e.type === 'step_done').length;
    await stack.restart(1_500);
    const first = await Promise.all(firstRun);
    const finishedFirst = first.filter((o) => !(o instanceof Error) && o.complete).length;

    // Nothing stored before the restart is gone.
    expect((await h.scan('booking')).length).toBe(N);
    // The runs that stopped are run again after their leases ran out.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second: PipelineOutcome[] = [];
    for (const id of ids) {
      await h.runtime.store.resetFailedSteps(h.tenant.id, id, new Date());
      second.push(await runPipeline(h.tenant, id, h.runtime.deps));
    }
    console.log(
      `STORES RESTART: ${N} pipelines, restarted after ${restartedAt} steps were done (down 1.5 s); ${finishedFirst} finished in their first run, ${first.filter((o) => o instanceof Error).length} runs stopped with a store error, the rest finished on the next run; ${h.outbox().length} crew emails for ${3 * N} assignments`,
    );

    expect(second.filter((o) => !o.complete).map((o) => o.booking.bookingId)).toEqual([]);
    expect(second.every((o) => o.booking.status === 'active')).toBe(true);
    expect(await h.counts()).toEqual({
      calendarEntries: N,
      sccEvents: N,
      guestObjects: 2 * N,
      crewObjects: N,
    });
    // Crew email is the one side effect that is at least once, not exactly once: a message
    // sent just before the outage, whose "sent" mark then failed, goes again on the next run
    // (docs/crew.md). None may be missing: every assignment is marked sent.
    const emails = h.outbox().length;
    expect(emails).toBeGreaterThanOrEqual(3 * N);
    const assignments = await h.scan('crew_assignment');
    expect(assignments).toHaveLength(3 * N);
    expect(assignments.every((a) => typeof a.notifiedAt === 'string')).toBe(true);
    expect((await h.scan('event')).filter((e) => e.type === 'pipeline_done')).toHaveLength(N);
  });
});
