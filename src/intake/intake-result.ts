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
