/**
 * Where the machine's CPU went during a run: per process, read from /proc (Linux), and Redis's own count. Best
 * effort: a process that has exited, or a machine without /proc, reads as null and is left out of the line.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of one process, in seconds. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The whole machine: busy and total CPU seconds since boot (all cores). */
export function machineCpuSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** The Redis server's own CPU seconds (INFO cpu). */
export async function redisCpuSeconds(url: string): Promise<number | null> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('cpu');
    const get = (k: string) => Number(new RegExp(`^${k}:([0-9.]+)`, 'm').exec(info)?.[1] ?? NaN);
    const s = get('used_cpu_sys') + get('used_cpu_user');
    return Number.isFinite(s) ? s : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

/** CPU seconds of a set of processes, keyed by pid (absent when unreadable). */
export function cpuOf(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = processCpuSeconds(pid);
    if (s !== null) out.set(pid, s);
  }
  return out;
}

/** Sum over the pids of `after`, minus what each had in `before` (a process started meanwhile counts from 0). */
export function spent(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, t] of after) s += t - (before.get(pid) ?? 0);
  return s;
}

/** A process's peak resident set (VmHWM) in MB, null when unreadable. */
export function peakRssMb(pid: number): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
