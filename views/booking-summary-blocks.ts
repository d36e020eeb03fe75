/**
 * The booking as Slack shows it on the review card and in the approval modal: a header that
 * says what kind of message it was, the fields found, and what is still missing. Pure; every
 * renter-typed value is escaped for mrkdwn and cut to Slack's field limit.
 */
import type { KnownBlock } from '@slack/types';
import type { BookingFieldName, IntakeResult } from '../src/intake/intake-result.ts';
import { formatCents } from '../src/money/cents.ts';
import { escapeMrkdwn, truncate } from '../src/text/escape.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { BLOCK_IDS } from './block-ids.ts';

/** Slack's limit for one section field's text. */
const FIELD_MAX = 2000;

const HEADERS: Record<IntakeResult['kind'], string> = {
  booking: 'New booking',
  request: 'Booking request (payment held, not yet approved)',
  modification: 'Booking changed',
  cancellation: 'Booking cancelled',
  not_booking: 'Not a booking',
};

/** How each field is named to a person. */
export const FIELD_LABELS: Record<BookingFieldName, string> = {
  bookingId: 'Booking ID',
  listingName: 'Boat',
  date: 'Date',
  startLocal: 'Start time',
  durationMinutes: 'Duration',
  guestName: 'Renter',
  partySize: 'Guests',
  grossAmountCents: 'Renter paid',
  payoutCents: 'Payout',
  captainIncluded: 'Captain',
  departure: 'Departure',
};

function field(label: string, value: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: truncate(`*${label}*\n${escapeMrkdwn(value)}`, FIELD_MAX) };
}

function hours(minutes: number): string {
  const h = Math.trunc(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

/**
 * Builds the summary blocks for a parsed booking.
 *
 * @example buildBookingSummaryBlocks(result, 'America/Los_Angeles')
 */
export function buildBookingSummaryBlocks(result: IntakeResult, timeZone: string): KnownBlock[] {
  const when = result.startsAt
    ? formatInZone(new Date(result.startsAt), timeZone)
    : [result.date, result.startLocal].filter(Boolean).join(' ');
  const values: [string, string | null][] = [
    [FIELD_LABELS.bookingId, result.bookingId],
    [FIELD_LABELS.listingName, result.listingName],
    ['When', when || null],
    [
      FIELD_LABELS.durationMinutes,
      result.durationMinutes === null ? null : hours(result.durationMinutes),
    ],
    [FIELD_LABELS.guestName, result.guestName],
    [FIELD_LABELS.partySize, result.partySize === null ? null : String(result.partySize)],
    [
      FIELD_LABELS.grossAmountCents,
      result.grossAmountCents === null ? null : formatCents(result.grossAmountCents),
    ],
    [
      FIELD_LABELS.payoutCents,
      result.payoutCents === null ? null : formatCents(result.payoutCents),
    ],
    [
      FIELD_LABELS.captainIncluded,
      result.captainIncluded === null ? null : result.captainIncluded ? 'Included' : 'Not included',
    ],
    [FIELD_LABELS.departure, result.departure],
  ];
  // A section holds at most 10 fields.
  const fields = values
    .filter((v): v is [string, string] => v[1] !== null)
    .slice(0, 10)
    .map(([l, v]) => field(l, v));
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: HEADERS[result.kind], emoji: true } },
  ];
  if (fields.length > 0)
    blocks.push({ type: 'section', block_id: BLOCK_IDS.bookingSummary, fields });
  const notes = [
    result.missing.length > 0
      ? `Missing: ${result.missing.map((f) => FIELD_LABELS[f]).join(', ')}`
      : 'Nothing missing',
    ...result.warnings,
  ];
  blocks.push({
    type: 'context',
    block_id: BLOCK_IDS.bookingMissing,
    elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(notes.join(' · ')), FIELD_MAX) }],
  });
  return blocks;
}
