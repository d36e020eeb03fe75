/**
 * `npm run intake:report`: how well the parser reads the whole intake corpus (the existing
 * fixtures, the hand-written corpus cases and the generated corpus): per-field accuracy with
 * "wrong non-null" counted apart from "missing", per-kind accuracy and the top confusions.
 * Exits 1 when any wrong non-null date, start, duration, gross or payout exists: a missing
 * value makes a person fill it in, a wrong one goes on the calendar unnoticed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { IntakeResult } from '../src/intake/intake-result.ts';
import { type ParseIntakeOptions, parseIntake } from '../src/intake/parse-intake.ts';
import {
  CORPUS_EMAIL_NOW,
  CORPUS_EMAIL_ZONE,
  corpusSeed,
  generateIntakeCorpus,
} from '../test/support/intake-corpus/generate-intake-corpus.ts';
import {
  criticalFields,
  criticalWrongCount,
  emptyScore,
  type ScoredField,
  scoreCase,
  scoredFields,
} from '../test/support/intake-corpus/score-intake-fields.ts';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures');
// The existing fixtures' tests parse with this now and zone (test/unit/parse-intake-fixtures.test.ts).
const FIXTURE_NOW = new Date('2026-11-26T15:00:00Z');
const FIXTURE_ZONE = 'America/Los_Angeles';
interface ReportCase {
  group: string;
  name: string;
  input: string | Uint8Array;
  options: ParseIntakeOptions;
  /** Only the fields listed are scored (older fixtures state a subset). */
  expected: Partial<Record<ScoredField, unknown>>;
}

function pickFields(raw: Record<string, unknown>): Partial<Record<ScoredField, unknown>> {
  const out: Partial<Record<ScoredField, unknown>> = {};
  for (const field of scoredFields) if (field in raw) out[field] = raw[field];
  return out;
}

function fileCases(
  group: string,
  folder: string,
  extension: string,
  asText: boolean,
): ReportCase[] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension) && !name.endsWith('.expected.json'))
    .sort()
    .map((name) => ({
      group,
      name,
      input: asText ? readFileSync(join(dir, name), 'utf8') : readFileSync(join(dir, name)),
      options: { now: FIXTURE_NOW, timeZone: FIXTURE_ZONE },
      expected: pickFields(
        JSON.parse(
          readFileSync(join(dir, `${name.slice(0, -extension.length)}.expected.json`), 'utf8'),
        ),
      ),
    }));
}

function collectCases(seed: number, emails: number, lines: number): ReportCase[] {
  const cases: ReportCase[] = [
    ...fileCases('fixtures/emails', 'emails', '.eml', false),
    ...fileCases('fixtures/slack', 'slack', '.json', true),
    ...fileCases('fixtures/pasted', 'pasted', '.txt', true),
  ];
  const oldLines = JSON.parse(readFileSync(join(FIXTURES, 'charter-lines.json'), 'utf8')) as {
    text: string;
    expected: Record<string, unknown>;
  }[];
  for (const line of oldLines) {
    cases.push({
      group: 'fixtures/charter-lines',
      name: line.text,
      input: line.text,
      options: { now: FIXTURE_NOW, timeZone: FIXTURE_ZONE, source: 'command' },
      expected: pickFields(line.expected),
    });
  }
  cases.push(
    ...fileCases('corpus/emails', join('intake-corpus', 'emails'), '.eml', false).map((c) => c),
  );
  const corpusLines = JSON.parse(
    readFileSync(join(FIXTURES, 'intake-corpus', 'charter-lines.json'), 'utf8'),
  ) as { text: string; now: string; timeZone: string; expected: Record<string, unknown> }[];
  for (const line of corpusLines) {
    cases.push({
      group: 'corpus/charter-lines',
      name: line.text,
      input: line.text,
      options: { now: new Date(line.now), timeZone: line.timeZone, source: 'command' },
      expected: pickFields(line.expected),
    });
  }
  const generated = generateIntakeCorpus(seed, { emails, lines });
  generated.emails.forEach((email, i) => {
    cases.push({
      group: 'generated/emails',
      name: `email #${i} [${email.traits.join(' ')}]`,
      input: email.raw,
      options: { now: CORPUS_EMAIL_NOW, timeZone: CORPUS_EMAIL_ZONE },
      expected: email.expected,
    });
  });
  generated.lines.forEach((line, i) => {
    cases.push({
      group: 'generated/charter-lines',
      name: `line #${i} ${JSON.stringify(line.text)}`,
      input: line.text,
      options: { now: new Date(line.now), timeZone: line.timeZone, source: 'command' },
      expected: line.expected,
    });
  });
  return cases;
}

