import { existsSync } from 'node:fs';
import { displayPath } from '../../fs/pipeline-files.js';
import { FileError, UsageError } from '../../errors/dagline-error.js';
import { didYouMean } from '../../errors/did-you-mean.js';
import { loadPipeline } from '../../pipeline-format/load-pipeline.js';
import { formatDuration, parseDuration, type Pipeline } from '../../pipeline-format/model.js';
import { formatBytes } from '../../pipeline-format/read-yaml.js';
import { DURATION } from '../../pipeline-format/schema.js';
import { renderRunSummary } from '../../render/run-summary.js';
import { choosePrune } from '../../run/prune-runs.js';
import { printable, printableJson } from '../../render/printable.js';
import type { RunRecord, TaskState } from '../../state/run-record.js';
import type { RunStore } from '../../state/run-store.js';
import type { CliIo } from '../io.js';
import { durationOf, FAILED_LOG_LINES, paramsText, runSummary } from '../run-output/summary.js';
import { formatTable } from '../run-output/table.js';

/** `dagline runs [PIPELINE]`: the history, newest last. */
export async function listRuns(
  store: RunStore,
  pipeline: string | undefined,
  options: { format: 'text' | 'json'; category?: string },
  io: CliIo,
): Promise<number> {
  // A run whose dagline was killed shows as failed, not running. (No store: nothing to read, and nothing created.)
  if (existsSync(store.root)) await store.withLock(() => store.activeRuns());
  const runs = store
    .listRuns(pipeline)
    .filter((run) => options.category === undefined || run.category === options.category);
  if (options.format === 'json') {
    io.out(printableJson(runs.map(summaryRecord)));
    return 0;
  }
  if (runs.length === 0) {
    io.out(`no runs${pipeline ? ` of ${printable(pipeline)}` : ''} in ${printable(displayPath(store.root))}\n`);
    return 0;
  }
  const rows = runs.map((run) => [
    run.id,
    run.status,
    run.startedAt.replace('T', ' ').slice(0, 19),
    durationOf(run.startedAt, run.endedAt),
    succeeded(run),
    run.actor,
    run.trigger,
    Object.entries(run.params)
      .map(([k, v]) => `${k}=${v === null ? '' : String(v)}`)
      .join(' '),
  ]);
  for (const line of formatTable([
    ['run', 'status', 'started (UTC)', 'duration', 'tasks ok', 'actor', 'trigger', 'params'],
    ...rows,
  ]))
    io.out(`${line}\n`);
  return 0;
}

