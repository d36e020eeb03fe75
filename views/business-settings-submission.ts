/**
 * Reads the business settings modal into a tenant and validates it with the tenants file's own
 * schema (`tenantSchema`): nothing is checked here that the YAML would not check, and nothing
 * the YAML checks is skipped. Each of the schema's issues is put on the input it came from (a
 * roster member on the select or the line that named them, a fee on its line), for
 * `{ response_action: 'errors', errors }`; a text that cannot be read at all (a rate that is not
 * an amount) is reported the same way before the schema runs.
 */
import type { z } from 'zod';
import { parseAmountToCents } from '../src/money/cents.ts';
import type { Fee, Tenant } from '../src/tenants/tenant-schema.ts';
import { tenantSchema } from '../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { ROLE_INPUTS } from './business-settings-modal.ts';
import {
  feeKeyFor,
  numberedLines,
  parseFeeLine,
  parsePersonLine,
  slugIdFor,
} from './business-settings-text.ts';

/** One element's state as Slack sends it, for the element types this modal uses. */
export interface BusinessStateValue {
  type: string;
  value?: string | null | undefined;
  selected_option?: { value: string } | null | undefined;
  selected_users?: readonly string[] | null | undefined;
  selected_conversation?: string | null | undefined;
}

export type BusinessStateValues = Readonly<
  Record<string, Readonly<Record<string, BusinessStateValue>>>
>;

/** A Slack user picked in the modal, as users.info describes them. */
export interface WorkspacePerson {
  name: string;
  email?: string;
}

export interface BusinessSubmissionInput {
  values: BusinessStateValues;
  teamId: string;
  /** The Slack users picked in the role selects (`pickedPeople`), looked up by the listener. */
  people: ReadonlyMap<string, WorkspacePerson>;
  /** The stored tenant being edited: its id, keys and settings the modal does not show are kept. */
  previous?: Tenant;
  /** Whether an id is used already (a new business's id is made from its name). */
  idTaken(id: string): boolean;
}

/** Messages keyed by block_id. */
export type BusinessErrors = Record<string, string>;

export type BusinessReadResult =
  | { ok: true; tenant: Tenant }
  | { ok: false; errors: BusinessErrors };

/** Slack's limit on one inline error is not documented tightly; stay short. */
const ERROR_MAX = 150;

function entry(values: BusinessStateValues, blockId: string, actionId: string) {
  return values[blockId]?.[actionId];
}

function text(values: BusinessStateValues, blockId: string, actionId: string): string | undefined {
  const value = entry(values, blockId, actionId)?.value?.trim();
  return value ? value : undefined;
}

/** A text input as typed (untrimmed), so line numbers count the lines the person sees. */
function rawText(values: BusinessStateValues, blockId: string, actionId: string): string | null {
  return entry(values, blockId, actionId)?.value ?? null;
}

function users(values: BusinessStateValues, blockId: string, actionId: string): string[] {
  return [...(entry(values, blockId, actionId)?.selected_users ?? [])];
}

/** Every Slack user picked as crew, to look up (names, emails) before reading the submission. */
export function pickedPeople(values: BusinessStateValues): string[] {
  return [...new Set(ROLE_INPUTS.flatMap((r) => users(values, r.blockId, r.actionId)))];
}

/** A roster member before the schema has judged it (a role may be a word it does not know). */
interface MemberDraft {
  id: string;
  name: string;
  roles: string[];
  slackUserId?: string;
  email?: string;
  phone?: string;
}

/** Where a list item came from: its input and, for a text, its line. */
interface Origin {
  blockId: string;
  line?: number;
}

