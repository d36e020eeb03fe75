/**
 * Bookings, steps and events in process memory, with the DynamoDB adapter's semantics (the
 * contract suite runs against both): first-claimant-wins ids and slugs, version-checked updates,
 * leased step claims judged by the caller's clock, consecutive event numbers.
 */
import { type Booking, VersionConflictError } from '../bookings/booking.ts';
import type { PipelineEvent, StepRecord } from '../pipeline/step-record.ts';
import type { SlugOwner } from './ports/booking-repository.ts';
import type { BookingStore } from './ports/booking-store.ts';
import type { StepClaim } from './ports/step-ledger.ts';

/** A stored step: what the claim is for rides along until the step finishes, as on DynamoDB. */
type StoredStep = Partial<StepRecord> & { pendingHash?: string; pendingVersion?: number };

const copy = structuredClone;
const bookingKey = (tenantId: string, bookingId: string) => `${tenantId}#${bookingId}`;

/** In-process BookingStore for unit tests and single-process local use. */
export class MemoryBookingStore implements BookingStore {
  readonly #bookings = new Map<string, Booking>();
  readonly #marketplaceRefs = new Map<string, string>();
  readonly #slugs = new Map<string, SlugOwner>();
  readonly #steps = new Map<string, Map<string, StoredStep>>();
  readonly #events = new Map<string, PipelineEvent[]>();

  async claimMarketplaceId(
    tenantId: string,
    marketplaceId: string,
    bookingId: string,
  ): Promise<string> {
    const key = `${tenantId}#${marketplaceId}`;
    const holder = this.#marketplaceRefs.get(key);
    if (holder !== undefined) return holder;
    this.#marketplaceRefs.set(key, bookingId);
    return bookingId;
  }

  async findMarketplaceRef(tenantId: string, marketplaceId: string): Promise<string | undefined> {
    return this.#marketplaceRefs.get(`${tenantId}#${marketplaceId}`);
  }

