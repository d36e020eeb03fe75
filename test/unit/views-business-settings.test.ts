/**
 * The business settings modal: snapshots (new business, edit), within Slack's limits, every id
 * from block-ids.ts; a submission read by the tenants file's schema, each of its issues on the
 * input it came from; an edit opened and saved unchanged gives the same tenant back.
 */
import type { InputBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { decodeBusinessMetadata } from '../../views/business-settings-metadata.ts';
import { buildBusinessSettingsModal, timeZoneGroups } from '../../views/business-settings-modal.ts';
import {
  type BusinessStateValue,
  type BusinessStateValues,
  pickedPeople,
  readBusinessSettings,
  type WorkspacePerson,
} from '../../views/business-settings-submission.ts';
import { buildHomeView, buildSetupHomeView } from '../../views/home-view.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  NOW,
} from '../support/view-fixtures.ts';

const TEAM = 'T0NEWBOAT';
const ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/Lisbon', 'UTC'];
const PEOPLE = new Map<string, WorkspacePerson>([
  ['U0SKIPPER', { name: 'Sky Skipper', email: 'sky@seabreeze.example.com' }],
  ['U0DECKIE', { name: 'Dee Deckie' }],
]);

/** Turns a modal's initial values into the state Slack would submit, as a person leaving it unchanged. */
function stateOf(view: ModalView): Record<string, Record<string, BusinessStateValue>> {
  const values: Record<string, Record<string, BusinessStateValue>> = {};
  for (const block of view.blocks as InputBlock[]) {
    if (block.type !== 'input') continue;
    const el = block.element as unknown as Record<string, unknown> & {
      action_id: string;
      type: string;
    };
    const state: BusinessStateValue = { type: el.type };
    if (el.type === 'plain_text_input')
      state.value = (el.initial_value as string | undefined) ?? null;
    if (el.type === 'static_select' || el.type === 'radio_buttons')
      state.selected_option = (el.initial_option as { value: string } | undefined) ?? null;
    if (el.type === 'multi_users_select')
      state.selected_users = (el.initial_users as string[] | undefined) ?? [];
    if (el.type === 'conversations_select')
      state.selected_conversation = (el.initial_conversation as string | undefined) ?? null;
    values[block.block_id as string] = { [el.action_id]: state };
  }
  return values;
}

