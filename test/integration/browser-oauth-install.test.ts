/**
 * The install, as a person does it: deckhand's /slack/install page → "Add to Slack" → the
 * stand-in's authorize page (app name, scopes, workspace) → Allow → back on deckhand's success
 * page; once for each of two workspaces. Then each workspace's requests run with its own bot
 * token (each workspace's stand-in only answers its own token), and after "Remove app" in one,
 * its events are refused while the other goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';
import {
  DANA,
  MORGAN,
  type OAuthHarness,
  QUEEN_TEAM,
  REEF_OPS,
  REEF_TEAM,
  startOAuthHarness,
} from '../support/oauth-harness.ts';
import { forwardBooking } from '../support/slack-flow.ts';

let h: OAuthHarness;
let browser: PhoneBrowser;
beforeAll(async () => {
  h = await startOAuthHarness();
  browser = await launchPhoneBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function installThroughBrowser(teamId: string, screenshot?: string): Promise<string> {
  const { page, problems } = await browser.newPage();
  await page.goto(`${h.runtime.httpUrl}/slack/install`);
  await page.click('#add-to-slack');
  await page.waitForSelector('#allow');
  expect(await page.textContent('#app-name')).toBe('deckhand');
  const scopes = await page.locator('#scopes li').allTextContents();
  expect(scopes).toContain('chat:write');
  expect(scopes).toContain('commands');
  await page.selectOption('#workspace', teamId);
  if (screenshot) await browser.screenshot(page, screenshot);
  await page.click('#allow');
  await page.waitForSelector('h1');
  const heading = (await page.textContent('h1')) ?? '';
  expect(problems).toEqual([]);
  await page.close();
  return heading;
}

describe('OAuth install into two workspaces through the browser', () => {
  it('installs into each workspace with Allow, and stores each installation sealed', async () => {
    expect(await installThroughBrowser(QUEEN_TEAM, 'oauth-authorize')).toBe(
      'deckhand is installed in Queen of San Diego',
    );
    expect(await installThroughBrowser(REEF_TEAM)).toBe(
      'deckhand is installed in Reef Runner Charters',
    );
    const queen = h.standIn.installation(QUEEN_TEAM);
    const reef = h.standIn.installation(REEF_TEAM);
    expect(queen?.botToken).toMatch(/^xoxb-T0DECKHAND-/);
    expect(reef?.botToken).toMatch(/^xoxb-T0REEFRUN-/);
    const installations = h.runtime.slackPorts.installations;
    expect(await installations?.installerOf(QUEEN_TEAM)).toBe(DANA);
    expect(await installations?.installerOf(REEF_TEAM)).toBe(MORGAN);
  }, 60_000);

  it("runs each workspace's requests with its own token", async () => {
    // Bolt's per-request client (App Home) and the shared client (the review card's post).
    for (const [teamId, user] of [
      [QUEEN_TEAM, DANA],
      [REEF_TEAM, MORGAN],
    ] as const) {
      const team = h.standIn.team(teamId);
      const sent = await team.event({ type: 'app_home_opened', user, tab: 'home' });
      expect(sent.status).toBe(200);
      await h.slack.idle();
      const published = team.calls.filter((c) => c.method === 'views.publish');
      expect(published.map((c) => c.response.ok)).toEqual([true]);
    }
    const card = await forwardBooking({ standIn: h.standIn.team(QUEEN_TEAM) }, 1);
    expect(card.draftId).toBeTruthy();
    const queenPosts = h.standIn
      .team(QUEEN_TEAM)
      .calls.filter((c) => c.method === 'chat.postMessage');
    expect(queenPosts.length).toBeGreaterThan(0);
    expect(queenPosts.every((c) => c.response.ok === true)).toBe(true);
    expect(h.standIn.team(REEF_TEAM).calls.filter((c) => c.method === 'chat.postMessage')).toEqual(
      [],
    );
  }, 60_000);

  it('removes an installation when its workspace removes the app, and refuses its events', async () => {
    const removed = await h.standIn.removeApp(REEF_TEAM);
    expect(removed).toEqual({ revoked: 200, uninstalled: 200 });
    await h.slack.idle();
    expect(await h.runtime.slackPorts.installations?.installerOf(REEF_TEAM)).toBeUndefined();
    expect(h.logs.some((l) => String(l.msg).startsWith('removed a Slack installation'))).toBe(true);
    const reef = h.standIn.team(REEF_TEAM);
    const before = reef.calls.length;
    const refused = await reef.event({ type: 'app_home_opened', user: MORGAN, tab: 'home' });
    await h.slack.idle();
    expect(refused.status).toBe(200);
    expect(reef.calls.length).toBe(before);
    expect(
      h.logs.some(
        (l) =>
          l.msg === 'refused a Slack request from a workspace where deckhand is not installed' &&
          l.teamId === REEF_TEAM,
      ),
    ).toBe(true);
    // The other workspace goes on.
    const queen = h.standIn.team(QUEEN_TEAM);
    await queen.event({ type: 'app_home_opened', user: DANA, tab: 'home' });
    await h.slack.idle();
    expect(queen.calls.filter((c) => c.method === 'views.publish').at(-1)?.response.ok).toBe(true);
    void REEF_OPS;
  }, 60_000);
});
