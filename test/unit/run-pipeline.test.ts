/** runPipeline on memory adapters: a full run, a step failing and retried, a step another runner holds. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { bookingIntake, flaky, memoryPipeline } from '../support/memory-pipeline.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const now = new Date();

async function approved(p: ReturnType<typeof memoryPipeline>) {
  const { booking } = await approveBooking(p.store, QUEEN, bookingIntake(now), { now });
  return booking;
}

describe('runPipeline', () => {
  it('runs every step once: pages published, calendar entry, crew event scrubbed, crew told, booking active', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await approved(p);

    const outcome = await runPipeline(QUEEN, booking.bookingId, p.deps);

    expect(outcome.complete).toBe(true);
    expect(outcome.booking.status).toBe('active');
    expect(Object.values(outcome.steps).map((s) => s.status)).toEqual(Array(6).fill('done'));
    expect((await p.objects.list(QUEEN.bucket, '')).map((o) => o.key).sort()).toEqual(
      [
        `c/${booking.crewSlug}.html`,
        `g/${booking.guestSlug}.html`,
        `g/${booking.guestSlug}.ics`,
      ].sort(),
    );
    expect(p.calendar.calls.map((c) => [c.op, c.key])).toEqual([
      ['create', `${QUEEN.id}/${booking.bookingId}/calendar_entry/v2`],
    ]);
    const [event] = [...p.scc.events.values()];
    expect(event?.revenue).toBeUndefined();
    expect(event?.crew_ids).toEqual(booking.assignment.crewIds);
    const people = [booking.assignment.captainId, ...booking.assignment.crewIds].sort();
    expect(p.notifier.sent.map((m) => m.person.id).sort()).toEqual(people);
    for (const message of p.notifier.sent) {
      expect(message.kind).toBe('assignment');
      expect(message.link).toMatch(/^https:\/\/queenofsandiego\.com\/crew\/queen-of-san-diego\//);
    }
    expect((await p.crew.list(QUEEN.id, booking.bookingId)).map((a) => a.state)).toEqual(
      people.map(() => 'pending'),
    );
    expect(p.events.at(-1)?.type).toBe('pipeline_done');
    expect((await p.store.listEvents(QUEEN.id, booking.bookingId)).at(-1)?.type).toBe(
      'pipeline_done',
    );
  });

  it('does nothing twice on a second run', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await approved(p);
    await runPipeline(QUEEN, booking.bookingId, p.deps);
    const sent = p.notifier.sent.length;
    const events = p.events.length;

    const again = await runPipeline(QUEEN, booking.bookingId, p.deps);

    expect(again.complete).toBe(true);
    expect(p.calendar.calls).toHaveLength(1);
    expect(p.scc.calls.filter((c) => c.op === 'create')).toHaveLength(1);
    expect(p.notifier.sent).toHaveLength(sent);
    expect(p.events).toHaveLength(events);
  });

  it('retries a transient failure with the same idempotency key and finishes', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await approved(p);
    p.calendar.failures.failNext(2, flaky('calendar'));

    const outcome = await runPipeline(QUEEN, booking.bookingId, p.deps);

    expect(outcome.steps.calendar_entry.status).toBe('done');
    expect(outcome.steps.calendar_entry.result).toEqual({ entryId: 'CAL-1', cancelled: false });
    expect(p.calendar.calls).toHaveLength(1);
    const retried = p.events.filter((e) => e.type === 'step_retrying');
    expect(retried.map((e) => e.step)).toEqual(['calendar_entry', 'calendar_entry']);
    expect(outcome.complete).toBe(true);
  });

  it('records a failure that outlasts the retries, keeps the other steps, and a later run finishes it', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await approved(p);
    p.calendar.failures.failNext(3, flaky('calendar'));

    const failed = await runPipeline(QUEEN, booking.bookingId, p.deps);

    expect(failed.complete).toBe(false);
    expect(failed.booking.status).toBe('approved');
    expect(failed.steps.calendar_entry).toMatchObject({
      status: 'failed',
      error: 'calendar: HTTP 503: try again',
    });
    expect(failed.steps.guest_page.status).toBe('done');
    expect(p.events.find((e) => e.type === 'step_failed')).toMatchObject({
      step: 'calendar_entry',
      detail: { permanent: false },
    });

    const finished = await runPipeline(QUEEN, booking.bookingId, p.deps);
    expect(finished.complete).toBe(true);
    expect(finished.booking.status).toBe('active');
    expect(p.calendar.calls.map((c) => c.op)).toEqual(['create']);
  });

  it('leaves a step another runner holds to that runner until its lease runs out', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await approved(p);
    const held = await p.store.claimStep(QUEEN.id, booking.bookingId, 'calendar_entry', {
      owner: 'other-runner',
      leaseMs: 60_000,
      inputHash: 'whatever',
      version: booking.version,
      now: now.getTime(),
    });
    expect(held?.leaseOwner).toBe('other-runner');

    const outcome = await runPipeline(QUEEN, booking.bookingId, p.deps);

    expect(outcome.complete).toBe(false);
    expect(outcome.steps.calendar_entry.status).toBe('running');
    expect(p.calendar.calls).toEqual([]);
    expect(outcome.steps.crew_page.status).toBe('done');

    // The other runner died: once its lease has run out, the next run takes the step over.
    p.clock.now = new Date(now.getTime() + 61_000);
    const taken = await runPipeline(QUEEN, booking.bookingId, p.deps);
    expect(taken.complete).toBe(true);
    expect(p.calendar.calls).toHaveLength(1);
  });

  it('runs no step of a booking that is still a draft', async () => {
    const p = memoryPipeline(QUEEN, { now });
    const booking = await approved(p);
    await p.store.update(booking, { status: 'draft' }, now);

    const outcome = await runPipeline(QUEEN, booking.bookingId, p.deps);

    expect(outcome.complete).toBe(false);
    expect(await p.objects.list(QUEEN.bucket, '')).toEqual([]);
    expect(p.calendar.calls).toEqual([]);
  });
});
