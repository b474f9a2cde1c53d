import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';
import { yamlFilesUnder } from '../helpers.js';
import { hasCheckedShape, loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import { readYaml } from '../../src/pipeline-format/read-yaml.js';
import { pipelineJsonSchema, pipelineSchemas } from '../../src/pipeline-format/schema.js';

/** zod's verdict: the reference the generated check must match. */
const zodAccepts = (value: unknown) => pipelineSchemas().PipelineSchema.safeParse(value).success;

function expectSameVerdict(value: unknown): boolean {
  const verdict = hasCheckedShape(value);
  expect(
    verdict,
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)),
  ).toBe(zodAccepts(value));
  return verdict;
}

/** A valid pipeline using every part of the format, for the property below to break. */
const full = {
  name: 'full',
  description: 'd',
  category: 'c',
  owner: 'o',
  type: 'ETL',
  tool: 'bq',
  sources: ['a'],
  targets: 'b',
  'max-consecutive-failures': 3,
  params: {
    stage: { type: 'choice', options: ['IaC', 'Initial data'], default: 'IaC', required: true },
    n: { type: 'number', default: 2 },
  },
  schedule: [{ cron: '0 1 * * *', params: { stage: 'IaC' } }],
  push: { branches: ['main'] },
  concurrency: { group: 'g', 'on-overlap': 'queue' },
  requires: [{ pipeline: 'other', params: { x: 1 } }],
  env: { A: 'x', B: 2, C: true },
  defaults: {
    retries: 1,
    'retry-delay': '10s',
    'retry-backoff': 2,
    'retry-max-delay': '1m',
    timeout: '1h',
    shell: 'sh',
    'working-directory': 'w',
    'runs-on': ['ubuntu-latest'],
  },
  pools: { db: 2 },
  stages: { load: { description: 's', if: "params.stage == 'IaC'", needs: 'prep' } },
  tasks: {
    prep: {
      run: 'echo ${{ params.stage }}',
      outputs: ['out'],
      produces: ['a.csv', { path: 'b.csv', name: 'b' }],
      sla: '5m',
      estimate: '1m',
      pool: 'db',
    },
    load: {
      stage: 'load',
      group: 'x/y',
      needs: ['prep'],
      if: true,
      command: ['echo', 1, false],
      env: { D: 'd' },
      matrix: {
        region: ['eu', 'us'],
        size: '${{ fromJSON(needs.prep.outputs.out) }}',
        include: [{ region: 'ap' }],
        exclude: [{ region: 'us' }],
      },
      'max-parallel': 2,
      consumes: ['a.csv', { path: '/srv/drop/in.csv', name: 'in', external: true }],
      environment: { name: 'prod', url: 'https://x' },
      'continue-on-error': true,
      'runs-on': 'self-hosted',
    },
    child: { pipeline: 'child.yml', with: { p: 'v' }, dispatch: true, environment: 'staging' },
  },
};

/** Every path into `full`, to put a random value at. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function withValueAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

describe('the generated shape check of pipeline files', () => {
  it('is generated from the schema as it is now (npm run build writes it)', () => {
    const ajv = new Ajv({ code: { source: true, esm: true }, strict: false, validateSchema: false, unicode: false });
    const code = standalone.default(ajv, ajv.compile(pipelineJsonSchema()));
    const committed = readFileSync('src/pipeline-format/generated/pipeline-shape.js', 'utf8');
    expect(committed.slice(committed.indexOf('\n') + 1)).toBe(`${code}\n`);
  });

  it('leaves NaN and infinities to zod, which refuses them (regression: the generated check took .nan)', () => {
    const result = loadPipeline(
      'name: p\ntasks:\n  a: { command: [echo, .nan] }\n  b: { run: x, retries: .inf }\n',
      'p.yml',
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '3:24 tasks.a.command[1]: expected a string, number or boolean, got number NaN',
      '4:25 tasks.b.retries: expected a number, got number Infinity',
    ]);
  });

  it('stands alone: plain Node imports it, with nothing to require (regression: it required ajv at run time)', () => {
    // A module file, not `node -e`: code run by -e sees `require` as a global, and would hide it.
    const script = join(mkdtempSync(join(tmpdir(), 'dagline-shape-')), 'check.mjs');
    writeFileSync(
      script,
      `import check from ${JSON.stringify(pathToFileURL(resolve('src/pipeline-format/generated/pipeline-shape.js')).href)};\nconsole.log(check({ name: 'a', tasks: {} }));\n`,
    );
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect({ stdout: result.stdout, stderr: result.stderr }).toEqual({ stdout: 'true\n', stderr: '' });
  });

  it('agrees with zod on every example and fixture', () => {
    expect(expectSameVerdict(full)).toBe(true);
    for (const file of [...yamlFilesUnder('examples'), ...yamlFilesUnder('test/fixtures')]) {
      const read = readYaml(readFileSync(file, 'utf8'), file);
      if (!read.ok) continue;
      const value = read.value as Record<string, unknown>;
      for (const key of Object.keys(value)) if (key.startsWith('x-')) delete value[key];
      expectSameVerdict(value);
    }
  });

  it('agrees with zod on any value put anywhere in a pipeline', () => {
    const anyValue = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -0,
        1.5,
        2 ** 60,
        -1,
        0,
        '',
        ' ',
        '😀',
        '10 min',
        '90s',
        '1h30m',
        'A-b',
        'a b',
        'x-y',
      ),
      fc.string({ unit: fc.constantFrom(...'aZ_-. 0129$/{}'), maxLength: 8 }),
    );
    const key = fc.string({ unit: fc.constantFrom(...'aZ_-. 0129$'), maxLength: 6 });
    const every = paths(full);
    fc.assert(
      fc.property(fc.constantFrom(...every), anyValue, fc.boolean(), key, (path, value, asNewKey, newKey) => {
        // Either replace what is at the path, or add a key beside it (in a mapping: a key set on
        // a list would make a sparse array, which no YAML file gives).
        const parent = path
          .slice(0, -1)
          .reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], full);
        const target = asNewKey && path.length > 0 && !Array.isArray(parent) ? [...path.slice(0, -1), newKey] : path;
        expectSameVerdict(withValueAt(full, target, value));
      }),
      { numRuns: 4000 },
    );
  }, 60_000);
});
