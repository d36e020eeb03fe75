/** The `thread.event` job: an event from a process without a Slack thread, replied in the thread. */
import type { JobOf } from '../queue/jobs.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';

export function threadEventJob(deps: SlackDeps, job: JobOf<'thread.event'>): void {
  deps.thread.onEvent(job.tenantId, job.bookingId, job.event);
}
