import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors/dagline-error.js';
import type { Repository } from '../github/client.js';
import type { Trigger } from '../state/run-record.js';

/** What the runner tells every step about the run it is part of, read once from its variables. */
export interface RunnerContext {
  repository: Repository;
  /** The workflow run's id and attempt (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT). */
  runId: number;
  attempt: number;
  eventName: string;
  /** The event's payload (GITHUB_EVENT_PATH). */
  event: Record<string, unknown>;
  /** The commit the check run belongs to: a pull request's head, else GITHUB_SHA. */
  headSha: string;
  actor: string;
  apiUrl: string | undefined;
  /** The run's page, for the check run's details link. */
  runUrl: string;
  workspace: string;
  /** RUNNER_TEMP: where the artifact steps and the action exchange files. */
  temp: string;
}

export function readRunnerContext(env: Record<string, string | undefined> = process.env): RunnerContext {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new UsageError(`${name} is not set: this command runs in a GitHub Actions job`);
    return value;
  };
  const [owner, repo] = need('GITHUB_REPOSITORY').split('/') as [string, string | undefined];
  if (!repo) throw new UsageError(`GITHUB_REPOSITORY=${env.GITHUB_REPOSITORY} is not owner/name`);
  const runId = Number(need('GITHUB_RUN_ID'));
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
  let event: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      event = {}; // no payload (a local test of the action): the event's values are not needed then
    }
  }
  const pullHead = (event.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    repository: { owner, repo },
    runId,
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event,
    headSha: pullHead ?? need('GITHUB_SHA'),
    actor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || 'github',
    apiUrl: env.GITHUB_API_URL,
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    temp: need('RUNNER_TEMP'),
  };
}

/** A folder below RUNNER_TEMP (see JOB_FOLDERS). */
export function jobFolder(context: RunnerContext, folder: string): string {
  return join(context.temp, folder);
}

/** The trigger a run record names for a GitHub event. */
export function triggerOf(eventName: string): Trigger {
  switch (eventName) {
    case 'schedule':
      return 'schedule';
    case 'workflow_call':
      return 'pipeline';
    case 'push':
      return 'push';
    default:
      return 'dispatch';
  }
}

/**
 * The file name of the workflow a run belongs to, from GITHUB_WORKFLOW_REF
 * (`owner/repo/.github/workflows/funnel.yml@refs/heads/main`): in a called workflow it names the
 * caller, the workflow whose runs GitHub lists. Undefined when the runner does not say.
 */
export function callingWorkflowFile(env: Record<string, string | undefined>): string | undefined {
  const path = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  return path?.split('/').pop();
}
