/**
 * The round-trip property: a random booking rendered through many senders, layouts, encodings,
 * forwards and distractors parses back to exactly that booking (test/support/intake-corpus).
 * INTAKE_CORPUS_SEED=<n> reproduces a run; each failure prints the seed, index and message.
 */
import { describe, expect, it } from 'vitest';
import { bookingFieldNames } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import {
  CORPUS_EMAIL_NOW,
  CORPUS_EMAIL_ZONE,
  corpusSeed,
  generateIntakeCorpus,
} from '../support/intake-corpus/generate-intake-corpus.ts';
import type { ExpectedFields } from '../support/intake-corpus/random-booking.ts';

const SEED = corpusSeed();
const corpus = generateIntakeCorpus(SEED, { emails: 500, lines: 500 });

function actualFields(result: Record<string, unknown>): ExpectedFields {
  const out: Record<string, unknown> = { kind: result['kind'] };
  for (const name of bookingFieldNames) out[name] = result[name];
  return out as ExpectedFields;
}

function differences(expected: ExpectedFields, actual: ExpectedFields): string[] {
  return (Object.keys(expected) as (keyof ExpectedFields)[])
    .filter((key) => expected[key] !== actual[key])
    .map(
      (key) =>
        `${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`,
    );
}

describe(`generated corpus (INTAKE_CORPUS_SEED=${SEED})`, () => {
  it('renders the same corpus from the same seed, and another from another seed', () => {
    const again = generateIntakeCorpus(SEED, { emails: 5, lines: 5 });
    const other = generateIntakeCorpus(SEED + 1, { emails: 5, lines: 5 });

    expect(again.emails.map((e) => e.raw.toString('base64'))).toEqual(
      corpus.emails.slice(0, 5).map((e) => e.raw.toString('base64')),
    );
    expect(again.lines.map((l) => l.text)).toEqual(corpus.lines.slice(0, 5).map((l) => l.text));
    expect(other.lines.map((l) => l.text)).not.toEqual(again.lines.map((l) => l.text));
  });

  it('covers every kind, layout, charset and transfer encoding', () => {
    const traits = new Set(corpus.emails.flatMap((e) => e.traits));
    for (const trait of [
      'kind:booking',
      'kind:request',
      'kind:modification',
      'kind:cancellation',
      'kind:not_booking',
      'layout:pipes',
      'layout:pipe-columns',
      'layout:tabs',
      'layout:leaders',
      'layout:above',
      'layout:emoji',
      'layout:caps',
      'layout:html',
      'layout:sentences',
      'id-in-link-only',
      'charset:iso-8859-1',
      'charset:windows-1252',
      'cte:quoted-printable',
      'cte:base64',
      'forward:gmail',
      'forward:outlook',
      'forward:apple',
    ]) {
      expect(traits, trait).toContain(trait);
    }
    const lineTraits = new Set(corpus.lines.flatMap((l) => l.traits));
    for (const trait of [
      'range-bare',
      'range-a-p',
      'range-military',
      'range-24h',
      'count:split',
      'name:bare-end',
      'name:booked by',
    ]) {
      expect(lineTraits, trait).toContain(trait);
    }
  });

  it('states every expected name, id, boat and place in the text it renders', () => {
    // Guards the generator itself: an expectation the message does not carry would be a guess.
    const decode = (text: string) =>
      text
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    for (const [index, email] of corpus.emails.entries()) {
      const text = decode(email.rendered);
      for (const field of ['bookingId', 'guestName', 'listingName', 'departure'] as const) {
        const value = email.expected[field];
        if (value !== null) expect(text, `email #${index} ${field}`).toContain(value);
      }
      // And a boat or place left out of a booking message is not stated anywhere else in it.
      if (email.expected.kind === 'not_booking') continue;
      for (const field of ['listingName', 'departure'] as const) {
        if (email.expected[field] === null) {
          expect(text, `email #${index} ${field} left out`).not.toContain(email.booking[field]);
        }
      }
    }
    for (const [index, line] of corpus.lines.entries()) {
      for (const field of ['bookingId', 'guestName', 'departure'] as const) {
        const value = line.expected[field];
        if (value !== null) expect(line.text, `line #${index} ${field}`).toContain(value);
      }
    }
  });

  it('parses 500 generated emails back to their bookings', async () => {
    const failures: string[] = [];
    for (const [index, email] of corpus.emails.entries()) {
      const result = await parseIntake(email.raw, {
        now: CORPUS_EMAIL_NOW,
        timeZone: CORPUS_EMAIL_ZONE,
      });
      const diff = differences(email.expected, actualFields(result));
      if (diff.length > 0) {
        failures.push(
          `INTAKE_CORPUS_SEED=${SEED} email #${index} [${email.traits.join(' ')}]\n  ${diff.join('\n  ')}\n${email.rendered}`,
        );
      }
    }
    // The count first, so a summary shows how far off the parser is; then the first few in full.
    expect(
      failures.length,
      `${failures.length} of 500 emails differ; the first 3:\n\n${failures.slice(0, 3).join('\n\n')}`,
    ).toBe(0);
  });

  it('parses 500 generated /charter lines back to their bookings', async () => {
    const failures: string[] = [];
    for (const [index, line] of corpus.lines.entries()) {
      const result = await parseIntake(line.text, {
        now: new Date(line.now),
        timeZone: line.timeZone,
        source: 'command',
      });
      const diff = differences(line.expected, actualFields(result));
      if (diff.length > 0) {
        failures.push(
          `INTAKE_CORPUS_SEED=${SEED} line #${index} now=${line.now} zone=${line.timeZone} [${line.traits.join(' ')}]\n  ${JSON.stringify(line.text)}\n  ${diff.join('\n  ')}`,
        );
      }
    }
    expect(
      failures.length,
      `${failures.length} of 500 lines differ; the first 10:\n\n${failures.slice(0, 10).join('\n\n')}`,
    ).toBe(0);
  });
});
