/** Each pipeline step run on its own against memory adapters: what it publishes, calls and stores, and what it refuses. */
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { hashLinkToken } from '../../src/crew/magic-link-token.ts';
import { PermanentError } from '../../src/external-errors.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import type { PipelineStep, StepContext } from '../../src/pipeline/pipeline-step.ts';
import type { StepRecord } from '../../src/pipeline/step-record.ts';
import { calendarEntryStep } from '../../src/pipeline/steps/calendar-entry-step.ts';
import { crewEventStep } from '../../src/pipeline/steps/crew-event-step.ts';
import { crewNotifyStep } from '../../src/pipeline/steps/crew-notify-step.ts';
import { crewPageStep } from '../../src/pipeline/steps/crew-page-step.ts';
import { guestPageStep } from '../../src/pipeline/steps/guest-page-step.ts';
import { revenueScrubStep } from '../../src/pipeline/steps/revenue-scrub-step.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { bookingIntake, type MemoryPipeline, memoryPipeline } from '../support/memory-pipeline.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const now = new Date();

async function setUp(options: { cdn?: boolean } = {}) {
  const p = memoryPipeline(QUEEN, { now, ...options });
  const { booking } = await approveBooking(p.store, QUEEN, bookingIntake(now), { now });
  return { p, booking };
}

/** A previous run's record with `result`, as the runner passes it on a re-run. */
function ran(step: string, result: Record<string, unknown>): StepRecord {
  return {
    step,
    status: 'done',
    attempts: 1,
    inputHash: 'earlier',
    forVersion: 1,
    leaseOwner: null,
    leaseExpiresAt: null,
    result,
    lastError: null,
    lastErrorPermanent: null,
    updatedAt: now.toISOString(),
  };
}

function run(
  step: PipelineStep,
  p: MemoryPipeline,
  booking: Booking,
  extra: Partial<StepContext> & { tenant?: Tenant } = {},
) {
  return step.run({
    booking,
    tenant: QUEEN,
    deps: p.deps,
    previous: undefined,
    upstream: {},
    idempotencyKey: `${QUEEN.id}/${booking.bookingId}/${step.name}/v${booking.version}`,
    ...extra,
  });
}

describe('guest_page', () => {
  it('publishes the page and its calendar file with short caching and the upload origin in its CSP', async () => {
    const { p, booking } = await setUp();
    const result = await run(guestPageStep, p, booking);

    expect(result).toEqual({
      key: `g/${booking.guestSlug}.html`,
      url: `https://queenofsandiego.com/g/${booking.guestSlug}`,
      cancelled: false,
    });
    const page = await p.objects.get(QUEEN.bucket, `g/${booking.guestSlug}.html`);
    expect(page).toMatchObject({
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'public, max-age=60',
    });
    expect(page?.body).toContain('Avery');
    expect(page?.body).toContain('https://s3.us-west-2.amazonaws.com');
    const ics = await p.objects.get(QUEEN.bucket, `g/${booking.guestSlug}.ics`);
    expect(ics?.contentType).toBe('text/calendar; charset=utf-8');
    expect(ics?.body).toMatch(/^BEGIN:VCALENDAR/);
    expect(p.objects.invalidations).toEqual([]);
  });

  it('invalidates the page at the CDN when it is published again, with the step’s idempotency key', async () => {
    const { p, booking } = await setUp({ cdn: true });
    const result = await run(guestPageStep, p, booking, {
      previous: ran('guest_page', { key: 'earlier' }),
      idempotencyKey: 'qsd/BK/guest_page/v3',
    });

    expect(p.objects.invalidations).toEqual([
      {
        id: result.invalidationId,
        distributionId: 'E3L9KXYZ1A2B',
        paths: [
          `/g/${booking.guestSlug}`,
          `/g/${booking.guestSlug}.html`,
          `/g/${booking.guestSlug}.ics`,
        ],
        callerReference: 'qsd/BK/guest_page/v3',
      },
    ]);
  });

  it('publishes a cancellation notice and no calendar file for a cancelled booking', async () => {
    const { p, booking } = await setUp();
    const result = await run(guestPageStep, p, { ...booking, status: 'cancelled' });

    expect(result.cancelled).toBe(true);
    expect((await p.objects.list(QUEEN.bucket, 'g/')).map((o) => o.key)).toEqual([
      `g/${booking.guestSlug}.html`,
    ]);
  });

  it('fails permanently, saying what to fix, when the tenant’s bucket does not exist', async () => {
    const { p, booking } = await setUp();
    const error = await run(guestPageStep, p, booking, {
      tenant: { ...QUEEN, bucket: 'no-such-bucket' },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).hint).toBe(
      'Create the bucket named in the tenants file, or fix its name.',
    );
  });
});

