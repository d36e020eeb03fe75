/**
 * Each measurement runs in its own Node process (tsx loader, IPC), so one measurement's heap,
 * JIT state and leftover timers never colour the next, and a load generator in the parent does
 * not share an event loop with the server it measures.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export interface Child {
  pid: number;
  call<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to clean up and exit; kills it (by pid) if it does not within 15 s. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Registers another process this run started, so killChildren() ends it too. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Kills every child still running (the watchdog and error paths): by pid, SIGKILL. */
export function killChildren(): void {
  for (const child of live) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function startChild(name: string, args: string[] = []): Promise<Child> {
  const script = fileURLToPath(new URL(`../children/${name}.ts`, import.meta.url));
  // BENCH_CPU_PROF=<dir>: every child writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_CPU_PROF;
  const child = fork(script, args, {
    execArgv: [
      '--import',
      'tsx',
      ...(profile
        ? ['--cpu-prof', `--cpu-prof-dir=${join(profile, [name, ...args].join('-'))}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (message: Reply | { ready: true }) => {
    if ('ready' in message) return;
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.error !== undefined) entry.reject(new Error(`${name}: ${message.error}`));
    else entry.resolve(message.result);
  });
  void exited.then(() => {
    for (const [, entry] of waiting) entry.reject(new Error(`${name} exited`));
    waiting.clear();
  });
  const handle: Child = {
    pid: child.pid ?? 0,
    call<T>(method: string, params?: unknown, timeoutMs = 120_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${name}.${method} took over ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, method, params });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      await handle.call('shutdown', undefined, 15_000).catch(() => undefined);
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), 15_000).unref(),
      );
      if ((await Promise.race([exited, timeout])) === 'timeout' && child.pid)
        process.kill(child.pid, 'SIGKILL');
      await exited;
    },
  };
  return new Promise<Child>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if ((message as { ready?: boolean }).ready) {
        child.off('message', onMessage);
        resolve(handle);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before it was ready`)),
    );
  });
}
