/** Local mode's pure parts: sample dates, pasted emails, the workspace from the tenants file, the address printed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserUrl } from '../../src/cli/serve-command.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import {
  fillSampleDates,
  readEmailText,
  readSample,
  SAMPLES_DIR,
} from '../../src/local-mode/email-samples.ts';
import { workspaceFromTenants } from '../../src/local-mode/local-mode.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';

const NOW = new Date('2026-11-26T07:30:00Z');

describe('sample emails', () => {
  it('fills {{+Nd FORMAT}} with the date N days on, in the tenant zone', () => {
    // 07:30 UTC is still Nov 25 in Los Angeles.
    expect(
      fillSampleDates(
        'on {{+21d EEE, MMM d, yyyy}} ({{+0d yyyy-MM-dd}})',
        NOW,
        'America/Los_Angeles',
      ),
    ).toBe('on Wed, Dec 16, 2026 (2026-11-25)');
    expect(fillSampleDates('{{+0d yyyy-MM-dd}}', NOW, 'Asia/Tokyo')).toBe('2026-11-26');
  });

  it('reads the first sample as a booking in the future with the golden numbers', async () => {
    const email = await readSample('01-boatsetter-confirmed.eml', NOW, 'America/Los_Angeles');
    expect(email.subject).toBe("Booking confirmed: Sea Breeze 32' Sportfish on Wed, Dec 16, 2026");
    expect(email.from).toBe('Boatsetter <notifications@boatsetter.example.com>');
    expect(email.plainText).not.toContain('{{');
    expect(email.plainText).toContain('Total:                    $840.75');
  });

  it('has no sample whose date tokens are left unfilled', () => {
    for (const name of [
      '01-boatsetter-confirmed.eml',
      '02-boatsetter-time-changed.eml',
      '03-boatsetter-cancelled.eml',
    ]) {
      const filled = fillSampleDates(readFileSync(join(SAMPLES_DIR, name), 'utf8'), NOW, 'UTC');
      expect(filled, name).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('refuses a name that is not a sample, paths included', async () => {
    await expect(readSample('../../package.json', NOW, 'UTC')).rejects.toThrow(
      /There is no sample "\.\.\/\.\.\/package\.json"; pick one of 01-boatsetter-confirmed\.eml/,
    );
  });
});

describe('pasted emails', () => {
  it('reads a whole .eml (headers, then a blank line) with its HTML as text', async () => {
    const raw = [
      'From: Boatsetter <n@boatsetter.example.com>',
      'Subject: Booking confirmed',
      'Date: Tue, 12 May 2026 08:41:05 -0400',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<table><tr><td>Booking ID</td><td>90412776</td></tr></table>',
    ].join('\r\n');
    const email = await readEmailText(raw, NOW);
    expect(email).toMatchObject({
      subject: 'Booking confirmed',
      from: 'Boatsetter <n@boatsetter.example.com>',
      date: 'Tue, 12 May 2026 12:41:05 GMT',
    });
    expect(email.plainText).toMatch(/Booking ID\s+90412776/);
  });

  it('takes a body that starts with "Label: value" lines for a body, not for headers', async () => {
    const text = 'Date: June 2, 2027\nRenter: Sam Lee\n\nGuests: 4';
    expect((await readEmailText(text, NOW)).plainText).toBe(text);
  });

  it('takes anything else as the body itself', async () => {
    expect(await readEmailText('Booking ID: 1\nRenter: Sam', NOW)).toEqual({
      subject: 'Fwd: booking',
      from: 'Forwarded by you <you@example.com>',
      plainText: 'Booking ID: 1\nRenter: Sam',
      date: NOW.toUTCString(),
    });
  });
});

describe('the stand-in workspace from the tenants file', () => {
  it('has each tenant channel, everyone with a Slack id, and the first approver acting', async () => {
    const workspace = workspaceFromTenants(await loadTenantsFile(EXAMPLE_TENANTS_FILE));
    expect(workspace.teamId).toBe('T0DECKHAND');
    expect(workspace.channels).toEqual([
      { id: 'C0QSDOPS', name: 'queen-of-san-diego' },
      { id: 'C0REEFOPS', name: 'keys-reef-runner' },
    ]);
    expect(workspace.approver).toBe('U0DANAOPS');
    expect(workspace.opsChannel).toBe('C0QSDOPS');
    expect(workspace.zone).toBe('America/Los_Angeles');
    expect(workspace.users?.map((u) => u.id).sort()).toEqual(
      ['U0CAPTROSA', 'U0DANAOPS', 'U0KAISAMP', 'U0MARCOEX', 'U0MORGANT'].sort(),
    );
    expect(workspace.users?.find((u) => u.id === 'U0MARCOEX')).toMatchObject({
      name: 'marco',
      realName: 'Marco Exemplo',
    });
  });
});

describe('the address serve prints', () => {
  it('is localhost for loopback and all-interfaces hosts, the server URL otherwise', () => {
    expect(browserUrl('127.0.0.1', 'http://127.0.0.1:3000')).toBe('http://localhost:3000');
    expect(browserUrl('0.0.0.0', 'http://127.0.0.1:8080')).toBe('http://localhost:8080');
    expect(browserUrl('192.0.2.7', 'http://192.0.2.7:3000')).toBe('http://192.0.2.7:3000');
  });
});

describe('the samples folder', () => {
  it('holds emails the reader takes for a booking, a change and a cancellation', async () => {
    const kinds: string[] = [];
    for (const name of [
      '01-boatsetter-confirmed.eml',
      '02-boatsetter-time-changed.eml',
      '03-boatsetter-cancelled.eml',
    ]) {
      const raw = fillSampleDates(
        readFileSync(join(SAMPLES_DIR, name), 'utf8'),
        NOW,
        'America/Los_Angeles',
      );
      kinds.push((await parseIntake(raw, { now: NOW, timeZone: 'America/Los_Angeles' })).kind);
    }
    expect(kinds).toEqual(['booking', 'modification', 'cancellation']);
  });
});
