/** The smoke bench's verdict (bench/lib/smoke-verdict.ts): only a gross regression fails CI. */
import { describe, expect, it } from 'vitest';
import { judgeSmoke, SMOKE_LIMITS, type SmokeFigure } from '../../bench/lib/smoke-verdict.ts';

const today: SmokeFigure[] = [
  { check: 'pipeline.cpuPerBooking', ratio: 139, errors: 0 },
  { check: 'ack.command', ratio: 1.34, errors: 0 },
  { check: 'ack.action', ratio: 8.65, errors: 0 },
  { check: 'ack.view', ratio: 3.17, errors: 0 },
];

describe('judgeSmoke', () => {
  it("passes today's figures, and figures twice as bad (a noisy machine)", () => {
    expect(judgeSmoke(today).ok).toBe(true);
    expect(judgeSmoke(today.map((f) => ({ ...f, ratio: f.ratio * 2 }))).ok).toBe(true);
  });

  it('fails the figures of the injected slowdown (bench/smoke.ts --inject-slowdown), naming each check', () => {
    const slowed: SmokeFigure[] = [
      { check: 'pipeline.cpuPerBooking', ratio: 700, errors: 0 },
      { check: 'ack.command', ratio: 27.06, errors: 0 },
      { check: 'ack.action', ratio: 40.43, errors: 0 },
      { check: 'ack.view', ratio: 25.47, errors: 0 },
    ];
    const verdict = judgeSmoke(slowed);
    expect(verdict.ok).toBe(false);
    expect(verdict.lines.filter((l) => l.startsWith('FAIL'))).toHaveLength(4);
  });

  it('fails on one check over its limit, on errors and on a ratio that is not a number', () => {
    const over = (check: SmokeFigure['check']) =>
      today.map((f) => (f.check === check ? { ...f, ratio: SMOKE_LIMITS[check].limit * 1.01 } : f));
    for (const check of Object.keys(SMOKE_LIMITS) as SmokeFigure['check'][])
      expect(judgeSmoke(over(check)).ok).toBe(false);
    expect(judgeSmoke([{ ...(today[1] as SmokeFigure), errors: 1 }]).ok).toBe(false);
    expect(judgeSmoke([{ ...(today[1] as SmokeFigure), ratio: Number.NaN }]).ok).toBe(false);
  });

  it('keeps every limit several times its typical figure', () => {
    for (const [check, { limit, today: typical }] of Object.entries(SMOKE_LIMITS)) {
      const high = Number(typical.split('–')[1]);
      expect(limit / high, check).toBeGreaterThanOrEqual(2.2);
    }
  });
});
