/**
 * From a message (a forwarded email, a pasted booking, the message shortcut) to its card in the
 * message's thread: the parse is stored as a draft, keyed by the Slack file or message, so a
 * re-delivered event posts nothing twice. `not_booking` posts nothing.
 */
import type { WebClient } from '@slack/web-api';
import { buildAlreadyBookedCard } from '../../views/already-booked-card.ts';
import { buildCancellationCard } from '../../views/cancellation-card.ts';
import { buildModificationCard } from '../../views/modification-card.ts';
import { buildRequestCard } from '../../views/request-card.ts';
import { buildReviewCard } from '../../views/review-card.ts';
import { defaultAssignment } from '../bookings/default-assignment.ts';
import type { IntakeResult } from '../intake/intake-result.ts';
import { parseIntake } from '../intake/parse-intake.ts';
import { findBooking, UnknownBookingError } from '../pipeline/book-from-intake.ts';
import { priceCharter, revenueCentsFor } from '../pricing/price-charter.ts';
import type { JobOf } from '../queue/jobs.ts';
import type { SlackDeps } from '../slack/slack-deps.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { type AlreadyBooked, findAlreadyBooked } from './find-already-booked.ts';

function defaultPrice(intake: IntakeResult, tenant: Tenant) {
  const revenueCents = revenueCentsFor(intake, tenant.pricing);
  if (revenueCents === undefined || intake.durationMinutes === null) return null;
  const crew = defaultAssignment(tenant, intake.captainIncluded !== false);
  return priceCharter(
    {
      revenueCents,
      durationMinutes: intake.durationMinutes,
      captain: crew.captainId !== null,
      crewCount: crew.crewIds.length,
      partySize: intake.partySize ?? undefined,
    },
    tenant.pricing,
  );
}

/** The charter thread's permalink; null (and a warning logged) when Slack gives none. */
async function threadUrl(
  deps: SlackDeps,
  client: WebClient,
  { booking }: AlreadyBooked,
): Promise<string | null> {
  const slack = booking.slack;
  if (!slack?.threadTs) return null;
  try {
    const answer = await client.chat.getPermalink({
      channel: slack.channelId,
      message_ts: slack.threadTs,
    });
    return answer.permalink ?? null;
  } catch (error) {
    // The card still names the charter; only the link is missing.
    deps.logger.warn({ err: error, bookingId: booking.bookingId }, 'chat.getPermalink failed');
    return null;
  }
}

export async function postIntakeCard(
  deps: SlackDeps,
  client: WebClient,
  input: {
    tenant: Tenant;
    intake: IntakeResult;
    channelId: string;
    messageTs: string;
    userId: string;
    sourceKey: string;
    receivedAt: Date;
  },
): Promise<'posted' | 'duplicate' | 'ignored'> {
  const { tenant, intake } = input;
  if (intake.kind === 'not_booking') return 'ignored';
  const draftId = `DR${input.sourceKey.replace(/[^A-Za-z0-9]/g, '').slice(-24)}`;
  const already =
    intake.kind === 'booking' || intake.kind === 'request'
      ? await findAlreadyBooked(deps.bookings, tenant, intake)
      : null;
  const created = await deps.drafts.create({
    tenantId: tenant.id,
    draftId,
    // A confirmation of a charter on file is stored as a change to it, so that *Apply changes*
    // applies what differs to that booking (and nothing can book it a second time).
    intake: already
      ? {
          ...intake,
          kind: 'modification',
          bookingId: intake.bookingId ?? already.booking.bookingId,
        }
      : intake,
    channelId: input.channelId,
    threadTs: input.messageTs,
    createdBy: input.userId,
    status: 'open',
    bookingId: null,
    source: input.sourceKey,
    createdAt: deps.clock().toISOString(),
  });
  if (!created) return 'duplicate';
  const now = deps.clock();
  let booking = null;
  if (intake.kind === 'modification' || intake.kind === 'cancellation') {
    booking = intake.bookingId
      ? await findBooking(deps.bookings, tenant, intake.bookingId).catch((error: unknown) => {
          if (error instanceof UnknownBookingError) return null;
          throw error;
        })
      : null;
  }
  const card = already
    ? buildAlreadyBookedCard({
        intake,
        booking: already.booking,
        tenant,
        matchedBy: already.matchedBy,
        threadUrl: await threadUrl(deps, client, already),
        draftId,
      })
    : intake.kind === 'booking'
      ? buildReviewCard({ intake, tenant, breakdown: defaultPrice(intake, tenant), draftId, now })
      : intake.kind === 'request'
        ? buildRequestCard({
            intake,
            tenant,
            breakdown: defaultPrice(intake, tenant),
            receivedAt: input.receivedAt,
            draftId,
            now,
          })
        : intake.kind === 'modification'
          ? buildModificationCard({ intake, booking, tenant, draftId, now })
          : buildCancellationCard({ intake, booking, tenant, draftId, now });
  await client.chat.postMessage({
    channel: input.channelId,
    thread_ts: input.messageTs,
    text: card.text,
    blocks: card.blocks,
    unfurl_links: false,
  });
  return 'posted';
}

/** The `intake.read` job: read the message (the whole email when Slack cut it), post its card. */
export async function readIntakeJob(
  deps: SlackDeps,
  client: WebClient,
  job: JobOf<'intake.read'>,
): Promise<void> {
  const tenant = deps.tenants.get(job.tenantId);
  // The event's copy may be shortened; files.info has the full plain text.
  const input = job.fullFileId
    ? JSON.stringify(
        (await client.files.info({ file: job.fullFileId })).file ?? JSON.parse(job.input),
      )
    : job.input;
  const intake = await parseIntake(input, {
    now: deps.clock(),
    timeZone: tenant.timezone,
    ...(job.asCommand ? { source: 'command' as const } : {}),
  });
  const posted = await postIntakeCard(deps, client, {
    tenant,
    intake,
    channelId: job.channelId,
    messageTs: job.messageTs,
    userId: job.userId,
    sourceKey: job.sourceKey,
    receivedAt: new Date(job.receivedAt),
  });
  if (posted !== 'ignored' || job.ifNotBooking === 'nothing') return;
  if (job.ifNotBooking === 'ephemeral') {
    await client.chat.postEphemeral({
      channel: job.channelId,
      user: job.userId,
      text: `That message does not look like a booking (missing: ${intake.missing.join(', ')}). Try /charter with the details.`,
    });
  } else {
    await client.chat.postMessage({
      channel: job.channelId,
      thread_ts: job.messageTs,
      text: 'That does not look like a booking to me. Paste the booking email, or type `/charter help`.',
    });
  }
}
