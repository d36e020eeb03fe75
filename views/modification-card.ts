/** The card for a modification email: each changed field, old → new, and *Apply changes*. */
import type { KnownBlock } from '@slack/types';
import type { Booking } from '../src/bookings/booking.ts';
import {
  type BookingFieldName,
  type BookingFields,
  bookingFieldNames,
  type IntakeResult,
} from '../src/intake/intake-result.ts';
import { formatCents } from '../src/money/cents.ts';
import type { PriceBreakdown } from '../src/pricing/price-charter.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { dateFormat, formatInZone, zonedToInstant } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { FIELD_LABELS } from './booking-summary-blocks.ts';
import { breakdownOrHint } from './review-card.ts';
import {
  button,
  formatClockTime,
  formatDuration,
  LIMITS,
  mrkdwn,
  plain,
  type SlackMessage,
  safe,
} from './slack-format.ts';

export interface ModificationCardInput {
  /** A `modification`: its non-null fields are the new values. */
  intake: IntakeResult;
  /** The booking on file it names; null when deckhand has none. */
  booking: Booking | null;
  tenant: Tenant;
  /** The stored draft the buttons act on (button value). */
  draftId: string;
  now: Date;
  /** The price after the change, when the caller priced it. */
  breakdown?: PriceBreakdown | null | undefined;
}

/** One field that changes, both values formatted for people (raw, not yet escaped). */
export interface FieldChange {
  field: BookingFieldName;
  label: string;
  from: string;
  to: string;
}

function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return dateFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function formatClock(time: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return time;
  const h = Number(match[1]);
  return `${h % 12 === 0 ? 12 : h % 12}:${match[2]} ${h < 12 ? 'AM' : 'PM'}`;
}

/** A booking field's value for people; "—" when unknown. */
export function formatFieldValue<F extends BookingFieldName>(
  field: F,
  value: BookingFields[F] | null,
): string {
  if (value === null || value === undefined) return '—';
  switch (field) {
    case 'date':
      return formatDate(value as string);
    case 'startLocal':
      return formatClock(value as string);
    case 'durationMinutes':
      return formatDuration(value as number);
    case 'grossAmountCents':
    case 'payoutCents':
      return formatCents(value as number);
    case 'captainIncluded':
      return value ? 'Included' : 'Not included';
    default:
      return String(value);
  }
}

/**
 * The fields a modification changes, as `applyChange` will apply them: every field the email
 * states (booking id aside) whose value differs from the booking on file.
 *
 * @example modificationChanges(intake, booking).map((c) => c.field) // ['date']
 */
export function modificationChanges(
  intake: IntakeResult,
  booking: Booking,
  timeZone: string,
): FieldChange[] {
  return bookingFieldNames
    .filter((field) => field !== 'bookingId')
    .filter(
      (field) =>
        intake[field] !== null &&
        JSON.stringify(intake[field]) !== JSON.stringify(booking.details[field]),
    )
    .map((field) => ({
      field,
      label: FIELD_LABELS[field],
      from:
        field === 'startLocal'
          ? startTimeInZone(booking.details.date, booking.details.startLocal, timeZone)
          : formatFieldValue(field, booking.details[field]),
      to:
        field === 'startLocal'
          ? startTimeInZone(intake.date ?? booking.details.date, intake.startLocal, timeZone)
          : formatFieldValue(field, intake[field]),
    }));
}

/**
 * A start time with the tenant zone's label on the day it applies ("10:00 AM PDT"), as every
 * other operator time is shown; the bare clock when the day is unknown or the value unreadable.
 */
function startTimeInZone(date: string | null, time: string | null, timeZone: string): string {
  if (time === null) return '—';
  if (date === null) return formatClock(time);
  try {
    return formatClockTime(zonedToInstant(date, time, timeZone), timeZone);
  } catch {
    return formatClock(time);
  }
}

function bookingLine(booking: Booking, tenant: Tenant): string {
  return [
    booking.marketplaceId ? `Booking *${safe(booking.marketplaceId, 100)}*` : null,
    safe(booking.details.listingName ?? 'Boat not set', 200),
    booking.details.guestName ? safe(booking.details.guestName, 200) : null,
    formatInZone(new Date(booking.startsAt), tenant.timezone),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Builds the modification card: what the charter is, each changed field old → new (and the net
 * before → after when priced), and *Apply changes* / *Dismiss*. Without a booking on file, or
 * for a cancelled or completed one, there is nothing to apply and only *Dismiss* is offered.
 *
 * @example buildModificationCard({ intake, booking, tenant, draftId: 'DR3', now: new Date() })
 */
export function buildModificationCard(input: ModificationCardInput): SlackMessage {
  const { intake, booking, tenant } = input;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Booking changed', LIMITS.headerText) },
  ];
  const changes = booking ? modificationChanges(intake, booking, tenant.timezone) : [];
  const closed =
    booking !== null && (booking.status === 'cancelled' || booking.status === 'completed');
  let notice: string;
  if (!booking) {
    notice = intake.bookingId
      ? `deckhand has no booking *${safe(intake.bookingId, 100)}* for ${safe(tenant.name, 200)}: nothing to change.`
      : 'The email does not say which booking it changes: nothing to change.';
  } else {
    notice = bookingLine(booking, tenant);
    if (closed) notice += ` · this charter is ${booking.status}; changes cannot be applied.`;
  }
  blocks.push({
    type: 'context',
    block_id: BLOCK_IDS.cardNotice,
    elements: [
      mrkdwn(
        truncate(
          [notice, ...intake.warnings.map((w) => safe(w, 500))].join(' · '),
          LIMITS.contextText,
        ),
      ),
    ],
  });

  if (booking) {
    const lines = changes.map(
      (c) => `*${safe(c.label, 100)}:* ${safe(c.from, 500)} → ${safe(c.to, 500)}`,
    );
    if (input.breakdown && input.breakdown.netCents !== booking.price.netCents)
      lines.push(
        `*Net:* ${formatCents(booking.price.netCents)} → ${formatCents(input.breakdown.netCents)}`,
      );
    blocks.push({
      type: 'section',
      block_id: BLOCK_IDS.modificationChanges,
      text: mrkdwn(
        lines.length > 0
          ? lines.join('\n')
          : 'Nothing in this email differs from the booking on file.',
      ),
    });
    if (input.breakdown && changes.length > 0 && !closed)
      blocks.push({ type: 'divider' }, ...breakdownOrHint(input.breakdown, tenant));
  }

  const canApply = booking !== null && changes.length > 0 && !closed;
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

  const what = booking?.details.listingName ?? booking?.marketplaceId ?? intake.bookingId;
  const text = canApply
    ? `Booking changed${what ? ` (${safe(what, 200)})` : ''}: ${changes.map((c) => safe(c.label, 100)).join(', ')}. Review and apply.`
    : `Booking change${what ? ` for ${safe(what, 200)}` : ''}: nothing to apply.`;
  return { text: truncate(text, LIMITS.messageText), blocks };
}
