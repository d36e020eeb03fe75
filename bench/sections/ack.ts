/**
 * 1. Acknowledgement latency: signed `/charter help`, a Dismiss click on an unknown draft and an
 * invalid approval-modal submission, 20 concurrent clients (closed loop: each sends its next
 * request when the previous answer arrives), against deckhand's app and a minimal ack-only Bolt
 * app on the same receiver and server. Both run in their own processes; the load comes from
 * this one. Each kind runs in rounds that alternate which app goes first.
 */
import type { AckServerInfo, RecordedRequest } from '../children/ack-server.ts';
import { startChild } from '../lib/child.ts';
import { cpuMs } from '../lib/cpu.ts';
import { type LoadResult, runLoad, runSteady } from '../lib/load.ts';
import { ms, type Row, times } from '../lib/report.ts';
import type { LoopStats } from '../lib/rpc.ts';
import { sampleRss } from '../lib/rss.ts';
import { median, percentile, round, summary } from '../lib/stats.ts';

const CONCURRENCY = 20;
const WARMUP = 300;
const ROUNDS = 6;
const PER_ROUND = 300;
/** The open-loop check: a steady rate, well under either app's capacity. */
const STEADY_RATE = 200;
const STEADY_COUNT = 400;

export type Kind = 'command' | 'action' | 'view';
const LABEL: Record<Kind, string> = {
  command: '`/charter help`',
  action: 'block action (Dismiss, unknown draft)',
  view: 'view submission (invalid → inline errors)',
};

/** What each app must answer; anything else counts as an error. */
const CHECKS: Record<
  'real' | 'baseline',
  Record<Kind, (status: number, body: string) => boolean>
> = {
  real: {
    command: (s, b) => s === 200 && b.includes('"response_type":"ephemeral"'),
    action: (s, b) => s === 200 && b === '',
    view: (s, b) =>
      s === 200 && b.includes('"response_action":"errors"') && b.includes('approval_party_size'),
  },
  baseline: {
    command: (s, b) => s === 200 && b === '',
    action: (s, b) => s === 200 && b === '',
    view: (s, b) => s === 200 && b === '',
  },
};

type AppStats = ReturnType<typeof summary> & {
  errors: number;
  errorSamples: string[];
  requestsPerSecond: number;
};

