/** `deckhand report`: JSON and CSV of a booked charter, for the tenant's approvers only. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.ts';

const TENANT = 'queen-of-san-diego';
let env: Record<string, string>;

beforeEach(() => {
  env = { DECKHAND_DATA_DIR: mkdtempSync(join(tmpdir(), 'deckhand-report-')), LOG_LEVEL: 'silent' };
});
afterEach(() => rmSync(env.DECKHAND_DATA_DIR as string, { recursive: true, force: true }));

/** Books a charter three days before `now` (approved a week before it), as an operator would. */
async function bookPast(now: Date): Promise<string> {
  const day = new Date(now.getTime() - 3 * 86_400_000);
  const when = day.toLocaleDateString('en-US', {
    month: 'long',
    day: 'numeric',
    timeZone: 'America/Los_Angeles',
  });
  const booked = await runCli(
    [
      'book',
      '--tenant',
      TENANT,
      '--text',
      `${when} 10am 3h $8,417.93 for Sam Lee party of 4 #MONEY001`,
      '--now',
      new Date(day.getTime() - 7 * 86_400_000).toISOString(),
      '--json',
    ],
    { env },
  );
  expect(booked.code).toBe(0);
  return JSON.parse(booked.stdout).bookingId as string;
}

describe('deckhand report', () => {
  it('prints the JSON the issue names, and CSV with the same figures', async () => {
    const now = new Date();
    const bookingId = await bookPast(now);
    const from = new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const range = ['--from', from, '--to', to, '--as', 'U0DANAOPS', '--now', now.toISOString()];

    const json = await runCli(['report', '--tenant', TENANT, ...range, '--json'], { env });
    const csv = await runCli(['report', '--tenant', TENANT, ...range, '--csv'], { env });

    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.charters).toHaveLength(1);
    const [row] = report.charters;
    expect(row).toMatchObject({
      bookingId,
      revenueCents: 841_793,
      marketplaceId: 'MONEY001',
      basis: 'quoted',
    });
    expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.netCents).toBe(row.revenueCents - row.costCents);
    expect(Object.keys(report)).toEqual(['charters', 'totals']);
    expect(report.totals).toEqual({
      charters: 1,
      revenueCents: row.revenueCents,
      costCents: row.costCents,
      netCents: row.netCents,
    });
    expect(row.open).toBe(true); // ended, not closed out
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      'date,boat,booking_id,marketplace_id,renter,revenue,port_fee,captain,crew,total_cost,net,status,basis',
    );
    expect(lines[1]).toContain(`${bookingId},MONEY001,Sam Lee,8417.93,`);
    expect(lines[1]).toContain(`,${(row.netCents / 100).toFixed(2)},active,quoted`);
  });

  it('refuses without --as, and for someone who is not an approver, before reading anything', async () => {
    const missing = await runCli(['report', '--tenant', TENANT, '--json'], { env });
    const stranger = await runCli(['report', '--tenant', TENANT, '--as', 'U0STRANGE', '--json'], {
      env,
    });
    const otherTenant = await runCli(
      ['report', '--tenant', 'keys-reef-runner', '--as', 'U0DANAOPS'],
      { env },
    );
    const badPeriod = await runCli(
      ['report', '--tenant', TENANT, '--as', 'U0DANAOPS', '--period', 'soon'],
      { env },
    );

    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Missing --as');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain(
      'U0STRANGE is not an approver for Queen of San Diego Charters',
    );
    expect(otherTenant.code).toBe(1);
    expect(otherTenant.stderr).toContain('not an approver for');
    for (const run of [missing, stranger, otherTenant]) expect(run.stdout).toBe('');
    expect(badPeriod.stderr).toMatch(/"soon" is not a period.*last month/);
  });
});
