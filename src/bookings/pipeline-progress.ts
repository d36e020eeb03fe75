/**
 * What a booking's pipeline reports, as plain types: its steps, their statuses, its events and
 * an outcome. Here, beside the booking, so the Slack views and the CLI can show progress without
 * importing the pipeline that produces it (src/pipeline/ re-exports these names).
 */
import type { Booking } from './booking.ts';

export type StepName =
  | 'guest_page'
  | 'crew_page'
  | 'calendar_entry'
  | 'crew_event'
  | 'revenue_scrub'
  | 'crew_notify';

export const stepStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type StepStatus = (typeof stepStatuses)[number];

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
    | 'crew_released'
    /** A guest's browser says a photo landed (never stored, seq 0): the Slack side recounts. */
    | 'photos_landed';
  step?: string | undefined;
  message: string;
  detail?: Record<string, unknown> | undefined;
}

export interface PipelineOutcome {
  booking: Booking;
  steps: Record<
    StepName,
    { status: StepStatus | 'waiting'; result: Record<string, unknown> | null; error: string | null }
  >;
  /** True when every step is done for the booking's current data. */
  complete: boolean;
}
