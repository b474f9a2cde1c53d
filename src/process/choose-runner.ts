import { UsageError } from '../errors/dagline-error.js';
import { findProgram } from './find-program.js';
import {
  buildNativeHelper,
  buildNativeHelperInBackground,
  builtNativeHelper,
  findCompiler,
  nativeHelperProgram,
} from './native-helper.js';
import { ChildProcessRunner, type ProcessRunner } from './process-runner.js';
import { perlHelperProgram } from './spawn-helper-script.js';
import { SpawnHelperRunner } from './spawn-helper-runner.js';

const CHOICES = ['auto', 'native', 'perl', 'node'];

/**
 * The runner that starts task processes, from DAGLINE_SPAWNER:
 * - `auto` (the default): on Linux, the native helper once it is built in the
 *   cache folder (the first run that finds a C compiler but no binary starts
 *   the build in the background, and uses Perl meanwhile); else the Perl
 *   helper where Perl is on the PATH (every Debian and Ubuntu system, macOS,
 *   GitHub's runners); else Node's own spawn;
 * - `native` insists on the native helper, building it now if it is not built;
 * - `perl` insists on the Perl helper; `node` uses no helper.
 * `slots`: the most processes at once (the run's concurrency). `cacheDir`:
 * dagline's cache folder, where the native helper is kept (none: no native helper).
 */
export function chooseProcessRunner(
  env: Record<string, string | undefined>,
  slots: number,
  platform: NodeJS.Platform = process.platform,
  cacheDir?: string,
): ProcessRunner {
  const choice = (env.DAGLINE_SPAWNER ?? 'auto').trim() || 'auto';
  if (!CHOICES.includes(choice)) {
    throw new UsageError(
      `DAGLINE_SPAWNER=${choice} is not one of ${CHOICES.join(', ')}`,
      {},
      'leave it unset for the default (auto)',
    );
  }
  if (choice === 'node' || (choice === 'auto' && platform === 'win32')) return new ChildProcessRunner();
  const perl = findProgram('perl', env.PATH ?? '');
  // Should the native helper not start (a cache folder on a noexec mount, say), Perl takes over.
  const perlRunner = perl === undefined ? undefined : new SpawnHelperRunner(perlHelperProgram(perl), slots);
  if (choice === 'native') {
    const binary = nativeHelperNow(env, platform, cacheDir);
    return new SpawnHelperRunner(nativeHelperProgram(binary), slots, perlRunner);
  }
  if (choice === 'auto' && platform === 'linux' && cacheDir !== undefined) {
    const binary = builtNativeHelper(cacheDir);
    if (binary !== undefined) return new SpawnHelperRunner(nativeHelperProgram(binary), slots, perlRunner);
    const compiler = findCompiler(env);
    if (compiler !== undefined) buildNativeHelperInBackground(cacheDir, compiler);
  }
  if (perlRunner !== undefined) return perlRunner;
  if (choice === 'perl')
    throw new UsageError(
      'DAGLINE_SPAWNER=perl, but there is no perl on the PATH',
      {},
      'install perl, or unset DAGLINE_SPAWNER',
    );
  return new ChildProcessRunner();
}

/** For DAGLINE_SPAWNER=native: the built binary, built now if need be, or why there can be none. */
function nativeHelperNow(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  cacheDir: string | undefined,
): string {
  const unset = 'unset DAGLINE_SPAWNER for the default (the native helper where it builds, else Perl)';
  if (platform === 'win32')
    throw new UsageError('DAGLINE_SPAWNER=native: the native spawn helper is for Linux and macOS', {}, unset);
  if (cacheDir === undefined)
    throw new UsageError(
      'DAGLINE_SPAWNER=native needs a cache folder to keep the helper in, and DAGLINE_COMPILE_CACHE is off',
      {},
      'set DAGLINE_COMPILE_CACHE to a folder',
    );
  const built = builtNativeHelper(cacheDir);
  if (built !== undefined) return built;
  const compiler = findCompiler(env);
  if (compiler === undefined)
    throw new UsageError(
      'DAGLINE_SPAWNER=native, but there is no C compiler (CC, cc, gcc, clang) on the PATH to build the helper',
      {},
      unset,
    );
  const outcome = buildNativeHelper(cacheDir, compiler);
  if ('error' in outcome)
    throw new UsageError(
      `DAGLINE_SPAWNER=native, but the helper did not build: ${firstLines(outcome.error)}`,
      {},
      unset,
    );
  return outcome.file;
}

/** A compiler's message on one line: its first lines, joined. */
function firstLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ');
}
