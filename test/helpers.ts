import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatErrorLine } from '../src/errors/format-error.js';
import { loadPipeline } from '../src/pipeline-format/load-pipeline.js';
import type { Pipeline } from '../src/pipeline-format/model.js';
import type { RunRecord } from '../src/state/run-record.js';

/** Loads pipeline text that must be valid; a test input with errors fails loudly with them. */
export function pipelineOf(text: string, file = 'test.yml'): Pipeline {
  const result = loadPipeline(text, file);
  if (!result.ok) throw new Error(`test pipeline is invalid:\n${result.errors.map(formatErrorLine).join('\n')}`);
  return result.pipeline;
}

/** The example pipelines, loaded (what the pictures and summaries are tried on). */
export function examplePipelines(): Pipeline[] {
  return [
    'funnel/funnel.yml',
    'funnel/funnel-rollout.yml',
    'flow-forge/ml-flow.yml',
    'etl/etl.yml',
    'ratings/ratings.yml',
  ].map((f) => pipelineOf(readFileSync(`examples/${f}`, 'utf8'), f));
}

/** The one-line errors a text gets; [] when it is valid. */
export function errorsOf(text: string, file = 'test.yml'): string[] {
  const result = loadPipeline(text, file);
  return result.ok ? [] : result.errors.map(formatErrorLine);
}

/** Every YAML file under a folder: the examples and fixtures that tests run over. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Long enough that only a hang reaches it, on however busy a machine. */
export const HANG_MS = 60_000;

/** Waits until a condition that the test's own actions make true; fails only on a hang. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + HANG_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether any process of that group is still there (zombies aside, which `ps` marks Z). */
export function groupAlive(pgid: number): boolean {
  const ps = spawnSync('ps', ['-o', 'stat=', '-g', String(pgid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').some((stat) => stat.trim() !== '' && !stat.startsWith('Z'));
}

/**
 * A shell loop for a task: wait, at most as long as a hang, until `test` holds. A task that waits
 * for what another task does proves an order without a sleep that a slow machine outlasts.
 */
export function waitInShell(test: string): string {
  return `for _ in $(seq ${HANG_MS / 20}); do ${test} && break; sleep 0.02; done`;
}

/** The live processes (zombies aside) that carry a run's DAGLINE_RUN_ID: what is left of its tasks. */
export function processesOfRun(runId: string): number[] {
  const mark = `DAGLINE_RUN_ID=${runId}`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(mark);
      } catch {
        return false; // gone, or another user's
      }
    })
    .map(Number);
}

/** A run's record as registered, by the process given, for tests of the store. */
export function runRecord(id: string, process: RunRecord['process'], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    pipeline: 'p',
    file: 'p.yml',
    sources: [],
    targets: [],
    actor: 'tester',
    trigger: 'manual',
    params: {},
    status: 'running',
    startedAt: '2026-11-25T08:00:00.000Z',
    sha256: '0',
    process,
    resumes: 0,
    ...extra,
  };
}
