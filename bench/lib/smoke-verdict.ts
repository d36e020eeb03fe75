/**
 * The smoke bench's limits and verdict (bench/smoke.ts). Each limit is a ratio to a baseline
 * measured in the same run, several times its target, or — where issue 17's target is not met
 * yet — several times today's figure (bench/README.md, "Smoke run"), so only a gross regression
 * fails.
 */
export interface SmokeFigure {
  check: keyof typeof SMOKE_LIMITS;
  ratio: number;
  errors: number;
}

export const SMOKE_LIMITS = {
  /** CPU per booking ÷ CPU per reference DynamoDB request: 100–140 today (73 requests a booking; 8 bookings vary). */
  'pipeline.cpuPerBooking': { limit: 350, today: '100–140' },
  /** Server CPU per request ÷ the ack-only Bolt app's: target ≤ 1.2×, 5× that. */
  'ack.command': { limit: 6, today: '1.3–1.8' },
  /** Dismiss (a write, a read and an ephemeral post after the ack): not met, ~3× today's. */
  'ack.action': { limit: 30, today: '8–11' },
  /** Invalid submission (a read before the answer): not met, ~3× today's. */
  'ack.view': { limit: 15, today: '3–5' },
} as const;

export function judgeSmoke(figures: readonly SmokeFigure[]): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const f of figures) {
    const { limit, today } = SMOKE_LIMITS[f.check];
    const bad = !Number.isFinite(f.ratio) || f.ratio > limit || f.errors > 0;
    if (bad) ok = false;
    lines.push(
      `${bad ? 'FAIL' : 'ok  '} ${f.check}: ${f.ratio.toFixed(2)}× (limit ${limit}×, typical ${today}×)${f.errors > 0 ? `, ${f.errors} errors` : ''}`,
    );
  }
  return { ok, lines };
}
