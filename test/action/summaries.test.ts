// @vitest-environment jsdom
/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planCommand } from '../../src/action/commands/plan.js';
import { reportCommand } from '../../src/action/commands/report.js';
import { validateCommand } from '../../src/action/commands/validate.js';
import type { RunnerContext } from '../../src/action/runner-context.js';
import type { GitHubClient } from '../../src/github/client.js';

/**
 * What the action writes as Markdown or HTML for GitHub to show (the job summary, a check run's
 * summary) with file names that are markup: rendered as GitHub renders Markdown (GFM, raw HTML
 * passed through), no element may come from a name, and each name reads as it is.
 */

const NAMES = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '[link](javascript:alert(3)) **b**'];

/** The Markdown as GitHub renders it, in a document. */
function rendered(markdown: string): Document {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
}

function expectInert(markdown: string, names: string[]): void {
  const document = rendered(markdown);
  expect(document.querySelectorAll('img, script, a[href^="javascript"], strong').length, markdown).toBe(0);
  for (const name of names) expect(document.body.textContent).toContain(name);
}

describe("the action's summaries", () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dagline-summaries-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'summary.md'), '');
    writeFileSync(join(dir, 'outputs'), '');
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md');
    process.env.GITHUB_OUTPUT = join(dir, 'outputs');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true); // the annotations
  });
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined; // the failed steps'
    vi.restoreAllMocks();
  });

  it('validate: the table, the errors and the headings hold file names as text (regression: <img> became a tag)', async () => {
    const folder = join(dir, 'pipelines');
    mkdirSync(folder);
    NAMES.forEach((name, i) => {
      writeFileSync(join(folder, `${name.replace(/\//g, '_')}.yml`), `name: p${i}\ntasks:\n  a: { run: echo }\n`);
      writeFileSync(join(folder, `bad ${name.replace(/\//g, '_')}.yml`), 'name: [\n');
    });
    await validateCommand([folder]);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expectInert(
      summary,
      NAMES.map((name) => name.replace(/\//g, '_')),
    );
    expect(rendered(summary).querySelectorAll('h3')).toHaveLength(NAMES.length);
  });

  it("plan and report: a check run's summary holds the file name as text", async () => {
    const outputs: string[] = [];
    const client = {
      createCheckRun: (input: { output?: { summary: string } }) => {
        if (input.output) outputs.push(input.output.summary);
        return Promise.resolve({ id: 1, htmlUrl: 'https://github.test/check/1' });
      },
      updateCheckRun: (_id: number, input: { output?: { summary: string } }) => {
        if (input.output) outputs.push(input.output.summary);
        return Promise.resolve();
      },
    } as unknown as GitHubClient;
    const context = {
      runId: 7,
      attempt: 1,
      eventName: 'workflow_dispatch',
      event: {},
      headSha: 'a'.repeat(40),
      actor: 'octocat',
      runUrl: 'https://github.test/run/7',
      workspace: dir,
      temp: dir,
    } as unknown as RunnerContext;
    const [name] = NAMES as [string];
    const good = join(dir, `${name}.yml`);
    writeFileSync(good, 'name: p\ntasks:\n  a: { run: echo }\n');
    await planCommand({ pipeline: good, inputs: {}, schedule: '' }, context, client);
    const bad = join(dir, `${name} bad.yml`);
    writeFileSync(bad, 'name: [\n');
    await reportCommand({ pipeline: bad, needs: {} }, context, client);
    expect(outputs).toHaveLength(2);
    for (const summary of outputs) expectInert(summary, [name]);
  });
});
