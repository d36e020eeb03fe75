/** The review card posted in a booking email's thread: summary, what is missing, cost, approve. */
import type { KnownBlock } from '@slack/types';
import type { IntakeResult } from '../src/intake/intake-result.ts';
import { type PriceBreakdown, revenueCentsFor } from '../src/pricing/price-charter.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { revenueBasisLabel } from './approval-modal.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { buildBookingSummaryBlocks } from './booking-summary-blocks.ts';
import { buildCostBreakdownBlocks } from './cost-breakdown-blocks.ts';
import { buildIntakeEvidenceBlocks } from './intake-evidence-blocks.ts';
import { button, LIMITS, mrkdwn, type SlackMessage, safe, userMention } from './slack-format.ts';

export interface ReviewCardInput {
  intake: IntakeResult;
  tenant: Tenant;
  /** The price with the tenant's default crew; null when revenue or duration is unknown. */
  breakdown: PriceBreakdown | null;
  /** The stored draft the buttons act on (button value). */
  draftId: string;
  now: Date;
  /**
   * Who approved it, once approved: the card keeps its summary and breakdown and loses only its
   * buttons (a line says who approved it and where the charter goes on).
   */
  approvedBy?: string | undefined;
}

/** "Sat, May 30, 2026, 9:00 AM PDT", or the date and time as parsed, or null. */
export function intakeWhen(intake: IntakeResult, timeZone: string): string | null {
  if (intake.startsAt) return formatInZone(new Date(intake.startsAt), timeZone);
  const parts = [intake.date, intake.startLocal].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The breakdown, or a line saying what it still needs (from the parse, when given). */
export function breakdownOrHint(
  breakdown: PriceBreakdown | null,
  tenant: Tenant,
  intake?: IntakeResult,
): KnownBlock[] {
  const revenueLabel = revenueBasisLabel(tenant).toLowerCase();
  if (breakdown)
    return buildCostBreakdownBlocks(breakdown, { revenueLabel: `Revenue (${revenueLabel})` });
  const needs = [
    !intake || revenueCentsFor(intake, tenant.pricing) === undefined
      ? `the ${revenueLabel} (what ${safe(tenant.name, 200)} counts as revenue)`
      : null,
    !intake || intake.durationMinutes === null ? 'the duration' : null,
  ].filter(Boolean);
  return [
    {
      type: 'section',
      block_id: BLOCK_IDS.costBreakdown,
      text: mrkdwn(
        needs.length > 0
          ? `*Cost breakdown:* needs ${needs.join(' and ')}; add it in the review.`
          : '*Cost breakdown:* shown in the review.',
      ),
    },
  ];
}

/**
 * Builds the review card for a parsed `booking`: the summary with its header, what is missing,
 * the cost breakdown, and *Review & approve* / *Dismiss* (both carry `draftId`).
 *
 * @example
 * const card = buildReviewCard({ intake, tenant, breakdown, draftId: 'DR1', now: new Date() });
 * await client.chat.postMessage({ channel, thread_ts, ...card });
 */
export function buildReviewCard(input: ReviewCardInput): SlackMessage {
  const { intake, tenant, now } = input;
  const blocks: KnownBlock[] = [
    ...buildBookingSummaryBlocks(intake, tenant.timezone),
    ...buildIntakeEvidenceBlocks(intake),
  ];
  if (!input.approvedBy && intake.startsAt && Date.parse(intake.startsAt) <= now.getTime()) {
    blocks.push({
      type: 'context',
      block_id: BLOCK_IDS.cardNotice,
      elements: [
        mrkdwn(':warning: This charter starts in the past: check the date before approving.'),
      ],
    });
  }
  blocks.push({ type: 'divider' }, ...breakdownOrHint(input.breakdown, tenant, intake));
  const when = intakeWhen(intake, tenant.timezone);
  if (input.approvedBy) {
    const approved = `✅ Approved by ${userMention(input.approvedBy)}: the charter's status follows in this thread.`;
    blocks.push({ type: 'context', block_id: BLOCK_IDS.cardNotice, elements: [mrkdwn(approved)] });
    const text = [
      'Approved',
      intake.guestName ? `: ${safe(intake.guestName, 200)}` : '',
      when ? ` on ${safe(when, 100)}` : '',
      ` (by ${userMention(input.approvedBy)}).`,
    ].join('');
    return { text: truncate(text, LIMITS.messageText), blocks };
  }
  blocks.push({
    type: 'actions',
    block_id: BLOCK_IDS.cardActions,
    elements: [
      button('Review & approve', ACTION_IDS.reviewApprove, input.draftId, { style: 'primary' }),
      button('Dismiss', ACTION_IDS.reviewDismiss, input.draftId),
    ],
  });
  const text = [
    'New booking',
    intake.guestName ? ` for ${safe(intake.guestName, 200)}` : '',
    when ? ` on ${safe(when, 100)}` : '',
    ': review and approve.',
  ].join('');
  return { text: truncate(text, LIMITS.messageText), blocks };
}
