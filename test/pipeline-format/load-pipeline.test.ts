import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import { errorsOf, pipelineOf } from '../helpers.js';

describe('loading a pipeline', () => {
  it('applies defaults, parses durations and normalizes one-or-many fields', () => {
    const p = pipelineOf(`
name: demo
sources: crm
defaults: { retries: 2, retry-delay: 1m30s, timeout: 1h, shell: sh }
tasks:
  a: { run: echo a, retry-backoff: 2 }
  b: { needs: a, command: [sleep, 1], timeout: 500ms, retries: 0, continue-on-error: true }
`);
    expect(p.sources).toEqual(['crm']);
    const a = p.tasks.get('a')!;
    expect(a.action).toEqual({ kind: 'run', script: 'echo a', shell: 'sh' });
    expect(a.retry).toEqual({ retries: 2, delayMs: 90_000, backoff: 2 });
    expect(a.timeoutMs).toBe(3_600_000);
    const b = p.tasks.get('b')!;
    expect(b.needs).toEqual(['a']);
    expect(b.action).toEqual({ kind: 'command', argv: ['sleep', '1'] });
    expect(b.timeoutMs).toBe(500);
    expect(b.retry.retries).toBe(0);
    expect(b.continueOnError).toBe(true);
    expect(b.runsOn).toEqual(['ubuntu-latest']);
  });

  it('reads external extracts: consumed only, and anywhere, as they come from outside', () => {
    const p = pipelineOf(`
name: external
tasks:
  load:
    consumes: [a.csv, { path: /srv/drop/in.csv, external: true }, { path: ../feed.csv, external: true, name: feed }, { path: b.csv, external: false }]
    run: echo
`);
    expect(p.tasks.get('load')!.consumes).toEqual([
      { path: 'a.csv' },
      { path: '/srv/drop/in.csv', external: true },
      { path: '../feed.csv', external: true, name: 'feed' },
      { path: 'b.csv' },
    ]);
    expect(
      errorsOf(
        'name: e\ntasks:\n  a:\n    produces: [{ path: a.csv, external: true }]\n    consumes: [/in.csv]\n    run: x\n',
      ),
    ).toEqual([
      expect.stringMatching(/^test\.yml:4:\d+: error: .*external/),
      'test.yml:5:16: error: extract path "/in.csv" is absolute (extract paths are relative to the working directory)',
    ]);
  });

  it('reads push: true for any branch, a mapping for some, and runs-on from defaults', () => {
    const any = pipelineOf(`
name: pushed
push: true
defaults: { runs-on: [self-hosted, linux] }
tasks:
  a: { run: echo }
`);
    expect(any.push).toEqual({ branches: [] });
    expect(any.runsOn).toEqual(['self-hosted', 'linux']);
    const some = pipelineOf(`
name: pushed
push: { branches: [main, 'release/**'] }
tasks:
  a: { run: echo }
`);
    expect(some.push).toEqual({ branches: ['main', 'release/**'] });
    expect(some.runsOn).toEqual(['ubuntu-latest']);
    expect(pipelineOf(`{ name: off, push: false, tasks: { a: { run: echo } } }`).push).toBeUndefined();
    expect(errorsOf(`{ name: bad, push: { branch: [main] }, tasks: { a: { run: echo } } }`)[0]).toContain('branch');
  });

  it('reads YAML 1.2: on, yes and no stay strings', () => {
    const p = pipelineOf(`
name: strings
env: { WHEN: on, ANSWER: yes, NOPE: no, NUM: 010 }
tasks:
  a: { run: echo }
`);
    expect(p.env).toEqual({ WHEN: 'on', ANSWER: 'yes', NOPE: 'no', NUM: '10' });
  });

  it('keeps a snapshot of the text and its hash', () => {
    const text = 'name: snap\ntasks:\n  a: { run: echo }\n';
    const p = pipelineOf(text);
    expect(p.source.text).toBe(text);
    expect(p.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores top-level x- keys, so anchors can live there', () => {
    const p = pipelineOf(`
name: anchors
x-retry: &retry { retries: 3, retry-delay: 2s }
tasks:
  a: { run: echo a, env: { A: "1" } }
  b:
    run: echo b
    retries: 3
`);
    expect(p.tasks.get('b')!.retry.retries).toBe(3);
  });

  it('reports unknown keys and the errors of the rest in one pass', () => {
    expect(
      errorsOf(`name: both
tasks:
  a:
    retires: 2
    needs: [nope]
    run: echo
`),
    ).toEqual([
      'test.yml:4:5: error: tasks.a: unknown key "retires" (did you mean "retries"?)',
      'test.yml:5:13: error: task "a" needs unknown task "nope"',
    ]);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const text = `name: big\ntasks:\n${'  # padding\n'.repeat(20)}  a: { run: echo }\n`;
    const result = loadPipeline(text, 'big.yml', { maxBytes: 100, maxDepth: 64, maxAliasNodes: 1000 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.message)).toEqual([
        `file is ${text.length} bytes; pipeline files are limited to 100 bytes`,
      ]);
  });

  it('refuses bytes that are not UTF-8, and strips a byte order mark', () => {
    const bad = loadPipeline(new Uint8Array([0x6e, 0x61, 0xff, 0xfe, 0x0a]), 'bin.yml');
    expect(bad.ok ? [] : bad.errors.map((e) => e.message)).toEqual(['file is not valid UTF-8 text']);
    const bom = loadPipeline(new TextEncoder().encode('\ufeffname: bom\ntasks:\n  a: { run: echo }\n'), 'bom.yml');
    expect(bom.ok).toBe(true);
  });

  it('refuses nesting thousands deep at the level past the limit (regression: "Maximum call stack size exceeded")', () => {
    const head = 'name: deep\ntasks:\n  a: { run: echo }\nx-deep:\n';
    const messages = (text: string) => {
      const result = loadPipeline(text, 'deep.yml');
      return result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
    };
    // 2,500 block sequences in 5 KB, 10,000 flow sequences and mappings, and an anchor in the
    // file (its alias pass walks the tree too): level 65 is refused at its column.
    expect(messages(`${head}  ${'- '.repeat(2500)}1\n`)).toEqual(['5:129: nesting is deeper than 64 levels']);
    expect(messages(`${head}  ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)).toEqual([
      '5:66: nesting is deeper than 64 levels',
    ]);
    expect(messages(`${head}  ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`)).toEqual([
      '5:255: nesting is deeper than 64 levels',
    ]);
    expect(messages(`${head}  ${'- '.repeat(2500)}&a 1\n`)).toEqual(['5:129: nesting is deeper than 64 levels']);
  });

  it('lets anchors be reused across many tasks (no false alias bomb)', () => {
    const tasks = Array.from({ length: 3000 }, (_, i) => `  t${i}: { run: echo, env: *env }`).join('\n');
    const p = pipelineOf(`name: many\nx-env: &env { A: "1", B: "2", C: "3", D: "4", E: "5" }\ntasks:\n${tasks}\n`);
    expect(p.tasks.size).toBe(3000);
  });

  it('accepts if written bare, as one template, or as a boolean', () => {
    const p = pipelineOf(`
name: conditions
params: { go: { type: boolean, default: true } }
stages:
  s: { if: "\${{ params.go }}" }
tasks:
  a: { run: echo, if: params.go, stage: s }
  b: { run: echo, if: false }
`);
    expect(p.stages.get('s')!.if).toBe('${{ params.go }}');
    expect(p.tasks.get('b')!.if).toBe('false');
  });

  it('takes a param without a type as a string, as GitHub takes a workflow_dispatch input', () => {
    const p = pipelineOf('name: untyped\nparams:\n  day: { default: today }\n  note: {}\ntasks:\n  a: { run: echo }\n');
    expect(p.params.get('day')).toMatchObject({ type: 'string', default: 'today' });
    expect(p.params.get('note')).toMatchObject({ type: 'string', required: false });
    expect(
      errorsOf('name: untyped\nparams:\n  n: { default: 5 }\ntasks:\n  a: { run: echo }\n', 'untyped.yml'),
    ).toEqual([
      'untyped.yml:3:17: error: params.n.default: param "n" is a string; got number 5 (quote the value to make it text)',
    ]);
  });

  it('refuses the names every JavaScript object has, in any case, as every kind of name, each at its place (regression: constructor read as Object, __proto__ dropped)', () => {
    const refused = (name: string) =>
      `error: "${name}" cannot be a name: every JavaScript object has a member of that name (choose another name)`;
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'VALUEOF']) {
      const text = [
        'name: p',
        `params: { ${name}: { default: x } }`,
        `pools: { ${name}: 1 }`,
        `stages: { ${name}: {} }`,
        'tasks:',
        `  ${name}: { run: echo }`,
        `  a: { run: echo, env: { ${name}: v } }`,
        `  b: { matrix: { ${name}: [1], include: [{ ${name}: 2 }] }, run: echo }`,
        `  c: { pipeline: other.yml, with: { ${name}: v } }`,
        '',
      ].join('\n');
      const at = (line: number, column: number) => `test.yml:${line}:${column}: ${refused(name)}`;
      expect(errorsOf(text)).toEqual([
        at(2, 11),
        at(3, 10),
        at(4, 11),
        at(6, 3),
        at(7, 26),
        at(8, 18),
        at(8, 37 + name.length),
        at(9, 37),
      ]);
    }
    // Names in lists (outputs) and the pipeline's name, by the schema.
    expect(errorsOf('name: constructor\ntasks:\n  a: { run: echo, outputs: [__proto__, toString] }\n')).toEqual([
      'test.yml:1:7: error: name: a name cannot be one that every JavaScript object has (choose another), got "constructor"',
      'test.yml:3:29: error: tasks.a.outputs[0]: a name cannot be one that every JavaScript object has (choose another), got "__proto__"',
      'test.yml:3:40: error: tasks.a.outputs[1]: a name cannot be one that every JavaScript object has (choose another), got "toString"',
    ]);
  });

  it('refuses a NUL character in any text, each at its place: run, env, matrix values, command, defaults (regression: it passed validate and plan and failed when its task started)', () => {
    const nul =
      'error: this text holds a NUL character, which no command, argument or environment variable can carry (remove the \\0)';
    const text = [
      'name: p',
      'params: { p: { default: "a\\0b" } }',
      'env: { E: "x\\0" }',
      'tasks:',
      '  a: { run: "echo a\\0b" }',
      '  b: { env: { F: "\\0" }, run: echo }',
      '  c: { matrix: { v: [ok, "x\\0y"] }, run: echo }',
      '  d: { command: [echo, "\\0"] }',
      '',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      `test.yml:2:25: ${nul}`,
      `test.yml:3:11: ${nul}`,
      `test.yml:5:13: ${nul}`,
      `test.yml:6:18: ${nul}`,
      `test.yml:7:26: ${nul}`,
      `test.yml:8:24: ${nul}`,
    ]);
  });

  it('loads every example', () => {
    for (const file of [
      'funnel/funnel.yml',
      'funnel/funnel-workflow.yml',
      'funnel/funnel-rollout.yml',
      'flow-forge/ml-flow.yml',
      'ratings/ratings.yml',
      'etl/etl.yml',
    ]) {
      const result = loadPipeline(readFileSync(`examples/${file}`), file);
      expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    }
  });
});
