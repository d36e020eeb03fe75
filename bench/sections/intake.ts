/** 4. Intake parsing over the `.eml` corpus: emails per second (median per email), the slowest. */
import { startChild } from '../lib/child.ts';
import { round } from '../lib/stats.ts';

interface PerEmail {
  name: string;
  medianMs: number;
}

export async function measureIntake(warmup: number, reps: number) {
  const child = await startChild('intake');
  try {
    const r = await child.call<{
      emails: number;
      kinds: Record<string, string>;
      deckhand: PerEmail[];
      baseline: PerEmail[];
    }>('measure', { warmup, reps });
    const rate = (xs: PerEmail[]) => r.emails / (xs.reduce((a, x) => a + x.medianMs, 0) / 1000);
    const slowest = (xs: PerEmail[]) => xs.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    const deckhandRate = rate(r.deckhand);
    const baselineRate = rate(r.baseline);
    const slow = slowest(r.deckhand);
    return {
      emails: r.emails,
      reps,
      emailsPerSecond: round(deckhandRate),
      baselineEmailsPerSecond: round(baselineRate),
      ratio: Math.round((deckhandRate / baselineRate) * 100) / 100,
      slowest: { name: slow.name, medianMs: round(slow.medianMs) },
      slowestBaseline: (() => {
        const b = slowest(r.baseline);
        return { name: b.name, medianMs: round(b.medianMs) };
      })(),
      baselineOfSlowest: round(
        r.baseline.find((b) => b.name === slow.name)?.medianMs ?? Number.NaN,
      ),
      perEmailMedianMs: Object.fromEntries(
        r.deckhand.map((d) => [
          d.name,
          {
            deckhand: round(d.medianMs),
            postalMime: round(r.baseline.find((b) => b.name === d.name)?.medianMs ?? Number.NaN),
            kind: r.kinds[d.name],
          },
        ]),
      ),
    };
  } finally {
    await child.close();
  }
}
