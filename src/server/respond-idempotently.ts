/** Wires the `Idempotency-Key` header to an IdempotencyStore, with the HTTP answers for its outcomes. */
import { errorResponse } from './error-response.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import { hashRequest } from './request-hash.ts';
import type { ServiceRequest, ServiceResponse } from './service-http.ts';

/**
 * Runs `compute` at most once per Idempotency-Key within `scope` (no key: runs it every time).
 * `fingerprint` is what makes two requests "the same" (the validated body and route).
 */
export async function respondIdempotently(
  store: IdempotencyStore,
  request: ServiceRequest,
  scope: string,
  fingerprint: unknown,
  compute: (idempotencyKey: string | undefined) => Promise<ServiceResponse>,
): Promise<ServiceResponse> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return compute(undefined);
  if (!/^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/.test(key)) {
    return errorResponse(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1-255 printable ASCII characters.',
    );
  }
  const outcome = await store.remember(scope, key, hashRequest(fingerprint), () => compute(key));
  if (outcome === 'conflict') {
    return errorResponse(
      409,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request.',
    );
  }
  if (outcome === 'in_progress') {
    return errorResponse(
      409,
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      { 'retry-after': '1' },
    );
  }
  return outcome;
}
