import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The committed binary in a process of its own: a regression here blocks, and the test process
// must survive it (the timeout is for a hang only, never reached by a slow run). Devices are
// tested with /dev/null, which also reports no size: /dev/zero, which was read without end
// (till the kernel killed dagline), would take the machine's memory with it on a regression.
const cli = resolve('dist/cli.js');
function dagline(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

const valid = 'name: ok\ntasks:\n  a: { run: echo }\n';

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-special-'));
  mkdirSync(join(dir, 'pipelines'));
  writeFileSync(join(dir, 'pipelines', 'ok.yml'), valid);
  return dir;
}

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

describe.skipIf(process.platform === 'win32')('special files', () => {
  it('refuses a device given as the file, without reading it (regression: /dev/zero was read without end)', () => {
    const result = dagline(repository(), 'validate', '/dev/null');
    expect(result).toMatchObject({ code: 2, signal: null, stderr: '' });
    expect(result.stdout).toBe(
      '/dev/null: error: /dev/null is a device; a pipeline is read from a regular file only\n1 error in 1 of 1 file\n',
    );
  });

  it('refuses a named pipe without waiting for a writer (regression: it blocked for good)', () => {
    const dir = repository();
    mkfifo(join(dir, 'fifo.yml'));
    const result = dagline(dir, 'plan', 'fifo.yml');
    expect(result).toMatchObject({ code: 2, signal: null, stdout: '' });
    expect(result.stderr).toBe(
      'fifo.yml: error: fifo.yml is a named pipe; a pipeline is read from a regular file only\n',
    );
  });

  it('reports a link to a device and a pipe in a folder as errors of those files, and checks the others', () => {
    const dir = repository();
    symlinkSync('/dev/null', join(dir, 'pipelines', 'zero.yml'));
    mkfifo(join(dir, 'pipelines', 'pipe.yaml'));
    const result = dagline(dir, 'validate');
    expect(result).toMatchObject({ code: 2, signal: null, stderr: '' });
    expect(result.stdout).toBe(
      [
        'pipelines/pipe.yaml: error: pipelines/pipe.yaml is a named pipe; a pipeline is read from a regular file only',
        'pipelines/zero.yml: error: pipelines/zero.yml is a device; a pipeline is read from a regular file only',
        '2 errors in 2 of 3 files',
        '',
      ].join('\n'),
    );
  });

  it('reads a link to a pipeline file in a folder (they were skipped without a word)', () => {
    const dir = repository();
    writeFileSync(join(dir, 'elsewhere.txt'), 'name: linked\ntasks:\n  a: { run: echo }\n  b: { run: echo }\n');
    symlinkSync(join(dir, 'elsewhere.txt'), join(dir, 'pipelines', 'linked.yml'));
    expect(dagline(dir, 'validate')).toMatchObject({ code: 0, stdout: 'ok: 2 files, 3 tasks\n' });
  });
});
