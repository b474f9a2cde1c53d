import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : []);

describe('compileCacheDir', () => {
  it('follows DAGLINE_COMPILE_CACHE, then XDG_CACHE_HOME, then the home folder', () => {
    const home = () => '/home/ana';
    expect(compileCacheDir({ DAGLINE_COMPILE_CACHE: '/var/cache/d' }, 'linux', home)).toBe('/var/cache/d');
    expect(compileCacheDir({ DAGLINE_COMPILE_CACHE: 'off', XDG_CACHE_HOME: '/x' }, 'linux', home)).toBeUndefined();
    expect(compileCacheDir({ DAGLINE_COMPILE_CACHE: '0' }, 'linux', home)).toBeUndefined();
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', home)).toBe('/x/dagline');
    expect(compileCacheDir({}, 'linux', home)).toBe('/home/ana/.cache/dagline');
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', home)).toMatch(/dagline[\\/]cache$/);
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

describe('runBundleWithCompileCache', () => {
  it('runs the bundle as CommonJS, writes a cache on the first start and uses it on the next', () => {
    const dir = scratch();
    const file = bundle(dir);
    const cache = join(dir, 'cache');

    const first = runBundleWithCompileCache(file, cache);
    expect(first).toMatchObject({ cache: 'missing', wrote: true });
    expect(first.exports).toEqual({ marker: 'one', file, dir: dirname(file), sep: '/', self: true });
    expect(cacheFiles(cache)).toHaveLength(1);

    const second = runBundleWithCompileCache(copyOf(file), cache);
    expect(second).toMatchObject({ cache: 'used', wrote: false, file: first.file });
    expect(second.exports).toMatchObject({ marker: 'one' });
  });

  it('gives a changed bundle its own cache file', () => {
    const dir = scratch();
    const cache = join(dir, 'cache');
    const before = runBundleWithCompileCache(bundle(dir, 'one'), cache);
    const after = runBundleWithCompileCache(bundle(dir, 'two'), cache);
    expect(after).toMatchObject({ cache: 'missing', wrote: true, exports: { marker: 'two' } });
    expect(after.file).not.toBe(before.file);
  });

  it('compiles over a cache V8 refuses, and replaces it', () => {
    const dir = scratch();
    const file = bundle(dir);
    const cache = join(dir, 'cache');
    const { file: cacheFile } = runBundleWithCompileCache(file, cache);
    writeFileSync(cacheFile!, 'not bytecode at all');

    const refused = runBundleWithCompileCache(copyOf(file), cache);
    expect(refused).toMatchObject({ cache: 'rejected', wrote: true, exports: { marker: 'one' } });
    expect(readFileSync(cacheFile!, 'utf8')).not.toBe('not bytecode at all');
    expect(runBundleWithCompileCache(copyOf(file), cache).cache).toBe('used');
  });

  it('runs without a cache when it is off or cannot be written', () => {
    const dir = scratch();
    const file = bundle(dir);
    expect(runBundleWithCompileCache(file, undefined)).toMatchObject({ cache: 'off', wrote: false, file: undefined, exports: { marker: 'one' } });

    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const unwritable = runBundleWithCompileCache(file, join(blocked, 'cache'));
    expect(unwritable).toMatchObject({ cache: 'missing', wrote: false, exports: { marker: 'one' } });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps only the newest few cache files of other builds', () => {
    const dir = scratch();
    const cache = join(dir, 'cache');
    const files = Array.from({ length: 10 }, (_, i) => {
      const { file } = runBundleWithCompileCache(bundle(dir, `build ${i}`), cache);
      const at = new Date(Date.now() - (10 - i) * 60_000); // oldest first, a minute apart
      utimesSync(file!, at, at);
      return file!;
    });
    const { file: newest } = runBundleWithCompileCache(bundle(dir, 'build 10'), cache);
    expect(files.filter((file) => existsSync(file))).toEqual(files.slice(3));
    expect(cacheFiles(cache)).toHaveLength(8);
    expect(existsSync(newest!)).toBe(true);
  });

  it('removes cache files not rewritten for a month when it writes a new one', () => {
    const dir = scratch();
    const cache = join(dir, 'cache');
    const { file: old } = runBundleWithCompileCache(bundle(dir, 'old'), cache);
    const { file: recent } = runBundleWithCompileCache(bundle(dir, 'recent'), cache);
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old!, longAgo, longAgo);
    writeFileSync(join(cache, 'notes.txt'), 'not ours');

    const { file: current } = runBundleWithCompileCache(bundle(dir, 'current'), cache);
    expect(existsSync(old!)).toBe(false);
    expect(existsSync(recent!)).toBe(true);
    expect(existsSync(current!)).toBe(true);
    expect(existsSync(join(cache, 'notes.txt'))).toBe(true);
  });
});

describe('dist/cli.js through the cache', () => {
  const cli = resolve('dist/cli.js');
  const dagline = (cache: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', DAGLINE_COMPILE_CACHE: cache } });

  it('answers the same with a cold cache, a warm one and none', () => {
    const cache = join(scratch(), 'cache');
    const cold = dagline(cache, 'validate', 'examples/');
    expect(cacheFiles(cache)).toHaveLength(1);
    const written = statSync(join(cache, cacheFiles(cache)[0]!)).mtimeMs;
    const warm = dagline(cache, 'validate', 'examples/');
    // Taken, not refused and written again: V8 accepted what another process wrote.
    expect(statSync(join(cache, cacheFiles(cache)[0]!)).mtimeMs).toBe(written);
    const none = dagline('off', 'validate', 'examples/');
    for (const result of [cold, warm, none]) expect({ code: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: 'ok: 6 files, 21 tasks\n', stderr: '' });
  });
});
