/** The `reminders.send` job (the schedule): a tenant's due crew reminders. */
import { sendDueReminders } from '../crew/send-due-reminders.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';

export async function sendRemindersJob(
  deps: SlackDeps,
  job: JobOf<'reminders.send'>,
): Promise<void> {
  await sendDueReminders(deps.runtime.deps, deps.tenants.get(job.tenantId), deps.clock());
}
