/**
 * Two charter businesses, each in its own workspace, installed and set up from Slack in the
 * browser: deckhand's /slack/install → Allow in the OAuth stand-in → the workspace page
 * (`?team=…`) → the app's Home tab → Set up your business → the form filled in (one inline
 * error first) → Save; then a /charter booking approved in each ops channel, and in one a
 * second booking from a forwarded email. Neither workspace's Slack calls, page text, Home tab
 * (its Money section), `/charter report`, stored bookings, guest pages or crew pages carry the
 * other's business, people or money (distinctive names and amounts per business, searched in
 * every surface's text); after "Remove app" in one, its Home tab is refused while the other
 * books again.
 */
import { fileURLToPath } from 'node:url';
import { addDays, format } from 'date-fns';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { formatCents } from '../../src/money/cents.ts';
import { monthKeyOf } from '../../src/reports/report-period.ts';
import { BLOCK_IDS } from '../../views/block-ids.ts';
import { launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';
import { type OAuthHarness, startOAuthHarness } from '../support/oauth-harness.ts';
import { charter, daysFrom } from '../support/report-fixtures.ts';

const OTHER_WORKSPACE_TENANTS = fileURLToPath(
  new URL('../fixtures/tenants/other-workspace.yml', import.meta.url),
);
const DESKTOP = { width: 1360, height: 900 };

interface Business {
  team: string;
  teamName: string;
  installer: string;
  captain: { id: string; realName: string };
  channel: { id: string; name: string };
  name: string;
  tenantId: string;
  zone: string;
  fees: string;
  /** Crew without Slack (email): on the roster, so a charter has its deckhand. */
  crew: string;
  booking: { guest: string; price: string };
  /** A charter that ended two days ago (stored as the pipeline leaves it): the Money it made. */
  past: { renter: string; boat: string; revenueCents: number };
}

const HARBOR: Business = {
  team: 'T0HARBOR1',
  teamName: 'Harbor Light Sailing',
  installer: 'U0ANAHARB',
  captain: { id: 'U0CAPTIVO', realName: 'Ivo Harborson' },
  channel: { id: 'C0HARBOPS', name: 'harbor-ops' },
  name: 'Harbor Light Sailing',
  tenantId: 'harbor-light-sailing',
  zone: 'America/New_York',
  fees: 'Port fee: 10%\nCleaning: $50',
  crew: 'Lena Fakename',
  booking: { guest: 'Pia Lindqvist', price: '$1263.17' },
  past: { renter: 'Greta Vanterpool', boat: 'Lantern Gull', revenueCents: 731_927 },
};
const REEF: Business = {
  team: 'T0REEFRUN',
  teamName: 'Reef Runner Charters',
  installer: 'U0MORGANT',
  captain: { id: 'U0CAPTKAI', realName: 'Kai Reefmann' },
  channel: { id: 'C0REEFOPS', name: 'reef-ops' },
  name: 'Reef Runner Charters',
  tenantId: 'reef-runner-charters',
  zone: 'Pacific/Honolulu',
  fees: 'Port fee: 18%',
  crew: 'Oli Fakename',
  booking: { guest: 'Tomas Okafor', price: '$918.64' },
  past: { renter: 'Makoa Ferreira', boat: 'Pueo Drifter', revenueCents: 548_361 },
};
/** Reef Runner's second booking: a Boatsetter confirmation forwarded to its ops channel. */
const REEF_EMAIL = { guest: 'Wilhelmina Achterberg', boat: 'Honu Skimmer', total: '$1,377.19' };

function reefEmail(day: Date): string {
  const date = format(day, 'EEE, MMM d, yyyy');
  return [
    'From: Boatsetter <notifications@boatsetter.example.com>',
    'To: Reef Runner <bookings@reef-runner-charters.example.com>',
    `Subject: Booking confirmed: ${REEF_EMAIL.boat} on ${date}`,
    `Date: ${new Date().toUTCString()}`,
    'Message-ID: <two-businesses-90999777@boatsetter.example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="us-ascii"',
    '',
    'Hi Morgan,',
    '',
    `Good news - your booking is confirmed! ${REEF_EMAIL.guest}'s payment has been processed.`,
    '',
    'BOOKING DETAILS',
    '---------------',
    'Booking ID:      90999777',
    `Boat:            ${REEF_EMAIL.boat}`,
    `Date:            ${date}`,
    'Start time:      8:00 AM',
    'Duration:        3 hours',
    `Renter:          ${REEF_EMAIL.guest}`,
    'Guests:          4',
    'Captain:         Captain included',
    '',
    'PRICE BREAKDOWN (paid by renter)',
    '--------------------------------',
    `Total:                    ${REEF_EMAIL.total}`,
    '',
    'Thanks,',
    'The Boatsetter Team',
    '',
  ].join('\n');
}

let h: OAuthHarness;
let browser: PhoneBrowser;
beforeAll(async () => {
  h = await startOAuthHarness({
    tenantsFile: OTHER_WORKSPACE_TENANTS,
    localEmails: true,
    teams: [HARBOR, REEF].map((b) => ({
      teamId: b.team,
      teamName: b.teamName,
      users: [
        { id: b.installer, name: b.installer.toLowerCase(), realName: `${b.teamName} owner` },
        { id: b.captain.id, name: b.captain.id.toLowerCase(), realName: b.captain.realName },
      ],
      channels: [b.channel],
    })),
  });
  browser = await launchPhoneBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function install(b: Business): Promise<void> {
  const { page, problems } = await browser.newPage();
  await page.goto(`${h.runtime.httpUrl}/slack/install`);
  await page.click('#add-to-slack');
  await page.waitForSelector('#allow');
  await page.selectOption('#workspace', b.team);
  await page.click('#allow');
  await expect.poll(() => page.textContent('h1')).toBe(`deckhand is installed in ${b.teamName}`);
  expect(problems).toEqual([]);
  await page.close();
}

async function openWorkspace(b: Business): Promise<{ page: Page; problems: string[] }> {
  const opened = await browser.newPage();
  await opened.page.setViewportSize(DESKTOP);
  await opened.page.goto(`${h.standIn.baseUrl}/?team=${b.team}`);
  await expect.poll(() => opened.page.locator('#connection').textContent()).toContain('Live');
  await expect.poll(() => opened.page.locator('#team-name').textContent()).toBe(b.teamName);
  return opened;
}

async function setUp(page: Page, b: Business): Promise<void> {
  await page.getByRole('button', { name: '🏠 deckhand Home' }).click();
  await page.getByRole('button', { name: 'Set up your business' }).click({ timeout: 20_000 });
  const modal = page.getByRole('dialog', { name: 'Set up your business' });
  await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
  await modal.getByLabel('Business name').fill(b.name);
  await modal.getByLabel('Time zone').selectOption(b.zone);
  await modal.getByLabel('Web domain').fill(`${b.tenantId}.example.com`);
  await modal.getByLabel('Contact email for guests').fill(`ops@${b.tenantId}.example.com`);
  await modal.getByLabel('Contact phone for guests').fill('+1 305 555 0100');
  await modal.getByLabel('Where charters leave from').fill('Pier 5');
  await modal.getByLabel('Its address').fill('1 Harbor Way');
  await modal.getByLabel('Ops channel').selectOption(b.channel.id);
  await modal.getByLabel('Gross: what the renter paid').check();
  await modal.getByLabel('Captain rate, $ per hour').fill('60');
  await modal.getByLabel('Crew rate, $ per hour').fill('30');
  await modal.getByLabel('Crew on a standard charter').fill('1');
  await modal
    .getByLabel('People without Slack, one per line')
    .fill(`${b.crew} | deckhand | ${b.crew.split(' ')[0]?.toLowerCase()}@example.com`);
  await modal.getByLabel('Fees, one per line').fill(b.fees);
  // No one on the roster yet: deckhand refuses inline, on the captains' input, and saves nothing.
  await modal.getByRole('button', { name: 'Save' }).click();
  const captainsError = modal.locator(`[data-block-id="${BLOCK_IDS.bizCaptains}"] .bk-error`);
  await expect.poll(() => captainsError.count(), { timeout: 20_000 }).toBe(1);
  expect(await modal.locator('.bk-error').count()).toBe(1);
  expect((await captainsError.textContent())?.trim()).not.toBe('');
  expect(h.runtime.tenants.source(b.tenantId)).toBeUndefined();
  await modal
    .locator(`[data-block-id="${BLOCK_IDS.bizCaptains}"] select`)
    .selectOption(b.captain.id);
  await modal.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => modal.count(), { timeout: 20_000 }).toBe(0);
  await expect
    .poll(() => h.runtime.tenants.stored(b.tenantId)?.tenant.slack?.teamId, { timeout: 20_000 })
    .toBe(b.team);
}

async function approve(page: Page, b: Business): Promise<void> {
  const modal = page.getByRole('dialog', { name: 'Approve charter' });
  await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
  expect(await modal.textContent()).toContain(b.name);
  await modal.getByRole('button', { name: 'Approve & run' }).click();
  await expect.poll(() => modal.count(), { timeout: 20_000 }).toBe(0);
}

async function book(page: Page, b: Business, when: string): Promise<void> {
  await page.getByRole('button', { name: `# ${b.channel.name}` }).click();
  await page
    .locator('#composer-text')
    .fill(`/charter ${when} 10am 3h ${b.booking.price} for ${b.booking.guest} party of 4`);
  await page.locator('#composer-text').press('Enter');
  await approve(page, b);
}

/** Forwards `email` to the business's ops channel and approves it from the review card. */
async function forwardAndApprove(page: Page, b: Business, email: string): Promise<void> {
  await page.getByRole('button', { name: `# ${b.channel.name}` }).click();
  await page.getByRole('button', { name: '📧 Forward an email' }).click();
  await page.locator('#forward-text').fill(email);
  await expect.poll(() => page.locator('#forward-channel').inputValue()).toBe(b.channel.id);
  await page.getByRole('button', { name: 'Forward to channel' }).click();
  const card = page.locator('#thread .message').filter({ hasText: 'New booking' });
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
  expect(await card.textContent()).toContain(REEF_EMAIL.total);
  await card.getByRole('button', { name: 'Review & approve' }).click();
  await approve(page, b);
}

async function bookingsOf(b: Business) {
  return h.runtime.store.listByTenant(b.tenantId);
}

/** `/charter report <month>` typed in the ops channel: the approver's ephemeral answer. */
async function reportText(page: Page, b: Business, month: string): Promise<string> {
  const team = h.standIn.team(b.team);
  const reports = () =>
    team
      .messages(b.channel.id)
      .filter((m) => m.ephemeralTo === b.installer && JSON.stringify(m.blocks).includes('P&L · '));
  const before = reports().length;
  await page.getByRole('button', { name: `# ${b.channel.name}` }).click();
  await page.locator('#composer-text').fill(`/charter report ${month}`);
  await page.locator('#composer-text').press('Enter');
  await expect.poll(() => reports().length, { timeout: 20_000 }).toBe(before + 1);
  return JSON.stringify(reports().at(-1));
}

/** The guest and crew pages as deckhand serves them (through the CloudFront Function). */
async function pagesOf(booking: Booking): Promise<{ guest: string; crew: string }> {
  const get = async (path: string) => {
    const response = await fetch(`${h.runtime.httpUrl}${path}`);
    return { status: response.status, text: await response.text() };
  };
  let guest = { status: 0, text: '' };
  await expect
    .poll(
      async () => {
        guest = await get(`/g/${booking.guestSlug}`);
        return guest.status;
      },
      { timeout: 30_000 },
    )
    .toBe(200);
  const crew = await get(`/c/${booking.crewSlug}`);
  expect(crew.status).toBe(200);
  return { guest: guest.text, crew: crew.text };
}

const amount = (cents: number) => formatCents(cents).replace(/^-?\$/, '');

/** What marks a business: its name, id, people, channel, and every charter's renter, boat and money. */
async function marksOf(b: Business): Promise<string[]> {
  const marks = [
    b.name,
    b.tenantId,
    b.captain.realName,
    b.crew,
    b.channel.id,
    b.booking.guest,
    b.past.renter,
    b.past.boat,
  ];
  for (const booking of await bookingsOf(b)) {
    marks.push(booking.details.guestName ?? '', booking.details.listingName ?? '');
    marks.push(amount(booking.price.revenueCents), amount(booking.price.netCents));
  }
  return [...new Set(marks.filter((m) => m.length > 0))];
}

function expectNone(surface: string, text: string, foreign: readonly string[]): void {
  for (const mark of foreign) expect(text, `${surface} shows ${mark}`).not.toContain(mark);
}

describe('two businesses installed and set up from Slack, in the browser', () => {
  const now = new Date();
  const when = format(addDays(now, 21), 'MMMM d, yyyy');
  const pages = new Map<string, { page: Page; problems: string[] }>();

  it('installs into each workspace and sets each business up from its Home tab', async () => {
    for (const b of [HARBOR, REEF]) {
      await install(b);
      const opened = await openWorkspace(b);
      pages.set(b.team, opened);
      await setUp(opened.page, b);
      await browser.screenshot(opened.page, `two-businesses-home-${b.tenantId}`);
    }
    // The switcher offers the other workspace.
    const harbor = pages.get(HARBOR.team)?.page as Page;
    expect(await harbor.locator('#workspace-switch option').allTextContents()).toEqual([
      HARBOR.teamName,
      REEF.teamName,
    ]);
  }, 180_000);

  it('books in each (one by a forwarded email), and neither sees the other’s charters, people or money', async () => {
    for (const b of [HARBOR, REEF]) await book(pages.get(b.team)?.page as Page, b, when);
    // Reef Runner's second charter comes by email, four days later (its one captain is free).
    const reefPage = pages.get(REEF.team)?.page as Page;
    await forwardAndApprove(reefPage, REEF, reefEmail(addDays(now, 25)));
    await h.slack.idle();
    const expected = new Map([
      [HARBOR.team, [HARBOR.booking.guest]],
      [REEF.team, [REEF.booking.guest, REEF_EMAIL.guest].sort()],
    ]);
    for (const b of [HARBOR, REEF])
      await expect
        .poll(async () => (await bookingsOf(b)).map((x) => x.details.guestName).sort(), {
          timeout: 30_000,
        })
        .toEqual(expected.get(b.team));
    const reefEmailed = (await bookingsOf(REEF)).find(
      (x) => x.details.guestName === REEF_EMAIL.guest,
    );
    expect(reefEmailed?.details.listingName).toBe(REEF_EMAIL.boat);
    expect(reefEmailed?.details.grossAmountCents).toBe(137_719);
    // The guest and crew pages of every booked charter, once its pipeline has published them.
    const published = new Map<string, { guest: string; crew: string }[]>();
    for (const b of [HARBOR, REEF])
      published.set(b.team, await Promise.all((await bookingsOf(b)).map(pagesOf)));
    // Each business also has a charter that ended two days ago: money in Home and the report.
    for (const b of [HARBOR, REEF]) {
      const tenant = h.runtime.tenants.get(b.tenantId);
      await h.runtime.store.create(
        charter(tenant, {
          startsAt: daysFrom(now, -2),
          revenueCents: b.past.revenueCents,
          boat: b.past.boat,
          renter: b.past.renter,
        }),
      );
    }
    await h.slack.idle();

    const marks = new Map<string, string[]>();
    for (const b of [HARBOR, REEF]) marks.set(b.team, await marksOf(b));
    for (const [mine, other] of [
      [HARBOR, REEF],
      [REEF, HARBOR],
    ] as const) {
      const foreign = marks.get(other.team) ?? [];
      const team = h.standIn.team(mine.team);
      const page = pages.get(mine.team)?.page as Page;
      const tenant = h.runtime.tenants.get(mine.tenantId);
      const own = (await bookingsOf(mine)).filter((x) => x.details.guestName !== mine.past.renter);

      // Home, opened again now that there is money: its Money section has this business's.
      await page.getByRole('button', { name: '🏠 deckhand Home' }).click();
      await h.slack.idle();
      const pastNet = (await bookingsOf(mine)).find((x) => x.details.guestName === mine.past.renter)
        ?.price.netCents as number;
      const homeView = () =>
        JSON.stringify(
          team
            .views()
            .filter((v) => v.view.type === 'home')
            .at(-1),
        );
      await expect.poll(homeView, { timeout: 20_000 }).toContain(amount(pastNet));
      const home = homeView();
      expect(home).toContain('"text":"Money"');
      expect(home).toContain(mine.name);
      expectNone(`${mine.teamName}'s Home tab`, home, foreign);

      // /charter report for the past charter's month and the booked charters' month.
      const months = new Set([
        monthKeyOf(new Date(daysFrom(now, -2)), tenant.timezone),
        ...own.map((x) => monthKeyOf(new Date(x.startsAt), tenant.timezone)),
      ]);
      let reports = '';
      for (const month of months) reports += await reportText(page, mine, month);
      for (const x of own) expect(reports).toContain(amount(x.price.netCents));
      expect(reports).toContain(amount(pastNet));
      expectNone(`${mine.teamName}'s /charter report`, reports, foreign);

      // The guest and crew pages of its charters.
      const ownPages = published.get(mine.team) ?? [];
      expect(ownPages).toHaveLength(own.length);
      for (const [i, p] of ownPages.entries()) {
        expect(p.guest).toContain(mine.name);
        expect(p.crew).toContain(mine.crew);
        expectNone(`${mine.teamName}'s guest page ${i + 1}`, p.guest, foreign);
        expectNone(`${mine.teamName}'s crew page ${i + 1}`, p.crew, foreign);
      }

      // The stored bookings, the workspace's Slack calls and what its page shows.
      expectNone(
        `${mine.teamName}'s stored bookings`,
        JSON.stringify(await bookingsOf(mine)),
        foreign,
      );
      await h.slack.idle();
      const calls = JSON.stringify(team.calls);
      expect(calls).toContain(mine.booking.guest);
      expectNone(`${mine.teamName}'s Slack calls`, calls, foreign);
      await page.getByRole('button', { name: `# ${mine.channel.name}` }).click();
      await expect
        .poll(() => page.locator('#messages').textContent(), { timeout: 20_000 })
        .toContain(mine.booking.guest);
      expectNone(
        `${mine.teamName}'s workspace page`,
        // The channel and the thread (the sidebar's switcher names the other workspace).
        `${await page.locator('#channel').textContent()}${await page.locator('#thread').textContent()}`,
        foreign,
      );
    }
    // Each was priced with its own fees.
    const harbor = (await bookingsOf(HARBOR)).find(
      (x) => x.details.guestName === HARBOR.booking.guest,
    );
    const reef = (await bookingsOf(REEF)).find((x) => x.details.guestName === REEF.booking.guest);
    expect(JSON.stringify(harbor?.price)).toContain('cleaning');
    expect(JSON.stringify(reef?.price)).not.toContain('cleaning');
    for (const opened of pages.values()) expect(opened.problems).toEqual([]);
  }, 240_000);

  it('refuses the removed workspace’s events while the other books again', async () => {
    const reefBookings = (await bookingsOf(REEF)).length;
    expect(await h.standIn.removeApp(REEF.team)).toEqual({ revoked: 200, uninstalled: 200 });
    await h.slack.idle();
    const reef = h.standIn.team(REEF.team);
    const before = reef.calls.length;
    const reefPage = pages.get(REEF.team)?.page as Page;
    await reefPage.getByRole('button', { name: '🏠 deckhand Home' }).click();
    await h.slack.idle();
    expect(reef.calls.length).toBe(before);
    expect(
      h.logs.some(
        (l) =>
          l.msg === 'refused a Slack request from a workspace where deckhand is not installed' &&
          l.teamId === REEF.team,
      ),
    ).toBe(true);

    const harborPage = pages.get(HARBOR.team)?.page as Page;
    // Another day: the captain and crew are taken on the first one.
    const later = format(addDays(new Date(), 23), 'MMMM d, yyyy');
    await book(harborPage, { ...HARBOR, booking: { guest: 'Noor Haddad', price: '$900' } }, later);
    await expect
      .poll(async () => (await bookingsOf(HARBOR)).map((x) => x.details.guestName).sort(), {
        timeout: 30_000,
      })
      .toEqual(['Noor Haddad', HARBOR.booking.guest, HARBOR.past.renter].sort());
    expect((await bookingsOf(REEF)).length).toBe(reefBookings);
  }, 120_000);
});
