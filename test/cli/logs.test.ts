import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../helpers.js';
import { dagline, repo, start } from './bin.js';

const ENDED = `
name: logs
tasks:
  hello: { run: 'echo "hello"; printf "no newline"' }
  flaky:
    retries: 1
    retry-delay: 0s
    run: 'echo "attempt $DAGLINE_TASK_ATTEMPT"; [ "$DAGLINE_TASK_ATTEMPT" = 2 ]'
  load: { matrix: { period: [day, month] }, run: 'echo "load \${{ matrix.period }}"' }
  never: { needs: [hello], if: "false", run: echo never }
  odd: { matrix: { colour: ["\\e[31mred"] }, run: 'echo odd' }
`;

describe('dagline logs, of a run that ended', () => {
  const dir = repo({ 'p.yml': ENDED });
  const ran = dagline(dir, ['run', 'p.yml']);
  const logs = (...args: string[]) => dagline(dir, ['logs', ...args]);

  it('prints one task’s log as the task wrote it, after the header dagline gives each attempt', () => {
    expect(ran.code).toBe(0);
    const hello = /^\[dagline\] --- attempt 1 of 1, \S+\nhello\nno newline$/;
    expect(logs('logs', 'hello')).toEqual({ code: 0, stdout: expect.stringMatching(hello), stderr: '' });
    // By id, or the start of one, as `runs show` takes it.
    const id = /run (logs-\S+):/.exec(ran.stdout)?.[1] as string;
    expect(logs(id, 'hello').stdout).toMatch(hello);
    expect(logs(id.slice(0, -2), 'hello').stdout).toMatch(hello);
  });

  it('prints the last attempt, or the one --attempt names', () => {
    expect(logs('logs', 'flaky').stdout).toMatch(/^\[dagline\] --- attempt 2 of 2, \S+\nattempt 2\n$/);
    expect(logs('logs', 'flaky', '--attempt', '1').stdout).toMatch(
      /^\[dagline\] --- attempt 1 of 2, \S+\nattempt 1\n\[dagline\] flaky: exit code 1\n\[dagline\] retrying in 0ms \(attempt 2 of 2\)\n$/,
    );
    expect(logs('logs', 'flaky', '--attempt', '3')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: "flaky" has 2 attempts: there is no attempt 3 (--attempt 1 to 2)\n',
    });
    expect(logs('logs', 'flaky', '--attempt', '0').stderr).toBe(
      'error: --attempt 0 is not an attempt number (attempts count from 1)\n',
    );
  });

  it('names a leg by its name, its values or its log file; a matrix task gives every leg, each line under its name', () => {
    const header = '\\[dagline\\] --- attempt 1 of 1, \\S+\\n';
    const day = new RegExp(`^${header}load day\\n$`);
    expect(logs('logs', 'load:day').stdout).toMatch(day);
    expect(logs('logs', 'load (month)').stdout).toMatch(new RegExp(`^${header}load month\\n$`));
    expect(logs('logs', 'load.0-day').stdout).toMatch(day);
    expect(logs('logs', 'load').stdout).toMatch(
      new RegExp(
        `^\\[load \\(day\\)\\] ${header}\\[load \\(day\\)\\] load day\\n\\[load \\(month\\)\\] ${header}\\[load \\(month\\)\\] load month\\n$`,
      ),
    );
  });

  it('prints the whole run with every line under its task, a last line without a newline ended', () => {
    const lines = logs('logs').stdout.split('\n');
    expect(lines.pop()).toBe('');
    // Each leg's last attempt, its header first.
    const headers = lines.filter((line) => / \[dagline\] --- attempt /.test(line));
    expect(headers.map((line) => line.replace(/, \S+$/, '')).sort()).toEqual(
      [
        '[hello] [dagline] --- attempt 1 of 1',
        '[flaky] [dagline] --- attempt 2 of 2',
        '[load (day)] [dagline] --- attempt 1 of 1',
        '[load (month)] [dagline] --- attempt 1 of 1',
        '[odd (\\x1b[31mred)] [dagline] --- attempt 1 of 1',
      ].sort(),
    );
    expect(lines.filter((line) => !headers.includes(line)).sort()).toEqual(
      [
        '[hello] hello',
        '[hello] no newline',
        '[flaky] attempt 2',
        '[load (day)] load day',
        '[load (month)] load month',
        '[odd (\\x1b[31mred)] odd',
      ].sort(),
    );
  });

  it('says why there is no log: a task that did not run, an unknown task, leg, run', () => {
    expect(logs('logs', 'never')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^error: "never" did not run: skipped, if is false \(dagline runs show logs-\S+ lists what ran\)\n$/,
      ),
    });
    expect(logs('logs', 'hellp')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: run logs-\S+ has no task "hellp" \(did you mean "hello"\?\)\n$/),
    });
    expect(logs('logs', 'load:week')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/has no leg "load \(week\)" \(its legs of load: load \(day\), load \(month\)\)\n$/),
    });
    expect(logs('logs', 'load (dya)').stderr).toMatch(/has no leg "load \(dya\)" \(did you mean "load \(day\)"\?\)\n$/);
    expect(logs('logz', 'hello')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: no run logz in /) });
    // What the user typed comes back without its control characters.
    expect(logs('logs', 'he\x1b[2Jllo').stderr).toContain('"he\\x1b[2Jllo"');
  });

  it('dagline run on GitHub Actions prints the run between stop-commands, so no task line is a workflow command', () => {
    const evil = repo({
      'e.yml':
        'name: evil\ntasks:\n  t: { run: \'printf "a\\r::error::pwned\\n##[group]x\\n"\' }\n  u: { needs: [t], run: "true" }\n',
    });
    const { stdout, code } = dagline(evil, ['run', 'e.yml'], { GITHUB_ACTIONS: 'true', CI: 'true' });
    expect(code).toBe(0);
    const [, token] = /^::stop-commands::([0-9a-f]{32})\n/.exec(stdout) ?? [];
    expect(token).toBeDefined();
    const inside = stdout.slice(stdout.indexOf('\n') + 1, stdout.lastIndexOf(`::${token}::\n`));
    expect(inside).toContain('[t] a\r::error::pwned\n[t] ##[group]x\n');
    expect(inside).toContain('[dagline] start u\n');
    // The span closes once, after the last task line; nothing of the run is outside it.
    expect(stdout.split(`::${token}::\n`)).toHaveLength(2);
    expect(stdout.slice(stdout.lastIndexOf(`::${token}::\n`))).not.toContain('[t]');
    // Elsewhere, no stop-commands.
    expect(dagline(evil, ['run', 'e.yml'], { CI: 'true' }).stdout).not.toContain('::stop-commands::');
  });

  it('on GitHub Actions, prints a log between stop-commands, so no line of it is a workflow command', () => {
    const evil = repo({
      'e.yml': 'name: evil\ntasks:\n  t: { run: \'echo "::add-mask::x"; printf "a\\r::error::pwned"\' }\n',
    });
    expect(dagline(evil, ['run', 'e.yml']).code).toBe(0);
    const { stdout, code } = dagline(evil, ['logs', 'evil', 't'], { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(0);
    const [, token] = /^::stop-commands::([0-9a-f]{32})\n/.exec(stdout) ?? [];
    expect(token).toBeDefined();
    const header = '\\[dagline\\] --- attempt 1 of 1, \\S+\\n';
    expect(stdout).toMatch(
      new RegExp(`^::stop-commands::${token}\\n${header}::add-mask::x\\na\\r::error::pwned\\n::${token}::\\n$`),
    );
    const all = dagline(evil, ['logs', 'evil'], { GITHUB_ACTIONS: 'true' }).stdout;
    expect(all).toMatch(
      new RegExp(
        `^::stop-commands::([0-9a-f]{32})\\n\\[t\\] ${header}\\[t\\] ::add-mask::x\\n\\[t\\] a\\r::error::pwned\\n::\\1::\\n$`,
      ),
    );
    // Elsewhere, the bytes alone.
    expect(dagline(evil, ['logs', 'evil', 't']).stdout).toMatch(
      new RegExp(`^${header}::add-mask::x\\na\\r::error::pwned$`),
    );
  });
});

