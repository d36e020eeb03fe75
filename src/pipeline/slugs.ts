/**
 * Public page slugs: random, from an alphabet without look-alikes (no 0/O, 1/I/L), never the
 * marketplace's sequential booking number, which would let anyone enumerate guest pages.
 */
import { randomInt } from 'node:crypto';

export const SLUG_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 8 characters of a 31-letter alphabet: about 40 bits, far beyond guessing at any rate limit. */
export const SLUG_LENGTH = 8;

/** A new random slug from a CSPRNG. */
export function newSlug(length = SLUG_LENGTH): string {
  let slug = '';
  for (let i = 0; i < length; i += 1) slug += SLUG_ALPHABET[randomInt(SLUG_ALPHABET.length)];
  return slug;
}

/** deckhand's own booking id: "BK" and 10 random characters. */
export function newBookingId(): string {
  return `BK${newSlug(10)}`;
}
