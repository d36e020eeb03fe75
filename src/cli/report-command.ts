/**
 * `deckhand report`: a tenant's P&L from the command line, as text, CSV (the bookkeeper's file)
 * or JSON, for the tenant's approvers only (`--as`).
 */
import type { Config } from '../config/config.ts';
import { formatBps, formatCents } from '../money/cents.ts';
import type { PlReport } from '../reports/pl-report.ts';
import { reportCsv } from '../reports/report-csv.ts';
import { reportJson } from '../reports/report-json.ts';
import { datesPeriod, parsePeriod, type ReportPeriod } from '../reports/report-period.ts';
import { loadPlReport } from '../reports/report-sources.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { formatInZone } from '../time/zoned.ts';
import { type CliIo, EXIT, printable, printJson } from './cli-io.ts';
import { commandArgs, noPositionals, requiredTenant } from './command-args.ts';
import { requireOps } from './ops-access.ts';
import { withRuntime } from './pipeline-commands.ts';
import { parseNow, UsageError } from './usage-error.ts';

export const REPORT_USAGE = `Usage: deckhand report --tenant ID --as USER [--period TEXT | --from DATE --to DATE] [--csv | --json] [--now ISO]

A tenant's P&L: per charter, per boat and in total, revenue, each cost line, net and margin,
counted from the close-out where a charter was closed out, else from the quote; and the open
items (charters ended and not closed out). --period takes "this month" (the default),
"last month", 2027-05, Q3, "Q3 2027" or 2027; --from and --to are local dates, both included.
--csv prints one row per charter for a bookkeeper; --json prints
{ "charters": [...], "totals": {...} } in integer cents. --as is your Slack user id: only the
tenant's approvers may see its money.`;

function periodOf(
  values: { period?: string; from?: string; to?: string },
  now: Date,
  timeZone: string,
): ReportPeriod {
  if (values.period !== undefined && (values.from !== undefined || values.to !== undefined))
    throw new UsageError('Give --period or --from/--to, not both.', REPORT_USAGE);
  if ((values.from === undefined) !== (values.to === undefined))
    throw new UsageError('--from and --to go together.', REPORT_USAGE);
  if (values.from !== undefined && values.to !== undefined)
    return datesPeriod(values.from, values.to, timeZone);
  return parsePeriod(values.period ?? '', now, timeZone);
}

function describe(report: PlReport, timeZone: string): string {
  const { total } = report;
  const margin = (bps: number | null) => (bps === null ? '—' : formatBps(bps));
  const lines = [
    `P&L ${report.period.label}: ${total.charters} charter${total.charters === 1 ? '' : 's'}, revenue ${formatCents(total.revenueCents)}, cost ${formatCents(total.costCents)}, net ${formatCents(total.netCents)} (margin ${margin(total.marginBps)})`,
  ];
  for (const key of report.costKeys)
    lines.push(`  ${printable(key.label).padEnd(20)} ${formatCents(total.costs[key.key] ?? 0)}`);
  if (report.boats.length > 0) lines.push('Boats');
  for (const boat of report.boats)
    lines.push(
      `  ${printable(boat.boat).padEnd(24)} ${String(boat.charters).padStart(3)}  net ${formatCents(boat.netCents)} (margin ${margin(boat.marginBps)})`,
    );
  if (report.rows.length > 0) lines.push('Charters');
  for (const row of report.rows)
    lines.push(
      `  ${row.bookingId}  ${formatInZone(new Date(row.startsAt), timeZone)}  ${printable(row.boat)}  ${printable(row.renter ?? '—')}  net ${formatCents(row.netCents)} (${row.basis})`,
    );
  if (report.openItems.length > 0)
    lines.push(
      `Open: ${report.openItems.length} ended and not closed out: ${report.openItems.map((o) => o.bookingId).join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

export async function runReportCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      tenant: { type: 'string' },
      as: { type: 'string' },
      period: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      csv: { type: 'boolean', default: false },
      now: { type: 'string' },
    },
    REPORT_USAGE,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  noPositionals(positionals, REPORT_USAGE);
  if (values.csv && values.json)
    throw new UsageError('Give --csv or --json, not both.', REPORT_USAGE);
  const tenant = requiredTenant(values.tenant, config, tenants, REPORT_USAGE);
  requireOps(values.as, tenant, config, tenants, REPORT_USAGE);
  const now = parseNow(values.now);
  const period = periodOf(values, now, tenant.timezone);
  return withRuntime(config, tenants, io, true, async (runtime) => {
    const report = await loadPlReport(
      { bookings: runtime.store, closeOuts: runtime.reports.closeOuts },
      tenant,
      period,
      now,
    );
    if (values.csv) io.stdout.write(reportCsv(report, tenant.timezone));
    else if (values.json) printJson(io, reportJson(report, tenant.timezone));
    else io.stdout.write(describe(report, tenant.timezone));
    return EXIT.ok;
  });
}
