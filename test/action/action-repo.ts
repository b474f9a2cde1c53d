// A repository for the action's end-to-end tests: pipeline files and the workflows `dagline
// compile` makes of them, in a fresh folder the harness makes a git repository of; the actions
// pinned as the compiler pins them (the harness's default).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileFile } from '../../src/cli/commands/compile.js';
import { CHECKOUT } from '../../src/compile/pinned-actions.js';
import { showRun } from '../../src/cli/commands/runs.js';
import type { CliIo } from '../../src/cli/io.js';
import { defaultYamlLimits } from '../../src/pipeline-format/read-yaml.js';
import type { RunRecord, TaskState } from '../../src/state/run-record.js';
import { RunStore } from '../../src/state/run-store.js';
import { GitHubHarness, type HarnessOptions } from '../github/harness.js';
import { REPOSITORY_ROOT } from '../github/dagline-action.js';
import type { WorkflowRun } from '../github/workflow-run.js';

export const DAGLINE = `dagline/dagline@${'d'.repeat(40)}`;

/** A workflow of one's own with checkout pinned as the compiler pins it (`@checkout`) and dagline's action (`@dagline`). */
export function workflow(text: string): string {
  return text.replaceAll('@checkout', CHECKOUT.uses).replaceAll('@dagline', DAGLINE);
}

/**
 * A harness over a repository whose workflows are what `dagline compile` makes of its pipelines
 * (`compile`: pipeline files from the repository root), with dagline's action as the harness runs it.
 */
export function compiledHarness(
  files: Record<string, string>,
  compile: string[],
  options: { copy?: string[] } & Partial<HarnessOptions> = {},
): Promise<GitHubHarness> {
  const repo = repositoryWith(files, options.copy);
  // compileFile finds the repository root by its .git; the harness makes the folder a repository of its own.
  mkdirSync(join(repo, '.git'));
  const io: CliIo = {
    out: () => {},
    err: (text) => {
      throw new Error(text);
    },
    env: {},
  };
  for (const file of compile) {
    const compiled = compileFile(join(repo, file), { action: options.daglineAction ?? DAGLINE }, defaultYamlLimits, io);
    mkdirSync(dirname(compiled.output), { recursive: true });
    writeFileSync(compiled.output, compiled.text);
  }
  rmSync(join(repo, '.git'), { recursive: true });
  const { copy: _copy, ...harnessOptions } = options;
  return GitHubHarness.start({ repo, daglineAction: DAGLINE, ...harnessOptions });
}

function repositoryWith(files: Record<string, string>, copy: string[] = []): string {
  const repo = mkdtempSync(join(tmpdir(), 'dagline-action-repo-'));
  for (const folder of copy) cpSync(join(REPOSITORY_ROOT, folder), join(repo, folder), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  return repo;
}

/** The first job to use dagline's action waits for ncc's bundle: minutes on a busy machine. */
export const FIRST_BUNDLE_TIMEOUT = 1_200_000;

/**
 * The run record artifact of an attempt (of the run with that key: a call's is its dagline-parent),
 * written to a folder as download-artifact would: a state folder.
 */
export function downloadRunRecord(run: WorkflowRun, attempt: number, key = `gh-${run.id}`): string {
  const artifact = run.artifacts.find((a) => a.name === `dagline-run--${key}--a${attempt}`);
  if (!artifact) throw new Error(`no run record of attempt ${attempt}: ${run.artifacts.map((a) => a.name).join(', ')}`);
  const folder = mkdtempSync(join(tmpdir(), 'dagline-run-record-'));
  for (const [path, data] of artifact.files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), data);
  }
  return folder;
}

export async function runsShow(
  folder: string,
  id: string,
): Promise<{ code: number; text: string; json: RunRecord & { tasks: Record<string, TaskState> } }> {
  let text = '';
  let json = '';
  const io = (write: (t: string) => void): CliIo => ({ out: (t) => write(String(t)), err: (t) => write(t), env: {} });
  const code = await showRun(
    new RunStore(folder),
    id,
    'text',
    io((t) => (text += t)),
  );
  await showRun(
    new RunStore(folder),
    id,
    'json',
    io((t) => (json += t)),
  );
  return { code, text, json: JSON.parse(json) as RunRecord & { tasks: Record<string, TaskState> } };
}
