/**
 * The one entry point for every intake source: a raw RFC 5322 email, Slack JSON for a
 * forwarded email (envelope, message event, or file), pasted text, or `/charter` text.
 * Returns a typed IntakeResult with a `kind` and the fields a booking still `missing`.
 */
import { InputError } from '../errors.ts';
import { localDateOf, zonedToInstant } from '../time/zoned.ts';
import { classifyKind } from './classify-kind.ts';
import { extractFields } from './extract-fields.ts';
import { htmlToText, looksLikeHtml } from './html-text.ts';
import type { IntakeDocument } from './intake-document.ts';
import {
  type BookingFieldName,
  type BookingFields,
  emptyBookingFields,
  type FieldConflict,
  type FieldEvidenceMap,
  type IntakeKind,
  type IntakeResult,
  type IntakeSource,
} from './intake-result.ts';
import { linksIn } from './link-ids.ts';
import { parseCharterText } from './parse-charter-text.ts';
import { readMimeMessage } from './read-mime.ts';
import { findSlackEmailFile, readSlackEmailFile } from './read-slack-email.ts';
import { normalizeText } from './text-normalize.ts';
import { unwrapForwards } from './unwrap-forwards.ts';
import { type LocalDate, parseHeaderDate, weekdayMismatches } from './values.ts';

/** Inputs larger than this are refused: no booking email is anywhere near it. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export interface ParseIntakeOptions {
  /** "Now", for relative dates and years in typed text. Defaults to the current time. */
  now?: Date;
  /** The tenant's IANA zone: resolves "tomorrow" and gives `startsAt`/`endsAt` instants. */
  timeZone?: string;
  /** `command` for `/charter` text; `auto` (default) detects email, Slack JSON or text. */
  source?: 'auto' | 'command';
}

const RFC5322_HEADER =
  /^(?:from|to|subject|date|mime-version|content-type|received|return-path|message-id|delivered-to|reply-to|x-[\w-]+)[ \t]*:/im;

/** True when text starts with a header block that looks like a raw email. */
export function looksLikeRawEmail(text: string): boolean {
  const head = text.slice(0, 8192).replace(/\r\n/g, '\n');
  const end = head.indexOf('\n\n');
  const block = end === -1 ? head : head.slice(0, end);
  const lines = block.split('\n');
  if (!/^[\w-]{1,76}:/.test(lines[0] ?? '')) return false;
  const known = lines.filter((l) => RFC5322_HEADER.test(l)).length;
  return known >= 2 && lines.every((l) => /^[\w-]{1,76}:|^[ \t]/.test(l));
}

/** Typed text that is really a pasted email: several labelled lines, or email headers. */
function looksLikePastedEmail(text: string): boolean {
  if (!text.includes('\n')) return false;
  const labelled = text
    .split('\n')
    .filter((l) => /^\s*[A-Za-z][\w #'’()/-]{1,40}:\s*\S/.test(l)).length;
  return labelled >= 3 || looksLikeRawEmail(text);
}

function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}

async function readDocument(input: string | Uint8Array, command: boolean): Promise<IntakeDocument> {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.includes('\u0000')) {
    throw new InputError('binary_input', 'This looks like a binary file, not an email or text.', {
      hint: 'Give deckhand the email itself (.eml), its text, or the Slack event JSON.',
    });
  }
  const trimmed = text.trimStart();
  if (!command && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = undefined;
    }
    if (json !== undefined) {
      const file = findSlackEmailFile(json);
      if (!file) {
        throw new InputError(
          'not_an_email_event',
          'This JSON is not a Slack message with a forwarded email.',
          {
            hint: 'Pass the Events API envelope, the message event, or the file object whose filetype is "email".',
          },
        );
      }
      return readSlackEmailFile(file);
    }
  }
  if (looksLikeRawEmail(text)) {
    return readMimeMessage(typeof input === 'string' ? input : input);
  }
  const html = looksLikeHtml(text);
  return {
    source: command ? 'command' : 'text',
    subject: undefined,
    sentAt: undefined,
    bodies: [html ? htmlToText(text) : text],
    links: html ? linksIn('', text) : [],
    warnings: [],
  };
}

const BOOKING_NEEDS: readonly BookingFieldName[] = [
  'date',
  'startLocal',
  'durationMinutes',
  'guestName',
  'partySize',
];

/** What this kind of message still needs before a person can act on it. */
function missingFor(
  kind: IntakeKind,
  fields: BookingFields,
  source: IntakeSource,
): BookingFieldName[] {
  if (kind === 'modification' || kind === 'cancellation')
    return fields.bookingId === null ? ['bookingId'] : [];
  const needs: BookingFieldName[] = [];
  // A marketplace email always carries its id; an operator's typed line need not.
  if (source !== 'command' && source !== 'text' && fields.bookingId === null)
    needs.push('bookingId');
  for (const field of BOOKING_NEEDS) if (fields[field] === null) needs.push(field);
  if (fields.grossAmountCents === null && fields.payoutCents === null)
    needs.push('grossAmountCents');
  return needs;
}

