/**
 * Local mode end to end, as a newcomer plays it: `deckhand serve` (what `npm start` runs) with
 * no Slack credentials, then a real browser on the address it prints. A sample email forwarded
 * → the review card → the approval modal with the breakdown → submit → the status message
 * reaches every step done → the guest page opens → a crew member confirms through the magic
 * link from the outbox, another from their DM → the status message shows them confirmed.
 * A screenshot of each step goes to test-artifacts/local-*.png.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchPhoneBrowser, type PhoneBrowser } from '../support/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DESKTOP = { width: 1360, height: 900 };

let server: ChildProcessWithoutNullStreams;
let output = '';
let dataDir = '';
let url = '';
let browser: PhoneBrowser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'deckhand-local-'));
  server = spawn(process.execPath, [join(ROOT, 'bin', 'deckhand.js'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DECKHAND_DATA_DIR: dataDir,
    },
  });
  server.stdout.setEncoding('utf8');
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk: string) => {
    output += chunk;
  });
  url = await new Promise<string>((resolve, reject) => {
    server.stdout.on('data', (chunk: string) => {
      output += chunk;
      const port = /^open http:\/\/localhost:(\d+)$/m.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  browser = await launchPhoneBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Saves test-artifacts/<name>.png at CSS pixels: a desktop-sized screenshot small enough to copy
 * into docs/screenshots as it is.
 */
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), scale: 'css' });

/** Scrolls to an element, again if the page redrew it meanwhile (live updates replace nodes). */
const scrollTo = (locator: ReturnType<Page['locator']>) =>
  expect
    .poll(() =>
      locator.scrollIntoViewIfNeeded().then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);

/** The channel's last status message (the thread's message with the steps section). */
const statusMessage = (page: Page) =>
  page.locator('#thread .message').filter({ has: page.locator('[data-block-id="status_steps"]') });

