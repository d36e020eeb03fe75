/**
 * Magic-link tokens: 256 random bits from the CSPRNG, sent once, stored only as a SHA-256.
 * A database leak then gives no working links; a lookup by hash is a plain key lookup.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new token, URL-safe (43 characters). */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. Shape-checked first so junk never reaches the store. */
export function hashLinkToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The anti-forgery value a link's page puts in its form: an HMAC of the token hash. A page on
 * another site cannot know it, and nothing needs storing for it.
 */
export function formKey(secret: string, tokenHash: string): string {
  return createHmac('sha256', secret).update(`crew-form:${tokenHash}`).digest('base64url');
}

export function formKeyMatches(secret: string, tokenHash: string, presented: string): boolean {
  const expected = Buffer.from(formKey(secret, tokenHash));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
