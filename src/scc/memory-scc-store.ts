/** In-memory SccStore for tests and one-process runs, with the same conditions as the DynamoDB one. */
import type { SccEventChanges, SccStore, StoredSccEvent } from './scc-store.ts';

/** Events in a Map keyed by (tenant, event id); copies in and out, like a database. */
export class MemorySccStore implements SccStore {
  readonly #events = new Map<string, StoredSccEvent>();

  async create(event: StoredSccEvent): Promise<boolean> {
    // Yield first, as a network store would, so concurrent callers really interleave.
    await Promise.resolve();
    const key = eventKey(event.tenant_id, event.event_id);
    if (this.#events.has(key)) return false;
    this.#events.set(key, structuredClone(event));
    return true;
  }

  async get(tenantId: string, eventId: string): Promise<StoredSccEvent | undefined> {
    await Promise.resolve();
    const event = this.#events.get(eventKey(tenantId, eventId));
    return event === undefined ? undefined : structuredClone(event);
  }

  async patch(
    tenantId: string,
    eventId: string,
    changes: SccEventChanges,
  ): Promise<StoredSccEvent | undefined> {
    await Promise.resolve();
    const key = eventKey(tenantId, eventId);
    const event = this.#events.get(key);
    if (event === undefined) return undefined;
    const next: StoredSccEvent = {
      ...event,
      ...structuredClone(changes.set),
      updated_at: changes.updatedAt,
    };
    for (const field of changes.remove) delete next[field];
    this.#events.set(key, next);
    return structuredClone(next);
  }

  /** Every stored event of a tenant (tests count them). */
  list(tenantId: string): StoredSccEvent[] {
    return [...this.#events.values()]
      .filter((e) => e.tenant_id === tenantId)
      .map((e) => structuredClone(e));
  }
}

function eventKey(tenantId: string, eventId: string): string {
  return JSON.stringify([tenantId, eventId]);
}
