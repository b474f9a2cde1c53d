import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { showLogs } from '../../src/cli/commands/logs.js';
import type { CliIo } from '../../src/cli/io.js';
import { ChildProcessRunner, type ProcessRunner } from '../../src/process/process-runner.js';
import { PlainReporter } from '../../src/cli/run-output/plain-reporter.js';
import { LONGEST_LINE, PrefixedLines } from '../../src/cli/run-output/prefixed-lines.js';
import { logTail } from '../../src/cli/run-output/summary.js';
import { TtyReporter } from '../../src/cli/run-output/tty-reporter.js';
import type { LegInstance } from '../../src/run/scheduler.js';
import { waitInShell } from '../helpers.js';
import { Repo } from '../run/harness.js';

const pipelineText = `
name: shown
tasks:
  hello: { run: 'echo "hello from the task"; printf "no newline at the end"' }
  broken: { needs: [hello], run: 'echo about to fail; exit 3' }
  after: { needs: [broken], run: 'true' }
`;

describe('PrefixedLines', () => {
  it('holds no more than one line of LONGEST_LINE however long the line, and cuts no character in two', () => {
    const lines = new PrefixedLines('[t] ');
    const chunk = Buffer.from('x'.repeat(64 * 1024));
    let out = '';
    // 2 MiB without a newline: the first MiB has gone out before the line ends.
    for (let i = 0; i < 32; i++) out += lines.push(chunk);
    expect(out).toBe(`[t] ${'x'.repeat(LONGEST_LINE)}\n`);
    out += lines.push(Buffer.from('\n'));
    expect(out).toBe(`[t] ${'x'.repeat(LONGEST_LINE)}\n[t] ${'x'.repeat(LONGEST_LINE)}\n`);
    // A character of two UTF-16 units where the cut falls goes whole to the next piece.
    const emoji = `${'y'.repeat(LONGEST_LINE - 1)}\u{1F600}z`;
    const pieces = (lines.push(Buffer.from(emoji)) + lines.end()).split('\n').filter(Boolean);
    expect(pieces).toEqual([`[t] ${'y'.repeat(LONGEST_LINE - 1)}`, '[t] \u{1F600}z']);
    // A character whose bytes two reads cut waits for the rest.
    const euro = Buffer.from('€\n');
    expect(lines.push(euro.subarray(0, 1)) + lines.push(euro.subarray(1))).toBe('[t] €\n');
  });
});

describe('logTail', () => {
  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'dagline-tail-')), 'task.log');
    writeFileSync(path, text);
    return path;
  };

  it('gives the last lines, without a cut first line when it reads from the middle, long lines shortened', () => {
    expect(logTail(file('a\nb\nc\n'), 2)).toEqual(['b', 'c']);
    expect(logTail(file('only, no newline'), 5)).toEqual(['only, no newline']);
    expect(logTail(file(''), 5)).toEqual([]);
    expect(logTail(join(tmpdir(), 'no-such-dagline-log'), 5)).toEqual([]);
    const long = `${'x'.repeat(20_000)}\n${Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')}\n${'y'.repeat(400)}\n`;
    const tail = logTail(file(long), 3);
    expect(tail).toEqual(['line 28', 'line 29', `${'y'.repeat(300)}...`]);
    expect(logTail(file(long), 100)[0]).toBe('line 0'); // the 20,000 x's were cut by the read: dropped
  });
});

