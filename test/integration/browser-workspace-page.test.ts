/**
 * The local workspace page in a real browser, on its own (no deckhand): what a person clicks
 * is what the page shows, even when a live update's redraw is still on its way. The stand-in's
 * page is served over loopback HTTP as local mode serves it; Playwright holds the page's state
 * requests to put the click exactly inside the window where it used to be lost.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSlackStandInCore,
  createWorkspaceUi,
  SILENT_LOGGER,
  type WorkspaceUi,
} from '@deckhand/slack-standin';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';

const PREFIX = '/standin';
let server: Server;
let ui: WorkspaceUi;
let url = '';
let browser: PhoneBrowser;

beforeAll(async () => {
  const core = createSlackStandInCore({
    signingSecret: 'page-test-secret',
    botToken: 'xoxb-page-test',
    users: [
      { id: 'U0OPS', name: 'dana', realName: 'Dana Ops' },
      { id: 'U0CREW', name: 'marco', realName: 'Marco Exemplo' },
    ],
    channels: [{ id: 'C0OPS', name: 'ops' }],
  });
  // No app answers: nothing here sends it anything.
  core.standIn.setAppUrl('http://127.0.0.1:1/slack/events');
  ui = createWorkspaceUi({
    core,
    teamName: 'page test',
    defaultUser: 'U0OPS',
    defaultChannel: 'C0OPS',
    logger: SILENT_LOGGER,
  });
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = target.pathname.startsWith(PREFIX)
      ? target.pathname.slice(PREFIX.length)
      : target.pathname;
    if (ui.stream(req, res, path)) return;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const answer = await ui.handle(
      {
        method: req.method ?? 'GET',
        path,
        query: target.searchParams,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      },
      path,
    );
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchPhoneBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  ui?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** Holds every state request from now on until `release()`; `held()` counts those waiting. */
async function holdStateRequests(page: Page) {
  const waiting: Route[] = [];
  let holding = true;
  await page.route(/\/standin\/ui\/state\?/, (route) => {
    if (holding) waiting.push(route);
    else void route.continue();
  });
  return {
    held: () => waiting.length,
    async release() {
      holding = false;
      for (const route of waiting.splice(0)) await route.continue();
    },
  };
}

describe('the workspace page in a browser', () => {
  it('opens the DM clicked while a redraw is on its way, not the channel the redraw was for', async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(url);
    const title = page.locator('#channel-title');
    await expect.poll(() => title.textContent()).toBe('# ops');

    // A redraw starts for #ops (choosing who acts refreshes as a live update does)
    // and its answer is held back: the click below lands while it is in flight.
    const gate = await holdStateRequests(page);
    await page.locator('#acting-as').dispatchEvent('change');
    await expect.poll(() => gate.held()).toBe(1);
    await page.getByRole('button', { name: '💬 Marco Exemplo' }).click();

    // The answer for #ops arrives after the click. Before the fix it put #ops back and the
    // click was lost; now the page asks again for the DM.
    await gate.release();
    await expect.poll(() => title.textContent()).toBe('💬 Marco Exemplo');
    await expect
      .poll(() => page.locator('#channel-note').textContent())
      .toContain("deckhand's DM with Marco Exemplo");
    expect(problems).toEqual([]);
    await page.close();
  });
});
