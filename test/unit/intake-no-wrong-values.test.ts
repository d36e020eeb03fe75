/**
 * The guarantee issue 13 asks for, in the normal test run: over the whole intake corpus (the
 * hand-written cases and the 500 + 500 generated ones), no date, start, length, gross or payout
 * is ever a wrong value. Missing is allowed here (a person fills it in); wrong is not (it goes
 * on the calendar unnoticed). The stricter "every field right" suite is test/corpus/ (also in `npm test`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import {
  CORPUS_EMAIL_NOW,
  CORPUS_EMAIL_ZONE,
  corpusSeed,
  generateIntakeCorpus,
} from '../support/intake-corpus/generate-intake-corpus.ts';
import { criticalFields, scoreField } from '../support/intake-corpus/score-intake-fields.ts';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'intake-corpus');
const SEED = corpusSeed();

interface Case {
  name: string;
  parse: () => Promise<Record<string, unknown>>;
  expected: Record<string, unknown>;
}

function cases(): Case[] {
  const out: Case[] = [];
  const emails = join(CORPUS, 'emails');
  for (const name of readdirSync(emails).filter((n) => n.endsWith('.eml'))) {
    const raw = readFileSync(join(emails, name));
    out.push({
      name: `corpus email ${name}`,
      parse: async () =>
        (await parseIntake(raw, {
          now: new Date('2026-11-26T15:00:00Z'),
          timeZone: 'America/Los_Angeles',
        })) as unknown as Record<string, unknown>,
      expected: JSON.parse(
        readFileSync(join(emails, name.replace(/\.eml$/, '.expected.json')), 'utf8'),
      ) as Record<string, unknown>,
    });
  }
  const lines = JSON.parse(readFileSync(join(CORPUS, 'charter-lines.json'), 'utf8')) as {
    text: string;
    now: string;
    timeZone: string;
    expected: Record<string, unknown>;
  }[];
  for (const line of lines)
    out.push({
      name: `corpus line ${JSON.stringify(line.text)}`,
      parse: async () =>
        (await parseIntake(line.text, {
          now: new Date(line.now),
          timeZone: line.timeZone,
          source: 'command',
        })) as unknown as Record<string, unknown>,
      expected: line.expected,
    });
  const generated = generateIntakeCorpus(SEED, { emails: 500, lines: 500 });
  for (const [i, email] of generated.emails.entries())
    out.push({
      name: `generated email #${i} [${email.traits.join(' ')}]`,
      parse: async () =>
        (await parseIntake(email.raw, {
          now: CORPUS_EMAIL_NOW,
          timeZone: CORPUS_EMAIL_ZONE,
        })) as unknown as Record<string, unknown>,
      expected: email.expected as unknown as Record<string, unknown>,
    });
  for (const [i, line] of generated.lines.entries())
    out.push({
      name: `generated line #${i} ${JSON.stringify(line.text)}`,
      parse: async () =>
        (await parseIntake(line.text, {
          now: new Date(line.now),
          timeZone: line.timeZone,
          source: 'command',
        })) as unknown as Record<string, unknown>,
      expected: line.expected as unknown as Record<string, unknown>,
    });
  return out;
}

describe(`intake corpus (INTAKE_CORPUS_SEED=${SEED})`, () => {
  it('never gives a wrong date, start, length, gross or payout', async () => {
    const all = cases();
    const wrong: string[] = [];
    for (const c of all) {
      const got = await c.parse();
      for (const field of criticalFields)
        if (field in c.expected && scoreField(c.expected[field], got[field]) === 'wrong')
          wrong.push(
            `${c.name}: ${field} expected ${JSON.stringify(c.expected[field])}, got ${JSON.stringify(got[field])}`,
          );
    }
    expect(all.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  }, 60_000);
});