describe('crew_page', () => {
  it('publishes the crew page uncached, with the roster and no money', async () => {
    const { p, booking } = await setUp();
    const result = await run(crewPageStep, p, booking);

    expect(result).toMatchObject({ key: `c/${booking.crewSlug}.html`, cancelled: false });
    const page = await p.objects.get(QUEEN.bucket, `c/${booking.crewSlug}.html`);
    expect(page?.cacheControl).toBe('no-cache');
    expect(page?.body).toContain('Rosa Exampleton');
    expect(page?.body).not.toMatch(/\$\s?\d/);
  });

  it('invalidates only the crew paths on a re-publish', async () => {
    const { p, booking } = await setUp({ cdn: true });
    await run(crewPageStep, p, booking, { previous: ran('crew_page', { key: 'earlier' }) });
    expect(p.objects.invalidations.map((i) => i.paths)).toEqual([
      [`/c/${booking.crewSlug}`, `/c/${booking.crewSlug}.html`],
    ]);
  });

  it('fails permanently when the tenant’s bucket does not exist', async () => {
    const { p, booking } = await setUp();
    await expect(
      run(crewPageStep, p, booking, { tenant: { ...QUEEN, bucket: 'no-such-bucket' } }),
    ).rejects.toBeInstanceOf(PermanentError);
  });
});

describe('calendar_entry', () => {
  it('creates the entry with the money in dollars and the guest page link', async () => {
    const { p, booking } = await setUp();
    const result = await run(calendarEntryStep, p, booking);

    expect(result).toEqual({ entryId: 'CAL-1', cancelled: false });
    const [call] = p.calendar.calls;
    expect(call?.op).toBe('create');
    expect(call?.entry).toMatchObject({
      calendar_id: 'jada-internal',
      start: booking.startsAt,
      duration_minutes: 180,
      metadata: {
        guest_page: `https://queenofsandiego.com/g/${booking.guestSlug}`,
        revenue: 1200,
        port_fee: 216,
      },
    });
  });

  it('updates the entry it made before, and cancels it when the booking is cancelled', async () => {
    const { p, booking } = await setUp();
    const previous = ran('calendar_entry', { entryId: 'CAL-9' });
    expect(await run(calendarEntryStep, p, booking, { previous })).toEqual({
      entryId: 'CAL-9',
      cancelled: false,
    });
    expect(
      await run(calendarEntryStep, p, { ...booking, status: 'cancelled' }, { previous }),
    ).toEqual({ entryId: 'CAL-9', cancelled: true });
    expect(p.calendar.calls.map((c) => [c.op, c.id])).toEqual([
      ['update', 'CAL-9'],
      ['cancel', 'CAL-9'],
    ]);
  });

  it('lets a refusal by the calendar through for the runner to record', async () => {
    const { p, booking } = await setUp();
    const refused = new PermanentError('calendar', 'HTTP 422: unknown calendar_id');
    p.calendar.failures.failNext(1, refused);
    await expect(run(calendarEntryStep, p, booking)).rejects.toBe(refused);
    expect(p.calendar.calls).toEqual([]);
  });
});

