/**
 * 6. Throughput: 200 bookings approved and run at once with 50 ms per external call, in a fresh
 * process; baseline: the same at 0 ms in another fresh process (what the machine can do when
 * nothing waits). RSS of the process is sampled every 100 ms during each run.
 */
import { startChild } from '../lib/child.ts';
import { childPids } from '../lib/cpu.ts';
import { rssMB, sampleRss } from '../lib/rss.ts';
import { percentile, round } from '../lib/stats.ts';

interface ThroughputRun {
  count: number;
  latencyMs: number;
  wallMs: number;
  /** The process and its embedded stores' process together. */
  cpuMs: number;
  storesCpuMs: number;
  perBooking: number[];
  complete: number;
  failedSteps: number;
  unfinished: { byStep: Record<string, number>; errors: string[] };
  externalCalls: number;
  counts: {
    bookingsActive: number;
    calendarEntries: number;
    sccEvents: number;
    guestObjects: number;
    crewObjects: number;
  };
}

async function runOnce(count: number, latencyMs: number) {
  const child = await startChild('throughput');
  try {
    const idleRssMB = rssMB(child.pid);
    const rss = sampleRss(child.pid);
    const storesPid = childPids(child.pid)[0];
    const storesRss = storesPid ? sampleRss(storesPid) : undefined;
    const r = await child.call<ThroughputRun>('run', { count, latencyMs }, 200_000);
    const peak = rss.stop().peakMB;
    const storesPeak = storesRss?.stop().peakMB ?? Number.NaN;
    const expected = {
      calendarEntries: count,
      sccEvents: count,
      guestObjects: 2 * count,
      crewObjects: count,
    };
    return {
      latencyMs,
      count,
      wallMs: round(r.wallMs),
      /** Bookings fully processed (every step done, booking active) per second of the run. */
      bookingsPerSecond: round(r.complete / (r.wallMs / 1000)),
      /** CPU time per booking of the runtime (pipeline, built-in services) and its stores' process. */
      cpuMsPerBooking: round(r.cpuMs / count),
      storesCpuMsPerBooking: round(r.storesCpuMs / count),
      /** Cores used by both processes: near 1 for the runtime alone, its event loop is the limit. */
      cpuUtilisation: round(r.cpuMs / r.wallMs),
      perBookingMs: {
        p50: round(percentile(r.perBooking, 50)),
        p99: round(percentile(r.perBooking, 99)),
      },
      complete: r.complete,
      failedSteps: r.failedSteps,
      unfinished: r.unfinished,
      externalCalls: r.externalCalls,
      /** Over 5 per booking: calls repeated after a timeout (the pipeline's retry). */
      repeatedExternalCalls: r.externalCalls - 5 * count,
      counts: r.counts,
      expected,
      exact: Object.entries(expected).every(([k, v]) => r.counts[k as keyof typeof r.counts] === v),
      idleRssMB: round(idleRssMB),
      peakRssMB: round(peak),
      /** The embedded stores' own process (dynalite, s3rver), sampled alongside. */
      storesPeakRssMB: round(storesPeak),
    };
  } finally {
    await child.close();
  }
}

/**
 * The loaded run, then its 0 ms baseline unless `skipBaseline()` says the run is out of time
 * (the whole benchmark must finish within 5 minutes even on a busy machine).
 */
export async function measureThroughput(
  count: number,
  latencyMs: number,
  skipBaseline: () => boolean,
) {
  const loaded = await runOnce(count, latencyMs);
  const baseline = skipBaseline() ? undefined : await runOnce(count, 0);
  return {
    loaded,
    baseline,
    ratio: baseline
      ? Math.round((loaded.bookingsPerSecond / baseline.bookingsPerSecond) * 100) / 100
      : Number.NaN,
  };
}
