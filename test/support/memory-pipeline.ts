/**
 * PipelineDeps on memory adapters and recording fakes of the calendar, SCC, the revenue
 * scrubber and the crew notifier: runs the pipeline, its steps and book-from-intake in a unit
 * test with no network and no emulator. Each fake keeps what it was asked, for assertions, and
 * can be told to fail its next calls.
 */
import type { CalendarClient, CalendarEntryRequest } from '../../src/calendar/calendar-contract.ts';
import type { CrewMessage, CrewNotifier } from '../../src/crew/crew-notifier.ts';
import { TransientError } from '../../src/external-errors.ts';
import type { IntakeResult } from '../../src/intake/intake-result.ts';
import { emptyBookingFields } from '../../src/intake/intake-result.ts';
import type { PipelineDeps, RevenueScrubber } from '../../src/pipeline/pipeline-deps.ts';
import type { PipelineEvent } from '../../src/pipeline/step-record.ts';
import { stripMoneyFromText } from '../../src/scc/money-scrub.ts';
import type { SccClient, SccEvent } from '../../src/scc/scc-contract.ts';
import { MemoryBookingStore } from '../../src/storage/memory-booking-store.ts';
import { MemoryCrewStore } from '../../src/storage/memory-crew-store.ts';
import { MemoryObjectPublisher } from '../../src/storage/memory-object-publisher.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';

/** Failures queued for a fake's next calls, taken one per call. */
class FailureQueue {
  readonly #next: Error[] = [];
  failNext(times: number, error: Error): void {
    for (let i = 0; i < times; i += 1) this.#next.push(error);
  }
  take(): void {
    const error = this.#next.shift();
    if (error) throw error;
  }
}

export class FakeCalendar implements CalendarClient {
  readonly calls: {
    op: 'create' | 'update' | 'cancel';
    id?: string;
    entry?: CalendarEntryRequest;
    key: string;
  }[] = [];
  readonly failures = new FailureQueue();
  async createEntry(entry: CalendarEntryRequest, key: string) {
    this.failures.take();
    this.calls.push({ op: 'create', entry, key });
    return { id: `CAL-${this.calls.length}` };
  }
  async updateEntry(id: string, entry: CalendarEntryRequest, key: string) {
    this.failures.take();
    this.calls.push({ op: 'update', id, entry, key });
    return { id };
  }
  async cancelEntry(id: string, key: string) {
    this.failures.take();
    this.calls.push({ op: 'cancel', id, key });
  }
}

/** SCC's event records, and a scrubber over them that clears money the way the built-in SCC does. */
export class FakeScc implements SccClient {
  readonly events = new Map<string, SccEvent>();
  readonly calls: { op: 'create' | 'patch'; eventId: string; key: string }[] = [];
  readonly failures = new FailureQueue();
  /** When false the scrub leaves the money where it is (an SCC that ignored the patch). */
  scrubWorks = true;

  async createEvent(request: Parameters<SccClient['createEvent']>[0], key: string) {
    this.failures.take();
    const eventId = `EV-${this.events.size + 1}`;
    this.events.set(eventId, { event_id: eventId, status: 'scheduled', ...request });
    this.calls.push({ op: 'create', eventId, key });
    return { eventId };
  }
  async patchEvent(request: Parameters<SccClient['patchEvent']>[0], key: string) {
    this.failures.take();
    const { event_id, ...changes } = request;
    const current = this.events.get(event_id);
    if (!current) throw new Error(`no SCC event ${event_id}`);
    this.events.set(event_id, { ...current, ...changes } as SccEvent);
    this.calls.push({ op: 'patch', eventId: event_id, key });
  }
  async getEvent(eventId: string) {
    const event = this.events.get(eventId);
    if (!event) throw new Error(`no SCC event ${eventId}`);
    return structuredClone(event);
  }
  readonly scrubber: RevenueScrubber = {
    scrub: async (eventId) => {
      const event = await this.getEvent(eventId);
      if (!this.scrubWorks) return;
      const { revenue: _r, crew_rate: _c, captain_rate: _p, ...clean } = event;
      this.events.set(eventId, { ...clean, notes: stripMoneyFromText(clean.notes) });
    },
    read: (eventId) => this.getEvent(eventId),
  };
}

export class RecordingNotifier implements CrewNotifier {
  readonly sent: CrewMessage[] = [];
  async send(message: CrewMessage) {
    this.sent.push(message);
    return { channel: 'email', ref: `msg-${this.sent.length}` };
  }
}

export interface MemoryPipeline {
  deps: PipelineDeps;
  store: MemoryBookingStore;
  objects: MemoryObjectPublisher;
  crew: MemoryCrewStore;
  calendar: FakeCalendar;
  scc: FakeScc;
  notifier: RecordingNotifier;
  /** Every event the pipeline reported through onEvent, in order. */
  events: PipelineEvent[];
  /** The injected clock: move it to let leases expire. */
  clock: { now: Date };
}

export function memoryPipeline(
  tenant: Tenant,
  options: { now: Date; cdn?: boolean } = { now: new Date() },
): MemoryPipeline {
  const clock = { now: options.now };
  const store = new MemoryBookingStore();
  const objects = new MemoryObjectPublisher({
    buckets: [tenant.bucket],
    cdn: options.cdn ?? false,
    uploadOrigin: 'https://s3.us-west-2.amazonaws.com',
    clock: () => clock.now,
  });
  const crew = new MemoryCrewStore();
  const calendar = new FakeCalendar();
  const scc = new FakeScc();
  const notifier = new RecordingNotifier();
  const events: PipelineEvent[] = [];
  const base = `https://${tenant.domain}`;
  const deps: PipelineDeps = {
    store,
    objects,
    calendarFor: () => calendar,
    sccFor: () => scc,
    scrubberFor: () => scc.scrubber,
    guestPageUrl: (_t, slug) => `${base}/g/${slug}`,
    crewPageUrl: (_t, slug) => `${base}/c/${slug}`,
    clock: () => clock.now,
    onEvent: (_tenantId, _bookingId, event) => events.push(event),
    crew: {
      store: crew,
      notifier,
      linkUrl: (_t, token) => `${base}/crew/${tenant.id}/${token}`,
      delivery: 'deckhand',
    },
    // Retries without waiting: the tests count attempts, not seconds.
    retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 1 },
    leaseMs: 60_000,
  };
  return { deps, store, objects, crew, calendar, scc, notifier, events, clock };
}

/** A confirmed marketplace booking, three hours on a date relative to `now`. */
export function bookingIntake(now: Date, changes: Partial<IntakeResult> = {}): IntakeResult {
  const day = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    ...emptyBookingFields(),
    bookingId: 'MKT-4417',
    listingName: 'Queen of San Diego',
    date: day,
    startLocal: '10:00',
    durationMinutes: 180,
    guestName: 'Avery Renter',
    partySize: 6,
    grossAmountCents: 120_000,
    kind: 'booking',
    missing: [],
    source: 'email',
    subject: 'Booking confirmed',
    startsAt: null,
    endsAt: null,
    renterNote: 'Birthday on board',
    warnings: [],
    ...changes,
  };
}

/** A transient failure as a flaky service gives it (a 503 that outlasted the client's retries). */
export const flaky = (service: string) => new TransientError(service, 'HTTP 503: try again');
