/** Shared pieces of the Block Kit builders: Slack's limits, safe text objects, and formats. */
import type {
  Button,
  ConfirmationDialog,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
} from '@slack/types';
import type { StepName } from '../src/bookings/pipeline-progress.ts';
import type { AssignmentState } from '../src/crew/crew-assignment.ts';
import { ROLE_NAMES } from '../src/crew/crew-briefing.ts';
import type { CrewRole } from '../src/tenants/tenant-schema.ts';
import { escapeMrkdwn, truncate } from '../src/text/escape.ts';
import { dateFormat } from '../src/time/zoned.ts';

/** Slack's documented limits that the builders cut to (characters unless stated). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** The `text` of chat.postMessage; Slack truncates beyond 40,000, we stay far below. */
  messageText: 3000,
  headerText: 150,
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMax: 3000,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** What chat.postMessage / chat.update take: `text` is required for notifications. */
export interface SlackMessage {
  /** Fallback and notification text; mrkdwn, so everything typed in it is escaped. */
  text: string;
  blocks: KnownBlock[];
}

/** A plain_text object cut to `max`. Mentions and links are never parsed in plain_text. */
export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) };
}

/**
 * Raw text cut to `max` without a mark and without splitting a surrogate pair: for input
 * `initial_value`s, which must fit the input's `max_length` and are submitted back as they are.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A mrkdwn object from text that is already safe (escaped where typed), cut to `max`. */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) };
}

/** Typed text made safe for mrkdwn: escaped, then cut. */
export function safe(text: string, max: number = LIMITS.sectionText): string {
  return truncate(escapeMrkdwn(text), max);
}

/**
 * A mrkdwn link to one of deckhand's own URLs; anything that is not a plain http(s) URL is shown
 * as its label only, so a stray `|` or `>` cannot break out of the link.
 */
export function mrkdwnLink(url: string, label: string): string {
  if (!/^https?:\/\/[^\s<>|]+$/.test(url) || url.length > LIMITS.url) return escapeMrkdwn(label);
  return `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(label)}>`;
}

/** A Slack user mention for a well-formed user id; anything else is shown escaped. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A static select option, its text cut to Slack's 75 characters. */
export function option(text: string, value: string): PlainTextOption {
  if (value.length > LIMITS.optionValue)
    throw new RangeError(`option value over ${LIMITS.optionValue} characters`);
  return { text: plain(text, LIMITS.optionText), value };
}

/**
 * A button carrying `value` back to the app. Values are ids the caller gives; one that does not
 * fit Slack's 2,000 characters is a bug, so it throws rather than cutting an id.
 */
export function button(
  text: string,
  actionId: string,
  value: string,
  extra: { style?: 'primary' | 'danger'; confirm?: ConfirmationDialog } = {},
): Button {
  if (value.length === 0 || value.length > LIMITS.buttonValue)
    throw new RangeError(`button value must be 1 to ${LIMITS.buttonValue} characters`);
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    value,
    ...(extra.style ? { style: extra.style } : {}),
    ...(extra.confirm ? { confirm: extra.confirm } : {}),
  };
}

/** "3 h", "2 h 30 min", "45 min". */
export function formatDuration(minutes: number): string {
  const h = Math.trunc(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return `${h} h`;
  return h === 0 ? `${m} min` : `${h} h ${m} min`;
}

/** A span for people: "2 d 5 h", "5 h 10 min", "10 min" (rounded down to the minute). */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** "Sat, May 30, 9:00 AM PDT": the year is left out when it is the current one. */
export function formatShortWhen(instant: Date, timeZone: string, now: Date): string {
  const year = dateFormat('en-US', { timeZone, year: 'numeric' });
  const sameYear = year.format(instant) === year.format(now);
  return dateFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

/** "9:00 AM PDT": the zone's label always, so a reader in another zone is not misled. */
export function formatClockTime(instant: Date, timeZone: string): string {
  return dateFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

/** Cents as a number-input value in dollars ("840.75"), exactly, without floating point. */
export function centsToDollarsInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** How each pipeline step is named in Slack. */
export const STEP_LABELS: Record<StepName, string> = {
  guest_page: 'Guest page',
  crew_page: 'Crew page',
  calendar_entry: 'Calendar entry',
  crew_event: 'Crew event',
  revenue_scrub: 'Revenue removed from crew event',
  crew_notify: 'Crew notified',
};

/** A step name from an event, named for people (unknown names are escaped as they are). */
export function stepLabel(step: string | undefined): string {
  if (step === undefined) return 'A step';
  return (STEP_LABELS as Record<string, string>)[step] ?? escapeMrkdwn(step);
}

/** One crew member on a charter, as the status message, the list and App Home show them. */
export interface CrewStatusEntry {
  personId: string;
  name: string;
  role: CrewRole;
  state: AssignmentState;
  /** Why they declined, when they said. Crew-typed: escaped where shown. */
  reason?: string | null | undefined;
  /** For a decline: people who could replace them (same role, free), from suggestReplacements. */
  suggestions?: readonly { id: string; name: string }[] | undefined;
}

export const CREW_STATE_EMOJI: Record<AssignmentState, string> = {
  pending: '⏳',
  confirmed: '✅',
  declined: '❌',
  replaced: '↩️',
};

/** "✅ Kai Sampleson (deckhand)": one crew member, safe for mrkdwn. */
export function crewLine(entry: CrewStatusEntry): string {
  return `${CREW_STATE_EMOJI[entry.state]} ${safe(entry.name, 200)} (${ROLE_NAMES[entry.role]}): ${entry.state}`;
}

/** The crew who still count (people replaced are off the charter). */
export function activeCrew(crew: readonly CrewStatusEntry[]): CrewStatusEntry[] {
  return crew.filter((c) => c.state !== 'replaced');
}

/** True when there is crew and every one of them confirmed. */
export function allHandsConfirmed(crew: readonly CrewStatusEntry[]): boolean {
  const active = activeCrew(crew);
  return active.length > 0 && active.every((c) => c.state === 'confirmed');
}

/** "2/3 confirmed, 1 declined": a compact crew count. */
export function crewCounts(crew: readonly CrewStatusEntry[]): string {
  const active = activeCrew(crew);
  if (active.length === 0) return 'no crew assigned';
  const count = (state: AssignmentState) => active.filter((c) => c.state === state).length;
  const parts = [`${count('confirmed')}/${active.length} confirmed`];
  if (count('declined') > 0) parts.push(`${count('declined')} declined`);
  if (count('pending') > 0) parts.push(`${count('pending')} pending`);
  return parts.join(', ');
}