export interface AckKindResult {
  real: AppStats;
  baseline: AppStats;
  /** Median over rounds of (deckhand p99 / baseline p99 in the same round): the verdict. */
  p99Ratio: number;
  roundP99Ratios: number[];
  /** p99 of all deckhand samples over p99 of all baseline samples. */
  pooledP99Ratio: number;
  p50Ratio: number;
  /**
   * CPU time the server process spent per request in the closed-loop rounds, work after the
   * acknowledgement included (from /proc/<pid>/stat, 10 ms resolution over ~2 s of work).
   */
  cpuMsPerRequest: { real: number; baseline: number };
  /** Each server's event-loop delay and GC pauses over the closed-loop rounds. */
  loop: { real: LoopStats; baseline: LoopStats };
  /** Peak RSS of each process while this kind ran. */
  realPeakRssMB: number;
  baselinePeakRssMB: number;
  /** Open loop at STEADY_RATE requests/s: latency from each request's scheduled time. */
  steady: {
    ratePerSecond: number;
    real: AppStats;
    baseline: AppStats;
    p99Ratio: number;
  };
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export async function measureAck(log: (s: string) => void) {
  const real = await startChild('ack-server', ['real']);
  const base = await startChild('ack-server', ['baseline']);
  try {
    const realInfo = await real.call<AckServerInfo>('setup');
    const baseInfo = await base.call<AckServerInfo>('setup');
    const requests = realInfo.requests as Record<Kind, RecordedRequest>;
    const apps = {
      real: { child: real, info: realInfo },
      baseline: { child: base, info: baseInfo },
    };
    let total = 0;
    const peaks = { real: 0, baseline: 0 };
    const cpu = { real: 0, baseline: 0 };
    const run = async (
      app: 'real' | 'baseline',
      kind: Kind,
      count: number,
      steady = false,
    ): Promise<LoadResult> => {
      const spec = {
        url: apps[app].info.url,
        secret: apps[app].info.secret,
        contentType: requests[kind].contentType,
        body: requests[kind].body,
        count,
        check: CHECKS[app][kind],
      };
      const rss = sampleRss(apps[app].child.pid);
      const cpuBefore = cpuMs(apps[app].child.pid);
      const r = steady
        ? await runSteady({ ...spec, ratePerSecond: STEADY_RATE })
        : await runLoad({ ...spec, concurrency: CONCURRENCY });
      // Work a listener does after its acknowledgement finishes before the next batch.
      await apps[app].child.call('idle');
      peaks[app] = Math.max(peaks[app], rss.stop().peakMB);
      if (!steady) cpu[app] += cpuMs(apps[app].child.pid) - cpuBefore;
      total += count;
      return r;
    };
    const pack = (rs: LoadResult[]): AppStats => {
      const latencies = rs.flatMap((r) => r.latencies);
      const errors = rs.reduce((n, r) => n + r.errors, 0);
      return {
        ...summary(latencies),
        errors,
        errorSamples: rs.flatMap((r) => r.errorSamples).slice(0, 5),
        requestsPerSecond: round(
          (latencies.length + errors) / (rs.reduce((n, r) => n + r.wallMs, 0) / 1000),
        ),
      };
    };
    const kinds = {} as Record<Kind, AckKindResult>;
    for (const kind of ['command', 'action', 'view'] as const) {
      peaks.real = 0;
      peaks.baseline = 0;
      // Warm both apps up on this kind right before it is measured.
      for (const app of ['baseline', 'real'] as const) await run(app, kind, WARMUP);
      cpu.real = 0;
      cpu.baseline = 0;
      await Promise.all([real.call('loopStatsStart'), base.call('loopStatsStart')]);
      const closed = { real: [] as LoadResult[], baseline: [] as LoadResult[] };
      const roundRatios: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const order =
          round % 2 === 0 ? (['baseline', 'real'] as const) : (['real', 'baseline'] as const);
        for (const app of order) closed[app].push(await run(app, kind, PER_ROUND));
        const p99 = (app: 'real' | 'baseline') =>
          percentile((closed[app].at(-1) as LoadResult).latencies, 99);
        roundRatios.push(r2(p99('real') / p99('baseline')));
      }
      const [realLoop, baseLoop] = await Promise.all([
        real.call<LoopStats>('loopStatsStop'),
        base.call<LoopStats>('loopStatsStop'),
      ]);
      const steady = {
        baseline: await run('baseline', kind, STEADY_COUNT, true),
        real: await run('real', kind, STEADY_COUNT, true),
      };
      const all = (app: 'real' | 'baseline') => closed[app].flatMap((r) => r.latencies);
      const k: AckKindResult = {
        real: pack(closed.real),
        baseline: pack(closed.baseline),
        p99Ratio: r2(median(roundRatios)),
        roundP99Ratios: roundRatios,
        pooledP99Ratio: r2(percentile(all('real'), 99) / percentile(all('baseline'), 99)),
        p50Ratio: r2(percentile(all('real'), 50) / percentile(all('baseline'), 50)),
        cpuMsPerRequest: {
          real: round(cpu.real / (ROUNDS * PER_ROUND)),
          baseline: round(cpu.baseline / (ROUNDS * PER_ROUND)),
        },
        loop: { real: realLoop, baseline: baseLoop },
        realPeakRssMB: round(peaks.real),
        baselinePeakRssMB: round(peaks.baseline),
        steady: {
          ratePerSecond: STEADY_RATE,
          real: pack([steady.real]),
          baseline: pack([steady.baseline]),
          p99Ratio: r2(
            percentile(steady.real.latencies, 99) / percentile(steady.baseline.latencies, 99),
          ),
        },
      };
      kinds[kind] = k;
      log(
        `  ${kind}: deckhand p50 ${k.real.p50} p99 ${k.real.p99} ms, ${k.real.errors} errors; baseline p50 ${k.baseline.p50} p99 ${k.baseline.p99} ms; p99 ratio (median of rounds) ${k.p99Ratio}; steady ${STEADY_RATE}/s p99 ${k.steady.real.p99} vs ${k.steady.baseline.p99} ms; CPU/request ${k.cpuMsPerRequest.real} vs ${k.cpuMsPerRequest.baseline} ms; longest GC pause ${k.loop.real.gcMaxMs} vs ${k.loop.baseline.gcMaxMs} ms`,
      );
    }
    const rows: Row[] = (['command', 'action', 'view'] as const).flatMap((kind) => {
      const k = kinds[kind];
      return [
        {
          metric: `Ack p99, ${LABEL[kind]}`,
          measured: ms(k.real.p99),
          baseline: ms(k.baseline.p99),
          ratio: `${times(k.p99Ratio)} (rounds ${times(Math.min(...k.roundP99Ratios))}–${times(Math.max(...k.roundP99Ratios))})`,
          target: '≤ 1.2× baseline and < 100 ms',
          met: k.p99Ratio <= 1.2 && k.real.p99 < 100,
        },
        {
          metric: `Ack p50 and errors, ${LABEL[kind]}`,
          measured: `${ms(k.real.p50)}, ${k.real.errors} errors`,
          baseline: `${ms(k.baseline.p50)}, ${k.baseline.errors} errors`,
          ratio: times(k.p50Ratio),
          target: '≤ 1.2× baseline, < 100 ms, 0 errors',
          met: k.p50Ratio <= 1.2 && k.real.p50 < 100 && k.real.errors === 0,
        },
        {
          metric: `Ack p99 at a steady ${k.steady.ratePerSecond} requests/s (open loop), ${LABEL[kind]}`,
          measured: `${ms(k.steady.real.p99)}, ${k.steady.real.errors} errors`,
          baseline: `${ms(k.steady.baseline.p99)}, ${k.steady.baseline.errors} errors`,
          ratio: times(k.steady.p99Ratio),
          target: '—',
          met: null,
        },
      ];
    });
    return {
      result: {
        requestsTotal: total,
        concurrency: CONCURRENCY,
        warmupPerKindPerApp: WARMUP,
        rounds: ROUNDS,
        perRound: PER_ROUND,
        steadyRatePerSecond: STEADY_RATE,
        steadyCount: STEADY_COUNT,
        kinds,
      },
      rows,
    };
  } finally {
    await Promise.all([real.close(), base.close()]);
  }
}
