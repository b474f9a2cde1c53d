import * as core from '@actions/core';
import { asDaglineError } from '../errors/dagline-error.js';
import { formatErrorLine } from '../errors/format-error.js';
import { octokitClient } from '../github/octokit-client.js';
import type { GitHubClient } from '../github/client.js';
import { gitHubGuards } from '../github/run-history.js';
import { dispatchCommand } from './commands/dispatch.js';
import { planCommand } from './commands/plan.js';
import { reportCommand } from './commands/report.js';
import { runTaskCommand } from './commands/run-task.js';
import { validateCommand } from './commands/validate.js';
import { pullRequestOf, validatePullRequest } from './commands/validate-pull-request.js';
import { callingWorkflowFile, readRunnerContext, type RunnerContext } from './runner-context.js';
import {
  booleanInput,
  jsonInput,
  needsInput,
  readCommand,
  readOptionalToken,
  readPaths,
  readToken,
  requiredInput,
  waveJobsInput,
} from './settings.js';

/**
 * The GitHub Action: one command per step (`command`), each thin over the code the command line
 * runs. Every failure ends as one line (core.setFailed), never a stack trace.
 */
export async function run(): Promise<void> {
  try {
    const command = readCommand();
    switch (command) {
      case 'validate': {
        // On a pull request: what it changes, compared with its base, as a check run and a comment.
        const context = process.env.GITHUB_EVENT_NAME === 'pull_request' ? readRunnerContext() : undefined;
        const pull = context && pullRequestOf(context.eventName, context.event);
        if (context && pull) {
          const token = readOptionalToken();
          await validatePullRequest(
            readPaths(),
            pull,
            context,
            token === undefined ? undefined : clientFor(context, token),
          );
        } else await validateCommand(readPaths());
        break;
      }
      case 'plan': {
        const context = readRunnerContext();
        const client = clientFor(context);
        const waves = waveJobsInput();
        // In dynamic mode the run belongs to the workflow that calls run.yml: its history is that one's.
        const ownWorkflow = waves.waveJobs === undefined ? undefined : callingWorkflowFile(process.env);
        await planCommand(
          {
            pipeline: requiredInput('pipeline', command),
            inputs: jsonInput('inputs', null),
            schedule: core.getInput('schedule'),
            ...waves,
          },
          context,
          client,
          // The run asking is in progress itself: neither an earlier run nor another in its group.
          gitHubGuards({ client, currentRunId: context.runId, ...(ownWorkflow && { ownWorkflow }) }),
        );
        break;
      }
      case 'report': {
        const context = readRunnerContext();
        await reportCommand(
          { pipeline: requiredInput('pipeline', command), needs: needsInput() },
          context,
          clientFor(context),
        );
        break;
      }
      case 'dispatch': {
        const context = readRunnerContext();
        let client: GitHubClient | undefined;
        await dispatchCommand(
          {
            pipeline: requiredInput('pipeline', command),
            task: core.getInput('task'),
            params: jsonInput('params', {}),
            matrix: jsonInput('matrix', null),
            needs: needsInput(),
            killGraceMs: killGrace(),
            ref: core.getInput('ref'),
            wait: booleanInput('wait'),
            release: booleanInput('release'),
          },
          context,
          () => (client ??= clientFor(context)),
        );
        break;
      }
      case 'run-task': {
        const context = readRunnerContext();
        let client: GitHubClient | undefined;
        await runTaskCommand(
          {
            pipeline: requiredInput('pipeline', command),
            task: requiredInput('task', command),
            matrix: jsonInput('matrix', null),
            params: jsonInput('params', {}),
            needs: needsInput(),
            killGraceMs: killGrace(),
          },
          context,
          () => (client ??= clientFor(context)),
        );
        break;
      }
    }
  } catch (thrown) {
    core.setFailed(formatErrorLine(asDaglineError(thrown)));
  }
}

function clientFor(context: RunnerContext, token = readToken()): GitHubClient {
  return octokitClient({
    token,
    repository: context.repository,
    ...(context.apiUrl !== undefined && { baseUrl: context.apiUrl }),
  });
}

/** How long a task's process group has after SIGTERM when the job is cancelled: well within the runner's own grace. */
function killGrace(): number {
  const value = Number(process.env.DAGLINE_KILL_GRACE_MS ?? '2000');
  return Number.isInteger(value) && value >= 0 ? value : 2000;
}
