import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietReporter } from '../../src/run/reporter.js';
import { HANG_MS, until } from '../helpers.js';
import { Repo, statusOf } from './harness.js';

describe('on hold', () => {
  it('puts a pipeline on hold after N failed runs in a row (exit 3, nothing runs) until it is released', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'h.yml',
      'name: fragile\nmax-consecutive-failures: 2\ntasks:\n  a: { run: "echo ran >> ran.log; exit 1" }\n',
    );
    expect((await repo.run(p)).exitCode).toBe(1);
    expect((await repo.run(p)).exitCode).toBe(1);
    const held = await repo.run(p);
    expect(held).toMatchObject({ exitCode: 3, status: 'on_hold' });
    expect(held.message).toBe(
      'pipeline "fragile" is on hold after 2 failed runs in a row; nothing runs until `dagline release fragile`',
    );
    expect(repo.read('ran.log')).toBe('ran\nran\n');
    expect(repo.store.listRuns('fragile').map((r) => r.status)).toEqual(['failed', 'failed', 'on_hold']);
    expect((await repo.run(p)).exitCode).toBe(3); // still on hold
    const notes: string[] = [];
    await repo.run(p, { dryRun: true }, { ...quietReporter, note: (m) => void notes.push(m) });
    expect(notes[0]).toBe(
      'a real run now would be put on hold (exit 3): pipeline "fragile" is on hold after 2 failed runs in a row; nothing runs until `dagline release fragile`',
    );
    expect(repo.store.listRuns('fragile')).toHaveLength(4); // the dry run registered nothing

    repo.store.release('fragile', new Date());
    const after = await repo.run(p);
    expect(after.exitCode).toBe(1);
    expect(repo.read('ran.log')).toBe('ran\nran\nran\n');
  });

  it('does not count a success between failures', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'h.yml',
      'name: mixed\nmax-consecutive-failures: 2\nparams: { fail: { type: boolean, default: true } }\ntasks:\n  a: { run: "[ ${{ params.fail }} = false ]" }\n',
    );
    await repo.run(p);
    await repo.run(p, { params: { fail: 'false' } });
    expect((await repo.run(p)).exitCode).toBe(1);
  });

  it('does not count trial runs (--only, --from): their failures put nothing on hold, and a failure after them still counts', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'h.yml',
      'name: tried\nmax-consecutive-failures: 2\ntasks:\n  a: { run: "exit 1" }\n  b: { run: "exit 1" }\n',
    );
    expect((await repo.run(p)).exitCode).toBe(1);
    expect((await repo.run(p, { selection: { only: ['a'] } })).exitCode).toBe(1);
    expect((await repo.run(p, { selection: { from: ['b'] } })).exitCode).toBe(1);
    expect((await repo.run(p, { selection: { only: ['b'] } })).exitCode).toBe(1); // not on hold: one failure counts
    expect((await repo.run(p)).exitCode).toBe(1); // the second full failure
    expect((await repo.run(p)).status).toBe('on_hold');
  });
  it('does not count dry runs: one that is refused registers nothing, and the failures around it count as in a row', async () => {
    const repo = new Repo();
    // With its default the matrix cannot expand: a run and a dry run alike are refused before any
    // process starts. With legs given, its one leg fails.
    const p = repo.pipeline(
      'h.yml',
      "name: dry-fails\nmax-consecutive-failures: 2\nparams: { legs: { type: string, default: 'not json' } }\ntasks:\n  a:\n    matrix: { day: '${{ fromJSON(params.legs) }}' }\n    run: 'exit 1'\n",
    );
    const failing = { params: { legs: '[1]' } };
    expect((await repo.run(p, failing)).status).toBe('failed');
    for (let i = 0; i < 3; i++) expect((await repo.run(p, { dryRun: true })).status).toBe('refused');
    expect((await repo.run(p, { ...failing, dryRun: true })).status).toBe('completed');
    expect(repo.store.listRuns('dry-fails').map((r) => r.status)).toEqual(['failed']);
    expect((await repo.run(p, failing)).status).toBe('failed'); // the second failure in a row: the dry runs did not count
    const notes: string[] = [];
    await repo.run(p, { dryRun: true }, { ...quietReporter, note: (m) => void notes.push(m) });
    await repo.run(p, { ...failing, dryRun: true }, { ...quietReporter, note: (m) => void notes.push(m) });
    expect(notes.find((n) => n.startsWith('a real run now'))).toMatch(
      /^a real run now would be put on hold \(exit 3\)/,
    );
    expect((await repo.run(p, failing)).status).toBe('on_hold');
  });
});

