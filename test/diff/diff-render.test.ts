// @vitest-environment jsdom
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { marked } from 'marked';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { diffToMarkdown } from '../../src/diff/diff-markdown.js';
import { diffToMermaid } from '../../src/diff/diff-mermaid.js';
import { diffPipelines } from '../../src/diff/pipeline-diff.js';
import { diffToText } from '../../src/diff/diff-text.js';
import { pipelineOf } from '../helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)> %%{init: {}}%% "] --> x[ `code` | *b* [link](http://x) \u001b[31m';

const base = pipelineOf(
  `
name: site
stages:
  build: {}
tasks:
  fetch: { stage: build, run: ./fetch.sh }
  render: { stage: build, needs: [fetch], run: "echo one\\necho two\\n" }
  old: { needs: [render], run: ./old.sh }
`,
  'pipelines/site.yml',
);
const head = pipelineOf(
  `
name: site
stages:
  build: {}
tasks:
  fetch: { stage: build, run: ./fetch.sh, name: ${JSON.stringify(HOSTILE)} }
  render: { stage: build, run: "echo one\\necho '\`\`\`'\\n::error::no '<script>'\\n" }
  publish: { needs: [render, fetch], command: [./publish, ${JSON.stringify(HOSTILE)}], estimate: 2m }
`,
  'pipelines/site.yml',
);
const diff = diffPipelines(base, head);

describe('Markdown', () => {
  const markdown = diffToMarkdown(diff, { pipelines: { base, head } });

  it('has a table row per change, the critical paths and the graph', () => {
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '### `pipelines/site.yml` (`site`)',
      '',
      '1 task added, 1 removed, 2 changed; 2 edges added, 2 removed',
      '',
      '| change | kind | name | details |',
    ]);
    expect(markdown).toContain('| added | task | `publish` | command; needs `render`, `fetch` |');
    expect(markdown).toContain('| removed | task | `old` | run; needs `render` |');
    expect(markdown).toContain('| removed | edge | `fetch` → `render` |  |');
    expect(markdown).toContain('| changed | task | `render` | needs: `[fetch]` → (none)<br>run: changed (see below) |');
    expect(markdown).toContain('Critical path before: `fetch` → `render` → `old` (3 tasks)');
    expect(markdown).toContain('```mermaid\nflowchart LR\n');
  });

  it('escapes every value: no HTML, link or extra table cell comes from a value, no fence breaks', () => {
    const page = document.createElement('div');
    page.innerHTML = marked.parse(markdown, { async: false });
    expect(page.querySelectorAll('img, script, a, em, strong')).toHaveLength(0);
    const rows = [...page.querySelectorAll('table tr')];
    expect(rows).toHaveLength(9);
    for (const row of rows) expect(row.querySelectorAll('th, td')).toHaveLength(4);
    const fetchRow = rows.find((row) => row.querySelector('td:nth-child(3)')?.textContent === 'fetch');
    expect(fetchRow?.querySelector('td:nth-child(4)')?.textContent).toBe(
      `name: (none) → ${HOSTILE.replace('\u001b', ' ')}`,
    );
    expect(markdown).not.toMatch(/\x1b/);
    // The script's line diff sits in a fence longer than the backquotes it holds.
    expect(page.querySelector('details pre code')?.textContent).toBe(
      "  echo one\n- echo two\n+ echo '```'\n+ ::error::no '<script>'\n",
    );
  });

  it('draws a graph Mermaid accepts, with added, removed and changed boxes and lines styled', async () => {
    const graph = diffToMermaid(diff, base, head);
    await expect(mermaid.parse(graph)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    expect(graph).not.toContain('<img');
    expect(graph).not.toContain('%%{');
    expect(graph).toContain('  class t2 added\n');
    expect(graph).toContain('  class t0,t1 changed\n');
    expect(graph).toContain('  class t3 removed\n');
    expect(graph).toContain('  t1 ==> t2\n  t0 ==> t2\n  t0 -.-> t1\n  t1 -.-> t3\n');
    expect(graph).toContain('  linkStyle 0,1 stroke:#1a7f37,stroke-width:2px\n  linkStyle 2,3 stroke:#cf222e');
  });
});

describe('text', () => {
  it('shows control characters as escapes and starts no line with a value', () => {
    const text = diffToText(diff);
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expect(text).toContain('\\x1b[31m');
    for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(text).toContain("        + ::error::no '<script>'\n");
  });
});
