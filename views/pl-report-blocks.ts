/**
 * The P&L as Block Kit, for `/charter report` (ephemeral) and App Home's Money section, both
 * shown to approvers only: totals, each cost line, quoted vs actual for closed-out charters,
 * one section per boat, the open items, the net-by-month chart and *Export CSV*.
 */
import type { KnownBlock } from '@slack/types';
import { formatBps, formatCents } from '../src/money/cents.ts';
import type { ChartPoint } from '../src/reports/chart-link.ts';
import type { BoatSummary, CostKey, PlReport, Summary } from '../src/reports/pl-report.ts';
import { formatShortDay } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { button, LIMITS, mrkdwn, plain, type SlackMessage, safe } from './slack-format.ts';

/** Boats shown one section each; the rest are summed in one line. */
const MAX_BOATS = 10;
const MAX_OPEN_ITEMS = 10;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function margin(summary: Summary): string {
  return summary.marginBps === null ? 'no revenue' : `margin ${formatBps(summary.marginBps)}`;
}

/** "Port fee $151.34 · Captain $150.00 · Crew $250.00". */
function costLines(summary: Summary, keys: readonly CostKey[]): string {
  const parts = keys
    .filter((k) => summary.costs[k.key] !== undefined)
    .map((k) => `${safe(k.label, 80)} ${formatCents(summary.costs[k.key] as number)}`);
  return parts.length > 0 ? parts.join(' · ') : 'no costs';
}

function quotedVsActual(summary: Summary): string | undefined {
  if (summary.closedOut === 0) return undefined;
  const diff = summary.closedOutActualNetCents - summary.closedOutQuotedNetCents;
  const sign = diff > 0 ? '+' : '';
  return `${plural(summary.closedOut, 'charter')} closed out: quoted net ${formatCents(summary.closedOutQuotedNetCents)}, actual ${formatCents(summary.closedOutActualNetCents)} (${sign}${formatCents(diff)})`;
}

/** The totals line of a summary: charters, revenue, cost, net and margin. */
export function summaryLine(summary: Summary): string {
  return `${plural(summary.charters, 'charter')} · revenue ${formatCents(summary.revenueCents)} · cost ${formatCents(summary.costCents)} · net *${formatCents(summary.netCents)}* (${margin(summary)})`;
}

function boatSection(boat: BoatSummary, keys: readonly CostKey[]): KnownBlock {
  const lines = [`*${safe(boat.boat, 200)}*: ${summaryLine(boat)}`, costLines(boat, keys)];
  const qa = quotedVsActual(boat);
  if (qa) lines.push(qa);
  return { type: 'section', text: mrkdwn(lines.join('\n')) };
}

/** Alt text of the chart: the figures it draws, for screen readers and notifications. */
export function chartAltText(points: readonly ChartPoint[]): string {
  return `Net by month: ${points.map((p) => `${p.month} ${formatCents(p.netCents)}`).join('; ')}`;
}

export function chartBlock(chartUrl: string, points: readonly ChartPoint[]): KnownBlock {
  return {
    type: 'image',
    block_id: BLOCK_IDS.reportChart,
    image_url: chartUrl,
    alt_text: chartAltText(points).slice(0, 2000),
    title: plain('Net by month', 100),
  };
}

function openItemsText(report: PlReport, timeZone: string): string {
  const items = report.openItems;
  const shown = items.slice(0, MAX_OPEN_ITEMS).map((item) => {
    const who = item.renter ? ` · ${safe(item.renter, 100)}` : '';
    return `• ${formatShortDay(new Date(item.endsAt), timeZone)} · ${safe(item.boat, 100)}${who} · \`${safe(item.bookingId, 40)}\``;
  });
  if (items.length > shown.length) shown.push(`…and ${items.length - shown.length} more.`);
  return [
    `*Open: ${plural(items.length, 'charter')} ended and not closed out* (counted as quoted)`,
    ...shown,
  ].join('\n');
}

export interface PlReportInput {
  report: PlReport;
  timeZone: string;
  /** The chart and its figures, when there is one to show. */
  chart?: { url: string; points: readonly ChartPoint[] } | undefined;
}

/** The report's blocks without a header (App Home puts its own around them). */
export function plReportBody(input: PlReportInput): KnownBlock[] {
  const { report, timeZone } = input;
  const { total, costKeys } = report;
  const totals = [`*Total*: ${summaryLine(total)}`, costLines(total, costKeys)];
  const qa = quotedVsActual(total);
  if (qa) totals.push(qa);
  if (total.charters === 0) {
    return [
      {
        type: 'section',
        block_id: BLOCK_IDS.reportTotals,
        text: mrkdwn(`No charters in ${safe(report.period.label, 100)}.`),
      },
    ];
  }
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: BLOCK_IDS.reportTotals, text: mrkdwn(totals.join('\n')) },
  ];
  // One boat is the total again: a section per boat only when there are several.
  if (report.boats.length > 1) {
    for (const boat of report.boats.slice(0, MAX_BOATS)) blocks.push(boatSection(boat, costKeys));
    const rest = report.boats.slice(MAX_BOATS);
    if (rest.length > 0) {
      blocks.push({
        type: 'context',
        elements: [mrkdwn(`…and ${plural(rest.length, 'more boat')}.`)],
      });
    }
  }
  if (report.openItems.length > 0) {
    blocks.push({
      type: 'section',
      block_id: BLOCK_IDS.reportOpenItems,
      text: mrkdwn(openItemsText(report, timeZone)),
    });
  }
  return blocks;
}

/** The CSV button for a period. */
export function exportCsvButton(report: PlReport) {
  return button(
    `Export CSV (${report.period.label})`.slice(0, 75),
    ACTION_IDS.reportExportCsv,
    report.period.spec,
  );
}

/**
 * `/charter report`: header, totals and cost lines, per boat, open items, the chart and the
 * CSV button. Deterministic for its input (snapshot-tested).
 *
 * @example await respond({ response_type: 'ephemeral', ...buildPlReportMessage({ report, timeZone, chart }) })
 */
export function buildPlReportMessage(input: PlReportInput): SlackMessage {
  const { report } = input;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`P&L · ${report.period.label}`, LIMITS.headerText) },
    ...plReportBody(input),
  ];
  if (input.chart) blocks.push(chartBlock(input.chart.url, input.chart.points));
  blocks.push({
    type: 'actions',
    block_id: BLOCK_IDS.reportActions,
    elements: [exportCsvButton(report)],
  });
  return {
    text: `P&L ${safe(report.period.label, 100)}: ${summaryLine(report.total).replace(/\*/g, '')}`,
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}
