import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseProcessRunner } from '../../src/process/choose-runner.js';
import { findProgram } from '../../src/process/find-program.js';
import {
  buildNativeHelper,
  buildNativeHelperInBackground,
  builtNativeHelper,
  findCompiler,
  nativeHelperFile,
  nativeHelperProgram,
} from '../../src/process/native-helper.js';
import {
  ChildProcessRunner,
  type ProcessRunner,
  type ProcessSpec,
  type RunningProcess,
} from '../../src/process/process-runner.js';
import { perlHelperProgram, SPAWN_HELPER_PERL } from '../../src/process/spawn-helper-script.js';
import { SpawnHelperRunner, type HelperProgram } from '../../src/process/spawn-helper-runner.js';
import { cacheWithNativeHelper } from '../helpers.js';
import { mostAtOnce } from '../run/harness.js';

const perl = findProgram('perl', process.env.PATH ?? '');
const bash = findProgram('bash', process.env.PATH ?? '') as string;
const compiler = findCompiler(process.env);

/** The native helper, built once for this file in a cache folder of its own; undefined without a C compiler. */
const nativeBinary = cacheWithNativeHelper().binary;

/** Each spawn helper this machine can run: how to start it, and a program of its kind that is not there. */
const helpers: [string, HelperProgram, (missing: string) => HelperProgram][] = [];
if (perl) helpers.push(['Perl', perlHelperProgram(perl), perlHelperProgram]);
if (nativeBinary) helpers.push(['native', nativeHelperProgram(nativeBinary), nativeHelperProgram]);

