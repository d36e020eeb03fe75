/**
 * Caps failed credential checks per client address in a sliding window, so guessing a service
 * key is slow and a flood of bad keys cannot keep the CPU busy with bcrypt. In memory, per
 * process: enough for one server; on Lambda each instance counts for itself.
 */

export interface FailedAttemptLimiterOptions {
  /** Failures allowed per window (default 10). */
  maxFailures?: number;
  /** Window length in ms (default 60 s). */
  windowMs?: number;
  now?: () => number;
  /** Addresses tracked at once; the oldest is forgotten beyond this (default 10,000). */
  maxClients?: number;
}

/** A claimed attempt: settle it with the outcome once the check is done. */
export interface AttemptReservation {
  settle(success: boolean): void;
}

export class FailedAttemptLimiter {
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #maxClients: number;
  /** Per address: times of failures and of checks still running, oldest first. */
  readonly #attempts = new Map<string, number[]>();

  constructor(options: FailedAttemptLimiterOptions = {}) {
    this.#maxFailures = options.maxFailures ?? 10;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    this.#maxClients = options.maxClients ?? 10_000;
  }

  /** Milliseconds until `clientIp` may try again, or undefined when it may try now. */
  retryAfterMs(clientIp: string): number | undefined {
    const times = this.#current(clientIp);
    if (times.length < this.#maxFailures) return undefined;
    return Math.max(1, (times[0] ?? 0) + this.#windowMs - this.#now());
  }

  /**
   * Claims an attempt before the (slow) check runs, so concurrent bad guesses count at once;
   * undefined when the address is over its limit. A successful check gives the claim back.
   */
  begin(clientIp: string): AttemptReservation | undefined {
    if (this.retryAfterMs(clientIp) !== undefined) return undefined;
    const at = this.#now();
    const times = this.#current(clientIp);
    times.push(at);
    this.#attempts.delete(clientIp);
    this.#attempts.set(clientIp, times);
    this.#forgetOldest();
    let settled = false;
    return {
      settle: (success) => {
        if (settled || !success) {
          settled = true;
          return;
        }
        settled = true;
        const list = this.#attempts.get(clientIp);
        const index = list?.indexOf(at) ?? -1;
        if (list && index !== -1) list.splice(index, 1);
        if (list?.length === 0) this.#attempts.delete(clientIp);
      },
    };
  }

  #current(clientIp: string): number[] {
    const since = this.#now() - this.#windowMs;
    const times = (this.#attempts.get(clientIp) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#attempts.delete(clientIp);
    else this.#attempts.set(clientIp, times);
    return times;
  }

  #forgetOldest(): void {
    while (this.#attempts.size > this.#maxClients) {
      const oldest = this.#attempts.keys().next().value;
      if (oldest === undefined) return;
      this.#attempts.delete(oldest);
    }
  }
}
