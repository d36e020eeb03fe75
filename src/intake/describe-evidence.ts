/** Evidence in words, for the terminal and Slack: "read from 'Saturday, August 7' in the body". */
import type { FieldEvidence } from './intake-result.ts';

const WHERE_WORDS: Record<FieldEvidence['where'], string> = {
  subject: 'the subject',
  body: 'the body',
  table: 'a table',
  link: 'a link',
  forward_header: 'a forward header',
  command: 'the /charter line',
};
const HOW_WORDS: Record<FieldEvidence['how'], string> = {
  labelled: 'labelled',
  inferred: 'read',
  derived: 'worked out',
  defaulted: 'year filled in',
};

/** "worked out from '10am to 2pm' in the body, line 4". */
export function describeEvidence(evidence: FieldEvidence): string {
  const line = evidence.line === undefined ? '' : `, line ${evidence.line}`;
  return `${HOW_WORDS[evidence.how]} from '${evidence.excerpt}' in ${WHERE_WORDS[evidence.where]}${line}`;
}
