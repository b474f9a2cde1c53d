import { valueToText, type Value } from '../expressions/evaluate.js';
import { SCOPES } from '../pipeline-format/check-pipeline.js';
import { renderText } from '../plan/render-templates.js';
import type { ParamValue, Pipeline } from '../pipeline-format/model.js';
import type { RunRecord } from '../state/run-record.js';
import type { RunStore } from '../state/run-store.js';

/**
 * The guards a run meets before it starts (on hold, `requires`, the concurrency group), as one set
 * of rules over a pipeline's history, wherever the history is kept: the local store (`.dagline/`)
 * or GitHub (the compiled workflow's runs and their run-record artifacts, src/github/run-history.ts).
 * Each source answers the same few questions; the rules are said once, here.
 */

/** An earlier run as the guards read it: what its record says (a run record has all of it). */
export type PastRun = Pick<RunRecord, 'id' | 'status' | 'startedAt' | 'params'> &
  Partial<Pick<RunRecord, 'selection' | 'release'>>;

/** A run queued or running now. */
export interface ActiveRun {
  id: string;
  pipeline: string;
  concurrencyGroup?: string;
  /** Its group is not known yet (on GitHub, a run that has not recorded its params): taken as the pipeline's. */
  groupUnknown?: boolean;
  /** How messages name it: `id (pid 123)`, `gh-5 (https://...)`. */
  label: string;
  /** A local run's process, which cancel-running signals. */
  process?: RunRecord['process'];
}

export interface RunHistory {
  /** Where the history is read, for messages: `in /repo/.dagline`, `on GitHub (acme/data)`. */
  readonly where: string;
  /** A pipeline's runs, newest first, read only as far as the caller goes (running ones included). */
  runsNewestFirst(pipeline: string): Iterable<PastRun> | AsyncIterable<PastRun>;
  /** When the pipeline was last released by a command of its own (`dagline release`), if ever. */
  releasedAt(pipeline: string): string | undefined;
  /** How a user releases the pipeline, for the on-hold message. */
  howToRelease(pipeline: string): string;
  /** The runs queued or running now that may share the pipeline's concurrency group. */
  activeRuns(pipeline: string): ActiveRun[] | Promise<ActiveRun[]>;
}

/** A run's concurrency group, its template rendered with the run's params (none when the pipeline has none). */
export function concurrencyGroupOf(
  pipeline: Pick<Pipeline, 'file' | 'name' | 'env' | 'concurrency'>,
  params: Record<string, ParamValue>,
): string | undefined {
  if (!pipeline.concurrency) return undefined;
  return renderText(
    pipeline.concurrency.group,
    {
      values: { params, pipeline: { name: pipeline.name }, env: pipeline.env },
      known: () => true,
      where: 'concurrency.group',
      file: pipeline.file,
    },
    SCOPES.concurrencyGroup,
  );
}

export type GuardVerdict =
  | { kind: 'go' }
  | { kind: 'on-hold' | 'refused'; message: string; path: (string | number)[] }
  | { kind: 'busy'; group: string; busy: ActiveRun[]; others: string };

/**
 * What the guards say of a new run of `pipeline` now. `group` is its concurrency group as rendered
 * with its params (none: not asked); `release` lifts on hold for this run (a release dispatch).
 */
export async function assessGuards(
  history: RunHistory,
  pipeline: Pick<Pipeline, 'name' | 'maxConsecutiveFailures' | 'requires'>,
  group: string | undefined,
  options: { release?: boolean } = {},
): Promise<GuardVerdict> {
  const limit = pipeline.maxConsecutiveFailures;
  if (limit !== undefined && !options.release && (await onHold(history, pipeline.name, limit))) {
    const message = `pipeline "${pipeline.name}" is on hold after ${limit} failed run${limit === 1 ? '' : 's'} in a row; nothing runs until ${history.howToRelease(pipeline.name)}`;
    return { kind: 'on-hold', message, path: ['max-consecutive-failures'] };
  }
  for (const [i, required] of pipeline.requires.entries()) {
    const done = await firstOf(
      history.runsNewestFirst(required.pipeline),
      (run) => run.status === 'completed' && paramsMatch(run.params, required.params),
    );
    if (done === undefined) {
      const wanted = Object.entries(required.params)
        .map(([k, v]) => `${k}=${valueToText(v as Value)}`)
        .join(', ');
      return {
        kind: 'refused',
        message: `requires a completed run of "${required.pipeline}"${wanted ? ` with ${wanted}` : ''}, and there is none ${history.where}`,
        path: ['requires', i, 'pipeline'],
      };
    }
  }
  if (group === undefined) return { kind: 'go' };
  const busy = (await history.activeRuns(pipeline.name)).filter(
    (run) => run.concurrencyGroup === group || (run.groupUnknown === true && run.pipeline === pipeline.name),
  );
  if (busy.length === 0) return { kind: 'go' };
  return { kind: 'busy', group, busy, others: busy.map((run) => run.label).join(', ') };
}

/**
 * On hold: the latest finished run was put on hold, or the last `limit` finished runs since the
 * last release all failed. Trial runs (`--only`, `--from`: a part of the pipeline) do not count;
 * a run started with a release counts, and nothing before it does. Read newest first, only as far
 * back as that takes.
 */
export async function onHold(history: RunHistory, pipeline: string, limit: number): Promise<boolean> {
  const releasedAt = history.releasedAt(pipeline);
  let counted = 0;
  for await (const run of history.runsNewestFirst(pipeline)) {
    if (releasedAt !== undefined && run.startedAt <= releasedAt) break;
    if (run.status === 'running' || isTrial(run)) continue;
    if (run.status === 'on_hold') {
      if (counted === 0) return true;
      continue;
    }
    if (run.status !== 'failed') return false;
    if (++counted === limit) return true;
    if (run.release) break;
  }
  return false;
}

/** A run of a part of the pipeline (`--only`, `--from`): a try, not the pipeline's health. */
export function isTrial(run: PastRun): boolean {
  return (run.selection?.only.length ?? 0) > 0 || (run.selection?.from.length ?? 0) > 0;
}

/** The first item that passes, reading no further: histories are read newest first, lazily. */
async function firstOf<T>(items: Iterable<T> | AsyncIterable<T>, test: (item: T) => boolean): Promise<T | undefined> {
  for await (const item of items) if (test(item)) return item;
  return undefined;
}

function paramsMatch(actual: Record<string, ParamValue>, wanted: Record<string, ParamValue>): boolean {
  return Object.entries(wanted).every(([name, value]) => valueToText(actual[name] ?? null) === valueToText(value));
}

/**
 * The local store as a history. Made under the store lock: it looks at the active runs once, which
 * also marks a run whose dagline was killed as failed, before anything counts the failures.
 */
export function storeHistory(store: RunStore): RunHistory {
  const active = store.activeRuns().map((run): ActiveRun => ({
    id: run.id,
    pipeline: run.pipeline,
    ...(run.concurrencyGroup !== undefined && { concurrencyGroup: run.concurrencyGroup }),
    label: `${run.id} (pid ${run.process.pid})`,
    process: run.process,
  }));
  return {
    where: `in ${store.root}`,
    runsNewestFirst: (pipeline) => store.runsNewestFirst(pipeline),
    releasedAt: (pipeline) => store.releasedAt(pipeline),
    howToRelease: (pipeline) => `\`dagline release ${pipeline}\``,
    activeRuns: () => active,
  };
}