  async claimSlug(slug: string, owner: SlugOwner): Promise<boolean> {
    if (this.#slugs.has(slug)) return false;
    this.#slugs.set(slug, copy(owner));
    return true;
  }

  async findSlug(slug: string): Promise<SlugOwner | undefined> {
    const owner = this.#slugs.get(slug);
    return owner && copy(owner);
  }

  async create(booking: Booking): Promise<boolean> {
    const key = bookingKey(booking.tenantId, booking.bookingId);
    if (this.#bookings.has(key)) return false;
    this.#bookings.set(key, copy(booking));
    return true;
  }

  async get(tenantId: string, bookingId: string): Promise<Booking | undefined> {
    const found = this.#bookings.get(bookingKey(tenantId, bookingId));
    return found && copy(found);
  }

  async update(
    current: Booking,
    changes: Partial<Omit<Booking, 'tenantId' | 'bookingId' | 'version'>>,
    now: Date,
  ): Promise<Booking> {
    const key = bookingKey(current.tenantId, current.bookingId);
    if (this.#bookings.get(key)?.version !== current.version) {
      throw new VersionConflictError(
        `booking ${current.bookingId} changed since version ${current.version}`,
      );
    }
    const next: Booking = {
      ...current,
      ...changes,
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    this.#bookings.set(key, copy(next));
    return next;
  }

  async listByTenant(tenantId: string, from?: string): Promise<Booking[]> {
    // The same sort key as the DynamoDB index: start instant, then booking id.
    const sortKey = (b: Booking) => `${b.startsAt}#${b.bookingId}`;
    return [...this.#bookings.values()]
      .filter((b) => b.tenantId === tenantId && (from === undefined || sortKey(b) >= from))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
      .map((b) => copy(b));
  }

  #stepsOf(tenantId: string, bookingId: string): Map<string, StoredStep> {
    const key = bookingKey(tenantId, bookingId);
    let steps = this.#steps.get(key);
    if (!steps) {
      steps = new Map();
      this.#steps.set(key, steps);
    }
    return steps;
  }

  async getSteps(tenantId: string, bookingId: string): Promise<StepRecord[]> {
    return [...this.#stepsOf(tenantId, bookingId).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, record]) => copy(record) as StepRecord);
  }

  async claimStep(
    tenantId: string,
    bookingId: string,
    step: string,
    claim: StepClaim,
  ): Promise<StepRecord | undefined> {
    const steps = this.#stepsOf(tenantId, bookingId);
    const r = steps.get(step);
    // The DynamoDB condition, term by term (a missing attribute compares false there too).
    const claimable =
      r === undefined ||
      r.status === 'pending' ||
      (r.status === 'running' && r.leaseExpiresAt != null && r.leaseExpiresAt < claim.now) ||
      ((r.status === 'done' || r.status === 'failed') &&
        r.inputHash != null &&
        r.inputHash !== claim.inputHash) ||
      (r.status === 'failed' && r.lastErrorPermanent === false);
    if (!claimable) return undefined;
    const stored: StoredStep = {
      ...r,
      status: 'running',
      leaseOwner: claim.owner,
      leaseExpiresAt: claim.now + claim.leaseMs,
      attempts: (r?.attempts ?? 0) + 1,
      step,
      pendingHash: claim.inputHash,
      pendingVersion: claim.version,
      updatedAt: new Date(claim.now).toISOString(),
    };
    steps.set(step, stored);
    const { pendingHash: _h, pendingVersion: _v, ...claimed } = copy(stored);
    return claimed as StepRecord;
  }

  async completeStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    outcome: { result: Record<string, unknown>; inputHash: string; version: number; now: number },
  ): Promise<boolean> {
    return this.#finishStep(tenantId, bookingId, step, owner, {
      status: 'done',
      result: copy(outcome.result),
      inputHash: outcome.inputHash,
      forVersion: outcome.version,
      lastError: null,
      lastErrorPermanent: null,
      updatedAt: new Date(outcome.now).toISOString(),
    });
  }

  async failStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    failure: { error: string; permanent: boolean; inputHash: string; now: number },
  ): Promise<boolean> {
    return this.#finishStep(tenantId, bookingId, step, owner, {
      status: 'failed',
      inputHash: failure.inputHash,
      lastError: failure.error,
      lastErrorPermanent: failure.permanent,
      updatedAt: new Date(failure.now).toISOString(),
    });
  }

  #finishStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    values: Partial<StepRecord>,
  ): boolean {
    const steps = this.#stepsOf(tenantId, bookingId);
    const r = steps.get(step);
    if (!r || r.leaseOwner !== owner) return false;
    const { leaseOwner: _o, leaseExpiresAt: _e, pendingHash: _h, pendingVersion: _v, ...kept } = r;
    steps.set(step, { ...kept, ...values });
    return true;
  }

  async resetFailedSteps(tenantId: string, bookingId: string, now: Date): Promise<string[]> {
    const reset: string[] = [];
    for (const record of await this.getSteps(tenantId, bookingId)) {
      if (record.status !== 'failed') continue;
      const steps = this.#stepsOf(tenantId, bookingId);
      const r = steps.get(record.step);
      if (r?.status !== 'failed') continue;
      steps.set(record.step, {
        ...r,
        status: 'pending',
        attempts: 0,
        updatedAt: now.toISOString(),
      });
      reset.push(record.step);
    }
    return reset;
  }

  async appendEvent(
    tenantId: string,
    bookingId: string,
    event: Omit<PipelineEvent, 'seq'>,
  ): Promise<PipelineEvent> {
    const key = bookingKey(tenantId, bookingId);
    const events = this.#events.get(key) ?? [];
    this.#events.set(key, events);
    const stored: PipelineEvent = { seq: events.length + 1, ...copy(event) };
    events.push(stored);
    return copy(stored);
  }

  async listEvents(tenantId: string, bookingId: string): Promise<PipelineEvent[]> {
    return copy(this.#events.get(bookingKey(tenantId, bookingId)) ?? []);
  }
}
