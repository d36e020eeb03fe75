/** The `deckhand` CLI: parse and quote as the README shows them, exit codes and error messages. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EMAILS = join(ROOT, 'test', 'fixtures', 'emails');
const NOW = '2026-11-26T15:00:00Z';

describe('deckhand quote', () => {
  it('prints the seed golden numbers as JSON', async () => {
    const run = await runCli([
      'quote',
      '--tenant',
      'queen-of-san-diego',
      '--revenue',
      '840.75',
      '--hours',
      '3',
      '--crew',
      '2',
      '--json',
    ]);

    expect(run.code).toBe(0);
    const quote = JSON.parse(run.stdout);
    expect(quote).toMatchObject({ revenueCents: 84_075, costCents: 55_134, netCents: 28_941 });
    expect(quote.lines.map((l: { key: string; cents: number }) => [l.key, l.cents])).toEqual([
      ['port_fee', 15_134],
      ['captain', 15_000],
      ['crew', 25_000],
    ]);
  });

  it('prints a readable table by default, with the tenant standard crew', async () => {
    const run = await runCli([
      'quote',
      '--tenant',
      'queen-of-san-diego',
      '--revenue',
      '$840.75',
      '--hours',
      '3',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Port fee (18% of $840.75)');
    // Why 5 h on a 3-hour trip, as the Slack cost breakdown says it.
    expect(run.stdout).toContain('Crew (2 × 5 h × $25.00/h: 3 h trip + 1 h before + 1 h after)');
    expect(run.stdout).toMatch(/Net\s+\$289\.41/);
  });

  it('prices the second tenant with its own fee forms', async () => {
    const run = await runCli([
      'quote',
      '--tenant',
      'keys-reef-runner',
      '--revenue',
      '1000',
      '--hours',
      '2',
      '--guests',
      '4',
      '--json',
    ]);

    const quote = JSON.parse(run.stdout);
    expect(quote.lines.map((l: { key: string }) => l.key)).toEqual([
      'captain',
      'crew',
      'dock_fee',
      'fuel',
      'cleaning',
    ]);
    // captain 4 h minimum × $60, crew 1 × 3 h × $30, dock $40, fuel 2 h × $45, cleaning 4 × $5
    expect(quote.costCents).toBe(24_000 + 9_000 + 4_000 + 9_000 + 2_000);
  });

  it.each([
    [
      ['quote', '--tenant', 'nope', '--revenue', '1', '--hours', '1'],
      /Unknown tenant "nope"[\s\S]*queen-of-san-diego/,
    ],
    [['quote', '--tenant', 'queen-of-san-diego', '--hours', '1'], /Missing --revenue/],
    [
      ['quote', '--tenant', 'queen-of-san-diego', '--revenue', 'lots', '--hours', '1'],
      /--revenue "lots" is not an amount/,
    ],
    [
      ['quote', '--tenant', 'queen-of-san-diego', '--revenue', '10', '--hours', '0'],
      /--hours "0" is not a number of hours/,
    ],
    [['quote', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit 1 and says what to fix', async (argv, message) => {
    const run = await runCli(argv);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('deckhand parse', () => {
  it('prints exactly the fixture fields, kind and missing as one JSON object', async () => {
    const run = await runCli([
      'parse',
      join(EMAILS, '01-plain-text-confirmed.eml'),
      '--json',
      '--now',
      NOW,
    ]);

    expect(run.code).toBe(0);
    const expected = JSON.parse(
      readFileSync(join(EMAILS, '01-plain-text-confirmed.expected.json'), 'utf8'),
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ ...expected, missing: [] });
  });

  it('reads stdin and gives UTC instants in the tenant zone', async () => {
    const run = await runCli(['parse', '-', '--tenant', 'queen-of-san-diego', '--json'], {
      stdin: readFileSync(join(EMAILS, '01-plain-text-confirmed.eml')),
    });

    expect(JSON.parse(run.stdout)).toMatchObject({
      startsAt: '2026-05-30T16:00:00.000Z',
      endsAt: '2026-05-30T20:00:00.000Z',
    });
  });

  it('parses a /charter line given with --text', async () => {
    const run = await runCli([
      'parse',
      '--text',
      'sun 2pm full day 1800',
      '--tenant',
      'queen-of-san-diego',
      '--now',
      NOW,
      '--json',
    ]);

    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'booking',
      date: '2026-11-29',
      startLocal: '14:00',
      durationMinutes: 480,
      grossAmountCents: 180_000,
      missing: ['guestName', 'partySize'],
    });
  });

  it('exits 0 for a message that is not a booking, and says what is missing', async () => {
    const run = await runCli(['parse', '--text', 'call Sam about the boat', '--now', NOW]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Not a booking');
    expect(run.stdout).toContain('Missing for a booking: date, startLocal');
  });

  it('shows untrusted text without acting on terminal control sequences', async () => {
    const run = await runCli(['parse', '-', '--now', NOW], {
      stdin: 'Renter: Sam \u001b[2J\u001b[31mEvil\nDate: 2026-12-05\nTime: 10am\nGuests: 2\n',
    });

    expect(run.stdout).toContain('Sam \\u001b[2J\\u001b[31mEvil');
    expect(run.stdout).not.toContain('\u001b');
  });

  it('exits 2 for input over 5 MB, saying what to send instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deckhand-'));
    const big = join(dir, 'big.eml');
    writeFileSync(big, `Subject: x\r\nFrom: a@example.com\r\n\r\n${'x'.repeat(5 * 1024 * 1024)}`);

    const run = await runCli(['parse', big]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/limit is 5 MB[\s\S]*Forward just the booking email/);
  });

  it('exits 2 for a file that does not exist', async () => {
    const run = await runCli(['parse', join(ROOT, 'no-such.eml')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Cannot read .*no-such\.eml: ENOENT[\s\S]*Check the path/);
  });

  it('reports every bad environment key before doing anything', async () => {
    const run = await runCli(['parse', '--text', 'x'], {
      env: { PORT: 'abc', DECKHAND_TENANT: 'x', LOG_LEVEL: 'loud' },
    });

    expect(run.code).toBe(1);
    for (const key of ['PORT', 'DECKHAND_TENANT', 'LOG_LEVEL'])
      expect(run.stderr).toContain(`- ${key}:`);
  });
});

describe('the bin script', () => {
  it('runs from a clone without a build step', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'bin', 'deckhand.js'),
        'quote',
        '--tenant',
        'queen-of-san-diego',
        '--revenue',
        '840.75',
        '--hours',
        '3',
        '--json',
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
    );

    expect(JSON.parse(stdout).netCents).toBe(28_941);
  });
});
