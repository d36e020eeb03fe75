/** The `draft.approve` job: the approval modal's submission booked, the thread opened, the pipeline run. */
import type { WebClient } from '@slack/web-api';
import { buildReviewCard } from '../../views/review-card.ts';
import type { Booking } from '../bookings/booking.ts';
import { emptyBookingFields, type IntakeResult } from '../intake/intake-result.ts';
import { approveBooking } from '../pipeline/book-from-intake.ts';
import { runPipeline } from '../pipeline/run-pipeline.ts';
import { newBookingId } from '../pipeline/slugs.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { JobDeps } from '../slack/slack-deps.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';

/**
 * The `draft.approve` job: book the draft once, open the charter thread, run the pipeline.
 * Safe to run again (SQS re-delivers a job whose worker died): the claim fixes the booking id,
 * booking and approving are idempotent, the thread opens once, and the pipeline resumes.
 */
export async function approveDraftJob(
  deps: JobDeps,
  client: WebClient,
  job: JobOf<'draft.approve'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  const draft = await deps.drafts.claimApproval(tenant.id, job.draftId, job.claim, newBookingId());
  // Another submission approved it, or it was dismissed: that one answers in the thread.
  if (!draft?.bookingId) return;
  const value = job.submission;
  const intake: IntakeResult = {
    ...draft.intake,
    ...emptyBookingFields(),
    kind: 'booking',
    bookingId: draft.intake.bookingId,
    listingName: value.listingName,
    date: value.date,
    startLocal: value.startLocal,
    durationMinutes: value.durationMinutes,
    guestName: value.guestName,
    partySize: value.partySize,
    grossAmountCents:
      value.revenueBasis === 'gross' ? value.revenueCents : draft.intake.grossAmountCents,
    payoutCents: value.revenueBasis === 'payout' ? value.revenueCents : draft.intake.payoutCents,
    captainIncluded: value.captainId !== null,
    departure: draft.intake.departure,
    renterNote: value.notes ?? draft.intake.renterNote,
  };
  const { booking } = await approveBooking(deps.bookings, tenant, intake, {
    assignment: { captainId: value.captainId, crewIds: value.crewIds },
    now: deps.clock(),
    bookingId: draft.bookingId,
  });
  // True for the one run that moves the draft on (not for a re-run after that point).
  const approvedNow = await deps.drafts.transition(
    tenant.id,
    draft.draftId,
    'approving',
    'approved',
    booking.bookingId,
  );
  // The charter is set up even when Slack does not answer: a thread that could not be opened
  // fails the job after the pipeline, so the queue runs it again (it resumes, and opens it).
  let threadFailed: { error: unknown } | undefined;
  await deps.thread
    .open(booking, tenant, { channelId: job.channelId, threadTs: job.threadTs })
    .catch((error: unknown) => {
      threadFailed = { error };
    });
  // The card and "Approved by …" once: a re-run past the draft's approval does not repeat them.
  if (approvedNow) {
    if (job.cardTs) await markCardApproved(deps, client, job, { intake, booking, tenant });
    deps.thread.onEvent(tenant.id, booking.bookingId, {
      seq: 0,
      at: deps.clock().toISOString(),
      type: 'approved',
      message: 'approved',
      detail: { by: job.approvedBy },
    });
  }
  await runPipeline(tenant, booking.bookingId, deps.pipeline);
  if (threadFailed) throw threadFailed.error;
}

/**
 * The review card keeps what was approved (the summary as booked and its cost breakdown) and
 * loses its buttons for a line saying who approved it, so nobody opens the modal for a booking
 * that is already on its way. Best effort: the card may have been deleted, and the charter goes
 * on either way.
 */
async function markCardApproved(
  deps: JobDeps,
  client: WebClient,
  job: JobOf<'draft.approve'>,
  approved: { intake: IntakeResult; booking: Booking; tenant: Tenant },
): Promise<void> {
  const { booking, tenant } = approved;
  const card = buildReviewCard({
    intake: { ...approved.intake, startsAt: booking.startsAt, endsAt: booking.endsAt, missing: [] },
    tenant,
    breakdown: booking.price,
    draftId: job.draftId,
    now: deps.clock(),
    approvedBy: job.approvedBy,
  });
  try {
    await client.chat.update({
      channel: job.channelId,
      ts: job.cardTs as string,
      text: card.text,
      blocks: card.blocks,
    });
  } catch (error) {
    deps.logger.warn(
      { err: error, bookingId: booking.bookingId },
      'marking the review card approved failed',
    );
  }
}
