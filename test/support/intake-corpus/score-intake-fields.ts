/**
 * Scores parser output against a corpus case, field by field. A wrong value is counted apart
 * from a missing one: missing makes a person fill it in, wrong goes on the calendar unnoticed.
 */
import { bookingFieldNames } from '../../../src/intake/intake-result.ts';

export const scoredFields = ['kind', ...bookingFieldNames] as const;
export type ScoredField = (typeof scoredFields)[number];

/** Fields where a wrong value silently books the wrong trip or the wrong money: must be 0. */
export const criticalFields: readonly ScoredField[] = [
  'date',
  'startLocal',
  'durationMinutes',
  'grossAmountCents',
  'payoutCents',
];

export type FieldOutcome = 'correct' | 'missing' | 'wrong';

export function scoreField(expected: unknown, actual: unknown): FieldOutcome {
  const want = expected ?? null;
  const got = actual ?? null;
  if (want === got) return 'correct';
  return got === null ? 'missing' : 'wrong';
}

export interface FieldTally {
  scored: number;
  correct: number;
  /** Expected a value, got null. */
  missing: number;
  /** Got a value that is not the expected one. */
  wrongNonNull: number;
  /** The part of wrongNonNull where the message does not state the field at all. */
  invented: number;
}

export interface CorpusScore {
  fields: Map<ScoredField, FieldTally>;
  /** "field: expected -> got" with how often and one case that shows it. */
  confusions: Map<string, { count: number; example: string }>;
}

export function emptyScore(): CorpusScore {
  return {
    fields: new Map(
      scoredFields.map((f) => [
        f,
        { scored: 0, correct: 0, missing: 0, wrongNonNull: 0, invented: 0 },
      ]),
    ),
    confusions: new Map(),
  };
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 44 ? `${text.slice(0, 41)}...` : text;
};

/**
 * Adds one case. Only the fields `expected` lists are scored (older fixtures state a subset).
 * Returns the fields that differ.
 */
export function scoreCase(
  score: CorpusScore,
  expected: Partial<Record<ScoredField, unknown>>,
  actual: Partial<Record<string, unknown>>,
  label: string,
): { field: ScoredField; outcome: FieldOutcome }[] {
  const differing: { field: ScoredField; outcome: FieldOutcome }[] = [];
  for (const field of scoredFields) {
    if (!(field in expected)) continue;
    const tally = score.fields.get(field) as FieldTally;
    const outcome = scoreField(expected[field], actual[field]);
    tally.scored += 1;
    if (outcome === 'correct') {
      tally.correct += 1;
      continue;
    }
    differing.push({ field, outcome });
    if (outcome === 'missing') tally.missing += 1;
    else {
      tally.wrongNonNull += 1;
      if ((expected[field] ?? null) === null) tally.invented += 1;
    }
    const key = `${field}: ${show(expected[field] ?? null)} -> ${show(actual[field] ?? null)}`;
    const seen = score.confusions.get(key);
    if (seen) seen.count += 1;
    else score.confusions.set(key, { count: 1, example: label });
  }
  return differing;
}

/** Wrong non-null values in the critical fields: the report fails unless this is 0. */
export function criticalWrongCount(score: CorpusScore): number {
  return criticalFields.reduce(
    (sum, f) => sum + (score.fields.get(f) as FieldTally).wrongNonNull,
    0,
  );
}
