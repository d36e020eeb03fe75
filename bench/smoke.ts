/**
 * `npm run bench:smoke` (run by .ci/run after the tests): a short run of the benchmark's own
 * code paths — the three acknowledgements against the ack-only Bolt app, and bookings through
 * the pipeline — failing only on a gross regression, so a noisy machine never fails CI while a
 * real slowdown does. Every check is a ratio of CPU time to a baseline measured in the same run
 * (CPU, not latency: on a shared machine waiting varies far more than work), with a limit
 * several times its target, or several times today's figure where the target is not met yet
 * (bench/README.md, "Smoke run"). `--inject-slowdown` burns 20 ms of CPU in every request the
 * app handles and 1 s per booking (DECKHAND_SMOKE_SLOWDOWN_MS
 * and DECKHAND_SMOKE_PIPELINE_SLOWDOWN_MS, read only by the children the smoke starts) — each
 * check's figure several times over — and must fail: the smoke's self-test.
 */
import './lib/quiet.ts';
import type { AckServerInfo, RecordedRequest } from './children/ack-server.ts';
import { killChildren, startChild } from './lib/child.ts';
import { cpuMs } from './lib/cpu.ts';
import { runLoad } from './lib/load.ts';
import { judgeSmoke, SMOKE_LIMITS, type SmokeFigure } from './lib/smoke-verdict.ts';

const inject = process.argv.includes('--inject-slowdown');
if (inject) {
  process.env.DECKHAND_SMOKE_SLOWDOWN_MS = '20';
  process.env.DECKHAND_SMOKE_PIPELINE_SLOWDOWN_MS = '1000';
}
const started = performance.now();
const log = (line: string) =>
  process.stderr.write(`[smoke ${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
const watchdog = setTimeout(() => {
  // A machine too busy to finish in time is not a regression: warn, and let CI go on.
  log('WARNING: over 240 s, stopped without a verdict (the machine is too busy to tell)');
  killChildren();
  process.exit(0);
}, 240_000);

const CHECK = {
  command: (s: number, b: string) => s === 200 && b.includes('"response_type":"ephemeral"'),
  action: (s: number, b: string) => s === 200 && b === '',
  view: (s: number, b: string) => s === 200 && b.includes('"response_action":"errors"'),
} as const;
const BASE_CHECK = (s: number, b: string) => s === 200 && b === '';

async function acks(): Promise<SmokeFigure[]> {
  const real = await startChild('ack-server', ['real']);
  const base = await startChild('ack-server', ['baseline']);
  try {
    const info = await real.call<AckServerInfo>('setup');
    const baseInfo = await base.call<AckServerInfo>('setup');
    const requests = info.requests as Record<keyof typeof CHECK, RecordedRequest>;
    const figures: SmokeFigure[] = [];
    for (const kind of ['command', 'action', 'view'] as const) {
      const cpu = { real: 0, baseline: 0 };
      let errors = 0;
      for (let round = 0; round < 3; round += 1) {
        for (const side of round % 2
          ? (['real', 'baseline'] as const)
          : (['baseline', 'real'] as const)) {
          const child = side === 'real' ? real : base;
          const target = side === 'real' ? info : baseInfo;
          const before = cpuMs(child.pid);
          const r = await runLoad({
            url: target.url,
            secret: target.secret,
            contentType: requests[kind].contentType,
            body: requests[kind].body,
            count: 100,
            concurrency: 10,
            check: side === 'real' ? CHECK[kind] : BASE_CHECK,
          });
          await child.call('idle');
          // The first round warms both apps up and is not counted.
          if (round > 0) cpu[side] += cpuMs(child.pid) - before;
          if (side === 'real') errors += r.errors;
        }
      }
      figures.push({ check: `ack.${kind}`, ratio: cpu.real / cpu.baseline, errors });
      log(
        `ack ${kind}: CPU ${cpu.real} vs ${cpu.baseline} ms (ratio ${(cpu.real / cpu.baseline).toFixed(2)}), ${errors} errors`,
      );
    }
    return figures;
  } finally {
    await Promise.all([real.close(), base.close()]);
  }
}

async function pipeline(): Promise<SmokeFigure[]> {
  const child = await startChild('smoke-pipeline');
  try {
    const r = await child.call<{ perBookingMs: number; perReferenceMs: number }>(
      'measure',
      { bookings: 8, references: 300 },
      230_000,
    );
    const ratio = r.perBookingMs / r.perReferenceMs;
    log(
      `pipeline: ${r.perBookingMs.toFixed(1)} ms CPU per booking, ${r.perReferenceMs.toFixed(2)} per reference request (ratio ${ratio.toFixed(0)})`,
    );
    return [{ check: 'pipeline.cpuPerBooking', ratio, errors: 0 }];
  } finally {
    await child.close();
  }
}

// Side by side: each check is a ratio of CPU times, which sharing the machine barely moves.
const figures = await Promise.all([pipeline(), acks()]).then(
  (all) => all.flat(),
  (error: unknown) => {
    log(`the smoke run failed (not a verdict on performance): ${String(error)}`);
    killChildren();
    process.exit(2);
  },
);
clearTimeout(watchdog);
const verdict = judgeSmoke(figures);
for (const line of verdict.lines) log(line);
log(
  `${verdict.ok ? 'passed' : 'FAILED: a gross regression'}${inject ? ' (with the injected slowdown)' : ''}; limits in bench/lib/smoke-verdict.ts (${Object.keys(SMOKE_LIMITS).length} checks)`,
);
process.exit(verdict.ok ? 0 : 1);
