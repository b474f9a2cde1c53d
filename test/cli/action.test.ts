import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The committed action bundle, run as the Actions runner runs it: inputs as
 * INPUT_* variables, outputs and the job summary through the files the runner
 * names, annotations as workflow commands on stdout (real @actions/core).
 */
function runAction(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-action-'));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, ['dist/index.js'], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    code: result.status,
    stdout: result.stdout,
    outputs: readFileSync(output, 'utf8'),
    summary: readFileSync(summary, 'utf8'),
  };
}

describe('the action (dist/index.js)', () => {
  it('validates the examples: outputs, a summary with each DAG in Mermaid, success', () => {
    const result = runAction({ command: 'validate', path: 'examples/funnel\nexamples/etl' });
    expect(result.code).toBe(0);
    expect(result.outputs).toMatch(/valid<<ghadelimiter_[\w-]+\ntrue\n/);
    expect(result.outputs).toMatch(/errors<<ghadelimiter_[\w-]+\n0\n/);
    expect(result.summary).toContain('<h2>dagline validate</h2>');
    expect(result.summary).toContain('```mermaid\nflowchart LR');
    expect(result.summary.match(/```mermaid/g)).toHaveLength(4);
  });

  it('annotates each error at its file and line, and fails the step', () => {
    const result = runAction({ path: 'test/fixtures/invalid/graph-unknown-need.yml' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error title=dagline,file=test/fixtures/invalid/graph-unknown-need.yml,line=6,col=13::task "load" needs unknown task "extarct" (did you mean "extract"?)',
    );
    expect(result.stdout).toContain('::error::1 error in 1 pipeline file(s)');
  });

  it('annotates a file nested thousands deep at its line, and checks the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dagline-action-deep-'));
    writeFileSync(join(dir, 'deep.yml'), `name: deep\ntasks:\n  a: { run: echo }\nx-deep:\n  ${'- '.repeat(2500)}1\n`);
    writeFileSync(join(dir, 'ok.yml'), 'name: ok\ntasks:\n  a: { run: echo }\n');
    const result = runAction({ path: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error title=dagline,file=${join(dir, 'deep.yml')},line=5,col=129::nesting is deeper than 64 levels`,
    );
    expect(result.stdout).toContain('::error::1 error in 1 pipeline file(s)');
    expect(result.summary).toContain('ok.yml');
  });

  it('refuses a command it does not know, in one line', () => {
    const result = runAction({ command: 'deploy' });
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe(
      '::error::error: command "deploy" is unknown (this version of the action runs: validate, plan, run-task, report, dispatch)',
    );
  });
});
