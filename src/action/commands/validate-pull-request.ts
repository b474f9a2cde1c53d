import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { processIo, outUntrusted } from '../../cli/io.js';
import { compiledState, compileLoaded } from '../../cli/commands/compile.js';
import { validatePaths, type FileReport } from '../../cli/commands/validate.js';
import { workflowPath } from '../../compile/compile-workflow.js';
import { count } from '../../diff/describe-diff.js';
import { diffPipelines } from '../../diff/pipeline-diff.js';
import {
  checkRunOutput,
  COMMENT_MARKER,
  commentBody,
  summaryMarkdown,
  validationLine,
  type ChangedPipeline,
  type PullRequestReport,
  type StaleWorkflow,
  type ValidatedFile,
} from '../../diff/pull-request-report.js';
import { CompileError, FileError, GitHubApiError, type DaglineError } from '../../errors/dagline-error.js';
import { formatErrorLine } from '../../errors/format-error.js';
import { findPipelineFiles, readPipelineFile, repositoryRoot, repositoryRootAbove } from '../../fs/pipeline-files.js';
import { changedFiles, hasCommit, readPipelineAt, type ChangedFile } from '../../git/git-files.js';
import { CHECK_RUN_TEXT_LIMIT, publishCheckRun } from '../../github/check-run.js';
import type { GitHubClient, PullFile } from '../../github/client.js';
import { keepMarkedComment } from '../../github/marked-comment.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import { defaultYamlLimits, type YamlLimits } from '../../pipeline-format/read-yaml.js';
import { printable } from '../../render/printable.js';
import { annotate, checkAnnotationOf, SUMMARY_LIMIT } from '../annotations.js';

/** The check run a pull request's validation publishes. */
export const VALIDATE_CHECK_RUN = 'dagline / validate';

/** What validating a pull request needs of its event's payload (GITHUB_EVENT_PATH). */
export interface PullRequestEvent {
  number: number;
  baseSha: string;
  headSha: string;
  /** The head branch is in another repository: GitHub gives the run a token that can only read. */
  fromFork: boolean;
}

/** The pull request of a `pull_request` event, as @actions/github's context reads it from the payload. */
export function pullRequestOf(eventName: string, event: Record<string, unknown>): PullRequestEvent | undefined {
  if (eventName !== 'pull_request') return undefined;
  const pull = event.pull_request as
    | {
        number?: unknown;
        base?: { sha?: unknown; repo?: { full_name?: unknown } | null };
        head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
      }
    | undefined;
  if (typeof pull?.number !== 'number' || typeof pull.base?.sha !== 'string' || typeof pull.head?.sha !== 'string')
    return undefined;
  const baseRepo = pull.base.repo?.full_name;
  const headRepo = pull.head.repo?.full_name;
  return {
    number: pull.number,
    baseSha: pull.base.sha,
    headSha: pull.head.sha,
    // A fork that was deleted leaves no head repository: its token is a fork's all the same.
    fromFork: typeof headRepo !== 'string' || headRepo !== baseRepo,
  };
}

/**
 * `validate` on a pull request: the pipeline files it changes and every pipeline that calls one
 * of them are validated; each changed pipeline is compared with its base version (read with git,
 * no second checkout); committed compiled workflows of changed pipelines are checked for drift.
 * The result goes to a check run `dagline / validate` (every error annotated at its place), the
 * job summary (each changed pipeline's DAG and full diff) and one comment on the pull request,
 * edited in place on every push and deleted when the pipelines no longer differ. A fork's pull
 * request (a read-only token) gets the annotations and the summary, and no write is tried.
 */
