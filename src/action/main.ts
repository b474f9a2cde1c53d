import * as core from '@actions/core';
import { asDaglineError } from '../errors/dagline-error.js';
import { formatErrorLine } from '../errors/format-error.js';
import { octokitClient } from '../github/octokit-client.js';
import type { GitHubClient } from '../github/client.js';
import { planCommand } from './commands/plan.js';
import { reportCommand } from './commands/report.js';
import { runTaskCommand } from './commands/run-task.js';
import { validateCommand } from './commands/validate.js';
import { readRunnerContext, type RunnerContext } from './runner-context.js';
import { jsonInput, readCommand, readPaths, readToken, requiredInput, waveJobsInput } from './settings.js';

/**
 * The GitHub Action: one command per step (`command`), each thin over the code the command line
 * runs. Every failure ends as one line (core.setFailed), never a stack trace.
 */
export async function run(): Promise<void> {
  try {
    const command = readCommand();
    switch (command) {
      case 'validate':
        await validateCommand(readPaths());
        break;
      case 'plan': {
        const context = readRunnerContext();
        await planCommand(
          {
            pipeline: requiredInput('pipeline', command),
            inputs: jsonInput('inputs', null),
            schedule: core.getInput('schedule'),
            ...waveJobsInput(),
          },
          context,
          clientFor(context),
        );
        break;
      }
      case 'report': {
        const context = readRunnerContext();
        await reportCommand(
          { pipeline: requiredInput('pipeline', command), needs: jsonInput('needs', {}) },
          context,
          clientFor(context),
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
            needs: jsonInput('needs', {}),
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

function clientFor(context: RunnerContext): GitHubClient {
  return octokitClient({
    token: readToken(),
    repository: context.repository,
    ...(context.apiUrl !== undefined && { baseUrl: context.apiUrl }),
  });
}

/** How long a task's process group has after SIGTERM when the job is cancelled: well within the runner's own grace. */
function killGrace(): number {
  const value = Number(process.env.DAGLINE_KILL_GRACE_MS ?? '2000');
  return Number.isInteger(value) && value >= 0 ? value : 2000;
}
