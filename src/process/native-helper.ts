// The native spawn helper's binary: where it lives, whether it may be run, and building it.
//
// It is compiled from the C source in spawn-helper-c.ts by the machine's own C compiler, once
// per source and machine, into dagline's cache folder (the one V8's code cache uses: only the
// user writes there). A build either gives a binary, renamed into place whole, or leaves a
// `.failed` file with what the compiler said, so that a machine whose compiler cannot build it
// tries once a day in the background, not at every run.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makeDirs } from '../fs/make-dirs.js';
import { pruneCacheFolder } from '../fs/prune-cache.js';
import { findProgram } from './find-program.js';
import { SPAWN_HELPER_C } from './spawn-helper-c.js';
import type { HelperProgram } from './spawn-helper-runner.js';

/** The native helper, run from its binary (its one argument, the slot count, is added at start). */
export function nativeHelperProgram(binary: string): HelperProgram {
  return { command: binary, args: [] };
}

const HELPER_PREFIX = 'spawn-helper-';
/** The compilers tried, in order, after CC. */
const COMPILERS = ['cc', 'gcc', 'clang'];
/** A failed build is tried again in the background after this long. */
const RETRY_FAILED_AFTER_MS = 24 * 60 * 60 * 1000;
/** A background build older than this is taken for one that died: another may start. */
const BUILD_STALE_MS = 120_000;

let helperName: string | undefined;

/** The binary's path in the cache folder: one per source, platform and architecture. */
export function nativeHelperFile(cacheDir: string): string {
  helperName ??= `${HELPER_PREFIX}${createHash('sha256').update(`${SPAWN_HELPER_C}\0${process.platform}\0${process.arch}`).digest('hex').slice(0, 24)}`;
  return join(cacheDir, helperName);
}

/**
 * The built binary, if there is one that may be run: a file of this user's that nobody else can
 * write to (dagline runs it for every task, so it must be as trusted as dagline itself).
 */
export function builtNativeHelper(cacheDir: string): string | undefined {
  const file = nativeHelperFile(cacheDir);
  try {
    const found = statSync(file, { throwIfNoEntry: false });
    if (!found?.isFile() || (found.mode & 0o100) === 0 || !onlyMine(found)) return undefined;
    // Nor the folder: whoever may write to it may put another file in the binary's place.
    const folder = statSync(cacheDir, { throwIfNoEntry: false });
    return folder !== undefined && onlyMine(folder) ? file : undefined;
  } catch {
    return undefined; // a cache folder that is a file, or unreadable: no binary, as with the V8 cache
  }
}

/** This user's, and nobody else may write to it. */
function onlyMine(found: { uid: number; mode: number }): boolean {
  return (found.mode & 0o022) === 0 && (process.getuid === undefined || found.uid === process.getuid());
}

