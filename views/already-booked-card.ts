/** The card for a forwarded confirmation deckhand has already booked: its thread, and what differs. */
import type { KnownBlock } from '@slack/types';
import type { Booking } from '../src/bookings/booking.ts';
import type { IntakeResult } from '../src/intake/intake-result.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { modificationChanges } from './modification-card.ts';
import {
  button,
  LIMITS,
  mrkdwn,
  mrkdwnLink,
  plain,
  type SlackMessage,
  safe,
} from './slack-format.ts';

export interface AlreadyBookedCardInput {
  /** The forwarded `booking` (or `request`) that matches a charter on file. */
  intake: IntakeResult;
  booking: Booking;
  tenant: Tenant;
  /** How it matched: the marketplace booking id, or the same boat, date and renter. */
  matchedBy: 'marketplace_id' | 'boat_date_renter';
  /** A link to the charter's thread, when Slack gave one. */
  threadUrl: string | null;
  /** The stored draft *Apply changes* acts on (button value). */
  draftId: string;
}

/** "Tahoe Cruiser · Jane Doe · Sat, May 30, 2026, 9:00 AM PDT": what a person calls the charter. */
export function charterName(booking: Booking, timeZone: string): string {
  return [
    booking.details.listingName ?? 'Boat not set',
    booking.details.guestName,
    formatInZone(new Date(booking.startsAt), timeZone),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Builds the already-booked card: no *Review & approve* (approving twice would only clash with
 * the same charter's crew), a link to the charter's thread, and *Apply changes* only when the
 * email differs from the booking on file, with each difference listed old → new.
 *
 * @example buildAlreadyBookedCard({ intake, booking, tenant, matchedBy: 'marketplace_id', threadUrl, draftId: 'DR1' })
 */
export function buildAlreadyBookedCard(input: AlreadyBookedCardInput): SlackMessage {
  const { intake, booking, tenant } = input;
  const name = charterName(booking, tenant.timezone);
  const changes = modificationChanges(intake, booking, tenant.timezone);
  const closed = booking.status === 'cancelled' || booking.status === 'completed';
  const how =
    input.matchedBy === 'marketplace_id' && booking.marketplaceId
      ? `marketplace booking ${safe(booking.marketplaceId, 100)}`
      : 'same boat, date and renter';
  const where = input.threadUrl
    ? mrkdwnLink(input.threadUrl, 'its thread')
    : 'its thread in this channel';
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Already booked', LIMITS.headerText) },
    {
      type: 'section',
      block_id: BLOCK_IDS.alreadyBooked,
      text: mrkdwn(
        truncate(
          `*${safe(name, 600)}* is already booked (${how}); it is followed in ${where}.`,
          LIMITS.sectionText,
        ),
      ),
    },
  ];
  const lines = changes.map(
    (c) => `*${safe(c.label, 100)}:* ${safe(c.from, 500)} → ${safe(c.to, 500)}`,
  );
  blocks.push({
    type: 'section',
    block_id: BLOCK_IDS.modificationChanges,
    text: mrkdwn(
      lines.length > 0
        ? `This email differs from the booking on file:\n${lines.join('\n')}`
        : 'Nothing in this email differs from the booking on file: nothing to do.',
    ),
  });
  if (closed && lines.length > 0) {
    blocks.push({
      type: 'context',
      block_id: BLOCK_IDS.cardNotice,
      elements: [mrkdwn(`This charter is ${booking.status}; changes cannot be applied.`)],
    });
  }
  const canApply = changes.length > 0 && !closed;
  blocks.push({
    type: 'actions',
    block_id: BLOCK_IDS.cardActions,
    elements: [
      ...(canApply
        ? [button('Apply changes', ACTION_IDS.applyChanges, input.draftId, { style: 'primary' })]
        : []),
      button('Dismiss', ACTION_IDS.reviewDismiss, input.draftId),
    ],
  });
  const text = canApply
    ? `Already booked: ${safe(name, 600)}. This email differs (${changes.map((c) => safe(c.label, 100)).join(', ')}): review and apply.`
    : `Already booked: ${safe(name, 600)}. Nothing to do.`;
  return { text: truncate(text, LIMITS.messageText), blocks };
}
