/** Bookings with their steps and events: the three ports one table (or one Map) serves together. */
import type { BookingRepository } from './booking-repository.ts';
import type { EventLog } from './event-log.ts';
import type { StepLedger } from './step-ledger.ts';

/** What the pipeline needs of storage; one adapter usually implements all three. */
export type BookingStore = BookingRepository & StepLedger & EventLog;
