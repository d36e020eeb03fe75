/** The cancellation card (email or `/charter cancel`): which charter, what happens, a button. */
import type { KnownBlock } from '@slack/types';
import type { Booking } from '../src/bookings/booking.ts';
import type { IntakeResult } from '../src/intake/intake-result.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { button, LIMITS, mrkdwn, plain, type SlackMessage, safe } from './slack-format.ts';

export interface CancellationCardInput {
  /** The cancellation email, or null for `/charter cancel ID`. */
  intake: IntakeResult | null;
  /** The booking on file; null when deckhand has none. */
  booking: Booking | null;
  tenant: Tenant;
  /** Opaque key the buttons carry: the draft id, or the booking id for `/charter cancel`. */
  draftId: string;
  now: Date;
}

/** What cancelling does, in the order the pipeline does it. */
export const CANCELLATION_EFFECTS =
  'The guest page is replaced by a cancellation notice, the crew event and the calendar entry are cancelled, and the crew are told.';

/**
 * Builds the cancellation card: the charter it cancels, what cancelling does, and *Cancel
 * charter* (danger, behind a confirm dialog) / *Dismiss*. Nothing to cancel (no booking, or
 * already cancelled or completed) leaves only *Dismiss*.
 *
 * @example buildCancellationCard({ intake, booking, tenant, draftId: 'DR4', now: new Date() })
 */
export function buildCancellationCard(input: CancellationCardInput): SlackMessage {
  const { intake, booking, tenant, now } = input;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plain(intake ? 'Booking cancelled' : 'Cancel this charter?', LIMITS.headerText),
    },
  ];
  const open = booking !== null && booking.status !== 'cancelled' && booking.status !== 'completed';
  if (booking) {
    const d = booking.details;
    const fields = [
      // The marketplace's booking number; deckhand's own id is for the CLI and logs.
      ['Booking', booking.marketplaceId],
      ['Boat', d.listingName ?? 'Boat not set'],
      ['When', formatInZone(new Date(booking.startsAt), tenant.timezone)],
      ['Renter', d.guestName],
      ['Guests', d.partySize === null ? null : String(d.partySize)],
      ['Status', booking.status],
    ]
      .filter((f): f is [string, string] => f[1] !== null)
      .map(([label, value]) => mrkdwn(`*${label}*\n${safe(value, 1900)}`, LIMITS.sectionField));
    blocks.push({ type: 'section', block_id: BLOCK_IDS.cancellationSummary, fields });
  }
  let effect: string;
  if (!booking) {
    const id = intake?.bookingId;
    effect = id
      ? `deckhand has no booking *${safe(id, 100)}* for ${safe(tenant.name, 200)}: nothing to cancel.`
      : 'The email does not say which booking it cancels: nothing to cancel.';
  } else if (!open) {
    effect = `This charter is already ${booking.status}: nothing to do.`;
  } else {
    effect = `Cancelling: ${CANCELLATION_EFFECTS}`;
    if (Date.parse(booking.endsAt) <= now.getTime())
      effect += '\n:warning: This charter has already ended.';
  }
  const notes = intake?.warnings.map((w) => safe(w, 500)) ?? [];
  blocks.push({
    type: 'section',
    block_id: BLOCK_IDS.cancellationEffects,
    text: mrkdwn(truncate([effect, ...notes].join('\n'), LIMITS.sectionText)),
  });
  blocks.push({
    type: 'actions',
    block_id: BLOCK_IDS.cardActions,
    elements: [
      ...(open
        ? [
            button('Cancel charter', ACTION_IDS.cancelCharter, input.draftId, {
              style: 'danger',
              confirm: {
                title: plain('Cancel this charter?', LIMITS.confirmTitle),
                text: plain(CANCELLATION_EFFECTS, LIMITS.confirmText),
                confirm: plain('Cancel charter', LIMITS.confirmButton),
                deny: plain('Keep it', LIMITS.confirmButton),
                style: 'danger',
              },
            }),
          ]
        : []),
      button('Dismiss', ACTION_IDS.reviewDismiss, input.draftId),
    ],
  });
  const what = booking?.details.listingName ?? booking?.marketplaceId ?? intake?.bookingId;
  const when = booking ? formatInZone(new Date(booking.startsAt), tenant.timezone) : null;
  const text = open
    ? `Cancel ${what ? safe(what, 200) : 'charter'}${when ? ` on ${when}` : ''}? Confirm to tear it down.`
    : `Cancellation${what ? ` for ${safe(what, 200)}` : ''}: nothing to cancel.`;
  return { text: truncate(text, LIMITS.messageText), blocks };
}
