/**
 * 5. Start-up: `node bin/deckhand.js serve` with a fresh data folder and PORT=0 (embedded
 * dynalite and s3rver, built-in services), from spawn to the first 200 from /healthz; then its
 * idle RSS. Baseline: a bare node:http server started with the same tsx loader. Runs alternate.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { track } from '../lib/child.ts';
import { rssMB } from '../lib/rss.ts';
import { median, round, sleep } from '../lib/stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartRun {
  readyMs: number;
  /** Spawn → the "listening" line on stdout. */
  listeningMs: number;
  idleRssMB: number;
  exitCode: number | null;
}

/** Starts a server process, waits for healthz 200, reads its RSS after `settleMs`, stops it. */
async function startOnce(
  args: string[],
  env: Record<string, string>,
  settleMs: number,
): Promise<StartRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        // Generous: with a load average of 16 on 2 cores a start has taken over 20 s.
        () => reject(new Error(`no "listening" line in 60 s: ${out} ${stderr}`)),
        60_000,
      );
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const found = /is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code) =>
        reject(new Error(`exited with ${code} before listening: ${stderr}`)),
      );
    });
    const listeningMs = performance.now() - t0;
    let readyMs = Number.NaN;
    for (let i = 0; i < 2000 && Number.isNaN(readyMs); i += 1) {
      const res = await fetch(`${url}/healthz`).catch(() => undefined);
      if (res?.status === 200) readyMs = performance.now() - t0;
      await res?.arrayBuffer();
      if (Number.isNaN(readyMs)) await sleep(5);
    }
    await sleep(settleMs);
    const idleRssMB = rssMB(child.pid ?? 0);
    child.kill('SIGTERM');
    const exitCode = await Promise.race([exited, sleep(10_000).then(() => 'timeout' as const)]);
    if (exitCode === 'timeout') {
      child.kill('SIGKILL');
      throw new Error('did not stop within 10 s of SIGTERM');
    }
    return { readyMs, listeningMs, idleRssMB, exitCode };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export async function measureStartup(runs: number) {
  const deckhand: StartRun[] = [];
  const baseline: StartRun[] = [];
  const cleanEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
  };
  for (let i = 0; i < runs; i += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-bench-start-'));
    try {
      const serve = () =>
        startOnce(
          // --details: the "is listening on" line (without it, local mode prints only "open …").
          ['bin/deckhand.js', 'serve', '--details'],
          {
            ...cleanEnv,
            PORT: '0',
            HOST: '127.0.0.1',
            DECKHAND_DATA_DIR: dataDir,
            LOG_LEVEL: 'warn',
          },
          1_000,
        );
      const base = () =>
        startOnce(['--import', 'tsx', 'bench/children/baseline-healthz.ts'], cleanEnv, 1_000);
      if (i % 2 === 0) {
        deckhand.push(await serve());
        baseline.push(await base());
      } else {
        baseline.push(await base());
        deckhand.push(await serve());
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const pick = (rs: StartRun[], k: 'readyMs' | 'listeningMs' | 'idleRssMB') =>
    round(median(rs.map((r) => r[k])));
  return {
    deckhand: {
      runs: deckhand,
      readyMs: pick(deckhand, 'readyMs'),
      idleRssMB: pick(deckhand, 'idleRssMB'),
    },
    baseline: {
      runs: baseline,
      readyMs: pick(baseline, 'readyMs'),
      idleRssMB: pick(baseline, 'idleRssMB'),
    },
  };
}
