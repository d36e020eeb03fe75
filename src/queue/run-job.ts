/**
 * Runs one job with the Slack app's dependencies: the same function in local mode (called by
 * the in-process queue) and in the worker Lambda (called for each SQS message). Every job type
 * is listed here; each handler is one file in src/jobs/, which never imports a listener (the
 * listeners only acknowledge, validate and enqueue).
 */
import type { WebClient } from '@slack/web-api';
import { applyChangeJob } from '../jobs/apply-change-job.ts';
import { approveDraftJob } from '../jobs/approve-draft-job.ts';
import { completeBookingsJob } from '../jobs/complete-bookings-job.ts';
import { countPhotosJob } from '../jobs/count-photos-job.ts';
import { readIntakeJob } from '../jobs/read-intake-job.ts';
import { replaceCrewJob } from '../jobs/replace-crew-job.ts';
import { reportCsvJob } from '../jobs/report-csv-job.ts';
import { retryPipelineJob } from '../jobs/retry-pipeline-job.ts';
import { saveCloseOutJob } from '../jobs/save-closeout-job.ts';
import { sendRemindersJob } from '../jobs/send-reminders-job.ts';
import { threadEventJob } from '../jobs/thread-event-job.ts';
import type { JobDeps } from '../slack/slack-deps.ts';
import type { Job } from './jobs.ts';

export async function runJob(deps: JobDeps, client: WebClient, job: Job): Promise<void> {
  // A job may name a tenant set up from Slack in another process (the Slack Lambda saved it).
  await deps.tenants
    .refreshIfStale()
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'reading stored tenants failed'));
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
      return threadEventJob(deps, job);
    case 'reminders.send':
      return sendRemindersJob(deps, job);
    case 'bookings.complete':
      return completeBookingsJob(deps, client, job);
    case 'photos.count':
      return countPhotosJob(deps, client, job);
    case 'report.csv':
      return reportCsvJob(deps, client, job);
    case 'closeout.save':
      return saveCloseOutJob(deps, client, job);
  }
}
