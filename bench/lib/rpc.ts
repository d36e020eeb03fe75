/** The child side of lib/child.ts: answers the parent's calls; `shutdown` cleans up and exits. */
import './quiet.ts';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import {
  type IntervalHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
} from 'node:perf_hooks';

type Handler = (params: unknown) => Promise<unknown> | unknown;

/** What the event loop went through in a window: its delays and the GC pauses in it. */
export interface LoopStats {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

let session: Session | undefined;
let loop: IntervalHistogram | undefined;
let gcObserver: PerformanceObserver | undefined;
let gcPauses: number[] = [];

/**
 * Built into every child: CPU profiling of a window of its life (`cpuProfileStart`, then
 * `cpuProfileStop` with a file), and event-loop delay and GC pauses over a window
 * (`loopStatsStart`, then `loopStatsStop`).
 */
const builtIn: Record<string, Handler> = {
  loopStatsStart() {
    loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    gcPauses = [];
    gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcPauses.push(entry.duration);
    });
    gcObserver.observe({ entryTypes: ['gc'] });
  },
  loopStatsStop(): LoopStats {
    if (!loop || !gcObserver) throw new Error('no loop stats running');
    loop.disable();
    gcObserver.disconnect();
    const r = (v: number) => Math.round(v * 10) / 10;
    const stats = {
      loopDelayP99Ms: r(loop.percentile(99) / 1e6),
      loopDelayMaxMs: r(loop.max / 1e6),
      gcCount: gcPauses.length,
      gcTotalMs: r(gcPauses.reduce((a, b) => a + b, 0)),
      gcMaxMs: r(Math.max(0, ...gcPauses)),
    };
    loop = undefined;
    gcObserver = undefined;
    return stats;
  },
  async cpuProfileStart() {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  },
  async cpuProfileStop(params) {
    if (!session) throw new Error('no profile running');
    const { profile } = await session.post('Profiler.stop');
    writeFileSync((params as { file: string }).file, JSON.stringify(profile));
    session.disconnect();
    session = undefined;
  },
};

export function serveRpc(
  handlers: Record<string, Handler>,
  cleanup: () => Promise<void> = async () => {},
): void {
  process.on('message', (message: { id: number; method: string; params: unknown }) => {
    const reply = (body: { result?: unknown; error?: string }) =>
      process.send?.({ id: message.id, ...body });
    if (message.method === 'shutdown') {
      void cleanup()
        .catch((error: unknown) => console.error('cleanup failed:', error))
        .finally(() => {
          reply({ result: null });
          // Let the reply flush, then leave even if a library left a timer behind.
          setTimeout(() => process.exit(0), 50);
        });
      return;
    }
    const handler = handlers[message.method] ?? builtIn[message.method];
    if (!handler) {
      reply({ error: `no method ${message.method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.params))
      .then(
        (result) => reply({ result: result ?? null }),
        (error: unknown) =>
          reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // The parent went away (watchdog, Ctrl-C): do not linger.
  process.on('disconnect', () => process.exit(1));
  process.send?.({ ready: true });
}
