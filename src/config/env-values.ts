/**
 * The building blocks of every area's environment schema. One rule for all keys: a blank value
 * (empty or only spaces) means unset, because shells and .env files often export `KEY=`.
 */
import { z } from 'zod';

/** The schema, with a blank value read as unset (so `.default()` and `.optional()` apply). */
export function unsetIfBlank<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

export const optionalString = unsetIfBlank(z.string().optional());

export const optionalUrl = unsetIfBlank(
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
);

/** A whole number in [min, max], `fallback` when unset; `what` says what it counts. */
export function positiveInt(min: number, max: number, fallback: number, what: string) {
  const message = `must be a whole number from ${min} to ${max}: ${what}`;
  return unsetIfBlank(
    z
      .string()
      .regex(/^\d{1,9}$/, message)
      .transform(Number)
      .refine((n) => n >= min && n <= max, message)
      .default(fallback),
  );
}

/** An HTTP header name, `fallback` when unset. */
export function headerName(fallback: string) {
  return unsetIfBlank(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'an HTTP header name')
      .default(fallback),
  );
}

/** A bcrypt hash, as `$2b$12$…`; `what` says whose. */
export function bcryptHash(what: string) {
  return z.string().regex(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/, what);
}