/** `dagline runs show RUN`: the record, every task, errors, extracts; or the run's Markdown summary. */
export async function showRun(
  store: RunStore,
  idOrPrefix: string,
  format: 'text' | 'json' | 'markdown',
  io: CliIo,
): Promise<number> {
  if (existsSync(store.root)) await store.withLock(() => store.activeRuns());
  const id = store.findRun(idOrPrefix);
  const { record, tasks, errors } = store.loadRun(id);
  if (format === 'markdown') {
    const pipeline = snapshotOf(store, id, record.file);
    io.out(renderRunSummary({ record, tasks: [...tasks.values()], errors, ...(pipeline && { pipeline }) }));
    return 0;
  }
  const extracts = store.readExtracts().filter((e) => e.run === id || e.consumer?.run === id);
  if (format === 'json') {
    io.out(printableJson({ ...record, tasks: Object.fromEntries(tasks), errors, extracts }));
    return 0;
  }
  const lines = [
    `run ${record.id}`,
    `pipeline  ${printable(record.pipeline)} (${printable(record.file)}, sha256 ${printable(record.sha256.slice(0, 12))})`,
    `status    ${record.status}${record.resumes ? ` (resumed ${record.resumes}x)` : ''}`,
    `started   ${printable(record.startedAt)} by ${printable(record.actor)} (${printable(record.trigger)})`,
  ];
  if (record.endedAt)
    lines.push(
      `ended     ${printable(record.endedAt)} (${formatDuration(Date.parse(record.endedAt) - Date.parse(record.startedAt))})`,
    );
  if (record.type || record.tool)
    lines.push(`type      ${printable(record.type ?? '-')}, tool ${printable(record.tool ?? '-')}`);
  if (record.sources.length || record.targets.length)
    lines.push(
      `lineage   ${printable(record.sources.join(', ') || '-')} -> ${printable(record.targets.join(', ') || '-')}`,
    );
  const params = paramsText(record.params, ', ');
  if (params) lines.push(`params    ${params}`);
  if (record.parent) lines.push(`parent    ${printable(record.parent.run)} (task ${printable(record.parent.task)})`);
  if (record.concurrencyGroup !== undefined) lines.push(`group     ${printable(record.concurrencyGroup)}`);
  if (record.selection)
    lines.push(
      `part      ${printable([...record.selection.only.map((t) => `only ${t}`), ...record.selection.from.map((t) => `from ${t}`)].join(', '))}`,
    );
  if (record.release) lines.push('release   started with a release: the failures before it no longer count');
  if (record.stopped) lines.push(`stopped   ${printable(record.stopped)} before any task ran`);
  io.out(`${lines.join('\n')}\n\n`);
  io.out(
    runSummary(record, [...tasks.values()], errors, store.runDir(id), FAILED_LOG_LINES).replace(
      /\n\nrun [^\n]*\n$/,
      '\n',
    ),
  );
  const other = errors.filter((e) => e.type !== 'sla' && e.task !== undefined);
  if (other.length) {
    io.out('\nerrors\n');
    for (const line of formatTable(
      other.map((e) => [e.at, e.task ?? '', `${e.type}${e.fatal ? ' (fatal)' : ''}: ${e.message}`]),
      '  ',
    ))
      io.out(`${line}\n`);
  }
  const children = [...tasks.values()].filter((t) => t.childRun !== undefined);
  if (children.length) {
    io.out('\nchild runs\n');
    for (const line of formatTable(
      children.map((t) => [t.leg, t.childRun as string]),
      '  ',
    ))
      io.out(`${line}\n`);
  }
  if (extracts.length) {
    io.out('\nextracts\n');
    for (const e of extracts)
      io.out(
        `  ${e.status.padEnd(11)} ${printable(displayPath(`${e.location}/${e.filename}`))} (${printable(e.task)}${e.external ? ', external' : ''})\n`,
      );
  }
  return 0;
}

/** The pipeline as the run ran it, from its snapshot; none when the snapshot is gone or unreadable. */
function snapshotOf(store: RunStore, id: string, file: string): Pipeline | undefined {
  let text: string;
  try {
    text = store.pipelineText(id);
  } catch {
    return undefined;
  }
  const loaded = loadPipeline(text, file);
  return loaded.ok ? loaded.pipeline : undefined;
}

/** How many of an ended run's tasks (legs) succeeded, of how many: `12/12`, `9/12`; `-` while it runs. */
function succeeded(run: RunRecord): string {
  const counts = taskCounts(run);
  if (counts === undefined) return '-';
  return `${counts.success}/${Object.values(counts).reduce((sum, n) => sum + n, 0)}`;
}

/** An ended run's tasks by status; undefined while it runs. Records from before `counts` hold their tasks instead. */
function taskCounts(
  run: RunRecord,
): Record<'success' | 'failed' | 'skipped' | 'upstream_failed' | 'cancelled', number> | undefined {
  const states = Object.values(run.tasks ?? {});
  if (run.counts === undefined && states.length === 0) return undefined;
  const count = (status: TaskState['status']) =>
    run.counts?.tasks[status] ?? states.filter((t) => t.status === status).length;
  return {
    success: count('success'),
    failed: count('failed'),
    skipped: count('skipped'),
    upstream_failed: count('upstream_failed'),
    cancelled: count('cancelled'),
  };
}

function summaryRecord(run: RunRecord) {
  const { tasks: _tasks, errors, counts, ...rest } = run;
  return {
    ...rest,
    durationMs: run.endedAt ? Date.parse(run.endedAt) - Date.parse(run.startedAt) : undefined,
    tasks: taskCounts(run),
    errors: counts?.errors ?? errors?.length ?? 0,
  };
}

