/** The port for pipeline step state: leased claims, completion, failure and reset. */
import type { StepRecord } from '../../pipeline/step-record.ts';

export interface StepClaim {
  owner: string;
  leaseMs: number;
  inputHash: string;
  version: number;
  /** Epoch ms: the caller's clock, so leases expire by an injected clock in tests. */
  now: number;
}

/** Per booking and step, who runs it and what came of it. */
export interface StepLedger {
  getSteps(tenantId: string, bookingId: string): Promise<StepRecord[]>;
  /**
   * Claims a step for `claim.owner` atomically (one conditional write on DynamoDB). Claimable when
   * it never ran, is pending, its lease expired, it finished for other inputs, or it failed
   * transiently. Returns the record as claimed (attempts counted), or undefined when another
   * runner holds it or it is done/failed-permanently for these inputs.
   */
  claimStep(
    tenantId: string,
    bookingId: string,
    step: string,
    claim: StepClaim,
  ): Promise<StepRecord | undefined>;
  /** Records success if `owner` still holds the lease; false when it lost it. */
  completeStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    outcome: { result: Record<string, unknown>; inputHash: string; version: number; now: number },
  ): Promise<boolean>;
  /** Records failure if `owner` still holds the lease; the previous result is kept. */
  failStep(
    tenantId: string,
    bookingId: string,
    step: string,
    owner: string,
    failure: { error: string; permanent: boolean; inputHash: string; now: number },
  ): Promise<boolean>;
  /** Makes failed steps claimable again (`deckhand retry`); returns the steps reset. */
  resetFailedSteps(tenantId: string, bookingId: string, now: Date): Promise<string[]>;
}
