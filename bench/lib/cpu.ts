/** CPU time a process has used (user + system), from /proc/<pid>/stat (Linux, USER_HZ = 100). */
import { readFileSync } from 'node:fs';

const TICK_MS = 10;

export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** The direct children of a process (Linux: /proc/<pid>/task/<pid>/children), e.g. the embedded stores. */
export function childPids(pid: number = process.pid): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
