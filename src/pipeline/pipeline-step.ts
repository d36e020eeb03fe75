/** The shape of one pipeline step. The steps themselves are in ./steps/, one per file. */
import type { Booking } from '../bookings/booking.ts';
import type { StepName } from '../bookings/pipeline-progress.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import type { StepRecord } from './step-record.ts';

export type { StepName };

export interface StepContext {
  booking: Booking;
  tenant: Tenant;
  deps: PipelineDeps;
  /** The step's last stored record: its previous result says whether to create or update. */
  previous: StepRecord | undefined;
  /** Results of the steps this one depends on. */
  upstream: Partial<Record<StepName, Record<string, unknown>>>;
  /** Sent with every external call: same booking, step and version → same effect. */
  idempotencyKey: string;
}

export interface PipelineStep {
  name: StepName;
  dependsOn: readonly StepName[];
  /** The booking data the step uses. When it changes, the step runs again. */
  inputs(booking: Booking, tenant: Tenant): unknown;
  run(context: StepContext): Promise<Record<string, unknown>>;
}
