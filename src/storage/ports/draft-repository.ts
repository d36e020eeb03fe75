/** The port for approval drafts and the once-only Slack delivery claims that go with them. */
import type { IntakeResult } from '../../intake/intake-result.ts';

export interface Draft {
  tenantId: string;
  draftId: string;
  intake: IntakeResult;
  /** Where it came from: the email's channel and message (the thread for its card). */
  channelId: string;
  threadTs: string | null;
  createdBy: string;
  status: 'open' | 'approving' | 'approved' | 'dismissed';
  bookingId: string | null;
  /**
   * The approval job that claimed it (its `claim` token): a retry of that job (SQS delivers a
   * job again when a worker died) carries the same token and may finish what it started.
   */
  approvalClaim?: string;
  /** Slack event or file ids already handled for this draft (re-deliveries). */
  source: string | null;
  createdAt: string;
}

export interface DraftRepository {
  /** Creates a draft; false when the id exists (a re-delivered email keyed by its file id). */
  create(draft: Draft): Promise<boolean>;
  get(tenantId: string, draftId: string): Promise<Draft | undefined>;
  /**
   * Claims an open draft for one approval job (`claim`), fixing its booking id: of concurrent
   * claims one wins; the same claim again gets the draft back (a retried job resumes). Undefined
   * when another approval has it or it was dismissed.
   */
  claimApproval(
    tenantId: string,
    draftId: string,
    claim: string,
    bookingId: string,
  ): Promise<Draft | undefined>;
  /** Moves a draft from `from` to `to`; false when it was not at `from`. */
  transition(
    tenantId: string,
    draftId: string,
    from: Draft['status'],
    to: Draft['status'],
    bookingId?: string,
  ): Promise<boolean>;
  /** Claims a Slack delivery key once: false when it was claimed before. */
  claimDelivery(key: string, expiresAt: number): Promise<boolean>;
  /** Gives a claimed delivery back, so a retry can do what the failed attempt could not. */
  releaseDelivery(key: string): Promise<void>;
}
