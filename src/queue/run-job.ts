/**
 * Runs one job with the Slack app's dependencies: the same function in local mode (called by
 * the in-process queue) and in the worker Lambda (called for each SQS message). Every job type
 * is listed here, and each handler lives next to the listener that queues it.
 */
import type { WebClient } from '@slack/web-api';
import { approveDraftJob } from '../../views/listeners/approval-submitted.ts';
import { applyChangeJob } from '../../views/listeners/review-card-buttons.ts';
import { replaceCrewJob, retryPipelineJob } from '../../views/listeners/status-buttons.ts';
import { sendDueReminders } from '../crew/send-due-reminders.ts';
import { completeFinishedBookings } from '../pipeline/complete-finished-bookings.ts';
import { readIntakeJob } from '../slack/intake-card.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';
import type { Job } from './jobs.ts';

export async function runJob(deps: SlackDeps, client: WebClient, job: Job): Promise<void> {
  switch (job.type) {
    case 'pipeline.retry':
      return retryPipelineJob(deps, job);
    case 'crew.replace':
      return replaceCrewJob(deps, job);
    case 'intake.read':
      return readIntakeJob(deps, client, job);
    case 'draft.approve':
      return approveDraftJob(deps, client, job);
    case 'change.apply':
      return applyChangeJob(deps, client, job);
    case 'thread.event':
      deps.thread.onEvent(job.tenantId, job.bookingId, job.event);
      return;
    case 'reminders.send':
      await sendDueReminders(deps.runtime.deps, deps.tenants.get(job.tenantId), deps.clock());
      return;
    case 'bookings.complete':
      await completeFinishedBookings(
        deps.runtime.store,
        deps.tenants.get(job.tenantId),
        deps.clock(),
      );
      return;
  }
}
