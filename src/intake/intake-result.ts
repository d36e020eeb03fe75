/**
 * The parser's output. This zod schema is the source of the type: every intake source
 * (email, Slack-forwarded email, pasted text, `/charter`) produces one of these.
 */
import { z } from 'zod';

export const intakeKinds = [
  'booking',
  'modification',
  'cancellation',
  'request',
  'not_booking',
] as const;
export const intakeKindSchema = z.enum(intakeKinds);
export type IntakeKind = z.infer<typeof intakeKindSchema>;

export const intakeSources = ['email', 'slack_email', 'text', 'command'] as const;
export type IntakeSource = (typeof intakeSources)[number];

/** The booking fields, in the order people read them. Null where the input does not say. */
export const bookingFieldsSchema = z.object({
  /** The marketplace's id as written (digits or letters). */
  bookingId: z.string().min(1).nullable(),
  /** Boat / listing name. */
  listingName: z.string().min(1).nullable(),
  /** Local departure date, YYYY-MM-DD. */
  date: z.iso.date().nullable(),
  /** Local start time, 24-hour HH:mm. */
  startLocal: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable(),
  durationMinutes: z.number().int().positive().nullable(),
  /** Renter's name, decoded and NOT escaped: escape where it is shown. */
  guestName: z.string().min(1).nullable(),
  partySize: z.number().int().positive().nullable(),
  /** What the renter paid in total, in cents. */
  grossAmountCents: z.number().int().nullable(),
  /** The owner's earnings / payout, in cents. */
  payoutCents: z.number().int().nullable(),
  captainIncluded: z.boolean().nullable(),
  /** Meeting point / departure address, one line. */
  departure: z.string().min(1).nullable(),
});
export type BookingFields = z.infer<typeof bookingFieldsSchema>;
export type BookingFieldName = keyof BookingFields;
export const bookingFieldNames = Object.keys(bookingFieldsSchema.shape) as BookingFieldName[];

/** Where in the input a value was read. */
export const evidenceWheres = [
  'subject',
  'body',
  'table',
  'link',
  'forward_header',
  'command',
] as const;
/** How: a labelled value, read from a sentence, worked out (duration from a range), or filled in (a year). */
export const evidenceHows = ['labelled', 'inferred', 'derived', 'defaulted'] as const;

/** The source text a field's value came from, so a person can check it at a glance. */
export const fieldEvidenceSchema = z.object({
  /** Raw source text, at most 80 characters. */
  excerpt: z.string().max(80),
  where: z.enum(evidenceWheres),
  /** 1-based line of the (unwrapped) body, when `where` is body or table. */
  line: z.number().int().positive().optional(),
  how: z.enum(evidenceHows),
});
export type FieldEvidence = z.infer<typeof fieldEvidenceSchema>;

const fieldNameSchema = z.enum(
  Object.keys(bookingFieldsSchema.shape) as [BookingFieldName, ...BookingFieldName[]],
);

/** Two candidates that disagree: the one chosen, the runner-up, and the rule that chose. */
export const fieldConflictSchema = z.object({
  field: fieldNameSchema,
  chosen: z.union([z.string(), z.number(), z.boolean()]),
  runnerUp: z.union([z.string(), z.number(), z.boolean()]),
  /** A sentence a person understands. */
  rule: z.string(),
  chosenEvidence: fieldEvidenceSchema,
  runnerUpEvidence: fieldEvidenceSchema,
});
export type FieldConflict = z.infer<typeof fieldConflictSchema>;
export type FieldEvidenceMap = Partial<Record<BookingFieldName, FieldEvidence>>;

/** A piece of a `/charter` line that was not read, or a value that was refused, and why. */
export const notUnderstoodSchema = z.object({
  /** The typed text, at most 80 characters. */
  text: z.string().max(80),
  /** A sentence a person understands: "has passed", "not part of a booking". */
  reason: z.string(),
});
export type NotUnderstood = z.infer<typeof notUnderstoodSchema>;

export const intakeResultSchema = bookingFieldsSchema.extend({
  kind: intakeKindSchema,
  /** Fields this kind needs that were not found: ask a person for them, never guess. */
  missing: z.array(z.enum(bookingFieldNames as [BookingFieldName, ...BookingFieldName[]])),
  source: z.enum(intakeSources),
  /** Subject of the (innermost forwarded) email, when there is one. */
  subject: z.string().nullable(),
  /** Start and end as UTC instants, when date, start and the tenant's zone are known. */
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  /** A note the renter wrote (kept for the crew page; never mined for booking fields). */
  renterNote: z.string().nullable(),
  /** Things a person should check (e.g. "Slack truncated this email"). */
  warnings: z.array(z.string()),
  /**
   * Where every non-null field came from. parseIntake always sets it; optional because drafts
   * stored before evidence existed, and results built by hand (a booking typed in the modal),
   * have none.
   */
  evidence: z.partialRecord(fieldNameSchema, fieldEvidenceSchema).optional(),
  /** Fields where two candidates disagreed; the chosen value is the field's value. */
  conflicts: z.array(fieldConflictSchema).optional(),
  /** `/charter` lines only: every word no reader claimed and every value refused. */
  notUnderstood: z.array(notUnderstoodSchema).optional(),
});
export type IntakeResult = z.infer<typeof intakeResultSchema>;

/** An empty set of booking fields. */
export function emptyBookingFields(): BookingFields {
  return {
    bookingId: null,
    listingName: null,
    date: null,
    startLocal: null,
    durationMinutes: null,
    guestName: null,
    partySize: null,
    grossAmountCents: null,
    payoutCents: null,
    captainIncluded: null,
    departure: null,
  };
}