function printFailure(
  c: ReportCase,
  got: Record<string, unknown>,
  differing: { field: ScoredField; outcome: string }[],
): void {
  console.log(`\n## ${c.group} ${c.name}`);
  const evidence = (got['evidence'] ?? {}) as Record<string, { excerpt?: string; how?: string }>;
  for (const { field, outcome } of differing) {
    const seen = evidence[field];
    const from = seen ? `  <- ${seen.how} "${seen.excerpt}"` : '';
    console.log(
      `   ${outcome.padEnd(7)} ${field}: want ${JSON.stringify(c.expected[field])} got ${JSON.stringify(got[field])}${from}`,
    );
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      emails: { type: 'string', default: '500' },
      lines: { type: 'string', default: '500' },
      confusions: { type: 'string', default: '25' },
      // `--show corpus/emails` lists each failing case of the groups starting with this,
      // field by field with the evidence the parser gave: the view to fix a rule from.
      show: { type: 'string' },
    },
  });
  const seed = corpusSeed();
  const cases = collectCases(seed, Number(values.emails), Number(values.lines));
  const score = emptyScore();
  const byKind = new Map<string, { cases: number; kindRight: number; allRight: number }>();
  const byGroup = new Map<string, { cases: number; allRight: number; wrong: number }>();
  let errors = 0;

  for (const c of cases) {
    let result: IntakeResult | null = null;
    try {
      result = await parseIntake(c.input, c.options);
    } catch (error) {
      errors += 1;
      console.error(`${c.group} ${c.name}: parseIntake threw ${String(error)}`);
    }
    const got = (result ?? {}) as Record<string, unknown>;
    const differing = scoreCase(score, c.expected, got, `${c.group} ${c.name}`);
    const allRight = differing.length === 0;
    if (values.show !== undefined && c.group.startsWith(values.show) && !allRight)
      printFailure(c, got, differing);
    const anyWrong = differing.some((d) => d.outcome === 'wrong');
    const kind = String(c.expected.kind ?? '(unstated)');
    const k = byKind.get(kind) ?? { cases: 0, kindRight: 0, allRight: 0 };
    k.cases += 1;
    if (got['kind'] === c.expected.kind) k.kindRight += 1;
    if (allRight) k.allRight += 1;
    byKind.set(kind, k);
    const g = byGroup.get(c.group) ?? { cases: 0, allRight: 0, wrong: 0 };
    g.cases += 1;
    if (allRight) g.allRight += 1;
    if (anyWrong) g.wrong += 1;
    byGroup.set(c.group, g);
  }

  const pct = (n: number, d: number): string =>
    d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
  console.log(
    `Intake corpus report: ${cases.length} cases, INTAKE_CORPUS_SEED=${seed}, ${values.emails} generated emails + ${values.lines} lines`,
  );
  if (errors > 0) console.log(`parseIntake threw on ${errors} cases (listed above)`);
  console.log('\nBy source                       cases   all fields right   with a wrong non-null');
  for (const [group, g] of byGroup) {
    console.log(
      `  ${group.padEnd(28)}${String(g.cases).padStart(6)}   ${String(g.allRight).padStart(6)} ${pct(g.allRight, g.cases)}   ${String(g.wrong).padStart(6)}`,
    );
  }
  console.log(
    '\nPer field          scored  accuracy   missing   wrong non-null (of which: value where none stated)',
  );
  for (const [field, t] of score.fields) {
    const flag = criticalFields.includes(field) && t.wrongNonNull > 0 ? '  <- must be 0' : '';
    console.log(
      `  ${field.padEnd(17)}${String(t.scored).padStart(6)}  ${pct(t.correct, t.scored)}  ${String(t.missing).padStart(7)}   ${String(t.wrongNonNull).padStart(7)} (${t.invented})${flag}`,
    );
  }
  console.log('\nPer expected kind   cases   kind right   every field right');
  for (const [kind, k] of byKind) {
    console.log(
      `  ${kind.padEnd(18)}${String(k.cases).padStart(6)}   ${pct(k.kindRight, k.cases)}      ${pct(k.allRight, k.cases)}`,
    );
  }
  console.log(`\nTop confusions (field: expected -> got)`);
  const top = [...score.confusions.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, Number(values.confusions));
  for (const [key, { count, example }] of top) {
    console.log(`  ${String(count).padStart(5)}  ${key}\n         e.g. ${example.slice(0, 110)}`);
  }
  const criticalWrong = criticalWrongCount(score);
  if (criticalWrong > 0 || errors > 0) {
    console.log(
      `\nFAIL: ${criticalWrong} wrong non-null values in ${criticalFields.join(', ')}; this must be 0.`,
    );
    return 1;
  }
  console.log(`\nOK: no wrong non-null value in ${criticalFields.join(', ')}.`);
  return 0;
}

process.exitCode = await main();
