/**
 * Failures of external calls, sorted once: transient ones (timeouts, 5xx, throttling) are
 * retried with backoff; permanent ones (4xx) stop with a reason a person can act on.
 */
import { DeckhandError } from './errors.ts';

/** A call that may succeed if tried again later. */
export class TransientError extends DeckhandError {
  override readonly name = 'TransientError';
  readonly service: string;
  /** How long the service asked us to wait (its `Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    service: string,
    message: string,
    options?: { cause?: unknown; hint?: string; retryAfterMs?: number },
  ) {
    super('transient', `${service}: ${message}`, options);
    this.service = service;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** A call that will fail the same way until a person changes something. */
export class PermanentError extends DeckhandError {
  override readonly name = 'PermanentError';
  readonly service: string;
  readonly status: number | undefined;

  constructor(
    service: string,
    message: string,
    options?: { cause?: unknown; hint?: string; status?: number },
  ) {
    super('permanent', `${service}: ${message}`, options);
    this.service = service;
    this.status = options?.status;
  }
}

/** Sorts an HTTP status into transient (408, 425, 429, 5xx) or permanent (other 4xx). */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
