/** Reads the approval modal's `view.state.values`: leniently on a change, strictly on submit. */
import { parseAmountToCents } from '../src/money/cents.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { formatInZone, localIsoDate, zonedToInstant } from '../src/time/zoned.ts';
import {
  type ApprovalDraft,
  GUESTS_PER_CREW,
  MAX_DURATION_MINUTES,
  NAME_MAX,
  PARTY_SIZE_MAX,
  PARTY_SIZE_MIN,
  requiredCrew,
} from './approval-draft.ts';
import { ACTION_IDS, BLOCK_IDS, OPTION_VALUES } from './block-ids.ts';

/** One element's state, as Slack sends it (a structural subset of Bolt's `ViewStateValue`). */
export interface ViewStateValueLike {
  type: string;
  value?: string | null | undefined;
  selected_date?: string | null | undefined;
  selected_time?: string | null | undefined;
  selected_option?: { value: string } | null | undefined;
  selected_options?: readonly { value: string }[] | undefined;
}

/** `view.state.values`: block_id → action_id → state. */
export type ViewStateValues = Readonly<
  Record<string, Readonly<Record<string, ViewStateValueLike>>>
>;

/** A submitted, valid approval. Raw (unescaped) text; revenue in cents. */
export interface ApprovalSubmission {
  date: string;
  startLocal: string;
  durationMinutes: number;
  guestName: string;
  partySize: number;
  /** In cents; which booking amount it is follows `revenueBasis`. */
  revenueCents: number;
  /** The tenant's `pricing.revenue`: `gross` → grossAmountCents, `payout` → payoutCents. */
  revenueBasis: 'gross' | 'payout';
  listingName: string | null;
  captainId: string | null;
  crewIds: string[];
  notes: string | null;
}

/** Messages keyed by the input's block_id, for `{ response_action: 'errors', errors }`. */
export type ApprovalErrors = Record<string, string>;

export type ApprovalReadResult =
  | { ok: true; value: ApprovalSubmission }
  | { ok: false; errors: ApprovalErrors };

function state(values: ViewStateValues, blockId: string, actionId: string) {
  return values[blockId]?.[actionId];
}

function text(values: ViewStateValues, blockId: string, actionId: string): string | null {
  const v = state(values, blockId, actionId)?.value?.trim();
  return v ? v : null;
}

