/**
 * Candidates per field, each with its evidence and strength, and the explainable rules that
 * choose between them: stronger evidence wins, then the first in the text. A runner-up with a
 * different value is kept as a conflict so a person can check the choice.
 */

import {
  type BookingFieldName,
  type BookingFields,
  emptyBookingFields,
  type FieldConflict,
  type FieldEvidence,
  type FieldEvidenceMap,
} from './intake-result.ts';
import type { Found, LocalDate } from './values.ts';

/** Evidence strength, strongest last. */
export enum Strength {
  Subject = 1,
  Link = 2,
  Sentence = 3,
  Label = 4,
  NewLabel = 5,
}

const STRENGTH_WORDS: Record<Strength, string> = {
  [Strength.Subject]: 'the subject line',
  [Strength.Link]: 'a link',
  [Strength.Sentence]: 'a sentence',
  [Strength.Label]: 'a labelled value',
  [Strength.NewLabel]: 'a value labelled new or changed',
};

export interface Candidate {
  value: string | number | boolean;
  strength: Strength;
  order: number;
  evidence: FieldEvidence;
}

/** At most this many candidates per field are kept: enough to explain, bounded on 1 MB input. */
const MAX_PER_FIELD = 8;

/** Cuts source text to an excerpt of at most 80 characters, around `at` when given. */
export function excerptOf(text: string, at = 0, length = 0): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 80) return flat;
  // `at` counts characters of `text`; where whitespace collapses, the flat text is shorter.
  const flatAt = text.slice(0, at).replace(/\s+/g, ' ').trimStart().length;
  const start = Math.max(0, Math.min(flatAt - 20, flat.length - 80));
  const piece = flat.slice(start, start + Math.max(80, Math.min(length, 80)));
  return piece.slice(0, 80);
}

export class Collector {
  readonly #candidates = new Map<BookingFieldName, Candidate[]>();
  #order = 0;

  offer(
    field: BookingFieldName,
    value: unknown,
    strength: Strength,
    evidence: FieldEvidence,
  ): void {
    if (value === undefined || value === null || value === '') return;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return;
    this.#order += 1;
    const list = this.#candidates.get(field) ?? [];
    if (list.length >= MAX_PER_FIELD) return;
    list.push({ value, strength, order: this.#order, evidence });
    this.#candidates.set(field, list);
  }

  /** The candidate the rules would choose now, if any. */
  best(field: BookingFieldName): Candidate | undefined {
    return [...(this.#candidates.get(field) ?? [])].sort(
      (a, b) => b.strength - a.strength || a.order - b.order,
    )[0];
  }

  has(field: BookingFieldName): boolean {
    return this.#candidates.has(field);
  }

  result(): {
    fields: BookingFields;
    found: number;
    evidence: FieldEvidenceMap;
    conflicts: FieldConflict[];
  } {
    const fields = emptyBookingFields() as Record<BookingFieldName, unknown>;
    const evidence: FieldEvidenceMap = {};
    const conflicts: FieldConflict[] = [];
    for (const [field, list] of this.#candidates) {
      const ranked = [...list].sort((a, b) => b.strength - a.strength || a.order - b.order);
      const chosen = ranked[0];
      if (!chosen) continue;
      fields[field] = chosen.value;
      evidence[field] = chosen.evidence;
      const runnerUp = ranked.find((c) => !sameReading(c.value, chosen.value));
      // A subject or link that disagrees with the body is worth a look; so is any other
      // disagreement between two readings a person would both call plausible.
      if (runnerUp) conflicts.push(conflictOf(field, chosen, runnerUp));
    }
    return { fields: fields as BookingFields, found: this.#candidates.size, evidence, conflicts };
  }
}

function conflictOf(
  field: BookingFieldName,
  chosen: Candidate,
  runnerUp: Candidate,
): FieldConflict {
  const rule =
    chosen.strength > runnerUp.strength
      ? `${cap(STRENGTH_WORDS[chosen.strength])} beats ${STRENGTH_WORDS[runnerUp.strength]}.`
      : `Both come from ${STRENGTH_WORDS[chosen.strength]}; the first in the message wins.`;
  return {
    field,
    chosen: chosen.value,
    runnerUp: runnerUp.value,
    rule,
    chosenEvidence: chosen.evidence,
    runnerUpEvidence: runnerUp.evidence,
  };
}

/** "Sam" in the subject and "Sam Lee" in a label are one reading, not a disagreement. */
function sameReading(a: Candidate['value'], b: Candidate['value']): boolean {
  if (typeof a === 'string' && typeof b === 'string')
    return (
      a.toLowerCase().startsWith(b.toLowerCase()) || b.toLowerCase().startsWith(a.toLowerCase())
    );
  return a === b;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type Where = FieldEvidence['where'];

/** Evidence for a value found at `index` in `text`: the excerpt stays within its line. */
export function evidenceAt(
  text: string,
  index: number,
  length: number,
  where: Where,
  how: FieldEvidence['how'],
): FieldEvidence {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return { excerpt: excerptOf(line, index - lineStart, length), where, how };
}

export /** Whether a found date was written without a year (the year is then filled in). */
function yearDefaulted(text: string, found: Found<LocalDate>): boolean {
  const written = text.slice(found.index, found.index + found.length);
  return !(/\d{4}/.test(written) || /\d\/\d{1,2}\/\d{2}/.test(written));
}
