/**
 * Every fixture under test/fixtures parses to its expected fields: the shared samples, our
 * own emails in other wordings and layouts, Slack's forwarded-email JSON, and /charter lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intakeResultSchema } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const NOW = new Date('2026-11-26T15:00:00Z');
const ZONE = 'America/Los_Angeles';

function pairs(folder: string, extension: string): [string, string, Record<string, unknown>][] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension) && !name.endsWith('.expected.json'))
    .sort()
    .map((name) => {
      const expected = JSON.parse(
        readFileSync(join(dir, `${name.slice(0, -extension.length)}.expected.json`), 'utf8'),
      ) as Record<string, unknown>;
      return [name, join(dir, name), expected];
    });
}

const emails = pairs('emails', '.eml');
const slack = pairs('slack', '.json');
const pasted = pairs('pasted', '.txt');

describe('email fixtures', () => {
  it('has at least 25 emails, including every shared sample', () => {
    expect(emails.length).toBeGreaterThanOrEqual(25);
    expect(emails.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        '01-plain-text-confirmed.eml',
        '06-gmail-forward.eml',
        '12-injection-renter-name.eml',
      ]),
    );
  });

  it.each(emails)('%s parses to its expected fields', async (_name, path, expected) => {
    const result = await parseIntake(readFileSync(path), { now: NOW, timeZone: ZONE });

    expect(intakeResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject(expected);
    expect(result.source).toBe('email');
  });
});

describe('Slack forwarded-email JSON', () => {
  it.each(slack)('%s parses to its expected fields', async (_name, path, expected) => {
    const result = await parseIntake(readFileSync(path, 'utf8'), { now: NOW, timeZone: ZONE });

    expect(result).toMatchObject(expected);
    expect(result.source).toBe('slack_email');
  });

  it('warns when Slack shortened the email', async () => {
    const result = await parseIntake(
      readFileSync(join(FIXTURES, 'slack', '02-message-event-has-more.json')),
      {
        now: NOW,
        timeZone: ZONE,
      },
    );

    expect(result.warnings.join(' ')).toMatch(/shortened/);
    expect(result.missing).toEqual(['grossAmountCents']);
  });
});

describe("pasted text in other marketplaces' and operators' wording", () => {
  it.each(pasted)('%s parses to its expected fields', async (_name, path, expected) => {
    const result = await parseIntake(readFileSync(path, 'utf8'), { now: NOW, timeZone: ZONE });

    expect(result).toMatchObject(expected);
    expect(result.source).toBe('text');
  });
});

interface CharterCase {
  text: string;
  expected: Record<string, unknown> & { missing?: string[] };
}
const charterLines = JSON.parse(
  readFileSync(join(FIXTURES, 'charter-lines.json'), 'utf8'),
) as CharterCase[];

describe('/charter lines', () => {
  it('has at least 25 cases', () => {
    expect(charterLines.length).toBeGreaterThanOrEqual(25);
  });

  it.each(charterLines.map((c) => [c.text, c] as const))(
    '%j',
    async (_text, { text, expected }) => {
      const result = await parseIntake(text, { now: NOW, timeZone: ZONE, source: 'command' });

      const { missing, ...fields } = expected;
      expect(result).toMatchObject(fields);
      if (missing) expect([...result.missing].sort()).toEqual([...missing].sort());
      expect(result.source).toBe('command');
    },
  );

  it('gives UTC instants for the local start in the tenant zone', async () => {
    const result = await parseIntake('June 2 10am 2h $500 for Sam Lee party of 4', {
      now: NOW,
      timeZone: ZONE,
      source: 'command',
    });

    expect(result.startsAt).toBe('2027-06-02T17:00:00.000Z');
    expect(result.endsAt).toBe('2027-06-02T19:00:00.000Z');
  });

  it('parses a whole pasted email after /charter as an email', async () => {
    const pasted = readFileSync(join(FIXTURES, 'emails', '01-plain-text-confirmed.eml'), 'utf8');

    const result = await parseIntake(pasted, { now: NOW, timeZone: ZONE, source: 'command' });

    expect(result).toMatchObject({
      kind: 'booking',
      bookingId: '90412776',
      date: '2026-05-30',
      startLocal: '09:00',
    });
  });
});
