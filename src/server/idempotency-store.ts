/**
 * Idempotency for the built-in services: a repeated request (same key) gets the first answer
 * and changes nothing. Two layers, so the lead's DynamoDB version only writes single items:
 * `IdempotencyRecordStore` is four conditional single-item operations (no transactions, which
 * dynalite lacks); `IdempotencyStore` is the algorithm on top (see LeasedIdempotencyStore).
 */
import type { ServiceResponse } from './service-http.ts';

/** What `remember` answers besides a response: another body reused the key, or the first try is still running. */
export type IdempotencyOutcome = ServiceResponse | 'conflict' | 'in_progress';

export interface IdempotencyStore {
  /**
   * Runs `compute` once per (scope, key) and stores its response; a repeat with the same
   * `requestHash` gets the stored response, one with another hash gets 'conflict', and one that
   * arrives while the first is still running waits briefly, then gets 'in_progress'.
   */
  remember(
    scope: string,
    key: string,
    requestHash: string,
    compute: () => Promise<ServiceResponse>,
  ): Promise<IdempotencyOutcome>;
}

/** One (scope, key) record. `token` names the writer that owns it; conditions compare it. */
export interface IdempotencyRecord {
  state: 'pending' | 'completed';
  requestHash: string;
  token: string;
  /**
   * Epoch ms. Pending: the owner's lease ends (a crashed owner's record can be taken over).
   * Completed: the stored answer may be forgotten (also usable as a DynamoDB TTL attribute).
   */
  expiresAt: number;
  /** Present when completed. */
  response?: ServiceResponse;
}

/** Single-item conditional operations; each maps to one DynamoDB call. */
export interface IdempotencyRecordStore {
  /** Writes the record only if none exists (`attribute_not_exists`). False when one did. */
  create(scope: string, key: string, record: IdempotencyRecord): Promise<boolean>;
  get(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Overwrites the record only if its current token is `expectedToken`. False otherwise. */
  replace(
    scope: string,
    key: string,
    record: IdempotencyRecord,
    expectedToken: string,
  ): Promise<boolean>;
  /** Deletes the record only if its current token is `expectedToken`. False otherwise. */
  delete(scope: string, key: string, expectedToken: string): Promise<boolean>;
}
