import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../errors/dagline-error.js';
import { ChildProcessRunner, type ProcessRunner } from './process-runner.js';
import { SpawnHelperRunner } from './spawn-helper-runner.js';

/**
 * The runner that starts task processes, from DAGLINE_SPAWNER: `auto` (the
 * default) uses the spawn helper where Perl is on the PATH (every Debian and
 * Ubuntu system, macOS, GitHub's runners) and Node's own spawn elsewhere;
 * `perl` insists on the helper; `node` never uses it. `slots`: the most
 * processes at once (the run's concurrency).
 */
export function chooseProcessRunner(env: Record<string, string | undefined>, slots: number, platform: NodeJS.Platform = process.platform): ProcessRunner {
  const choice = (env.DAGLINE_SPAWNER ?? 'auto').trim() || 'auto';
  if (choice !== 'auto' && choice !== 'perl' && choice !== 'node') {
    throw new UsageError(`DAGLINE_SPAWNER=${choice} is not one of auto, perl, node`, {}, 'leave it unset for the default (auto)');
  }
  if (choice === 'node' || (choice === 'auto' && platform === 'win32')) return new ChildProcessRunner();
  const perl = findProgram('perl', env.PATH ?? '');
  if (perl !== undefined) return new SpawnHelperRunner(perl, slots);
  if (choice === 'perl') throw new UsageError('DAGLINE_SPAWNER=perl, but there is no perl on the PATH', {}, 'install perl, or unset DAGLINE_SPAWNER');
  return new ChildProcessRunner();
}

/** The first executable file of that name in the PATH's folders. */
export function findProgram(name: string, path: string): string | undefined {
  for (const folder of path.split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
