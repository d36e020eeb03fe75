/** A fingerprint of a request's meaning, so a reused idempotency key with other content is caught. */
import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of a canonical JSON form: object keys sorted, so the same request with its
 * fields in another order or other whitespace has the same fingerprint.
 */
export function hashRequest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
