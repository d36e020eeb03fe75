/** In-memory CalendarStore for tests and one-process runs, with the same conditions as the DynamoDB one. */
import type { CalendarEntryFields, CalendarStore, StoredCalendarEntry } from './calendar-store.ts';

/** Entries in a Map keyed by (tenant, id); copies in and out, like a database. */
export class MemoryCalendarStore implements CalendarStore {
  readonly #entries = new Map<string, StoredCalendarEntry>();

  async put(entry: StoredCalendarEntry): Promise<boolean> {
    // Yield first, as a network store would, so concurrent callers really interleave.
    await Promise.resolve();
    const key = entryKey(entry.tenantId, entry.id);
    if (this.#entries.has(key)) return false;
    this.#entries.set(key, structuredClone(entry));
    return true;
  }

  async get(tenantId: string, id: string): Promise<StoredCalendarEntry | undefined> {
    await Promise.resolve();
    const entry = this.#entries.get(entryKey(tenantId, id));
    return entry === undefined ? undefined : structuredClone(entry);
  }

  async update(
    tenantId: string,
    id: string,
    fields: CalendarEntryFields,
    updatedAt: string,
  ): Promise<StoredCalendarEntry | 'missing' | 'cancelled'> {
    await Promise.resolve();
    const key = entryKey(tenantId, id);
    const entry = this.#entries.get(key);
    if (entry === undefined) return 'missing';
    if (entry.status === 'cancelled') return 'cancelled';
    const next: StoredCalendarEntry = {
      ...entry,
      ...structuredClone(fields),
      revision: entry.revision + 1,
      updatedAt,
    };
    this.#entries.set(key, next);
    return structuredClone(next);
  }

  async markCancelled(
    tenantId: string,
    id: string,
    cancelledAt: string,
  ): Promise<StoredCalendarEntry | undefined> {
    await Promise.resolve();
    const key = entryKey(tenantId, id);
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.status !== 'cancelled') {
      this.#entries.set(key, {
        ...entry,
        status: 'cancelled',
        revision: entry.revision + 1,
        updatedAt: cancelledAt,
      });
    }
    return structuredClone(this.#entries.get(key));
  }

  async listByCalendar(tenantId: string, calendarId: string): Promise<StoredCalendarEntry[]> {
    await Promise.resolve();
    return [...this.#entries.values()]
      .filter((e) => e.tenantId === tenantId && e.calendarId === calendarId)
      .map((e) => structuredClone(e));
  }
}

function entryKey(tenantId: string, id: string): string {
  return JSON.stringify([tenantId, id]);
}
