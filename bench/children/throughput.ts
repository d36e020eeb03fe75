/**
 * Throughput: `count` bookings approved and run all at once on one fresh pipeline harness
 * (embedded stores, built-in calendar and SCC services), each external call (calendar, SCC,
 * every S3 command) given `latencyMs` through the harness's hooks. Then every side effect is
 * counted exactly: calendar entries, SCC events, guest and crew objects, bookings active.
 * The parent samples this process's RSS while it runs.
 */
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { startHarness } from '../../test/support/pipeline-harness.ts';
import { scanEntity } from '../../test/support/scan-entity.ts';
import { childPids, cpuMs } from '../lib/cpu.ts';
import { serveRpc } from '../lib/rpc.ts';
import { sleep } from '../lib/stats.ts';

const h = await startHarness();
let latency = 0;
let externalCalls = 0;
h.setFetchHook(async () => {
  externalCalls += 1;
  if (latency > 0) await sleep(latency);
  return undefined;
});
h.setS3Hook(async () => {
  externalCalls += 1;
  if (latency > 0) await sleep(latency);
});

/** Paginated: one Scan page stops at 1 MB, and 200 bookings' items are more than that. */
async function countEntity(entity: string): Promise<number> {
  return (await scanEntity(h.runtime.clients.doc, h.runtime.config.tableName, entity)).length;
}

async function countKeys(prefix: string): Promise<number> {
  return (await h.runtime.deps.objects.list(h.tenant.bucket, prefix)).length;
}

serveRpc(
  {
    async run(params: unknown) {
      const { count, latencyMs } = params as { count: number; latencyMs: number };
      latency = latencyMs;
      externalCalls = 0;
      const perBooking: number[] = [];
      // The embedded stores run in a child process of their own: their CPU is the booking's too.
      const stores = childPids();
      const storesCpu = () => stores.reduce((n, pid) => n + cpuMs(pid), 0);
      const storesBefore = storesCpu();
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const t = performance.now();
          const day = new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
          const bookingId = await h.book(`${day} 10am 3h $900 for Avery Sampleton party of 4`);
          const outcome = await runPipeline(h.tenant, bookingId, h.runtime.deps);
          perBooking.push(performance.now() - t);
          return outcome;
        }),
      );
      const wallMs = performance.now() - start;
      const cpu = process.cpuUsage(cpuBefore);
      const storesCpuMs = storesCpu() - storesBefore;
      latency = 0;
      const calls = externalCalls;
      const bookings = (await h.runtime.store.listByTenant(h.tenant.id)).filter(
        (b) => b.status === 'active',
      ).length;
      return {
        count,
        latencyMs,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000 + storesCpuMs,
        storesCpuMs,
        storesPids: stores,
        perBooking,
        complete: outcomes.filter((o) => o.complete).length,
        failedSteps: outcomes.reduce(
          (n, o) => n + Object.values(o.steps).filter((s) => s.status !== 'done').length,
          0,
        ),
        /** Steps not done, by step and status, with a few of their errors. */
        unfinished: (() => {
          const byStep: Record<string, number> = {};
          const errors = new Set<string>();
          for (const o of outcomes)
            for (const [name, step] of Object.entries(o.steps)) {
              if (step.status === 'done') continue;
              byStep[`${name}:${step.status}`] = (byStep[`${name}:${step.status}`] ?? 0) + 1;
              if (step.error && errors.size < 5) errors.add(step.error.replace(/:\d+\//, ':PORT/'));
            }
          return { byStep, errors: [...errors] };
        })(),
        externalCalls: calls,
        counts: {
          bookingsActive: bookings,
          calendarEntries: await countEntity('calendar_entry'),
          sccEvents: await countEntity('scc_event'),
          guestObjects: await countKeys('g/'),
          crewObjects: await countKeys('c/'),
        },
      };
    },
  },
  () => h.close(),
);
