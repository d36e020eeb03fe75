/**
 * The crew magic-link page in a real browser on a phone screen: opening it changes nothing,
 * confirming and then declining with a reason through its buttons, and an expired link.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

let browser: PhoneBrowser;
let h: Harness;
let now = Date.now();
let bookingId = '';

function linkFor(person: string): string {
  const dir = join(h.dataDir, 'outbox');
  const file = readdirSync(dir).find((f) => f.includes(`-${person}-assignment.eml`)) as string;
  const text = readFileSync(join(dir, file), 'utf8').replace(/=\r?\n/g, '');
  const link = /(http:\/\/127\.0\.0\.1:\d+\/crew\/\S+)/.exec(text)?.[1] as string;
  return `${h.runtime.httpUrl}${new URL(link).pathname}`;
}

beforeAll(async () => {
  browser = await launchPhoneBrowser();
  h = await startHarness({ clock: () => new Date(now) });
  bookingId = await h.book('June 2 9am 3h $840.75 for Sam Lee party of 4 #SEED0001');
  await runPipeline(h.tenant, bookingId, h.runtime.deps);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('crew magic link in the browser', () => {
  it('shows the assignment, changes nothing on opening, then confirms and declines with a reason', async () => {
    const { page, problems } = await browser.newPage();
    const before = await h.runtime.deps.crew.store.get(h.tenant.id, bookingId, 'jules');

    await page.goto(linkFor('jules'));
    await expect.poll(() => page.locator('h1').textContent()).toContain('Ahoy Jules');
    await browser.screenshot(page, 'crew-link-pending');
    expect(await h.runtime.deps.crew.store.get(h.tenant.id, bookingId, 'jules')).toEqual(before);

    await page.getByRole('button', { name: 'Confirm, I will be there' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('You confirmed');
    await browser.screenshot(page, 'crew-link-confirmed');

    await page
      .getByLabel("Can't make it? Tell the office why (optional)")
      .fill('Boat show that weekend');
    await page.getByRole('button', { name: "I can't make it" }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('You said you cannot make it');

    const after = await h.runtime.deps.crew.store.get(h.tenant.id, bookingId, 'jules');
    expect(
      after?.history.filter((e) => e.via === 'link').map((e) => [e.action, e.reason ?? null]),
    ).toEqual([
      ['confirmed', null],
      ['declined', 'Boat show that weekend'],
    ]);
    expect(problems).toEqual([]);
  });

  it('shows whom to contact for an expired link', async () => {
    const { page } = await browser.newPage();
    now = Date.parse('2027-06-04T00:00:00Z');

    const response = await page.goto(linkFor('marco'));

    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('This link does not work');
    expect(await page.textContent('main')).toContain(
      'Contact the charter company that sent you the link',
    );
    await browser.screenshot(page, 'crew-link-expired');
  });
});
