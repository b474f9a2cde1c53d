import { UsageError } from '../../errors/dagline-error.js';
import { repositoryRoot } from '../../fs/pipeline-files.js';
import { conclusionExitCode, dispatchPipeline, followRun, pollMsFrom, progressLine } from '../../github/dispatch.js';
import type { GitHubClient } from '../../github/client.js';
import { octokitClient } from '../../github/octokit-client.js';
import { defaultRef, repositoryFrom, tokenFrom } from '../../github/target.js';
import { parseParamFlags } from '../../plan/resolve-params.js';
import type { YamlLimits } from '../../pipeline-format/read-yaml.js';
import { printable } from '../../render/printable.js';
import type { CliIo } from '../io.js';
import { loadOrReport, reportErrors } from './load-one.js';

export interface DispatchFlags {
  param: string[];
  ref?: string;
  wait?: boolean;
  release?: boolean;
}

/**
 * `dagline dispatch FILE --param k=v`: a run of the pipeline's compiled workflow on GitHub
 * (src/github/dispatch.ts checks and starts it); prints its id and URL, and with `--wait` follows
 * it and exits with its result.
 */
export async function dispatchCommand(
  file: string,
  flags: DispatchFlags,
  limits: YamlLimits,
  io: CliIo,
): Promise<number> {
  const { pipeline, placeOfParam, placeOf } = loadOrReport(file, limits, io);
  const given = parseParamFlags(flags.param);
  const root = repositoryRoot(file);
  const repository = repositoryFrom(io.env, root);
  const ref = flags.ref ?? defaultRef(io.env, root);
  if (ref === undefined)
    throw new UsageError(
      'no ref to run on: origin/HEAD does not name the default branch',
      {},
      'give --ref BRANCH, or run git remote set-head origin --auto',
    );
  const pollMs = pollMsFrom(io.env);
  // The token is asked for only once the params hold: a bad param is the user's to fix whatever the token.
  let client: GitHubClient | undefined;
  const connect = (): GitHubClient =>
    (client ??= octokitClient({
      token: tokenFrom(io.env),
      repository,
      ...(io.env.GITHUB_API_URL && { baseUrl: io.env.GITHUB_API_URL }),
    }));

  const outcome = await dispatchPipeline(connect, {
    pipeline,
    given,
    fromText: true,
    placeOfParam,
    placeOf,
    ref,
    release: flags.release ?? false,
  });
  if (outcome.kind === 'not-dispatched') reportErrors(outcome.errors, io);
  if (outcome.kind === 'skipped') {
    io.out(`${printable(outcome.message)}\n`);
    return 0;
  }
  io.out(`${printable(`dispatched ${outcome.workflow} on ${ref}: run ${outcome.runId} ${outcome.htmlUrl}`)}\n`);
  if (!flags.wait) return 0;
  const run = await followRun(connect(), outcome.runId, {
    pollMs,
    ...(io.sleep && { sleep: (ms: number) => io.sleep!(ms) }),
    onProgress: (progress) => io.out(`${progressLine(outcome.runId, progress)}\n`),
  });
  io.out(`${printable(`run ${run.id}: ${run.conclusion ?? 'no conclusion'}`)}\n`);
  return conclusionExitCode(run.conclusion);
}