function instants(
  fields: BookingFields,
  timeZone: string | undefined,
): Pick<IntakeResult, 'startsAt' | 'endsAt'> {
  if (!timeZone || fields.date === null || fields.startLocal === null)
    return { startsAt: null, endsAt: null };
  const start = zonedToInstant(fields.date, fields.startLocal, timeZone);
  const end =
    fields.durationMinutes === null
      ? null
      : new Date(start.getTime() + fields.durationMinutes * 60_000);
  return { startsAt: start.toISOString(), endsAt: end?.toISOString() ?? null };
}

function fromText(
  fields: BookingFields,
  kind: IntakeKind,
  source: IntakeSource,
  extra: Partial<IntakeResult>,
  timeZone: string | undefined,
): IntakeResult {
  return {
    kind,
    ...fields,
    missing: missingFor(kind, fields, source),
    source,
    subject: null,
    renterNote: null,
    warnings: [],
    ...instants(fields, timeZone),
    ...extra,
  };
}

/**
 * Parses any intake input. Throws InputError only for input that is not a message at all
 * (over MAX_INPUT_BYTES, binary, or JSON that is not a Slack email); everything else yields a
 * result, `not_booking` included.
 *
 * @example
 * const result = await parseIntake(rawEml, { timeZone: 'America/Los_Angeles' });
 * if (result.kind === 'booking' && result.missing.length === 0) { ... }
 */
export async function parseIntake(
  input: string | Uint8Array,
  options: ParseIntakeOptions = {},
): Promise<IntakeResult> {
  const size = byteLength(input);
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(
      'input_too_large',
      `The input is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.`,
      {
        hint: 'Forward just the booking email, without large attachments.',
      },
    );
  }
  const now = options.now ?? new Date();
  const today: LocalDate = options.timeZone
    ? localDateOf(now, options.timeZone)
    : localDateOf(now, 'UTC');
  const command = options.source === 'command';
  const text = typeof input === 'string' ? input : undefined;

  if (command && text !== undefined && !looksLikePastedEmail(text)) {
    const typed = normalizeText(text);
    // Each field's evidence is the token it was read from; what no reader took is said back.
    const { fields, evidence, notUnderstood } = parseCharterText(typed, today);
    const kind: IntakeKind =
      fields.date !== null && fields.startLocal !== null ? 'booking' : 'not_booking';
    const result = fromText(
      fields,
      kind,
      'command',
      { evidence, conflicts: [], notUnderstood },
      options.timeZone,
    );
    if (kind === 'not_booking') {
      result.missing = [
        ...(['date', 'startLocal'] as const).filter((f) => fields[f] === null),
        ...missingFor('booking', fields, 'command').filter(
          (f) => f !== 'date' && f !== 'startLocal',
        ),
      ];
    }
    return result;
  }

  const doc = await readDocument(input, command);
  // The plain and HTML parts are two renderings of one message: read both, trust the one
  // that says more, and let the other fill its gaps.
  const readings = doc.bodies.map((raw) => {
    const unwrapped = unwrapForwards(normalizeText(raw));
    const subject = unwrapped.subject ?? doc.subject;
    const sentAt = unwrapped.sentAt ?? doc.sentAt;
    const reference = (sentAt && parseHeaderDate(sentAt)) || today;
    const extracted = extractFields(
      unwrapped.body,
      subject && normalizeText(subject),
      reference,
      doc.links,
    );
    return { ...extracted, body: unwrapped.body, subject, reference };
  });
  readings.sort((a, b) => b.found - a.found);
  const best = readings[0];
  const merged = { ...(best?.fields ?? emptyBookingFields()) } as Record<BookingFieldName, unknown>;
  const evidence: FieldEvidenceMap = { ...best?.evidence };
  const conflicts: FieldConflict[] = [...(best?.conflicts ?? [])];
  for (const reading of readings.slice(1)) {
    for (const [field, value] of Object.entries(reading.fields) as [BookingFieldName, unknown][]) {
      if (merged[field] === null && value !== null) {
        merged[field] = value;
        evidence[field] = reading.evidence[field];
        conflicts.push(...reading.conflicts.filter((c) => c.field === field));
      }
    }
  }
  const fields = merged as BookingFields;
  const { kind, worded } = classifyKind(best?.subject ?? doc.subject, best?.body ?? '', fields);
  // A renter's message, a payout notice or an offer is not a booking: its dates and amounts
  // are not booking fields. Keep only the id it refers to. Pasted text that is not yet a
  // booking keeps what it says, for the operator to complete in the modal.
  const notBooking = kind === 'not_booking' && (worded || doc.source !== 'text');
  const kept = notBooking ? { ...emptyBookingFields(), bookingId: fields.bookingId } : fields;
  const keptEvidence = Object.fromEntries(
    Object.entries(evidence).filter(([field]) => kept[field as BookingFieldName] !== null),
  ) as FieldEvidenceMap;
  const source: IntakeSource = command ? 'command' : doc.source;
  return fromText(
    kept,
    kind,
    source,
    {
      subject: best?.subject ?? doc.subject ?? null,
      renterNote: best?.renterNote ?? null,
      // A date left missing because its weekday contradicts it says so, for the operator.
      warnings:
        kept.date === null && !notBooking && best
          ? [
              ...doc.warnings,
              ...weekdayMismatches(`${best.subject ?? ''}\n${best.body}`, best.reference),
            ]
          : doc.warnings,
      evidence: keptEvidence,
      conflicts: conflicts.filter((c) => kept[c.field] !== null),
    },
    options.timeZone,
  );
}
