/** Ids for entries and events that the built-in services create. */
import { createHash, randomBytes } from 'node:crypto';

/**
 * 22 base64url characters (128+ bits). With an idempotency key the id is derived from
 * (scope, key), so even a retry that outlived its idempotency record writes the same item and
 * the conditional put refuses the duplicate. Without one it is random.
 */
export function entityIdSuffix(scope: string, idempotencyKey: string | undefined): string {
  const bytes =
    idempotencyKey === undefined
      ? randomBytes(16)
      : createHash('sha256')
          .update(JSON.stringify([scope, idempotencyKey]), 'utf8')
          .digest();
  return bytes.toString('base64url').slice(0, 22);
}
