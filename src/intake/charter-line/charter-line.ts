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
const MASK = '\u241F';

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

export interface Span {
  index: number;
  length: number;
}

export class CharterLine {
  /** The line with every claimed span replaced by MASK characters. */
  private masked: string;
  readonly evidence: FieldEvidenceMap = {};
  readonly notUnderstood: NotUnderstood[] = [];

  constructor(readonly original: string) {
    this.masked = original;
  }

  /** What readers still see. */
  get text(): string {
    return this.masked;
  }

  /** The typed text of a span. */
  slice(span: Span): string {
    return this.original.slice(span.index, span.index + span.length).trim();
  }

  claim(span: Span): void {
    this.masked =
      this.masked.slice(0, span.index) +
      MASK.repeat(span.length) +
      this.masked.slice(span.index + span.length);
  }

  /** Claims a span as the evidence of a field. */
  read(field: BookingFieldName, span: Span, how: FieldEvidence['how']): void {
    this.claim(span);
    this.evidence[field] = { excerpt: excerptOf(this.slice(span)), where: 'command', how };
  }

  /** Claims a span whose value was refused, and says why. */
  refuse(span: Span, reason: string): void {
    this.claim(span);
    this.notUnderstood.push({ text: excerptOf(this.slice(span)), reason });
  }

  /** The unclaimed words, each with its span; filler words and bare punctuation or emoji are dropped. */
  leftovers(): (Span & { word: string })[] {
    const out: (Span & { word: string })[] = [];
    for (const m of this.masked.matchAll(/[^\s\u241F]+/gu)) {
      const word = m[0].replace(/^[,;:.!?()[\]]+|[,;:.!?()[\]]+$/gu, '');
      if (word === '' || FILLER.has(word.toLowerCase()) || !/[\p{L}\p{N}]/u.test(word)) continue;
      out.push({ word, index: m.index + m[0].indexOf(word), length: word.length });
    }
    return out;
  }
}
