/** Where the parser read each field that was not labelled, and the conflicts it resolved. */
import type { KnownBlock } from '@slack/types';
import { describeEvidence } from '../src/intake/describe-evidence.ts';
import type { BookingFieldName, IntakeResult } from '../src/intake/intake-result.ts';
import { BLOCK_IDS } from './block-ids.ts';
import { FIELD_LABELS } from './booking-summary-blocks.ts';
import { mrkdwn, safe } from './slack-format.ts';

/** What the evidence block reads from a parse: the values, their evidence, the conflicts. */
export type IntakeEvidenceSource = Pick<IntakeResult, 'evidence' | 'conflicts' | BookingFieldName>;

/**
 * One context block: an evidence line for every field that was read from a sentence, a
 * link or the subject, worked out or given a year (a labelled value speaks for itself), and
 * a :warning: line per conflict with both candidates. Empty when there is nothing to check.
 * Everything from the message is escaped. The review card and the approval modal both draw
 * it, so the operator reads the same lines on both surfaces.
 */
export function buildIntakeEvidenceBlocks(intake: IntakeEvidenceSource): KnownBlock[] {
  const lines: string[] = [];
  for (const conflict of intake.conflicts ?? []) {
    lines.push(
      `:warning: *${FIELD_LABELS[conflict.field]}:* chose ${safe(String(conflict.chosen), 80)} (${safe(describeEvidence(conflict.chosenEvidence), 200)}) over ${safe(String(conflict.runnerUp), 80)} (${safe(describeEvidence(conflict.runnerUpEvidence), 200)}). ${safe(conflict.rule, 200)}`,
    );
  }
  for (const [field, evidence] of Object.entries(intake.evidence ?? {}) as [
    BookingFieldName,
    NonNullable<IntakeResult['evidence']>[BookingFieldName],
  ][]) {
    if (!evidence || evidence.how === 'labelled' || intake[field] === null) continue;
    lines.push(`*${FIELD_LABELS[field]}:* ${safe(describeEvidence(evidence), 260)}`);
  }
  if (lines.length === 0) return [];
  // A context block takes at most 10 elements; one element per line keeps each readable.
  return [
    {
      type: 'context',
      block_id: BLOCK_IDS.intakeEvidence,
      elements: lines.slice(0, 10).map((line) => mrkdwn(line, 2900)),
    },
  ];
}
