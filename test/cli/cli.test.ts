import { existsSync, mkdtempSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dagline } from './bin.js';
import { cli } from './run-cli.js';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-cli-'));
  mkdirSync(join(dir, '.git')); // a repository root, for pipeline: paths
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('dagline validate', () => {
  it('passes the examples', async () => {
    const result = await cli('validate', 'examples/');
    expect(result).toEqual({ code: 0, stdout: 'ok: 6 files, 21 tasks\n', stderr: '' });
  });

  it('prints one line per error and exits 1', async () => {
    const dir = tempDir({ 'bad.yml': 'name: bad\ntasks:\n  a: { run: echo, needs: [b] }\n' });
    const result = await cli('validate', join(dir, 'bad.yml'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `${join(dir, 'bad.yml')}:3:27: error: task "a" needs unknown task "b"\n1 error in 1 of 1 file\n`,
    );
  });

  it('writes JSON and GitHub annotations', async () => {
    const dir = tempDir({ 'bad.yml': 'name: bad\ntasks:\n  a: { run: "echo 50%, done", retires: 1 }\n' });
    const file = join(dir, 'bad.yml');
    const json = await cli('validate', file, '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      files: [
        {
          file,
          ok: false,
          errors: [
            {
              kind: 'schema',
              file,
              line: 3,
              column: 31,
              message: 'tasks.a: unknown key "retires"',
              hint: 'did you mean "retries"?',
            },
          ],
        },
      ],
    });
    const github = await cli('validate', file, '--format', 'github');
    expect(github.stdout.split('\n')[0]).toBe(
      `::error title=dagline,file=${file.replace(/:/g, '%3A')},line=3,col=31::tasks.a: unknown key "retires" (did you mean "retries"?)`,
    );
  });

  it('checks across files: unique names, pipeline targets and their params', async () => {
    const dir = tempDir({
      'pipelines/a.yml':
        'name: same\ntasks:\n  run-b:\n    pipeline: pipelines/b.yml\n    with: { sheduler: day }\n  run-c: { pipeline: pipelines/c.yml }\n',
      'pipelines/b.yml':
        'name: same\nparams:\n  scheduler: { type: choice, options: [day], required: true }\ntasks:\n  x: { run: echo }\n',
    });
    const result = await cli('validate', join(dir, 'pipelines'));
    const a = join(dir, 'pipelines/a.yml');
    const b = join(dir, 'pipelines/b.yml');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `${a}:4:15: error: task "run-b": pipeline "same" requires param "scheduler" (add it under with:)`,
      `${a}:5:13: error: task "run-b": pipeline "same" has no param "sheduler" (did you mean "scheduler"?)`,
      `${a}:6:22: error: task "run-c" runs pipelines/c.yml, which does not exist (looked at ${join(dir, 'pipelines/c.yml')}) (pipeline paths are relative to the repository root)`,
      `${b}:1:7: error: pipeline name "same" is already used by ${a} (pipeline names are unique in a repository)`,
      '4 errors in 2 of 2 files',
      '',
    ]);
  });

  it('refuses a file over the size limit unless the limit is raised', async () => {
    const dir = tempDir({
      'big.yml': `name: big\ntasks:\n${Array.from({ length: 50_000 }, (_, i) => `  t${i}: { run: echo }`).join('\n')}\n`,
    });
    const file = join(dir, 'big.yml');
    const refused = await cli('validate', file);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /^.*big\.yml: error: file is 1\.\d MiB; pipeline files are limited to 1 MiB \(split the pipeline, or raise the limit with --max-file-size for generated files\)\n/,
    );
    const raised = await cli('validate', file, '--max-file-size', '4MiB');
    expect(raised).toMatchObject({ code: 0, stdout: 'ok: 1 file, 50000 tasks\n' });
  });

  it('reports a file nested thousands deep as an error of that file at its line, and checks the others', () => {
    const deep = 'name: deep\ntasks:\n  a: { run: echo }\nx-deep:\n';
    const dir = tempDir({
      'pipelines/blocks.yml': `${deep}  ${'- '.repeat(2500)}1\n`,
      'pipelines/flow.yml': `${deep}  ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      'pipelines/ok.yml': 'name: ok\ntasks:\n  a: { run: echo }\n',
    });
    // The binary, in a process of its own: its stack is the one users have.
    expect(dagline(dir, ['validate'])).toEqual({
      code: 1,
      stdout: [
        'pipelines/blocks.yml:5:129: error: nesting is deeper than 64 levels',
        'pipelines/flow.yml:5:66: error: nesting is deeper than 64 levels',
        '2 errors in 2 of 3 files',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exits 2 on a missing path', async () => {
    expect(await cli('validate', 'no/such/dir')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no/such/dir: error: no such file or folder: no/such/dir\n',
    });
  });
});

describe('a pipeline runs only files of its repository', () => {
  it('refuses a pipeline: path or a link that leaves the repository, at validate and before a run starts', async () => {
    const dir = tempDir({
      'pipelines/linked.yml': 'name: linked\ntasks:\n  go: { pipeline: pipelines/link.yml }\n',
      'pipelines/inside.yml': 'name: inside\ntasks:\n  go: { pipeline: pipelines/alias.yml }\n',
      'pipelines/child.yml': "name: child\ntasks:\n  a: { run: 'true' }\n",
    });
    // Beside the repository, a pipeline that leaves a file in the repository if it runs.
    const outside = `${basename(dir)}-outside.yml`;
    writeFileSync(join(dir, '..', outside), "name: outside\ntasks:\n  a: { run: 'touch ran-outside' }\n");
    const up = join(dir, 'pipelines/up.yml');
    writeFileSync(up, `name: up\ntasks:\n  go: { pipeline: ../${outside} }\n`);
    symlinkSync(join(dir, '..', outside), join(dir, 'pipelines/link.yml'));
    symlinkSync('child.yml', join(dir, 'pipelines/alias.yml')); // a link inside the repository is followed
    const linked = join(dir, 'pipelines/linked.yml');
    const real = realpathSync(join(dir, '..', outside));

    expect((await cli('validate', up)).stdout.split('\n')[0]).toBe(
      `${up}:3:19: error: pipeline "../${outside}" leaves the repository (pipeline paths are relative to the repository root and stay inside it)`,
    );
    expect((await cli('validate', linked)).stdout.split('\n')[0]).toBe(
      `${linked}:3:19: error: task "go" runs pipelines/link.yml, a link to ${real}, outside the repository (a pipeline runs only files its repository holds: copy the file in)`,
    );
    expect(await cli('validate', join(dir, 'pipelines/inside.yml'))).toMatchObject({ code: 0 });
    for (const file of [up, linked]) {
      const run = await cli('run', file, '--state-dir', join(dir, '.dagline'));
      expect(run.code, run.stderr).toBe(1);
      expect(existsSync(join(dir, 'ran-outside'))).toBe(false);
      expect(existsSync(join(dir, '.dagline/runs')) ? readdirSync(join(dir, '.dagline/runs')) : []).toEqual([]);
    }
  });
});

describe('dagline graph and plan', () => {
  it('prints the graph in each format', async () => {
    expect((await cli('graph', 'examples/ratings/ratings.yml')).stdout).toBe(
      'flowchart LR\n  t0["Get_Ratings_Data"]\n  t1["Get_Ratings_History"]\n  t0 --> t1\n',
    );
    const json = JSON.parse((await cli('graph', 'examples/ratings/ratings.yml', '--format', 'json')).stdout);
    expect(json.edges).toEqual([{ from: 'Get_Ratings_Data', to: 'Get_Ratings_History' }]);
    expect((await cli('graph', 'examples/ratings/ratings.yml', '--format', 'dot')).stdout).toContain(
      '"Get_Ratings_Data" -> "Get_Ratings_History";',
    );
  });

  it('plans with params, as text and JSON', async () => {
    const text = await cli(
      'plan',
      'examples/funnel/funnel.yml',
      '--param',
      'dataStage=Initial data',
      '--only',
      '+update-infra',
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`plan: funnel (examples/funnel/funnel.yml)
params: dataStage=Initial data

wave 1
  run-workflows (day)
      $ examples/funnel/scripts/gcp.sh run-workflow 'day' --refined_flows=false
  run-workflows (month)
      $ examples/funnel/scripts/gcp.sh run-workflow 'month' --refined_flows=false
  run-workflows (year)
      $ examples/funnel/scripts/gcp.sh run-workflow 'year' --refined_flows=false

wave 2
  update-infra
      $ examples/funnel/scripts/gcp.sh create-infra --trusted_flows=false

not selected: create-infra, rerun-workflows, report

critical path: run-workflows -> update-infra (2 tasks, est. 7m)
5 tasks: 2 to run, 4 legs, 2 waves, 3 not selected
`);
    const json = JSON.parse((await cli('plan', 'examples/funnel/funnel.yml', '--format', 'json')).stdout);
    expect(json.waves).toEqual([['create-infra'], ['report']]);
    expect(json.summary).toEqual({ run: 2, conditional: 0, skip: 3, excluded: 0, legs: 2 });
    const one = await cli('plan', 'examples/ratings/ratings.yml', '--only', 'Get_Ratings_Data');
    expect(one.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'critical path: Get_Ratings_Data (1 task)',
      '2 tasks: 1 to run, 1 leg, 1 wave, 1 not selected',
    ]);
  });

  it('plan reports every value a task would fail on, not only the first, each at its template', async () => {
    const dir = tempDir({
      'p.yml':
        "name: p\nparams: { n: { default: x } }\ntasks:\n  a: { run: 'echo $(( ${{ params.n }} ))' }\n  b: { matrix: { v: [1, y] }, run: 'echo $(( ${{ matrix.v }} ))' }\n",
    });
    const plan = await cli('plan', join(dir, 'p.yml'));
    expect(plan.code).toBe(1);
    expect(plan.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/p\.yml:4:23: error: task "a": the value of \$\{\{ params\.n \}\} reaches/),
      expect.stringMatching(/p\.yml:5:46: error: task "b \(y\)": the value of \$\{\{ matrix\.v \}\} reaches/),
    ]);
  });

  it('ends bad params with exit 1 and bad usage with exit 2, one line each', async () => {
    expect(await cli('plan', 'examples/funnel/funnel.yml', '-p', 'dataStage=iac')).toEqual({
      code: 1,
      stdout: '',
      // At the param's declaration: the line to look at, or to change, to know what it takes.
      stderr:
        'examples/funnel/funnel.yml:17:3: error: "iac" is not an option of param "dataStage" (options: "IaC", "Initial data") (did you mean "IaC"?)\n',
    });
    expect(await cli('plan', 'examples/funnel/funnel.yml', '-p', 'day=monday')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^examples\/funnel\/funnel.yml:16:1: error: pipeline "funnel" has no param "day"/),
    });
    // A name every object has is a param like any other (regression: __proto__ was dropped without a word).
    for (const name of ['__proto__', 'constructor'])
      expect(await cli('plan', 'examples/funnel/funnel.yml', '-p', `${name}=x`)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`error: pipeline "funnel" has no param "${name}"`),
      });
    expect(await cli('plan', 'examples/funnel/funnel.yml', '-p', 'dataStage')).toMatchObject({
      code: 2,
      stderr: 'error: --param "dataStage" is not key=value (write --param name=value)\n',
    });
    expect(await cli('plan', 'examples/funnel/funnel.yml', '--only', 'update-infr')).toMatchObject({
      code: 2,
      stderr: 'error: no task or stage "update-infr" to select (did you mean "update-infra"?)\n',
    });
    expect(await cli('plan', 'examples/funnel/funnel.yml', '--format', 'xml')).toMatchObject({
      code: 2,
      stderr:
        "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json. (see dagline plan --help)\n",
    });
    expect(await cli('plan', 'missing.yml')).toMatchObject({
      code: 2,
      stderr: 'missing.yml: error: no such file or folder: missing.yml\n',
    });
    expect(await cli('frobnicate')).toMatchObject({
      code: 2,
      stderr: "error: unknown command 'frobnicate' (see dagline --help)\n",
    });
    // Commander's suggestion, which its second line held and the one-line error dropped
    expect(await cli('vaildate')).toMatchObject({
      code: 2,
      stderr: 'error: unknown command \'vaildate\' (did you mean "validate"?)\n',
    });
    expect(await cli('plan', 'examples/funnel/funnel.yml', '--onyl', 'x')).toMatchObject({
      code: 2,
      stderr: 'error: unknown option \'--onyl\' (did you mean "--only"?)\n',
    });
    expect(await cli('plan', 'examples/funnel/funnel.yml', '--max-file-size', 'big')).toMatchObject({ code: 2 });
  });
});

describe('the command line as a whole', () => {
  it('has help for every command, and prints help for no command', async () => {
    for (const command of ['validate', 'graph', 'plan', 'schema']) {
      const help = await cli(command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: dagline ${command}`));
    }
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/^Usage: dagline/);
    expect(await cli('--version')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('never prints a stack trace, whatever the arguments', async () => {
    const word = fc.constantFrom(
      'validate',
      'graph',
      'plan',
      'schema',
      'examples/',
      'examples/etl/etl.yml',
      'nope.yml',
      '--format',
      'json',
      'dot',
      'text',
      '--param',
      'day=x',
      'a',
      '--only',
      'load+',
      '+x',
      '--from',
      '--max-file-size',
      '1',
      '-p',
      '=',
      '--',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        const result = await cli(...argv);
        expect([0, 1, 2]).toContain(result.code);
        expect(result.stderr).not.toMatch(/^\s+at /m);
        expect(result.stderr).not.toMatch(/internal error/);
        // stderr holds one-line errors, or the usage text when no command was given (exit 2)
        if (!result.stderr.startsWith('Usage: dagline')) {
          for (const line of result.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/error: /);
        } else expect(result.code).toBe(2);
      }),
      { numRuns: 200 },
    );
  });
});
