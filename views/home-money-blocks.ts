/** App Home's Money section (approvers only): this month and last, per boat, open items, chart. */
import type { KnownBlock } from '@slack/types';
import type { ChartPoint } from '../src/reports/chart-link.ts';
import type { PlReport } from '../src/reports/pl-report.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { BLOCK_IDS } from './block-ids.ts';
import { chartBlock, exportCsvButton, plReportBody } from './pl-report-blocks.ts';
import { LIMITS, mrkdwn, plain } from './slack-format.ts';

export interface HomeMoney {
  thisMonth: PlReport;
  lastMonth: PlReport;
  chart?: { url: string; points: readonly ChartPoint[] } | undefined;
}

export function homeMoneyBlocks(money: HomeMoney, tenant: Tenant): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: BLOCK_IDS.homeMoney, text: plain('Money', LIMITS.headerText) },
    {
      type: 'context',
      elements: [mrkdwn('Only approvers see this. `/charter report Q3` shows any period.')],
    },
  ];
  for (const report of [money.thisMonth, money.lastMonth]) {
    blocks.push(
      { type: 'section', text: mrkdwn(`*${report.period.label}*`) },
      // Block ids are for the report message; two periods on one Home must not repeat them.
      ...plReportBody({ report, timeZone: tenant.timezone }).map(
        ({ block_id: _id, ...block }) => block as KnownBlock,
      ),
      // One actions block per month: an action_id is unique within its block.
      { type: 'actions', elements: [exportCsvButton(report)] },
    );
  }
  if (money.chart) blocks.push(chartBlock(money.chart.url, money.chart.points));
  blocks.push({ type: 'divider' });
  return blocks;
}
