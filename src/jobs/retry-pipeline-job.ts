/** The `pipeline.retry` job: *Retry* in a charter's thread. */
import { runPipeline } from '../pipeline/run-pipeline.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { JobDeps } from '../slack/slack-deps.ts';

/** The `pipeline.retry` job: failed steps back to pending, then the pipeline. */
export async function retryPipelineJob(deps: JobDeps, job: JobOf<'pipeline.retry'>): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  await deps.bookings.resetFailedSteps(tenant.id, job.bookingId, deps.clock());
  await runPipeline(tenant, job.bookingId, deps.pipeline);
}
