/**
 * 2a. Pipeline time with every external call (calendar, SCC, S3) given the same injected
 * latency, against the critical-path lower bound (see bench/README.md for its definition).
 */

import type { StepName } from '../../src/pipeline/pipeline-step.ts';
import { PIPELINE_STEPS } from '../../src/pipeline/steps/index.ts';
import type { PipelineRun, TracedCall } from '../children/pipeline.ts';
import { startChild } from '../lib/child.ts';
import { median, round } from '../lib/stats.ts';

/**
 * How many external calls each step makes one after another (calls made at the same time count
 * once), with the built-in calendar and SCC: guest_page puts the page and its .ics at once;
 * revenue_scrub and crew_notify touch only deckhand's own table (the built-in SCC's record is
 * deckhand's; crew email goes to the outbox folder).
 */
export const SEQUENTIAL_EXTERNAL_CALLS: Record<StepName, number> = {
  guest_page: 1,
  crew_page: 1,
  calendar_entry: 1,
  crew_event: 1,
  revenue_scrub: 0,
  crew_notify: 0,
};

/** The longest chain of sequential external calls through the steps' dependencies. */
export function criticalDepth(): { depth: number; chain: StepName[] } {
  const memo = new Map<StepName, { depth: number; chain: StepName[] }>();
  const visit = (name: StepName): { depth: number; chain: StepName[] } => {
    const known = memo.get(name);
    if (known) return known;
    const step = PIPELINE_STEPS.find((s) => s.name === name);
    let best = { depth: 0, chain: [] as StepName[] };
    for (const dep of step?.dependsOn ?? []) {
      const d = visit(dep);
      if (d.depth > best.depth) best = d;
    }
    const result = {
      depth: best.depth + SEQUENTIAL_EXTERNAL_CALLS[name],
      chain: [...best.chain, name],
    };
    memo.set(name, result);
    return result;
  };
  return PIPELINE_STEPS.map((s) => visit(s.name)).reduce((a, b) => (b.depth > a.depth ? b : a));
}

/** Longest run of traced calls in which each starts after the one before it ended. */
export function observedDepth(calls: readonly TracedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  sorted.forEach((call, i) => {
    let best = 0;
    for (let j = 0; j < i; j += 1)
      if ((sorted[j] as TracedCall).end <= call.start) best = Math.max(best, depth[j] as number);
    depth.push(best + 1);
  });
  return Math.max(0, ...depth);
}

export async function measurePipeline(latencyMs: number, reps: number, warmup: number) {
  const child = await startChild('pipeline');
  try {
    const runs = await child.call<PipelineRun[]>('measure', { latencyMs, reps, warmup });
    const at = (l: number) => runs.filter((r) => r.latencyMs === l);
    const slow = at(latencyMs);
    const fast = at(0);
    const { depth, chain } = criticalDepth();
    const t0 = median(fast.map((r) => r.totalMs));
    const tL = median(slow.map((r) => r.totalMs));
    const lowerBound = depth * latencyMs + t0;
    const stepMedians = (rs: PipelineRun[]) =>
      Object.fromEntries(
        PIPELINE_STEPS.map((s) => [
          s.name,
          {
            start: round(median(rs.map((r) => r.steps[s.name]?.start ?? Number.NaN))),
            end: round(median(rs.map((r) => r.steps[s.name]?.end ?? Number.NaN))),
          },
        ]),
      );
    return {
      latencyMs,
      reps,
      allComplete: runs.every((r) => r.complete),
      medianMs: round(tL),
      zeroLatencyMedianMs: round(t0),
      criticalChain: chain,
      criticalDepth: depth,
      observedDepths: [...new Set(slow.map((r) => observedDepth(r.calls)))],
      externalCallsPerBooking: [...new Set(slow.map((r) => r.calls.length))],
      lowerBoundMs: round(lowerBound),
      ratio: Math.round((tL / lowerBound) * 100) / 100,
      /** The stricter bound: the pipeline can take no less than its latency chain, nor its work. */
      strictLowerBoundMs: round(Math.max(depth * latencyMs, t0)),
      strictRatio: Math.round((tL / Math.max(depth * latencyMs, t0)) * 100) / 100,
      runsMs: {
        [latencyMs]: slow.map((r) => round(r.totalMs)),
        0: fast.map((r) => round(r.totalMs)),
      },
      stepsMedianMs: { [latencyMs]: stepMedians(slow), 0: stepMedians(fast) },
    };
  } finally {
    await child.close();
  }
}