export async function validatePullRequest(
  paths: string[],
  pull: PullRequestEvent,
  context: { runUrl: string },
  client: GitHubClient | undefined,
  limits: YamlLimits = defaultYamlLimits,
): Promise<void> {
  const root = repositoryRootAbove(process.cwd());
  const fromRoot = (path: string) => relative(root, resolve(path)).split(sep).join('/');
  const notes: string[] = [];
  const baseInCheckout = hasCommit(pull.baseSha);
  const changes = await changesOf(pull, baseInCheckout, client, notes);

  const files = pipelineFilesIn(paths);
  const reports = files.length ? validatePaths(files, limits) : [];
  const reportOf = new Map(reports.map((r) => [fromRoot(r.file), r]));
  const isPipelinePath = pipelinePathTest(paths, fromRoot);

  const changed: ChangedPipeline[] = [];
  const validated: ValidatedFile[] = [];
  const validatedReports: FileReport[] = [];
  const take = (report: FileReport, reason: ValidatedFile['reason']) => {
    validatedReports.push(report);
    validated.push({
      file: report.file,
      ...(report.model !== undefined && { pipeline: report.model.name, tasks: report.model.tasks.size }),
      errors: report.errors.length,
      reason,
    });
  };
  if (changes === undefined) {
    for (const report of reports) take(report, 'changed');
  } else {
    for (const change of changes) {
      const headPath = change.status === 'removed' ? undefined : change.path;
      const basePath = change.status === 'added' ? undefined : (change.previousPath ?? change.path);
      const head = headPath === undefined ? undefined : reportOf.get(headPath);
      const baseIsPipeline = basePath !== undefined && isPipelinePath(basePath);
      if (!head && !baseIsPipeline) continue;
      if (head) take(head, 'changed');
      const status =
        head && baseIsPipeline ? (basePath !== headPath ? 'renamed' : 'modified') : head ? 'added' : 'removed';
      changed.push(
        compareVersions({
          file: (head ? headPath : basePath) as string,
          status,
          ...(status === 'renamed' && { previousFile: basePath }),
          head,
          baseSha: baseInCheckout ? pull.baseSha : undefined,
          limits,
        }),
      );
    }
    // What a changed, added, removed or renamed file was to the pipelines that call it.
    const touched = new Set(changed.flatMap((c) => [c.file, ...(c.previousFile ? [c.previousFile] : [])]));
    for (const report of reports) {
      if (validatedReports.includes(report) || !report.model) continue;
      const model = report.model;
      const calls = [...model.tasks.values()].some(
        (task) =>
          task.action.kind === 'pipeline' &&
          touched.has(fromRoot(resolve(repositoryRoot(model.file), task.action.path))),
      );
      if (calls) take(report, 'calls a changed pipeline');
    }
  }

  // Drift is an error of the pipeline whose workflow it is, counted with its others.
  const stale: StaleWorkflow[] = [];
  for (const change of changed) {
    const report = change.status === 'removed' ? undefined : reportOf.get(change.file);
    if (!report || report.errors.length) continue;
    const drift = checkDrift(report.file, root, limits);
    report.errors.push(...drift.errors);
    const entry = validated.find((v) => v.file === report.file);
    if (entry) entry.errors = report.errors.length;
    if (drift.stale) stale.push(drift.stale);
  }
  const errors: DaglineError[] = validatedReports.flatMap((r) => r.errors);

  const report: PullRequestReport = {
    number: pull.number,
    ...(baseInCheckout && { baseSha: pull.baseSha }),
    changed,
    validated,
    errors,
    stale,
    notes,
    runUrl: context.runUrl,
  };
  if (errors.length) outUntrusted(processIo(), `${errors.map((e) => printable(formatErrorLine(e))).join('\n')}\n`);
  core.info(`dagline validate: ${validationLine(report)}`);
  core.setOutput('valid', errors.length === 0);
  core.setOutput('errors', errors.length);
  core.setOutput(
    'pipelines',
    JSON.stringify(
      validatedReports
        .filter((r) => r.pipeline && !r.errors.length)
        .map((r) => ({ file: r.file, name: r.pipeline, tasks: r.tasks })),
    ),
  );
  await writeSummary(report);

  const annotated = await publish(report, pull, context, client, changes !== undefined, fromRoot);
  if (!annotated) for (const error of errors) annotate(error);
  if (errors.length)
    core.setFailed(
      `${validationLine(report)}: see ${annotated ? `the check run ${VALIDATE_CHECK_RUN}` : 'the annotations'}`,
    );
}

/**
 * The files the pull request changes: from git when the base commit is in the checkout
 * (fetch-depth: 0), else from GitHub's list of the pull request's files. Undefined when neither
 * can tell: every pipeline file is checked then, and nothing is compared or commented.
 */
