/**
 * Two charter businesses, each in its own workspace, installed and set up from Slack in the
 * browser: deckhand's /slack/install → Allow in the OAuth stand-in → the workspace page
 * (`?team=…`) → the app's Home tab → Set up your business → the form filled in (one inline
 * error first) → Save; then a /charter booking approved in each ops channel. Neither workspace's
 * Slack calls, Home tab or stored bookings carry the other's business, people or money; after
 * "Remove app" in one, its Home tab is refused while the other books again.
 */
import { fileURLToPath } from 'node:url';
import { addDays, format } from 'date-fns';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_IDS } from '../../views/block-ids.ts';
import { launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';
import { type OAuthHarness, startOAuthHarness } from '../support/oauth-harness.ts';

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
  booking: { guest: 'Pia Lindqvist', price: '$1200' },
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
  booking: { guest: 'Tomas Okafor', price: '$840.75' },
};

let h: OAuthHarness;
let browser: PhoneBrowser;
beforeAll(async () => {
  h = await startOAuthHarness({
    tenantsFile: OTHER_WORKSPACE_TENANTS,
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

async function book(page: Page, b: Business, when: string): Promise<void> {
  await page.getByRole('button', { name: `# ${b.channel.name}` }).click();
  await page
    .locator('#composer-text')
    .fill(`/charter ${when} 10am 3h ${b.booking.price} for ${b.booking.guest} party of 4`);
  await page.locator('#composer-text').press('Enter');
  const modal = page.getByRole('dialog', { name: 'Approve charter' });
  await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
  expect(await modal.textContent()).toContain(b.name);
  await modal.getByRole('button', { name: 'Approve & run' }).click();
  await expect.poll(() => modal.count(), { timeout: 20_000 }).toBe(0);
}

async function bookingsOf(b: Business) {
  return h.runtime.store.listByTenant(b.tenantId);
}

describe('two businesses installed and set up from Slack, in the browser', () => {
  const when = format(addDays(new Date(), 21), 'MMMM d, yyyy');
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

  it('books in each, and neither sees the other’s charters, people or money', async () => {
    for (const b of [HARBOR, REEF]) await book(pages.get(b.team)?.page as Page, b, when);
    await h.slack.idle();
    for (const b of [HARBOR, REEF])
      await expect
        .poll(async () => (await bookingsOf(b)).map((x) => x.details.guestName), {
          timeout: 30_000,
        })
        .toEqual([b.booking.guest]);
    await h.slack.idle();
    for (const [mine, other] of [
      [HARBOR, REEF],
      [REEF, HARBOR],
    ] as const) {
      const calls = JSON.stringify(h.standIn.team(mine.team).calls);
      expect(calls).toContain(mine.booking.guest);
      for (const foreign of [
        other.name,
        other.tenantId,
        other.booking.guest,
        other.captain.realName,
        other.crew,
        other.channel.id,
      ])
        expect(calls, `${mine.teamName} saw ${foreign}`).not.toContain(foreign);
      const home = JSON.stringify(
        h.standIn
          .team(mine.team)
          .views()
          .filter((v) => v.view.type === 'home'),
      );
      expect(home).toContain(mine.name);
      expect(home).not.toContain(other.name);
      const stored = JSON.stringify(await bookingsOf(mine));
      expect(stored).not.toContain(other.booking.guest);
      expect(stored).not.toContain(other.captain.realName);
    }
    // Each was priced with its own fees.
    const [harbor] = await bookingsOf(HARBOR);
    const [reef] = await bookingsOf(REEF);
    expect(JSON.stringify(harbor?.price)).toContain('cleaning');
    expect(JSON.stringify(reef?.price)).not.toContain('cleaning');
    for (const opened of pages.values()) expect(opened.problems).toEqual([]);
  }, 180_000);

  it('refuses the removed workspace’s events while the other books again', async () => {
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
      .toEqual(['Noor Haddad', HARBOR.booking.guest].sort());
    expect((await bookingsOf(REEF)).length).toBe(1);
  }, 120_000);
});