describe('requires', () => {
  it('refuses (exit 4) until the required pipeline completed a run with those params', async () => {
    const repo = new Repo();
    const base = repo.pipeline(
      'base.yml',
      "name: base\nparams: { stage: { type: choice, options: [IaC, Initial data], default: IaC } }\ntasks:\n  a: { run: 'true' }\n",
    );
    const dependent = repo.pipeline(
      'dep.yml',
      "name: dependent\nrequires:\n  - pipeline: base\n    params: { stage: Initial data }\ntasks:\n  b: { run: 'echo ran > dep.out' }\n",
    );
    const refused = await repo.run(dependent);
    expect(refused).toMatchObject({ exitCode: 4, status: 'refused' });
    expect(refused.message).toBe(
      `requires a completed run of "base" with stage=Initial data, and there is none in ${repo.store.root}`,
    );
    await repo.run(base); // IaC: not the one required
    expect((await repo.run(dependent)).exitCode).toBe(4);
    // A dry run walks the pipeline anyway, and says first what a real run would meet
    const notes: string[] = [];
    const dry = await repo.run(dependent, { dryRun: true }, { ...quietReporter, note: (m) => void notes.push(m) });
    expect(dry.status).toBe('completed');
    expect(notes[0]).toBe(
      `a real run now would be refused (exit 4): requires a completed run of "base" with stage=Initial data, and there is none in ${repo.store.root}`,
    );
    expect(repo.store.listRuns('dependent')).toEqual([]);
    await repo.run(base, { params: { stage: 'Initial data' } });
    expect((await repo.run(dependent)).exitCode).toBe(0);
    expect(repo.read('dep.out')).toBe('ran\n');
  });
});

describe('concurrency groups', () => {
  const pipeline = (repo: Repo, policy: string) =>
    repo.pipeline(
      `${policy}.yml`,
      `name: guarded\nparams: { day: { type: string, default: x } }\nconcurrency: { group: "guarded-\${{ params.day }}", on-overlap: ${policy} }\ntasks:\n  work:\n    run: 'echo "start $DAGLINE_RUN_ID" >> "$EVENTS"; while [ ! -e release ]; do sleep 0.02; done; echo "end $DAGLINE_RUN_ID" >> "$EVENTS"'\n`,
    );
  const started = (repo: Repo, count: number) =>
    until(() => repo.events().filter((e) => e.startsWith('start')).length >= count, `${count} runs to start`);

  it('fail: a second run of a busy group is refused (exit 4); another group runs', async () => {
    const repo = new Repo();
    const p = pipeline(repo, 'fail');
    const first = repo.run(p);
    await started(repo, 1);
    const second = await repo.run(p);
    expect(second).toMatchObject({ exitCode: 4, status: 'refused' });
    expect(second.message).toMatch(/^concurrency group "guarded-x" is busy: guarded-\S+ \(pid \d+\) is running$/);
    const other = repo.run(p, { params: { day: 'y' } });
    await started(repo, 2);
    writeFileSync(join(repo.dir, 'release'), '');
    expect((await first).status).toBe('completed');
    expect((await other).status).toBe('completed');
  });

  it('skip: a second run is skipped (exit 0) and not registered', async () => {
    const repo = new Repo();
    const p = pipeline(repo, 'skip');
    const first = repo.run(p);
    await started(repo, 1);
    expect(await repo.run(p)).toMatchObject({ exitCode: 0, status: 'skipped' });
    writeFileSync(join(repo.dir, 'release'), '');
    await first;
    expect(repo.store.listRuns('guarded')).toHaveLength(1);
  });

  it('queue: Ctrl-C stops a run that waits its turn; nothing of it is registered or run (regression: it ran once the other ended)', async () => {
    const repo = new Repo();
    const p = pipeline(repo, 'queue');
    const first = repo.run(p);
    await started(repo, 1);
    const notes: string[] = [];
    const second = repo.run(p, {}, { ...quietReporter, note: (message) => notes.push(message) });
    await until(() => notes.some((note) => note.startsWith('waiting for concurrency group')), 'the second run to wait');
    repo.cancel(); // both hear it, as both would hear the terminal's Ctrl-C
    const waited = await Promise.race([
      second,
      new Promise((r) => setTimeout(() => r('still waiting'), HANG_MS).unref()),
    ]);
    writeFileSync(join(repo.dir, 'release'), ''); // so that nothing hangs if it did not stop
    expect(waited).toMatchObject({
      exitCode: 1,
      status: 'cancelled',
      message: expect.stringMatching(/^cancelled while waiting for concurrency group "guarded-x": /),
    });
    expect((await first).status).toBe('cancelled');
    expect(repo.events().filter((e) => e.startsWith('start'))).toHaveLength(1);
    expect(repo.store.listRuns('guarded').map((r) => r.status)).toEqual(['cancelled']);
  });

  it('queue: a second run waits for the first, then runs', async () => {
    const repo = new Repo();
    const p = pipeline(repo, 'queue');
    const first = repo.run(p);
    await started(repo, 1);
    const notes: string[] = [];
    const second = repo.run(p, {}, { ...quietReporter, note: (message) => notes.push(message) });
    await until(() => notes.length > 0, 'the second run to wait');
    // A few more looks at the group (every 50 ms here): a note at each would show now.
    await new Promise((r) => setTimeout(r, 200));
    expect(repo.events().filter((e) => e.startsWith('start'))).toHaveLength(1);
    // Looked at every 50 ms here, said once (regression: a line at every look).
    expect(notes.filter((note) => note.startsWith('waiting for concurrency group'))).toHaveLength(1);
    writeFileSync(join(repo.dir, 'release'), '');
    expect((await first).status).toBe('completed');
    expect((await second).status).toBe('completed');
    const events = repo.events();
    expect(events.map((e) => e.split(' ')[0])).toEqual(['start', 'end', 'start', 'end']);
  });
});

