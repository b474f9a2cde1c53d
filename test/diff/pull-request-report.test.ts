import { describe, expect, it } from 'vitest';
import { diffPipelines } from '../../src/diff/pipeline-diff.js';
import {
  checkRunOutput,
  COMMENT_LIMIT,
  COMMENT_MARKER,
  commentBody,
  summaryMarkdown,
  type ChangedPipeline,
  type PullRequestReport,
} from '../../src/diff/pull-request-report.js';
import { GraphError } from '../../src/errors/dagline-error.js';
import { CHECK_RUN_TEXT_LIMIT } from '../../src/github/check-run.js';
import { pipelineOf } from '../helpers.js';

const RUN_URL = 'https://github.com/acme/pipes/actions/runs/7';

function changed(file: string, baseText: string | undefined, headText: string | undefined): ChangedPipeline {
  const base = baseText === undefined ? undefined : pipelineOf(baseText, file);
  const head = headText === undefined ? undefined : pipelineOf(headText, file);
  return {
    file,
    status: base && head ? 'modified' : head ? 'added' : 'removed',
    diff: diffPipelines(base, head),
    ...(base && { base }),
    ...(head && { head }),
    notes: [],
  };
}

function report(changes: ChangedPipeline[], extra: Partial<PullRequestReport> = {}): PullRequestReport {
  return {
    number: 9,
    baseSha: 'a'.repeat(40),
    changed: changes,
    validated: changes.map((c) => ({ file: c.file, errors: 0, reason: 'changed' as const })),
    errors: [],
    stale: [],
    notes: [],
    runUrl: RUN_URL,
    ...extra,
  };
}

/** A pipeline of `n` tasks in a chain, each with a long name. */
function chain(name: string, n: number): string {
  const tasks = Array.from(
    { length: n },
    (_, i) => `  task-${i}: { run: echo ${i}${i ? `, needs: [task-${i - 1}]` : ''}, name: "${'step '.repeat(8)}${i}" }`,
  );
  return `name: ${name}\ntasks:\n${tasks.join('\n')}\n`;
}

const SMALL_BASE = 'name: small\ntasks:\n  a: { run: echo a }\n';
const SMALL_HEAD = 'name: small\ntasks:\n  a: { run: echo a }\n  b: { needs: [a], run: echo b }\n';

describe('the pull request comment', () => {
  it('is absent when no pipeline differs, so that the comment goes', () => {
    const same = changed('pipelines/small.yml', SMALL_BASE, `${SMALL_BASE}# a comment only\n`);
    expect(commentBody(report([same]))).toBeUndefined();
    expect(commentBody(report([]))).toBeUndefined();
    expect(checkRunOutput(report([same]), CHECK_RUN_TEXT_LIMIT).text).toBeUndefined();
  });

  it('holds every diff in full when it fits, and names the files changed without a change to the DAG', () => {
    const body = commentBody(
      report([
        changed('pipelines/small.yml', SMALL_BASE, SMALL_HEAD),
        changed('pipelines/quiet.yml', SMALL_BASE, `${SMALL_BASE}# a comment only\n`),
      ]),
    )!;
    expect(body.startsWith(`${COMMENT_MARKER}\n## dagline: what this pull request does to its pipelines\n`)).toBe(true);
    expect(body).toContain('| added | task | `b` | run; needs `a` |');
    expect(body).toContain('Changed without a change to the DAG: `pipelines/quiet.yml`.');
    // Nothing in it changes from run to run unless the pipelines do: an unchanged comment is not written again.
    expect(body).not.toContain(RUN_URL);
  });

  it("stays within GitHub's limit: a large diff is summarised, a small one still in full, the job summary named", () => {
    const large = changed('pipelines/large.yml', 'name: large\ntasks:\n  a: { run: echo a }\n', chain('large', 1500));
    const full = summaryMarkdown(report([large]), Number.MAX_SAFE_INTEGER);
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT);
    const body = commentBody(report([changed('pipelines/small.yml', SMALL_BASE, SMALL_HEAD), large]))!;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain('| added | task | `b` | run; needs `a` |');
    expect(body).toContain('### `pipelines/large.yml` (`large`)\n\n1500 tasks added, 1 removed; 1499 edges added');
    expect(body).toContain(
      `The full diff of each pipeline, with its DAG, is in the [job summary](${RUN_URL}) of the run.`,
    );
    const text = checkRunOutput(report([large]), CHECK_RUN_TEXT_LIMIT).text!;
    expect(text.length).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
  });

  it('counts the pipelines past the limit when even their summaries do not fit', () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      changed(
        `pipelines/${'nested/'.repeat(12)}p${i}.yml`,
        SMALL_BASE.replace('small', `p${i}`),
        SMALL_HEAD.replace('small', `p${i}`),
      ),
    );
    const body = commentBody(report(many))!;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(/… and \d+ more changed pipelines\./);
    expect(body).toContain(`### \`pipelines/${'nested/'.repeat(12)}p0.yml\` (\`p0\`)`);
  });

  it('says why a pipeline could not be compared, and lists the first errors at their places, escaped', () => {
    const hostile = '<img src=x onerror=alert(1)> [x](http://e) `code` |';
    const body = commentBody(
      report(
        [
          {
            file: 'pipelines/broken.yml',
            status: 'modified',
            unavailable: 'the base version does not load: pipelines/broken.yml:1:1: error: not a mapping',
            notes: [],
          },
        ],
        {
          errors: Array.from(
            { length: 12 },
            (_, i) => new GraphError(`${hostile} ${i}`, { file: 'pipelines/broken.yml', line: i + 1, column: 3 }),
          ),
        },
      ),
    )!;
    expect(body).toContain(
      '### `pipelines/broken.yml`\n\nno diff: the base version does not load: pipelines/broken.yml:1:1: error: not a mapping',
    );
    expect(body).toContain('**Validation:** 12 errors in 1 file (1 pipeline file checked)');
    expect(body).toContain(
      '- `pipelines/broken.yml:1:3`: &lt;img src=x onerror=alert(1)&gt; \\[x\\](http://e) \\`code\\` \\| 0',
    );
    expect(body).toContain('- … and 2 more errors (see the check run)');
    expect(body).not.toContain('<img');
  });
});

describe('the job summary', () => {
  it('names a section past the limit with the command that shows it locally', () => {
    const large = changed('pipelines/large.yml', 'name: large\ntasks:\n  a: { run: echo a }\n', chain('large', 500));
    const text = summaryMarkdown(report([changed('pipelines/small.yml', SMALL_BASE, SMALL_HEAD), large]), 20_000);
    expect(text).toContain('#### The DAG after this change');
    expect(text).toContain(
      `### \`pipelines/large.yml\` (\`large\`)\n\nLeft out: too large for the job summary. Locally: \`npx dagline diff ${'a'.repeat(40)}:pipelines/large.yml pipelines/large.yml --format markdown\``,
    );
  });
});
