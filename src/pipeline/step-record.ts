/** The stored state of one pipeline step of one booking. */

export const stepStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type StepStatus = (typeof stepStatuses)[number];

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

/** One transition of a step or the booking, in order, per booking. */
export interface PipelineEvent {
  seq: number;
  at: string;
  type:
    | 'approved'
    | 'step_started'
    | 'step_done'
    | 'step_retrying'
    | 'step_failed'
    | 'pipeline_done'
    | 'modified'
    | 'cancelled'
    | 'completed'
    | 'crew_notified'
    | 'crew_confirmed'
    | 'crew_declined'
    | 'crew_reminded'
    | 'crew_replaced'
    | 'crew_released';
  step?: string | undefined;
  message: string;
  detail?: Record<string, unknown> | undefined;
}
