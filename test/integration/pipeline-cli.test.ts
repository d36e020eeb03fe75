/** deckhand book / status / list / retry / cancel as an operator runs them, on a temp data folder. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EMAILS = join(ROOT, 'test', 'fixtures', 'emails');
let env: Record<string, string>;

beforeEach(() => {
  env = { DECKHAND_DATA_DIR: mkdtempSync(join(tmpdir(), 'deckhand-cli-')), LOG_LEVEL: 'silent' };
});
afterEach(() => rmSync(env.DECKHAND_DATA_DIR as string, { recursive: true, force: true }));

describe('deckhand book', () => {
  it('books an email, and booking it again returns the same booking and creates nothing', async () => {
    const first = await runCli(
      [
        'book',
        join(EMAILS, '01-plain-text-confirmed.eml'),
        '--tenant',
        'queen-of-san-diego',
        '--json',
      ],
      { env },
    );
    const second = await runCli(
      [
        'book',
        join(EMAILS, '01-plain-text-confirmed.eml'),
        '--tenant',
        'queen-of-san-diego',
        '--json',
      ],
      { env },
    );

    expect(first.code).toBe(0);
    const booked = JSON.parse(first.stdout);
    expect(booked).toMatchObject({
      marketplaceId: '90412776',
      status: 'active',
      created: true,
      steps: {
        guest_page: 'done',
        crew_page: 'done',
        calendar_entry: 'done',
        crew_event: 'done',
        revenue_scrub: 'done',
      },
    });
    expect(booked.slug).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(booked.slug).not.toContain('90412776');
    expect(booked.guestPageUrl).toBe(`http://127.0.0.1:3000/g/${booked.slug}`);
    expect(booked.calendarEventId).toEqual(expect.any(String));
    expect(booked.crewEventId).toEqual(expect.any(String));
    const again = JSON.parse(second.stdout);
    expect(again).toMatchObject({
      bookingId: booked.bookingId,
      created: false,
      calendarEventId: booked.calendarEventId,
      crewEventId: booked.crewEventId,
    });
  });

  it('prints progress and a readable summary without --json', async () => {
    const run = await runCli(
      [
        'book',
        '--text',
        'June 2 9am 3h $840.75 for Sam Lee party of 4',
        '--tenant',
        'queen-of-san-diego',
        '--now',
        '2026-11-26T15:00:00Z',
      ],
      { env },
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Approved BK\w+: Wed, Jun 2, 2027, 9:00 AM PDT, net \$289\.41/);
    expect(run.stderr).toContain('revenue_scrub done');
    expect(run.stdout).toMatch(/Net\s+\$289\.41 of \$840\.75/);
  });

  it('applies a cancellation email to the booking it names', async () => {
    await runCli(
      [
        'book',
        '--text',
        'June 20 11am 3h $1,200 "Taylor Notreal" 6 guests #90413950',
        '--tenant',
        'queen-of-san-diego',
      ],
      { env },
    );

    const run = await runCli(
      ['book', join(EMAILS, '10-cancellation.eml'), '--tenant', 'queen-of-san-diego', '--json'],
      { env },
    );

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'cancelled',
      applied: 'cancellation',
      marketplaceId: '90413950',
    });
  });

  it.each([
    [
      'a booking request',
      '32-request-payment-held.eml',
      /booking request: approve it on the marketplace first/,
    ],
    ['a renter message', '39-not-booking-renter-message.eml', /not a booking/],
    ['a change to an unknown booking', '09-modification-date-changed.eml', /No booking "90413311"/],
  ])('refuses %s with a message that says what to do', async (_what, file, message) => {
    const run = await runCli(['book', join(EMAILS, file), '--tenant', 'queen-of-san-diego'], {
      env,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a booking without an amount, saying which amount the tenant counts', async () => {
    const run = await runCli(
      ['book', '--text', 'June 2 9am 3h for Sam Lee party of 4', '--tenant', 'queen-of-san-diego'],
      { env },
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no total paid[\s\S]*counts the renter total as revenue/);
  });
});

describe('status, list, retry and cancel', () => {
  it('shows a booking by deckhand or marketplace id, lists it, and cancels it', async () => {
    const booked = JSON.parse(
      (
        await runCli(
          [
            'book',
            join(EMAILS, '01-plain-text-confirmed.eml'),
            '--tenant',
            'queen-of-san-diego',
            '--json',
          ],
          { env },
        )
      ).stdout,
    );

    const status = await runCli(['status', '90412776'], { env });
    const list = await runCli(['list', '--tenant', 'queen-of-san-diego', '--json'], { env });
    const retry = await runCli(['retry', booked.bookingId, '--json'], { env });
    const cancel = await runCli(['cancel', booked.bookingId, '--json'], { env });

    expect(status.stdout).toContain(`${booked.bookingId} (marketplace 90412776)`);
    expect(status.stdout).toContain('booking approved');
    // The charter (May 30, 2026) has ended by now: list completes it.
    expect(JSON.parse(list.stdout).bookings).toEqual([
      expect.objectContaining({ bookingId: booked.bookingId, status: 'completed' }),
    ]);
    expect(JSON.parse(retry.stdout)).toMatchObject({ retried: [] });
    expect(JSON.parse(cancel.stdout)).toMatchObject({ status: 'cancelled', changed: ['status'] });
  });

  it('says how to find bookings when the id is unknown', async () => {
    const run = await runCli(['status', 'BKNOPE'], { env });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No booking "BKNOPE"[\s\S]*deckhand list --tenant/);
  });
});

describe('with npm start running', () => {
  it('uses the running server stores and services instead of opening the files again', async () => {
    const server = spawn(process.execPath, [join(ROOT, 'bin', 'deckhand.js'), 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      server.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk: string) => {
          output += chunk;
          // Without Slack credentials serve prints one line: open http://localhost:PORT.
          const m = /open http:\/\/localhost:(\d+)/.exec(output);
          if (m?.[1]) resolve(`http://127.0.0.1:${m[1]}`);
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(
        JSON.parse(readFileSync(join(env.DECKHAND_DATA_DIR as string, 'stack.json'), 'utf8'))
          .httpUrl,
      ).toBe(url);

      const run = await runCli(
        [
          'book',
          join(EMAILS, '02-multipart-alternative.eml'),
          '--tenant',
          'queen-of-san-diego',
          '--json',
        ],
        { env },
      );

      expect(run.code).toBe(0);
      const booked = JSON.parse(run.stdout);
      expect(booked.guestPageUrl).toBe(`${url}/g/${booked.slug}`);
      const page = await fetch(booked.guestPageUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Welcome aboard, Morgan');
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
});
