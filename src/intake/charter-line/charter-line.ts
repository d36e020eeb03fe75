/**
 * A `/charter` line being read: readers claim the character spans they understood, so nothing
 * is read twice and whatever no reader claimed can be told back to the operator.
 */
import { excerptOf } from '../field-candidates.ts';
import type {
  BookingFieldName,
  FieldEvidence,
  FieldEvidenceMap,
  NotUnderstood,
} from '../intake-result.ts';

/** Stands in for claimed text (␟): not a word character nor whitespace, so no name runs across it. */
export const MASK = '\u241F';

/** Little words that join tokens ("at 10am", "for 4 hours"): left over, they say nothing. */
const FILLER = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'the',
  'to',
  'with',
  '&',
  '+',
  '-',
  '@',
]);

/** True for a joining word ("at", "for") that says nothing by itself. */
export function isFiller(word: string): boolean {
  return FILLER.has(word.toLowerCase());
}

export interface Span {
  index: number;
  length: number;
}

/** A long line of junk is told back in its first few words, not all of them. */
const MAX_NOT_UNDERSTOOD = 20;

export class CharterLine {
  readonly original: string;
  /** The line's UTF-16 units, claimed ones replaced by MASK: a claim costs its own length only. */
  private readonly units: string[];
  private joined: string | undefined;
  private dropped = 0;
  readonly evidence: FieldEvidenceMap = {};
  private readonly said: NotUnderstood[] = [];

  constructor(original: string) {
    this.original = original;
    this.units = original.split('');
    this.joined = original;
  }

  /** What readers still see: the line with every claimed span masked. */
  get text(): string {
    this.joined ??= this.units.join('');
    return this.joined;
  }

  /** Every word not read and value refused, and how many more were left unsaid. */
  get notUnderstood(): NotUnderstood[] {
    if (this.dropped === 0) return this.said;
    return [...this.said, { text: '…', reason: `and ${this.dropped} more not understood` }];
  }

  /** The typed text of a span. */
  slice(span: Span): string {
    return this.original.slice(span.index, span.index + span.length).trim();
  }

  claim(span: Span): void {
    for (let i = span.index; i < span.index + span.length; i += 1) this.units[i] = MASK;
    this.joined = undefined;
  }

  /** Claims a span as the evidence of a field. */
  read(field: BookingFieldName, span: Span, how: FieldEvidence['how']): void {
    this.claim(span);
    this.evidence[field] = { excerpt: excerptOf(this.slice(span)), where: 'command', how };
  }

  /** Claims a span whose value was refused, and says why. */
  refuse(span: Span, reason: string): void {
    this.claim(span);
    if (this.said.length < MAX_NOT_UNDERSTOOD)
      this.said.push({ text: excerptOf(this.slice(span)), reason });
    else this.dropped += 1;
  }

  /** The unclaimed words, each with its span; filler words and bare punctuation or emoji are dropped. */
  leftovers(): (Span & { word: string })[] {
    const out: (Span & { word: string })[] = [];
    for (const m of this.text.matchAll(/[^\s\u241F]+/gu)) {
      const word = m[0].replace(/^[,;:.!?()[\]]+|[,;:.!?()[\]]+$/gu, '');
      if (word === '' || FILLER.has(word.toLowerCase()) || !/[\p{L}\p{N}]/u.test(word)) continue;
      out.push({ word, index: m.index + m[0].indexOf(word), length: word.length });
    }
    return out;
  }
}
