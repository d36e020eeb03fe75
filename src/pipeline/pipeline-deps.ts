/** Everything the pipeline talks to, injected: the same runner works locally and on Lambda. */
import type { CalendarClient } from '../calendar/calendar-contract.ts';
import type { CrewDeps } from '../crew/crew-deps.ts';
import type { SccClient, SccEvent } from '../scc/scc-contract.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { ObjectPublisher } from '../storage/ports/object-publisher.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { PipelineEvent } from './step-record.ts';

/** Clears money from the crew-visible event record, and reads it back. */
export interface RevenueScrubber {
  scrub(eventId: string, idempotencyKey: string): Promise<void>;
  /** The record as crew would see it, for the read-back check. */
  read(eventId: string): Promise<SccEvent>;
}

export interface PipelineDeps {
  store: BookingStore;
  /** The tenants' page buckets and their CDN. */
  objects: ObjectPublisher;
  calendarFor(tenant: Tenant): CalendarClient;
  sccFor(tenant: Tenant): SccClient;
  scrubberFor(tenant: Tenant): RevenueScrubber;
  /** Public URLs of the pages (local server or https://<tenant domain>). */
  guestPageUrl(tenant: Tenant, slug: string): string;
  crewPageUrl(tenant: Tenant, slug: string): string;
  /** The ops-only gallery of a booking's photos: a signed link working until `expiresAt`. */
  photoGalleryUrl?(tenant: Tenant, bookingId: string, expiresAt: Date): string;
  clock(): Date;
  /** Called for every event, in order per booking, after it is stored. */
  onEvent?(tenantId: string, bookingId: string, event: PipelineEvent): void;
  crew: CrewDeps;
  retry?: { retries: number; minTimeoutMs: number; maxTimeoutMs: number };
  leaseMs?: number;
  /**
   * Bounds how many pipelines run at once in this process (DECKHAND_PIPELINE_CONCURRENCY): a
   * p-limit shared by every caller of runPipeline. Unbounded, 200 pipelines at once queue their
   * calls behind each other until the services' 5 s client timeout fires (docs/RELIABILITY.md).
   */
  limit?: <T>(work: () => Promise<T>) => Promise<T>;
}