describe('dagline logs --follow, of a run that runs', () => {
  it('streams a task while it runs, through its retry, and ends when it ends; the run and a task not started yet too', async () => {
    // The task waits on a named pipe: the test lets it go on by writing to it, once it has seen
    // what it waits for. No sleep decides anything.
    const dir = repo({
      'f.yml': `
name: follow
tasks:
  slow:
    retries: 1
    retry-delay: 0s
    run: |
      echo "attempt $DAGLINE_TASK_ATTEMPT begins"
      read -r line < "$GATE"
      echo "got $line"
      [ "$DAGLINE_TASK_ATTEMPT" = 2 ]
  after: { needs: [slow], run: printf after }
`,
    });
    const gate = join(dir, 'gate');
    execFileSync('mkfifo', [gate]);
    const run = start(dir, ['run', 'f.yml'], { GATE: gate });
    await until(() => run.output().stdout.includes('[slow] attempt 1 begins'), 'the task to start');

    const slow = start(dir, ['logs', 'follow', 'slow', '--follow']);
    const whole = start(dir, ['logs', 'follow', '-f']);
    const after = start(dir, ['logs', 'follow', 'after', '-f']);
    await until(() => slow.output().stdout.includes('attempt 1 begins\n'), 'logs -f to print the first line');
    await until(() => whole.output().stdout.includes('[slow] attempt 1 begins\n'), 'the whole run to print it too');
    await until(() => after.output().stderr.includes('waiting for "after"'), 'logs -f to wait for a task');
    expect(after.output().stdout).toBe('');
    await writeFile(gate, 'one\n');
    await until(() => slow.output().stdout.includes('attempt 2 begins\n'), 'the retry to be followed');
    await writeFile(gate, 'two\n');

    const followed = await slow.result;
    expect(followed.code).toBe(0);
    expect(followed.stdout).toMatch(
      /^\[dagline\] --- attempt 1 of 2, \S+\nattempt 1 begins\ngot one\n\[dagline\] slow: exit code 1\n\[dagline\] retrying in 0ms \(attempt 2 of 2\)\n\[dagline\] --- attempt 2 of 2, \S+\nattempt 2 begins\ngot two\n$/,
    );
    expect(await after.result).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^\[dagline\] --- attempt 1 of 1, \S+\nafter$/),
      stderr: 'dagline logs: waiting for "after" to start\n',
    });
    const everything = await whole.result;
    expect(everything.code).toBe(0);
    expect(everything.stdout).toMatch(
      /^\[slow\] \[dagline\] --- attempt 1 of 2, \S+\n\[slow\] attempt 1 begins\n\[slow\] got one\n[^]*\[slow\] got two\n\[after\] \[dagline\] --- attempt 1 of 1, \S+\n\[after\] after\n$/,
    );
    expect((await run.result).code).toBe(0);
    // The same, once the run ended: the log at once, and an end.
    expect(dagline(dir, ['logs', 'follow', 'slow', '-f', '--attempt', '2']).stdout).toMatch(
      /^\[dagline\] --- attempt 2 of 2, \S+\nattempt 2 begins\ngot two\n$/,
    );
  });

  it('ends when a task it waits for does not run, and when the run’s dagline is killed', async () => {
    const dir = repo({
      'k.yml': `
name: killed
tasks:
  wait: { run: 'echo waiting; read -r line < "$GATE"; echo "$line"' }
  skipped: { if: "false", needs: [wait], run: echo never }
  later: { needs: [wait], run: echo later }
`,
    });
    const gate = join(dir, 'gate');
    execFileSync('mkfifo', [gate]);
    const run = start(dir, ['run', 'k.yml'], { GATE: gate });
    await until(() => run.output().stdout.includes('[wait] waiting'), 'the task to start');
    const unknown = dagline(dir, ['logs', 'killed', 'latr', '-f']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('(did you mean "later"?)') });
    expect(dagline(dir, ['logs', 'killed', 'later'])).toMatchObject({
      code: 2,
      stderr: 'error: "later" has not started yet (--follow waits for it)\n',
    });
    const later = start(dir, ['logs', 'killed', 'later', '-f']);
    const wait = start(dir, ['logs', 'killed', 'wait', '-f']);
    await until(() => wait.output().stdout.endsWith('\nwaiting\n'), 'logs -f to print the task so far');
    await until(() => later.output().stderr === 'dagline logs: waiting for "later" to start\n', 'logs -f to wait');
    run.child.kill('SIGKILL');
    await run.result;
    const ended = await wait.result;
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(
      /^dagline logs: run killed-\S+ stopped without an end: its dagline \(pid \d+\) is gone\n$/,
    );
    expect(await later.result).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('is gone\n') });
    // The task dagline left behind reads its line and ends (before the next dagline could end it).
    await writeFile(gate, 'free\n');
    const leftLog = join(dir, '.dagline/runs', /run (killed-\S+):/.exec(run.output().stdout)![1]!, 'logs/wait.log');
    await until(() => readFileSync(leftLog, 'utf8').endsWith('free\n'), 'the task left behind to read its line');
    // Once the run is marked failed (by the next dagline that looks), a task it never reached says so.
    expect(dagline(dir, ['runs']).code).toBe(0);
    expect(dagline(dir, ['logs', 'killed', 'later'])).toMatchObject({
      code: 2,
      stderr: 'error: "later" did not run: the run ended failed before it started\n',
    });

    // A task skipped while the run goes on ends its follower with why.
    const skipRun = start(dir, ['run', 'k.yml'], { GATE: gate });
    await until(() => skipRun.output().stdout.includes('[wait] waiting'), 'the task to start again');
    const skipped = start(dir, ['logs', 'killed', 'skipped', '-f']);
    await until(() => skipped.output().stderr.includes('waiting for "skipped"'), 'logs -f to wait');
    await writeFile(gate, 'go\n');
    expect(await skipped.result).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^dagline logs: waiting for "skipped" to start\nerror: "skipped" did not run: skipped, if is false /,
      ),
    });
    expect((await skipRun.result).code).toBe(0);
  });
});