function unique(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base.slice(0, 60)}-${n}`;
    if (!taken(id)) return id;
  }
}

/** A zod issue said for a person filling a form rather than a file. */
function friendly(issue: z.core.$ZodIssue): string {
  // The issues carry their input (safeParse with reportInput): a missing answer says so.
  if (issue.input === undefined || issue.input === null) return 'this is required';
  if (issue.code === 'too_small' && issue.origin === 'string')
    return issue.input === '' ? 'this cannot be empty' : `at least ${issue.minimum} characters`;
  if (issue.code === 'too_small' && issue.origin === 'array' && issue.path.at(-1) === 'roles')
    return 'give at least one role: captain, first mate, deckhand or host';
  // zod's "Too small: expected array to have >=1 items" is a file's wording, not a form's.
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `add at least ${issue.minimum === 1 ? 'one' : String(issue.minimum)}`;
  if (issue.code === 'invalid_value' && issue.path.includes('roles'))
    return 'a role is one of captain, first mate, deckhand, host';
  return issue.message;
}

const TEXT_LISTS = {
  houseRules: BLOCK_IDS.bizHouseRules,
  safetyNotes: BLOCK_IDS.bizSafetyNotes,
  whatToBring: BLOCK_IDS.bizWhatToBring,
  crewChecklist: BLOCK_IDS.bizCrewChecklist,
} as const;

const CREW_FIELDS: Record<string, string> = {
  rateCents: BLOCK_IDS.bizCrewRate,
  standardCount: BLOCK_IDS.bizCrewCount,
  paidMinutesBefore: BLOCK_IDS.bizCrewPaidBefore,
  paidMinutesAfter: BLOCK_IDS.bizCrewPaidAfter,
};

/** The input a schema issue belongs on. */
function originOf(
  path: readonly PropertyKey[],
  origins: { roster: Origin[]; fees: Origin[]; lists: Record<string, Origin[]> },
): Origin {
  const [head, second, third] = path;
  switch (head) {
    case 'name':
    case 'id':
      return { blockId: BLOCK_IDS.bizName };
    case 'domain':
    case 'bucket':
      return { blockId: BLOCK_IDS.bizDomain };
    case 'timezone':
      return { blockId: BLOCK_IDS.bizTimezone };
    case 'contact':
      return {
        blockId: second === 'email' ? BLOCK_IDS.bizContactEmail : BLOCK_IDS.bizContactPhone,
      };
    case 'departure':
      return {
        blockId: second === 'address' ? BLOCK_IDS.bizDepartureAddress : BLOCK_IDS.bizDepartureName,
      };
    case 'pricing':
      if (second === 'revenue') return { blockId: BLOCK_IDS.bizRevenue };
      if (second === 'captain') return { blockId: BLOCK_IDS.bizCaptainRate };
      if (second === 'crew')
        return { blockId: CREW_FIELDS[String(third)] ?? BLOCK_IDS.bizCrewRate };
      return origins.fees[Number(third)] ?? { blockId: BLOCK_IDS.bizFees };
    case 'roster':
      return typeof second === 'number'
        ? (origins.roster[second] ?? { blockId: BLOCK_IDS.bizOtherCrew })
        : { blockId: BLOCK_IDS.bizCaptains };
    case 'houseRules':
    case 'safetyNotes':
    case 'whatToBring':
    case 'crewChecklist':
      return origins.lists[head]?.[Number(second)] ?? { blockId: TEXT_LISTS[head] };
    case 'slack':
      if (second === 'approvers') return { blockId: BLOCK_IDS.bizApprovers };
      if (second === 'admins') return { blockId: BLOCK_IDS.bizAdmins };
      return { blockId: BLOCK_IDS.bizOpsChannel };
    default:
      return { blockId: BLOCK_IDS.bizName };
  }
}

/**
 * Reads and validates a submission. On success the tenant is what the tenants file would hold;
 * otherwise one message per input (the first problem found there), saying what to fix.
 *
 * @example readBusinessSettings({ values: view.state.values, teamId, people, idTaken: (id) => registry.source(id) !== undefined })
 */
export function readBusinessSettings(input: BusinessSubmissionInput): BusinessReadResult {
  const { values, previous } = input;
  const errors: BusinessErrors = {};
  const fail = (origin: Origin, message: string) => {
    const said = origin.line === undefined ? message : `line ${origin.line}: ${message}`;
    errors[origin.blockId] ??= said.length > ERROR_MAX ? `${said.slice(0, ERROR_MAX - 1)}…` : said;
  };

  const amount = (blockId: string, actionId: string): number | undefined => {
    const raw = text(values, blockId, actionId);
    if (raw === undefined) return undefined;
    const cents = parseAmountToCents(raw);
    if (cents === undefined) fail({ blockId }, 'a dollar amount like 50 or 27.50');
    return cents;
  };
  const whole = (blockId: string, actionId: string, fallback?: number): number | undefined => {
    const raw = text(values, blockId, actionId);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) {
      fail({ blockId }, 'a whole number like 2');
      return undefined;
    }
    return Number(raw);
  };

  // Fees, one per line; an edited fee keeps its key (the cost breakdowns already stored use it).
  const fees: Fee[] = [];
  const feeOrigins: Origin[] = [];
  const feeKeys = new Set<string>();
  for (const line of numberedLines(rawText(values, BLOCK_IDS.bizFees, ACTION_IDS.bizFees))) {
    const read = parseFeeLine(line.text);
    const origin = { blockId: BLOCK_IDS.bizFees, line: line.line };
    if (!read.ok) {
      fail(origin, read.message);
      continue;
    }
    const kept = previous?.pricing.fees.find((f) => f.label === read.fee.label)?.key;
    const key = kept ?? unique(feeKeyFor(read.fee.label), (k) => feeKeys.has(k));
    feeKeys.add(key);
    fees.push({ ...read.fee, key } as Fee);
    feeOrigins.push(origin);
  }

  // The roster: Slack users by role (one member with every role they were picked for), then the
  // people without Slack. An edited member keeps their id (bookings name them by it).
  const roster: MemberDraft[] = [];
  const rosterOrigins: Origin[] = [];
  const ids = new Set<string>();
  const idFor = (kept: string | undefined, name: string) => {
    const id = kept ?? unique(slugIdFor(name, 'person'), (i) => ids.has(i));
    ids.add(id);
    return id;
  };
  const bySlackUser = new Map<string, MemberDraft>();
  for (const r of ROLE_INPUTS) {
    for (const userId of users(values, r.blockId, r.actionId)) {
      const known = bySlackUser.get(userId);
      if (known) {
        known.roles.push(r.role);
        continue;
      }
      const before = previous?.roster.find((m) => m.slackUserId === userId);
      const person = input.people.get(userId);
      const name = person?.name ?? before?.name ?? userId;
      const email = person?.email ?? before?.email;
      const member: MemberDraft = {
        id: idFor(before?.id, name),
        name,
        roles: [r.role],
        slackUserId: userId,
        ...(email ? { email } : {}),
        ...(before?.phone ? { phone: before.phone } : {}),
      };
      bySlackUser.set(userId, member);
      roster.push(member);
      rosterOrigins.push({ blockId: r.blockId });
    }
  }
  for (const line of numberedLines(
    rawText(values, BLOCK_IDS.bizOtherCrew, ACTION_IDS.bizOtherCrew),
  )) {
    const person = parsePersonLine(line.text);
    const before = previous?.roster.find((m) => !m.slackUserId && m.name === person.name);
    roster.push({ ...person, id: idFor(before?.id, person.name) });
    rosterOrigins.push({ blockId: BLOCK_IDS.bizOtherCrew, line: line.line });
  }

  const lists: Record<string, Origin[]> = {};
  const listOf = (key: keyof typeof TEXT_LISTS, actionId: string) => {
    const found = numberedLines(rawText(values, TEXT_LISTS[key], actionId));
    lists[key] = found.map((l) => ({ blockId: TEXT_LISTS[key], line: l.line }));
    return found.map((l) => l.text);
  };

  const name = text(values, BLOCK_IDS.bizName, ACTION_IDS.bizName);
  const domain = text(values, BLOCK_IDS.bizDomain, ACTION_IDS.bizDomain)?.toLowerCase();
  const id = previous?.id ?? unique(slugIdFor(name ?? '', 'business'), input.idTaken);
  const ops = entry(
    values,
    BLOCK_IDS.bizOpsChannel,
    ACTION_IDS.bizOpsChannel,
  )?.selected_conversation;
  const departureName = text(values, BLOCK_IDS.bizDepartureName, ACTION_IDS.bizDepartureName);
  const candidate = {
    id,
    name,
    domain,
    timezone: entry(values, BLOCK_IDS.bizTimezone, ACTION_IDS.bizTimezone)?.selected_option?.value,
    currency: 'USD',
    // Pages go to a bucket named after the domain (as in the example tenants file); an edit keeps
    // the bucket and calendar the business started with, where its pages and entries already are.
    bucket: previous?.bucket ?? domain,
    ...(previous?.cloudfrontDistributionId
      ? { cloudfrontDistributionId: previous.cloudfrontDistributionId }
      : {}),
    calendarId: previous?.calendarId ?? id,
    contact: {
      email: text(values, BLOCK_IDS.bizContactEmail, ACTION_IDS.bizContactEmail),
      phone: text(values, BLOCK_IDS.bizContactPhone, ACTION_IDS.bizContactPhone),
    },
    departure: {
      name: departureName,
      address: text(values, BLOCK_IDS.bizDepartureAddress, ACTION_IDS.bizDepartureAddress),
      ...(previous?.departure.parking && previous.departure.name === departureName
        ? { parking: previous.departure.parking }
        : {}),
    },
    callMinutesBefore: previous?.callMinutesBefore ?? 60,
    pricing: {
      revenue: entry(values, BLOCK_IDS.bizRevenue, ACTION_IDS.bizRevenue)?.selected_option?.value,
      captain: {
        ...previous?.pricing.captain,
        rateCents: amount(BLOCK_IDS.bizCaptainRate, ACTION_IDS.bizCaptainRate),
      },
      crew: {
        ...previous?.pricing.crew,
        rateCents: amount(BLOCK_IDS.bizCrewRate, ACTION_IDS.bizCrewRate),
        standardCount: whole(BLOCK_IDS.bizCrewCount, ACTION_IDS.bizCrewCount),
        paidMinutesBefore: whole(BLOCK_IDS.bizCrewPaidBefore, ACTION_IDS.bizCrewPaidBefore, 0),
        paidMinutesAfter: whole(BLOCK_IDS.bizCrewPaidAfter, ACTION_IDS.bizCrewPaidAfter, 0),
      },
      fees,
    },
    roster,
    houseRules: listOf('houseRules', ACTION_IDS.bizHouseRules),
    safetyNotes: listOf('safetyNotes', ACTION_IDS.bizSafetyNotes),
    whatToBring: listOf('whatToBring', ACTION_IDS.bizWhatToBring),
    crewChecklist: listOf('crewChecklist', ACTION_IDS.bizCrewChecklist),
    slack: {
      teamId: input.teamId,
      channels: ops ? [ops, ...(previous?.slack?.channels.filter((c) => c !== ops) ?? [])] : [],
      approvers: users(values, BLOCK_IDS.bizApprovers, ACTION_IDS.bizApprovers),
      admins: users(values, BLOCK_IDS.bizAdmins, ACTION_IDS.bizAdmins),
    },
    ...(previous ? { crew: previous.crew, uploads: previous.uploads } : {}),
  };

  const parsed = tenantSchema.safeParse(candidate, { reportInput: true });
  if (!parsed.success) {
    const origins = { roster: rosterOrigins, fees: feeOrigins, lists };
    for (const issue of parsed.error.issues) {
      const origin = originOf(issue.path, origins);
      if (issue.path[0] === 'slack' && issue.path[1] === 'channels' && !ops)
        fail(origin, 'pick the ops channel');
      else fail(origin, friendly(issue));
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, tenant: parsed.data };
}