describe('crew_event', () => {
  it('creates the SCC event with the crew, the crew page link and the seed’s money fields', async () => {
    const { p, booking } = await setUp();
    const result = await run(crewEventStep, p, booking);

    expect(result).toEqual({ eventId: 'EV-1', cancelled: false });
    expect(p.scc.events.get('EV-1')).toMatchObject({
      captain_id: booking.assignment.captainId,
      crew_ids: booking.assignment.crewIds,
      duration_hours: 3,
      revenue: 1200,
      notes: `Crew page with call time and checklist: https://queenofsandiego.com/c/${booking.crewSlug}`,
    });
  });

  it('patches a changed event without sending money again', async () => {
    const { p, booking } = await setUp();
    await run(crewEventStep, p, booking);
    await p.scc.scrubber.scrub('EV-1', 'k');
    await run(crewEventStep, p, booking, { previous: ran('crew_event', { eventId: 'EV-1' }) });

    expect(p.scc.calls.map((c) => c.op)).toEqual(['create', 'patch']);
    expect(p.scc.events.get('EV-1')?.revenue).toBeUndefined();
  });

  it('cancels the event for a cancelled booking, and creates none when there was none', async () => {
    const { p, booking } = await setUp();
    const cancelled = { ...booking, status: 'cancelled' as const };
    expect(await run(crewEventStep, p, cancelled)).toEqual({ eventId: null, cancelled: true });
    expect(p.scc.calls).toEqual([]);
  });
});

describe('revenue_scrub', () => {
  it('clears the money from the crew event and proves it by reading it back', async () => {
    const { p, booking } = await setUp();
    await run(crewEventStep, p, booking);
    const result = await run(revenueScrubStep, p, booking, {
      upstream: { crew_event: { eventId: 'EV-1' } },
    });

    expect(result).toEqual({ eventId: 'EV-1', verified: true });
    const event = p.scc.events.get('EV-1');
    expect(event).not.toHaveProperty('revenue');
    expect(event).not.toHaveProperty('crew_rate');
    expect(event).not.toHaveProperty('captain_rate');
  });

  it('refuses, permanently, when money is still visible to crew after the scrub', async () => {
    const { p, booking } = await setUp();
    await run(crewEventStep, p, booking);
    p.scc.scrubWorks = false;
    const error = await run(revenueScrubStep, p, booking, {
      upstream: { crew_event: { eventId: 'EV-1' } },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      'SCC: money is still visible to crew after the scrub: revenue, crew_rate, captain_rate',
    );
  });
});

describe('crew_notify', () => {
  it('stores a pending assignment per person, a hashed link each, and sends each their link', async () => {
    const { p, booking } = await setUp();
    const result = await run(crewNotifyStep, p, booking, {
      upstream: { crew_event: { eventId: 'EV-7' } },
    });

    const people = [booking.assignment.captainId, ...booking.assignment.crewIds].sort();
    expect(result).toMatchObject({ released: [], delivery: 'deckhand' });
    expect((result.notified as string[]).sort()).toEqual(people);
    expect(await p.crew.getSccEventRef(QUEEN.id, 'EV-7')).toBe(booking.bookingId);
    const assignments = await p.crew.list(QUEEN.id, booking.bookingId);
    expect(assignments.map((a) => [a.personId, a.state])).toEqual(
      people.map((id) => [id, 'pending']),
    );
    for (const message of p.notifier.sent) {
      const token = (message.link as string).split('/').at(-1) as string;
      expect(await p.crew.getLink(hashLinkToken(token) as string)).toMatchObject({
        bookingId: booking.bookingId,
        personId: message.person.id,
      });
    }
    expect(p.events.filter((e) => e.type === 'crew_notified')).toHaveLength(people.length);
  });

  it('releases a person taken off the charter and tells them, without asking the others again', async () => {
    const { p, booking } = await setUp();
    await run(crewNotifyStep, p, booking);
    const dropped = booking.assignment.crewIds[0] as string;
    const sent = p.notifier.sent.length;

    const changed = {
      ...booking,
      assignment: { ...booking.assignment, crewIds: booking.assignment.crewIds.slice(1) },
    };
    const result = await run(crewNotifyStep, p, changed);

    expect(result).toMatchObject({ notified: [], released: [dropped] });
    expect((await p.crew.get(QUEEN.id, booking.bookingId, dropped))?.state).toBe('replaced');
    expect(p.notifier.sent.slice(sent).map((m) => [m.person.id, m.kind])).toEqual([
      [dropped, 'released'],
    ]);
  });
});