describe('local mode in the browser', () => {
  it('prints one line: the address to open', () => {
    expect(output.split('\n')[0]).toMatch(/^open http:\/\/localhost:\d+$/);
  });

  it('plays the story: email → card → modal → pipeline → guest page → crew confirm', async () => {
    const { page, problems } = await browser.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(url);
    await expect.poll(() => page.locator('#connection').textContent()).toContain('Live');
    await expect
      .poll(() => page.locator('#channel-title').textContent())
      .toBe('# queen-of-san-diego');

    // Forward the first sample email to the ops channel.
    await page.getByRole('button', { name: '📧 Forward an email' }).click();
    await expect
      .poll(() => page.locator('#forward-sample option').first().textContent())
      .toContain('Booking confirmed');
    await screenshot(page, 'local-1-forward-an-email');
    await page.getByRole('button', { name: 'Forward to channel' }).click();

    // deckhand answers in the email's thread with a review card.
    const card = page.locator('#thread .message').filter({ hasText: 'New booking' });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    expect(await card.textContent()).toContain('$289.41');
    await screenshot(page, 'local-2-review-card');

    // The approval modal shows the breakdown.
    await card.getByRole('button', { name: 'Review & approve' }).click();
    const modal = page.getByRole('dialog', { name: 'Approve charter' });
    await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
    const modalText = await modal.textContent();
    expect(modalText).toContain('Port fee');
    expect(modalText).toContain('$289.41');
    // deckhand may redraw the modal right after opening it (views.update).
    await scrollTo(modal.getByText('Port fee'));
    await screenshot(page, 'local-3-approval-modal');

    // Submit: the modal closes; the status message reaches every step done.
    await modal.getByRole('button', { name: 'Approve & run' }).click();
    await expect.poll(() => modal.count(), { timeout: 20_000 }).toBe(0);
    await expect
      .poll(() => statusMessage(page).locator('[data-block-id="status_steps"]').textContent(), {
        timeout: 60_000,
      })
      .toMatch(/^(?:✅ [^\n]*: done\s*)+$/u);
    await expect.poll(() => statusMessage(page).textContent()).toContain('Set up');
    const steps = await statusMessage(page).locator('[data-block-id="status_steps"]').textContent();
    expect(steps?.match(/: done/g)).toHaveLength(6);
    await scrollTo(statusMessage(page));
    await screenshot(page, 'local-4-all-steps-done');

    // The guest page opens from the status message's link.
    const [guest] = await Promise.all([
      page.context().waitForEvent('page'),
      statusMessage(page).getByRole('link', { name: 'Guest page' }).click(),
    ]);
    await guest.waitForLoadState();
    await expect.poll(() => guest.locator('h1').textContent()).toContain('Sam');
    await screenshot(guest, 'local-5-guest-page');
    await guest.close();

    // Jules has no Slack: the magic link in the crew email outbox, one click away.
    await page.getByRole('button', { name: /Crew email outbox/ }).click();
    const julesMail = page.locator('.outbox-item').filter({ hasText: 'Jules' }).first();
    await expect.poll(() => julesMail.count(), { timeout: 20_000 }).toBe(1);
    // The email's text as Jules reads it, not only its subject and link.
    expect(await julesMail.locator('.outbox-body').textContent()).toContain('Be at the dock by:');
    await screenshot(page, 'local-6-outbox');
    const [crew] = await Promise.all([
      page.context().waitForEvent('page'),
      julesMail.getByRole('link', { name: 'Open magic link' }).click(),
    ]);
    await crew.waitForLoadState();
    await crew.getByRole('button', { name: 'Confirm, I will be there' }).click();
    await expect.poll(() => crew.getByRole('status').textContent()).toContain('You confirmed');
    await screenshot(crew, 'local-7-crew-confirmed');
    await crew.close();
    await page.getByRole('button', { name: 'Close the outbox' }).click();

    // Marco has Slack: he confirms from his DM with deckhand.
    await page.getByRole('button', { name: '💬 Marco Exemplo' }).click();
    await expect.poll(() => page.locator('#channel-title').textContent()).toBe('💬 Marco Exemplo');
    const dm = page.locator('#messages .message').filter({ hasText: 'on the crew' }).last();
    await expect.poll(() => dm.count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'local-8-crew-dm');
    await dm.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.locator('#messages .message').last().textContent(), { timeout: 20_000 })
      .toMatch(/confirmed/i);
    // The DM itself follows the answer: no live Confirm left, Change my answer instead.
    const answeredDm = page.locator('#messages .message').filter({ hasText: 'You confirmed:' });
    await expect.poll(() => answeredDm.count(), { timeout: 20_000 }).toBe(1);
    expect(await answeredDm.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    expect(await answeredDm.getByRole('button', { name: 'Change my answer' }).count()).toBe(1);
    expect(await page.locator('#messages .message').count()).toBe(1);
    await screenshot(page, 'local-8-crew-dm-answered');

    // Back in the channel, the status message shows both confirmed.
    await page.getByRole('button', { name: '# queen-of-san-diego' }).click();
    await page.locator('#messages .replies-link').first().click();
    const crewSection = statusMessage(page).locator('[data-block-id="status_crew"]');
    await expect
      .poll(() => crewSection.textContent(), { timeout: 20_000 })
      .toMatch(/Jules Fakename \([^)]*\): confirmed[\s\S]*Marco Exemplo \([^)]*\): confirmed/);
    await scrollTo(statusMessage(page));
    await screenshot(page, 'local-9-status-confirmed');

    // The same confirmation forwarded again: deckhand knows it is booked and links its thread.
    await page.getByRole('button', { name: '📧 Forward an email' }).click();
    await expect
      .poll(() => page.locator('#forward-sample option').first().textContent())
      .toContain('Booking confirmed');
    await page.getByRole('button', { name: 'Forward to channel' }).click();
    const again = page.locator('#thread .message').filter({ hasText: 'Already booked' });
    await expect.poll(() => again.count(), { timeout: 20_000 }).toBe(1);
    expect(await again.getByRole('button', { name: 'Review & approve' }).count()).toBe(0);
    expect(await again.getByRole('link', { name: 'its thread' }).count()).toBe(1);
    expect(await again.textContent()).toContain('Nothing in this email differs');
    await screenshot(page, 'local-11-already-booked');

    expect(problems).toEqual([]);
  }, 180_000);

  it('/charter opens the modal; it recomputes, shows errors on the fields and closes', async () => {
    const { page, problems } = await browser.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(url);
    await expect.poll(() => page.locator('#connection').textContent()).toContain('Live');

    await page
      .locator('#composer-text')
      .fill('/charter June 2 10am 2h $500 for Ana Ruiz party of 4');
    await page.locator('#composer-text').press('Enter');
    const modal = page.getByRole('dialog', { name: 'Approve charter' });
    await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => modal.getByLabel('Renter name').inputValue()).toBe('Ana Ruiz');
    expect(await modal.textContent()).toContain('$500.00');

    // A price input dispatches its change; deckhand redraws the breakdown (views.update).
    await modal.getByLabel(/^Revenue/).fill('900');
    await modal.getByLabel(/^Revenue/).press('Tab');
    await expect.poll(() => modal.textContent(), { timeout: 20_000 }).toContain('$900.00');
    expect(await modal.getByLabel('Renter name').inputValue()).toBe('Ana Ruiz');

    // A required field left empty: refused before anything is sent, as Slack's client does.
    await modal.getByLabel('Renter name').fill('');
    await modal.getByRole('button', { name: 'Approve & run' }).click();
    await expect
      .poll(() => modal.locator('.has-error').textContent())
      .toContain('Please complete this required field.');

    // A date in the past: deckhand answers with errors, shown on the date field.
    await modal.getByLabel('Renter name').fill('Ana Ruiz');
    await modal.getByLabel('Date').fill('2020-01-01');
    await modal.getByRole('button', { name: 'Approve & run' }).click();
    const dateError = modal.locator('[data-block-id="approval_date"] .bk-error');
    await expect.poll(() => dateError.count(), { timeout: 20_000 }).toBe(1);
    expect(await dateError.textContent()).toContain('That date has passed');
    await scrollTo(dateError);
    await screenshot(page, 'local-10-modal-errors');

    await modal.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => modal.count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows where unlabelled fields came from: card and modal; /charter says what it did not read', async () => {
    const { page, problems } = await browser.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(url);
    await expect.poll(() => page.locator('#connection').textContent()).toContain('Live');

    // The date is in a sentence and disagrees with the subject; the renter has no label.
    await page.getByRole('button', { name: '📧 Forward an email' }).click();
    await page
      .locator('#forward-text')
      .fill(
        'Subject: New booking for Sun, Aug 8, 2032\nFrom: bookings@example.com\nTo: ops@example.com\n\nMaren Oakes just booked Blue Heron for Saturday, August 7, 2032 from 10am to 2pm.\nBooking ID: 90999013\nGuests: 4\nTotal: $700\n',
      );
    await page.getByRole('button', { name: 'Forward to channel' }).click();
    const card = page
      .locator('#thread .message')
      .filter({ has: page.locator('[data-block-id="intake_evidence"]') });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    const cardEvidence = await card.locator('[data-block-id="intake_evidence"]').textContent();
    expect(cardEvidence).toMatch(
      /Date: chose 2032-08-07 .* over 2032-08-08 .* A sentence beats the subject line\./,
    );
    expect(cardEvidence).toContain('Start time: read from');
    expect(cardEvidence).toContain('in the body');
    // Labelled fields speak for themselves.
    expect(cardEvidence).not.toContain('Booking ID:');
    await scrollTo(card.locator('[data-block-id="intake_evidence"]'));
    await screenshot(page, 'local-13-review-card-evidence');

    await card.getByRole('button', { name: 'Review & approve' }).click();
    const modal = page.getByRole('dialog', { name: 'Approve charter' });
    await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
    const modalEvidence = modal.locator('[data-block-id="intake_evidence"]');
    await expect.poll(() => modalEvidence.textContent(), { timeout: 20_000 }).toBe(cardEvidence);
    // A price change redraws the modal from the stored draft: the evidence stays.
    await modal.getByLabel(/^Revenue/).fill('750');
    await modal.getByLabel(/^Revenue/).press('Tab');
    await expect.poll(() => modal.textContent(), { timeout: 20_000 }).toContain('$750.00');
    expect(await modalEvidence.textContent()).toBe(cardEvidence);
    await screenshot(page, 'local-14-approval-modal-evidence');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => modal.count()).toBe(0);

    // A /charter line with a word it cannot read: the modal says so at the top.
    await page
      .locator('#composer-text')
      .fill('/charter June 2 10am 2h $500 zzqx for Ana Ruiz party of 4');
    await page.locator('#composer-text').press('Enter');
    await expect.poll(() => modal.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => modal.locator('[data-block-id="not_understood"]').textContent())
      .toContain("Not understood: 'zzqx'");
    await screenshot(page, 'local-15-charter-not-understood');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => modal.count()).toBe(0);
    expect(problems).toEqual([]);
  }, 90_000);

  it('draws the Block Kit deckhand may send and dispatches each element as block_actions', async () => {
    const { page, problems } = await browser.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(url);
    await expect.poll(() => page.locator('#connection').textContent()).toContain('Live');
    await page.getByRole('button', { name: '# keys-reef-runner' }).click();
    const option = (text: string, value: string) => ({
      text: { type: 'plain_text', text },
      value,
    });
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Gallery header' } },
      {
        type: 'section',
        block_id: 'fields',
        text: {
          type: 'mrkdwn',
          text: '*Bold* _italic_ ~gone~ `code` <https://example.com|a link>',
        },
        fields: [
          { type: 'mrkdwn', text: '*Field one*\n1' },
          { type: 'mrkdwn', text: '*Field two*\n2' },
        ],
        accessory: {
          type: 'users_select',
          action_id: 'who',
          placeholder: { type: 'plain_text', text: 'Pick someone' },
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Context line' }] },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'row',
        elements: [
          {
            type: 'button',
            action_id: 'go',
            text: { type: 'plain_text', text: 'Go' },
            value: 'v1',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'stop',
            text: { type: 'plain_text', text: 'Stop' },
            value: 'v2',
            style: 'danger',
            confirm: {
              title: { type: 'plain_text', text: 'Really stop?' },
              text: { type: 'mrkdwn', text: 'It *cannot* be undone.' },
              confirm: { type: 'plain_text', text: 'Stop it' },
              deny: { type: 'plain_text', text: 'Keep going' },
              style: 'danger',
            },
          },
          {
            type: 'static_select',
            action_id: 'pick',
            options: [option('Alpha', 'a'), option('Beta', 'b')],
          },
          {
            type: 'multi_static_select',
            action_id: 'many',
            options: [option('Red', 'r'), option('Blue', 'u')],
          },
          { type: 'datepicker', action_id: 'day' },
          { type: 'timepicker', action_id: 'time' },
        ],
      },
    ];
    const token = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).slackBotToken;
    const posted = await fetch(`${url}/standin/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0REEFOPS', text: 'gallery', blocks }),
    });
    expect(((await posted.json()) as { ok: boolean }).ok).toBe(true);
    const message = page.locator('#messages .message').filter({ hasText: 'Gallery header' });
    await expect.poll(() => message.count(), { timeout: 20_000 }).toBe(1);

    expect(await message.locator('.bk-header').textContent()).toBe('Gallery header');
    expect(await message.locator('strong').first().textContent()).toBe('Bold');
    expect(await message.locator('em').first().textContent()).toBe('italic');
    expect(await message.locator('s').first().textContent()).toBe('gone');
    expect(await message.locator('a[href="https://example.com"]').textContent()).toBe('a link');
    expect(await message.locator('.bk-field').count()).toBe(2);
    expect(await message.locator('.bk-context').textContent()).toBe('Context line');
    expect(await message.locator('hr.bk-divider').count()).toBe(1);
    expect(await message.locator('input[type="date"]').count()).toBe(1);
    expect(await message.locator('input[type="time"]').count()).toBe(1);
    await screenshot(page, 'local-12-block-kit');

    /** The body of the next action the page sends to the stand-in. */
    const nextAction = async (act: () => Promise<unknown>) => {
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/standin/ui/action')),
        act(),
      ]);
      return request.postDataJSON() as Record<string, unknown>;
    };
    expect(
      await nextAction(() => message.getByRole('button', { name: 'Go' }).click()),
    ).toMatchObject({
      blockId: 'row',
      actionId: 'go',
      value: 'v1',
      channel: 'C0REEFOPS',
    });
    await message.getByRole('button', { name: 'Stop' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain('It cannot be undone.');
    expect(
      await nextAction(() => confirm.getByRole('button', { name: 'Stop it' }).click()),
    ).toMatchObject({ actionId: 'stop', value: 'v2' });
    expect(
      await nextAction(() => message.locator('.bk-actions select').first().selectOption('b')),
    ).toMatchObject({ actionId: 'pick', selectedOption: 'b' });
    expect(
      await nextAction(() => message.locator('.bk-multi select').selectOption('u')),
    ).toMatchObject({ actionId: 'many', selectedOptions: ['u'] });
    expect(
      await nextAction(() => message.locator('.bk-accessory select').selectOption('U0MARCOEX')),
    ).toMatchObject({ blockId: 'fields', actionId: 'who', selectedOption: 'U0MARCOEX' });
    expect(
      await nextAction(() => message.locator('input[type="date"]').fill('2027-06-05')),
    ).toMatchObject({ actionId: 'day', selectedDate: '2027-06-05' });
    // deckhand has no listener for these: the page says what the app answered.
    await expect
      .poll(() => page.locator('#toast').textContent())
      .toContain('deckhand answered HTTP 404');
    // The page's own requests answered 502 (the app's 404) log as failed loads; nothing else may.
    expect(problems.filter((p) => !p.includes('status of 502'))).toEqual([]);
  }, 60_000);

  it('shows hostile text as text: typed messages and forwarded emails run no markup', async () => {
    const { page, problems } = await browser.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(url);
    await expect.poll(() => page.locator('#connection').textContent()).toContain('Live');
    const hostile =
      '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> <javascript:alert(1)|click me> *bold*';

    await page.locator('#composer-text').fill(hostile);
    await page.locator('#composer-text').press('Enter');
    const typed = page.locator('#messages .message').filter({ hasText: 'onerror' });
    await expect.poll(() => typed.count(), { timeout: 20_000 }).toBe(1);

    await page.getByRole('button', { name: '📧 Forward an email' }).click();
    await page
      .locator('#forward-text')
      .fill(
        `Booking ID: 90999002\nRenter: <img src=x onerror="window.pwned=3">\nGuests: 2\n${hostile}`,
      );
    await page.getByRole('button', { name: 'Forward to channel' }).click();
    const email = page.locator('#messages .message').filter({ hasText: 'Booking ID: 90999002' });
    await expect.poll(() => email.count(), { timeout: 20_000 }).toBe(1);

    expect(await typed.locator('.message-text').textContent()).toBe(
      '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> <javascript:alert(1)|click me> bold',
    );
    expect(await typed.locator('strong').textContent()).toBe('bold');
    expect(await page.locator('#app img, #app script:not([src])').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    await screenshot(page, 'local-11-hostile-text');
    expect(problems).toEqual([]);
  }, 60_000);
});