/** `dagline release PIPELINE`: lifts on hold; the next run executes. */
export async function releasePipeline(store: RunStore, pipeline: string, io: CliIo): Promise<number> {
  if (!existsSync(store.root))
    throw new FileError(
      `no runs of pipeline "${pipeline}" in ${store.root}: nothing to release`,
      {},
      'dagline runs lists the runs',
    );
  const last = await store.withLock(() => {
    const runs = store.listRuns(pipeline);
    if (runs.length === 0) {
      // A name with no runs is most likely mistyped: releasing it would only hide that.
      const known = [...new Set(store.listRuns().map((run) => run.pipeline))];
      throw new FileError(
        `no runs of pipeline "${pipeline}" in ${store.root}: nothing to release`,
        {},
        didYouMean(pipeline, known) ?? 'dagline runs lists the runs',
      );
    }
    store.release(pipeline, new Date());
    return runs.at(-1);
  });
  const name = printable(pipeline);
  io.out(
    last?.status === 'on_hold'
      ? `released ${name}: its next run executes\n`
      : `released ${name} (it was not on hold${last ? `; its last run ${last.status}` : ''}); failures before now no longer count\n`,
  );
  return 0;
}

export interface PruneFlags {
  keep?: string;
  olderThan?: string;
  dryRun?: boolean;
}

/**
 * `dagline runs prune`: removes whole run folders, past the newest `--keep N` of each pipeline
 * and/or older than `--older-than AGE`, but never a running run nor one that on hold or `requires`
 * still reads (run/prune-runs.ts); says what it removed, or with --dry-run what it would.
 */
export async function pruneRuns(
  store: RunStore,
  pipeline: string | undefined,
  flags: PruneFlags,
  io: CliIo,
): Promise<number> {
  if (flags.keep === undefined && flags.olderThan === undefined)
    throw new UsageError('runs prune needs --keep N or --older-than AGE', {}, 'e.g. dagline runs prune --keep 20');
  const keep = flags.keep === undefined ? undefined : Number(flags.keep);
  if (keep !== undefined && (!/^\d+$/.test(flags.keep ?? '') || !Number.isSafeInteger(keep)))
    throw new UsageError(`--keep ${flags.keep} is not a whole number of runs`, {}, 'e.g. --keep 20');
  if (flags.olderThan !== undefined && (!DURATION.test(flags.olderThan) || parseDuration(flags.olderThan) === 0))
    throw new UsageError(`--older-than ${flags.olderThan} is not an age`, {}, 'e.g. --older-than 30d, 12h or 1d12h');
  if (!existsSync(store.root)) {
    io.out(`no runs in ${displayPath(store.root)}: nothing to remove\n`);
    return 0;
  }
  const lines = await store.withLock(async () => {
    store.activeRuns(); // a run whose dagline is gone is marked failed; one still running is kept
    const choice = await choosePrune(store, {
      ...(keep !== undefined && { keep }),
      ...(flags.olderThan !== undefined && { olderThanMs: parseDuration(flags.olderThan) }),
      ...(pipeline !== undefined && { pipeline }),
      now: new Date(),
    });
    // Every folder is found (and measured) before any is removed: a record naming no folder of
    // runs/ stops the prune before it has removed anything.
    const sizes = choice.remove.map((run) => store.runSize(run.id));
    if (!flags.dryRun) for (const run of choice.remove) store.removeRun(run.id);
    const bytes = sizes.reduce((sum, size) => sum + size, 0);
    const out = formatTable(
      choice.remove.map((run, i) => [
        flags.dryRun ? 'would remove' : 'removed',
        run.id,
        run.status,
        run.startedAt.replace('T', ' ').slice(0, 19),
        formatBytes(sizes[i] as number),
      ]),
    );
    for (const { run, why } of choice.spared) out.push(`kept ${run.id} (${run.status}): ${why}`);
    const count = (n: number) => `${n} run${n === 1 ? '' : 's'}`;
    const spared = choice.spared.length
      ? `; kept ${count(choice.spared.length)} still running or read by the guards`
      : '';
    out.push(
      choice.remove.length === 0
        ? `nothing to remove in ${displayPath(store.root)}${spared}`
        : `${flags.dryRun ? 'would remove' : 'removed'} ${count(choice.remove.length)} (${formatBytes(bytes)}) from ${displayPath(store.root)}${spared}`,
    );
    return out;
  });
  for (const line of lines) io.out(`${line}\n`);
  return 0;
}
