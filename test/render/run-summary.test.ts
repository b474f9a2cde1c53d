// @vitest-environment jsdom
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { marked } from 'marked';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { CHECK_RUN_TEXT_LIMIT } from '../../src/github/check-run.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';
import { taskLabel } from '../../src/render/cluster-tree.js';
import { JOB_SUMMARY_LIMIT, renderRunSummary, type RunForSummary } from '../../src/render/run-summary.js';
import type { ErrorEntry, RunRecord, TaskState, TaskStatus } from '../../src/state/run-record.js';
import { examplePipelines, pipelineOf } from '../helpers.js';
import { Repo } from '../run/harness.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const START = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();

function record(pipeline: Pipeline, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'gh-1234',
    pipeline: pipeline.name,
    file: pipeline.file,
    sources: [],
    targets: [],
    actor: 'octocat',
    trigger: 'dispatch',
    params: {},
    status: 'failed',
    startedAt: at(0),
    endedAt: at(600),
    sha256: 'a'.repeat(64),
    process: { pid: 1, host: 'runner' },
    resumes: 0,
    ...overrides,
  };
}

/** A state for a leg: `attempts` attempts of 10 s each from `start`, the last ending in `status`. */
function leg(task: string, status: TaskStatus, start: number, attempts = 1, name = task): TaskState {
  const ran = status !== 'skipped' && status !== 'upstream_failed' && status !== 'pending';
  const list = ran
    ? Array.from({ length: attempts }, (_, i) => ({
        number: i + 1,
        startedAt: at(start + i * 10),
        ...(status !== 'running' || i < attempts - 1
          ? { endedAt: at(start + i * 10 + 8), exitCode: i < attempts - 1 || status === 'failed' ? 1 : 0 }
          : {}),
      }))
    : [];
  return {
    task,
    leg: name,
    status,
    attempts: list,
    outputs: {},
    ...(ran && { startedAt: at(start) }),
    ...(ran && status !== 'running' && { endedAt: at(start + attempts * 10) }),
  };
}

/** Every task of a pipeline, in file order, each with the status `statusOf` gives it. */
function runOf(pipeline: Pipeline, statusOf: (id: string, i: number) => TaskStatus = () => 'success'): RunForSummary {
  const tasks = [...pipeline.tasks.keys()].map((id, i) => leg(id, statusOf(id, i), i * 5));
  const failed = tasks.some((t) => t.status === 'failed');
  return { record: record(pipeline, { status: failed ? 'failed' : 'completed' }), tasks, errors: [], pipeline };
}

/** The ```mermaid blocks of a Markdown text. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

/** What Mermaid shows for a text it parsed: its entity codes turned back into characters. */
function shown(text: string): string {
  const html = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';').trim();
  const element = document.createElement('textarea');
  element.innerHTML = html;
  return element.value;
}

interface ParsedDiagram {
  db: {
    getVertices?: () => Map<string, { text: string; classes: string[] }>;
    getTasks?: () => { task: string; section: string; crit: boolean; done: boolean; active: boolean }[];
  };
}

/** Parses with Mermaid itself (any error fails the test) and gives the diagram's contents. */
async function parse(diagram: string): Promise<ParsedDiagram> {
  await mermaid.parse(diagram);
  return (await mermaid.mermaidAPI.getDiagramFromText(diagram)) as unknown as ParsedDiagram;
}

/** The Markdown as GitHub renders it (GFM), in a document. */
function rendered(markdown: string): Document {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
}

const hostile = pipelineOf(
  `
name: hostile
stages:
  end: {}
tasks:
  title: { run: echo, name: 'title %%{init: {"securityLevel": "loose"}}%% "q" ]) #x; a:b | c' }
  section: { run: echo, needs: [title], stage: end, name: '${HOSTILE}' }
  click: { run: echo, needs: [title], group: '<b>g "x" %% y', name: '\`code\` [link](javascript:alert(1)) *em* $x$' }
  load: { run: echo, needs: [section, click], matrix: { period: ['<script>alert(1)</script>', 'a|b', '2024-01-01 x'] } }
`,
  `pipelines/${HOSTILE}.yml`,
);

function hostileRun(): RunForSummary {
  const tasks: TaskState[] = [
    leg('title', 'success', 0, 2),
    leg('section', 'failed', 30, 3),
    leg('click', 'success', 30),
    leg('load', 'success', 70, 1, `load (<script>alert(1)</script>)`),
    leg('load', 'failed', 70, 1, 'load (a|b)'),
    leg('load', 'running', 75, 2, 'load (2024-01-01 x)'),
  ];
  const errors: ErrorEntry[] = [
    {
      task: 'section',
      type: 'process',
      message: `exit 1 | ${HOSTILE}\nsecond line %%{init: {}}%% \`\`\` </details>`,
      fatal: true,
      at: at(60),
      attempt: 3,
    },
    { task: 'load (a|b)', type: 'timeout', message: 'ran past 10m', fatal: true, at: at(80) },
    { type: 'system', message: `run-level ${HOSTILE}`, fatal: false, at: at(90) },
  ];
  return {
    record: record(hostile, {
      actor: `${HOSTILE}|x`,
      params: { 'stage|x': `a|b\n${HOSTILE}`, flag: true, n: 3, none: null },
    }),
    tasks,
    errors,
    pipeline: hostile,
  };
}

