// The tasks a killed dagline left running: the next dagline that finds the run killed ends them.
//
// Each attempt's process group is recorded as it starts (its leader's pid, which is the group's
// id, and the leader's start time). A group is ended only when it is provably the one the run
// started, never a stranger's that got the same number since:
// - its leader still runs: the leader's start time must be the one recorded;
// - its leader has ended (a task that left a child behind): Linux does not hand out a pid again
//   while a group of that number has members, so what is in the group is the task's, unless the
//   whole group ended and another process took the number since; a member must therefore carry
//   the run's DAGLINE_RUN_ID in its environment, as every process a task starts inherits it.
// Where there is no /proc (macOS), neither can be checked, and nothing is ended.
import { readdirSync, readFileSync } from 'node:fs';
import { procStat } from '../state/process-identity.js';
import type { ProcessGroup } from './process-runner.js';

/** How long the left-behind groups have after SIGTERM before SIGKILL. */
export const LEFT_BEHIND_GRACE_MS = 3000;
const POLL_MS = 20;

/**
 * Ends the groups of a killed run that are still there and provably its own: SIGTERM, then
 * SIGKILL to what is left after the grace. It waits for them (dagline's next run must not start a
 * task beside its own left-behind attempt), blocking: the caller holds the store lock, and this
 * only happens after a kill. Returns the groups it ended.
 */
export function endLeftBehindGroups(
  runId: string,
  groups: readonly ProcessGroup[],
  graceMs = LEFT_BEHIND_GRACE_MS,
): number[] {
  const ours = groups.filter((group) => isRunsGroup(runId, group));
  if (ours.length === 0) return [];
  for (const { pgid } of ours) signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let left = ours;
  for (;;) {
    left = left.filter((group) => groupHasLiveMembers(group.pgid));
    if (left.length === 0 || Date.now() >= deadline) break;
    sleepSync(POLL_MS);
  }
  // Checked again: in the grace, the group may have ended and its number gone to another process.
  left = left.filter((group) => isRunsGroup(runId, group));
  for (const { pgid } of left) signalGroup(pgid, 'SIGKILL');
  // A killed process is not gone at once: on a busy machine it may still run for a moment, beside
  // the task the caller starts next (regression: a resumed run began while the old attempt lived).
  const killedBy = Date.now() + graceMs;
  while (left.length > 0 && Date.now() < killedBy) {
    sleepSync(POLL_MS);
    left = left.filter((group) => groupHasLiveMembers(group.pgid));
  }
  return ours.map((group) => group.pgid);
}

/** Whether the group is still the one the run started (see the top of this file). */
export function isRunsGroup(runId: string, group: ProcessGroup): boolean {
  if (!Number.isInteger(group.pgid) || group.pgid <= 1 || group.startTime === undefined) return false;
  const leader = procStat(group.pgid);
  if (leader !== undefined && leader.state !== 'Z')
    return leader.startTime === group.startTime && leader.pgrp === group.pgid;
  const mark = `DAGLINE_RUN_ID=${runId}`;
  return members(group.pgid).some(
    (pid) => Number(procStat(pid)?.startTime) >= Number(group.startTime) && environOf(pid).includes(mark),
  );
}

/** The live processes (zombies aside) in a group, from /proc. */
function members(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = procStat(pid);
    if (stat?.pgrp === pgid && stat.state !== 'Z') found.push(pid);
  }
  return found;
}

function groupHasLiveMembers(pgid: number): boolean {
  const leader = procStat(pgid);
  if (leader !== undefined && leader.state !== 'Z' && leader.pgrp === pgid) return true;
  return members(pgid).length > 0;
}

/** A process's environment entries; none when it cannot be read (another user's, or gone). */
function environOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // gone already
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
