/**
 * Intake parsing speed over the `.eml` fixture corpus: each email parsed `reps` times after a
 * warm-up, median per email. Baseline: postal-mime's MIME parse alone of the same bytes (the
 * decoding every email needs before deckhand reads a field), measured the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PostalMime from 'postal-mime';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { serveRpc } from '../lib/rpc.ts';
import { median } from '../lib/stats.ts';

const dir = fileURLToPath(new URL('../../test/fixtures/emails/', import.meta.url));
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}${name}`)) }));

const options = { now: new Date('2026-11-26T15:00:00Z'), timeZone: 'America/Los_Angeles' };

async function timeEach(
  work: (bytes: Uint8Array) => Promise<unknown>,
  warmup: number,
  reps: number,
): Promise<{ name: string; medianMs: number }[]> {
  for (let i = 0; i < warmup; i += 1) for (const e of corpus) await work(e.bytes);
  const samples = new Map<string, number[]>(corpus.map((e) => [e.name, []]));
  // Round-robin over the corpus, so a noisy moment spreads over all emails, not one.
  for (let i = 0; i < reps; i += 1) {
    for (const e of corpus) {
      const t = performance.now();
      await work(e.bytes);
      samples.get(e.name)?.push(performance.now() - t);
    }
  }
  return corpus.map((e) => ({ name: e.name, medianMs: median(samples.get(e.name) ?? []) }));
}

serveRpc({
  async measure(params: unknown) {
    const { warmup, reps } = params as { warmup: number; reps: number };
    const kinds = new Map<string, string>();
    for (const e of corpus) kinds.set(e.name, (await parseIntake(e.bytes, options)).kind);
    const deckhand = await timeEach((b) => parseIntake(b, options), warmup, reps);
    const baseline = await timeEach((b) => PostalMime.parse(b), warmup, reps);
    return { emails: corpus.length, kinds: Object.fromEntries(kinds), deckhand, baseline };
  },
});
