/** The port for a booking's ordered event log. */
import type { PipelineEvent } from '../../pipeline/step-record.ts';

export interface EventLog {
  /** Appends an event; a booking's events get consecutive sequence numbers from 1, also when concurrent. */
  appendEvent(
    tenantId: string,
    bookingId: string,
    event: Omit<PipelineEvent, 'seq'>,
  ): Promise<PipelineEvent>;
  /** A booking's events in sequence order. */
  listEvents(tenantId: string, bookingId: string): Promise<PipelineEvent[]>;
}