async function changesOf(
  pull: PullRequestEvent,
  baseInCheckout: boolean,
  client: GitHubClient | undefined,
  notes: string[],
): Promise<ChangedFile[] | undefined> {
  if (baseInCheckout) return changedFiles(pull.baseSha, 'HEAD');
  const missing = `The base commit ${pull.baseSha.slice(0, 12)} is not in this checkout (check out with fetch-depth: 0), so no pipeline is compared with its base version`;
  if (client) {
    try {
      const files = (await client.listPullFiles(pull.number)).map(fromPullFile);
      notes.push(`${missing}; the changed files come from GitHub's list.`);
      return files;
    } catch (thrown) {
      if (!(thrown instanceof GitHubApiError)) throw thrown;
      core.warning(`dagline: ${thrown.message}`);
    }
  }
  notes.push(`${missing}, and GitHub could not list the changed files: every pipeline file is checked.`);
  return undefined;
}

function fromPullFile(file: PullFile): ChangedFile {
  if (file.status === 'renamed' && file.previousFilename !== undefined)
    return { path: file.filename, status: 'renamed', previousPath: file.previousFilename };
  if (file.status === 'removed') return { path: file.filename, status: 'removed' };
  // copied is a new file; changed and unchanged (a mode change) leave the file where it was.
  return { path: file.filename, status: file.status === 'added' || file.status === 'copied' ? 'added' : 'modified' };
}

/** The pipeline files under `paths` as the pull request leaves them; a path it removed has none. */
function pipelineFilesIn(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) return [];
    try {
      return findPipelineFiles([path]);
    } catch (error) {
      if (error instanceof FileError) return []; // a folder whose last pipeline the pull request removed
      throw error;
    }
  });
}

/** Whether a repository path is where `paths` say pipelines are: a file named, or a YAML file in a folder named. */
function pipelinePathTest(paths: string[], fromRoot: (path: string) => string): (path: string) => boolean {
  const files = new Set<string>();
  const folders: string[] = [];
  for (const path of paths) {
    const folder = existsSync(path) ? statSync(path).isDirectory() : !/\.ya?ml$/i.test(path);
    if (folder) folders.push(`${fromRoot(path)}/`.replace(/^\.?\/$/, ''));
    else files.add(fromRoot(path));
  }
  return (path) =>
    files.has(path) ||
    (/\.ya?ml$/i.test(path) &&
      folders.some(
        (folder) =>
          path.startsWith(folder) &&
          // Hidden folders and node_modules are not searched for pipelines (findPipelineFiles).
          !path
            .slice(folder.length)
            .split('/')
            .slice(0, -1)
            .some((part) => part.startsWith('.') || part === 'node_modules'),
      ));
}

/**
 * One changed pipeline compared with its base version. A version that does not validate but whose
 * meaning alone is wrong (a cycle) is compared as written; one that does not load says why not.
 */
function compareVersions(input: {
  file: string;
  status: ChangedPipeline['status'];
  previousFile?: string;
  head: FileReport | undefined;
  baseSha: string | undefined;
  limits: YamlLimits;
}): ChangedPipeline {
  const { file, status, head, baseSha } = input;
  const change: ChangedPipeline = {
    file,
    status,
    ...(input.previousFile !== undefined && { previousFile: input.previousFile }),
    notes: [],
  };
  let headModel: Pipeline | undefined;
  if (head) {
    headModel = head.model;
    if (!headModel) return { ...change, unavailable: 'this version does not load (its errors are annotated)' };
    if (head.errors.length)
      change.notes.push(`This version does not validate (${count(head.errors.length, 'error')}): compared as written.`);
  }
  let baseModel: Pipeline | undefined;
  const basePath = input.previousFile ?? file;
  if (status !== 'added') {
    if (baseSha === undefined) return { ...change, unavailable: 'the base commit is not in this checkout' };
    let loaded: ReturnType<typeof readPipelineAt>;
    try {
      loaded = readPipelineAt(baseSha, basePath, input.limits);
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      return { ...change, unavailable: error.message };
    }
    if (loaded.ok) baseModel = loaded.pipeline;
    else if (loaded.unchecked) {
      baseModel = loaded.unchecked;
      change.notes.push(
        `The base version does not validate (${count(loaded.errors.length, 'error')}): compared as written.`,
      );
    } else {
      const first = loaded.errors[0];
      return {
        ...change,
        unavailable: `the base version does not load${first ? `: ${formatErrorLine(first).replace(`${baseSha}:`, '')}` : ''}`,
      };
    }
  }
  const diff = diffPipelines(baseModel, headModel);
  // The base side was read as SHA:PATH; the reader knows it by its path.
  if (diff.base) diff.base = { ...diff.base, file: basePath };
  if (diff.head) diff.head = { ...diff.head, file };
  return {
    ...change,
    diff,
    ...(baseModel && { base: baseModel }),
    ...(headModel && { head: headModel }),
  };
}

