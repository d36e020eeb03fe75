/**
 * Where the built-in calendar keeps entries: keyed by tenant, single-item conditional writes
 * only (no transactions: dynalite has none), so a DynamoDB version is one call per method.
 */

export interface StoredCalendarEntry {
  tenantId: string;
  id: string;
  calendarId: string;
  title: string;
  /** A UTC instant, ISO 8601. */
  start: string;
  durationMinutes: number;
  /** As sent: the guest page and the money (dollars). Never shown in the ICS feed. */
  metadata: Record<string, unknown>;
  status: 'scheduled' | 'cancelled';
  /** Starts at 0 and goes up with every change: the ICS SEQUENCE. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a PUT replaces. */
export type CalendarEntryFields = Pick<
  StoredCalendarEntry,
  'calendarId' | 'title' | 'start' | 'durationMinutes' | 'metadata'
>;

export interface CalendarStore {
  /** Writes a new entry unless one with its id exists (`attribute_not_exists`); false when it did. */
  put(entry: StoredCalendarEntry): Promise<boolean>;
  get(tenantId: string, id: string): Promise<StoredCalendarEntry | undefined>;
  /**
   * Replaces the fields of a scheduled entry and bumps its revision (condition: exists and not
   * cancelled). Says which condition failed; DynamoDB needs a follow-up get to tell.
   */
  update(
    tenantId: string,
    id: string,
    fields: CalendarEntryFields,
    updatedAt: string,
  ): Promise<StoredCalendarEntry | 'missing' | 'cancelled'>;
  /** Marks the entry cancelled (condition: exists); an already cancelled entry stays as it is. */
  markCancelled(
    tenantId: string,
    id: string,
    cancelledAt: string,
  ): Promise<StoredCalendarEntry | undefined>;
  /** Every entry of one calendar of the tenant, cancelled ones included. */
  listByCalendar(tenantId: string, calendarId: string): Promise<StoredCalendarEntry[]>;
}
