import { describe, expect, it } from 'vitest';
import { RunScheduler, type LegInstance } from '../../src/run/scheduler.js';
import { pipelineOf, until, waitInShell } from '../helpers.js';
import { mostAtOnce, Repo, statusOf, step } from './harness.js';

describe('scheduling with real processes', () => {
  it('starts a task as soon as its own needs are done, not wave by wave', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'p.yml',
      `
name: eager
tasks:
  slow: { run: '${step('slow', waitInShell('grep -q "end after-fast" "$EVENTS"'))}' }
  fast: { run: '${step('fast')}' }
  after-fast: { needs: [fast], run: '${step('after-fast')}' }
`,
    );
    // slow waits for after-fast to end: were after-fast held until slow ended, slow would wait as long as a hang.
    const outcome = await repo.run(p);
    expect(outcome.status).toBe('completed');
    const events = repo.events();
    expect(events.indexOf('end after-fast')).toBeLessThan(events.indexOf('end slow'));
  });

  it('keeps to --concurrency, to pools and to max-parallel', async () => {
    const repo = new Repo();
    // Each waits until as many have started as may run at once: they overlap as far as the limit lets them.
    const together = (n: number) => waitInShell(`[ "$(grep -c "^start" "$EVENTS")" -ge ${n} ]`);
    const tasks = Array.from({ length: 5 }, (_, i) => `  t${i}: { run: '${step(`t${i}`, together(2))}' }`).join('\n');
    const outcome = await repo.run(repo.pipeline('c.yml', `name: conc\ntasks:\n${tasks}\n`), { concurrency: 2 });
    expect(outcome.status).toBe('completed');
    expect(mostAtOnce(repo.events())).toBe(2);

    const pooled = new Repo();
    const poolTasks = Array.from(
      { length: 4 },
      (_, i) => `  p${i}: { pool: db, run: '${step(`p${i}`, 'sleep 0.1')}' }`,
    ).join('\n');
    await pooled.run(pooled.pipeline('p.yml', `name: pooled\npools: { db: 1 }\ntasks:\n${poolTasks}\n`), {
      concurrency: 4,
    });
    expect(mostAtOnce(pooled.events())).toBe(1);

    const matrix = new Repo();
    const m = await matrix.run(
      matrix.pipeline(
        'm.yml',
        `name: legs\ntasks:\n  m:\n    matrix: { n: [1, 2, 3, 4, 5] }\n    max-parallel: 2\n    run: '${step('m-$DAGLINE_MATRIX_N', together(2))}'\n`,
      ),
      { concurrency: 4 },
    );
    expect(Object.keys(statusOf(m))).toEqual(['m (1)', 'm (2)', 'm (3)', 'm (4)', 'm (5)']);
    expect(mostAtOnce(matrix.events())).toBe(2);
  });

  it('waits for a whole stage before the stage that needs it', async () => {
    const repo = new Repo();
    await repo.run(
      repo.pipeline(
        's.yml',
        `
name: staged
stages:
  first: {}
  second: { needs: [first] }
tasks:
  a: { stage: first, run: '${step('a', 'sleep 0.3')}' }
  b: { stage: first, run: '${step('b')}' }
  c: { stage: second, run: '${step('c')}' }
`,
      ),
    );
    const events = repo.events();
    expect(events.indexOf('start c')).toBeGreaterThan(events.indexOf('end a'));
    expect(events.indexOf('start c')).toBeGreaterThan(events.indexOf('end b'));
  });

  it('follows GitHub: success() by default, failure() after a failure upstream, always(), skips that propagate', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'f.yml',
        `
name: statuses
tasks:
  build: { run: exit 3 }
  test: { needs: [build], run: echo never }
  deploy: { needs: [test], run: echo never }
  notify-failure: { needs: [deploy], if: failure(), run: echo notified }
  cleanup: { needs: [build], if: always(), run: echo cleaned }
  off: { if: "false", run: echo never }
  after-off: { needs: [off], run: echo never }
  optional: { continue-on-error: true, run: exit 1 }
  after-optional: { needs: [optional], run: echo ran }
`,
      ),
    );
    expect(statusOf(outcome)).toEqual({
      build: 'failed',
      test: 'upstream_failed',
      deploy: 'upstream_failed',
      'notify-failure': 'success',
      cleanup: 'success',
      off: 'skipped',
      'after-off': 'skipped',
      optional: 'failed',
      'after-optional': 'success',
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.exitCode).toBe(1);
    const optional = outcome.tasks.find((t) => t.leg === 'optional')!;
    expect(optional.continuedOnError).toBe(true);
    expect(outcome.errors.filter((e) => e.fatal).map((e) => [e.task, e.type, e.message])).toEqual([
      ['build', 'process', 'exit code 3'],
    ]);
  });

  it('completes a run whose only failure is continue-on-error', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'o.yml',
        'name: optional\ntasks:\n  a: { continue-on-error: true, run: exit 1 }\n  b: { needs: [a], run: "true" }\n',
      ),
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.exitCode).toBe(0);
  });

  it("fails a task whose fromJSON cannot read an output, saying what it was given (GitHub's message says neither)", async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'j.yml',
        `
name: bad-json
tasks:
  list: { outputs: [days], run: 'echo "days=[mon, tue" >> "$DAGLINE_OUTPUT"' }
  per-day: { needs: [list], matrix: { day: "\${{ fromJSON(needs.list.outputs.days) }}" }, run: 'true' }
  gated: { needs: [list], if: "fromJSON(needs.list.outputs.days)[0] == 'mon'", run: 'true' }
  fine: { needs: [list], if: "fromJSON('[1]')[0] == 1", run: 'true' }
`,
      ),
    );
    const reason = (leg: string) => outcome.tasks.find((t) => t.leg === leg)?.reason;
    expect(reason('per-day')).toMatch(
      /^task "per-day": \$\{\{ fromJSON\(needs\.list\.outputs\.days\) \}\} failed: fromJSON cannot read "\[mon, tue": Unexpected token/,
    );
    expect(reason('gated')).toMatch(/^task "gated": if failed: fromJSON cannot read "\[mon, tue": Unexpected token/);
    expect(outcome.tasks.find((t) => t.leg === 'fine')?.status).toBe('success');
  });

  it('decides stage conditions and skips from params', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'g.yml',
      `
name: gated
params: { dataStage: { type: choice, options: [IaC, Initial data], default: IaC } }
stages:
  infra: { if: "params.dataStage == 'IaC'" }
  data: { if: "params.dataStage == 'Initial data'" }
tasks:
  create: { stage: infra, run: "true" }
  load: { stage: data, run: "true" }
`,
    );
    expect(statusOf(await repo.run(p))).toEqual({ create: 'success', load: 'skipped' });
    expect(statusOf(await repo.run(p, { params: { dataStage: 'Initial data' } }))).toEqual({
      create: 'skipped',
      load: 'success',
    });
  });

  it('evaluates every task once, however the first ones cascade (regression: a run never ended)', async () => {
    const repo = new Repo();
    const outcome = await repo.run(
      repo.pipeline(
        'x.yml',
        `
name: cascade
stages:
  off: { if: "false" }
tasks:
  a: { stage: off, run: "true" }
  b: { stage: off, needs: [a], run: "true" }
  c: { stage: off, needs: [b], run: "true" }
  d: { run: "true" }
`,
      ),
    );
    expect(outcome.status).toBe('completed');
    expect(statusOf(outcome)).toEqual({ a: 'skipped', b: 'skipped', c: 'skipped', d: 'success' });
    const journal = repo.store.loadRun(outcome.record!.id);
    expect(journal.record.status).toBe('completed');
  });
});

