/**
 * The approval modal submitted: validate (answered inline within Slack's 3 seconds), close the
 * modal, then book and run the pipeline after the acknowledgement. The draft is claimed with one
 * conditional write, so a double submit or a re-delivery books once.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { emptyBookingFields, type IntakeResult } from '../../src/intake/intake-result.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { newBookingId } from '../../src/pipeline/slugs.ts';
import type { JobOf } from '../../src/queue/jobs.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { decodeApprovalMetadata } from '../action-values.ts';
import { overlapErrors } from '../approval-overlaps.ts';
import { readApprovalSubmission, type ViewStateValues } from '../approval-submission.ts';
import { CALLBACK_IDS } from '../block-ids.ts';
import { userMention } from '../slack-format.ts';

export function registerApprovalSubmitted(app: App, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.approvalModal, async ({ ack, view, body }) => {
    const metadata = decodeApprovalMetadata(view.private_metadata);
    const tenant = metadata
      ? deps.tenants.list().find((t) => t.id === metadata.tenantId)
      : undefined;
    const draft =
      metadata && tenant ? await deps.drafts.get(tenant.id, metadata.draftId) : undefined;
    if (!metadata || !tenant || !draft) {
      await ack({ response_action: 'errors', errors: {} });
      return;
    }
    if (!deps.routing.mayApprove(tenant, body.user.id)) {
      await ack({ response_action: 'clear' });
      return;
    }
    const read = readApprovalSubmission(
      view.state.values as ViewStateValues,
      tenant,
      deps.clock(),
      {
        captainIncluded: draft.intake.captainIncluded,
      },
    );
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const overlaps = overlapErrors(
      read.value,
      tenant,
      await deps.runtime.store.listByTenant(tenant.id),
    );
    if (Object.keys(overlaps).length > 0) {
      await ack({ response_action: 'errors', errors: overlaps });
      return;
    }
    await ack();
    await deps.enqueue({
      type: 'draft.approve',
      tenantId: tenant.id,
      draftId: draft.draftId,
      channelId: metadata.channelId,
      threadTs: metadata.threadTs ?? draft.threadTs,
      approvedBy: body.user.id,
      submission: read.value,
      claim: randomUUID(),
      ...(metadata.cardTs ? { cardTs: metadata.cardTs } : {}),
    });
  });
}

/**
 * The `draft.approve` job: book the draft once, open the charter thread, run the pipeline.
 * Safe to run again (SQS re-delivers a job whose worker died): the claim fixes the booking id,
 * booking and approving are idempotent, the thread opens once, and the pipeline resumes.
 */
export async function approveDraftJob(
  deps: SlackDeps,
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
  const { booking } = await approveBooking(deps.runtime.store, tenant, intake, {
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
    if (job.cardTs) await markCardApproved(deps, client, job, booking.bookingId);
    deps.thread.onEvent(tenant.id, booking.bookingId, {
      seq: 0,
      at: deps.clock().toISOString(),
      type: 'approved',
      message: 'approved',
      detail: { by: job.approvedBy },
    });
  }
  await runPipeline(tenant, booking.bookingId, deps.runtime.deps);
  if (threadFailed) throw threadFailed.error;
}

/**
 * The review card becomes a line saying who approved it, without its buttons (as *Dismiss*
 * does), so nobody opens the modal for a booking that is already on its way. Best effort: the
 * card may have been deleted, and the charter goes on either way.
 */
async function markCardApproved(
  deps: SlackDeps,
  client: WebClient,
  job: JobOf<'draft.approve'>,
  bookingId: string,
): Promise<void> {
  try {
    await client.chat.update({
      channel: job.channelId,
      ts: job.cardTs as string,
      text: `Approved by ${userMention(job.approvedBy)} as ${bookingId}: its status follows in this thread.`,
      blocks: [],
    });
  } catch (error) {
    deps.logger.warn({ err: error, bookingId }, 'marking the review card approved failed');
  }
}
