// The caller workflows users copy from workflows/: GitHub's parser and actionlint accept them,
// they grant least privilege, and every action is pinned exactly as the compiler pins it (the
// README's snippet too).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileFile } from '../../src/cli/commands/compile.js';
import { workflowPath } from '../../src/compile/compile-workflow.js';
import { CHECKOUT, DAGLINE_ACTION, DOWNLOAD_ARTIFACT, UPLOAD_ARTIFACT } from '../../src/compile/pinned-actions.js';
import { defaultYamlLimits } from '../../src/pipeline-format/read-yaml.js';
import { loadWorkflow } from '../github/workflow-file.js';
import { actionlint } from './actionlint.js';

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { permissions?: Record<string, string>; uses?: string; steps?: Step[] };
type Workflow = { permissions?: unknown; jobs: Record<string, Job> };

const callers = readdirSync('workflows')
  .filter((name) => name.endsWith('.yml'))
  .sort()
  .map((name) => ({ path: `.github/workflows/${name}`, text: readFileSync(join('workflows', name), 'utf8') }));

/** `uses:` as the compiler writes it: the pinned SHA and its version. */
const pinned = new Set(
  [CHECKOUT, UPLOAD_ARTIFACT, DOWNLOAD_ARTIFACT, DAGLINE_ACTION].map((p) => `${p.uses} # ${p.version}`),
);

/** What a job that runs steps may do: read, and for pull-request validation its check run and comment. */
const STEP_PERMISSIONS: Record<string, Record<string, string>> = {
  '.github/workflows/pull-request.yml': { contents: 'read', checks: 'write', 'pull-requests': 'write' },
};

/** What a caller calls: the compiled workflow of the funnel example, as `dagline compile` writes it. */
function calledWorkflow(path: string): string | undefined {
  if (path !== workflowPath('funnel')) return undefined;
  const io = { out: () => {}, err: () => {}, env: {} };
  return compileFile('examples/funnel/funnel.yml', {}, defaultYamlLimits, io).text;
}

describe('the caller workflows in workflows/', () => {
  it('are there: the compile check, the funnel rollout and pull-request validation', () => {
    expect(callers.map((c) => c.path)).toEqual([
      '.github/workflows/compile-check.yml',
      '.github/workflows/funnel-rollout.yml',
      '.github/workflows/pull-request.yml',
    ]);
  });

  it('validate every push of a pull request (no paths filter: a push reverting the pipelines deletes the comment), with the base commit checked out', () => {
    const workflow = parse(callers.find((c) => c.path.endsWith('/pull-request.yml'))!.text) as {
      on: Record<string, unknown>;
      jobs: Record<string, Job>;
    };
    expect(workflow.on).toEqual({ pull_request: null });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
    expect(steps.map((s) => s.uses)).toEqual([CHECKOUT.uses, DAGLINE_ACTION.uses]);
    expect(steps[0]!.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
  });

  it("pass GitHub's workflow parser, calls checked against the compiled workflow's inputs", async () => {
    for (const { path, text } of callers) await expect(loadWorkflow(path, text, calledWorkflow)).resolves.toBeDefined();
  });

  it('pass actionlint with no finding', async () => {
    for (const { path, text } of callers) {
      const findings = await actionlint(text, path);
      expect(findings.map((f) => `${path}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)).toEqual([]);
    }
  }, 120_000);

  it('grant least privilege, pin every action as the compiler does, keep no credentials, put no ${{ }} in a run:', () => {
    for (const { path, text } of callers) {
      const workflow = parse(text) as Workflow;
      for (const [id, job] of Object.entries(workflow.jobs)) {
        const where = `${path} ${id}`;
        if (job.uses !== undefined) {
          // A call grants the compiled workflow's jobs what they use: read, and write the check run.
          expect(workflow.permissions, path).toEqual({});
          expect(job.uses, where).toMatch(/^\.\/\.github\/workflows\/dagline-[a-z0-9_-]+\.yml$/);
          expect(job.permissions, where).toEqual({ contents: 'read', actions: 'read', checks: 'write' });
          continue;
        }
        expect(job.permissions ?? workflow.permissions, where).toEqual(STEP_PERMISSIONS[path] ?? { contents: 'read' });
        for (const step of job.steps ?? []) {
          expect(step.run ?? '', where).not.toContain('${{');
          if (step.uses === CHECKOUT.uses) expect(step.with, where).toMatchObject({ 'persist-credentials': false });
        }
      }
      for (const line of text.split('\n').filter((l) => /^\s*(- )?uses: [^.]/.test(l)))
        expect(pinned.has(line.replace(/^\s*(- )?uses: /, '')), `${path}: ${line.trim()}`).toBe(true);
    }
  });

  it("the README's snippet pins its actions as the compiler does", () => {
    const lines = readFileSync('README.md', 'utf8')
      .split('\n')
      .filter((l) => /^\s*(- )?uses: /.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(pinned.has(line.replace(/^\s*(- )?uses: /, '')), line.trim()).toBe(true);
  });
});
