// Starting the CLI through V8's code cache.
//
// dist/cli.js is a small launcher; the CLI itself is one CommonJS bundle (dist/cli-main.cjs),
// compiled here with the bytecode V8 produced the last time it was compiled on this machine.
// Compiling the 1.2 MB bundle is most of dagline's start-up: webpack wraps every module in
// parentheses, which V8 reads as "call soon" and compiles eagerly. With the cache, `dagline
// validate` of a 300-task file went from ~0.39 s to ~0.27 s here (docs/benchmarks.md).
//
// Why not a library: Node's own `module.enableCompileCache` exists only from Node 22.1, and
// measured slower than this under Node 22 (0.19 s against 0.16 s for the same command);
// v8-compile-cache replaces `Module.prototype._compile` for every module of the process and
// writes its cache without a rename. The cache is one file per bundle content, Node version,
// architecture and Node flags, written atomically as the process exits (so that it holds the
// functions the command ran, which V8 compiles only when they first run); a cache V8 refuses is
// compiled over and replaced, and any failure to read or write it only costs the time it would
// have saved.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { makeDirs } from '../fs/make-dirs.js';
import { pruneCacheFolder } from '../fs/prune-cache.js';
import { writeAtomic } from '../fs/write-atomic.js';

/** What happened to the cache on one start: for tests and `DAGLINE_COMPILE_CACHE` debugging. */
export interface CompileCacheOutcome {
  /** The cache file for this bundle and Node, or undefined when the cache is off. */
  file: string | undefined;
  /** `used`: V8 took the cached bytecode; `rejected`: V8 refused it; `missing`: there was none. */
  cache: 'off' | 'missing' | 'used' | 'rejected';
  /**
   * Writes the cache anew, with what V8 compiled up to the moment it is called; defined when the
   * cache is missing, refused, or was made by runs of other commands. The launcher calls it as
   * the process exits, so the cache holds the functions this command ran, not only the ones V8
   * compiles before running anything. True when the file was written.
   */
  save: (() => boolean) | undefined;
  /** What the bundle put in `module.exports`. */
  exports: unknown;
}

/** How many other cache files (other builds, other Node versions) are kept besides the new one. */
const KEEP_OTHERS = 7;
const CACHE_PREFIX = 'cli-';
const CACHE_SUFFIX = '.v8cache';
/**
 * A cache file starts with one line: this marker and the commands whose runs it was made after.
 * The bytecode V8 caches is what was compiled when the cache was made, and V8 compiles a
 * function when it first runs: a cache made after `validate` lacks the scheduler, so the first
 * `run` after it writes the cache again, with both.
 */
const HEADER = 'dagline-v8cache-1 ';
/** A command line whose first word is not a command still gets one rewrite, and so do at most this many. */
const MAX_COMMANDS = 16;

/**
 * Where the cache lives: `DAGLINE_COMPILE_CACHE` (a folder, or `off`), else the user's cache
 * folder (XDG_CACHE_HOME, ~/.cache, or LOCALAPPDATA on Windows). Never the shared temp folder:
 * a cache file is bytecode this process will run, so it must sit where only the user writes.
 */
export function compileCacheDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  home: () => string = homedir,
): string | undefined {
  const chosen = env.DAGLINE_COMPILE_CACHE?.trim();
  if (chosen) return ['off', '0', 'false', 'no'].includes(chosen.toLowerCase()) ? undefined : chosen;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'dagline', 'cache') : undefined;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'dagline');
  let dir: string;
  try {
    dir = home();
  } catch {
    return undefined;
  }
  return dir ? join(dir, '.cache', 'dagline') : undefined;
}

/**
 * Loads and runs a CommonJS bundle as Node's `require` would, compiling it through the cache.
 * `command`: what this run does (the CLI's first word), so that the cache grows to hold the
 * functions of each command it is used for.
 */
export function runBundleWithCompileCache(
  bundlePath: string,
  cacheDir: string | undefined,
  command = '',
): CompileCacheOutcome {
  const bytes = readFileSync(bundlePath);
  const file = cacheDir === undefined ? undefined : join(cacheDir, cacheFileName(bytes));
  const stored = file === undefined ? undefined : readCacheFile(file);
  // The same wrapper Node's CommonJS loader uses, so the bundle sees the usual five names.
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${stripHashbang(bytes.toString('utf8'))}\n});`;
  const script = new Script(wrapper, {
    filename: bundlePath,
    cachedData: stored?.bytecode,
    // Lets an `import()` inside the bundle work as in any module (Node 20.12+; older Nodes have none).
    importModuleDynamically: (vmConstants as typeof vmConstants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache =
    file === undefined ? 'off' : stored === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  const key = commandKey(command);
  const commands = cache === 'used' ? stored!.commands : [];
  const save =
    file === undefined || (cache === 'used' && (commands.includes(key) || commands.length >= MAX_COMMANDS))
      ? undefined
      : () => {
          let bytecode: Buffer;
          try {
            bytecode = script.createCachedData();
          } catch {
            return false; // it runs as the process exits: nothing may reach the user from here
          }
          return writeCache(file, Buffer.concat([Buffer.from(`${HEADER}${[...commands, key].join(',')}\n`), bytecode]));
        };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dir: string,
  ) => void;
  const module: { exports: unknown } = { exports: {} };
  run.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return { file, cache, save, exports: module.exports };
}

/** The command as a cache file records it: a word of letters and dashes, or `-` for anything else. */
function commandKey(command: string): string {
  return /^[a-z][a-z-]{0,30}$/.test(command) ? command : '-';
}

/** Names the cache by what V8 compiled and under what: a different bundle, Node or flag set gets its own file. */
function cacheFileName(bundle: Buffer): string {
  const hash = createHash('sha256')
    .update(bundle)
    // The file's format too: launchers of other dagline builds never read each other's files.
    .update(`\0${HEADER}\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`)
    .digest('hex');
  return `${CACHE_PREFIX}${hash.slice(0, 32)}${CACHE_SUFFIX}`;
}

function stripHashbang(source: string): string {
  return source.startsWith('#!') ? source.replace(/^#![^\n]*/, '') : source;
}

/** The cache file's bytecode and the commands it was made after; undefined when there is none, or not one of ours. */
function readCacheFile(file: string): { bytecode: Buffer; commands: string[] } | undefined {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = content.indexOf(10);
  const header = newline < 0 ? '' : content.subarray(0, newline).toString('latin1');
  if (!header.startsWith(HEADER)) return undefined;
  return { bytecode: content.subarray(newline + 1), commands: header.slice(HEADER.length).split(',').filter(Boolean) };
}

/** Atomically: a reader sees the old cache or the whole new one, never half of one. */
function writeCache(file: string, data: Buffer): boolean {
  try {
    makeDirs(dirname(file), 0o700);
    writeAtomic(file, data, 0o600);
  } catch {
    return false;
  }
  pruneCacheFolder(
    dirname(file),
    file,
    (name) => name.startsWith(CACHE_PREFIX) && (name.endsWith(CACHE_SUFFIX) || name.endsWith('.tmp')),
    KEEP_OTHERS,
  );
  return true;
}
