/** Help, `/charter list`, refusals and App Home: within Slack's block caps, escaped, no money. */
import type { HomeView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { buildCharterList, type CharterListEntry } from '../../views/charter-list.ts';
import { buildHelpMessage } from '../../views/help-message.ts';
import { buildHomeView } from '../../views/home-view.ts';
import { buildRefusal } from '../../views/refusal.ts';
import type { SlackMessage } from '../../views/slack-format.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  INJECTED_NAME,
  LINKS,
  mrkdwnTexts,
  NOW,
  seedBooking,
} from '../support/view-fixtures.ts';

function expectValid(message: SlackMessage | HomeView, surface: 'message' | 'home'): void {
  expectWithinLimits(message as unknown as { blocks: unknown[] }, surface);
  expectKnownIds(message);
}

/** `count` charters a day apart from June 2, the first with an injected renter name. */
function charters(tenant: Tenant, count: number): CharterListEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Date.parse('2026-06-02T17:00:00.000Z') + i * 86_400_000;
    const booking = seedBooking(tenant, {
      bookingId: `BK${String(i).padStart(10, 'A')}`,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * 3_600_000).toISOString(),
    });
    if (i === 0) booking.details = { ...booking.details, guestName: INJECTED_NAME };
    return {
      booking,
      crew: [
        { personId: 'rosa', name: 'Rosa Exampleton', role: 'captain', state: 'confirmed' },
        {
          personId: 'kai',
          name: 'Kai Sampleson',
          role: 'deckhand',
          state: i % 2 ? 'declined' : 'pending',
        },
      ],
      links: LINKS,
    };
  });
}

describe('buildHelpMessage', () => {
  it('lists the commands and the other ways in', () => {
    const help = buildHelpMessage();

    expect(help).toMatchSnapshot();
    expect(JSON.stringify(help)).toContain(
      'ID: the marketplace booking number, or the id at the end',
    );
    for (const command of ['/charter list', '/charter status ID', '/charter cancel ID'])
      expect(JSON.stringify(help)).toContain(command);
    expectValid(help, 'message');
  });
});

describe('buildRefusal', () => {
  it('names who can approve, politely', async () => {
    const tenant = await exampleTenant();

    const refusal = buildRefusal({
      reason: 'not_approver',
      tenant,
      approverUserIds: ['U0DANAOPS', 'U0MORGANT'],
      action: 'cancel',
    });

    expect(refusal.text).toBe(
      'Sorry, only approvers can cancel charters for Queen of San Diego Charters. Please ask <@U0DANAOPS> or <@U0MORGANT>.',
    );
    expectValid(refusal, 'message');
  });

  it('reads approvers from the tenant, and says when none are set up', async () => {
    const tenant = await exampleTenant();

    const fromTenant = buildRefusal({
      reason: 'not_approver',
      tenant: { ...tenant, slack: { channels: ['C0QSDOPS'], approvers: ['U0DANAOPS'] } } as Tenant,
    });
    const none = buildRefusal({ reason: 'not_approver', tenant, approverUserIds: [] });
    const forged = buildRefusal({ reason: 'not_approver', approverUserIds: ['<!channel>'] });

    expect(fromTenant.text).toContain('Please ask <@U0DANAOPS>.');
    expect(none.text).toContain('none are set up yet');
    expect(forged.text).toContain('&lt;!channel&gt;');
    expect(forged.text).not.toContain('<!channel>');
  });

  it('explains an unconnected workspace', () => {
    const refusal = buildRefusal({ reason: 'no_tenant' });

    expect(refusal).toMatchSnapshot();
    expect(refusal.text).toContain('DECKHAND_DEFAULT_TENANT');
  });
});

describe('buildCharterList', () => {
  it('lists upcoming charters soonest first with crew answers', async () => {
    const tenant = await exampleTenant();
    const entries = charters(tenant, 3).reverse();
    const past = charters(tenant, 1)[0] as CharterListEntry;
    past.booking = {
      ...past.booking,
      bookingId: 'BKPAST000001',
      startsAt: '2026-05-01T17:00:00.000Z',
      endsAt: '2026-05-01T20:00:00.000Z',
    };
    const cancelled = charters(tenant, 1)[0] as CharterListEntry;
    cancelled.booking = { ...cancelled.booking, bookingId: 'BKCANCEL0001', status: 'cancelled' };

    const list = buildCharterList({ bookings: [...entries, past, cancelled], tenant, now: NOW });

    expect(list).toMatchSnapshot();
    expect(list.text).toBe('3 upcoming charters for Queen of San Diego Charters.');
    const json = JSON.stringify(list);
    expect(json.indexOf('BKAAAAAAAAA0')).toBeLessThan(json.indexOf('BKAAAAAAAAA1'));
    expect(json).not.toContain('BKPAST000001');
    expect(json).not.toContain('BKCANCEL0001');
    expect(json).not.toMatch(/\$\d/);
    for (const text of mrkdwnTexts(list)) expect(text).not.toMatch(/<!channel>|<@U/);
    expectValid(list, 'message');
  });

  it('caps at 50 blocks and says how many more', async () => {
    const tenant = await exampleTenant();

    const list = buildCharterList({ bookings: charters(tenant, 80), tenant, now: NOW });

    expect(list.blocks).toHaveLength(50);
    expect(JSON.stringify(list.blocks.at(-1))).toContain('…and 33 more.');
    expectValid(list, 'message');
  });

  it('says when there is nothing coming up', async () => {
    const tenant = await exampleTenant();

    const list = buildCharterList({ bookings: [], tenant, now: NOW });

    expect(list.text).toBe('No upcoming charters for Queen of San Diego Charters.');
    expectValid(list, 'message');
  });
});

describe('buildHomeView', () => {
  it('shows how to use deckhand and the upcoming charters with links', async () => {
    const tenant = await exampleTenant();

    const home = buildHomeView({ upcoming: charters(tenant, 2), tenant, now: NOW });

    expect(home).toMatchSnapshot();
    expect(home.type).toBe('home');
    expect(JSON.stringify(home)).toContain(`<${LINKS.guestPageUrl}|Guest page>`);
    for (const text of mrkdwnTexts(home)) expect(text).not.toMatch(/<!channel>|<@U/);
    expectValid(home, 'home');
  });

  it('caps at 100 blocks', async () => {
    const tenant = await exampleTenant();

    const home = buildHomeView({ upcoming: charters(tenant, 120), tenant, now: NOW });

    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(home.blocks.at(-1))).toContain('…and 73 more.');
    expectValid(home, 'home');
  });
});