/** The raw field values, as strings or ids, before any checking. */
function rawFields(values: ViewStateValues) {
  const captain =
    state(values, BLOCK_IDS.approvalCaptain, ACTION_IDS.approvalCaptain)?.selected_option?.value ??
    null;
  return {
    date:
      state(values, BLOCK_IDS.approvalDate, ACTION_IDS.approvalDate)?.selected_date?.trim() || null,
    start:
      state(values, BLOCK_IDS.approvalStart, ACTION_IDS.approvalStart)?.selected_time?.trim() ||
      null,
    duration:
      state(values, BLOCK_IDS.approvalDuration, ACTION_IDS.approvalDuration)?.selected_option
        ?.value ?? null,
    guestName: text(values, BLOCK_IDS.approvalGuestName, ACTION_IDS.approvalGuestName),
    partySize: text(values, BLOCK_IDS.approvalPartySize, ACTION_IDS.approvalPartySize),
    revenue: text(values, BLOCK_IDS.approvalRevenue, ACTION_IDS.approvalRevenue),
    listing: text(values, BLOCK_IDS.approvalListing, ACTION_IDS.approvalListing),
    /** undefined: no captain block answer at all; null: "No captain". */
    captainId: captain === OPTION_VALUES.noCaptain ? null : captain,
    crewIds: (
      state(values, BLOCK_IDS.approvalCrew, ACTION_IDS.approvalCrew)?.selected_options ?? []
    ).map((o) => o.value),
    notes: text(values, BLOCK_IDS.approvalNotes, ACTION_IDS.approvalNotes),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WHOLE = /^\d+$/;
/** Dollars with at most two decimals; no sign, no exponent, no thousands separators. */
const DOLLARS = /^\d+(?:\.\d{1,2})?$/;

function wholeNumber(value: string | null): number | null {
  if (value === null || !WHOLE.test(value) || value.length > 6) return null;
  return Number(value);
}

function dollarsToCents(value: string | null): number | null {
  if (value === null || !DOLLARS.test(value)) return null;
  return parseAmountToCents(value) ?? null;
}

/**
 * The modal's current values for a redraw after a `block_actions` (dispatch_action): anything
 * unreadable is null, nothing is an error. `captainIncluded` is not in the modal; pass the
 * draft's.
 *
 * @example buildApprovalModal({ ...input, draft: readApprovalDraft(body.view.state.values, draft.captainIncluded) })
 */
export function readApprovalDraft(
  values: ViewStateValues,
  captainIncluded: boolean | null,
): ApprovalDraft {
  const raw = rawFields(values);
  const duration = wholeNumber(raw.duration);
  return {
    date: raw.date && DATE.test(raw.date) ? raw.date : null,
    startLocal: raw.start && TIME.test(raw.start) ? raw.start : null,
    durationMinutes: duration !== null && duration > 0 ? duration : null,
    guestName: raw.guestName,
    partySize: wholeNumber(raw.partySize),
    revenueCents: dollarsToCents(raw.revenue),
    listingName: raw.listing,
    captainIncluded,
    captainId: raw.captainId,
    crewIds: raw.crewIds,
    notes: raw.notes,
  };
}

/**
 * Validates a submitted approval modal. Errors are keyed by block_id and say what to fix; answer
 * them with `ack({ response_action: 'errors', errors })`. Overlaps with other charters need the
 * store: check them after this with `overlapErrors`.
 *
 * Rules: date, start, duration, renter, guests and revenue are required; the start must be in
 * the future in the tenant's zone; guests 1 to 99; revenue in dollars, at least 0, at most two
 * decimals (read exactly, no floating point); a captain when the booking includes one
 * (`captainIncluded !== false`); at least 1 crew besides the captain per `GUESTS_PER_CREW`
 * guests on a crewed charter; captain and crew from the roster, nobody picked twice.
 *
 * @example
 * const read = readApprovalSubmission(view.state.values, tenant, new Date(), { captainIncluded: draft.captainIncluded });
 * if (!read.ok) return ack({ response_action: 'errors', errors: read.errors });
 */
export function readApprovalSubmission(
  values: ViewStateValues,
  tenant: Tenant,
  now: Date,
  options: { captainIncluded: boolean | null },
): ApprovalReadResult {
  const raw = rawFields(values);
  const errors: ApprovalErrors = {};
  const zone = tenant.timezone;
  const today = localIsoDate(now, zone);

  let date: string | null = null;
  if (raw.date === null) errors[BLOCK_IDS.approvalDate] = 'Pick the date of the charter.';
  else if (!DATE.test(raw.date)) errors[BLOCK_IDS.approvalDate] = 'Pick a date from the calendar.';
  else if (raw.date < today)
    errors[BLOCK_IDS.approvalDate] =
      `That date has passed (today is ${today} in ${zone}). Pick the charter's date.`;
  else date = raw.date;

  let startLocal: string | null = null;
  if (raw.start === null) errors[BLOCK_IDS.approvalStart] = 'Pick the start time.';
  else if (!TIME.test(raw.start)) errors[BLOCK_IDS.approvalStart] = 'Pick a time from the list.';
  else startLocal = raw.start;

  if (date !== null && startLocal !== null) {
    try {
      if (zonedToInstant(date, startLocal, zone).getTime() <= now.getTime()) {
        errors[BLOCK_IDS.approvalStart] =
          `That time has passed (it is ${formatInZone(now, zone)}). Pick a later start.`;
        startLocal = null;
      }
    } catch {
      errors[BLOCK_IDS.approvalDate] = 'That date does not exist. Pick it from the calendar.';
      date = null;
    }
  }

  const duration = wholeNumber(raw.duration);
  if (raw.duration === null) errors[BLOCK_IDS.approvalDuration] = 'Pick how long the charter is.';
  else if (duration === null || duration < 1 || duration > MAX_DURATION_MINUTES)
    errors[BLOCK_IDS.approvalDuration] = 'Pick a duration from the list.';

  const guestName = raw.guestName;
  if (guestName === null) errors[BLOCK_IDS.approvalGuestName] = "Enter the renter's name.";
  else if (guestName.length > NAME_MAX)
    errors[BLOCK_IDS.approvalGuestName] = `Keep the name within ${NAME_MAX} characters.`;

  const partySize = wholeNumber(raw.partySize);
  if (raw.partySize === null)
    errors[BLOCK_IDS.approvalPartySize] =
      `Enter the number of guests (${PARTY_SIZE_MIN} to ${PARTY_SIZE_MAX}).`;
  else if (partySize === null || partySize < PARTY_SIZE_MIN || partySize > PARTY_SIZE_MAX)
    errors[BLOCK_IDS.approvalPartySize] =
      `Guests must be a whole number from ${PARTY_SIZE_MIN} to ${PARTY_SIZE_MAX}.`;

  const basis = tenant.pricing.revenue === 'gross' ? 'renter total' : 'payout';
  const revenueCents = dollarsToCents(raw.revenue);
  if (raw.revenue === null)
    errors[BLOCK_IDS.approvalRevenue] = `Enter the ${basis} in dollars, e.g. 840.75.`;
  else if (raw.revenue.startsWith('-'))
    errors[BLOCK_IDS.approvalRevenue] = `The ${basis} cannot be negative.`;
  else if (revenueCents === null)
    errors[BLOCK_IDS.approvalRevenue] =
      `Enter the ${basis} in dollars with at most 2 decimals, e.g. 840.75.`;

  const member = (id: string) => tenant.roster.find((m) => m.id === id);
  const captainId = raw.captainId;
  if (captainId === null && options.captainIncluded !== false)
    errors[BLOCK_IDS.approvalCaptain] = 'This booking includes a captain: pick one.';
  else if (captainId !== null && !member(captainId)?.roles.includes('captain'))
    errors[BLOCK_IDS.approvalCaptain] =
      `"${captainId}" is not a captain on ${tenant.name}'s roster.`;

  const crewIds = raw.crewIds;
  const crewProblems: string[] = [];
  const unknown = crewIds.filter((id) => !member(id)?.roles.some((r) => r !== 'captain'));
  if (unknown.length > 0)
    crewProblems.push(`Not crew on ${tenant.name}'s roster: ${unknown.join(', ')}.`);
  if (captainId !== null && crewIds.includes(captainId))
    crewProblems.push(
      `${member(captainId)?.name ?? captainId} is picked as captain and as crew: pick someone else.`,
    );
  if (new Set(crewIds).size !== crewIds.length)
    crewProblems.push('Someone is picked twice: pick each person once.');
  const crewed = captainId !== null || options.captainIncluded !== false || crewIds.length > 0;
  if (partySize !== null && errors[BLOCK_IDS.approvalPartySize] === undefined && crewed) {
    const needed = requiredCrew(partySize);
    const have = new Set(crewIds.filter((id) => id !== captainId)).size;
    if (have < needed)
      crewProblems.push(
        `${partySize} guests need at least ${needed} crew besides the captain (1 per ${GUESTS_PER_CREW} guests); ${have} picked.`,
      );
  }
  // With nobody but captains on the roster the modal has no crew input: say it by the guests.
  const crewBlock =
    values[BLOCK_IDS.approvalCrew] === undefined
      ? BLOCK_IDS.approvalPartySize
      : BLOCK_IDS.approvalCrew;
  if (crewProblems.length > 0 && errors[crewBlock] === undefined)
    errors[crewBlock] = crewProblems.join(' ');

  if (
    Object.keys(errors).length > 0 ||
    date === null ||
    startLocal === null ||
    duration === null ||
    guestName === null ||
    partySize === null ||
    revenueCents === null
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      date,
      startLocal,
      durationMinutes: duration,
      guestName,
      partySize,
      revenueCents,
      revenueBasis: tenant.pricing.revenue,
      listingName: raw.listing,
      captainId,
      crewIds,
      notes: raw.notes,
    },
  };
}
