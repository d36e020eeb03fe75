/**
 * The idempotency algorithm over single-item conditional writes. The first request claims the
 * key with a PENDING record (create-if-absent) carrying a lease; only the claimant computes.
 * A concurrent duplicate polls until the record is COMPLETED and replays it, or answers
 * 'in_progress' after `waitMs`. A claimant that crashed leaves a lease that expires and can be
 * taken over (conditional on its token). Failures (thrown or 5xx) release the claim so a retry
 * runs again; other answers are stored and replayed.
 */
import { randomUUID } from 'node:crypto';
import type {
  IdempotencyOutcome,
  IdempotencyRecord,
  IdempotencyRecordStore,
  IdempotencyStore,
} from './idempotency-store.ts';
import type { ServiceResponse } from './service-http.ts';

export interface LeasedIdempotencyOptions {
  /** How long a claimant may compute before others may take over (default 30 s). */
  leaseMs?: number;
  /** How long a completed answer is replayed (default 24 h). */
  retentionMs?: number;
  /** How long a duplicate waits for the first request to finish (default 3 s). */
  waitMs?: number;
  /** First poll interval; it doubles up to 250 ms (default 20 ms). */
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Replays carry this header, so a client (and a test) can tell a replay from a first answer. */
export const REPLAYED_HEADER = 'idempotent-replayed';

export class LeasedIdempotencyStore implements IdempotencyStore {
  readonly #records: IdempotencyRecordStore;
  readonly #leaseMs: number;
  readonly #retentionMs: number;
  readonly #waitMs: number;
  readonly #pollMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(records: IdempotencyRecordStore, options: LeasedIdempotencyOptions = {}) {
    this.#records = records;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
    this.#waitMs = options.waitMs ?? 3_000;
    this.#pollMs = options.pollMs ?? 20;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async remember(
    scope: string,
    key: string,
    requestHash: string,
    compute: () => Promise<ServiceResponse>,
  ): Promise<IdempotencyOutcome> {
    const deadline = this.#now() + this.#waitMs;
    let pause = this.#pollMs;
    for (;;) {
      const token = randomUUID();
      const claim: IdempotencyRecord = {
        state: 'pending',
        requestHash,
        token,
        expiresAt: this.#now() + this.#leaseMs,
      };
      if (await this.#records.create(scope, key, claim))
        return this.#run(scope, key, claim, compute);

      const existing = await this.#records.get(scope, key);
      if (existing !== undefined) {
        if (existing.expiresAt <= this.#now()) {
          // An abandoned claim or a forgotten answer: take the key over, unless someone else just did.
          if (await this.#records.replace(scope, key, claim, existing.token)) {
            return this.#run(scope, key, claim, compute);
          }
        } else if (existing.requestHash !== requestHash) {
          return 'conflict';
        } else if (existing.state === 'completed' && existing.response) {
          const { response } = existing;
          return { ...response, headers: { ...response.headers, [REPLAYED_HEADER]: 'true' } };
        }
      }
      // Pending elsewhere, or released between our two reads: wait and look again.
      if (this.#now() >= deadline) return 'in_progress';
      await this.#sleep(pause);
      pause = Math.min(pause * 2, 250);
    }
  }

  async #run(
    scope: string,
    key: string,
    claim: IdempotencyRecord,
    compute: () => Promise<ServiceResponse>,
  ): Promise<ServiceResponse> {
    let response: ServiceResponse;
    try {
      response = await compute();
    } catch (error) {
      await this.#records.delete(scope, key, claim.token).catch(() => false);
      throw error;
    }
    if (response.status >= 500) {
      // A failure is not an answer to remember: the retry should really run again.
      await this.#records.delete(scope, key, claim.token);
      return response;
    }
    // If the lease was lost (compute outlived it), the taker's answer wins the record; ours
    // still goes to our caller. The services derive entity ids from the key, so both agree.
    await this.#records.replace(
      scope,
      key,
      { ...claim, state: 'completed', expiresAt: this.#now() + this.#retentionMs, response },
      claim.token,
    );
    return response;
  }
}
