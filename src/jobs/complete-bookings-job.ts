/**
 * The `bookings.complete` job (the schedule): a tenant's charters that have ended become
 * completed, and each ended charter's thread gets its one *Close out* prompt.
 */
import type { WebClient } from '@slack/web-api';
import { completeFinishedBookings } from '../pipeline/complete-finished-bookings.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';
import { postCloseOutPrompts } from './closeout-prompts.ts';

export async function completeBookingsJob(
  deps: SlackDeps,
  client: WebClient,
  job: JobOf<'bookings.complete'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  await completeFinishedBookings(deps.bookings, tenant, deps.clock());
  await postCloseOutPrompts(deps, client, tenant);
}
