import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Which process runs a run. A run marked `running` whose process is gone was
 * killed (SIGKILL, a crash, a lost machine). A pid alone can be reused by a
 * later process, so on Linux the process's start time (from /proc) is kept
 * too and must match.
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  startTime?: string;
}

export function currentProcess(): ProcessIdentity {
  const startTime = processStartTime(process.pid);
  return { pid: process.pid, host: hostname(), ...(startTime !== undefined && { startTime }) };
}

/**
 * False only when we can tell the process is gone. A process on another host
 * (a store on a shared disk) cannot be checked and counts as alive.
 */
export function isAlive(identity: ProcessIdentity): boolean {
  if (identity.host !== hostname()) return true;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(identity.pid);
  // A zombie has ended: only its exit status waits for a parent that may never reap it.
  if (stat?.state === 'Z') return false;
  if (identity.startTime === undefined) return true;
  return stat === undefined || stat.startTime === identity.startTime;
}

/** When a process started, where the system says (Linux: clock ticks since boot); else undefined. */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/** What /proc/PID/stat says of a process: its state, group, session and start; undefined where there is no /proc. */
export interface ProcStat {
  state: string;
  pgrp: number;
  session: number;
  startTime: string;
}

/** From /proc/PID/stat: the state (field 3), group (5), session (6), start (22, clock ticks since boot). */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      state: fields[0] ?? '',
      pgrp: Number(fields[2]),
      session: Number(fields[3]),
      startTime: fields[19] ?? '',
    };
  } catch {
    return undefined;
  }
}