describe('registration and records', () => {
  it('registers the run before any task starts, with who, what and the pipeline as it ran', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'r.yml',
      `
name: recorded
type: ETL
tool: bash
sources: [crm]
targets: [warehouse]
params: { day: { type: string, default: "2026-11-25" } }
tasks:
  look: { run: 'cat "$STORE"/runs/$DAGLINE_RUN_ID/run.json > seen.json' }
`,
    );
    const outcome = await repo.run(p);
    const seen = JSON.parse(repo.read('seen.json'));
    expect(seen).toMatchObject({
      pipeline: 'recorded',
      status: 'running',
      actor: 'tester',
      trigger: 'manual',
      type: 'ETL',
      tool: 'bash',
      sources: ['crm'],
      targets: ['warehouse'],
      params: { day: '2026-11-25' },
    });
    expect(seen.sha256).toBe(p.source.sha256);
    expect(repo.store.pipelineText(outcome.record!.id)).toBe(p.source.text);
    const loaded = repo.store.loadRun(outcome.record!.id);
    expect(loaded.record).toMatchObject({ status: 'completed', counts: { tasks: { success: 1 }, errors: 0 } });
    expect(loaded.tasks.get('look')).toMatchObject({ status: 'success', attempts: [{ number: 1, exitCode: 0 }] });
  });

  it('runs a pipeline task as a child run linked to its parent', async () => {
    const repo = new Repo();
    repo.write(
      'child.yml',
      'name: child\nparams: { scheduler: { type: choice, options: [day, month], required: true } }\ntasks:\n  force: { run: \'echo "forced ${{ params.scheduler }}" > child.out\' }\n',
    );
    const parent = repo.pipeline(
      'parent.yml',
      'name: parent\ntasks:\n  go: { pipeline: child.yml, with: { scheduler: month } }\n  after: { needs: [go], run: "true" }\n',
    );
    const outcome = await repo.run(parent);
    expect(statusOf(outcome)).toEqual({ go: 'success', after: 'success' });
    expect(repo.read('child.out')).toBe('forced month\n');
    const childId = outcome.tasks.find((t) => t.leg === 'go')!.childRun!;
    expect(repo.store.loadRun(childId).record).toMatchObject({
      pipeline: 'child',
      trigger: 'pipeline',
      status: 'completed',
      params: { scheduler: 'month' },
      parent: { run: outcome.record!.id, task: 'go' },
    });
  });

  it('fails a pipeline task whose child run fails, naming the child run', async () => {
    const repo = new Repo();
    repo.write('bad-child.yml', 'name: bad-child\ntasks:\n  x: { run: exit 2 }\n');
    const outcome = await repo.run(
      repo.pipeline('p.yml', 'name: parent2\ntasks:\n  go: { pipeline: bad-child.yml }\n'),
    );
    expect(outcome.tasks[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^child run bad-child-\S+ of bad-child\.yml ended failed$/),
    });
  });

  it("fails a pipeline task whose child refuses the params it was handed at run time, pointing at the child's param", async () => {
    const repo = new Repo();
    repo.write(
      'picky.yml',
      'name: picky\nparams:\n  region: { type: choice, options: [eu, us] }\ntasks:\n  x: { run: "true" }\n',
    );
    const parent = repo.pipeline(
      'p.yml',
      "name: parent3\nparams: { r: { type: string, default: mars } }\ntasks:\n  go: { pipeline: picky.yml, with: { region: '${{ params.r }}' } }\n",
    );
    const outcome = await repo.run(parent);
    expect(outcome.tasks[0]).toMatchObject({
      status: 'failed',
      reason: `picky.yml did not start: ${join(repo.dir, 'picky.yml')}:3:3: "mars" is not an option of param "region" (options: "eu", "us")`,
    });
    expect(outcome.tasks[0]!.childRun).toBeUndefined();
    expect(outcome.errors.find((e) => e.fatal)).toMatchObject({ task: 'go', type: 'data' });
  });

  it('fails a pipeline task whose child run its guards refuse as a process error, not a data one', async () => {
    const repo = new Repo();
    repo.write('gated.yml', "name: gated\nrequires:\n  - pipeline: never-ran\ntasks:\n  x: { run: 'true' }\n");
    const outcome = await repo.run(repo.pipeline('p.yml', 'name: parent4\ntasks:\n  go: { pipeline: gated.yml }\n'));
    expect(outcome.tasks[0]).toMatchObject({
      status: 'failed',
      reason: `gated.yml did not start: requires a completed run of "never-ran", and there is none in ${repo.store.root}`,
    });
    expect(outcome.errors.find((e) => e.fatal)).toMatchObject({ task: 'go', type: 'process' });
  });

  it('--only and --from run a part, taking the rest as done with the outputs of the last run that ran them', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      's.yml',
      `
name: selected
tasks:
  make: { outputs: [version], run: 'echo "version=$(cat version 2>/dev/null || echo 1)" >> $DAGLINE_OUTPUT; echo make >> "$EVENTS"' }
  ship: { needs: [make], run: 'echo "ship \${{ needs.make.outputs.version }}" >> "$EVENTS"' }
  docs: { run: 'echo docs >> "$EVENTS"' }
`,
    );
    const full = await repo.run(p);
    expect(repo.events().sort()).toEqual(['docs', 'make', 'ship 1']);
    writeFileSync(join(repo.dir, 'events.log'), '');
    const notes: string[] = [];
    const outcome = await repo.run(
      p,
      { selection: { only: [], from: ['ship'] } },
      { ...quietReporter, note: (m) => void notes.push(m) },
    );
    expect(repo.events()).toEqual(['ship 1']);
    // Which run the outputs came from: said as the run starts, and recorded with the task.
    expect(notes).toEqual([`make: left out of this run; its outputs are those of run ${full.record!.id}`]);
    const make = { status: 'skipped', notSelected: true, outputs: { version: '1' }, outputsFrom: full.record!.id };
    expect(outcome.tasks.find((t) => t.leg === 'make')).toMatchObject(make);
    expect(repo.store.loadRun(outcome.record!.id).tasks.get('make')).toMatchObject(make);
    // docs is left out too, but nothing that runs reads it: nothing is taken from an earlier run for it.
    expect(outcome.tasks.find((t) => t.leg === 'docs')!.outputsFrom).toBeUndefined();
    expect(outcome.status).toBe('completed');
  });

  it('refuses outputs of a left-out task from an earlier run that had other params, before anything is registered', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'd.yml',
      `
name: daily
params: { day: { type: string, default: "1" }, region: { type: string, default: eu } }
tasks:
  extract: { outputs: [rows], run: 'echo "rows=\${{ params.day }}" >> $DAGLINE_OUTPUT' }
  load: { needs: [extract], run: 'echo "load \${{ needs.extract.outputs.rows }}" >> "$EVENTS"' }
`,
    );
    const first = await repo.run(p, { params: { day: '1' } });
    expect(first.status).toBe('completed');
    const only = { selection: { only: ['load'], from: [] } };
    await expect(repo.run(p, { ...only, params: { day: '2' } })).rejects.toThrow(
      `extract is left out of this run, and the run its outputs would come from, ${first.record!.id}, had other params (day=1 there, 2 here)`,
    );
    await expect(repo.run(p, { ...only, params: { day: '2' }, dryRun: true })).rejects.toThrow(/had other params/);
    expect(repo.store.listRuns()).toHaveLength(1);
    // With the params that run had, its outputs are taken.
    expect((await repo.run(p, { ...only, params: { day: '1' } })).status).toBe('completed');
    expect(repo.events()).toEqual(['load 1', 'load 1']);
  });

  it('a resumed run takes the outputs of its left-out tasks from the run it took them from, not a newer one', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      's.yml',
      `
name: resumed-part
tasks:
  make: { outputs: [version], run: 'echo "version=$(cat version 2>/dev/null || echo 1)" >> $DAGLINE_OUTPUT' }
  ship: { needs: [make], run: '[ -e fixed ]; echo "ship \${{ needs.make.outputs.version }}" >> "$EVENTS"' }
`,
    );
    const first = await repo.run(p);
    expect(first.status).toBe('failed');
    const part = await repo.run(p, { selection: { only: ['ship'], from: [] } });
    expect(part.status).toBe('failed');
    writeFileSync(join(repo.dir, 'version'), '2\n');
    expect((await repo.run(p)).status).toBe('failed'); // make succeeded here too, with version 2
    writeFileSync(join(repo.dir, 'fixed'), '');
    const notes: string[] = [];
    const resumed = await repo.run(
      p,
      { resume: part.record!.id },
      { ...quietReporter, note: (m) => void notes.push(m) },
    );
    expect(resumed.status).toBe('completed');
    expect(repo.events()).toEqual(['ship 1']);
    expect(notes).toEqual([`make: left out of this run; its outputs are those of run ${first.record!.id}`]);
    expect(resumed.tasks.find((t) => t.leg === 'make')!.outputsFrom).toBe(first.record!.id);
  });

  it('--from with no earlier run of a left-out task says its outputs read as empty', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'e.yml',
      `
name: never-ran
tasks:
  make: { outputs: [version], run: 'echo "version=1" >> $DAGLINE_OUTPUT' }
  lint: { run: 'true' }
  ship: { needs: [make, lint], run: 'echo "ship [\${{ needs.make.outputs.version }}]" >> "$EVENTS"' }
`,
    );
    const notes: string[] = [];
    const outcome = await repo.run(
      p,
      { selection: { only: [], from: ['ship'] } },
      { ...quietReporter, note: (m) => void notes.push(m) },
    );
    expect(outcome.status).toBe('completed');
    expect(repo.events()).toEqual(['ship []']);
    // lint declares no outputs: nothing to say about it.
    expect(notes).toEqual([
      'make: left out of this run, and no earlier run of it succeeded: its outputs (version) read as empty',
    ]);
  });

  it('--dry-run goes through the DAG without starting anything or recording the run', async () => {
    const repo = new Repo();
    const notes: string[] = [];
    const outcome = await repo.run(
      repo.pipeline(
        'd.yml',
        'name: dry\ntasks:\n  a: { run: touch made }\n  b: { needs: [a], command: [touch, made-too] }\n',
      ),
      { dryRun: true },
      {
        runStarted() {},
        legStarted() {},
        legFinished() {},
        runFinished() {},
        note: (m) => void notes.push(m),
      },
    );
    expect(outcome.status).toBe('completed');
    expect(notes).toEqual(['a: would run touch made', 'b: would run touch made-too']);
    expect(existsSync(join(repo.dir, 'made'))).toBe(false);
    expect(repo.store.listRuns()).toEqual([]);
  });
});

