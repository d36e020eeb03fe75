/** The `bookings.complete` job (the schedule): a tenant's charters that have ended become completed. */
import { completeFinishedBookings } from '../pipeline/complete-finished-bookings.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';

export async function completeBookingsJob(
  deps: SlackDeps,
  job: JobOf<'bookings.complete'>,
): Promise<void> {
  await completeFinishedBookings(deps.bookings, deps.tenants.get(job.tenantId), deps.clock());
}