/** The C compiler to build with: CC when it names one program, else the first of cc, gcc, clang on the PATH. */
export function findCompiler(env: Record<string, string | undefined>): string | undefined {
  const path = env.PATH ?? '';
  const chosen = env.CC?.trim();
  // CC can hold a command line ("ccache gcc -m32"): dagline runs no shell for it, so only a plain program is taken.
  if (chosen && !/\s/.test(chosen)) {
    const found = chosen.includes('/') ? chosen : findProgram(chosen, path);
    if (found !== undefined) return found;
  }
  for (const name of COMPILERS) {
    const found = findProgram(name, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The compiler's arguments: optimised, the binary to a temporary name beside the final one. */
function compilerArgs(output: string, source: string): string[] {
  return ['-O2', '-o', output, source];
}

/** Writes the source next to where the binary will go, under a name of this process's own. */
function writeSource(cacheDir: string): { final: string; source: string; temporary: string } {
  makeDirs(cacheDir, 0o700);
  const final = nativeHelperFile(cacheDir);
  const unique = `${process.pid}-${Date.now().toString(36)}`;
  const source = `${final}.${unique}.c`;
  writeFileSync(source, SPAWN_HELPER_C, { mode: 0o600 });
  return { final, source, temporary: `${final}.${unique}.tmp` };
}

/**
 * Builds the binary now and waits for it: the path, or what went wrong (no compiler, the
 * compiler's own message). A failure is remembered in the `.failed` file.
 */
export function buildNativeHelper(cacheDir: string, compiler: string): { file: string } | { error: string } {
  let paths: ReturnType<typeof writeSource>;
  try {
    paths = writeSource(cacheDir);
  } catch (error) {
    return { error: `cannot write to the cache folder ${cacheDir}: ${(error as Error).message}` };
  }
  try {
    const result = spawnSync(compiler, compilerArgs(paths.temporary, paths.source), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    if (result.status === 0) {
      renameSync(paths.temporary, paths.final);
      pruneOtherHelpers(cacheDir, paths.final);
      rmSync(`${paths.final}.failed`, { force: true });
      return { file: paths.final };
    }
    const said =
      `${result.error?.message ?? ''}${result.stderr ?? ''}${result.stdout ?? ''}`.trim() ||
      `${compiler} exited ${result.signal ?? result.status}`;
    writeFileSync(`${paths.final}.failed`, `${compiler}: ${said}\n`, { mode: 0o600 });
    return { error: `${compiler}: ${said}` };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    rmSync(paths.source, { force: true });
    rmSync(paths.temporary, { force: true });
  }
}

/** Binaries (and what builds leave) of other dagline versions: a few are kept, for a month. */
function pruneOtherHelpers(cacheDir: string, keep: string): void {
  const own = basename(keep);
  // Binaries and failure notes only: another version's build under way keeps its files.
  pruneCacheFolder(
    cacheDir,
    keep,
    (name) => /^spawn-helper-[0-9a-f]{24}(\.failed)?$/.test(name) && !name.startsWith(own),
    3,
  );
}

/**
 * The shell that builds in the background, given the temporary binary, the source and the final
 * name, then the compiler's command line (compilerArgs, as the build dagline waits for runs it).
 */
const BACKGROUND_BUILD = [
  'temporary=$1 source=$2 final=$3; shift 3',
  // A compiler that hangs is stopped after two minutes, as the build dagline waits for is.
  'limit=; command -v timeout >/dev/null 2>&1 && limit="timeout 120"',
  'if $limit "$@" 2>"$final.log"; then mv -f "$temporary" "$final" && rm -f "$final.failed"; else mv -f "$final.log" "$final.failed"; fi',
  'rm -f "$temporary" "$source" "$final.log" "$final.building"',
].join('\n');

/**
 * Starts a build that goes on without dagline (a run that needed the helper now uses Perl; the
 * next one finds the binary), unless one is under way or the last one failed. Its arguments
 * reach the shell as positional parameters, never as shell text. True when one was started.
 */
export function buildNativeHelperInBackground(cacheDir: string, compiler: string): boolean {
  const final = nativeHelperFile(cacheDir);
  try {
    // A day after a failure, try again: a compiler may have been installed or mended meanwhile.
    const failed = statSync(`${final}.failed`, { throwIfNoEntry: false });
    if (failed && Date.now() - failed.mtimeMs < RETRY_FAILED_AFTER_MS) return false;
    makeDirs(cacheDir, 0o700);
    const building = `${final}.building`;
    const under = statSync(building, { throwIfNoEntry: false });
    if (under && Date.now() - under.mtimeMs < BUILD_STALE_MS) return false;
    closeSync(openSync(building, 'w', 0o600));
    const { source, temporary } = writeSource(cacheDir);
    pruneOtherHelpers(cacheDir, final);
    const build = spawn(
      '/bin/sh',
      [
        '-c',
        BACKGROUND_BUILD,
        'dagline-build-helper',
        temporary,
        source,
        final,
        compiler,
        ...compilerArgs(temporary, source),
      ],
      { detached: true, stdio: 'ignore' },
    );
    build.on('error', () => rmSync(building, { force: true }));
    build.unref();
    return true;
  } catch {
    return false; // a cache folder we cannot write: the Perl helper it is
  }
}
