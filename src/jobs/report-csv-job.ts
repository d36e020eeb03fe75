/**
 * The `report.csv` job (*Export CSV* on the P&L or App Home): the period's CSV, uploaded to the
 * requester's DM with Slack's external upload (files.uploadV2: files.getUploadURLExternal, the
 * POST of the bytes, files.completeUploadExternal). The approver check is made again here, on
 * the server, whatever queued the job; a re-run of the same request uploads once.
 */
import type { WebClient } from '@slack/web-api';
import { formatCents } from '../money/cents.ts';
import type { JobOf } from '../queue/jobs.ts';
import { reportCsv } from '../reports/report-csv.ts';
import { parsePeriod, ReportPeriodError } from '../reports/report-period.ts';
import { loadPlReport } from '../reports/report-sources.ts';
import type { JobDeps } from '../slack/slack-deps.ts';

/** A UTF-8 byte order mark: spreadsheet programs then read accents in names right. */
const BOM = '\uFEFF';
const CLAIM_MS = 15 * 24 * 60 * 60 * 1000;

export async function reportCsvJob(
  deps: JobDeps,
  client: WebClient,
  job: JobOf<'report.csv'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  if (!deps.routing.mayApprove(tenant, job.userId)) {
    deps.logger.warn(
      { tenantId: tenant.id, userId: job.userId },
      'report.csv refused: the requester is not an approver',
    );
    return;
  }
  const now = deps.clock();
  const opened = await client.conversations.open({ users: job.userId });
  const channel = opened.channel?.id ?? job.userId;
  let period: ReturnType<typeof parsePeriod>;
  try {
    period = parsePeriod(job.period, now, tenant.timezone);
  } catch (error) {
    if (!(error instanceof ReportPeriodError)) throw error;
    await client.chat.postMessage({ channel, text: error.message });
    return;
  }
  const claim = `report-csv:${tenant.id}:${job.requestId}`;
  if (!(await deps.drafts.claimDelivery(claim, now.getTime() + CLAIM_MS))) return;
  try {
    const report = await loadPlReport(
      { bookings: deps.bookings, closeOuts: deps.reports.closeOuts },
      tenant,
      period,
      now,
    );
    const csv = reportCsv(report, tenant.timezone);
    await client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(BOM + csv, 'utf8'),
      filename: `pnl-${tenant.id}-${period.spec.replace(/\s+/g, '-')}.csv`,
      title: `P&L ${tenant.name} ${period.label}`,
      initial_comment: `P&L for ${period.label}: ${report.total.charters} charter${report.total.charters === 1 ? '' : 's'}, net ${formatCents(report.total.netCents)}. One row per charter; amounts in dollars.`,
    });
  } catch (error) {
    // Give the claim back so the queue's retry can upload.
    await deps.drafts.releaseDelivery(claim);
    throw error;
  }
}
