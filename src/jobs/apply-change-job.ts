/** The `change.apply` job: *Apply changes* / *Cancel charter* on a card, or `/charter cancel`. */
import type { WebClient } from '@slack/web-api';
import { charterName } from '../../views/already-booked-card.ts';
import type { IntakeResult } from '../intake/intake-result.ts';
import { applyChange, cancellationOf, findBooking } from '../pipeline/book-from-intake.ts';
import { runPipeline } from '../pipeline/run-pipeline.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { JobDeps } from '../slack/slack-deps.ts';
import { escapeMrkdwn } from '../text/escape.ts';

/** The `change.apply` job: a change draft (or `/charter cancel`'s booking) applied, then the pipeline. */
export async function applyChangeJob(
  deps: JobDeps,
  client: WebClient,
  job: JobOf<'change.apply'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  const draft = await deps.drafts.get(tenant.id, job.target);
  let change: IntakeResult;
  if (draft) {
    if (!(await deps.drafts.transition(tenant.id, draft.draftId, 'open', 'approved'))) {
      // Applied or dismissed already (a double click, a stale card): say so, change nothing.
      if (job.card) {
        const now = await deps.drafts.get(tenant.id, draft.draftId);
        await client.chat.postEphemeral({
          channel: job.card.channelId,
          user: job.userId,
          text: `Nothing to apply: this card was already ${now?.status === 'dismissed' ? 'dismissed' : 'applied'}.`,
        });
      }
      return;
    }
    change = draft.intake;
  } else {
    // `/charter cancel ID`: the button carries the booking id.
    const booking = await findBooking(deps.bookings, tenant, job.target);
    change = cancellationOf(booking.bookingId);
  }
  const { booking } = await applyChange(deps.bookings, tenant, change, deps.clock());
  if (job.card) {
    const what = change.kind === 'cancellation' ? 'Cancelling' : 'Applying the changes to';
    await client.chat.update({
      channel: job.card.channelId,
      ts: job.card.ts,
      text: `${what} ${escapeMrkdwn(charterName(booking, tenant.timezone))} (by <@${job.userId}>).`,
      blocks: [],
    });
  }
  await runPipeline(tenant, booking.bookingId, deps.pipeline);
}
