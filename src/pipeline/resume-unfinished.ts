/**
 * After a restart: runs the pipelines a stopped process left unfinished (a booking approved,
 * changed or cancelled whose steps are not all done for its current data), a few times over
 * about 20 s until each is done or stopped by a permanent failure.
 */
import type { Logger } from '../logging/logger.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { pipelineStatus, runPipeline } from './run-pipeline.ts';

/** Resumes every unfinished pipeline; resolves with how many bookings it ran, once all ran. */
export async function resumeUnfinishedPipelines(
  tenants: TenantRegistry,
  deps: PipelineDeps,
  logger: Logger,
): Promise<number> {
  const runs: Promise<void>[] = [];
  for (const tenant of tenants.list()) {
    for (const booking of await deps.store.listByTenant(tenant.id)) {
      if (booking.status === 'draft' || booking.status === 'completed') continue;
      const records = await deps.store.getSteps(tenant.id, booking.bookingId);
      const status = pipelineStatus(booking, tenant, new Map(records.map((r) => [r.step, r])));
      if (status.complete) continue;
      const held = records
        .filter((r) => r.status === 'running' && r.leaseExpiresAt !== null)
        .map((r) => r.leaseExpiresAt as number);
      runs.push(
        (async () => {
          // Until done: a dead runner's leases must run out, and the services may still hold
          // its requests' idempotency keys for a while (409 in progress), so the first run can
          // end with a step failed for now. A permanent failure waits for a person.
          const waits = [Math.max(0, ...held) - deps.clock().getTime() + 100, 5_000, 15_000];
          for (let round = 0; ; round += 1) {
            const outcome = await runPipeline(tenant, booking.bookingId, deps);
            if (outcome.complete || round >= waits.length) return;
            const steps = await deps.store.getSteps(tenant.id, booking.bookingId);
            if (steps.some((r) => r.status === 'failed' && r.lastErrorPermanent)) return;
            await new Promise((resolve) => setTimeout(resolve, Math.max(100, waits[round] ?? 0)));
          }
        })().catch((error: unknown) =>
          logger.error({ err: error, booking: booking.bookingId }, 'resuming a pipeline failed'),
        ),
      );
    }
  }
  await Promise.all(runs);
  return runs.length;
}
