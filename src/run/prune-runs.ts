import type { RunRecord } from '../state/run-record.js';
import type { RunStore } from '../state/run-store.js';
import { runsTheGuardsRead } from './guards.js';

/** Which runs `dagline runs prune` removes: beyond the newest `keep` of each pipeline, and/or older than `olderThanMs`. */
export interface PruneRequest {
  /** Keep the newest N runs of each pipeline. */
  keep?: number;
  /** Keep the runs started within this long of `now`. */
  olderThanMs?: number;
  /** Only this pipeline's runs. */
  pipeline?: string;
  now: Date;
}

export interface PruneChoice {
  /** The runs to remove, oldest first. */
  remove: RunRecord[];
  /** Runs the request reached but that stay, with why: running, or read by on hold or `requires`. */
  spared: { run: RunRecord; why: string }[];
}

/**
 * The runs a prune removes. A run goes when it is past the newest `keep` of its pipeline and older
 * than `olderThanMs` (with one of them given, that one alone decides), unless it is still running
 * or the guards read it (guards.ts: runsTheGuardsRead): pruning never lifts a hold, unmeets a
 * `requires` or takes a run from under its dagline. Asked under the store lock, after the store
 * has marked runs whose dagline is gone as failed.
 */
export async function choosePrune(store: RunStore, request: PruneRequest): Promise<PruneChoice> {
  const byPipeline = new Map<string, RunRecord[]>();
  for (const run of store.listRuns(request.pipeline)) {
    const runs = byPipeline.get(run.pipeline);
    if (runs) runs.push(run);
    else byPipeline.set(run.pipeline, [run]);
  }
  const cutoff = request.olderThanMs === undefined ? undefined : request.now.getTime() - request.olderThanMs;
  const choice: PruneChoice = { remove: [], spared: [] };
  for (const [pipeline, oldestFirst] of byPipeline) {
    const newestFirst = [...oldestFirst].reverse();
    const read = await runsTheGuardsRead(newestFirst, store.releasedAt(pipeline));
    newestFirst.forEach((run, index) => {
      const pastKeep = request.keep === undefined || index >= request.keep;
      const old = cutoff === undefined || Date.parse(run.startedAt) < cutoff;
      if (!pastKeep || !old) return;
      const why = run.status === 'running' ? 'running' : read.get(run.id);
      if (why !== undefined) choice.spared.push({ run, why });
      else choice.remove.push(run);
    });
  }
  const byStart = (a: RunRecord, b: RunRecord) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  choice.remove.sort(byStart);
  choice.spared.sort((a, b) => byStart(a.run, b.run));
  return choice;
}