/** Whether any process of that group is still there (zombies aside, which `ps` marks Z). */
function groupAlive(pgid: number): boolean {
  const ps = spawnSync('ps', ['-o', 'stat=', '-g', String(pgid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').some((stat) => stat.trim() !== '' && !stat.startsWith('Z'));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'dagline-runner-'));
}

/** A process to run in `dir`, logging to task.log; tasks that record events append to $EVENTS. */
function taskSpec(dir: string, argv: [string, ...string[]], extra: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    argv,
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', EVENTS: join(dir, 'events') },
    logPath: join(dir, 'task.log'),
    timeoutMs: 0,
    killGraceMs: 200,
    ...extra,
  };
}

const opened: ProcessRunner[] = [];
afterEach(() => {
  for (const runner of opened.splice(0)) runner.close?.();
});

const runners: [string, (slots: number) => ProcessRunner][] = [['node', () => new ChildProcessRunner()]];
for (const [name, program] of helpers)
  runners.push([`${name} spawn helper`, (slots) => new SpawnHelperRunner(program, slots)]);

describe.each(runners)('the %s runner', (_name, make) => {
  const runner = (slots = 4) => {
    const made = make(slots);
    opened.push(made);
    return made;
  };
  const spec = taskSpec;

  it('runs in the folder given, with exactly the environment given, output and errors appended to the log in order', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'task.log'), 'before\n');
    const env = { PATH: process.env.PATH ?? '', MULTI: 'one\ntwo = three', EMPTY: '', UNICODE: 'é✓' };
    const result = await runner().start(
      spec(
        dir,
        [bash, '-c', 'pwd; echo "$MULTI"; echo "[$EMPTY]$UNICODE"; echo err >&2; echo "home=${HOME-unset}"; exit 3'],
        { env },
      ),
    ).done;
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, cancelled: false });
    // HOME is in the test's environment (and the helper's), not in the task's: it must not leak through.
    expect(process.env.HOME).toBeDefined();
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe(
      `before\n${dir}\none\ntwo = three\n[]é✓\nerr\nhome=unset\n`,
    );
  });

  it('runs with a base environment and the changes to it: the base as given, changed where the task changes it', async () => {
    const made = runner();
    // One base for several tasks, as a run hands out: it lacks HOME (which the helper has), and
    // holds a Perl setting the helper leaves out of its own environment.
    const envBase = { PATH: process.env.PATH ?? '', SHARED: 'base', CHANGED: 'base', PERL5OPT: '-w' };
    const show = 'echo "$SHARED|$CHANGED|${ONLY_TASK-unset}|${HOME-unset}|$PERL5OPT"';
    const results = [];
    for (const [name, env] of [
      ['one', { CHANGED: 'task one', ONLY_TASK: 'x' }],
      ['two', {}],
      ['three', { PERL5OPT: '', HOME: '/elsewhere' }],
    ] as const) {
      const dir = folder();
      await made.start(spec(dir, [bash, '-c', show], { env, envBase })).done;
      results.push([name, readFileSync(join(dir, 'task.log'), 'utf8')]);
    }
    expect(results).toEqual([
      ['one', 'base|task one|x|unset|-w\n'],
      ['two', 'base|base|unset|unset|-w\n'],
      ['three', 'base|base|unset|/elsewhere|\n'],
    ]);
  });

  it('gives the task /dev/null for input and the default action for SIGPIPE', async () => {
    const dir = folder();
    // SIGPIPE ends `yes` (status 141) once head is gone; were it ignored, yes would print an error and exit 1.
    const result = await runner().start(spec(dir, [bash, '-c', 'cat; yes | head -1; echo "yes: ${PIPESTATUS[0]}"']))
      .done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('y\nyes: 141\n');
  });

  it('reports the signal that ended a process', async () => {
    const dir = folder();
    const result = await runner().start(spec(dir, [bash, '-c', 'kill -USR1 $$'])).done;
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGUSR1' });
  });

  it('reports what could not start: no such program, no such folder, a NUL in an argument', async () => {
    const dir = folder();
    const r = runner();
    const missing = await r.start(spec(dir, ['no-such-program-here'])).done;
    expect(missing.spawnError).toMatch(/no-such-program-here|ENOENT/);
    expect(missing.exitCode).toBeNull();
    const noFolder = await r.start(spec(join(dir, 'nowhere'), [bash, '-c', 'true'])).done;
    expect(noFolder.spawnError).toBeDefined();
    const nul = await r.start(spec(dir, [bash, '-c', 'echo a\0b'])).done;
    expect(nul.spawnError).toBeDefined();
    // The runner still works after each.
    expect((await r.start(spec(dir, [bash, '-c', 'exit 0'])).done).exitCode).toBe(0);
  });

  it('runs a script without #! through /bin/sh, as execvp does', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'plain-script'), 'echo "from sh: $0"\n', { mode: 0o755 });
    const result = await runner().start(spec(dir, ['./plain-script'])).done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('from sh: ./plain-script\n');
  });

  it("finds the program on the task's PATH, not the runner's, a relative folder taken from the task's folder", async () => {
    const dir = folder();
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'tools', 'only-here'), '#!/bin/sh\necho found it\n', { mode: 0o755 });
    const env = { PATH: `tools:${process.env.PATH ?? ''}` };
    const result = await runner().start(spec(dir, ['only-here'], { env })).done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('found it\n');
  });

  it('ends the whole group on timeout, grandchildren that ignore SIGTERM included (SIGKILL after the grace)', async () => {
    const dir = folder();
    const script = `trap '' TERM; bash -c 'trap "" TERM; sleep 30' & echo $$ > leader.pid; wait`;
    const result = await runner().start(spec(dir, [bash, '-c', script], { timeoutMs: 300, killGraceMs: 100 })).done;
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    const leader = Number(readFileSync(join(dir, 'leader.pid'), 'utf8'));
    await until(() => !groupAlive(leader), 'the group to be gone');
  });

  it('kills what a task leaves running in its group when it ends', async () => {
    const dir = folder();
    const result = await runner().start(spec(dir, [bash, '-c', 'sleep 30 & echo $$ > leader.pid'])).done;
    expect(result.exitCode).toBe(0);
    const leader = Number(readFileSync(join(dir, 'leader.pid'), 'utf8'));
    await until(() => !groupAlive(leader), 'the group to be gone');
  });

  it('cancels: SIGTERM to the group, recorded as cancelled', async () => {
    const dir = folder();
    let started = false;
    const running = runner().start(
      spec(dir, [bash, '-c', 'echo $$ > leader.pid; sleep 30'], { onStart: () => (started = true) }),
    );
    await until(() => started && spawnSync('test', ['-s', join(dir, 'leader.pid')]).status === 0, 'the task to start');
    running.cancel();
    const result = await running.done;
    expect(result).toMatchObject({ cancelled: true, signal: 'SIGTERM' });
    expect(result.neverStarted).toBeUndefined();
  });
});

