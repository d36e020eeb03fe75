/**
 * The approval modal: editable fields, captain and crew from the roster, the cost breakdown.
 *
 * One piece (~370 lines): the block ids, the prefilled values and the notices must agree with
 * approval-submission.ts field by field; one builder per modal keeps that list in one place
 * (the snapshot tests draw it whole).
 */
import type {
  InputBlock,
  KnownBlock,
  ModalView,
  MultiStaticSelect,
  PlainTextOption,
  StaticSelect,
} from '@slack/types';
import { ROLE_NAMES } from '../src/crew/crew-briefing.ts';
import type { BookingFieldName, NotUnderstood } from '../src/intake/intake-result.ts';
import { priceCharter } from '../src/pricing/price-charter.ts';
import type { RosterMember, Tenant } from '../src/tenants/tenant-schema.ts';
import { zonedToInstant } from '../src/time/zoned.ts';
import { type ApprovalMetadata, encodeApprovalMetadata } from './action-values.ts';
import {
  type ApprovalDraft,
  DURATION_CHOICES,
  GUESTS_PER_CREW,
  MAX_DURATION_MINUTES,
  NAME_MAX,
  PARTY_SIZE_MAX,
  PARTY_SIZE_MIN,
} from './approval-draft.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, OPTION_VALUES } from './block-ids.ts';
import { FIELD_LABELS } from './booking-summary-blocks.ts';
import { buildCostBreakdownBlocks } from './cost-breakdown-blocks.ts';
import { buildIntakeEvidenceBlocks, type IntakeEvidenceSource } from './intake-evidence-blocks.ts';
import { buildNotUnderstoodBlocks } from './not-understood-blocks.ts';
import {
  centsToDollarsInput,
  clip,
  formatDuration,
  LIMITS,
  mrkdwn,
  option,
  plain,
  safe,
} from './slack-format.ts';

const DURATION_NAMES: Readonly<Record<number, string>> = {
  240: '4 h (half day)',
  480: '8 h (full day)',
};

export interface ApprovalModalInput {
  tenant: Tenant;
  now: Date;
  /** Ids only: which tenant, which stored draft, where the status message goes. */
  metadata: ApprovalMetadata;
  /** The current values (from the parse, or read back from the modal on a change). */
  draft: ApprovalDraft;
  /** The marketplace's booking id, shown (not editable). */
  marketplaceId?: string | null | undefined;
  /** Fields the parser could not find. */
  missing?: readonly BookingFieldName[] | undefined;
  /** The parser's warnings (e.g. "Slack truncated this email"). */
  warnings?: readonly string[] | undefined;
  /** What a `/charter` line said that was not read, and refused values: a line each, at the top. */
  notUnderstood?: readonly NotUnderstood[] | undefined;
  /**
   * The parse, for where each unlabelled field was read and the conflicts it resolved. Read from
   * the stored draft on every draw (opening and each redraw), not from private_metadata, which
   * holds ids only and could not carry the excerpts within Slack's 3000 characters.
   */
  evidence?: IntakeEvidenceSource | undefined;
}

/** "Renter total" or "Payout": what this tenant counts as revenue. */
export function revenueBasisLabel(tenant: Tenant): string {
  return tenant.pricing.revenue === 'gross' ? 'Renter total' : 'Payout';
}

function durationOption(minutes: number): PlainTextOption {
  return option(DURATION_NAMES[minutes] ?? formatDuration(minutes), String(minutes));
}

function rosterOption(member: RosterMember, roles: readonly string[]): PlainTextOption {
  const roleText = roles.map((r) => ROLE_NAMES[r as keyof typeof ROLE_NAMES] ?? r).join(', ');
  return option(`${member.name} · ${roleText}`, member.id);
}

/** People who can captain, with their option. */
export function captainChoices(tenant: Tenant): { id: string; option: PlainTextOption }[] {
  return tenant.roster
    .filter((m) => m.roles.includes('captain'))
    .map((m) => ({ id: m.id, option: rosterOption(m, ['captain']) }));
}

