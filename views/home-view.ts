/**
 * The App Home tab: how to use deckhand, for approvers the Money section (this month and last,
 * per boat, open items, the chart, CSV buttons), and the upcoming charters with crew answers
 * and links.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { type CharterListEntry, charterSummaryText, upcomingCharters } from './charter-list.ts';
import { type HomeMoney, homeMoneyBlocks } from './home-money-blocks.ts';
import { button, formatClockTime, LIMITS, mrkdwn, plain, safe } from './slack-format.ts';

export interface HomeViewInput {
  upcoming: readonly CharterListEntry[];
  tenant: Tenant;
  now: Date;
  /** Only for approvers: the caller decides who sees money, and leaves this out for others. */
  money?: HomeMoney | undefined;
  /**
   * For an admin: `editable` shows *Edit business settings* (a tenant set up from Slack);
   * `read_only` says the settings come from the tenants file. Absent for everyone else.
   */
  settings?: 'editable' | 'read_only';
}

/**
 * Builds the Home tab: a short how-to, then upcoming charters soonest first (one section and a
 * divider each), capped to Slack's 100 blocks with "…and N more". Money only when `money` is
 * given (approvers).
 *
 * @example await client.views.publish({ user_id: userId, view: buildHomeView({ upcoming, tenant, now: new Date() }) })
 */
export function buildHomeView(input: HomeViewInput): HomeView {
  const { tenant, now } = input;
  const upcoming = upcomingCharters(input.upcoming, now);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`deckhand · ${tenant.name}`, LIMITS.headerText) },
    {
      type: 'section',
      block_id: BLOCK_IDS.homeIntro,
      text: mrkdwn(
        [
          'Forward a booking email to the ops channel, or type `/charter June 2 10am 3h $840.75 for Sam Lee party of 4`.',
          'deckhand posts the cost breakdown for approval, then sets up the calendar, the crew event, the guest and crew pages, and keeps one thread per charter up to date.',
          '`/charter help` lists every command.',
        ].join('\n'),
      ),
    },
    ...settingsBlocks(input),
    { type: 'divider' },
    ...(input.money ? homeMoneyBlocks(input.money, tenant) : []),
    {
      type: 'context',
      elements: [
        mrkdwn(
          `*${upcoming.length} upcoming charter${upcoming.length === 1 ? '' : 's'}* · times in ${safe(tenant.timezone, 100)} · updated ${formatClockTime(now, tenant.timezone)}`,
        ),
      ],
    },
  ];
  if (upcoming.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn('Nothing on the water yet.') });
    return { type: 'home', blocks };
  }
  const room = Math.floor((LIMITS.viewBlocks - blocks.length - 1) / 2);
  const shown = upcoming.slice(0, room);
  for (const entry of shown) {
    blocks.push(
      { type: 'section', text: mrkdwn(charterSummaryText(entry, tenant, now)) },
      { type: 'divider' },
    );
  }
  if (upcoming.length > shown.length) {
    blocks.push({
      type: 'context',
      block_id: BLOCK_IDS.homeMore,
      elements: [mrkdwn(`…and ${upcoming.length - shown.length} more.`)],
    });
  }
  return { type: 'home', blocks };
}

function settingsBlocks(input: HomeViewInput): KnownBlock[] {
  if (input.settings === 'editable')
    return [
      {
        type: 'actions',
        block_id: BLOCK_IDS.homeSettings,
        elements: [
          button('Edit business settings', ACTION_IDS.editBusinessSettings, input.tenant.id),
        ],
      },
    ];
  if (input.settings === 'read_only')
    return [
      {
        type: 'context',
        block_id: BLOCK_IDS.homeSettings,
        elements: [
          mrkdwn(
            "This business's settings come from the tenants file on deckhand's server, so they are read-only in Slack: change them in that file (DECKHAND_TENANTS_FILE).",
          ),
        ],
      },
    ];
  return [];
}

/**
 * The Home tab of a workspace with no business yet: its admins get *Set up your business*,
 * everyone else is told who can.
 *
 * @example await client.views.publish({ user_id, view: buildSetupHomeView({ mayCreate: true }) })
 */
export function buildSetupHomeView(input: { mayCreate: boolean }): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('deckhand', LIMITS.headerText) },
    {
      type: 'section',
      block_id: BLOCK_IDS.homeSetup,
      text: mrkdwn(
        input.mayCreate
          ? '*Welcome aboard.* deckhand is installed but this workspace has no charter business yet. Set it up: name, time zone, ops channel, rates and crew. It takes a few minutes and can be changed later.'
          : '*deckhand is installed, but this workspace has no charter business yet.* The person who installed deckhand or a workspace admin can set it up from this Home tab.',
      ),
      ...(input.mayCreate
        ? {
            accessory: button('Set up your business', ACTION_IDS.openBusinessSetup, 'new', {
              style: 'primary',
            }),
          }
        : {}),
    },
  ];
  return { type: 'home', blocks };
}