describe.each(helpers)('the %s spawn helper', (_name, program, missingProgram) => {
  const helper = (slots: number) => {
    const made = new SpawnHelperRunner(program, slots);
    opened.push(made);
    return made;
  };
  const spec = (dir: string, script: string, extra: Partial<ProcessSpec> = {}) =>
    taskSpec(dir, [bash, '-c', script], extra);

  it('runs no more than its slots at once and queues the rest', async () => {
    const dir = folder();
    const runner = helper(2);
    const work = (n: number) => spec(dir, `echo "start ${n}" >> "$EVENTS"; sleep 0.1; echo "end ${n}" >> "$EVENTS"`);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => runner.start(work(n)).done));
    expect(results.every((r) => r.exitCode === 0)).toBe(true);
    const events = readFileSync(join(dir, 'events'), 'utf8').trim().split('\n');
    expect(mostAtOnce(events)).toBe(2);
    expect(events.filter((e) => e.startsWith('start')).sort()).toEqual([
      'start 1',
      'start 2',
      'start 3',
      'start 4',
      'start 5',
    ]);
    // Queued in order: the last one asked for starts after the first two have both started.
    expect(events.indexOf('start 5')).toBeGreaterThan(Math.max(events.indexOf('start 1'), events.indexOf('start 2')));
  });

  it('sees every end under churn: 400 processes that exit at once, 4 at a time', async () => {
    const dir = folder();
    const runner = helper(4);
    const results = await Promise.all(
      Array.from(
        { length: 400 },
        (_, i) => runner.start(spec(dir, `exit ${i % 3}`, { logPath: join(dir, `t${i}.log`) })).done,
      ),
    );
    expect(results.map((r) => r.exitCode)).toEqual(Array.from({ length: 400 }, (_, i) => i % 3));
  });

  it('drops a queued process on cancel: it never starts, and no timeout runs while it waits', async () => {
    const dir = folder();
    const runner = helper(1);
    const first = runner.start(spec(dir, 'touch first; while [ ! -e go ]; do sleep 0.02; done'));
    let secondStarted = false;
    const second = runner.start(spec(dir, 'touch second', { timeoutMs: 50, onStart: () => (secondStarted = true) }));
    await until(() => spawnSync('test', ['-e', join(dir, 'first')]).status === 0, 'the first task to start');
    await new Promise((r) => setTimeout(r, 150)); // longer than the queued one's timeout
    second.cancel();
    expect(await second.done).toMatchObject({ cancelled: true, neverStarted: true, timedOut: false });
    writeFileSync(join(dir, 'go'), '');
    expect((await first.done).exitCode).toBe(0);
    expect(secondStarted).toBe(false);
    expect(spawnSync('test', ['-e', join(dir, 'second')]).status).not.toBe(0);
  });

  it('drops requests still held for the next batch on cancel, and those already in its queue, and runs the rest in order', async () => {
    const dir = folder();
    const runner = helper(1);
    const first = runner.start(spec(dir, 'echo first >> "$EVENTS"; while [ ! -e go ]; do sleep 0.02; done'));
    await until(() => existsSync(join(dir, 'events')), 'the first task to start');
    // One slot: once the first runs, one more waits in the helper's queue; the rest are held in dagline.
    const rest = ['second', 'third', 'fourth', 'fifth'].map((name) =>
      runner.start(spec(dir, `echo ${name} >> "$EVENTS"`)),
    );
    await new Promise((r) => setTimeout(r, 50));
    rest[1]!.cancel();
    rest[2]!.cancel();
    writeFileSync(join(dir, 'go'), '');
    const results = await Promise.all([first, ...rest].map((r) => r.done));
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, null, null, 0]);
    expect(results[2]).toMatchObject({ cancelled: true, neverStarted: true });
    expect(results[3]).toMatchObject({ cancelled: true, neverStarted: true });
    expect(readFileSync(join(dir, 'events'), 'utf8')).toBe('first\nsecond\nfifth\n');
  });

  it('ends the tasks it runs when dagline goes away (its input closes), so none outlives a killed run', async () => {
    const dir = folder();
    const runner = helper(2);
    const running = runner.start(spec(dir, `trap '' TERM; echo $$ > leader.pid; sleep 30`, { killGraceMs: 100 }));
    await until(() => spawnSync('test', ['-s', join(dir, 'leader.pid')]).status === 0, 'the task to start');
    const leader = Number(readFileSync(join(dir, 'leader.pid'), 'utf8'));
    runner.close();
    await until(() => !groupAlive(leader), 'the task to be ended (SIGTERM ignored, then SIGKILL)');
    expect((await running.done).lostError).toMatch(/spawn helper/);
  });

  it('falls back to Node for what was waiting when the helper cannot start, and for everything after', async () => {
    const dir = folder();
    const runner = new SpawnHelperRunner(missingProgram(join(dir, 'no-helper-here')), 2);
    opened.push(runner);
    const first = await runner.start(spec(dir, 'echo one')).done;
    const second = await runner.start(spec(dir, 'echo two')).done;
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('one\ntwo\n');
  });

  it('keeps to its slots without the helper too: Node runs what it is handed, no more than the slots at once', async () => {
    const dir = folder();
    const runner = new SpawnHelperRunner(missingProgram(join(dir, 'no-helper-here')), 2);
    opened.push(runner);
    let last: RunningProcess | undefined; // eslint-disable-line prefer-const -- set after the starts, read in a callback
    // Soon after the first one starts (with Node, the helper having failed), the last waits in Node's queue: cancel it there.
    const cancelLast = () => void setTimeout(() => last?.cancel(), 30);
    const work = (n: number) =>
      spec(
        dir,
        `echo "start ${n}" >> "$EVENTS"; sleep 0.2; echo "end ${n}" >> "$EVENTS"`,
        n === 1 ? { onStart: cancelLast } : {},
      );
    const started = [1, 2, 3, 4, 5].map((n) => runner.start(work(n)));
    last = started[4];
    const results = await Promise.all(started.map((r) => r.done));
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, null]);
    expect(results[4]).toMatchObject({ cancelled: true, neverStarted: true });
    const events = readFileSync(join(dir, 'events'), 'utf8').trim().split('\n');
    expect(mostAtOnce(events)).toBe(2);
    expect(events).not.toContain('start 5');
  });

  it('does not start a waiting task cancelled while the others are handed to Node (regression: Node was asked to start it)', async () => {
    const dir = folder();
    // Node's runner, counting what it is asked to start.
    const node = new ChildProcessRunner();
    const asked: string[] = [];
    const counting: ProcessRunner = { start: (s) => (asked.push(s.argv[2] as string), node.start(s)) };
    const runner = new SpawnHelperRunner(missingProgram(join(dir, 'no-helper-here')), 3, counting);
    opened.push(runner);
    let third: RunningProcess | undefined; // eslint-disable-line prefer-const -- set after the starts, read in a callback
    const work = (n: number) => spec(dir, `echo ${n}; sleep 0.1`, n === 1 ? { onStart: () => third?.cancel() } : {});
    const started = [1, 2, 3].map((n) => runner.start(work(n)));
    third = started[2];
    const results = await Promise.all(started.map((r) => r.done));
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, null]);
    expect(results[2]).toMatchObject({ cancelled: true, neverStarted: true });
    expect(asked).toEqual(['echo 1; sleep 0.1', 'echo 2; sleep 0.1']);
  });

  it('fails and ends what it ran when the helper dies, and starts later tasks with Node', async () => {
    const dir = folder();
    const runner = helper(2);
    const running = runner.start(spec(dir, 'echo $$ > leader.pid; sleep 30'));
    await until(() => spawnSync('test', ['-s', join(dir, 'leader.pid')]).status === 0, 'the task to start');
    const leader = Number(readFileSync(join(dir, 'leader.pid'), 'utf8'));
    process.kill(runner.helperPid as number, 'SIGKILL');
    const result = await running.done;
    expect(result.lostError).toMatch(/^dagline's spawn helper \(.+\) exited SIGKILL/);
    await until(() => !groupAlive(leader), 'the orphaned task to be killed');
    expect((await runner.start(spec(dir, 'exit 7')).done).exitCode).toBe(7);
  });
});

