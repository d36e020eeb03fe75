/** Resident memory of a process, from /proc/<pid>/status (Linux). */
import { readFileSync } from 'node:fs';

/** VmRSS in MB (10^6 bytes; /proc reports kB = KiB), or NaN when the process is gone or /proc is unavailable. */
export function rssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? Number.NaN : (Number(kb) * 1024) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the samples. */
export function sampleRss(
  pid: number,
  everyMs = 100,
): { stop(): { peakMB: number; samples: number } } {
  let peak = rssMB(pid);
  let samples = 1;
  const timer = setInterval(() => {
    const now = rssMB(pid);
    samples += 1;
    if (Number.isFinite(now) && !(now <= peak)) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = rssMB(pid);
      if (Number.isFinite(last) && !(last <= peak)) peak = last;
      return { peakMB: peak, samples };
    },
  };
}
