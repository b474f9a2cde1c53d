import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir, runBundleWithCompileCache } from '../../src/cli/compile-cache.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'dagline-compile-cache-'));

/**
 * A small CommonJS bundle that reports what it was given. Each copy gets its own folder: V8 keeps
 * what it compiled in memory by source and file name, and a second compile of the same file in
 * this process would be answered from there, never reading the cache file at all.
 */
let copies = 0;
function bundle(dir: string, marker = 'one'): string {
  const folder = join(dir, `copy-${copies++}`);
  mkdirSync(folder);
  const file = join(folder, 'bundle.cjs');
  writeFileSync(
    file,
    `#!/usr/bin/env node\nconst path = require('node:path');\nmodule.exports = { marker: ${JSON.stringify(marker)}, file: __filename, dir: __dirname, sep: path.sep, self: this === exports };\n`,
  );
  return file;
}

/** The same bundle at another path: the same cache file, but nothing V8 has in memory. */
function copyOf(file: string): string {
  const folder = join(dirname(dirname(file)), `copy-${copies++}`);
  mkdirSync(folder);
  const copy = join(folder, 'bundle.cjs');
  copyFileSync(file, copy);
  return copy;
}

const cacheFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : [];

describe('compileCacheDir', () => {
  it('follows DAGLINE_COMPILE_CACHE, then XDG_CACHE_HOME, then the home folder', () => {
    const home = () => '/home/ana';
    expect(compileCacheDir({ DAGLINE_COMPILE_CACHE: '/var/cache/d' }, 'linux', home)).toBe('/var/cache/d');
    expect(compileCacheDir({ DAGLINE_COMPILE_CACHE: 'off', XDG_CACHE_HOME: '/x' }, 'linux', home)).toBeUndefined();
    expect(compileCacheDir({ DAGLINE_COMPILE_CACHE: '0' }, 'linux', home)).toBeUndefined();
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', home)).toBe('/x/dagline');
    expect(compileCacheDir({}, 'linux', home)).toBe('/home/ana/.cache/dagline');
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', home)).toMatch(
      /dagline[\\/]cache$/,
    );
  });

  it('has no cache when there is no home folder', () => {
    expect(compileCacheDir({}, 'linux', () => '')).toBeUndefined();
    const noHome = () => {
      throw new Error('no passwd entry');
    };
    expect(compileCacheDir({}, 'linux', noHome)).toBeUndefined();
    expect(compileCacheDir({}, 'win32', noHome)).toBeUndefined();
  });
});

/** Runs the bundle through the cache and, as the launcher does at exit, saves the cache. */
function runAndSave(file: string, cache: string | undefined, command = '') {
  const outcome = runBundleWithCompileCache(file, cache, command);
  return { ...outcome, wrote: outcome.save?.() ?? false };
}

const headerOf = (file: string) => readFileSync(file, 'latin1').split('\n', 1)[0];

