import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/state/run-record.js';
import { RunStore } from '../../src/state/run-store.js';
import { cli } from '../cli/run-cli.js';

/** A repository in a temporary folder with one pipeline file. */
function repo(pipeline: string): { dir: string; file: string; store: RunStore } {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-faults-'));
  mkdirSync(join(dir, '.git'));
  const file = join(dir, 'p.yml');
  writeFileSync(file, pipeline);
  return { dir, file, store: new RunStore(join(dir, '.dagline')) };
}

/** A process that has ended and been reaped: its pid is free. */
async function deadProcess(): Promise<RunRecord['process']> {
  const child = spawn('true');
  await new Promise((done) => child.on('exit', done));
  return { pid: child.pid as number, host: hostname() };
}

/** Journal lines that are JSON but not entries dagline writes. */
const WRONG_SHAPES = [
  'null',
  '"a string"',
  '42',
  'true',
  '[1, 2]',
  '{}',
  '{"task": null}',
  '{"task": "first"}',
  '{"task": {"leg": "first"}}',
  '{"task": {"task": "first", "leg": "first", "status": "success"}}',
  '{"task": {"task": "first", "leg": "first", "status": "done", "attempts": [], "outputs": {}}}',
  '{"task": {"task": "first", "leg": "first", "status": "success", "attempts": [null], "outputs": {}}}',
  '{"error": null}',
  '{"error": {"message": 1}}',
  '{"error": ["system"]}',
];

describe('a journal line of the wrong shape', () => {
  it('is skipped as a torn line is, by runs show and --resume; the killed run ends failed, not running for good', async () => {
    const { dir, file, store } = repo(
      "name: shapes\ntasks:\n  first: { run: 'echo first >> done.log' }\n  second: { needs: [first], run: 'test -e ok' }\n",
    );
    const ran = await cli('run', file, '--state-dir', store.root);
    expect(ran.code).toBe(1);
    const [run] = store.listRuns();
    const id = (run as RunRecord).id;
    // As if its dagline had been killed while the second task ran, with lines no dagline writes in its journal.
    const runJson = join(store.runDir(id), 'run.json');
    const record = JSON.parse(readFileSync(runJson, 'utf8')) as RunRecord;
    writeFileSync(
      runJson,
      JSON.stringify({
        ...record,
        status: 'running',
        endedAt: undefined,
        counts: undefined,
        process: await deadProcess(),
      }),
    );
    writeFileSync(join(store.root, 'active', `${id}.json`), '{}');
    const journal = join(store.runDir(id), 'journal.jsonl');
    const whole = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    writeFileSync(journal, `${[...WRONG_SHAPES, ...whole.slice(0, 2), ...WRONG_SHAPES].join('\n')}\n`);
    appendFileSync(journal, '{"task": {"task": "second", "leg": "sec'); // and a torn last line

    const show = await cli('runs', 'show', id, '--state-dir', store.root);
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^status +failed$/m);
    expect(show.stdout).toMatch(/^first +success +1 /m);
    expect(store.loadRun(id).record.status).toBe('failed');

    writeFileSync(join(dir, 'ok'), '');
    const resumed = await cli('run', '--resume', id, '--state-dir', store.root);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(dir, 'done.log'), 'utf8')).toBe('first\n'); // the first task is not run again
    expect(store.loadRun(id).record.status).toBe('completed');
  });
});
