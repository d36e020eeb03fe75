/** The card for a booking request: still to be approved on the marketplace, and by when. */
import type { KnownBlock } from '@slack/types';
import type { IntakeResult } from '../src/intake/intake-result.ts';
import type { PriceBreakdown } from '../src/pricing/price-charter.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { buildBookingSummaryBlocks } from './booking-summary-blocks.ts';
import { breakdownOrHint, intakeWhen } from './review-card.ts';
import { button, formatSpan, LIMITS, mrkdwn, type SlackMessage, safe } from './slack-format.ts';

/** Hours an owner has to approve a request on the marketplace, from the request email. */
export const REQUEST_APPROVAL_HOURS = 72;

export interface RequestCardInput {
  intake: IntakeResult;
  tenant: Tenant;
  /** What the charter would earn with the default crew; null when it cannot be priced yet. */
  breakdown: PriceBreakdown | null;
  /** The request email's Date header (or when Slack received it, when the email has none). */
  receivedAt: Date;
  /** The stored draft the Dismiss button carries. */
  draftId: string;
  now: Date;
}

/**
 * Builds the card for a `request`: the summary, the marketplace deadline (72 hours after the
 * email) and how long is left, the would-be breakdown, and *Dismiss*. There is no approve
 * button: deckhand books the confirmation email that follows an approval on the marketplace.
 *
 * @example buildRequestCard({ intake, tenant, breakdown: null, receivedAt: emailDate, draftId: 'DR2', now: new Date() })
 */
export function buildRequestCard(input: RequestCardInput): SlackMessage {
  const { intake, tenant, now } = input;
  const deadline = new Date(input.receivedAt.getTime() + REQUEST_APPROVAL_HOURS * 3_600_000);
  const by = formatInZone(deadline, tenant.timezone);
  const left = deadline.getTime() - now.getTime();
  const deadlineText =
    left > 0
      ? `*Approve this request on the marketplace by ${by}* (${formatSpan(left)} left). deckhand posts a review card when the confirmation email arrives.`
      : `*The ${REQUEST_APPROVAL_HOURS} hours to approve ended ${by}*: the request has probably expired on the marketplace.`;
  const blocks: KnownBlock[] = [
    ...buildBookingSummaryBlocks(intake, tenant.timezone),
    { type: 'section', block_id: BLOCK_IDS.requestDeadline, text: mrkdwn(deadlineText) },
    { type: 'divider' },
    ...breakdownOrHint(input.breakdown, tenant, intake),
    {
      type: 'actions',
      block_id: BLOCK_IDS.cardActions,
      elements: [button('Dismiss', ACTION_IDS.reviewDismiss, input.draftId)],
    },
  ];
  const when = intakeWhen(intake, tenant.timezone);
  const text = [
    'Booking request',
    intake.guestName ? ` from ${safe(intake.guestName, 200)}` : '',
    when ? ` for ${safe(when, 100)}` : '',
    left > 0 ? `: approve it on the marketplace by ${by}.` : ': the approval window has ended.',
  ].join('');
  return { text: truncate(text, LIMITS.messageText), blocks };
}
