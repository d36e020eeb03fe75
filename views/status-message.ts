/** The one status message per charter: steps, links and crew answers, updated in place. */
import type { KnownBlock } from '@slack/types';
import type { Booking } from '../src/bookings/booking.ts';
import type { PipelineOutcome, StepName } from '../src/bookings/pipeline-progress.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { buildReplacementPicker } from './replacement-picker.ts';
import {
  activeCrew,
  allHandsConfirmed,
  button,
  type CrewStatusEntry,
  crewCounts,
  crewLine,
  formatClockTime,
  formatShortWhen,
  LIMITS,
  mrkdwn,
  mrkdwnLink,
  plain,
  type SlackMessage,
  STEP_LABELS,
  safe,
} from './slack-format.ts';

export interface StatusLinks {
  guestPageUrl: string;
  crewPageUrl: string;
  calendarUrl?: string | null | undefined;
}

export interface StatusMessageInput {
  booking: Booking;
  tenant: Tenant;
  /** Where each step stands (`runPipeline` or `pipelineStatus`). */
  outcome: Pick<PipelineOutcome, 'steps'>;
  /** Everyone on the charter with their answer; for a decline, the suggested replacements. */
  crew: readonly CrewStatusEntry[];
  links: StatusLinks;
  now: Date;
}

type StepState = PipelineOutcome['steps'][StepName]['status'];

const STEP_EMOJI: Record<StepState, string> = {
  waiting: '⏳',
  pending: '⏳',
  running: '⏳',
  done: '✅',
  failed: '⚠️',
};

const BOOKING_STATE: Record<Booking['status'], string> = {
  draft: 'Waiting for approval',
  approved: 'Approved, setting up',
  active: 'Set up',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Most declined people shown with a replacement picker (the message stays within 50 blocks). */
const MAX_DECLINE_BLOCKS = 20;

/** The boat, or "Boat not set": the company's name would read as if it were the boat. */
function boatName(booking: Booking): string {
  return booking.details.listingName ?? 'Boat not set';
}

function stepEntries(outcome: Pick<PipelineOutcome, 'steps'>) {
  return (Object.keys(STEP_LABELS) as StepName[])
    .filter((name) => outcome.steps[name] !== undefined)
    .map((name) => ({ name, ...outcome.steps[name] }));
}

/**
 * The status message's notification text (`text`): boat, time, steps and crew in one line,
 * escaped for mrkdwn.
 *
 * @example statusText(input) // 'Sea Breeze, Sat, May 30, 9:00 AM PDT: 5/6 steps done, 1 failed; crew 2/3 confirmed, 1 declined'
 */
export function statusText(input: StatusMessageInput): string {
  const { booking, tenant, now } = input;
  const steps = stepEntries(input.outcome);
  const done = steps.filter((s) => s.status === 'done').length;
  const failed = steps.filter((s) => s.status === 'failed').length;
  const when = formatShortWhen(new Date(booking.startsAt), tenant.timezone, now);
  const state =
    booking.status === 'cancelled' || booking.status === 'completed'
      ? `${BOOKING_STATE[booking.status]}: `
      : '';
  const text = `${state}${safe(boatName(booking), 200)}, ${when}: ${done}/${steps.length} steps done${
    failed > 0 ? `, ${failed} failed` : ''
  }; crew ${crewCounts(input.crew)}`;
  return truncate(text, LIMITS.messageText);
}

/**
 * Builds the charter's status message: a header with boat and local start, a line per step
 * (⏳ waiting or running, ✅ done, ⚠️ failed with *Retry*, value = booking id), links, and the
 * crew with their answers (a *Pick replacement* select per decline). Cancelled and completed
 * charters show their state and no replacement pickers.
 *
 * @example
 * await client.chat.update({ channel, ts, ...buildStatusMessage({ booking, tenant, outcome, crew, links, now: new Date() }) });
 */
export function buildStatusMessage(input: StatusMessageInput): SlackMessage {
  const { booking, tenant, now } = input;
  const closed = booking.status === 'cancelled' || booking.status === 'completed';
  const when = formatShortWhen(new Date(booking.startsAt), tenant.timezone, now);
  const prefix = closed ? `${BOOKING_STATE[booking.status]}: ` : '';
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plain(`${prefix}⛵ ${boatName(booking)} · ${when}`, LIMITS.headerText),
    },
  ];

  const d = booking.details;
  const facts = [
    `*${BOOKING_STATE[booking.status]}*`,
    d.guestName ? `Renter ${safe(d.guestName, 200)}` : null,
    d.partySize === null ? null : `${d.partySize} guest${d.partySize === 1 ? '' : 's'}`,
    booking.marketplaceId ? `Booking ${safe(booking.marketplaceId, 100)}` : booking.bookingId,
    `updated ${formatClockTime(now, tenant.timezone)}`,
  ].filter(Boolean);
  blocks.push({
    type: 'context',
    block_id: BLOCK_IDS.statusState,
    elements: [mrkdwn(facts.join(' · '), LIMITS.contextText)],
  });
  if (booking.status === 'cancelled') {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        '🛑 This charter is cancelled: the guest page shows a cancellation notice and the crew were told.',
      ),
    });
  }

  const steps = stepEntries(input.outcome);
  blocks.push({
    type: 'section',
    block_id: BLOCK_IDS.statusSteps,
    text: mrkdwn(
      steps.map((s) => `${STEP_EMOJI[s.status]} ${STEP_LABELS[s.name]}: ${s.status}`).join('\n'),
    ),
  });
  for (const step of steps.filter((s) => s.status === 'failed')) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `⚠️ *${STEP_LABELS[step.name]}* failed${step.error ? `: ${safe(step.error, 1000)}` : '.'}`,
      ),
      accessory: button('Retry', ACTION_IDS.retryPipeline, booking.bookingId),
    });
  }

  const links = [
    mrkdwnLink(input.links.guestPageUrl, 'Guest page'),
    mrkdwnLink(input.links.crewPageUrl, 'Crew page'),
    ...(input.links.calendarUrl ? [mrkdwnLink(input.links.calendarUrl, 'Calendar')] : []),
  ];
  blocks.push({
    type: 'section',
    block_id: BLOCK_IDS.statusLinks,
    text: mrkdwn(links.join(' · ')),
  });

  blocks.push({ type: 'divider' });
  const crew = activeCrew(input.crew);
  const crewLines = crew.length > 0 ? crew.map(crewLine) : ['Nobody is assigned yet.'];
  if (allHandsConfirmed(input.crew)) crewLines.push('*All hands confirmed* ✅');
  blocks.push({
    type: 'section',
    block_id: BLOCK_IDS.statusCrew,
    text: mrkdwn(
      truncate(`*Crew* (${crewCounts(input.crew)})\n${crewLines.join('\n')}`, LIMITS.sectionText),
    ),
  });
  if (!closed) {
    const declined = crew.filter((c) => c.state === 'declined');
    for (const entry of declined.slice(0, MAX_DECLINE_BLOCKS))
      blocks.push(buildReplacementPicker(entry, booking.bookingId));
    if (declined.length > MAX_DECLINE_BLOCKS) {
      blocks.push({
        type: 'context',
        elements: [
          mrkdwn(
            `…and ${declined.length - MAX_DECLINE_BLOCKS} more declined: use \`deckhand crew ${booking.bookingId}\`.`,
          ),
        ],
      });
    }
  }
  return { text: statusText(input), blocks };
}