describe('run output', () => {
  it('on a terminal: a line per finished task, a status line kept at the bottom, a table at the end naming the failed log', async () => {
    const repo = new Repo();
    let out = '';
    // The terminal as a file too: each task goes on once the status line has shown it running,
    // however slow the machine (a task that ends in the turn it started is never shown running).
    const screen = join(repo.dir, 'screen');
    const shownRunning = (task: string) => waitInShell(`grep -q "1 running: ${task}" "${screen}"`);
    const text = pipelineText
      .replace('echo "hello from the task"', `${shownRunning('hello')}; echo "hello from the task"`)
      .replace('echo about to fail; sleep 0.2; exit 3', `echo about to fail; ${shownRunning('broken')}; exit 3`);
    const reporter = new TtyReporter((written) => {
      out += written;
      appendFileSync(screen, written);
    });
    const outcome = await repo.run(repo.pipeline('p.yml', text), {}, reporter);
    expect(outcome.status).toBe('failed');
    expect(out).toMatch(/^run shown-\S+: shown\n/);
    expect(out).toContain('\u2713 hello  success');
    expect(out).toContain('\u2717 broken  failed: exit code 3');
    // The status line is redrawn in place: cleared with \r and ESC[K, never left among the task lines.
    expect(out).toMatch(/\r\x1b\[K\d\d:\d\d {2}0\/3 done, 1 running: hello/);
    expect(out).toMatch(/\r\x1b\[K\d\d:\d\d {2}1\/3 done, 1 running: broken/);
    const summary = out.slice(out.lastIndexOf('\r\x1b[K') + 4);
    expect(summary).toMatch(/\nhello +success +1 /);
    expect(summary).toMatch(/\nbroken +failed +1 /);
    expect(summary).toMatch(/\nafter +upstream_failed +0 +- +needs "broken", which did not succeed\n/);
    expect(summary).toMatch(/^task +status +attempts +duration +why\n/m);
    expect(summary).toContain('logs/broken.log');
    // Task output stays in the log files on a terminal; the end of a failed task's log is shown.
    expect(out).not.toContain('hello from the task');
    expect(summary).toMatch(
      /\nfailed: broken: exit code 3 \(log: [^)]+\)\n {2}\| \[dagline\] --- attempt 1 of 1, \S+\n {2}\| about to fail\n {2}\| \[dagline\] broken: exit code 3\n/,
    );
  });

  it('on a terminal: a task waiting for its retry-delay is shown waiting, not running', async () => {
    const repo = new Repo();
    let out = '';
    const p = repo.pipeline(
      'w.yml',
      "name: waits\ntasks:\n  flaky: { retries: 1, retry-delay: 600ms, run: '[ -e again ] || { touch again; exit 1; }' }\n",
    );
    const outcome = await repo.run(p, {}, new TtyReporter((text) => (out += text)));
    expect(outcome.status).toBe('completed');
    expect(out).toContain('  flaky: exit code 1; retrying in 600ms (attempt 2 of 2)\n');
    // Drawn at once when the wait begins, then every 250 ms while it lasts
    expect(out).toMatch(/\r\x1b\[K\d\d:\d\d {2}0\/1 done, 0 running, 1 to retry: flaky in \d+s/);
    expect(out).not.toMatch(/0 running: flaky, 1 to retry/);
  });

  it('elsewhere: each task line prefixed with its task, partial last lines included, in the order written', async () => {
    const repo = new Repo();
    let out = '';
    const outcome = await repo.run(
      repo.pipeline('p.yml', pipelineText),
      {},
      new PlainReporter((text) => (out += text)),
    );
    expect(outcome.status).toBe('failed');
    const lines = out.split('\n');
    const at = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, `line "${line}" in:\n${out}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('[dagline] start hello')).toBeLessThan(at('[hello] hello from the task'));
    expect(at('[hello] hello from the task')).toBeLessThan(at('[hello] no newline at the end'));
    expect(at('[hello] no newline at the end')).toBeLessThan(at('[dagline] start broken'));
    expect(at('[broken] about to fail')).toBeLessThan(
      lines.findIndex((l) => l.startsWith('[dagline] failed broken (') && l.endsWith('): exit code 3')),
    );
    expect(out).not.toContain('\x1b');
    expect(out).toMatch(/\nbroken +failed +1 /);
  });

  it('says in the summary which tasks were left out by --only or --from', async () => {
    const repo = new Repo();
    let out = '';
    const p = repo.pipeline(
      'sel.yml',
      "name: selection\ntasks:\n  first: { run: 'true' }\n  second: { needs: [first], run: 'true' }\n",
    );
    await repo.run(p, { selection: { only: [], from: ['second'] } }, new PlainReporter((text) => (out += text)));
    expect(out).toMatch(/\nfirst +skipped \(not selected\) +0 +-\n/);
    expect(out).toMatch(/\nsecond +success +1 /);
  });

  it("names the leg in the lines of a matrix pipeline task's child runs (regression: every leg's child printed as the pipeline alone)", async () => {
    const repo = new Repo();
    let out = '';
    repo.write(
      'child.yml',
      'name: child\nparams: { region: { type: string } }\ntasks:\n  say: { run: \'echo "hello ${{ params.region }}"\' }\n',
    );
    const p = repo.pipeline(
      'parent.yml',
      "name: parent\ntasks:\n  deploy:\n    matrix: { region: [eu, us] }\n    pipeline: child.yml\n    with: { region: '${{ matrix.region }}' }\n",
    );
    const outcome = await repo.run(p, {}, new PlainReporter((text) => (out += text)));
    expect(outcome.status).toBe('completed');
    for (const region of ['eu', 'us']) {
      expect(out).toMatch(
        new RegExp(
          `\\n\\[dagline\\] child \\(${region}\\)/run child-\\S+: child \\(\\S*child\\.yml\\), region=${region}\\n`,
        ),
      );
      expect(out).toContain(`\n[dagline] start child (${region})/say\n`);
      expect(out).toContain(`\n[child (${region})/say] hello ${region}\n`);
      expect(out).toMatch(new RegExp(`\\n\\[dagline\\] child \\(${region}\\)/run child-\\S+: completed\\n`));
    }
    expect(out).not.toContain('child/');
  });

  it('elsewhere: a line longer than many reads comes out whole and once, and a character cut by a read stays whole (regression: quadratic, and split characters became U+FFFD)', async () => {
    const repo = new Repo();
    let out = '';
    // 1 MiB of one line, then a line whose 3-byte characters straddle the 64 KiB reads, then a last line without a newline.
    const script =
      "head -c 1048576 /dev/zero | tr '\\0' x; echo; printf 'y%.0s' $(seq 65535); for i in $(seq 30000); do printf '\\xe2\\x82\\xac'; done; echo; printf end";
    writeFileSync(join(repo.dir, 'chatty.sh'), script);
    const outcome = await repo.run(
      repo.pipeline('long.yml', "name: long\ntasks:\n  chatty: { run: 'bash chatty.sh' }\n"),
      {},
      new PlainReporter((text) => (out += text)),
    );
    expect(outcome.status).toBe('completed');
    const lines = out.split('\n').filter((l) => l.startsWith('[chatty] '));
    expect(lines.map((l) => l.length)).toEqual([
      '[chatty] '.length + 1048576,
      '[chatty] '.length + 65535 + 30000,
      '[chatty] end'.length,
    ]);
    expect(lines[0]).toBe(`[chatty] ${'x'.repeat(1048576)}`);
    expect(lines[1]).toBe(`[chatty] ${'y'.repeat(65535)}${'€'.repeat(30000)}`);
  });

  it('elsewhere: a log of megabytes is shown a read at a time, and a line longer than 1 MiB in pieces of 1 MiB (regression: a whole log was gathered into one string: RangeError at ~550 MB)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dagline-plain-'));
    const path = join(dir, 'big.log');
    // 3.5 MiB in one line without a newline, then 2 MiB of short lines: all written before the first read.
    const long = 'x'.repeat(3.5 * LONGEST_LINE);
    writeFileSync(path, `${long}\n${'short line\n'.repeat((2 * LONGEST_LINE) / 11)}last`);
    const writes: number[] = [];
    let out = '';
    const reporter = new PlainReporter((text) => {
      writes.push(text.length);
      out += text;
    });
    const leg = (status: string) =>
      ({
        name: 'big',
        state: { status, startedAt: '2026-11-25T00:00:00.000Z', endedAt: '2026-11-25T00:00:01.000Z' },
      }) as unknown as LegInstance;
    reporter.legStarted(leg('running'), { number: 1, of: 1 }, path, 0);
    reporter.legFinished(leg('success'));
    await new Promise((resolve) => setImmediate(resolve));
    // No write holds more than a piece of a line and what one read gives: never the log.
    expect(Math.max(...writes)).toBeLessThan(2 * LONGEST_LINE);
    const lines = out.split('\n').filter((line) => line.startsWith('[big] '));
    expect(lines.slice(0, 4).map((line) => line.length - '[big] '.length)).toEqual([
      LONGEST_LINE,
      LONGEST_LINE,
      LONGEST_LINE,
      LONGEST_LINE / 2,
    ]);
    expect(lines.slice(0, 4).join('').replaceAll('[big] ', '')).toBe(long);
    expect(lines.slice(4, -1).every((line) => line === '[big] short line')).toBe(true);
    expect(lines.at(-1)).toBe('[big] last');
  });

  it('prints what a task wrote before dagline heard it had started (regression: it was skipped)', async () => {
    const repo = new Repo();
    let out = '';
    // A real runner whose processes have written a line before their start is reported.
    const node = new ChildProcessRunner();
    const late: ProcessRunner = {
      start: (spec) => {
        appendFileSync(spec.logPath, 'written before the start was reported\n');
        return node.start(spec);
      },
    };
    const p = repo.pipeline('p.yml', "name: early\ntasks:\n  t: { run: 'echo then this' }\n");
    await repo.run(p, {}, new PlainReporter((text) => (out += text)), late);
    expect(out).toContain('[t] written before the start was reported\n[t] then this\n');
  });

  it('prints what a task wrote before the note that it will be retried (regression: the note came first)', async () => {
    const repo = new Repo();
    let out = '';
    const p = repo.pipeline(
      'p.yml',
      "name: again\ntasks:\n  t: { run: 'echo trying; exit 1', retries: 1, retry-delay: 200ms }\n",
    );
    await repo.run(p, {}, new PlainReporter((text) => (out += text)));
    const lines = out.split('\n');
    const note = lines.indexOf('[dagline] t: exit code 1; retrying in 200ms (attempt 2 of 2)');
    expect(note, out).toBeGreaterThan(0);
    expect(lines.indexOf('[t] trying')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('[t] trying')).toBeLessThan(note);
    expect(lines.lastIndexOf('[t] trying')).toBeGreaterThan(note);
  });

  it("shows a task's own lines once, and dagline's lines in its log as notes, not again as the task's (regression: each twice)", async () => {
    const repo = new Repo();
    let out = '';
    const p = repo.pipeline(
      'p.yml',
      'name: again\ntasks:\n  t:\n    run: \'echo try; printf no-newline; echo x=1 >> "$DAGLINE_OUTPUT"; exit 1\'\n    retries: 1\n    retry-delay: 10ms\n  u:\n    run: \'echo y=2 >> "$DAGLINE_OUTPUT"\'\n',
    );
    await repo.run(p, {}, new PlainReporter((text) => (out += text)));
    const lines = out.split('\n');
    // The task's lines, each attempt's, the unfinished last one too; none of dagline's under its name.
    expect(lines.filter((line) => line.startsWith('[t] '))).toEqual([
      '[t] try',
      '[t] no-newline',
      '[t] try',
      '[t] no-newline',
    ]);
    expect(lines.filter((line) => line.startsWith('[u] '))).toEqual([]);
    expect(lines).toContain('[dagline] t: exit code 1; retrying in 10ms (attempt 2 of 2)');
    expect(lines).toContain('[dagline] u: warning: output "y" is not declared in outputs: it is not kept');
    expect(lines.find((line) => line.startsWith('[dagline] failed t '))).toMatch(/: exit code 1$/);
    // The log itself keeps everything, dagline's lines included.
    const log = readFileSync(
      join(repo.dir, '.dagline', 'runs', readdirSync(join(repo.dir, '.dagline', 'runs'))[0]!, 'logs', 't.log'),
      'utf8',
    );
    expect(log).toMatch(
      /^\[dagline\] --- attempt 1 of 2, \S+\ntry\nno-newline\[dagline\] t: exit code 1\n\[dagline\] retrying in 10ms \(attempt 2 of 2\)\n\[dagline\] --- attempt 2 of 2, \S+\ntry\n/,
    );
  });

  it("shows a task's end before the start of the one that took its slot in the same turn (regression: more running than the concurrency)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dagline-plain-'));
    const log = (name: string) => {
      const path = join(dir, `${name}.log`);
      writeFileSync(path, '');
      return path;
    };
    const leg = (name: string, status: string) =>
      ({
        name,
        state: { status, startedAt: '2026-11-25T00:00:00.000Z', endedAt: '2026-11-25T00:00:01.000Z' },
      }) as unknown as LegInstance;
    let out = '';
    const reporter = new PlainReporter((text) => (out += text));
    reporter.legStarted(leg('one', 'running'), { number: 1, of: 1 }, log('one'), 0);
    await new Promise((resolve) => setImmediate(resolve));
    // The helper's one message: one ended and two started; the end is reported a few promises later.
    const twoLog = log('two');
    appendFileSync(twoLog, 'two says hi\n');
    reporter.legStarted(leg('two', 'running'), { number: 1, of: 1 }, twoLog, 0);
    await Promise.resolve();
    reporter.legFinished(leg('one', 'success'));
    reporter.legFinished(leg('two', 'success'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(out).toBe(
      '[dagline] start one\n[dagline] success one (1s)\n[dagline] start two\n[two] two says hi\n[dagline] success two (1s)\n',
    );
  });

  it('on --resume prints what the new attempt writes, not the log of the run before (a resumed log is not new)', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'p.yml',
      "name: again\ntasks:\n  t: { run: 'if [ -f fixed ]; then echo second try; else echo first try; exit 1; fi' }\n",
    );
    expect((await repo.run(p)).status).toBe('failed');
    writeFileSync(join(repo.dir, 'fixed'), '');
    let out = '';
    expect((await repo.run(p, { resume: true }, new PlainReporter((text) => (out += text)))).status).toBe('completed');
    expect(out).toContain('[t] second try\n');
    expect(out).not.toContain('first try');
  });

  it('ends a dry run saying nothing was started or recorded, with no records path', async () => {
    const repo = new Repo();
    let out = '';
    await repo.run(
      repo.pipeline('p.yml', "name: dry\ntasks:\n  a: { run: 'true' }\n"),
      { dryRun: true },
      new PlainReporter((text) => (out += text)),
    );
    expect(out).toContain('[dagline] a: would run true\n');
    expect(out.trimEnd().split('\n').at(-1)).toBe('dry run: nothing was started, nothing was recorded');
    expect(out).not.toContain('records:');
  });
});

describe('dagline logs of several legs', () => {
  it('prints a line longer than 1 MiB in pieces, never the whole line in one write (regression: held whole)', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'p.yml',
      `name: wide\ntasks:\n  t: { matrix: { n: [1, 2] }, run: "head -c ${3 * LONGEST_LINE} /dev/zero | tr '\\\\0' x" }\n`,
    );
    const outcome = await repo.run(p);
    expect(outcome.status).toBe('completed');
    const writes: number[] = [];
    let out = '';
    const io: CliIo = {
      out: (text) => {
        const shown = typeof text === 'string' ? text : Buffer.from(text).toString();
        writes.push(shown.length);
        out += shown;
      },
      err: () => {},
      env: {},
    };
    expect(await showLogs(repo.store, outcome.record?.id as string, 't', {}, io)).toBe(0);
    expect(Math.max(...writes)).toBeLessThan(2 * LONGEST_LINE);
    const pieces = out.split('\n').filter((line) => line.startsWith('[t (1)] ') && !line.includes('[dagline]'));
    expect(pieces.map((line) => line.length - '[t (1)] '.length)).toEqual([LONGEST_LINE, LONGEST_LINE, LONGEST_LINE]);
  });
});
