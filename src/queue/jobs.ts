/**
 * The work deckhand does after a Slack acknowledgement, or on a schedule, as plain data: each job
 * is a JSON message with a zod-checked shape, so the same job runs in-process (local mode) or
 * goes through SQS to the worker Lambda (AWS). A job carries ids and the user's input, never a
 * closure or a client, and handlers re-read what they need from the stores.
 */
import { z } from 'zod';
import { extraCostKinds } from '../closeout/close-out.ts';
import { describeZodIssues } from '../config/zod-problems.ts';

const id = z.string().min(1).max(200);
const slackTs = z.string().regex(/^\d+\.\d+$/, 'a Slack message ts (1700000000.000100)');
const tenantBooking = { tenantId: id, bookingId: id };

/** What the approval modal's submission holds once validated (views/approval-submission.ts). */
const approvalSubmission = z.object({
  date: z.iso.date(),
  startLocal: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.number().int().positive(),
  guestName: z.string().min(1),
  partySize: z.number().int().positive(),
  revenueCents: z.number().int().nonnegative(),
  revenueBasis: z.enum(['gross', 'payout']),
  listingName: z.string().nullable(),
  captainId: z.string().nullable(),
  crewIds: z.array(z.string()),
  notes: z.string().nullable(),
});

const pipelineEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: z.enum([
    'approved',
    'step_started',
    'step_done',
    'step_retrying',
    'step_failed',
    'pipeline_done',
    'modified',
    'cancelled',
    'completed',
    'crew_notified',
    'crew_confirmed',
    'crew_declined',
    'crew_reminded',
    'crew_replaced',
    'crew_released',
    'photos_landed',
  ]),
  step: z.string().optional(),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const jobSchema = z.discriminatedUnion('type', [
  /** *Retry* in the thread: failed steps back to pending, then the pipeline. */
  z.object({ type: z.literal('pipeline.retry'), ...tenantBooking }),
  /** *Pick replacement*: the chosen person replaces one who declined, then the pipeline. */
  z.object({ type: z.literal('crew.replace'), ...tenantBooking, replacing: id, personId: id }),
  /** A forwarded email, a pasted booking or the message shortcut: read it, post its card. */
  z.object({
    type: z.literal('intake.read'),
    tenantId: id,
    /** The text, or the Slack email file object as JSON. */
    input: z.string().max(200_000),
    /** Slack shortened the email (`has_more`): read the whole file with files.info first. */
    fullFileId: id.optional(),
    /** A one-line text is read like a `/charter` line. */
    asCommand: z.boolean(),
    channelId: id,
    messageTs: slackTs,
    userId: z.string(),
    sourceKey: id,
    receivedAt: z.iso.datetime(),
    /** What to say when it is not a booking: nothing, an ephemeral hint, or a thread reply (DMs). */
    ifNotBooking: z.enum(['nothing', 'ephemeral', 'reply']),
  }),
  /** The approval modal, submitted and valid: book the draft, open the thread, run the pipeline. */
  z.object({
    type: z.literal('draft.approve'),
    tenantId: id,
    draftId: id,
    /** Made once per submission: a re-run of this job resumes it, another submission does not. */
    claim: z.string().min(16).max(64),
    /** The review card to mark approved (in the status message's channel). */
    cardTs: slackTs.optional(),
    channelId: id,
    threadTs: slackTs.nullable(),
    approvedBy: id,
    submission: approvalSubmission,
  }),
  /** *Apply changes* / *Cancel charter*: a change draft or a booking id (`/charter cancel`). */
  z.object({
    type: z.literal('change.apply'),
    tenantId: id,
    target: id,
    userId: id,
    card: z.object({ channelId: id, ts: slackTs }).optional(),
  }),
  /** A pipeline or crew event that happened where no Slack thread is kept (HTTP, Slack Lambdas). */
  z.object({ type: z.literal('thread.event'), ...tenantBooking, event: pipelineEvent }),
  /** The schedule: a tenant's due crew reminders. */
  z.object({ type: z.literal('reminders.send'), tenantId: id }),
  /** The close-out modal, submitted and valid: save it, update the thread and the calendar. */
  z.object({
    type: z.literal('closeout.save'),
    ...tenantBooking,
    userId: id,
    /** The close-out version the modal was opened at (0: none): the save's condition. */
    expectedVersion: z.number().int().min(0),
    /** Made once per submission: a re-run of this job finds its save done. */
    requestId: z.string().min(16).max(64),
    channelId: id,
    /** The thread reply the modal was opened from, updated with the actual net. */
    replyTs: slackTs.optional(),
    actuals: z.object({
      hours: z.array(
        z.object({
          personId: id,
          role: z.enum(['captain', 'crew']),
          minutes: z.number().int().min(0),
        }),
      ),
      extraCosts: z.array(
        z.object({
          kind: z.enum(extraCostKinds),
          cents: z.number().int().min(0),
          note: z.string().max(500),
        }),
      ),
      tipsCents: z.number().int().min(0),
      refundCents: z.number().int().min(0),
      extraChargeCents: z.number().int().min(0),
    }),
  }),
  /** The schedule: a tenant's charters that have ended become completed. */
  z.object({ type: z.literal('bookings.complete'), tenantId: id }),
  /**
   * Count the guests' photos in the bucket and keep the thread's one "N photos" reply: one
   * booking (a guest page said a photo landed), or, without `bookingId`, every booking of the
   * tenant whose upload window is open or just closed (the schedule).
   */
  z.object({ type: z.literal('photos.count'), tenantId: id, bookingId: id.optional() }),
  /** *Export CSV*: a period's P&L as CSV, uploaded to the requester's DM (approvers only). */
  z.object({
    type: z.literal('report.csv'),
    tenantId: id,
    userId: id,
    /** What parsePeriod reads: `2027-05`, `Q3 2027`, `last month`. */
    period: z.string().max(40),
    /** Made once per click: a re-run of this job uploads once. */
    requestId: z.string().min(16).max(64),
  }),
]);

export type Job = z.infer<typeof jobSchema>;
export type JobOf<T extends Job['type']> = Extract<Job, { type: T }>;
export type ApprovalJobSubmission = z.infer<typeof approvalSubmission>;

/** A job message that is not valid JSON or not a job: never retried, it cannot succeed. */
export class InvalidJobError extends Error {
  constructor(readonly problems: string[]) {
    super(`Not a deckhand job: ${problems.join('; ')}`);
    this.name = 'InvalidJobError';
  }
}

/** Reads a queue message body into a job, or throws InvalidJobError saying what is wrong. */
export function parseJob(body: string): Job {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidJobError(['the message body is not JSON']);
  }
  const result = jobSchema.safeParse(value);
  if (!result.success) throw new InvalidJobError(describeZodIssues(result.error.issues));
  return result.data;
}

/** The message body for a job, checked first so nothing malformed is ever sent. */
export function serializeJob(job: Job): string {
  const body = JSON.stringify(job);
  parseJob(body);
  return body;
}
