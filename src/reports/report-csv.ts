/**
 * The report as CSV a bookkeeper opens: one row per charter, a header row, UTF-8, CRLF line
 * ends and RFC 4180 quoting (csv-stringify: renters and boats are free text with commas, quotes
 * and line breaks). Amounts are decimal (`12.34`), made from integer cents digit by digit.
 */
import { stringify } from 'csv-stringify/sync';
import { localIsoDate } from '../time/zoned.ts';
import type { PlReport } from './pl-report.ts';

/** Cents as a decimal amount without currency or grouping: 123456 → "1234.56", -5 → "-0.05". */
export function decimalAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe: renters' names come from emails (OWASP "CSV injection"). Amounts are not text
 * cells and keep their minus sign.
 */
function textCell(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function reportCsv(report: PlReport, timeZone: string): string {
  const header = [
    'date',
    'boat',
    'booking_id',
    'marketplace_id',
    'renter',
    'revenue',
    ...report.costKeys.map((k) => k.key),
    'total_cost',
    'net',
    'status',
    'basis',
  ];
  const rows = report.rows.map((row) => [
    localIsoDate(new Date(row.startsAt), timeZone),
    textCell(row.boat),
    row.bookingId,
    textCell(row.marketplaceId),
    textCell(row.renter),
    decimalAmount(row.revenueCents),
    ...report.costKeys.map((k) => decimalAmount(row.costs[k.key] ?? 0)),
    decimalAmount(row.costCents),
    decimalAmount(row.netCents),
    row.status,
    row.basis,
  ]);
  return stringify([header, ...rows], {
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the record delimiter (CRLF); a bare LF or CR in a
    // name would still split the row in a spreadsheet, so any line break is quoted too.
    quoted_match: /[\r\n]/,
  });
}
