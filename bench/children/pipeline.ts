/**
 * Pipeline time, approval → every step done, one booking at a time, on the pipeline harness
 * (embedded stores, built-in calendar and SCC services over HTTP on loopback). Every external
 * call (calendar and SCC over fetch, every S3 command) waits `latencyMs` first, through the
 * harness's hooks. Runs at 0 ms and at the injected latency alternate, so both see the same
 * machine. Every external call is traced (start, end) to check the critical path.
 */
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { startHarness } from '../../test/support/pipeline-harness.ts';
import { serveRpc } from '../lib/rpc.ts';
import { sleep } from '../lib/stats.ts';

export interface TracedCall {
  kind: string;
  start: number;
  end: number;
}

export interface PipelineRun {
  latencyMs: number;
  bookingId: string;
  /** runPipeline, from the approved booking to every step done (ms). */
  totalMs: number;
  /** Each step's start and end, ms from the run's start, from the pipeline's own events. */
  steps: Record<string, { start: number; end: number }>;
  calls: TracedCall[];
  complete: boolean;
}

const h = await startHarness();
let latency = 0;
let trace: TracedCall[] | undefined;
const now = () => performance.now();

h.setFetchHook(async (url, init) => {
  const start = now();
  if (latency > 0) await sleep(latency);
  const response = await fetch(url, init);
  const path = new URL(url).pathname;
  trace?.push({ kind: path.startsWith('/dashboard') ? 'calendar' : 'scc', start, end: now() });
  return response;
});
h.setS3Hook(async () => {
  if (latency > 0) await sleep(latency);
});
// Outside the harness's hook (added first, so it wraps it): the whole S3 call, hook included.
h.runtime.clients.s3.middlewareStack.add(
  (next, context) => async (args) => {
    const start = now();
    try {
      return await next(args);
    } finally {
      trace?.push({ kind: `s3:${context.commandName ?? ''}`, start, end: now() });
    }
  },
  { step: 'initialize', name: 'benchTrace', priority: 'high' },
);

const stepEvents = new Map<string, { type: string; step?: string; at: number }[]>();
h.runtime.subscribe((_tenant, bookingId, event) => {
  const list = stepEvents.get(bookingId) ?? [];
  list.push({ type: event.type, ...(event.step ? { step: event.step } : {}), at: Date.now() });
  stepEvents.set(bookingId, list);
});

let serial = 0;
function bookingText(): string {
  serial += 1;
  const day = new Date(Date.UTC(2027, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
  return `${day} 10am 3h $900 for Guest Number${serial} party of 4`;
}

async function once(latencyMs: number): Promise<PipelineRun> {
  const bookingId = await h.book(bookingText());
  latency = latencyMs;
  trace = [];
  const wallStart = Date.now();
  const start = now();
  const outcome = await runPipeline(h.tenant, bookingId, h.runtime.deps);
  const totalMs = now() - start;
  const calls = trace.map((c) => ({ ...c, start: c.start - start, end: c.end - start }));
  trace = undefined;
  latency = 0;
  const steps: PipelineRun['steps'] = {};
  for (const e of stepEvents.get(bookingId) ?? []) {
    if (!e.step) continue;
    const entry = steps[e.step] ?? { start: Number.NaN, end: Number.NaN };
    if (e.type === 'step_started') entry.start = e.at - wallStart;
    if (e.type === 'step_done' || e.type === 'step_failed') entry.end = e.at - wallStart;
    steps[e.step] = entry;
  }
  return { latencyMs, bookingId, totalMs, steps, calls, complete: outcome.complete };
}

serveRpc(
  {
    /** Alternates 0 ms and `latencyMs` runs, `reps` of each after `warmup` of each. */
    async measure(params: unknown) {
      const { latencyMs, reps, warmup } = params as {
        latencyMs: number;
        reps: number;
        warmup: number;
      };
      for (let i = 0; i < warmup; i += 1) {
        await once(0);
        await once(latencyMs);
      }
      const runs: PipelineRun[] = [];
      for (let i = 0; i < reps; i += 1) {
        const order = i % 2 === 0 ? [0, latencyMs] : [latencyMs, 0];
        for (const l of order) runs.push(await once(l));
      }
      return runs;
    },
  },
  () => h.close(),
);
