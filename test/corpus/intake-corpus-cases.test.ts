/**
 * The hand-written corpus cases (test/fixtures/intake-corpus): emails in other marketplaces'
 * and operators' wordings, and /charter lines, each with every expected field. Written from
 * what such messages say, not from the parser's rules; see the NOTES.md next to them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookingFieldNames, type IntakeResult } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'intake-corpus');
// Emails carry their own Date header; `now` only has to be some fixed instant.
const NOW = new Date('2026-11-26T15:00:00Z');
const ZONE = 'America/Los_Angeles';

const EMAILS = join(CORPUS, 'emails');
const emails = readdirSync(EMAILS)
  .filter((name) => name.endsWith('.eml'))
  .sort()
  .map((name) => {
    const expected = JSON.parse(
      readFileSync(join(EMAILS, name.replace(/\.eml$/, '.expected.json')), 'utf8'),
    ) as Record<string, unknown>;
    return [name, expected] as const;
  });

interface CorpusLine {
  text: string;
  now: string;
  timeZone: string;
  expected: Record<string, unknown>;
}
const lines = JSON.parse(readFileSync(join(CORPUS, 'charter-lines.json'), 'utf8')) as CorpusLine[];

/** kind and the eleven booking fields: what the corpus states, nothing about `missing`. */
function fieldsOf(result: IntakeResult): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: result.kind };
  for (const name of bookingFieldNames) out[name] = result[name];
  return out;
}

describe('hand-written corpus emails', () => {
  it('has at least 40 emails, each expecting every field', () => {
    expect(emails.length).toBeGreaterThanOrEqual(40);
    for (const [name, expected] of emails) {
      expect(Object.keys(expected).sort(), name).toEqual(['kind', ...bookingFieldNames].sort());
    }
  });

  it.each(emails)('%s', async (name, expected) => {
    const result = await parseIntake(readFileSync(join(EMAILS, name)), {
      now: NOW,
      timeZone: ZONE,
    });

    expect(fieldsOf(result)).toEqual(expected);
  });
});

describe('hand-written corpus /charter lines', () => {
  it('has at least 40 lines', () => {
    expect(lines.length).toBeGreaterThanOrEqual(40);
  });

  it.each(lines.map((line) => [line.text, line] as const))('%j', async (_text, line) => {
    const result = await parseIntake(line.text, {
      now: new Date(line.now),
      timeZone: line.timeZone,
      source: 'command',
    });

    expect(fieldsOf(result)).toEqual(line.expected);
  });
});
