/**
 * The approval modal, reading it back, and overlap errors: the seed charter shows net $289.41,
 * typed text stays inert, every id comes from block-ids.ts, and each bad input gets its message.
 */
import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { decodeApprovalMetadata } from '../../views/action-values.ts';
import { approvalDraftFromIntake, requiredCrew } from '../../views/approval-draft.ts';
import { buildApprovalModal } from '../../views/approval-modal.ts';
import { overlapErrors } from '../../views/approval-overlaps.ts';
import {
  readApprovalDraft,
  readApprovalSubmission,
  type ViewStateValues,
} from '../../views/approval-submission.ts';
import { ACTION_IDS, BLOCK_IDS, OPTION_VALUES } from '../../views/block-ids.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  INJECTED_NAME,
  LIVE_SYNTAX,
  mrkdwnTexts,
  NOW,
  parseEmail,
  seedBooking,
  ZONE,
} from '../support/view-fixtures.ts';

const METADATA = {
  tenantId: 'queen-of-san-diego',
  draftId: 'DRX4K2M9QZ',
  channelId: 'C0QSDOPS',
  threadTs: '1779296400.000100',
};

async function seedModal() {
  const tenant = await exampleTenant();
  const intake = await parseIntake('June 2 10am 3h $840.75 for Sam Lee party of 4', {
    now: NOW,
    timeZone: ZONE,
    source: 'command',
  });
  const draft = approvalDraftFromIntake(intake, tenant);
  const view = buildApprovalModal({
    tenant,
    now: NOW,
    metadata: METADATA,
    draft,
    marketplaceId: intake.bookingId,
    missing: intake.missing,
    warnings: intake.warnings,
  });
  return { tenant, intake, draft, view };
}

