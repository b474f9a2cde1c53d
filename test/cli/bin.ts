import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The committed bundle: the `dagline` binary as users run it. */
export const cli = resolve('dist/cli.js');

/** A repository in a temporary folder, with these files: the binary runs in it. */
export function repo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-cli-run-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(resolve(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Node's compile cache (Node 22.1 and later) for a test file: its runs use one of their own, whatever the machine's holds. */
const cacheDir = mkdtempSync(join(tmpdir(), 'dagline-cache-'));

export const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  DAGLINE_KILL_GRACE_MS: '300',
  NODE_COMPILE_CACHE: cacheDir,
  ...extra,
});

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary to its end. */
export function dagline(dir: string, args: string[], extraEnv: Record<string, string> = {}): BinResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    env: env(extraEnv),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the binary; `output()` is what it printed so far, `result` its end. */
export function start(
  dir: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): { child: ChildProcess; output: () => BinResult; result: Promise<BinResult> } {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: dir,
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const result = new Promise<BinResult>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  return { child, output: () => ({ code: null, stdout, stderr }), result };
}