const examples = examplePipelines();

describe('the run summary', () => {
  it("draws the DAG coloured by status and the attempts on a time line, both accepted by Mermaid's parser, for every example", async () => {
    const statuses: TaskStatus[] = ['success', 'failed', 'skipped', 'upstream_failed', 'cancelled'];
    for (const pipeline of examples) {
      const run = runOf(pipeline, (_, i) => statuses[i % statuses.length] as TaskStatus);
      const markdown = renderRunSummary(run);
      const [graph, gantt] = mermaidBlocks(markdown);
      expect(graph, pipeline.file).toBeDefined();
      const flow = await parse(graph as string);
      const vertices = [...(flow.db.getVertices?.().values() ?? [])];
      for (const [i, id] of [...pipeline.tasks.keys()].entries()) {
        const vertex = vertices.find((v) => shown(v.text) === taskLabel(pipeline.tasks.get(id)!));
        expect(vertex?.classes, `${pipeline.file}: ${id}`).toContain(statuses[i % statuses.length]);
      }
      const bars = (await parse(gantt as string)).db.getTasks?.() ?? [];
      expect(bars.length).toBe(run.tasks.filter((t) => t.attempts.length > 0).length);
    }
  });

  it('shows hostile names as the text they are: in the Markdown, in HTML, in Mermaid labels', async () => {
    const run = hostileRun();
    const markdown = renderRunSummary(run);
    const [graph, gantt] = mermaidBlocks(markdown);

    // Mermaid: every label reads back as the name, classes as the statuses; no directive got through.
    expect(`${graph}${gantt}`.replace(/-->/g, '')).not.toMatch(/%%|<|>/);
    const flow = await parse(graph as string);
    const vertices = [...(flow.db.getVertices?.().values() ?? [])];
    const texts = vertices.map((v) => shown(v.text));
    for (const task of hostile.tasks.values()) expect(texts).toContain(taskLabel(task));
    expect(vertices.find((v) => shown(v.text) === taskLabel(hostile.tasks.get('section')!))?.classes).toEqual([
      'failed',
    ]);
    expect(vertices.find((v) => shown(v.text).startsWith('load'))?.classes).toEqual(['failed']); // its worst leg
    const bars = (await parse(gantt as string)).db.getTasks?.() ?? [];
    expect(bars.map((b) => shown(b.task))).toEqual([
      'title (attempt 1)',
      'title (attempt 2)',
      'click',
      'load (<script>alert(1)</script>)',
      'load (a|b)',
      'load (2024-01-01 x) (attempt 1)',
      'load (2024-01-01 x) (attempt 2)',
      'section (attempt 1)',
      'section (attempt 2)',
      'section (attempt 3)',
    ]);
    expect(bars.filter((b) => b.crit).map((b) => shown(b.task))).toEqual([
      'title (attempt 1)',
      'load (a|b)',
      'load (2024-01-01 x) (attempt 1)',
      'section (attempt 1)',
      'section (attempt 2)',
      'section (attempt 3)',
    ]);
    expect(bars.filter((b) => b.active).map((b) => shown(b.task))).toEqual(['load (2024-01-01 x) (attempt 2)']);
    expect(shown(bars.at(-1)!.section)).toBe('stage: end');

    // Markdown as GitHub renders it: no element from a value, every row of the tables whole.
    const doc = rendered(markdown);
    expect(doc.querySelectorAll('img, script, a[href^="javascript"], em, b, details').length).toBe(0);
    const [params, tasks] = [...doc.querySelectorAll('table')];
    const cells = (table: Element | undefined) =>
      [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent),
      );
    expect(cells(params)).toEqual([
      ['stage|x', `a|b ${HOSTILE}`],
      ['flag', 'true'],
      ['n', '3'],
      ['none', ''],
    ]);
    const rows = cells(tasks);
    expect(rows.map((r) => r[0])).toEqual(run.tasks.map((t) => t.leg));
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows.find((r) => r[0] === 'section')).toEqual([
      'section',
      '❌ failed',
      '3',
      '30s',
      `process (fatal), attempt 3: exit 1 | ${HOSTILE}second line %%{init: {}}%% \`\`\` </details>`,
    ]);
    expect(rows.find((r) => r[0] === 'load (a|b)')?.[4]).toBe('timeout (fatal): ran past 10m');
    const text = doc.body.textContent ?? '';
    expect(text).toContain(`run-level ${HOSTILE}`);
    expect(text).toContain(`${HOSTILE}|x`); // the actor
    expect(text).toContain(`pipelines/${HOSTILE}.yml`);
  });

  it('reads a real run: retries, a failure, its errors and the params it had', async () => {
    const repo = new Repo();
    const pipeline = repo.pipeline(
      'p.yml',
      'name: real\nparams: { day: { type: string, default: "2026-03-01" } }\nstages:\n  load: {}\ntasks:\n  fetch: { run: "echo ok" }\n  flaky: { stage: load, needs: [fetch], run: "exit 3", retries: 1, retry-delay: 1ms }\n  after: { needs: [flaky], run: "echo never" }\n',
    );
    const outcome = await repo.run(pipeline);
    const markdown = renderRunSummary({
      record: outcome.record!,
      tasks: outcome.tasks,
      errors: outcome.errors,
      pipeline,
    });
    const doc = rendered(markdown);
    const rows = [...doc.querySelectorAll('table')[1]!.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    );
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['fetch', '✅ success', '1'],
      ['flaky', '❌ failed', '2'],
      ['after', '⛔ upstream_failed', '0'],
    ]);
    expect(rows[1]![4]).toMatch(/^process/);
    expect(doc.querySelector('h2')?.textContent).toBe('❌ dagline / real: failed');
    const [graph, gantt] = mermaidBlocks(markdown);
    await parse(graph!);
    expect((await parse(gantt!)).db.getTasks?.().map((b) => shown(b.task))).toEqual([
      'fetch',
      'flaky (attempt 1)',
      'flaky (attempt 2)',
    ]);
  });

  it("keeps within GitHub's limits: pictures go first, then successful tasks, each cut said", async () => {
    const chain = (n: number, id: (i: number) => string) =>
      pipelineOf(
        `name: big\ntasks:\n${Array.from({ length: n }, (_, i) => `  ${id(i)}: { run: echo${i > 0 ? `, needs: [${id(i - 1)}]` : ''} }`).join('\n')}\n`,
      );
    const big = chain(400, (i) => `task_${i}_${'x'.repeat(60)}`);
    const run = runOf(big, (_, i) => (i % 50 === 7 ? 'failed' : 'success'));
    const rows = (markdown: string) =>
      [...rendered(markdown).querySelectorAll('table tbody tr')].map((tr) => tr.querySelector('td')?.textContent);

    const summary = renderRunSummary(run, { limit: JOB_SUMMARY_LIMIT });
    expect(mermaidBlocks(summary)).toHaveLength(2);
    expect(rows(summary)).toHaveLength(400);

    const check = renderRunSummary(run, { limit: CHECK_RUN_TEXT_LIMIT });
    expect(Buffer.byteLength(check)).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(mermaidBlocks(check)).toHaveLength(0);
    expect(check).toContain('### Graph\n\nNot drawn: it does not fit in this summary with the rest.');
    expect(check).toContain('### Timeline\n\nNot drawn: it does not fit in this summary with the rest.');
    expect(rows(check)).toHaveLength(400);

    const small = renderRunSummary(run, { limit: 20_000 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(20_000);
    const kept = rows(small);
    expect(small).toContain(`… and ${400 - kept.length} more tasks, left out to fit GitHub's limit`);
    // The failed tasks first, then as many others as fit, in the run's order.
    const failed = run.tasks.filter((t) => t.status === 'failed').map((t) => t.leg);
    expect(failed).toHaveLength(8);
    for (const leg of failed) expect(kept).toContain(leg);
    expect(kept.length).toBeGreaterThan(50);
    expect(kept).toEqual(run.tasks.map((t) => t.leg).filter((leg) => kept.includes(leg)));

    const wide = renderRunSummary(runOf(chain(600, (i) => `t${i}`)));
    expect(wide).toContain('### Graph\n\nNot drawn: it has 599 edges, more than Mermaid draws (500).');
    expect(mermaidBlocks(wide)).toHaveLength(1);

    const tiny = renderRunSummary(hostileRun(), { limit: 400 });
    expect(Buffer.byteLength(tiny)).toBeLessThanOrEqual(400);
    expect(tiny).toMatch(/cut to fit GitHub's limit/);
  });

  it('says when the run ran nothing, and draws the graph of a run on hold without a time line', async () => {
    const pipeline = examples[0]!;
    const markdown = renderRunSummary({
      record: record(pipeline, { status: 'on_hold', release: undefined }),
      tasks: [],
      errors: [{ type: 'system', message: 'pipeline "funnel" is on hold', fatal: true, at: at(0) }],
      pipeline,
    });
    expect(markdown).toContain('## ⏸️ dagline / funnel: on_hold');
    expect(markdown).toContain('### Tasks\n\nNo task ran.');
    expect(markdown).not.toContain('### Timeline');
    expect(mermaidBlocks(markdown)).toHaveLength(1);
    await parse(mermaidBlocks(markdown)[0]!);
  });
});