/** People with a role other than captain, with their option. */
export function crewChoices(tenant: Tenant): { id: string; option: PlainTextOption }[] {
  return tenant.roster
    .filter((m) => m.roles.some((r) => r !== 'captain'))
    .slice(0, LIMITS.selectOptions)
    .map((m) => ({
      id: m.id,
      option: rosterOption(
        m,
        m.roles.filter((r) => r !== 'captain'),
      ),
    }));
}

function inputBlock(
  blockId: string,
  label: string,
  element: InputBlock['element'],
  extra: Partial<Pick<InputBlock, 'optional' | 'dispatch_action' | 'hint'>> = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, LIMITS.inputLabel),
    element,
    ...extra,
  };
}

function inRange(value: number | null, min: number, max: number): value is number {
  return value !== null && Number.isSafeInteger(value) && value >= min && value <= max;
}

function priceBlocks(draft: ApprovalDraft, tenant: Tenant): KnownBlock[] {
  const duration = draft.durationMinutes;
  const revenue = draft.revenueCents;
  if (!inRange(duration, 1, MAX_DURATION_MINUTES) || revenue === null || revenue < 0) {
    const needs = [
      revenue === null || revenue < 0 ? `the ${revenueBasisLabel(tenant).toLowerCase()}` : null,
      inRange(duration, 1, MAX_DURATION_MINUTES) ? null : 'the duration',
    ].filter(Boolean);
    return [
      {
        type: 'section',
        block_id: BLOCK_IDS.costBreakdown,
        text: mrkdwn(`*Cost breakdown:* enter ${needs.join(' and ')} to see it.`),
      },
    ];
  }
  const breakdown = priceCharter(
    {
      revenueCents: revenue,
      durationMinutes: duration,
      captain: draft.captainId !== null,
      crewCount: draft.crewIds.length,
      partySize: inRange(draft.partySize, PARTY_SIZE_MIN, PARTY_SIZE_MAX)
        ? draft.partySize
        : undefined,
    },
    tenant.pricing,
  );
  return buildCostBreakdownBlocks(breakdown, {
    revenueLabel: `Revenue (${revenueBasisLabel(tenant).toLowerCase()})`,
  });
}

function notices(input: ApprovalModalInput): string[] {
  const { draft, tenant } = input;
  const out: string[] = [];
  // What the parser missed, less what has been filled in since (the modal is redrawn on edits).
  const filled: Partial<Record<BookingFieldName, boolean>> = {
    date: draft.date !== null,
    startLocal: draft.startLocal !== null,
    durationMinutes: draft.durationMinutes !== null,
    guestName: draft.guestName !== null,
    partySize: draft.partySize !== null,
    grossAmountCents: draft.revenueCents !== null,
    payoutCents: draft.revenueCents !== null,
    listingName: draft.listingName !== null,
  };
  const missing = (input.missing ?? []).filter((f) => !filled[f]);
  if (missing.length > 0)
    out.push(`Not found in the message: ${missing.map((f) => FIELD_LABELS[f]).join(', ')}`);
  for (const w of input.warnings ?? []) out.push(w);
  if (draft.date && draft.startLocal) {
    try {
      if (
        zonedToInstant(draft.date, draft.startLocal, tenant.timezone).getTime() <=
        input.now.getTime()
      )
        out.push('This start is in the past: check the date and time.');
    } catch {
      out.push('The date or time is not valid: pick them again.');
    }
  }
  if (draft.partySize !== null && !inRange(draft.partySize, PARTY_SIZE_MIN, PARTY_SIZE_MAX))
    out.push(`The message says ${draft.partySize} guests: enter 1 to ${PARTY_SIZE_MAX}.`);
  if (draft.revenueCents !== null && draft.revenueCents < 0)
    out.push('The amount in the message is negative: enter the revenue.');
  return out;
}