describe('handing legs to the executor', () => {
  const schedulerFor = (text: string) => {
    const started: string[] = [];
    const scheduler = new RunScheduler(
      {
        pipeline: pipelineOf(text),
        params: {},
        run: { id: 'r', attempt: 1, actor: 'a', trigger: 'manual' },
        concurrency: 2,
      },
      { start: (leg) => started.push(leg.name), changed: () => {}, now: () => new Date(0).toISOString() },
    );
    scheduler.begin();
    return { scheduler, started };
  };
  const independent = (n: number, action: string) =>
    `name: wide\ntasks:\n${Array.from({ length: n }, (_, i) => `  t${i}: { ${action} }`).join('\n')}\n`;

  it('hands out no more legs than the concurrency, processes and pipelines alike', () => {
    expect(schedulerFor(independent(6, 'run: "true"')).started).toHaveLength(2);
    expect(schedulerFor(independent(6, 'pipeline: other.yml')).started).toHaveLength(2);
  });

  it('says how far a run is: skipped tasks count as done, a matrix counts one until it expands', () => {
    const started: LegInstance[] = [];
    const scheduler = new RunScheduler(
      {
        pipeline: pipelineOf(`
name: progress
stages:
  off: { if: "false" }
tasks:
  list: { outputs: [days], run: 'true' }
  per-day: { needs: [list], matrix: { day: "\${{ fromJSON(needs.list.outputs.days) }}" }, run: 'true' }
  skipped: { stage: off, run: 'true' }
`),
        params: {},
        run: { id: 'r', attempt: 1, actor: 'a', trigger: 'manual' },
        concurrency: 2,
      },
      { start: (leg) => started.push(leg), changed: () => {}, now: () => new Date(0).toISOString() },
    );
    scheduler.begin();
    expect(scheduler.progress()).toEqual({ done: 1, total: 3 }); // skipped is done; list runs; per-day waits
    const list = started.find((leg) => leg.name === 'list')!;
    list.state.status = 'success';
    list.state.outputs = { days: '["mon","tue","wed"]' };
    scheduler.legFinished(list);
    expect(scheduler.progress()).toEqual({ done: 2, total: 5 }); // per-day is three legs now
  });

  it('returns the legs handed out on cancel, and cancels the rest', () => {
    const { scheduler, started } = schedulerFor(independent(6, 'run: "true"'));
    expect(scheduler.cancel().map((leg) => leg.name)).toEqual(started);
    expect(scheduler.states().filter((s) => s.status === 'cancelled')).toHaveLength(4);
  });

  it('records a leg cancelled while it waited for a slot as cancelled with no attempt, and never starts it', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'q.yml',
      `
name: queued
tasks:
  first: { run: '${step('first', 'while [ ! -e go ]; do sleep 0.02; done')}' }
  second: { run: '${step('second')}' }
  third: { run: '${step('third')}' }
`,
    );
    const running = repo.run(p, { concurrency: 1 });
    await until(() => repo.events().includes('start first'), 'the first task to start');
    repo.cancel();
    repo.write('go', '');
    const outcome = await running;
    expect(outcome.status).toBe('cancelled');
    const waited = outcome.tasks.filter((t) => t.leg !== 'first');
    expect(waited.map((t) => [t.leg, t.status, t.attempts.length])).toEqual([
      ['second', 'cancelled', 0],
      ['third', 'cancelled', 0],
    ]);
    expect(repo.events().filter((e) => e.startsWith('start'))).toEqual(['start first']);
  });
});