/** A complete, valid new-business submission; `change` plants one mistake. */
function submission(change: Record<string, Partial<BusinessStateValue>> = {}): BusinessStateValues {
  const t = (value: string | null): BusinessStateValue => ({ type: 'plain_text_input', value });
  const values: Record<string, Record<string, BusinessStateValue>> = {
    [BLOCK_IDS.bizName]: { [ACTION_IDS.bizName]: t('Sea Breeze Charters') },
    [BLOCK_IDS.bizTimezone]: {
      [ACTION_IDS.bizTimezone]: {
        type: 'static_select',
        selected_option: { value: 'America/New_York' },
      },
    },
    [BLOCK_IDS.bizDomain]: { [ACTION_IDS.bizDomain]: t('seabreeze.example.com') },
    [BLOCK_IDS.bizContactEmail]: { [ACTION_IDS.bizContactEmail]: t('ops@seabreeze.example.com') },
    [BLOCK_IDS.bizContactPhone]: { [ACTION_IDS.bizContactPhone]: t('+1 305 555 0100') },
    [BLOCK_IDS.bizDepartureName]: { [ACTION_IDS.bizDepartureName]: t('Pier 5') },
    [BLOCK_IDS.bizDepartureAddress]: {
      [ACTION_IDS.bizDepartureAddress]: t('1 Harbor Way, Miami, FL'),
    },
    [BLOCK_IDS.bizOpsChannel]: {
      [ACTION_IDS.bizOpsChannel]: {
        type: 'conversations_select',
        selected_conversation: 'C0BREEZE',
      },
    },
    [BLOCK_IDS.bizApprovers]: {
      [ACTION_IDS.bizApprovers]: { type: 'multi_users_select', selected_users: ['U0SKIPPER'] },
    },
    [BLOCK_IDS.bizAdmins]: {
      [ACTION_IDS.bizAdmins]: { type: 'multi_users_select', selected_users: ['U0SKIPPER'] },
    },
    [BLOCK_IDS.bizRevenue]: {
      [ACTION_IDS.bizRevenue]: { type: 'radio_buttons', selected_option: { value: 'payout' } },
    },
    [BLOCK_IDS.bizCaptainRate]: { [ACTION_IDS.bizCaptainRate]: t('$60') },
    [BLOCK_IDS.bizCrewRate]: { [ACTION_IDS.bizCrewRate]: t('27.50') },
    [BLOCK_IDS.bizCrewCount]: { [ACTION_IDS.bizCrewCount]: t('1') },
    [BLOCK_IDS.bizCrewPaidBefore]: { [ACTION_IDS.bizCrewPaidBefore]: t('30') },
    [BLOCK_IDS.bizCrewPaidAfter]: { [ACTION_IDS.bizCrewPaidAfter]: t(null) },
    [BLOCK_IDS.bizFees]: {
      [ACTION_IDS.bizFees]: t('Port fee: 18%\nCleaning: $50\nFuel: $20/hour\nBait: $5/guest'),
    },
    [BLOCK_IDS.bizCaptains]: {
      [ACTION_IDS.bizCaptains]: { type: 'multi_users_select', selected_users: ['U0SKIPPER'] },
    },
    [BLOCK_IDS.bizFirstMates]: {
      [ACTION_IDS.bizFirstMates]: { type: 'multi_users_select', selected_users: [] },
    },
    [BLOCK_IDS.bizDeckhands]: {
      [ACTION_IDS.bizDeckhands]: {
        type: 'multi_users_select',
        selected_users: ['U0DECKIE', 'U0SKIPPER'],
      },
    },
    [BLOCK_IDS.bizHosts]: {
      [ACTION_IDS.bizHosts]: { type: 'multi_users_select', selected_users: [] },
    },
    [BLOCK_IDS.bizOtherCrew]: {
      [ACTION_IDS.bizOtherCrew]: t(
        'Jules Fakename | deckhand, first mate | jules@example.com, +1 305 555 0113',
      ),
    },
    [BLOCK_IDS.bizHouseRules]: { [ACTION_IDS.bizHouseRules]: t('No glass.\n\nNo smoking.') },
    [BLOCK_IDS.bizSafetyNotes]: {
      [ACTION_IDS.bizSafetyNotes]: t('Life jackets under the bow seats.'),
    },
    [BLOCK_IDS.bizWhatToBring]: { [ACTION_IDS.bizWhatToBring]: t(null) },
    [BLOCK_IDS.bizCrewChecklist]: {
      [ACTION_IDS.bizCrewChecklist]: t('Fuel up\nIce in the coolers'),
    },
  };
  for (const [blockId, patch] of Object.entries(change)) {
    const [actionId, state] = Object.entries(values[blockId] ?? {})[0] as [
      string,
      BusinessStateValue,
    ];
    values[blockId] = { [actionId]: { ...state, ...patch } };
  }
  return values;
}

function read(values: BusinessStateValues, previous?: Tenant) {
  return readBusinessSettings({
    values,
    teamId: TEAM,
    people: PEOPLE,
    ...(previous ? { previous } : {}),
    idTaken: (id) => id === 'taken-charters',
  });
}

describe('buildBusinessSettingsModal', () => {
  it('asks a new business everything, with the opener as admin and approver (snapshot)', () => {
    const view = buildBusinessSettingsModal({ teamId: TEAM, userId: 'U0SKIPPER', zones: ZONES });
    expectWithinLimits(view as unknown as { blocks: unknown[] } & Record<string, unknown>, 'modal');
    expectKnownIds(view);
    expect(view.callback_id).toBe(CALLBACK_IDS.businessSettingsModal);
    expect(decodeBusinessMetadata(view.private_metadata)).toEqual({ teamId: TEAM });
    expect(view).toMatchSnapshot();
  });

  it('fills an edit from the stored tenant and names its version (snapshot)', async () => {
    const tenant = await exampleTenant();
    const view = buildBusinessSettingsModal({
      teamId: 'T0DECKHAND',
      userId: 'U0DANAOPS',
      editing: { tenant, version: 3 },
      zones: ZONES,
    });
    expectWithinLimits(view as unknown as { blocks: unknown[] } & Record<string, unknown>, 'modal');
    expect(decodeBusinessMetadata(view.private_metadata)).toEqual({
      teamId: 'T0DECKHAND',
      tenantId: tenant.id,
      version: 3,
    });
    expect(view).toMatchSnapshot();
  });

  it('offers every zone the runtime knows, grouped by region in groups of at most 100', () => {
    const all = Intl.supportedValuesOf('timeZone');
    const groups = timeZoneGroups(all);
    expect(groups.flatMap((g) => g.options.map((o) => o.value)).sort()).toEqual([...all].sort());
    expect(Math.max(...groups.map((g) => g.options.length))).toBeLessThanOrEqual(100);
    const full = buildBusinessSettingsModal({ teamId: TEAM, userId: 'U0SKIPPER' });
    expectWithinLimits(full as unknown as { blocks: unknown[] } & Record<string, unknown>, 'modal');
  });
});