/** Debian's smallest Perl (perl-base, in every Debian and Ubuntu system, slim images included). */
const perlBase = '/usr/lib/x86_64-linux-gnu/perl-base';

describe.runIf(perl && existsSync(perlBase))('the spawn helper on the smallest Perl', () => {
  it('needs no module beyond perl-base (Time::HiRes, for one, is not in it)', () => {
    const dir = folder();
    const request = ['s', '1', dir, join(dir, 'task.log'), '100', '3', bash, '-c', 'true', '0', '0'].join('\0');
    // Only perl-base's folder on @INC; input: one start request, then end of input (which ends the task).
    const result = spawnSync(perl as string, ['-e', `BEGIN { @INC = ('${perlBase}') }\n${SPAWN_HELPER_PERL}`, '1'], {
      input: `${Buffer.byteLength(request)}\n${request}`,
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^r\ns 1 \d+\n/);
  });

  it('loads no module but strict (each fork copies what modules add to the helper)', () => {
    const dir = folder();
    const request = ['s', '1', dir, join(dir, 'task.log'), '100', '3', bash, '-c', 'true', '0', '0'].join('\0');
    // On perl-base, where the Time::HiRes it tries once its input closes is not to be found.
    const result = spawnSync(
      perl as string,
      [
        '-e',
        `BEGIN { @INC = ('${perlBase}') }\nEND { print STDERR join(',', sort keys %INC), "\\n" }\n${SPAWN_HELPER_PERL}`,
        '1',
      ],
      {
        input: `${Buffer.byteLength(request)}\n${request}`,
        encoding: 'utf8',
        timeout: 10_000,
      },
    );
    expect(result.stdout).toMatch(/^r\ns 1 \d+\n/);
    expect(result.stderr).toBe('strict.pm\n');
  });
});

describe('choosing the runner', () => {
  it('uses the helper where perl is on the PATH, Node when told or where there is none, and refuses a bad choice', () => {
    const empty = folder();
    expect(chooseProcessRunner({ PATH: empty }, 2)).toBeInstanceOf(ChildProcessRunner);
    expect(chooseProcessRunner({ PATH: process.env.PATH, DAGLINE_SPAWNER: 'node' }, 2)).toBeInstanceOf(
      ChildProcessRunner,
    );
    expect(chooseProcessRunner({ PATH: process.env.PATH }, 2, 'win32')).toBeInstanceOf(ChildProcessRunner);
    if (perl) expect(chooseProcessRunner({ PATH: process.env.PATH }, 2)).toBeInstanceOf(SpawnHelperRunner);
    expect(() => chooseProcessRunner({ PATH: empty, DAGLINE_SPAWNER: 'perl' }, 2)).toThrow(/no perl on the PATH/);
    expect(() => chooseProcessRunner({ PATH: empty, DAGLINE_SPAWNER: 'fast' }, 2)).toThrow(
      /DAGLINE_SPAWNER=fast is not one of auto, native, perl, node/,
    );
  });
});

describe.runIf(compiler && perl)('the native spawn helper in the cache folder', () => {
  const program = (runner: ProcessRunner) => (runner as SpawnHelperRunner).program.command;
  const settle = async (file: string) =>
    until(() => existsSync(file) || existsSync(`${file}.failed`), 'the background build to end');

  it('is built in the background by the first run that finds none, which uses Perl; the next run uses it', async () => {
    const cache = folder();
    const first = chooseProcessRunner({ PATH: process.env.PATH }, 2, 'linux', cache);
    opened.push(first);
    expect(program(first)).toBe(perl);
    const binary = nativeHelperFile(cache);
    await settle(binary);
    expect(existsSync(`${binary}.failed`)).toBe(false);
    const next = chooseProcessRunner({ PATH: process.env.PATH }, 2, 'linux', cache);
    opened.push(next);
    expect(program(next)).toBe(binary);
    const dir = folder();
    expect((await next.start(taskSpec(dir, [bash, '-c', 'echo native'])).done).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('native\n');
    // Nothing is left behind but the binary.
    expect(readdirSync(cache)).toEqual([basename(binary)]);
  });

  it("keeps a few other versions' binaries when it builds, and leaves another version's build under way alone", () => {
    const cache = folder();
    const others = ['a', 'b', 'c', 'd', 'e'].map((digit, i) => {
      const file = join(cache, `spawn-helper-${digit.repeat(24)}`);
      writeFileSync(file, '');
      utimesSync(file, 1_000_000 + i, 1_000_000 + i); // a newest last, all older than a month
      return file;
    });
    writeFileSync(join(cache, `spawn-helper-${'f'.repeat(24)}.123-x.c`), ''); // another version building now
    buildNativeHelper(cache, compiler as string);
    expect(readdirSync(cache).sort()).toEqual(
      [basename(nativeHelperFile(cache)), `spawn-helper-${'f'.repeat(24)}.123-x.c`].sort(),
    );
    for (const file of others.slice(2)) writeFileSync(file, ''); // three rewritten now
    rmSync(nativeHelperFile(cache));
    buildNativeHelper(cache, compiler as string);
    expect(others.filter((file) => existsSync(file)).map((file) => basename(file))).toEqual(
      others.slice(2).map((file) => basename(file)),
    );
  });

  it('is used only where nobody else can write to it, nor to its folder', () => {
    const cache = folder();
    const built = buildNativeHelper(cache, compiler as string);
    expect(built).toEqual({ file: nativeHelperFile(cache) });
    expect(builtNativeHelper(cache)).toBe(nativeHelperFile(cache));
    chmodSync(nativeHelperFile(cache), 0o775);
    expect(builtNativeHelper(cache)).toBeUndefined();
    chmodSync(nativeHelperFile(cache), 0o755);
    chmodSync(cache, 0o777);
    expect(builtNativeHelper(cache)).toBeUndefined();
    chmodSync(cache, 0o700);
    chmodSync(nativeHelperFile(cache), 0o775);
    expect(program(chooseProcessRunner({ PATH: process.env.PATH, DAGLINE_SPAWNER: 'native' }, 2, 'linux', cache))).toBe(
      nativeHelperFile(cache),
    );
    // Rebuilt by that choice, with this user's own mode.
    expect(statSync(nativeHelperFile(cache)).mode & 0o022).toBe(0);
  });

  it('remembers a build that failed: auto does not try again, native says what the compiler said', async () => {
    const cache = folder();
    const tools = folder();
    writeFileSync(join(tools, 'broken-cc'), '#!/bin/sh\necho "broken-cc: no such target" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const env = { PATH: process.env.PATH, CC: join(tools, 'broken-cc') };
    expect(program(chooseProcessRunner(env, 2, 'linux', cache))).toBe(perl);
    await settle(nativeHelperFile(cache));
    expect(readFileSync(`${nativeHelperFile(cache)}.failed`, 'utf8')).toMatch(/no such target/);
    expect(buildNativeHelperInBackground(cache, join(tools, 'broken-cc'))).toBe(false);
    expect(() => chooseProcessRunner({ ...env, DAGLINE_SPAWNER: 'native' }, 2, 'linux', cache)).toThrow(
      /the helper did not build: .*no such target/,
    );
    expect(() => chooseProcessRunner({ PATH: folder(), DAGLINE_SPAWNER: 'native' }, 2, 'linux', folder())).toThrow(
      /no C compiler/,
    );
    expect(() =>
      chooseProcessRunner({ PATH: process.env.PATH, DAGLINE_SPAWNER: 'native' }, 2, 'linux', undefined),
    ).toThrow(/DAGLINE_COMPILE_CACHE is off/);
  });

  it('runs with Perl when the cache folder is not a folder (regression: the run was refused with ENOTDIR)', () => {
    const notAFolder = join(folder(), 'a-file');
    writeFileSync(notAFolder, '');
    expect(builtNativeHelper(notAFolder)).toBeUndefined();
    expect(program(chooseProcessRunner({ PATH: process.env.PATH }, 2, 'linux', notAFolder))).toBe(perl);
    expect(() =>
      chooseProcessRunner({ PATH: process.env.PATH, DAGLINE_SPAWNER: 'native' }, 2, 'linux', notAFolder),
    ).toThrow(/the helper did not build: cannot write to the cache folder/);
  });

  it('hands its work to the Perl helper when its binary cannot start', async () => {
    const cache = folder();
    buildNativeHelper(cache, compiler as string);
    const runner = chooseProcessRunner({ PATH: process.env.PATH, DAGLINE_SPAWNER: 'native' }, 2, 'linux', cache);
    opened.push(runner);
    // As on a cache folder mounted noexec: the binary is there, and cannot be run.
    chmodSync(nativeHelperFile(cache), 0o600);
    const dir = folder();
    const result = await runner.start(taskSpec(dir, [bash, '-c', 'echo "started by $(cat /proc/$PPID/comm)"'])).done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('started by perl\n');
  });
});