describe('resume', () => {
  it('continues a failed run: finished tasks are not run again, attempts go on counting', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'r.yml',
      `
name: resumable
tasks:
  first: { run: 'echo first >> "$EVENTS"' }
  second: { needs: [first], run: 'echo second >> "$EVENTS"; [ -e fixed ]' }
  third: { needs: [second], run: 'echo third >> "$EVENTS"' }
`,
    );
    const failed = await repo.run(p);
    expect(statusOf(failed)).toEqual({ first: 'success', second: 'failed', third: 'upstream_failed' });
    writeFileSync(join(repo.dir, 'fixed'), '');
    // A dry run of the resume shows what it would run: not the finished task (regression: it showed all).
    const notes: string[] = [];
    const dry = await repo.run(
      p,
      { resume: true, dryRun: true },
      { runStarted() {}, legStarted() {}, legFinished() {}, runFinished() {}, note: (m) => void notes.push(m) },
    );
    expect(notes).toEqual([
      'second: would run echo second >> "$EVENTS"; [ -e fixed ]',
      'third: would run echo third >> "$EVENTS"',
    ]);
    expect(dry.tasks.find((t) => t.leg === 'first')!.attempts).toHaveLength(1);
    expect(repo.store.listRuns().map((r) => r.status)).toEqual(['failed']);
    const resumed = await repo.run(p, { resume: true });
    expect(resumed.status).toBe('completed');
    expect(resumed.record!.id).toBe(failed.record!.id);
    expect(resumed.record!.resumes).toBe(1);
    expect(repo.events()).toEqual(['first', 'second', 'second', 'third']);
    expect(resumed.tasks.find((t) => t.leg === 'second')!.attempts.map((a) => a.number)).toEqual([1, 2]);
    await expect(repo.run(p, { resume: true })).rejects.toThrow(/no failed or cancelled run of "resumable"/);
    // By the pipeline's name: its latest failed run, not its latest run (which completed)
    rmSync(join(repo.dir, 'fixed'));
    const again = await repo.run(p);
    expect(again.status).toBe('failed');
    await repo.run(p, { resume: 'resumable' }).then((r) => expect(r.status).toBe('failed'));
    writeFileSync(join(repo.dir, 'fixed'), '');
    expect(await repo.run(p)).toMatchObject({ status: 'completed' });
    const byName = await repo.run(p, { resume: 'resumable' });
    expect(byName).toMatchObject({ status: 'completed', record: { id: again.record!.id, resumes: 2 } });
  });

  it('resumes with --only: the tasks left out keep their records from before (regression: they became "skipped", attempts lost)', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'o.yml',
      `
name: resume-only
tasks:
  broken: { run: 'echo broken >> "$EVENTS"; exit 1' }
  fine: { outputs: [v], run: 'echo fine >> "$EVENTS"; echo v=7 >> "$DAGLINE_OUTPUT"' }
  last: { needs: [broken, fine], run: 'echo "last \${{ needs.broken.result }} \${{ needs.fine.outputs.v }}" >> "$EVENTS"' }
`,
    );
    const failed = await repo.run(p);
    expect(statusOf(failed)).toEqual({ broken: 'failed', fine: 'success', last: 'upstream_failed' });
    const resumed = await repo.run(p, { resume: true, selection: { only: ['last'] } });
    expect(repo.events().sort()).toEqual(['broken', 'fine', 'last success 7']);
    expect(statusOf(resumed)).toEqual({ broken: 'failed', fine: 'success', last: 'success' });
    const byLeg = Object.fromEntries(resumed.tasks.map((t) => [t.leg, t]));
    expect(byLeg.broken).toMatchObject({ attempts: [{ number: 1, exitCode: 1 }], notSelected: true });
    expect(byLeg.fine).toMatchObject({ attempts: [{ number: 1, exitCode: 0 }], outputs: { v: '7' } });
    // broken failed and was not run again: the run is not complete
    expect(resumed.status).toBe('failed');
    expect(repo.store.loadRun(resumed.record!.id).tasks.get('broken')).toMatchObject({
      status: 'failed',
      attempts: [{ number: 1 }],
    });
  });

  it('resumes a run as it was, and says so when the file has changed since (a fix there is not used)', async () => {
    const repo = new Repo();
    const text = 'name: snapshot\ntasks:\n  a: { run: \'echo was >> "$EVENTS"; exit 1\' }\n';
    await repo.run(repo.pipeline('s.yml', text));
    const notes: string[] = [];
    const watching = { ...quietReporter, note: (message: string) => void notes.push(message) };
    const changed = repo.pipeline('s.yml', text.replace('exit 1', 'exit 0').replace('was', 'now'));
    const resumed = await repo.run(changed, { resume: true }, watching);
    expect(resumed.status).toBe('failed');
    expect(repo.events()).toEqual(['was', 'was']);
    expect(notes).toEqual([
      expect.stringMatching(
        /^\S+s\.yml has changed since run snapshot-\S+ started; it resumes as it was \(its snapshot\)\. Start a new run to use the file as it is now\.$/,
      ),
    ]);
    // Unchanged: nothing to say.
    notes.length = 0;
    await repo.run(repo.pipeline('s.yml', text), { resume: true }, watching);
    expect(notes).toEqual([]);
  });
});
