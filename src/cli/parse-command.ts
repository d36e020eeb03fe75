/** `deckhand parse [FILE|-] [--text TEXT] [--now ISO] [--tenant ID] [--json]` */
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/config.ts';
import { InputError } from '../errors.ts';
import { describeEvidence } from '../intake/describe-evidence.ts';
import type { BookingFieldName, IntakeResult } from '../intake/intake-result.ts';
import { MAX_INPUT_BYTES, parseIntake } from '../intake/parse-intake.ts';
import { formatCents } from '../money/cents.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { type CliIo, EXIT, printable, printJson, readAll } from './cli-io.ts';
import { commandArgs } from './command-args.ts';
import { parseNow, UsageError } from './usage-error.ts';

export const PARSE_USAGE = `Usage: deckhand parse [FILE|-] [--text TEXT] [--now ISO-8601] [--tenant ID] [--json]

Reads a booking from an email (.eml), Slack event/file JSON, pasted text, or a /charter
line (--text, or a one-line file), and prints what it found and what is missing.
  FILE|-        input file, or - (the default) for stdin
  --text TEXT   parse TEXT as a /charter line instead of reading a file
  --now ISO     "now" for relative dates and missing years (default: the current time)
  --tenant ID   the tenant whose time zone applies (default: DECKHAND_DEFAULT_TENANT)
  --json        print one JSON object`;

const KIND_TITLES: Record<IntakeResult['kind'], string> = {
  booking: 'Booking (confirmed)',
  request: 'Booking request (not yet approved on the marketplace)',
  modification: 'Change to a booking',
  cancellation: 'Cancellation',
  not_booking: 'Not a booking',
};

function describeDuration(minutes: number): string {
  const h = Math.trunc(minutes / 60);
  const m = minutes % 60;
  return [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}

// The fields in the order of the rows below.
const FIELD_ORDER: readonly BookingFieldName[] = [
  'bookingId',
  'listingName',
  'date',
  'startLocal',
  'durationMinutes',
  'guestName',
  'partySize',
  'grossAmountCents',
  'payoutCents',
  'captainIncluded',
  'departure',
];

function humanReadable(result: IntakeResult, zone: string | undefined): string {
  const rows: [string, string | null][] = [
    ['Booking ID', result.bookingId],
    ['Boat', result.listingName],
    ['Date', result.date],
    [
      'Start',
      result.startLocal &&
        `${result.startLocal}${zone && result.startsAt ? ` ${zone} (${result.startsAt})` : ''}`,
    ],
    ['Duration', result.durationMinutes === null ? null : describeDuration(result.durationMinutes)],
    ['Renter', result.guestName],
    ['Guests', result.partySize === null ? null : String(result.partySize)],
    ['Renter paid', result.grossAmountCents === null ? null : formatCents(result.grossAmountCents)],
    ['Payout', result.payoutCents === null ? null : formatCents(result.payoutCents)],
    [
      'Captain',
      result.captainIncluded === null ? null : result.captainIncluded ? 'included' : 'not included',
    ],
    ['Departure', result.departure],
  ];
  const lines = [`${KIND_TITLES[result.kind]} — from ${result.source.replace('_', ' ')}`];
  for (const [label, value, field] of rows.map((row, k) => [...row, FIELD_ORDER[k]] as const)) {
    if (value === null) continue;
    lines.push(`  ${label.padEnd(14)}${printable(value)}`);
    const evidence = field && result.evidence?.[field];
    // A labelled value speaks for itself; anything read another way shows where it came from.
    if (evidence && evidence.how !== 'labelled')
      lines.push(`  ${''.padEnd(14)}${printable(describeEvidence(evidence))}`);
  }
  for (const conflict of result.conflicts ?? [])
    lines.push(
      printable(
        `Check ${conflict.field}: chose ${String(conflict.chosen)} (${describeEvidence(conflict.chosenEvidence)}) over ${String(conflict.runnerUp)} (${describeEvidence(conflict.runnerUpEvidence)}). ${conflict.rule}`,
      ),
    );
  if (result.renterNote)
    lines.push(
      `  ${'Renter note'.padEnd(14)}${printable(result.renterNote.replace(/\n/g, ' / '))}`,
    );
  const missingLabel = result.kind === 'not_booking' ? 'Missing for a booking' : 'Missing';
  lines.push(
    `${missingLabel}: ${result.missing.length === 0 ? 'nothing' : result.missing.join(', ')}`,
  );
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  for (const item of result.notUnderstood ?? [])
    lines.push(printable(`Not understood: '${item.text}' — ${item.reason}`));
  return `${lines.join('\n')}\n`;
}

async function readInput(path: string | undefined, io: CliIo): Promise<Uint8Array> {
  if (path === undefined || path === '-') return readAll(io.stdin);
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError(
      'unreadable_file',
      `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      {
        hint: 'Check the path, or pass - to read from stdin.',
        cause: error,
      },
    );
  }
}

/**
 * Reads and parses what the operator gave: `--text` (a /charter line), or a file or stdin (an
 * email, Slack JSON, pasted text; a single line counts as a /charter line). Shared by `book`.
 */
export async function readIntake(
  io: CliIo,
  input: {
    path: string | undefined;
    text: string | undefined;
    now: Date;
    timeZone: string | undefined;
  },
): Promise<IntakeResult> {
  const { now, timeZone } = input;
  if (input.text !== undefined)
    return parseIntake(input.text, { now, timeZone, source: 'command' });
  const bytes = await readInput(input.path, io);
  // Over the limit, parseIntake words the refusal.
  if (bytes.byteLength > MAX_INPUT_BYTES) return parseIntake(bytes, { now, timeZone });
  const text = new TextDecoder().decode(bytes).trim();
  const oneLine = text !== '' && !text.includes('\n') && !text.startsWith('{');
  return oneLine
    ? parseIntake(text, { now, timeZone, source: 'command' })
    : parseIntake(bytes, { now, timeZone });
}

/** Runs `deckhand parse`. */
export async function runParseCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = commandArgs(
    args,
    { text: { type: 'string' }, now: { type: 'string' }, tenant: { type: 'string' } },
    PARSE_USAGE,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('parse takes at most one FILE.', PARSE_USAGE);
  if (values.text !== undefined && positionals.length > 0)
    throw new UsageError('Give either FILE or --text, not both.', PARSE_USAGE);
  const tenantId = values.tenant ?? config.defaultTenant;
  const zone = tenantId === undefined ? undefined : tenants.get(tenantId).timezone;
  const now = parseNow(values.now);

  const result = await readIntake(io, {
    path: positionals[0],
    text: values.text,
    now,
    timeZone: zone,
  });
  if (values.json) printJson(io, result);
  else io.stdout.write(humanReadable(result, zone));
  return EXIT.ok;
}
