// A repository for the action's end-to-end tests: pipeline files and hand-written compiled
// workflows, in a fresh folder the harness makes a git repository of.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileFile } from '../../src/cli/commands/compile.js';
import type { CliIo } from '../../src/cli/io.js';
import { defaultYamlLimits } from '../../src/pipeline-format/read-yaml.js';
import { GitHubHarness, type HarnessOptions } from '../github/harness.js';
import { REPOSITORY_ROOT } from '../github/dagline-action.js';

/** The pins of GITHUB-DESIGN.md (what src/compile/pinned-actions.ts holds once it lands). */
export const PINS = {
  'actions/checkout': '08c6903cd8c0fde910a37f88322edcfb5dd907a8',
  'actions/upload-artifact': '330a01c490aca151604b8cf639adc76d48f6c5d4',
  'actions/download-artifact': '634f93cb2916e3fdff6788551b99b062d0335ce0',
};
export const DAGLINE = `dagline/dagline@${'d'.repeat(40)}`;

/** Workflow text with the pins and dagline's reference filled in (`@checkout`, `@upload`, `@download`, `@dagline`). */
export function workflow(text: string): string {
  return text
    .replaceAll('@checkout', `actions/checkout@${PINS['actions/checkout']}`)
    .replaceAll('@upload', `actions/upload-artifact@${PINS['actions/upload-artifact']}`)
    .replaceAll('@download', `actions/download-artifact@${PINS['actions/download-artifact']}`)
    .replaceAll('@dagline', DAGLINE);
}

/** A harness over a new repository holding these files (and folders copied from dagline's own, e.g. examples/funnel). */
export function actionHarness(
  files: Record<string, string>,
  options: { copy?: string[] } & Partial<HarnessOptions> = {},
): Promise<GitHubHarness> {
  const repo = repositoryWith(files, options.copy);
  const { copy: _copy, ...harnessOptions } = options;
  return GitHubHarness.start({ repo, pinnedActions: PINS, daglineAction: DAGLINE, ...harnessOptions });
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
  return GitHubHarness.start({ repo, pinnedActions: PINS, daglineAction: DAGLINE, ...harnessOptions });
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