describe('runBundleWithCompileCache', () => {
  it('runs the bundle as CommonJS, writes a cache when asked (at exit) and uses it on the next start', () => {
    const dir = scratch();
    const file = bundle(dir);
    const cache = join(dir, 'cache');

    const first = runBundleWithCompileCache(file, cache);
    expect(first).toMatchObject({ cache: 'missing' });
    expect(first.exports).toEqual({ marker: 'one', file, dir: dirname(file), sep: '/', self: true });
    expect(cacheFiles(cache)).toHaveLength(0);
    expect(first.save?.()).toBe(true);
    expect(cacheFiles(cache)).toHaveLength(1);

    const second = runBundleWithCompileCache(copyOf(file), cache);
    expect(second).toMatchObject({ cache: 'used', save: undefined, file: first.file });
    expect(second.exports).toMatchObject({ marker: 'one' });
  });

  it('holds what was compiled when it is saved: after the bundle ran, its functions too', () => {
    const dir = scratch();
    const folder = join(dir, 'lazy');
    mkdirSync(folder);
    const file = join(folder, 'bundle.cjs');
    // Functions V8 compiles only when they first run: none of them before the bundle runs.
    const bodies = Array.from(
      { length: 40 },
      (_, i) => `function f${i}(x) { let s = ${i}; for (let j = 0; j < x; j++) s += j * ${i} % 7; return s; }`,
    );
    writeFileSync(
      file,
      `${bodies.join('\n')}\nmodule.exports = { work: () => [${bodies.map((_, i) => `f${i}(3)`).join(', ')}] };\n`,
    );

    const before = runBundleWithCompileCache(file, join(dir, 'before'));
    before.save!();
    const after = runBundleWithCompileCache(copyOf(file), join(dir, 'after'));
    (after.exports as { work: () => number[] }).work();
    after.save!();
    expect(statSync(after.file!).size).toBeGreaterThan(statSync(before.file!).size + 2000);
    expect(runBundleWithCompileCache(copyOf(file), join(dir, 'after')).cache).toBe('used');
  });

  it('is written again once for each new command, and records the commands it was made after', () => {
    const dir = scratch();
    const file = bundle(dir);
    const cache = join(dir, 'cache');
    const first = runAndSave(file, cache, 'validate');
    expect(first).toMatchObject({ cache: 'missing', wrote: true });
    expect(headerOf(first.file!)).toBe('dagline-v8cache-1 validate');
    expect(runAndSave(copyOf(file), cache, 'validate')).toMatchObject({ cache: 'used', wrote: false });
    expect(runAndSave(copyOf(file), cache, 'run')).toMatchObject({ cache: 'used', wrote: true });
    expect(headerOf(first.file!)).toBe('dagline-v8cache-1 validate,run');
    expect(runAndSave(copyOf(file), cache, 'run')).toMatchObject({ cache: 'used', wrote: false });
    // Anything that is not a command word counts as one command, `-`.
    expect(runAndSave(copyOf(file), cache, '../pipelines/x.yml')).toMatchObject({ wrote: true });
    expect(runAndSave(copyOf(file), cache, 'A,B\n')).toMatchObject({ wrote: false });
    expect(headerOf(first.file!)).toBe('dagline-v8cache-1 validate,run,-');
  });

  it('stops rewriting after a bounded number of commands', () => {
    const dir = scratch();
    const file = bundle(dir);
    const cache = join(dir, 'cache');
    for (let i = 0; i < 16; i++)
      expect(runAndSave(copyOf(file), cache, `command-${String.fromCharCode(97 + i)}`).wrote).toBe(true);
    expect(runAndSave(copyOf(file), cache, 'one-more')).toMatchObject({ cache: 'used', wrote: false });
  });

  it('gives a changed bundle its own cache file', () => {
    const dir = scratch();
    const cache = join(dir, 'cache');
    const before = runAndSave(bundle(dir, 'one'), cache);
    const after = runAndSave(bundle(dir, 'two'), cache);
    expect(after).toMatchObject({ cache: 'missing', wrote: true, exports: { marker: 'two' } });
    expect(after.file).not.toBe(before.file);
  });

  it('compiles over a cache V8 refuses, or a file that is not one of its caches, and replaces it', () => {
    const dir = scratch();
    const file = bundle(dir);
    const cache = join(dir, 'cache');
    const { file: cacheFile } = runAndSave(file, cache);
    writeFileSync(cacheFile!, 'dagline-v8cache-1 -\nnot bytecode at all');

    const refused = runAndSave(copyOf(file), cache);
    expect(refused).toMatchObject({ cache: 'rejected', wrote: true, exports: { marker: 'one' } });
    expect(readFileSync(cacheFile!, 'utf8')).not.toContain('not bytecode at all');
    expect(runAndSave(copyOf(file), cache).cache).toBe('used');

    writeFileSync(cacheFile!, 'something else entirely');
    expect(runAndSave(copyOf(file), cache)).toMatchObject({ cache: 'missing', wrote: true });
    expect(runAndSave(copyOf(file), cache).cache).toBe('used');
  });

  it('runs without a cache when it is off or cannot be written', () => {
    const dir = scratch();
    const file = bundle(dir);
    expect(runAndSave(file, undefined)).toMatchObject({
      cache: 'off',
      wrote: false,
      file: undefined,
      save: undefined,
      exports: { marker: 'one' },
    });

    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const unwritable = runAndSave(file, join(blocked, 'cache'));
    expect(unwritable).toMatchObject({ cache: 'missing', wrote: false, exports: { marker: 'one' } });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps only the newest few cache files of other builds', () => {
    const dir = scratch();
    const cache = join(dir, 'cache');
    const files = Array.from({ length: 10 }, (_, i) => {
      const { file } = runAndSave(bundle(dir, `build ${i}`), cache);
      const at = new Date(Date.now() - (10 - i) * 60_000); // oldest first, a minute apart
      utimesSync(file!, at, at);
      return file!;
    });
    const { file: newest } = runAndSave(bundle(dir, 'build 10'), cache);
    expect(files.filter((file) => existsSync(file))).toEqual(files.slice(3));
    expect(cacheFiles(cache)).toHaveLength(8);
    expect(existsSync(newest!)).toBe(true);
  });

  it('removes cache files not rewritten for a month when it writes a new one', () => {
    const dir = scratch();
    const cache = join(dir, 'cache');
    const { file: old } = runAndSave(bundle(dir, 'old'), cache);
    const { file: recent } = runAndSave(bundle(dir, 'recent'), cache);
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old!, longAgo, longAgo);
    writeFileSync(join(cache, 'notes.txt'), 'not ours');

    const { file: current } = runAndSave(bundle(dir, 'current'), cache);
    expect(existsSync(old!)).toBe(false);
    expect(existsSync(recent!)).toBe(true);
    expect(existsSync(current!)).toBe(true);
    expect(existsSync(join(cache, 'notes.txt'))).toBe(true);
  });
});

describe('dist/cli.js through the cache', () => {
  const cli = resolve('dist/cli.js');
  const dagline = (cache: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DAGLINE_COMPILE_CACHE: cache },
    });

  it('answers the same with a cold cache, a warm one and none, and writes the cache as it exits, once per command', () => {
    const cache = join(scratch(), 'cache');
    const cold = dagline(cache, 'validate', 'examples/');
    expect(cacheFiles(cache)).toHaveLength(1);
    const cacheFile = join(cache, cacheFiles(cache)[0]!);
    expect(headerOf(cacheFile)).toBe('dagline-v8cache-1 validate');
    const written = statSync(cacheFile).mtimeMs;
    const warm = dagline(cache, 'validate', 'examples/');
    // Taken, not refused and written again: V8 accepted what another process wrote.
    expect(statSync(cacheFile).mtimeMs).toBe(written);
    const none = dagline('off', 'validate', 'examples/');
    for (const result of [cold, warm, none])
      expect({ code: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
        code: 0,
        stdout: 'ok: 6 files, 21 tasks\n',
        stderr: '',
      });

    // Another command (here one that fails, with a usage error) adds itself to the same file.
    const listed = dagline(cache, 'plan', 'no-such-file.yml');
    expect(listed.status).not.toBe(0);
    expect(cacheFiles(cache)).toHaveLength(1);
    expect(headerOf(cacheFile)).toBe('dagline-v8cache-1 validate,plan');
  });
});
