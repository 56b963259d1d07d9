// Shared by the realtime benchmark's processes (bench/realtime.bench.ts and its children in bench/realtime/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as WsModule from 'ws';

/**
 * The `ws` that socket.io itself runs on (engine.io's copy, ws 8). The package's top-level `ws` is ws 7 (pulled in
 * by @remix-run/dev), so a bare `import 'ws'` would compare Socket.IO on ws 8 against a raw server on ws 7.
 */
const requireHere = createRequire(import.meta.url);
export const ws: typeof WsModule = createRequire(requireHere.resolve('engine.io'))('ws');
export const wsVersion: string = createRequire(requireHere.resolve('engine.io'))('ws/package.json').version;

const TICKS = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** User + system CPU seconds a process has used so far (0 when /proc is unavailable). */
export function cpuSeconds(pid: number | 'self'): number {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

export function cpuSplit(pid: number | 'self'): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / TICKS, system: Number(fields[12]) / TICKS }; // utime, stime (fields 14 and 15)
  } catch {
    return { user: 0, system: 0 };
  }
}

/** Busy CPU seconds of the whole machine (`all`) and of each core, from /proc/stat (steal counts as busy). */
export function machineCpu(): { all: number; perCore: number[] } {
  try {
    const busy = (line: string) => {
      const v = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
      return (v.reduce((a, b) => a + b, 0) - v[3] - v[4]) / TICKS;
    };
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    return { all: busy(lines[0]), perCore: lines.filter((l) => /^cpu\d+ /.test(l)).map(busy) };
  } catch {
    return { all: 0, perCore: [] };
  }
}

export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A growable array of doubles: latency samples without a JS array of boxed numbers. */
export class Samples {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(x: number) {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export function summarize(sorted: ArrayLike<number>): LatencySummary {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p90: r(percentile(sorted, 90)),
    p99: r(percentile(sorted, 99)),
    p999: r(percentile(sorted, 99.9)),
    max: r(sorted.length ? sorted[sorted.length - 1] : NaN),
  };
}

/**
 * Measures a window: CPU of the named processes and of the whole machine, so outside load is on record. `coreOf`
 * names the core each pinned process runs on: what else ran on that core is reported too.
 */
export function cpuWindow(pids: Record<string, number | 'self'>, coreOf: Record<string, number> = {}) {
  const t0 = performance.now();
  const m0 = machineCpu();
  const p0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSplit(pid)]));
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const m1 = machineCpu();
    const used: Record<string, number> = {};
    const system: Record<string, number> = {};
    let ours = 0;
    for (const [k, pid] of Object.entries(pids)) {
      const now = cpuSplit(pid);
      system[k] = now.system - p0[k].system;
      used[k] = now.user - p0[k].user + system[k];
      ours += used[k];
    }
    const machineBusy = m1.all - m0.all;
    const otherOnCore: Record<string, number> = {};
    for (const [k, core] of Object.entries(coreOf)) {
      if (m1.perCore[core] === undefined) continue;
      otherOnCore[k] =
        Math.round((Math.max(0, m1.perCore[core] - m0.perCore[core] - (used[k] ?? 0)) / wall) * 100) / 100;
    }
    return {
      wall,
      /** Cores' worth of CPU used by each process over the window (1 = one core fully busy). */
      cores: Object.fromEntries(Object.entries(used).map(([k, s]) => [k, Math.round((s / wall) * 100) / 100])),
      cpuSeconds: used,
      /** Share of each process's CPU spent in the kernel (socket reads and writes on loopback, epoll). */
      systemShare: Object.fromEntries(
        Object.entries(used).map(([k, s]) => [k, s > 0 ? Math.round((system[k] / s) * 100) / 100 : 0]),
      ),
      /** Everything else on the machine (other engineers' tests, browsers, the kernel), in cores. */
      otherCores: Math.round((Math.max(0, machineBusy - ours) / wall) * 100) / 100,
      /** Other load on the core of each pinned process (e.g. `server`: what else ran on core 0), in cores. */
      otherOnCore,
    };
  };
}
