import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { retryDelay } from '../../src/pipeline-format/model.js';
import { quietReporter, type RunReporter } from '../../src/run/reporter.js';
import { isAlive } from '../../src/state/process-identity.js';
import { pipelineOf, processesOfRun, until, waitInShell } from '../helpers.js';
import { Repo, statusOf } from './harness.js';

/** Whether a process still runs: a zombie (ended, not reaped by a parent that may never do it) does not. */
function alive(pid: number): boolean {
  return isAlive({ pid, host: hostname() });
}

describe('running tasks', () => {
  it('ends the whole process group on timeout, grandchildren included', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        't.yml',
        `
name: timeout
tasks:
  hang:
    timeout: 300ms
    run: |
      bash -c 'sleep 30 & wait' &
      sleep 30
`,
      ),
    );
    const hang = outcome.tasks.find((t) => t.leg === 'hang')!;
    expect(hang.status).toBe('failed');
    expect(hang.attempts[0]).toMatchObject({ timedOut: true });
    // One attempt, one error: the task's own, fatal (regression: the attempt's failure was registered too, a duplicate)
    expect(outcome.errors.map((e) => [e.type, e.message, e.fatal, e.attempt])).toEqual([
      ['timeout', 'timed out after 300ms', true, 1],
    ]);
    // Whatever of it had started by then, grandchildren included, is gone.
    await until(() => processesOfRun(outcome.record!.id).length === 0, "the task's processes to be gone");
  });

  it('retries with backoff and records every attempt', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'r.yml',
        `
name: retries
tasks:
  flaky:
    retries: 3
    retry-delay: 50ms
    retry-backoff: 2
    run: |
      n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count
      echo "attempt $n"
      [ "$n" -ge 3 ]
`,
      ),
    );
    const flaky = outcome.tasks.find((t) => t.leg === 'flaky')!;
    expect(flaky.status).toBe('success');
    expect(flaky.attempts.map((a) => a.exitCode)).toEqual([1, 1, 0]);
    expect(outcome.errors.map((e) => [e.attempt, e.type, e.fatal])).toEqual([
      [1, 'process', false],
      [2, 'process', false],
    ]);
    const log = readFileSync(join(repo.store.runDir(outcome.record!.id), flaky.log!), 'utf8');
    expect(log).toMatch(
      /^\[dagline\] --- attempt 1 of 4, [^\n]+\nattempt 1\n\[dagline\] flaky: exit code 1\n\[dagline\] retrying in 50ms \(attempt 2 of 4\)\n\[dagline\] --- attempt 2 of 4, [^\n]+\nattempt 2\n/,
    );
    // Each attempt records where its part of the log begins (its header included): what `dagline logs --attempt` reads.
    const bytes = Buffer.from(log);
    const parts = flaky.attempts.map((a, i) =>
      bytes.subarray(a.logOffset, flaky.attempts[i + 1]?.logOffset ?? bytes.length).toString(),
    );
    expect(parts[0]).toMatch(/^\[dagline\] --- attempt 1 of 4, [^\n]+\nattempt 1\n/);
    expect(parts[1]).toMatch(/^\[dagline\] --- attempt 2 of 4, [^\n]+\nattempt 2\n/);
    expect(parts[2]).toMatch(/^\[dagline\] --- attempt 3 of 4, [^\n]+\nattempt 3\n$/);
    expect(outcome.status).toBe('completed');
  });

  it('waits retry-delay * retry-backoff^(n-1) before retry n+1, capped by retry-max-delay', () => {
    const task = pipelineOf(
      'name: d\ntasks:\n  a: { run: x, retries: 5, retry-delay: 10s, retry-backoff: 3, retry-max-delay: 1m }\n',
    ).tasks.get('a')!;
    expect([1, 2, 3, 4].map((n) => retryDelay(task, n))).toEqual([10_000, 30_000, 60_000, 60_000]);
  });

  it('keeps hostile param values data, in run and in command', async () => {
    const repo = new Repo();
    const hostile = `a "b" $(touch pwned1) \`touch pwned2\` 'c'; touch pwned3 $HOME \\n`;
    const outcome = await repo.run(
      repo.pipeline(
        'q.yml',
        `
name: quoting
params: { v: { type: string } }
tasks:
  bare: { run: 'printf "%s" \${{ params.v }} > bare.out' }
  double: { run: 'printf "%s" "\${{ params.v }}" > double.out' }
  single: { run: "printf '%s' '\${{ params.v }}' > single.out" }
  heredoc:
    run: |
      cat > heredoc.out <<EOF
      \${{ params.v }}
      EOF
  argv: { command: [bash, -c, 'printf "%s" "$1" > argv.out', x, "\${{ params.v }}"] }
  env: { run: 'printf "%s" "$DAGLINE_PARAM_V" > env.out' }
`,
      ),
      { params: { v: hostile } },
    );
    expect(outcome.status).toBe('completed');
    for (const file of ['bare', 'double', 'single', 'argv', 'env']) expect(repo.read(`${file}.out`)).toBe(hostile);
    expect(repo.read('heredoc.out')).toBe(`${hostile}\n`);
    expect(readdirSync(repo.dir).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });

  it('refuses a run whose params or static matrix values a task would fail on, before its first task starts, each at its place (regression: the run went on until that task started)', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'v.yml',
      `name: values
params: { n: { type: string, default: "1" }, nul: { type: string } }
tasks:
  first: { run: 'echo first > first.out' }
  add: { needs: [first], run: 'echo $(( \${{ params.n }} + 1 ))' }
  legs: { needs: [first], matrix: { v: [1, "x y"] }, run: 'echo $(( \${{ matrix.v }} * 2 ))' }
  later: { needs: [first], if: "params.n == 'never'", run: 'echo $(( \${{ params.nul }} ))' }
`,
    );
    const outcome = await repo.run(p, { params: { n: '$(touch pwned)' } });
    expect(outcome).toMatchObject({ status: 'refused', exitCode: 1, tasks: [] });
    expect(outcome.problems?.map((e) => [e.line, e.column, e.message])).toEqual([
      [5, 41, expect.stringContaining('task "add": the value of ${{ params.n }} reaches $(( ))')],
      [6, 69, expect.stringContaining('task "legs (x y)": the value of ${{ matrix.v }} reaches $(( ))')],
    ]);
    expect(repo.exists('first.out')).toBe(false);
    expect(repo.exists('pwned')).toBe(false);
    expect(repo.store.listRuns()).toEqual([]);
    // A param's NUL is refused with the params, whatever reads it.
    const nul = await repo.run(p, { params: { nul: 'a\0b' } });
    expect(nul.problems?.map((e) => e.message)).toEqual([
      'the value of param "nul" holds a NUL character, which no command, argument or environment variable can carry',
    ]);
    expect(repo.exists('first.out')).toBe(false);
  });

  it('passes outputs (both forms of $DAGLINE_OUTPUT) to templates and to the environment', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'o.yml',
        `
name: outputs
tasks:
  produce:
    outputs: [bucket, notes]
    run: |
      echo "bucket=gs://raw" >> "$DAGLINE_OUTPUT"
      { echo "notes<<END"; echo "line one"; echo "line two"; echo "END"; } >> "$DAGLINE_OUTPUT"
      echo "extra=dropped" >> "$DAGLINE_OUTPUT"
  use:
    needs: [produce]
    matrix: { period: [day] }
    env: { TARGET: "\${{ needs.produce.outputs.bucket }}/\${{ matrix.period }}" }
    run: |
      printf '%s|%s|%s|%s' "$TARGET" "\${{ needs.produce.outputs.notes }}" "$DAGLINE_NEEDS_PRODUCE_BUCKET" "$DAGLINE_MATRIX_PERIOD" > use.out
`,
      ),
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.tasks.find((t) => t.leg === 'produce')!.outputs).toEqual({
      bucket: 'gs://raw',
      notes: 'line one\nline two',
    });
    expect(repo.read('use.out')).toBe('gs://raw/day|line one\nline two|gs://raw|day');
    const log = readFileSync(join(repo.store.runDir(outcome.record!.id), 'logs/produce.log'), 'utf8');
    expect(log).toContain('output "extra" is not declared in outputs: it is not kept');
  });

  it('fails a task whose outputs file GitHub could not read: a heredoc never closed, a line with no "="', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'bad-outputs.yml',
        `
name: bad-outputs
tasks:
  open-heredoc:
    outputs: [notes]
    run: '{ echo "notes<<END"; echo "line one"; } >> "$DAGLINE_OUTPUT"'
  stray-line:
    outputs: [a]
    run: '{ echo "a=1"; echo "just text"; echo "nor this"; } >> "$DAGLINE_OUTPUT"'
`,
      ),
    );
    expect(outcome.status).toBe('failed');
    const byLeg = Object.fromEntries(outcome.tasks.map((t) => [t.leg, t]));
    expect(byLeg['open-heredoc']).toMatchObject({
      status: 'failed',
      reason: '$DAGLINE_OUTPUT: output "notes": no line "END" closes it',
    });
    expect(byLeg['stray-line']).toMatchObject({
      status: 'failed',
      reason: '$DAGLINE_OUTPUT: line 2 is neither name=value nor name<<DELIMITER: "just text" (and 1 more, in the log)',
    });
    expect(outcome.errors.filter((e) => e.fatal).map((e) => e.type)).toEqual(['data', 'data']);
    const log = readFileSync(join(repo.store.runDir(outcome.record!.id), 'logs/stray-line.log'), 'utf8');
    expect(log).toContain('$DAGLINE_OUTPUT: line 3 is neither name=value nor name<<DELIMITER: "nor this"');
  });
  it("fails a task whose outputs pass GitHub's 1 MiB", async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'big.yml',
        'name: big\ntasks:\n  a: { outputs: [x], run: "head -c 1100000 /dev/zero | tr \\"\\\\0\\" x | sed s/^/x=/ >> $DAGLINE_OUTPUT" }\n',
      ),
    );
    expect(outcome.tasks[0]).toMatchObject({ status: 'failed' });
    expect(outcome.errors[0]).toMatchObject({
      type: 'data',
      message: expect.stringMatching(/^outputs are \d+ bytes; the limit is 1 MiB/),
    });
  });

  it('runs command as argv without a shell, and reports a missing program as a system error', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'a.yml',
        'name: argv\ntasks:\n  echo: { command: [printf, "%s", "$(touch pwned) ; *"] }\n  missing: { command: [no-such-program-here] }\n',
      ),
    );
    expect(statusOf(outcome)).toEqual({ echo: 'success', missing: 'failed' });
    expect(readFileSync(join(repo.store.runDir(outcome.record!.id), 'logs/echo.log'), 'utf8')).toMatch(
      /^\[dagline\] --- attempt 1 of 1, \S+\n\$\(touch pwned\) ; \*$/,
    );
    expect(existsSync(join(repo.dir, 'pwned'))).toBe(false);
    expect(outcome.errors.find((e) => e.task === 'missing')).toMatchObject({
      type: 'system',
      message: expect.stringContaining('could not start'),
    });
  });

  it('records an SLA miss once, as a non-fatal error, and lets the task finish', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      // The task ends once the miss is in the run's journal: it cannot end before its SLA however slow the machine.
      repo.pipeline(
        's.yml',
        `name: sla\ntasks:\n  slow: { sla: 100ms, run: '${waitInShell('grep -q slaMissed "$STORE"/runs/*/journal.jsonl')}' }\n`,
      ),
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.tasks[0]).toMatchObject({ status: 'success', slaMissed: true });
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        task: 'slow',
        type: 'sla',
        fatal: false,
        message: 'still running after its SLA of 100ms',
      }),
    ]);
  });

  it('waits a retry-delay and an SLA of 30 days, past the 24.8 days a Node timer holds (regression: both fired at once)', async () => {
    const repo = new Repo();
    let retrying = false;
    let starts = 0;
    const reporter: RunReporter = {
      ...quietReporter,
      legStarted: () => void starts++,
      legRetrying: () => void (retrying = true),
    };
    const p = repo.pipeline(
      'long.yml',
      "name: long\ntasks:\n  t: { sla: 30d, retries: 1, retry-delay: 30d, timeout: 30d, run: 'sleep 0.2; exit 1' }\n",
    );
    const running = repo.run(p, {}, reporter);
    await until(() => retrying, 'the first attempt to fail');
    // A timer past Node's limit fires within a millisecond: this is long enough to see the retry start.
    await new Promise((resolve) => setTimeout(resolve, 100));
    repo.cancel();
    const outcome = await running;
    expect(starts).toBe(1);
    expect(outcome.tasks[0]).toMatchObject({ status: 'cancelled', attempts: [expect.anything()] });
    expect(outcome.tasks[0]?.slaMissed).toBeUndefined();
    expect(outcome.errors.filter((e) => e.type === 'sla')).toEqual([]);
  });

  it('cancels: running tasks are ended and recorded cancelled, cleanup tasks still run', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'c.yml',
      `
name: cancel
tasks:
  long: { run: 'echo $$ > long.pid; sleep 30' }
  after: { needs: [long], run: echo never }
  cleanup: { needs: [long], if: always(), run: echo cleaned > cleaned.out }
`,
    );
    const running = repo.run(p);
    await until(() => repo.exists('long.pid') && repo.read('long.pid').endsWith('\n'), 'the task to start');
    repo.cancel();
    const outcome = await running;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.exitCode).toBe(1);
    expect(statusOf(outcome)).toEqual({ long: 'cancelled', after: 'cancelled', cleanup: 'success' });
    expect(repo.read('cleaned.out')).toBe('cleaned\n');
    await until(() => !alive(Number(repo.read('long.pid'))), 'the task to be gone');
    expect(repo.store.loadRun(outcome.record!.id).record.status).toBe('cancelled');
  });
});

