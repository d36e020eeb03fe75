/** The generated corpus: N emails and M `/charter` lines from one seed, the same every run. */
import { type GeneratedCharterLine, renderCharterLine } from './render-charter-line.ts';
import { type GeneratedEmail, renderCorpusEmail } from './render-corpus-email.ts';
import { seededRandom } from './seeded-random.ts';

/** Used when INTAKE_CORPUS_SEED is not set; any failure prints the seed it ran with. */
export const DEFAULT_CORPUS_SEED = 20_271_301;

/** Parse time for generated emails: years and year-less dates come from each email's Date header. */
export const CORPUS_EMAIL_NOW = new Date('2027-01-15T12:00:00Z');
export const CORPUS_EMAIL_ZONE = 'America/New_York';

/** The seed from the environment (decimal), else the default. */
export function corpusSeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env['INTAKE_CORPUS_SEED'];
  if (raw === undefined || raw === '') return DEFAULT_CORPUS_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`INTAKE_CORPUS_SEED must be a whole number >= 0, got ${JSON.stringify(raw)}`);
  }
  return seed;
}

/** Each case draws from its own stream (seed + index), so case 417 renders the same alone. */
export function generateCorpusEmail(seed: number, index: number): GeneratedEmail {
  return renderCorpusEmail(seededRandom(seed * 7919 + index), index);
}

export function generateCorpusLine(seed: number, index: number): GeneratedCharterLine {
  return renderCharterLine(seededRandom(seed * 7919 + 1_000_003 + index));
}

export function generateIntakeCorpus(
  seed: number,
  counts: { emails: number; lines: number },
): { emails: GeneratedEmail[]; lines: GeneratedCharterLine[] } {
  return {
    emails: Array.from({ length: counts.emails }, (_, i) => generateCorpusEmail(seed, i)),
    lines: Array.from({ length: counts.lines }, (_, i) => generateCorpusLine(seed, i)),
  };
}
