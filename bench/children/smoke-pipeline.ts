/**
 * The smoke bench's pipeline side (bench/smoke.ts): CPU per booking on the pipeline harness
 * (embedded stores, built-in services), against the CPU of one reference DynamoDB request (a
 * GetItem through the same SDK client to the same stores) measured in the same process, so the
 * ratio — "requests' worth of CPU per booking" — holds on a busy machine. Both sides count the
 * embedded stores' own process. DECKHAND_SMOKE_PIPELINE_SLOWDOWN_MS (the smoke's self-test only) burns
 * that much CPU per measured booking, in 10 slices between which the event loop runs: an injected
 * regression.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { startHarness } from '../../test/support/pipeline-harness.ts';
import { childPids, cpuMs } from '../lib/cpu.ts';
import { serveRpc } from '../lib/rpc.ts';

const slowdownMs = Number(process.env.DECKHAND_SMOKE_PIPELINE_SLOWDOWN_MS ?? 0);
/** CPU time, not wall time: on a busy machine a wall-clock spin burns far less. */
const burn = (ms: number) => {
  const start = process.cpuUsage();
  for (let used = 0; used < ms * 1000; ) {
    const u = process.cpuUsage(start);
    used = u.user + u.system;
  }
};

const h = await startHarness();

const cpuNow = () => {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + childPids().reduce((n, pid) => n + cpuMs(pid), 0);
};

async function concurrently(count: number, concurrency: number, one: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

let day = 0;
let measuring = false;
const booking = async () => {
  day += 1;
  const date = new Date(Date.UTC(2027, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const id = await h.book(`${date} 10am 3h $900 for Avery Sampleton party of 4`);
  const outcome = await runPipeline(h.tenant, id, h.runtime.deps);
  for (let slice = 0; measuring && slowdownMs > 0 && slice < 10; slice += 1) {
    burn(slowdownMs / 10);
    await new Promise((next) => setImmediate(next));
  }
  if (!outcome.complete) throw new Error(`booking ${id} did not complete`);
};
const reference = async (i: number) => {
  await h.runtime.clients.doc.send(
    new GetCommand({
      TableName: h.runtime.config.tableName,
      Key: { pk: `T#smoke#B#${i % 20}`, sk: 'BOOKING' },
    }),
  );
};

serveRpc(
  {
    async measure(params: unknown) {
      const { bookings, references } = params as { bookings: number; references: number };
      await concurrently(3, 3, booking);
      await concurrently(50, 8, reference);
      let before = cpuNow();
      measuring = true;
      await concurrently(bookings, 8, booking);
      measuring = false;
      const perBooking = (cpuNow() - before) / bookings;
      before = cpuNow();
      await concurrently(references, 8, reference);
      const perReference = (cpuNow() - before) / references;
      return { perBookingMs: perBooking, perReferenceMs: perReference };
    },
  },
  () => h.close(),
);
