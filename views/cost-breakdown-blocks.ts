/**
 * The cost breakdown as the approval modal shows it: revenue, one line per cost, total cost
 * and net. Pure. For ops only: crew-visible surfaces never show these numbers.
 */
import type { KnownBlock } from '@slack/types';
import { formatCents } from '../src/money/cents.ts';
import type { PriceBreakdown } from '../src/pricing/price-charter.ts';
import { escapeMrkdwn, truncate } from '../src/text/escape.ts';
import { BLOCK_IDS } from './block-ids.ts';

export interface CostBreakdownOptions {
  /** How the revenue line is named, e.g. "Revenue (renter total)". Default "Revenue". */
  revenueLabel?: string | undefined;
}

/** Slack's limits for a section's text and for one context element. */
const SECTION_MAX = 3000;
const CONTEXT_MAX = 2000;

/**
 * Builds the cost breakdown blocks.
 *
 * @example buildCostBreakdownBlocks(priceCharter(input, tenant.pricing))
 * @example buildCostBreakdownBlocks(breakdown, { revenueLabel: 'Revenue (payout)' })
 */
export function buildCostBreakdownBlocks(
  breakdown: PriceBreakdown,
  options: CostBreakdownOptions = {},
): KnownBlock[] {
  const lines = breakdown.lines.map(
    (line) =>
      `${escapeMrkdwn(line.label)} _(${escapeMrkdwn(line.detail)}${line.hoursWhy ? `: ${escapeMrkdwn(line.hoursWhy)}` : ''})_: −${formatCents(line.cents)}`,
  );
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: BLOCK_IDS.costBreakdown,
      text: {
        type: 'mrkdwn',
        text: truncate(
          [
            `*${escapeMrkdwn(options.revenueLabel ?? 'Revenue')}:* ${formatCents(breakdown.revenueCents)}`,
            ...lines,
          ].join('\n'),
          SECTION_MAX,
        ),
      },
    },
    {
      type: 'section',
      block_id: BLOCK_IDS.costTotals,
      fields: [
        { type: 'mrkdwn', text: `*Total cost*\n${formatCents(breakdown.costCents)}` },
        { type: 'mrkdwn', text: `*Net*\n${formatCents(breakdown.netCents)}` },
      ],
    },
  ];
  if (breakdown.warnings.length > 0) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: truncate(escapeMrkdwn(breakdown.warnings.join(' ')), CONTEXT_MAX) },
      ],
    });
  }
  return blocks;
}
