/** `/charter list`: upcoming charters with crew answers, only to the caller (ephemeral). */
import type { KnownBlock } from '@slack/types';
import type { Booking } from '../src/bookings/booking.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { BLOCK_IDS } from './block-ids.ts';
import {
  activeCrew,
  allHandsConfirmed,
  CREW_STATE_EMOJI,
  type CrewStatusEntry,
  crewCounts,
  formatShortWhen,
  LIMITS,
  mrkdwn,
  mrkdwnLink,
  plain,
  type SlackMessage,
  safe,
} from './slack-format.ts';

export interface CharterListEntry {
  booking: Booking;
  /** Everyone on the charter and their answer. */
  crew: readonly CrewStatusEntry[];
  /** The charter's pages, when the caller has them. */
  links?: { guestPageUrl: string; crewPageUrl: string } | undefined;
}

export interface CharterListInput {
  bookings: readonly CharterListEntry[];
  tenant: Tenant;
  now: Date;
}

/** The charters still to come (not ended, not cancelled), soonest first. */
export function upcomingCharters(
  entries: readonly CharterListEntry[],
  now: Date,
): CharterListEntry[] {
  return entries
    .filter((e) => e.booking.status !== 'cancelled' && Date.parse(e.booking.endsAt) > now.getTime())
    .sort((a, b) => Date.parse(a.booking.startsAt) - Date.parse(b.booking.startsAt));
}

/**
 * One charter in mrkdwn: when, boat, renter and guests, booking id, each crew member's answer.
 * No money: the list and App Home are seen by more people than the approvers.
 */
export function charterSummaryText(entry: CharterListEntry, tenant: Tenant, now: Date): string {
  const { booking } = entry;
  const d = booking.details;
  const when = formatShortWhen(new Date(booking.startsAt), tenant.timezone, now);
  const head = `*${when}* · ${safe(d.listingName ?? 'Boat not set', 200)}`;
  const who = [
    d.guestName ? safe(d.guestName, 200) : null,
    d.partySize === null ? null : `${d.partySize} guest${d.partySize === 1 ? '' : 's'}`,
    booking.marketplaceId ? `booking ${safe(booking.marketplaceId, 100)}` : null,
    `\`${booking.bookingId}\``,
  ]
    .filter(Boolean)
    .join(' · ');
  const crew = activeCrew(entry.crew);
  const crewText =
    crew.length === 0
      ? 'Crew: nobody assigned'
      : `Crew (${crewCounts(entry.crew)}${allHandsConfirmed(entry.crew) ? ', all hands' : ''}): ${crew
          .map((c) => `${CREW_STATE_EMOJI[c.state]} ${safe(c.name, 100)}`)
          .join(' · ')}`;
  const links = entry.links
    ? `${mrkdwnLink(entry.links.guestPageUrl, 'Guest page')} · ${mrkdwnLink(entry.links.crewPageUrl, 'Crew page')}`
    : null;
  return truncate([head, who, crewText, links].filter(Boolean).join('\n'), LIMITS.sectionText);
}

/**
 * Builds the ephemeral list of upcoming charters: one section each, soonest first, capped so
 * the message stays within Slack's 50 blocks ("…and N more").
 *
 * @example await respond({ response_type: 'ephemeral', ...buildCharterList({ bookings, tenant, now: new Date() }) })
 */
export function buildCharterList(input: CharterListInput): SlackMessage {
  const { tenant, now } = input;
  const upcoming = upcomingCharters(input.bookings, now);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`Upcoming charters · ${tenant.name}`, LIMITS.headerText) },
  ];
  if (upcoming.length === 0) {
    blocks.push({
      type: 'section',
      block_id: BLOCK_IDS.charterListSummary,
      text: mrkdwn(
        'No upcoming charters. Forward a booking email to the ops channel or type `/charter` to add one.',
      ),
    });
    return { text: `No upcoming charters for ${safe(tenant.name, 200)}.`, blocks };
  }
  blocks.push({
    type: 'context',
    block_id: BLOCK_IDS.charterListSummary,
    elements: [
      mrkdwn(
        `${upcoming.length} upcoming · times in ${safe(tenant.timezone, 100)} · only you can see this`,
      ),
    ],
  });
  // Header, summary and the "more" line leave the rest of the 50 blocks to charters.
  const room = LIMITS.messageBlocks - blocks.length - 1;
  const shown = upcoming.length > room ? upcoming.slice(0, room) : upcoming;
  for (const entry of shown)
    blocks.push({ type: 'section', text: mrkdwn(charterSummaryText(entry, tenant, now)) });
  if (upcoming.length > shown.length) {
    blocks.push({
      type: 'context',
      block_id: BLOCK_IDS.charterListMore,
      elements: [
        mrkdwn(
          `…and ${upcoming.length - shown.length} more. \`/charter status ID\` shows one charter.`,
        ),
      ],
    });
  }
  return {
    text: `${upcoming.length} upcoming charter${upcoming.length === 1 ? '' : 's'} for ${safe(tenant.name, 200)}.`,
    blocks,
  };
}
