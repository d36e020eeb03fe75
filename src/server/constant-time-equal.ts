/** Secret comparison that takes the same time whatever the inputs, so timing leaks nothing. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `a` equals `b`. Both are hashed first: timingSafeEqual needs equal lengths, and
 * comparing digests keeps the secret's length from showing in the timing either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
