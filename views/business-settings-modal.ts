/**
 * The business settings modal, opened from App Home: a new workspace's admin sets the business
 * up ("Set up your business"), and later an admin edits it. One modal in sections (business,
 * Slack, pricing, people, texts), about 35 blocks: well under Slack's 100, so no pages to push.
 * Every input's block_id is where the schema's issues land (business-settings-submission.ts).
 */
import type {
  InputBlock,
  KnownBlock,
  ModalView,
  MultiUsersSelect,
  PlainTextInput,
  PlainTextOption,
} from '@slack/types';
import type { CrewRole, Tenant } from '../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from './block-ids.ts';
import { encodeBusinessMetadata } from './business-settings-metadata.ts';
import { formatFeeLine, formatPersonLine } from './business-settings-text.ts';
import { centsToDollarsInput, clip, LIMITS, mrkdwn, option, plain, safe } from './slack-format.ts';

export interface BusinessSettingsModalInput {
  /** The workspace the business is for. */
  teamId: string;
  /** The admin opening it: a new business gets them as its first admin and approver. */
  userId: string;
  /** The stored tenant being edited, with the version the save is checked against. */
  editing?: { tenant: Tenant; version: number };
  /** IANA zones offered (tests pass a few); default every zone the runtime knows. */
  zones?: readonly string[];
}

/** The role selects, in the order shown. */
export const ROLE_INPUTS: readonly {
  role: CrewRole;
  blockId: string;
  actionId: string;
  label: string;
}[] = [
  {
    role: 'captain',
    blockId: BLOCK_IDS.bizCaptains,
    actionId: ACTION_IDS.bizCaptains,
    label: 'Captains',
  },
  {
    role: 'first_mate',
    blockId: BLOCK_IDS.bizFirstMates,
    actionId: ACTION_IDS.bizFirstMates,
    label: 'First mates',
  },
  {
    role: 'deckhand',
    blockId: BLOCK_IDS.bizDeckhands,
    actionId: ACTION_IDS.bizDeckhands,
    label: 'Deckhands',
  },
  { role: 'host', blockId: BLOCK_IDS.bizHosts, actionId: ACTION_IDS.bizHosts, label: 'Hosts' },
];

function textInput(
  blockId: string,
  actionId: string,
  label: string,
  options: {
    initial?: string | undefined;
    multiline?: boolean;
    optional?: boolean;
    placeholder?: string;
    hint?: string;
    max?: number;
  } = {},
): InputBlock {
  const max = options.max ?? (options.multiline ? LIMITS.plainTextInputMax : 200);
  const element: PlainTextInput = {
    type: 'plain_text_input',
    action_id: actionId,
    max_length: max,
  };
  if (options.multiline) element.multiline = true;
  if (options.initial) element.initial_value = clip(options.initial, max);
  if (options.placeholder) element.placeholder = plain(options.placeholder, LIMITS.placeholder);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, LIMITS.inputLabel),
    element,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint, LIMITS.inputHint) } : {}),
  };
}

function usersInput(
  blockId: string,
  actionId: string,
  label: string,
  initial: readonly string[],
  hint?: string,
): InputBlock {
  const element: MultiUsersSelect = {
    type: 'multi_users_select',
    action_id: actionId,
    placeholder: plain('Pick people from this workspace', LIMITS.placeholder),
  };
  if (initial.length > 0) element.initial_users = [...initial];
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label, LIMITS.inputLabel),
    element,
    ...(hint ? { hint: plain(hint, LIMITS.inputHint) } : {}),
  };
}

function sectionHeader(text: string): KnownBlock[] {
  return [{ type: 'divider' }, { type: 'header', text: plain(text, LIMITS.headerText) }];
}

/** Zones grouped by region ("America", "Europe"…), each group cut to Slack's 100 options. */
export function timeZoneGroups(
  zones: readonly string[],
): { label: string; options: PlainTextOption[] }[] {
  const byRegion = new Map<string, string[]>();
  for (const zone of zones) {
    const region = zone.includes('/') ? (zone.split('/')[0] as string) : 'Other';
    byRegion.set(region, [...(byRegion.get(region) ?? []), zone]);
  }
  const groups: { label: string; options: PlainTextOption[] }[] = [];
  for (const [region, list] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = Math.ceil(list.length / LIMITS.selectOptions);
    for (let i = 0; i < parts; i += 1) {
      const chunk = list.slice(i * LIMITS.selectOptions, (i + 1) * LIMITS.selectOptions);
      groups.push({
        label: plain(parts > 1 ? `${region} (${i + 1} of ${parts})` : region, 75).text,
        options: chunk.map((zone) => option(zone.replaceAll('_', ' '), zone)),
      });
    }
  }
  return groups.slice(0, 100);
}

function allZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

/**
 * Builds the modal: empty for a new business (the opener prefilled as admin and approver), or
 * filled from the stored tenant being edited.
 *
 * @example await client.views.open({ trigger_id, view: buildBusinessSettingsModal({ teamId, userId }) })
 */
export function buildBusinessSettingsModal(input: BusinessSettingsModalInput): ModalView {
  const tenant = input.editing?.tenant;
  const zones = input.zones ?? allZones();
  const pricing = tenant?.pricing;
  const roster = tenant?.roster ?? [];
  const inSlack = (role: CrewRole) =>
    roster
      .filter((m) => m.slackUserId && m.roles.includes(role))
      .map((m) => m.slackUserId as string);
  const withoutSlack = roster.filter((m) => !m.slackUserId).map(formatPersonLine);
  const lines = (list: readonly string[] | undefined) => (list ?? []).join('\n');

  const timezone = tenant?.timezone;
  const groups = timeZoneGroups(zones);
  const initialZone = groups.flatMap((g) => g.options).find((o) => o.value === timezone);
  const revenueOptions = [
    option('Gross: what the renter paid', 'gross'),
    option('Payout: what the marketplace paid out', 'payout'),
  ];
  const revenueInitial = revenueOptions.find((o) => o.value === pricing?.revenue);

  const blocks: KnownBlock[] = [
    {
      type: 'context',
      block_id: BLOCK_IDS.bizIntro,
      elements: [
        mrkdwn(
          input.editing
            ? `Editing *${safe(input.editing.tenant.name, 200)}* (version ${input.editing.version}). Saving makes version ${input.editing.version + 1}; if someone else saved in between, you will be asked to reopen.`
            : 'Tell deckhand about your charter business. Everything can be changed later from the Home tab.',
        ),
      ],
    },
    ...sectionHeader('Business'),
    textInput(BLOCK_IDS.bizName, ACTION_IDS.bizName, 'Business name', {
      initial: tenant?.name,
      placeholder: 'Queen of San Diego Charters',
    }),
    {
      type: 'input',
      block_id: BLOCK_IDS.bizTimezone,
      label: plain('Time zone', LIMITS.inputLabel),
      hint: plain('Charter times are shown in this zone.', LIMITS.inputHint),
      element: {
        type: 'static_select',
        action_id: ACTION_IDS.bizTimezone,
        placeholder: plain('Pick a time zone', LIMITS.placeholder),
        option_groups: groups.map((g) => ({ label: plain(g.label, 75), options: g.options })),
        ...(initialZone ? { initial_option: initialZone } : {}),
      },
    },
    textInput(BLOCK_IDS.bizDomain, ACTION_IDS.bizDomain, 'Web domain', {
      initial: tenant?.domain,
      placeholder: 'queenofsandiego.com',
      hint: 'Guest and crew pages are published under this domain.',
    }),
    textInput(BLOCK_IDS.bizContactEmail, ACTION_IDS.bizContactEmail, 'Contact email for guests', {
      initial: tenant?.contact.email,
    }),
    textInput(BLOCK_IDS.bizContactPhone, ACTION_IDS.bizContactPhone, 'Contact phone for guests', {
      initial: tenant?.contact.phone,
    }),
    textInput(
      BLOCK_IDS.bizDepartureName,
      ACTION_IDS.bizDepartureName,
      'Where charters leave from',
      {
        initial: tenant?.departure.name,
        placeholder: 'Shelter Island Marina, Dock C',
      },
    ),
    textInput(BLOCK_IDS.bizDepartureAddress, ACTION_IDS.bizDepartureAddress, 'Its address', {
      initial: tenant?.departure.address,
    }),
    ...sectionHeader('Slack'),
    {
      type: 'input',
      block_id: BLOCK_IDS.bizOpsChannel,
      label: plain('Ops channel', LIMITS.inputLabel),
      hint: plain(
        'Forwarded booking emails and /charter threads go here. Invite deckhand to it.',
        LIMITS.inputHint,
      ),
      element: {
        type: 'conversations_select',
        action_id: ACTION_IDS.bizOpsChannel,
        placeholder: plain('Pick a channel', LIMITS.placeholder),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(tenant?.slack?.channels[0] ? { initial_conversation: tenant.slack.channels[0] } : {}),
      },
    },
    usersInput(
      BLOCK_IDS.bizApprovers,
      ACTION_IDS.bizApprovers,
      'Approvers',
      tenant ? (tenant.slack?.approvers ?? []) : [input.userId],
      'May approve, cancel and reassign charters.',
    ),
    usersInput(
      BLOCK_IDS.bizAdmins,
      ACTION_IDS.bizAdmins,
      'Admins',
      tenant ? (tenant.slack?.admins ?? []) : [input.userId],
      'May change these settings, with the workspace’s admins and owners.',
    ),
    ...sectionHeader('Pricing'),
    {
      type: 'input',
      block_id: BLOCK_IDS.bizRevenue,
      label: plain('Revenue is', LIMITS.inputLabel),
      element: {
        type: 'radio_buttons',
        action_id: ACTION_IDS.bizRevenue,
        options: revenueOptions,
        ...(revenueInitial ? { initial_option: revenueInitial } : {}),
      },
    },
    textInput(BLOCK_IDS.bizCaptainRate, ACTION_IDS.bizCaptainRate, 'Captain rate, $ per hour', {
      initial: pricing ? centsToDollarsInput(pricing.captain.rateCents) : undefined,
      placeholder: '50',
      max: 20,
    }),
    textInput(BLOCK_IDS.bizCrewRate, ACTION_IDS.bizCrewRate, 'Crew rate, $ per hour', {
      initial: pricing ? centsToDollarsInput(pricing.crew.rateCents) : undefined,
      placeholder: '25',
      max: 20,
    }),
    textInput(BLOCK_IDS.bizCrewCount, ACTION_IDS.bizCrewCount, 'Crew on a standard charter', {
      initial: pricing ? String(pricing.crew.standardCount) : '1',
      max: 3,
    }),
    textInput(
      BLOCK_IDS.bizCrewPaidBefore,
      ACTION_IDS.bizCrewPaidBefore,
      'Crew paid minutes before departure',
      {
        initial: pricing ? String(pricing.crew.paidMinutesBefore) : '0',
        optional: true,
        max: 5,
      },
    ),
    textInput(
      BLOCK_IDS.bizCrewPaidAfter,
      ACTION_IDS.bizCrewPaidAfter,
      'Crew paid minutes after return',
      {
        initial: pricing ? String(pricing.crew.paidMinutesAfter) : '0',
        optional: true,
        max: 5,
      },
    ),
    textInput(BLOCK_IDS.bizFees, ACTION_IDS.bizFees, 'Fees, one per line', {
      initial: lines(pricing?.fees.map(formatFeeLine)),
      multiline: true,
      optional: true,
      placeholder: 'Port fee: 18%',
      hint: 'Write "Label: 18%", "Label: $50", "Label: $20/hour" or "Label: $5/guest".',
    }),
    ...sectionHeader('People'),
    ...ROLE_INPUTS.map((r) => usersInput(r.blockId, r.actionId, r.label, inSlack(r.role))),
    textInput(
      BLOCK_IDS.bizOtherCrew,
      ACTION_IDS.bizOtherCrew,
      'People without Slack, one per line',
      {
        initial: withoutSlack.join('\n'),
        multiline: true,
        optional: true,
        placeholder: 'Jules Fakename | deckhand, first mate | jules@example.com, +1 619 555 0113',
        hint: 'Name | roles (captain, first mate, deckhand, host) | email and/or phone.',
      },
    ),
    ...sectionHeader('What guests and crew read'),
    textInput(BLOCK_IDS.bizHouseRules, ACTION_IDS.bizHouseRules, 'House rules, one per line', {
      initial: lines(tenant?.houseRules),
      multiline: true,
      optional: true,
    }),
    textInput(BLOCK_IDS.bizSafetyNotes, ACTION_IDS.bizSafetyNotes, 'Safety notes, one per line', {
      initial: lines(tenant?.safetyNotes),
      multiline: true,
      optional: true,
    }),
    textInput(BLOCK_IDS.bizWhatToBring, ACTION_IDS.bizWhatToBring, 'What to bring, one per line', {
      initial: lines(tenant?.whatToBring),
      multiline: true,
      optional: true,
    }),
    textInput(
      BLOCK_IDS.bizCrewChecklist,
      ACTION_IDS.bizCrewChecklist,
      'Crew checklist, one per line',
      {
        initial: lines(tenant?.crewChecklist),
        multiline: true,
        optional: true,
      },
    ),
  ];

  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.businessSettingsModal,
    private_metadata: encodeBusinessMetadata({
      teamId: input.teamId,
      ...(input.editing
        ? { tenantId: input.editing.tenant.id, version: input.editing.version }
        : {}),
    }),
    title: plain(input.editing ? 'Business settings' : 'Set up your business', LIMITS.viewTitle),
    submit: plain('Save', LIMITS.viewButton),
    close: plain('Cancel', LIMITS.viewButton),
    blocks,
  };
}
