/** In-memory IdempotencyRecordStore for tests and one-process runs; behaves like the conditional DynamoDB writes. */
import type { IdempotencyRecord, IdempotencyRecordStore } from './idempotency-store.ts';

/** Records in a Map; copies in and out, like a database, so callers cannot mutate stored state. */
export class MemoryIdempotencyRecordStore implements IdempotencyRecordStore {
  readonly #records = new Map<string, IdempotencyRecord>();

  async create(scope: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    // Yield first, as a network store would, so concurrent callers really interleave.
    await Promise.resolve();
    const id = recordId(scope, key);
    if (this.#records.has(id)) return false;
    this.#records.set(id, structuredClone(record));
    return true;
  }

  async get(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    await Promise.resolve();
    const record = this.#records.get(recordId(scope, key));
    return record === undefined ? undefined : structuredClone(record);
  }

  async replace(
    scope: string,
    key: string,
    record: IdempotencyRecord,
    expectedToken: string,
  ): Promise<boolean> {
    await Promise.resolve();
    const id = recordId(scope, key);
    if (this.#records.get(id)?.token !== expectedToken) return false;
    this.#records.set(id, structuredClone(record));
    return true;
  }

  async delete(scope: string, key: string, expectedToken: string): Promise<boolean> {
    await Promise.resolve();
    const id = recordId(scope, key);
    if (this.#records.get(id)?.token !== expectedToken) return false;
    this.#records.delete(id);
    return true;
  }
}

function recordId(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}
