/** The DraftRepository in memory, with the DynamoDB adapter's semantics the contract names (unit tests). */
import type { Draft, DraftRepository } from './ports/draft-repository.ts';

export class MemoryDraftStore implements DraftRepository {
  readonly #drafts = new Map<string, Draft>();
  readonly #deliveries = new Set<string>();

  async create(draft: Draft): Promise<boolean> {
    await Promise.resolve();
    const key = `${draft.tenantId}#${draft.draftId}`;
    if (this.#drafts.has(key)) return false;
    this.#drafts.set(key, structuredClone(draft));
    return true;
  }

  async get(tenantId: string, draftId: string): Promise<Draft | undefined> {
    await Promise.resolve();
    const found = this.#drafts.get(`${tenantId}#${draftId}`);
    return found ? structuredClone(found) : undefined;
  }

  async claimApproval(
    tenantId: string,
    draftId: string,
    claim: string,
    bookingId: string,
  ): Promise<Draft | undefined> {
    await Promise.resolve();
    const draft = this.#drafts.get(`${tenantId}#${draftId}`);
    if (!draft) return undefined;
    if (draft.status === 'open') {
      Object.assign(draft, { status: 'approving', approvalClaim: claim, bookingId });
      return structuredClone(draft);
    }
    // The same job again (a redelivery after a crash) resumes with the booking id it fixed.
    const ours = draft.approvalClaim === claim && draft.status !== 'dismissed';
    return ours ? structuredClone(draft) : undefined;
  }

  async transition(
    tenantId: string,
    draftId: string,
    from: Draft['status'],
    to: Draft['status'],
    bookingId?: string,
  ): Promise<boolean> {
    await Promise.resolve();
    const draft = this.#drafts.get(`${tenantId}#${draftId}`);
    if (draft?.status !== from) return false;
    draft.status = to;
    if (bookingId) draft.bookingId = bookingId;
    return true;
  }

  /** Expiry is left to the table's TTL on DynamoDB, which deletes late: here it never does. */
  async claimDelivery(key: string, _expiresAt: number): Promise<boolean> {
    await Promise.resolve();
    if (this.#deliveries.has(key)) return false;
    this.#deliveries.add(key);
    return true;
  }

  async releaseDelivery(key: string): Promise<void> {
    await Promise.resolve();
    this.#deliveries.delete(key);
  }
}
