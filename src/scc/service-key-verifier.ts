/**
 * Checks an SCC service key against the bcrypt hash (SCC_SERVICE_KEY_HASH), as the seed's SCC
 * does. bcrypt is deliberately slow (tens of ms), so: impossible keys are refused before
 * hashing, successful checks are cached briefly by the key's SHA-256, concurrent checks of one
 * key share one bcrypt run, failed checks are limited per client address, and bcrypt runs one
 * check at a time per process with a short queue (BcryptGate), answering 503 beyond it.
 */
import { createHash } from 'node:crypto';
import { compare } from 'bcryptjs';
import { ConfigError } from '../errors.ts';
import type { FailedAttemptLimiter } from '../server/failed-attempt-limiter.ts';

export interface ServiceKeyVerifierOptions {
  /** A bcrypt hash ($2a$/$2b$/$2y$). */
  hash: string;
  limiter: FailedAttemptLimiter;
  /** How long a verified key skips bcrypt (default 5 min). */
  cacheTtlMs?: number;
  now?: () => number;
  /** bcrypt's compare; injectable so tests can count calls. */
  compare?: (key: string, hash: string) => Promise<boolean>;
  /** Where bcrypt runs wait their turn (default: one gate for the whole process). */
  gate?: BcryptGate;
}

export type KeyCheck =
  | { ok: true }
  | {
      ok: false;
      status: 400 | 401 | 429 | 503;
      error: string;
      message: string;
      retryAfterMs?: number;
    };

/**
 * Lets bcrypt run `maxRunning` checks at a time with at most `maxWaiting` queued behind them.
 *
 * bcryptjs works in synchronous slices of up to 100 ms and yields with setImmediate, so N checks
 * in flight stall the event loop for about N × 100 ms per turn: under a flood of bad keys from
 * many addresses (each allowed 10 tries) timers and every other request starved for seconds
 * (test/reliability/hostile-service-keys.test.ts). One at a time keeps a stall at one slice.
 * A counter and a queue, not a library: p-limit and p-queue have no bound on the queue.
 */
export class BcryptGate {
  readonly #maxRunning: number;
  readonly #maxWaiting: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: { maxRunning?: number; maxWaiting?: number } = {}) {
    this.#maxRunning = options.maxRunning ?? 1;
    this.#maxWaiting = options.maxWaiting ?? 32;
  }

  /** False when a new check would have to be refused. */
  hasRoom(): boolean {
    return this.#running < this.#maxRunning || this.#waiting.length < this.#maxWaiting;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#maxRunning)
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

/** The process's gate: every verifier (one per tenant's SCC) shares it unless given another. */
const PROCESS_GATE = new BcryptGate();

/** bcrypt reads only the first 72 bytes; a longer key would match on its prefix alone. */
export const MAX_SERVICE_KEY_BYTES = 72;
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const MAX_CACHED_KEYS = 16;

export class ServiceKeyVerifier {
  readonly #hash: string;
  readonly #limiter: FailedAttemptLimiter;
  readonly #cacheTtlMs: number;
  readonly #now: () => number;
  readonly #compare: (key: string, hash: string) => Promise<boolean>;
  readonly #gate: BcryptGate;
  /** SHA-256 of a verified key → when the entry expires. Never the key itself. */
  readonly #verified = new Map<string, number>();
  readonly #inFlight = new Map<string, Promise<boolean>>();

  constructor(options: ServiceKeyVerifierOptions) {
    if (!BCRYPT_HASH.test(options.hash)) {
      throw new ConfigError('The built-in SCC settings', [
        'SCC_SERVICE_KEY_HASH must be a bcrypt hash like $2b$12$… (60 characters)',
      ]);
    }
    this.#hash = options.hash;
    this.#limiter = options.limiter;
    this.#cacheTtlMs = options.cacheTtlMs ?? 5 * 60 * 1000;
    this.#now = options.now ?? Date.now;
    this.#compare = options.compare ?? compare;
    this.#gate = options.gate ?? PROCESS_GATE;
  }

  /** Checks the key a client sent (undefined: header missing) from `clientIp`. */
  async check(key: string | undefined, clientIp: string, headerName: string): Promise<KeyCheck> {
    // Blocked addresses are refused before anything else, so a block cannot be probed.
    const blockedFor = this.#limiter.retryAfterMs(clientIp);
    if (blockedFor !== undefined) return tooManyFailures(blockedFor);
    if (key === undefined || key === '') {
      return {
        ok: false,
        status: 401,
        error: 'missing_key',
        message: `Send the service key in the ${headerName} header.`,
      };
    }
    if (Buffer.byteLength(key, 'utf8') > MAX_SERVICE_KEY_BYTES) {
      return {
        ok: false,
        status: 400,
        error: 'key_too_long',
        message: `A service key is at most ${MAX_SERVICE_KEY_BYTES} bytes.`,
      };
    }
    const digest = createHash('sha256').update(key, 'utf8').digest('hex');
    const cachedUntil = this.#verified.get(digest);
    if (cachedUntil !== undefined && cachedUntil > this.#now()) return { ok: true };

    let pending = this.#inFlight.get(digest);
    if (pending === undefined) {
      // Checked before the attempt is counted: a busy answer is not the client's failure.
      if (!this.#gate.hasRoom()) return busy();
      const reservation = this.#limiter.begin(clientIp);
      if (reservation === undefined)
        return tooManyFailures(this.#limiter.retryAfterMs(clientIp) ?? 1000);
      pending = this.#gate.run(() => this.#verify(key, digest, (ok) => reservation.settle(ok)));
      this.#inFlight.set(digest, pending);
    }
    if (await pending) return { ok: true };
    return {
      ok: false,
      status: 401,
      error: 'invalid_key',
      message: 'The service key is not valid.',
    };
  }

  async #verify(key: string, digest: string, settle: (ok: boolean) => void): Promise<boolean> {
    let ok = false;
    try {
      ok = await this.#compare(key, this.#hash);
    } finally {
      settle(ok);
      this.#inFlight.delete(digest);
    }
    if (ok) {
      this.#verified.delete(digest);
      this.#verified.set(digest, this.#now() + this.#cacheTtlMs);
      // Only the real key (and a rotated one) ever gets here; the cap is a safety net.
      for (const old of this.#verified.keys()) {
        if (this.#verified.size <= MAX_CACHED_KEYS) break;
        this.#verified.delete(old);
      }
    }
    return ok;
  }
}

function busy(): KeyCheck {
  return {
    ok: false,
    status: 503,
    error: 'busy',
    message: 'Too many service keys are being checked right now; try again in a second.',
    retryAfterMs: 1000,
  };
}

function tooManyFailures(retryAfterMs: number): KeyCheck {
  return {
    ok: false,
    status: 429,
    error: 'too_many_failures',
    message: 'Too many wrong service keys from this address; wait and try again.',
    retryAfterMs,
  };
}
