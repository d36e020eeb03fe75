/**
 * The `closeout.save` job: the close-out modal's values, checked by the listener, saved with one
 * conditional write on the version the modal was opened at. The thread's close-out reply then
 * shows the actual net against the quote and the calendar entry gets the actual figures. A save
 * someone else made first is never merged: the person is told, ephemerally, to reopen.
 */
import type { WebClient } from '@slack/web-api';
import { buildCloseOutReply } from '../../views/closeout-reply.ts';
import { buildRefusal } from '../../views/refusal.ts';
import { VersionConflictError } from '../bookings/booking.ts';
import { closeOutCharter } from '../closeout/close-out-charter.ts';
import { CloseOutInputError } from '../closeout/compute-actual.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { JobDeps } from '../slack/slack-deps.ts';

export async function saveCloseOutJob(
  deps: JobDeps,
  client: WebClient,
  job: JobOf<'closeout.save'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  const tell = (text: string) =>
    client.chat.postEphemeral({ channel: job.channelId, user: job.userId, text });
  if (!deps.routing.mayApprove(tenant, job.userId)) {
    await client.chat.postEphemeral({
      channel: job.channelId,
      user: job.userId,
      ...buildRefusal({ reason: 'not_approver', tenant, action: 'close' }),
    });
    return;
  }
  const booking = await deps.bookings.get(tenant.id, job.bookingId);
  if (!booking) {
    await tell(`There is no charter ${job.bookingId} any more; nothing was saved.`);
    return;
  }
  try {
    const { closeOut, calendar } = await closeOutCharter(
      { closeOuts: deps.closeOuts, pipeline: deps.pipeline },
      {
        booking,
        tenant,
        actuals: job.actuals,
        expectedVersion: job.expectedVersion,
        by: job.userId,
        now: deps.clock(),
        requestId: job.requestId,
      },
    );
    const reply = buildCloseOutReply({ booking, closeOut });
    const thread = booking.slack;
    if (job.replyTs) {
      await client.chat.update({ channel: job.channelId, ts: job.replyTs, ...reply });
    } else if (thread?.threadTs) {
      await client.chat.postMessage({
        channel: thread.channelId,
        thread_ts: thread.threadTs,
        ...reply,
      });
    }
    if (!calendar.updated) {
      deps.logger.info(
        { tenant: tenant.id, bookingId: booking.bookingId, reason: calendar.reason },
        'close-out saved; calendar entry not updated',
      );
    }
  } catch (error) {
    if (error instanceof VersionConflictError) {
      await tell(
        `Someone else saved the close-out of this charter while you had it open, so yours was not saved (nothing was merged). Click *Edit close-out* in the thread to see their figures and change them.`,
      );
      return;
    }
    if (error instanceof CloseOutInputError) {
      await tell(`The close-out was not saved: ${error.message}`);
      return;
    }
    throw error;
  }
}
