import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../../src/cli/commands/compile.js';
import type { CliIo } from '../../src/cli/io.js';
import { DAGLINE_ACTION } from '../../src/compile/pinned-actions.js';
import { COMMENT_MARKER } from '../../src/diff/pull-request-report.js';
import { defaultYamlLimits } from '../../src/pipeline-format/read-yaml.js';
import { REPOSITORY_ROOT } from '../github/dagline-action.js';
import type { GitHubHarness } from '../github/harness.js';
import type { WorkflowRun } from '../github/workflow-run.js';
import { compiledHarness, DAGLINE, FIRST_BUNDLE_TIMEOUT } from './action-repo.js';

const ETL_BASE = `name: etl
params:
  day: { type: string, default: "1" }
tasks:
  extract: { run: echo extract }
  transform: { needs: [extract], run: echo transform }
  load: { needs: [transform], run: echo load }
  report: { needs: [load, transform], run: echo report }
`;
/** One task added (audit), one edge removed (transform -> report), one param retyped (day). */
const ETL_HEAD = `name: etl
params:
  day: { type: number, default: 1 }
tasks:
  extract: { run: echo extract }
  transform: { needs: [extract], run: echo transform }
  load: { needs: [transform], run: echo load }
  report: { needs: [load], run: echo report }
  audit: { needs: [load], run: echo audit }
`;
const INGEST_BASE = `name: ingest
tasks:
  fetch: { run: echo fetch }
  parse: { needs: [fetch], run: echo parse }
  store: { needs: [parse], run: echo store }
`;
const INGEST_CYCLE = INGEST_BASE.replace('fetch: { run', 'fetch: { needs: [store], run');
const NIGHTLY = `name: nightly
tasks:
  etl: { pipeline: pipelines/etl.yml }
`;
const REPORTS_BASE = `name: reports
tasks:
  render: { run: echo render }
`;
const REPORTS_HEAD = `${REPORTS_BASE}  publish: { needs: [render], run: echo publish }
`;

/** The copy-paste workflow as a repository commits it. */
const PULL_REQUEST_WORKFLOW = readFileSync(join(REPOSITORY_ROOT, 'workflows/pull-request.yml'), 'utf8');
const CHECK = 'dagline / validate';

/** What `dagline compile` writes for a pipeline text, as the repository's file pipelines/<name>.yml. */
function compiled(file: string, text: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'dagline-compile-'));
  try {
    mkdirSync(join(repo, '.git'));
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), text);
    const io: CliIo = { out: () => {}, err: (t) => expect.fail(t), env: {} };
    return compileFile(join(repo, file), { action: DAGLINE }, defaultYamlLimits, io).text;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