describe('extracts', () => {
  it('go initialized -> ready -> in_use -> processed; consuming one no run made ready is a data error', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'e.yml',
        `
name: extracts
tasks:
  extract: { produces: [out/data.csv], run: 'mkdir -p out && echo "id" > out/data.csv' }
  load: { needs: [extract], consumes: [out/data.csv], run: 'wc -l < out/data.csv' }
  orphan: { consumes: [out/never.csv], run: echo never }
`,
      ),
    );
    expect(statusOf(outcome)).toEqual({ extract: 'success', load: 'success', orphan: 'failed' });
    const registry = repo.store.readExtracts();
    expect(registry).toContainEqual(
      expect.objectContaining({
        filename: 'data.csv',
        location: join(repo.dir, 'out'),
        status: 'processed',
        task: 'extract',
        consumer: { run: outcome.record!.id, task: 'load' },
      }),
    );
    expect(outcome.errors.find((e) => e.task === 'orphan')).toMatchObject({
      type: 'data',
      message: `it consumes ${join(repo.dir, 'out/never.csv')} (never registered): no run registered it as ready`,
    });
  });

  it('marks an extract failed when its task fails, or does not write it', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline('f.yml', 'name: noextract\ntasks:\n  a: { produces: [missing.csv], run: "true" }\n'),
    );
    expect(outcome.tasks[0]!.status).toBe('failed');
    expect(outcome.errors[0]).toMatchObject({
      type: 'data',
      message: `it declares it produces ${join(repo.dir, 'missing.csv')}, which it did not write`,
    });
    expect(repo.store.readExtracts()).toEqual([expect.objectContaining({ filename: 'missing.csv', status: 'failed' })]);
  });

  it('keeps every extract of many legs running at once, each in a file of its own', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'm.yml',
        `
name: many-extracts
tasks:
  make: { matrix: { i: [${Array.from({ length: 40 }, (_, i) => i).join(', ')}] }, produces: ['out/\${{ matrix.i }}.csv'], run: 'mkdir -p out && touch "out/\${{ matrix.i }}.csv"' }
  use: { needs: [make], consumes: [out/0.csv, out/39.csv], run: 'true' }
`,
      ),
      { concurrency: 8 },
    );
    expect(outcome.status).toBe('completed');
    const registry = repo.store.readExtracts();
    expect(registry).toHaveLength(40);
    expect(registry.filter((e) => e.status === 'ready')).toHaveLength(38);
    expect(registry.filter((e) => e.status === 'processed').map((e) => e.filename)).toEqual(['0.csv', '39.csv']);
    expect(readdirSync(join(repo.store.root, 'extracts'))).toHaveLength(40);
  });

  it('registers an external file as found by the task that consumes it, then in_use and processed', async () => {
    const repo = new Repo();
    const drop = mkdtempSync(join(tmpdir(), 'dagline-drop-'));
    writeFileSync(join(drop, 'in.csv'), 'id\n');
    repo.write('local/feed.csv', 'id\n');
    const pipeline = repo.pipeline(
      'x.yml',
      `
name: external
tasks:
  load:
    consumes: [{ path: '${drop}/in.csv', external: true }, { path: local/feed.csv, external: true, name: feed }]
    run: 'grep -q "$STATE" "$STORE"/extracts/*.json && cat ${drop}/in.csv'
    env: { STATE: in_use }
`,
    );
    const outcome = await repo.run(pipeline);
    expect(statusOf(outcome)).toEqual({ load: 'success' });
    const id = outcome.record!.id;
    expect(repo.store.readExtracts()).toEqual([
      {
        name: 'in.csv',
        filename: 'in.csv',
        location: drop,
        status: 'processed',
        run: id,
        task: 'load',
        external: true,
        consumer: { run: id, task: 'load' },
        updatedAt: expect.any(String),
      },
      expect.objectContaining({
        name: 'feed',
        location: join(repo.dir, 'local'),
        status: 'processed',
        external: true,
        run: id,
      }),
    ]);
    // Found again by a later run: the file is there, so it is a new extract to process.
    const again = await repo.run(pipeline);
    expect(statusOf(again)).toEqual({ load: 'success' });
    expect(repo.store.readExtracts().map((e) => [e.status, e.run])).toEqual([
      ['processed', again.record!.id],
      ['processed', again.record!.id],
    ]);
  });

  it('fails a task whose external file is not there with a data error naming it, and registers nothing', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'x.yml',
        "name: external\ntasks:\n  load: { consumes: [{ path: in/missing.csv, external: true }], run: 'echo ran' }\n",
      ),
    );
    expect(statusOf(outcome)).toEqual({ load: 'failed' });
    expect(outcome.tasks[0]!.attempts).toEqual([]);
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        task: 'load',
        type: 'data',
        fatal: true,
        message: `it consumes the external file ${join(repo.dir, 'in/missing.csv')}, which is not there`,
      }),
    ]);
    expect(repo.store.readExtracts()).toEqual([]);
  });

  it('gives an external file back as ready when its consumer fails, and does not take one another task uses', async () => {
    const repo = new Repo();
    repo.write('in.csv', 'id\n');
    repo.write('busy.csv', 'id\n');
    mkdirSync(repo.store.root, { recursive: true });
    repo.store.writeExtracts([
      {
        name: 'busy.csv',
        filename: 'busy.csv',
        location: repo.dir,
        status: 'in_use',
        run: 'other-1',
        task: 'x',
        consumer: { run: 'other-1', task: 'x' },
        updatedAt: '2026-11-25T00:00:00.000Z',
      },
    ]);
    const outcome = await repo.run(
      repo.pipeline(
        'x.yml',
        `
name: external
tasks:
  fails: { consumes: [{ path: in.csv, external: true }], run: 'exit 3' }
  blocked: { consumes: [{ path: busy.csv, external: true }], run: 'echo ran' }
`,
      ),
    );
    expect(statusOf(outcome)).toEqual({ fails: 'failed', blocked: 'failed' });
    const byFile = Object.fromEntries(repo.store.readExtracts().map((e) => [e.filename, e]));
    expect(byFile['in.csv']).toMatchObject({ status: 'ready', external: true, task: 'fails' });
    expect(byFile['busy.csv']).toMatchObject({ status: 'in_use', run: 'other-1', consumer: { run: 'other-1' } });
    expect(byFile['busy.csv']!.external).toBeUndefined();
    expect(outcome.errors.find((e) => e.task === 'blocked')).toMatchObject({
      type: 'data',
      message: `it consumes ${join(repo.dir, 'busy.csv')} (in_use): no run registered it as ready`,
    });
  });
});