describe('readBusinessSettings', () => {
  it('reads a complete submission into a tenant the tenants file would accept', () => {
    const result = read(submission());
    expect(result.ok).toBe(true);
    const tenant = (result as { tenant: Tenant }).tenant;
    expect(tenant).toMatchObject({
      id: 'sea-breeze-charters',
      timezone: 'America/New_York',
      bucket: 'seabreeze.example.com',
      calendarId: 'sea-breeze-charters',
      slack: {
        teamId: TEAM,
        channels: ['C0BREEZE'],
        approvers: ['U0SKIPPER'],
        admins: ['U0SKIPPER'],
      },
      houseRules: ['No glass.', 'No smoking.'],
      crewChecklist: ['Fuel up', 'Ice in the coolers'],
    });
    expect(tenant.pricing).toEqual({
      revenue: 'payout',
      captain: {
        rateCents: 6000,
        paidMinutesBefore: 0,
        paidMinutesAfter: 0,
        minimumPaidMinutes: 0,
      },
      crew: {
        rateCents: 2750,
        paidMinutesBefore: 30,
        paidMinutesAfter: 0,
        minimumPaidMinutes: 0,
        standardCount: 1,
      },
      fees: [
        { key: 'port_fee', label: 'Port fee', type: 'percent', bps: 1800 },
        { key: 'cleaning', label: 'Cleaning', type: 'fixed', cents: 5000 },
        { key: 'fuel', label: 'Fuel', type: 'per_hour', cents: 2000 },
        { key: 'bait', label: 'Bait', type: 'per_guest', cents: 500 },
      ],
    });
    expect(tenant.roster).toEqual([
      {
        id: 'sky-skipper',
        name: 'Sky Skipper',
        roles: ['captain', 'deckhand'],
        slackUserId: 'U0SKIPPER',
        email: 'sky@seabreeze.example.com',
      },
      { id: 'dee-deckie', name: 'Dee Deckie', roles: ['deckhand'], slackUserId: 'U0DECKIE' },
      {
        id: 'jules-fakename',
        name: 'Jules Fakename',
        roles: ['deckhand', 'first_mate'],
        email: 'jules@example.com',
        phone: '+1 305 555 0113',
      },
    ]);
    expect(pickedPeople(submission()).sort()).toEqual(['U0DECKIE', 'U0SKIPPER']);
  });

  it('gives a new business a free id when its name is taken', () => {
    const result = read(submission({ [BLOCK_IDS.bizName]: { value: 'Taken Charters' } }));
    expect((result as { tenant: Tenant }).tenant.id).toBe('taken-charters-2');
  });

  // Each row: the input changed, what it was set to, and the message that lands on that block.
  const cases: [string, string, Partial<BusinessStateValue>, RegExp][] = [
    ['empty name', BLOCK_IDS.bizName, { value: null }, /required/],
    ['a domain with a path', BLOCK_IDS.bizDomain, { value: 'example.com/boats' }, /bare host name/],
    ['no time zone', BLOCK_IDS.bizTimezone, { selected_option: null }, /required/],
    [
      'an unknown time zone',
      BLOCK_IDS.bizTimezone,
      { selected_option: { value: 'Mars/Base' } },
      /IANA/,
    ],
    ['a bad contact email', BLOCK_IDS.bizContactEmail, { value: 'ops-at-example' }, /email/i],
    ['a short phone', BLOCK_IDS.bizContactPhone, { value: '12' }, /3/],
    ['no departure address', BLOCK_IDS.bizDepartureAddress, { value: null }, /required/],
    [
      'no ops channel',
      BLOCK_IDS.bizOpsChannel,
      { selected_conversation: null },
      /pick the ops channel/,
    ],
    ['no revenue basis', BLOCK_IDS.bizRevenue, { selected_option: null }, /required/],
    ['a rate that is not an amount', BLOCK_IDS.bizCaptainRate, { value: 'fifty' }, /dollar amount/],
    ['a negative crew rate', BLOCK_IDS.bizCrewRate, { value: '-5' }, />=0|0/],
    ['a crew count in words', BLOCK_IDS.bizCrewCount, { value: 'two' }, /whole number/],
    ['a crew count over 20', BLOCK_IDS.bizCrewCount, { value: '50' }, /20/],
    ['paid minutes in words', BLOCK_IDS.bizCrewPaidBefore, { value: 'an hour' }, /whole number/],
    [
      'an unreadable fee line',
      BLOCK_IDS.bizFees,
      { value: 'Port fee: 18%\nCleaning fifty' },
      /^line 2: write/,
    ],
    [
      'a fee called captain',
      BLOCK_IDS.bizFees,
      { value: 'Port fee: 18%\nCaptain: $5' },
      /^line 2: .*reserved/,
    ],
    ['a percentage over 100', BLOCK_IDS.bizFees, { value: 'Port fee: 180%' }, /^line 1: .*10000/],
    ['no captain', BLOCK_IDS.bizCaptains, { selected_users: [] }, /captain role/],
    [
      'a person with an unknown role',
      BLOCK_IDS.bizOtherCrew,
      { value: '\nJules | bosun | jules@example.com' },
      /^line 2: a role is one of/,
    ],
    [
      'a person with a bad email',
      BLOCK_IDS.bizOtherCrew,
      { value: 'Jules | deckhand | jules@' },
      /^line 1: .*email/i,
    ],
    [
      'a person with no name',
      BLOCK_IDS.bizOtherCrew,
      { value: ' | deckhand' },
      /^line 1: this cannot be empty/,
    ],
    [
      'a person with no role',
      BLOCK_IDS.bizOtherCrew,
      { value: 'Jules' },
      /^line 1: give at least one role/,
    ],
  ];
  it.each(cases)('%s lands on its block', (_what, blockId, change, message) => {
    const result = read(submission({ [blockId]: change }));
    expect(result.ok).toBe(false);
    const errors = (result as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toEqual([blockId]);
    expect(errors[blockId]).toMatch(message);
  });

  it('says what to do about a roster with nobody on it, in words, on the captains input', () => {
    const result = read(
      submission({
        [BLOCK_IDS.bizCaptains]: { selected_users: [] },
        [BLOCK_IDS.bizOtherCrew]: { value: '' },
      }),
    );
    expect(result.ok).toBe(false);
    const errors = (result as { errors: Record<string, string> }).errors;
    expect(errors[BLOCK_IDS.bizCaptains]).toMatch(/captain/);
    expect(Object.values(errors).join(' ')).not.toMatch(/Too small|expected/);
  });

  it('an edit opened and saved unchanged is the same tenant: ids, fee keys and hidden settings kept', async () => {
    const tenant = await exampleTenant();
    const view = buildBusinessSettingsModal({
      teamId: 'T0DECKHAND',
      userId: 'U0DANAOPS',
      editing: { tenant, version: 1 },
      zones: ZONES,
    });
    const people = new Map(
      tenant.roster
        .filter((m) => m.slackUserId)
        .map((m) => [
          m.slackUserId as string,
          { name: m.name, ...(m.email ? { email: m.email } : {}) },
        ]),
    );
    const result = readBusinessSettings({
      values: stateOf(view),
      teamId: 'T0DECKHAND',
      people,
      previous: tenant,
      idTaken: () => true,
    });
    expect(result).toEqual({ ok: true, tenant: { ...tenant, roster: expect.any(Array) } });
    const roster = (result as { tenant: Tenant }).tenant.roster;
    expect([...roster].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...tenant.roster].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

describe('App Home and the business settings', () => {
  it('asks an admin of a workspace with no business to set it up; tells others who can (snapshot)', () => {
    const admin = buildSetupHomeView({ mayCreate: true });
    const other = buildSetupHomeView({ mayCreate: false });
    expectKnownIds(admin);
    expect(JSON.stringify(admin)).toContain(ACTION_IDS.openBusinessSetup);
    expect(JSON.stringify(other)).not.toContain(ACTION_IDS.openBusinessSetup);
    expect({ admin, other }).toMatchSnapshot();
  });

  it('gives an admin the edit button of a stored business, or says a file business is read-only (snapshot)', async () => {
    const tenant = await exampleTenant();
    const settingsOf = (settings?: 'editable' | 'read_only') =>
      buildHomeView({
        upcoming: [],
        tenant,
        now: NOW,
        ...(settings ? { settings } : {}),
      }).blocks.find((b) => b.block_id === BLOCK_IDS.homeSettings);
    expect(settingsOf()).toBeUndefined();
    expect(JSON.stringify(settingsOf('editable'))).toContain(ACTION_IDS.editBusinessSettings);
    expect(JSON.stringify(settingsOf('read_only'))).toContain('read-only in Slack');
    expect({
      editable: settingsOf('editable'),
      readOnly: settingsOf('read_only'),
    }).toMatchSnapshot();
  });
});