describe('the action: validate on a pull request', { timeout: 600_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness(
      {
        'pipelines/etl.yml': ETL_BASE,
        'pipelines/ingest.yml': INGEST_BASE,
        'pipelines/nightly.yml': NIGHTLY,
        'pipelines/reports.yml': REPORTS_BASE,
        '.github/workflows/dagline-pull-request.yml': PULL_REQUEST_WORKFLOW,
      },
      ['pipelines/reports.yml'],
      // The workflow names dagline's action by its pin, as a repository that copies it does.
      { daglineAction: DAGLINE_ACTION.uses },
    );
  });
  afterAll(() => gh.close());

  /** Runs the pull request's one run and returns it with the REST requests it made. */
  async function pullRequest(
    options: Parameters<GitHubHarness['pullRequest']>[0],
  ): Promise<{ run: WorkflowRun; requests: typeof gh.api.requests }> {
    const runs = await gh.pullRequest(options);
    expect(runs).toHaveLength(1);
    const before = gh.api.requests.length;
    const run = await runs[0]!.execute();
    return { run, requests: gh.api.requests.slice(before) };
  }
  const commentsOn = (number: number) => gh.state.comments.filter((c) => c.issueNumber === number);
  const lastCheck = () => gh.state.checkRuns.filter((c) => c.name === CHECK).at(-1)!;

  it(
    'annotates, fails the check and comments once; updates that comment when fixed; deletes it when reverted',
    async () => {
      // 1. A task added, an edge removed, a param retyped, and a cycle in a second file.
      const head1 = gh.commit(
        { 'pipelines/etl.yml': ETL_HEAD, 'pipelines/ingest.yml': INGEST_CYCLE },
        { branch: 'topic' },
      );
      const first = await pullRequest({ number: 1, head: 'topic' });
      const job = first.run.job('validate');
      expect(job.result).toBe('failure');
      expect(first.requests.map((r) => r.operationId)).toEqual([
        'checks/create',
        'issues/list-comments',
        'issues/create-comment',
      ]);
      const check = lastCheck();
      expect([check.status, check.conclusion, check.headSha]).toEqual(['completed', 'failure', head1]);
      expect(check.output.title).toBe('1 error in 1 file (3 pipeline files checked)');
      expect(check.annotations).toEqual([
        {
          path: 'pipelines/ingest.yml',
          start_line: 4,
          end_line: 4,
          start_column: 20,
          annotation_level: 'failure',
          title: 'dagline',
          message:
            'cycle: fetch -> parse -> store -> fetch (fetch -> parse at line 4; parse -> store at line 5; store -> fetch at line 3)',
        },
      ]);
      // The check run holds the annotations: the step adds none of its own at the same places.
      expect(job.legs[0]!.annotations.filter((a) => a.file !== undefined)).toEqual([]);

      const [comment, ...more] = commentsOn(1);
      expect(more).toEqual([]);
      expect(comment!.user.login).toBe('github-actions[bot]');
      expect(
        comment!.body.startsWith(`${COMMENT_MARKER}\n## dagline: what this pull request does to its pipelines`),
      ).toBe(true);
      expect(comment!.body).toContain('**Validation:** 1 error in 1 file (3 pipeline files checked)');
      expect(comment!.body).toContain(
        '### `pipelines/etl.yml` (`etl`)\n\n1 task added, 1 changed; 1 edge added, 1 removed; 1 param retyped',
      );
      expect(comment!.body).toContain('| retyped | param | `day` | type `string` → `number` |');
      expect(comment!.body).toContain('| added | task | `audit` | run; needs `load` |');
      expect(comment!.body).toContain('| removed | edge | `transform` → `report` |');
      expect(comment!.body).toContain('### `pipelines/ingest.yml` (`ingest`)\n\n1 task changed; 1 edge added');
      expect(comment!.body).toContain('> This version does not validate (1 error): compared as written.');
      expect(comment!.body).toContain('```mermaid\nflowchart LR');

      const summary = job.legs[0]!.summary;
      expect(summary).toContain('## dagline validate: pull request #1');
      expect(summary).toContain('| `pipelines/nightly.yml` | `nightly` | 1 | calls a changed pipeline | valid |');
      expect(summary).toContain('| `pipelines/ingest.yml` | `ingest` | 3 | changed | 1 error |');
      expect(summary).toContain('#### The DAG after this change');
      expect(summary).toContain('pipelines/ingest.yml:4:20: error: cycle: fetch -> parse -> store -> fetch');

      // 2. The cycle fixed: the same comment, edited; the check green.
      gh.commit({ 'pipelines/ingest.yml': INGEST_BASE }, { branch: 'topic' });
      const second = await pullRequest({ number: 1, head: 'topic', action: 'synchronize' });
      expect(second.run.job('validate').result).toBe('success');
      expect(second.requests.map((r) => r.operationId)).toEqual([
        'checks/create',
        'issues/list-comments',
        'issues/update-comment',
      ]);
      expect([lastCheck().conclusion, lastCheck().annotations]).toEqual(['success', []]);
      const [updated, ...others] = commentsOn(1);
      expect(others).toEqual([]);
      expect(updated!.id).toBe(comment!.id);
      expect(updated!.body).toContain('**Validation:** valid (2 pipeline files checked)');
      expect(updated!.body).not.toContain('ingest.yml');

      // 3. The change reverted: nothing differs, so the comment goes.
      gh.commit({ 'pipelines/etl.yml': ETL_BASE }, { branch: 'topic' });
      const third = await pullRequest({ number: 1, head: 'topic', action: 'synchronize' });
      expect(third.run.job('validate').result).toBe('success');
      expect(third.requests.map((r) => r.operationId)).toEqual([
        'checks/create',
        'issues/list-comments',
        'issues/delete-comment',
      ]);
      expect(lastCheck()).toMatchObject({ conclusion: 'success', output: { title: 'no pipeline file changed' } });
      expect(commentsOn(1)).toEqual([]);
      expect(gh.api.violations).toEqual([]);
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it("validates a fork's pull request and writes its summary, with no write and no failing request", async () => {
    gh.commit({ 'pipelines/ingest.yml': INGEST_CYCLE }, { branch: 'fork-topic' });
    const { run, requests } = await pullRequest({ number: 2, head: 'fork-topic', fromFork: true });
    const job = run.job('validate');
    expect(job.result).toBe('failure');
    expect(requests).toEqual([]);
    expect(commentsOn(2)).toEqual([]);
    const leg = job.legs[0]!;
    expect(leg.annotations.filter((a) => a.file !== undefined).map((a) => [a.level, a.file, a.line, a.col])).toEqual([
      ['error', 'pipelines/ingest.yml', 4, 20],
    ]);
    expect(leg.annotations.some((a) => a.level === 'notice' && a.message.includes('from a fork'))).toBe(true);
    expect(leg.summary).toContain('## dagline validate: pull request #2');
    expect(leg.summary).toContain('### `pipelines/ingest.yml` (`ingest`)');
  });

  it('skips the writes GitHub refuses (403: the workflow grants no write) with a notice, and still passes', async () => {
    gh.commit(
      {
        'pipelines/ingest.yml': `${INGEST_BASE}  index: { needs: [store], run: echo index }\n`,
        '.github/workflows/dagline-pull-request.yml': PULL_REQUEST_WORKFLOW.replace(
          /permissions:\n( {2}.*\n)+/,
          'permissions:\n  contents: read\n',
        ),
      },
      { branch: 'read-only-topic' },
    );
    const { run, requests } = await pullRequest({ number: 5, head: 'read-only-topic' });
    const leg = run.job('validate').legs[0]!;
    expect(run.job('validate').result).toBe('success');
    expect(requests.map((r) => [r.operationId, r.status])).toEqual([
      ['checks/create', 403],
      ['issues/list-comments', 403],
    ]);
    expect(leg.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
      expect.stringMatching(/^dagline: no check run dagline \/ validate: the token may not write it/),
      expect.stringMatching(/^dagline: no comment on the pull request: the token may not write it/),
    ]);
    expect(leg.summary).toContain('| added | task | `index` | run; needs `store` |');
  });

  it('fails on a committed compiled workflow the change left behind, naming the command that regenerates it', async () => {
    gh.commit({ 'pipelines/reports.yml': REPORTS_HEAD }, { branch: 'reports-topic' });
    const stale = await pullRequest({ number: 3, head: 'reports-topic' });
    expect(stale.run.job('validate').result).toBe('failure');
    // The command keeps the action the committed workflow names (compiledHarness compiled it with the pin).
    const command = `npx dagline compile pipelines/reports.yml --action ${DAGLINE_ACTION.uses}`;
    expect(lastCheck().annotations).toEqual([
      expect.objectContaining({
        path: 'pipelines/reports.yml',
        start_line: 1,
        message: `.github/workflows/dagline-reports.yml is out of date with this pipeline (regenerate it: ${command})`,
      }),
    ]);
    expect(stale.run.job('validate').legs[0]!.summary).toContain(
      `- \`.github/workflows/dagline-reports.yml\` is out of date with \`pipelines/reports.yml\`: regenerate it with \`${command}\``,
    );

    // Running that command and committing its output makes the check green.
    gh.commit(
      { '.github/workflows/dagline-reports.yml': compiled('pipelines/reports.yml', REPORTS_HEAD) },
      { branch: 'reports-topic' },
    );
    const fixed = await pullRequest({ number: 3, head: 'reports-topic', action: 'synchronize' });
    expect(fixed.run.job('validate').result).toBe('success');
    expect(lastCheck().conclusion).toBe('success');
    expect(commentsOn(3)[0]!.body).toContain('| added | task | `publish` |');
  });

  it('asks GitHub for the changed files when the checkout lacks the base commit, and says it cannot compare', async () => {
    gh.commit(
      {
        'pipelines/ingest.yml': `${INGEST_BASE}  index: { needs: [store], run: echo index }\n`,
        'pipelines/reports.yml': REPORTS_HEAD,
        '.github/workflows/dagline-pull-request.yml': PULL_REQUEST_WORKFLOW.replace('fetch-depth: 0', 'fetch-depth: 1'),
      },
      { branch: 'shallow-topic' },
    );
    const { run, requests } = await pullRequest({ number: 4, head: 'shallow-topic' });
    expect(requests.map((r) => r.operationId)).toEqual([
      'pulls/list-files',
      'checks/create',
      'issues/list-comments',
      'issues/create-comment',
    ]);
    const body = commentsOn(4)[0]!.body;
    expect(body).toMatch(/is not in this checkout \(check out with fetch-depth: 0\)/);
    expect(body).toContain('### `pipelines/ingest.yml`\n\nno diff: the base commit is not in this checkout');
    // What cannot be compared is still validated, and its compiled workflow checked for drift.
    expect(run.job('validate').result).toBe('failure');
    expect(lastCheck().annotations.map((a) => [a.path, a.message.split(' (')[0]])).toEqual([
      ['pipelines/reports.yml', '.github/workflows/dagline-reports.yml is out of date with this pipeline'],
    ]);
  });

  it('compares with a base version that does not validate as written, and says why one that does not load cannot be', async () => {
    // The base branch itself has a cycle and a file that is not YAML; the pull request mends both.
    gh.commit({ 'pipelines/ingest.yml': INGEST_CYCLE, 'pipelines/broken.yml': 'name: broken\ntasks: [\n' });
    gh.commit(
      { 'pipelines/ingest.yml': INGEST_BASE, 'pipelines/broken.yml': 'name: broken\ntasks:\n  a: { run: echo a }\n' },
      { branch: 'mend-topic' },
    );
    const { run } = await pullRequest({ number: 6, head: 'mend-topic' });
    expect(run.job('validate').result).toBe('success');
    const body = commentsOn(6)[0]!.body;
    expect(body).toContain('### `pipelines/ingest.yml` (`ingest`)\n\n1 task changed; 1 edge removed');
    expect(body).toContain('> The base version does not validate (1 error): compared as written.');
    expect(body).toMatch(
      /### `pipelines\/broken\.yml`\n\nno diff: the base version does not load: pipelines\/broken\.yml:3:1: error: /,
    );
  });
});
