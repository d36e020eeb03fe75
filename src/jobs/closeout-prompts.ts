/**
 * The *Close out* prompt in the thread of each charter that has ended (tenant zone: `endsAt` is
 * the instant), or would have ended when it was cancelled late, once: the reply is claimed with
 * one conditional write (the delivery claims of the draft store) before it is posted, released
 * if posting fails, so every schedule tick may look and only one posts. Charters that ended more
 * than PROMPT_WINDOW_DAYS ago, or are already closed out, are left alone.
 */
import type { WebClient } from '@slack/web-api';
import { buildCloseOutReply } from '../../views/closeout-reply.ts';
import type { Booking } from '../bookings/booking.ts';
import { closeOutSettingsOf } from '../closeout/closeout-settings.ts';
import { isLateCancellation } from '../closeout/compute-actual.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';

export const PROMPT_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * A charter that ran, or one cancelled late: then the business usually kept part of the money
 * (a cancellation policy, a deposit) and may owe the crew, which only a close-out records. A
 * charter cancelled in good time is counted as fully refunded with no prompt.
 */
const closable = (booking: Booking, tenant: Tenant): boolean =>
  booking.status === 'completed' || isLateCancellation(booking, closeOutSettingsOf(tenant));

export const promptKey = (tenantId: string, bookingId: string): string =>
  `closeout-prompt/${tenantId}/${bookingId}`;

/** Posts the missing prompts; returns the booking ids prompted now. */
export async function postCloseOutPrompts(
  deps: Pick<SlackDeps, 'bookings' | 'closeOuts' | 'drafts' | 'clock' | 'logger'>,
  client: WebClient,
  tenant: Tenant,
): Promise<string[]> {
  const now = deps.clock().getTime();
  const prompted: string[] = [];
  for (const booking of await deps.bookings.listByTenant(tenant.id)) {
    const ended = Date.parse(booking.endsAt);
    const thread = booking.slack;
    if (!closable(booking, tenant) || ended > now || ended < now - PROMPT_WINDOW_DAYS * DAY_MS)
      continue;
    if (!thread?.threadTs) continue;
    if (await deps.closeOuts.get(tenant.id, booking.bookingId)) continue;
    const key = promptKey(tenant.id, booking.bookingId);
    // Kept past the window, so a claim's expiry never lets a second prompt through.
    if (!(await deps.drafts.claimDelivery(key, now + 4 * PROMPT_WINDOW_DAYS * DAY_MS))) continue;
    try {
      await client.chat.postMessage({
        channel: thread.channelId,
        thread_ts: thread.threadTs,
        ...buildCloseOutReply({
          booking,
          lateCancellationHours: closeOutSettingsOf(tenant).lateCancellationHours,
        }),
      });
      prompted.push(booking.bookingId);
    } catch (error) {
      await deps.drafts.releaseDelivery(key).catch(() => undefined);
      deps.logger.error(
        { err: error, tenant: tenant.id, bookingId: booking.bookingId },
        'posting the close-out prompt failed',
      );
    }
  }
  return prompted;
}
