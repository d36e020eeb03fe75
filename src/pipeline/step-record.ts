/** The stored state of one pipeline step of one booking. */
import {
  type PipelineEvent,
  type StepStatus,
  stepStatuses,
} from '../bookings/pipeline-progress.ts';

export { type PipelineEvent, type StepStatus, stepStatuses };

export interface StepRecord {
  step: string;
  status: StepStatus;
  attempts: number;
  /** Hash of the booking data this step used: a change re-runs only the steps it affects. */
  inputHash: string | null;
  /** Booking version the result is for (part of the idempotency key of external calls). */
  forVersion: number | null;
  leaseOwner: string | null;
  /** Epoch ms after which another runner may take the step over. */
  leaseExpiresAt: number | null;
  result: Record<string, unknown> | null;
  lastError: string | null;
  /** Whether lastError will go away by itself (retry later) or needs a person. */
  lastErrorPermanent: boolean | null;
  updatedAt: string;
}
