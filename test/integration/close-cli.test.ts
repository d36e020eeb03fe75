/** `deckhand close`: a charter's close-out from the command line, on a temp data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.ts';

let env: Record<string, string>;
const NOW = new Date();
/** A charter three days ago, 09:00 San Diego for 3 h: long over by now. */
const day = new Date(NOW.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
const AFTER = NOW.toISOString();
const BEFORE = new Date(NOW.getTime() - 5 * 86_400_000).toISOString();

beforeEach(() => {
  env = {
    DECKHAND_DATA_DIR: mkdtempSync(join(tmpdir(), 'deckhand-close-')),
    LOG_LEVEL: 'silent',
    USER: 'ops-lead',
  };
});
afterEach(() => rmSync(env.DECKHAND_DATA_DIR as string, { recursive: true, force: true }));

async function book(): Promise<string> {
  const run = await runCli(
    [
      'book',
      '--text',
      `${day} 9am 3h $840.75 for Sam Lee party of 4`,
      '--tenant',
      'queen-of-san-diego',
      '--now',
      BEFORE,
      '--json',
    ],
    { env },
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).bookingId as string;
}

const close = (args: string[]) =>
  runCli(['close', ...args, '--tenant', 'queen-of-san-diego', '--now', AFTER], { env });

describe('deckhand close', () => {
  it('closes out with the plan’s hours, a fuel cost and a longer captain day; re-closing edits it', async () => {
    const id = await book();
    const first = await close([id, '--hours', 'captain=3.5', '--cost', 'fuel=45.00', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const closed = JSON.parse(first.stdout);
    expect(closed).toMatchObject({ version: 1, calendarUpdated: true });
    expect(closed.quoted.netCents).toBe(28_941);
    expect(
      closed.actual.lines.map((l: { key: string; cents: number }) => [l.key, l.cents]),
    ).toEqual([
      ['port_fee', 15_134],
      ['captain', 17_500],
      ['crew', 25_000],
      ['extra:fuel', 4_500],
    ]);
    expect(closed.actual.netCents).toBe(84_075 - 15_134 - 17_500 - 25_000 - 4_500);
    expect(closed.history[0]).toMatchObject({ version: 1, by: 'cli:ops-lead' });

    const again = await close([id, '--refund', '100', '--cost', 'cleaning=20:after the party']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Closed out ${id} (version 2)`);
    expect(again.stdout).toContain('Cleaning (after the party)  $20.00');
    expect(again.stdout).not.toContain('Fuel');
    expect(again.stdout).toContain('Captain'); // the stored 3.5 h stay
    expect(again.stdout).toContain('$175.00');
    expect(again.stdout).toMatch(/actual net \$\d+\.\d\d vs quoted \$289\.41/);
    expect(again.stdout).toContain('Calendar entry updated with the actual figures.');
  });

  it('says a cancelled charter closed without --refund counts as fully refunded, and not once a refund is given', async () => {
    const id = await book();
    const cancelled = await runCli(['cancel', id, '--tenant', 'queen-of-san-diego'], { env });
    expect(cancelled.code, cancelled.stderr).toBe(0);
    const assumed = await close([id]);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(assumed.stdout).toContain(
      'Cancelled charter: counted as fully refunded ($840.75), as no --refund was given.',
    );
    expect(assumed.stdout).toContain('Revenue  $0.00');
    const kept = await close([id, '--refund', '640.75']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('Revenue  $200.00');
    expect(kept.stdout).not.toContain('counted as fully refunded');
  });

  it('gives clear usage errors', async () => {
    const id = await book();
    const cases: [string[], RegExp][] = [
      [[], /Give one BOOKING id/],
      [
        [id, '--cost', 'gas=10'],
        /--cost "gas=10" is not KIND=AMOUNT\[:NOTE\] with KIND one of fuel, cleaning/,
      ],
      [[id, '--cost', 'fuel=lots'], /--cost "lots" is not an amount like 45\.00/],
      [[id, '--hours', 'captain'], /--hours "captain" is not PERSON=HOURS like rosa=5/],
      [[id, '--hours', 'nobody=2'], /"nobody" is not on this charter \(on it: captain \(/],
      [[id, '--tips=-5'], /--tips "-5" is not an amount/],
      [
        [id, '--refund', '2000'],
        /refund \(\$2,000\.00\) is more than the charter took \(\$840\.75\)/,
      ],
      [['NOPE'], /No booking "NOPE"/],
    ];
    for (const [args, message] of cases) {
      const run = await close(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('prints its usage with --help and is listed in deckhand --help', async () => {
    const help = await runCli(['close', '--help'], { env });
    const all = await runCli(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: deckhand close BOOKING --tenant ID');
    expect(all.stdout).toMatch(/close BOOKING\s+close out a charter/);
  });

  it('refuses a charter that has not ended yet', async () => {
    const id = await book();
    const run = await runCli(['close', id, '--tenant', 'queen-of-san-diego', '--now', BEFORE], {
      env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/has not ended yet \(it ends .*\); close it out after the charter/);
  });
});
