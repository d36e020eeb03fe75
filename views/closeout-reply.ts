/**
 * The close-out reply in a charter's thread: first the prompt (*Close out*, for approvers),
 * then, once saved, the actual net against the quote with *Edit close-out*. One message, updated
 * in place. Ops channel only: crew never see it.
 */
import type { Booking } from '../src/bookings/booking.ts';
import type { CloseOut } from '../src/closeout/close-out.ts';
import { formatCents } from '../src/money/cents.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { button, LIMITS, mrkdwn, type SlackMessage, safe, userMention } from './slack-format.ts';

function signed(cents: number): string {
  return cents >= 0 ? `+${formatCents(cents)}` : formatCents(cents);
}

/**
 * @example buildCloseOutReply({ booking })            // the prompt
 * @example buildCloseOutReply({ booking, closeOut }) // the actual net vs quoted
 */
export function buildCloseOutReply(input: {
  booking: Booking;
  closeOut?: CloseOut | undefined;
  /** The tenant's setting, said in a cancelled charter's prompt. */
  lateCancellationHours?: number | undefined;
}): SlackMessage {
  const { booking, closeOut } = input;
  if (!closeOut) {
    const text =
      booking.status === 'cancelled'
        ? `This charter was cancelled late (${input.lateCancellationHours === undefined ? 'close to its start' : `within ${input.lateCancellationHours} h of its start`}); it counts as fully refunded. Approvers: close it out with what was really refunded and any pay still owed to the crew.`
        : 'The charter is over. Approvers: close it out with the actual hours, extra costs, tips and any refund.';
    return {
      text,
      blocks: [
        { type: 'section', block_id: BLOCK_IDS.closeOutReply, text: mrkdwn(text) },
        {
          type: 'actions',
          block_id: BLOCK_IDS.closeOutActions,
          elements: [
            button('Close out', ACTION_IDS.closeOutOpen, booking.bookingId, { style: 'primary' }),
          ],
        },
      ],
    };
  }
  const { actual } = closeOut;
  const last = closeOut.history.at(-1);
  const extras = actual.lines
    .filter((l) => l.key.includes(':'))
    .map((l) => `${safe(l.label, 100)} ${formatCents(l.cents)}`);
  const text = `Closed out: actual net ${formatCents(actual.netCents)} vs quoted ${formatCents(booking.price.netCents)} (${signed(actual.netCents - booking.price.netCents)}).`;
  const details = [
    `Revenue ${formatCents(actual.revenueCents)}, costs ${formatCents(actual.costCents)}${extras.length > 0 ? ` (incl. ${extras.join(', ')})` : ''}.`,
    last
      ? `Version ${closeOut.version}, by ${last.by.startsWith('cli:') ? safe(last.by, 100) : userMention(last.by)}: ${safe(last.summary, 1000)}`
      : '',
  ].filter(Boolean);
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: BLOCK_IDS.closeOutReply,
        text: mrkdwn(`*${text}*\n${details.join('\n')}`, LIMITS.sectionText),
      },
      {
        type: 'actions',
        block_id: BLOCK_IDS.closeOutActions,
        elements: [button('Edit close-out', ACTION_IDS.closeOutOpen, booking.bookingId)],
      },
    ],
  };
}
