import { join } from 'node:path';
import { repositoryRoot, repositoryRootAbove } from '../../fs/pipeline-files.js';
import { RunStore } from '../../state/run-store.js';
import type { CliIo } from '../io.js';

/** The state store a command works on: --state-dir, else DAGLINE_STATE_DIR, else .dagline at the repository root. */
export function storeFor(stateDir: string | undefined, env: CliIo['env'], pipelineFile?: string): RunStore {
  // By default at the repository root, where tasks run: runs started from any folder of a
  // repository share one history, one on-hold count and one overlap guard.
  const root = pipelineFile === undefined ? repositoryRootAbove(process.cwd()) : repositoryRoot(pipelineFile);
  return new RunStore(stateDir ?? env.DAGLINE_STATE_DIR ?? join(root, '.dagline'));
}
