/**
 * CPU per booking, whole pipeline on embedded stores: `count` bookings approved and run
 * (at most `DECKHAND_PIPELINE_CONCURRENCY` at once, as in production), after `warmup` more.
 * Prints process CPU time per booking (`process.cpuUsage`, repeatable on a shared machine where
 * wall time is not). With a file, also a V8 CPU profile of the measured bookings only
 * (summarise it with `top.ts`):
 *   node --import tsx bench/profile/pipeline-cpu.ts 60 /tmp/pipeline.cpuprofile
 */
import '../lib/quiet.ts';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { startHarness } from '../../test/support/pipeline-harness.ts';
import { childPids, cpuMs } from '../lib/cpu.ts';

export async function cpuPerBooking(
  count: number,
  warmup: number,
  options: { concurrency?: number; profileFile?: string } = {},
) {
  const concurrency = options.concurrency ?? 8;
  const h = await startHarness();
  try {
    let day = 0;
    const one = async () => {
      day += 1;
      const date = new Date(Date.UTC(2027, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const id = await h.book(`${date} 10am 3h $900 for Avery Sampleton party of 4`);
      const outcome = await runPipeline(h.tenant, id, h.runtime.deps);
      if (!outcome.complete) throw new Error(`booking ${id} not complete`);
    };
    const batch = async (n: number) => {
      let left = n;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left > 0) {
            left -= 1;
            await one();
          }
        }),
      );
    };
    await batch(warmup);
    const session = options.profileFile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    // The embedded stores run in a child process of their own: their CPU counts too.
    const stores = childPids();
    const storesBefore = stores.reduce((n, pid) => n + cpuMs(pid), 0);
    const before = process.cpuUsage();
    const t = performance.now();
    await batch(count);
    const cpu = process.cpuUsage(before);
    const storesMs = stores.reduce((n, pid) => n + cpuMs(pid), 0) - storesBefore;
    if (session && options.profileFile) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(options.profileFile, JSON.stringify(profile));
      session.disconnect();
    }
    return {
      count,
      /** This process and the stores' process together. */
      cpuMsPerBooking: ((cpu.user + cpu.system) / 1000 + storesMs) / count,
      appCpuMsPerBooking: (cpu.user + cpu.system) / 1000 / count,
      storesCpuMsPerBooking: storesMs / count,
      wallMsPerBooking: (performance.now() - t) / count,
    };
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 60);
  const file = process.argv[3];
  const r = await cpuPerBooking(count, 10, file ? { profileFile: file } : {});
  process.stdout.write(
    `${r.count} bookings: ${r.cpuMsPerBooking.toFixed(1)} ms CPU per booking (app ${r.appCpuMsPerBooking.toFixed(1)}, stores' process ${r.storesCpuMsPerBooking.toFixed(1)}), ${r.wallMsPerBooking.toFixed(1)} ms wall\n`,
  );
}