/**
 * A changed pipeline's committed compiled workflow, when there is one, against what compiling it
 * gives now: stale (an error, with the command that regenerates it), or errors of what the
 * workflow can no longer say. The command keeps the `--action` the committed file was compiled with.
 */
function checkDrift(file: string, root: string, limits: YamlLimits): { errors: DaglineError[]; stale?: StaleWorkflow } {
  const loaded = readPipelineFile(file, limits);
  if (!loaded.ok) return { errors: [] };
  const workflow = join(root, workflowPath(loaded.pipeline.name));
  if (!existsSync(workflow)) return { errors: [] };
  const action = /^#\s+npx dagline compile \S+.* --action (\S+)/m.exec(readFileSync(workflow, 'utf8'))?.[1];
  const result = compileLoaded(loaded, file, action === undefined ? {} : { action }, limits);
  if (!result.ok) return { errors: [...result.errors] };
  if (compiledState(result.compiled) === 'up to date') return { errors: [] };
  const shown = relative(root, workflow).split(sep).join('/');
  return {
    errors: [
      new CompileError(
        `${shown} is out of date with this pipeline`,
        loaded.locator.at(['name']),
        `regenerate it: ${result.compiled.command}`,
      ),
    ],
    stale: { workflow: shown, pipelineFile: loaded.pipeline.file, command: result.compiled.command },
  };
}

async function writeSummary(report: PullRequestReport): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  // The limit is in bytes: text with many multi-byte characters is made again, smaller.
  let limit = SUMMARY_LIMIT - 16 * 1024;
  let text = summaryMarkdown(report, limit);
  while (Buffer.byteLength(text) > SUMMARY_LIMIT - 1024 && limit > 1024) {
    limit = Math.floor(limit / 2);
    text = summaryMarkdown(report, limit);
  }
  await core.summary.addRaw(text).write();
}

/**
 * The check run and the comment. A fork's pull request, or a run without a token, writes nothing
 * (a notice says so); a write GitHub refuses (403: the workflow's permissions lack it) is skipped
 * with a notice, never failing validation. Returns whether the check run holds the annotations.
 */
async function publish(
  report: PullRequestReport,
  pull: PullRequestEvent,
  context: { runUrl: string },
  client: GitHubClient | undefined,
  compared: boolean,
  fromRoot: (path: string) => string,
): Promise<boolean> {
  if (!client || pull.fromFork) {
    core.notice(
      pull.fromFork
        ? `dagline: a pull request from a fork gets a read-only token, so there is no check run ${VALIDATE_CHECK_RUN} and no comment; the annotations and the job summary hold the result`
        : `dagline: no GitHub token, so there is no check run ${VALIDATE_CHECK_RUN} and no comment`,
    );
    return false;
  }
  const output = checkRunOutput(report, CHECK_RUN_TEXT_LIMIT);
  const published = await tryWrite(`check run ${VALIDATE_CHECK_RUN}`, () =>
    publishCheckRun(client, {
      name: VALIDATE_CHECK_RUN,
      headSha: pull.headSha,
      detailsUrl: context.runUrl,
      conclusion: report.errors.length ? 'failure' : 'success',
      ...output,
      annotations: report.errors.map((error) => {
        const annotation = checkAnnotationOf(error, report.changed[0]?.file ?? '.');
        return { ...annotation, path: fromRoot(annotation.path) };
      }),
    }),
  );
  if (compared)
    await tryWrite('comment on the pull request', () =>
      keepMarkedComment(client, pull.number, COMMENT_MARKER, commentBody(report)),
    );
  return published !== undefined;
}

async function tryWrite<T>(what: string, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (thrown) {
    if (!(thrown instanceof GitHubApiError)) throw thrown;
    if (thrown.status === 403)
      core.notice(
        `dagline: no ${what}: the token may not write it (the workflow needs checks: write and pull-requests: write; a fork's token is read-only)`,
      );
    else core.warning(`dagline: no ${what}: ${thrown.message}`);
    return undefined;
  }
}
