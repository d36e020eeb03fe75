/** The `reminders.send` job (the schedule): a tenant's due crew reminders. */
import { sendDueReminders } from '../crew/send-due-reminders.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { JobDeps } from '../slack/slack-deps.ts';

export async function sendRemindersJob(deps: JobDeps, job: JobOf<'reminders.send'>): Promise<void> {
  await sendDueReminders(deps.pipeline, deps.tenants.get(job.tenantId), deps.clock());
}