/**
 * Builds the approval modal. Inputs that change the price dispatch `block_actions`, so the app
 * can read the values back (`readApprovalDraft`) and `views.update` with the view's `hash`.
 *
 * @example
 * buildApprovalModal({
 *   tenant, now,
 *   metadata: { tenantId: tenant.id, draftId: 'DR1', channelId: 'C0QSDOPS', threadTs: '1767.0001' },
 *   draft: approvalDraftFromIntake(intake, tenant),
 *   marketplaceId: intake.bookingId, missing: intake.missing, warnings: intake.warnings,
 * })
 */
export function buildApprovalModal(input: ApprovalModalInput): ModalView {
  const { tenant, draft } = input;

  const durations = [...DURATION_CHOICES];
  if (
    inRange(draft.durationMinutes, 1, MAX_DURATION_MINUTES) &&
    !durations.includes(draft.durationMinutes)
  ) {
    durations.push(draft.durationMinutes);
    durations.sort((a, b) => a - b);
  }
  const durationSelect: StaticSelect = {
    type: 'static_select',
    action_id: ACTION_IDS.approvalDuration,
    placeholder: plain('How long', LIMITS.placeholder),
    options: durations.map(durationOption),
  };
  if (inRange(draft.durationMinutes, 1, MAX_DURATION_MINUTES))
    durationSelect.initial_option = durationOption(draft.durationMinutes);

  const noCaptain = option('No captain', OPTION_VALUES.noCaptain);
  const captains = captainChoices(tenant).slice(0, LIMITS.selectOptions - 1);
  const captainSelect: StaticSelect = {
    type: 'static_select',
    action_id: ACTION_IDS.approvalCaptain,
    options: [...captains.map((c) => c.option), noCaptain],
    initial_option: captains.find((c) => c.id === draft.captainId)?.option ?? noCaptain,
  };

  const crew = crewChoices(tenant);
  const crewInitial = crew.filter((c) => draft.crewIds.includes(c.id)).map((c) => c.option);
  const crewSelect: MultiStaticSelect = {
    type: 'multi_static_select',
    action_id: ACTION_IDS.approvalCrew,
    placeholder: plain('Pick the crew', LIMITS.placeholder),
    options: crew.map((c) => c.option),
  };
  if (crewInitial.length > 0) crewSelect.initial_options = crewInitial;

  const revenueLabel = revenueBasisLabel(tenant);
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      block_id: BLOCK_IDS.approvalSource,
      elements: [
        mrkdwn(
          [
            input.marketplaceId ? `Booking *${safe(input.marketplaceId, 100)}*` : 'New charter',
            safe(tenant.name, 200),
            `times in ${safe(tenant.timezone, 100)}`,
          ].join(' · '),
          LIMITS.contextText,
        ),
      ],
    },
    ...buildNotUnderstoodBlocks(input.notUnderstood),
    ...(input.evidence ? buildIntakeEvidenceBlocks(input.evidence) : []),
    inputBlock(BLOCK_IDS.approvalDate, 'Date', {
      type: 'datepicker',
      action_id: ACTION_IDS.approvalDate,
      ...(draft.date ? { initial_date: draft.date } : {}),
    }),
    inputBlock(BLOCK_IDS.approvalStart, 'Start time', {
      type: 'timepicker',
      action_id: ACTION_IDS.approvalStart,
      timezone: tenant.timezone,
      ...(draft.startLocal ? { initial_time: draft.startLocal } : {}),
    }),
    inputBlock(BLOCK_IDS.approvalDuration, 'Duration', durationSelect, { dispatch_action: true }),
    inputBlock(BLOCK_IDS.approvalGuestName, 'Renter name', {
      type: 'plain_text_input',
      action_id: ACTION_IDS.approvalGuestName,
      max_length: NAME_MAX,
      ...(draft.guestName ? { initial_value: clip(draft.guestName, NAME_MAX) } : {}),
    }),
    inputBlock(
      BLOCK_IDS.approvalPartySize,
      'Guests',
      {
        type: 'number_input',
        action_id: ACTION_IDS.approvalPartySize,
        is_decimal_allowed: false,
        min_value: String(PARTY_SIZE_MIN),
        max_value: String(PARTY_SIZE_MAX),
        ...(inRange(draft.partySize, PARTY_SIZE_MIN, PARTY_SIZE_MAX)
          ? { initial_value: String(draft.partySize) }
          : {}),
      },
      { dispatch_action: true },
    ),
    inputBlock(
      BLOCK_IDS.approvalRevenue,
      `Revenue: ${revenueLabel.toLowerCase()} ($)`,
      {
        type: 'number_input',
        action_id: ACTION_IDS.approvalRevenue,
        is_decimal_allowed: true,
        min_value: '0',
        placeholder: plain('e.g. 840.75', LIMITS.placeholder),
        ...(draft.revenueCents !== null && draft.revenueCents >= 0
          ? { initial_value: centsToDollarsInput(draft.revenueCents) }
          : {}),
      },
      {
        dispatch_action: true,
        hint: plain(
          tenant.pricing.revenue === 'gross'
            ? `${tenant.name} counts what the renter paid in total as revenue.`
            : `${tenant.name} counts the marketplace payout as revenue.`,
          LIMITS.inputHint,
        ),
      },
    ),
    inputBlock(
      BLOCK_IDS.approvalListing,
      'Boat / listing',
      {
        type: 'plain_text_input',
        action_id: ACTION_IDS.approvalListing,
        max_length: NAME_MAX,
        ...(draft.listingName ? { initial_value: clip(draft.listingName, NAME_MAX) } : {}),
      },
      {
        optional: true,
        ...(draft.listingName
          ? {}
          : {
              hint: plain(
                'Boat not set: the booking does not name it. Type it so the crew and the guests know which boat.',
                LIMITS.inputHint,
              ),
            }),
      },
    ),
    inputBlock(BLOCK_IDS.approvalCaptain, 'Captain', captainSelect, {
      dispatch_action: true,
      hint: plain(
        draft.captainIncluded === false
          ? 'The booking does not include a captain (bareboat): pick one only if you send one.'
          : draft.captainIncluded === true
            ? 'The booking includes a captain.'
            : 'The booking does not say it is bareboat, so a captain is required.',
        LIMITS.inputHint,
      ),
    }),
  ];
  if (crew.length > 0) {
    blocks.push(
      inputBlock(BLOCK_IDS.approvalCrew, 'Crew', crewSelect, {
        optional: true,
        dispatch_action: true,
        hint: plain(
          `Standard crew: ${tenant.pricing.crew.standardCount}. At least 1 crew besides the captain per ${GUESTS_PER_CREW} guests.`,
          LIMITS.inputHint,
        ),
      }),
    );
  }
  blocks.push(
    inputBlock(
      BLOCK_IDS.approvalNotes,
      'Notes for the crew event',
      {
        type: 'plain_text_input',
        action_id: ACTION_IDS.approvalNotes,
        multiline: true,
        max_length: LIMITS.plainTextInputMax,
        ...(draft.notes ? { initial_value: clip(draft.notes, LIMITS.plainTextInputMax) } : {}),
      },
      { optional: true },
    ),
    { type: 'divider' },
    ...priceBlocks(draft, tenant),
  );
  const notes = notices(input);
  if (notes.length > 0) {
    blocks.push({
      type: 'context',
      block_id: BLOCK_IDS.approvalNotices,
      elements: [mrkdwn(safe(notes.join(' · '), LIMITS.contextText), LIMITS.contextText)],
    });
  }

  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.approvalModal,
    title: plain('Approve charter', LIMITS.viewTitle),
    submit: plain('Approve & run', LIMITS.viewButton),
    close: plain('Cancel', LIMITS.viewButton),
    private_metadata: encodeApprovalMetadata({
      ...input.metadata,
      captainIncluded: input.draft.captainIncluded,
    }),
    blocks,
  };
}