function inputBlock(view: ModalView, blockId: string): InputBlock {
  const block = view.blocks.find((b) => b.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input block ${blockId}`);
  return block as InputBlock;
}

/** The `view.state.values` Slack would send for these answers. */
function stateValues(answers: {
  date?: string | null;
  start?: string | null;
  duration?: string | null;
  guestName?: string | null;
  partySize?: string | null;
  revenue?: string | null;
  listing?: string | null;
  captain?: string | null;
  crew?: string[];
  notes?: string | null;
}): ViewStateValues {
  const option = (value: string | null | undefined) =>
    value ? { text: { type: 'plain_text' as const, text: value }, value } : null;
  return {
    [BLOCK_IDS.approvalDate]: {
      [ACTION_IDS.approvalDate]: { type: 'datepicker', selected_date: answers.date ?? null },
    },
    [BLOCK_IDS.approvalStart]: {
      [ACTION_IDS.approvalStart]: { type: 'timepicker', selected_time: answers.start ?? null },
    },
    [BLOCK_IDS.approvalDuration]: {
      [ACTION_IDS.approvalDuration]: {
        type: 'static_select',
        selected_option: option(answers.duration),
      },
    },
    [BLOCK_IDS.approvalGuestName]: {
      [ACTION_IDS.approvalGuestName]: {
        type: 'plain_text_input',
        value: answers.guestName ?? null,
      },
    },
    [BLOCK_IDS.approvalPartySize]: {
      [ACTION_IDS.approvalPartySize]: { type: 'number_input', value: answers.partySize ?? null },
    },
    [BLOCK_IDS.approvalRevenue]: {
      [ACTION_IDS.approvalRevenue]: { type: 'number_input', value: answers.revenue ?? null },
    },
    [BLOCK_IDS.approvalListing]: {
      [ACTION_IDS.approvalListing]: { type: 'plain_text_input', value: answers.listing ?? null },
    },
    [BLOCK_IDS.approvalCaptain]: {
      [ACTION_IDS.approvalCaptain]: {
        type: 'static_select',
        selected_option: option(answers.captain),
      },
    },
    [BLOCK_IDS.approvalCrew]: {
      [ACTION_IDS.approvalCrew]: {
        type: 'multi_static_select',
        selected_options: (answers.crew ?? []).map((value) => ({
          text: { type: 'plain_text', text: value },
          value,
        })),
      },
    },
    [BLOCK_IDS.approvalNotes]: {
      [ACTION_IDS.approvalNotes]: { type: 'plain_text_input', value: answers.notes ?? null },
    },
  };
}

const GOOD = {
  date: '2026-06-02',
  start: '10:00',
  duration: '180',
  guestName: 'Sam Lee',
  partySize: '4',
  revenue: '840.75',
  listing: "Sea Breeze 32' Sportfish",
  captain: 'rosa',
  crew: ['marco', 'jules'],
  notes: 'Birthday: bringing a cake',
};

describe('buildApprovalModal', () => {
  it('shows the seed charter prefilled, with net $289.41', async () => {
    const { view } = await seedModal();

    expect(view).toMatchSnapshot();
    const json = JSON.stringify(view);
    expect(json).toContain('Port fee _(18% of $840.75)_: −$151.34');
    expect(json).toContain('*Net*\\n$289.41');
    expect(view.callback_id).toBe('approval_modal');
    expect(view.title.text).toBe('Approve charter');
    expect(view.submit?.text).toBe('Approve & run');
    expect(view.close?.text).toBe('Cancel');
    expectWithinLimits(view as unknown as { blocks: unknown[] }, 'modal');
    expectKnownIds(view);
  });

  it('prefills every field from the parse and the default crew', async () => {
    const { view } = await seedModal();

    const element = (id: string) =>
      inputBlock(view, id).element as unknown as Record<string, unknown>;
    expect(element(BLOCK_IDS.approvalDate).initial_date).toBe('2026-06-02');
    expect(element(BLOCK_IDS.approvalStart).initial_time).toBe('10:00');
    expect(element(BLOCK_IDS.approvalStart).timezone).toBe(ZONE);
    expect(element(BLOCK_IDS.approvalDuration).initial_option).toMatchObject({ value: '180' });
    expect(element(BLOCK_IDS.approvalGuestName).initial_value).toBe('Sam Lee');
    expect(element(BLOCK_IDS.approvalPartySize).initial_value).toBe('4');
    expect(element(BLOCK_IDS.approvalRevenue).initial_value).toBe('840.75');
    expect(element(BLOCK_IDS.approvalCaptain).initial_option).toMatchObject({ value: 'rosa' });
    expect(
      (element(BLOCK_IDS.approvalCrew).initial_options as { value: string }[]).map((o) => o.value),
    ).toEqual(['marco', 'jules']);
    expect(inputBlock(view, BLOCK_IDS.approvalRevenue).label.text).toBe(
      'Revenue: renter total ($)',
    );
  });

  it('dispatches actions only from the inputs that change the price', async () => {
    const { view } = await seedModal();

    const dispatching = view.blocks
      .filter((b) => b.type === 'input' && (b as InputBlock).dispatch_action === true)
      .map((b) => b.block_id);
    expect(dispatching).toEqual([
      BLOCK_IDS.approvalDuration,
      BLOCK_IDS.approvalPartySize,
      BLOCK_IDS.approvalRevenue,
      BLOCK_IDS.approvalCaptain,
      BLOCK_IDS.approvalCrew,
    ]);
  });

  it('carries ids and the captain flag only in private_metadata (no booking data, no money)', async () => {
    const { view } = await seedModal();

    // captainIncluded lets the submission be validated without reading the draft (null: not said).
    const expected = { ...METADATA, captainIncluded: null };
    expect(decodeApprovalMetadata(view.private_metadata ?? '')).toEqual(expected);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual(expected);
    expect(decodeApprovalMetadata('{"tenantId":"x"}')).toBeUndefined();
    expect(decodeApprovalMetadata('not json')).toBeUndefined();
  });

  it('lists the roster: captains with "No captain", everyone else as crew', async () => {
    const { view } = await seedModal();

    const captain = inputBlock(view, BLOCK_IDS.approvalCaptain).element as unknown as {
      options: { value: string; text: { text: string } }[];
    };
    expect(captain.options.map((o) => o.value)).toEqual(['rosa', 'marco', OPTION_VALUES.noCaptain]);
    const crew = inputBlock(view, BLOCK_IDS.approvalCrew).element as unknown as {
      options: { value: string; text: { text: string } }[];
    };
    expect(crew.options.map((o) => o.value)).not.toContain('rosa');
    expect(crew.options[0]?.text.text).toBe('Marco Exemplo · first mate');
  });

  it('is an empty form for a bare /charter, with the default crew', async () => {
    const tenant = await exampleTenant();

    const view = buildApprovalModal({
      tenant,
      now: NOW,
      metadata: { tenantId: tenant.id, draftId: 'DR0', channelId: 'C0QSDOPS' },
      draft: approvalDraftFromIntake(null, tenant),
    });

    expect(view).toMatchSnapshot();
    // No boat: the form says so on the boat field, so nobody books a charter titled by the company.
    expect(
      JSON.stringify(view.blocks.find((b) => b.block_id === BLOCK_IDS.approvalListing)),
    ).toContain('Boat not set: the booking does not name it.');
    for (const id of [
      BLOCK_IDS.approvalDate,
      BLOCK_IDS.approvalStart,
      BLOCK_IDS.approvalGuestName,
      BLOCK_IDS.approvalPartySize,
      BLOCK_IDS.approvalRevenue,
    ]) {
      const element = inputBlock(view, id).element as unknown as Record<string, unknown>;
      expect(element.initial_value ?? element.initial_date ?? element.initial_time).toBeUndefined();
    }
    expect(JSON.stringify(view)).toContain('enter the renter total and the duration to see it');
    expectWithinLimits(view as unknown as { blocks: unknown[] }, 'modal');
    expectKnownIds(view);
  });

  it('keeps an injected renter name inert: raw only in its input, escaped in mrkdwn', async () => {
    const tenant = await exampleTenant();
    const intake = await parseEmail('12-injection-renter-name.eml');
    expect(intake.guestName).toBe(INJECTED_NAME);

    const view = buildApprovalModal({
      tenant,
      now: NOW,
      metadata: METADATA,
      draft: approvalDraftFromIntake(intake, tenant),
      marketplaceId: intake.bookingId,
      missing: intake.missing,
      warnings: intake.warnings,
    });

    for (const text of mrkdwnTexts(view)) expect(text).not.toMatch(LIVE_SYNTAX);
    const name = inputBlock(view, BLOCK_IDS.approvalGuestName).element as {
      initial_value?: string;
    };
    // An input's value is plain text the operator edits and submits as is: never parsed.
    expect(name.initial_value).toBe(INJECTED_NAME);
    expect(view).toMatchSnapshot();
    expectWithinLimits(view as unknown as { blocks: unknown[] }, 'modal');
  });

  it('labels revenue as the payout for a tenant that counts the payout', async () => {
    const tenant = await exampleTenant('keys-reef-runner');
    const intake = await parseEmail('01-plain-text-confirmed.eml', tenant.timezone);

    const view = buildApprovalModal({
      tenant,
      now: NOW,
      metadata: { ...METADATA, tenantId: tenant.id },
      draft: approvalDraftFromIntake(intake, tenant),
    });

    const revenue = inputBlock(view, BLOCK_IDS.approvalRevenue);
    expect(revenue.label.text).toBe('Revenue: payout ($)');
    expect((revenue.element as { initial_value?: string }).initial_value).toBe('1080.00');
    expect(JSON.stringify(view)).toContain('*Revenue (payout):* $1,080.00');
  });

  it('offers an unusual parsed duration as its own option, and drops out-of-range numbers', async () => {
    const tenant = await exampleTenant();
    const draft = {
      ...approvalDraftFromIntake(null, tenant),
      durationMinutes: 45,
      partySize: 150,
      date: '2026-05-19',
      startLocal: '09:00',
    };

    const view = buildApprovalModal({ tenant, now: NOW, metadata: METADATA, draft });

    const duration = inputBlock(view, BLOCK_IDS.approvalDuration).element as {
      options: { value: string; text: { text: string } }[];
      initial_option?: { value: string };
    };
    expect(duration.options[0]).toMatchObject({ value: '45', text: { text: '45 min' } });
    expect(duration.initial_option?.value).toBe('45');
    const party = inputBlock(view, BLOCK_IDS.approvalPartySize).element as {
      initial_value?: string;
    };
    expect(party.initial_value).toBeUndefined();
    const notices = JSON.stringify(
      view.blocks.find((b) => b.block_id === BLOCK_IDS.approvalNotices),
    );
    expect(notices).toContain('The message says 150 guests');
    expect(notices).toContain('This start is in the past');
  });

  it('lists what the parser missed until it is filled in', async () => {
    const tenant = await exampleTenant();
    const draft = { ...approvalDraftFromIntake(null, tenant), guestName: 'Ana Ruiz' };
    const missing = ['guestName', 'partySize', 'grossAmountCents'] as const;

    const view = buildApprovalModal({ tenant, now: NOW, metadata: METADATA, draft, missing });

    const notices = JSON.stringify(
      view.blocks.find((b) => b.block_id === BLOCK_IDS.approvalNotices),
    );
    expect(notices).toContain('Not found in the message: Guests, Renter paid');
    expect(notices).not.toContain('Renter,');
  });

  it('redraws from the values Slack sends back on a change', async () => {
    const tenant = await exampleTenant();
    const values = stateValues({ ...GOOD, crew: ['marco'], revenue: '1000' });

    const draft = readApprovalDraft(values, true);
    const view = buildApprovalModal({ tenant, now: NOW, metadata: METADATA, draft });

    expect(draft).toMatchObject({
      durationMinutes: 180,
      partySize: 4,
      revenueCents: 100_000,
      captainId: 'rosa',
      crewIds: ['marco'],
    });
    // $1,000 − 18% ($180) − captain $150 − 1 crew × 5 h × $25 ($125) = $545.
    expect(JSON.stringify(view)).toContain('*Net*\\n$545.00');
  });

  it('reads an unreadable amount as unknown while editing, not as an error', () => {
    const draft = readApprovalDraft(stateValues({ revenue: '12.345', duration: 'x' }), null);

    expect(draft.revenueCents).toBeNull();
    expect(draft.durationMinutes).toBeNull();
    expect(draft.captainId).toBeNull();
  });
});

describe('readApprovalSubmission', () => {
  const read = async (
    answers: Parameters<typeof stateValues>[0],
    captainIncluded: boolean | null = true,
  ) =>
    readApprovalSubmission(stateValues(answers), await exampleTenant(), NOW, { captainIncluded });

  it('returns the approval, revenue in exact cents', async () => {
    const result = await read(GOOD);

    expect(result).toEqual({
      ok: true,
      value: {
        date: '2026-06-02',
        startLocal: '10:00',
        durationMinutes: 180,
        guestName: 'Sam Lee',
        partySize: 4,
        revenueCents: 84_075,
        revenueBasis: 'gross',
        listingName: "Sea Breeze 32' Sportfish",
        captainId: 'rosa',
        crewIds: ['marco', 'jules'],
        notes: 'Birthday: bringing a cake',
      },
    });
  });

  it('reads amounts digit by digit (0.29 is 29 cents, not 28.999…)', async () => {
    for (const [typed, cents] of [
      ['0.29', 29],
      ['1.1', 110],
      ['0', 0],
      ['1234567.89', 123_456_789],
    ] as const) {
      const result = await read({ ...GOOD, revenue: typed });
      expect(result.ok && result.value.revenueCents).toBe(cents);
    }
  });

  it('names every missing required field', async () => {
    const result = await read({ captain: 'rosa', crew: ['marco'] });

    expect(result).toEqual({
      ok: false,
      errors: {
        [BLOCK_IDS.approvalDate]: 'Pick the date of the charter.',
        [BLOCK_IDS.approvalStart]: 'Pick the start time.',
        [BLOCK_IDS.approvalDuration]: 'Pick how long the charter is.',
        [BLOCK_IDS.approvalGuestName]: "Enter the renter's name.",
        [BLOCK_IDS.approvalPartySize]: 'Enter the number of guests (1 to 99).',
        [BLOCK_IDS.approvalRevenue]: 'Enter the renter total in dollars, e.g. 840.75.',
      },
    });
  });

  it.each([
    [
      'a date before today in the tenant zone',
      { date: '2026-05-19' },
      BLOCK_IDS.approvalDate,
      'That date has passed (today is 2026-05-20 in America/Los_Angeles)',
    ],
    [
      'a start earlier today',
      { date: '2026-05-20', start: '09:30' },
      BLOCK_IDS.approvalStart,
      'That time has passed',
    ],
    [
      'a date that does not exist',
      { date: '2026-06-31' },
      BLOCK_IDS.approvalDate,
      'does not exist',
    ],
    ['a duration not offered', { duration: '0' }, BLOCK_IDS.approvalDuration, 'Pick a duration'],
    ['no guests', { partySize: '0' }, BLOCK_IDS.approvalPartySize, 'from 1 to 99'],
    ['too many guests', { partySize: '100' }, BLOCK_IDS.approvalPartySize, 'from 1 to 99'],
    ['a fraction of a guest', { partySize: '4.5' }, BLOCK_IDS.approvalPartySize, 'whole number'],
    ['a negative amount', { revenue: '-5' }, BLOCK_IDS.approvalRevenue, 'cannot be negative'],
    [
      'three decimals',
      { revenue: '840.755' },
      BLOCK_IDS.approvalRevenue,
      'at most 2 decimals, e.g. 840.75',
    ],
    ['not a number', { revenue: 'lots' }, BLOCK_IDS.approvalRevenue, 'at most 2 decimals'],
    [
      'no captain on a captained booking',
      { captain: OPTION_VALUES.noCaptain },
      BLOCK_IDS.approvalCaptain,
      'This booking includes a captain: pick one.',
    ],
    [
      'someone who is not a captain as captain',
      { captain: 'kai' },
      BLOCK_IDS.approvalCaptain,
      '"kai" is not a captain',
    ],
    [
      'too few crew for the party',
      { partySize: '7', crew: ['jules'] },
      BLOCK_IDS.approvalCrew,
      '7 guests need at least 2 crew besides the captain (1 per 6 guests); 1 picked.',
    ],
    [
      'the captain picked as crew too',
      { captain: 'marco', crew: ['marco', 'jules'] },
      BLOCK_IDS.approvalCrew,
      'Marco Exemplo is picked as captain and as crew',
    ],
    [
      'someone picked twice',
      { crew: ['jules', 'jules'] },
      BLOCK_IDS.approvalCrew,
      'Someone is picked twice',
    ],
    ['a stranger as crew', { crew: ['zed'] }, BLOCK_IDS.approvalCrew, 'Not crew on'],
  ] as const)('refuses %s', async (_name, change, blockId, message) => {
    const result = await read({ ...GOOD, ...change } as Parameters<typeof stateValues>[0]);

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual([blockId]);
      expect(result.errors[blockId]).toContain(message);
    }
  });

  it('accepts no captain and no crew when the booking is bareboat', async () => {
    const result = await read({ ...GOOD, captain: OPTION_VALUES.noCaptain, crew: [] }, false);

    expect(result.ok && result.value).toMatchObject({ captainId: null, crewIds: [] });
  });

  it('applies the crew rule as 1 per 6 guests, for every tenant', () => {
    expect([1, 6, 7, 12, 13, 99].map(requiredCrew)).toEqual([1, 1, 2, 2, 3, 17]);
  });

  it('puts the crew rule under the guests when the roster has no crew to pick', async () => {
    const tenant = await exampleTenant();
    const values = { ...stateValues(GOOD) };
    delete (values as Record<string, unknown>)[BLOCK_IDS.approvalCrew];

    const result = readApprovalSubmission(values, tenant, NOW, { captainIncluded: true });

    expect(result.ok ? {} : result.errors).toEqual({
      [BLOCK_IDS.approvalPartySize]:
        '4 guests need at least 1 crew besides the captain (1 per 6 guests); 0 picked.',
    });
  });
});

describe('overlapErrors', () => {
  it('names the other charter for a captain and crew who are busy', async () => {
    const tenant = await exampleTenant();
    // 13:30-16:30: crew are called at 12:30, before the 10:00-13:00 charter ends.
    const other = seedBooking(tenant, {
      bookingId: 'BKOTHER22222',
      startsAt: '2026-06-02T20:30:00.000Z',
      endsAt: '2026-06-02T23:30:00.000Z',
      assignment: { captainId: 'rosa', crewIds: ['jules'] },
    });
    const submission = {
      date: '2026-06-02',
      startLocal: '10:00',
      durationMinutes: 180,
      captainId: 'rosa',
      crewIds: ['marco', 'jules'],
    };

    const errors = overlapErrors(submission, tenant, [other]);

    expect(errors).toEqual({
      [BLOCK_IDS.approvalCaptain]:
        "Rosa Exampleton is already on Sea Breeze 32' Sportfish on Tue, Jun 2, 2026, 1:30 PM PDT (Avery Sampleton), which overlaps. Pick another captain.",
      [BLOCK_IDS.approvalCrew]:
        "Jules Fakename is already on Sea Breeze 32' Sportfish on Tue, Jun 2, 2026, 1:30 PM PDT (Avery Sampleton). Pick someone free.",
    });
  });

  it('ignores cancelled charters, the booking itself, and charters that do not overlap', async () => {
    const tenant = await exampleTenant();
    const submission = {
      date: '2026-06-02',
      startLocal: '10:00',
      durationMinutes: 180,
      captainId: 'rosa',
      crewIds: ['marco', 'jules'],
    };
    const others = [
      seedBooking(tenant, { bookingId: 'BKCANCELLED1', status: 'cancelled' }),
      seedBooking(tenant, { bookingId: 'BKSELF000001' }),
      seedBooking(tenant, {
        bookingId: 'BKNEXTDAY001',
        startsAt: '2026-06-03T17:00:00.000Z',
        endsAt: '2026-06-03T20:00:00.000Z',
      }),
    ];

    expect(overlapErrors(submission, tenant, others, { bookingId: 'BKSELF000001' })).toEqual({});
  });
});
