/** The `crew.replace` job: *Pick replacement* in a charter's thread. */
import { assignReplacement } from '../crew/replacements.ts';
import { runPipeline } from '../pipeline/run-pipeline.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { JobDeps } from '../slack/slack-deps.ts';

/** The `crew.replace` job: the chosen person in place of the one who declined, then the pipeline. */
export async function replaceCrewJob(deps: JobDeps, job: JobOf<'crew.replace'>): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  const replacing = await deps.crew.get(tenant.id, job.bookingId, job.replacing);
  if (!replacing) return;
  await assignReplacement(
    deps.bookings,
    tenant,
    job.bookingId,
    { role: replacing.role, personId: job.personId, replacing: job.replacing },
    deps.clock(),
    new Set([job.replacing]),
  );
  await runPipeline(tenant, job.bookingId, deps.pipeline);
}
