import * as core from '@actions/core';
import { UsageError } from '../errors/dagline-error.js';
import type { NeedOfJob } from './job-records.js';

export const ACTION_COMMANDS = ['validate', 'plan', 'run-task', 'report', 'dispatch'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** The command the step asks for (validate by default). */
export function readCommand(): ActionCommand {
  const command = core.getInput('command') || 'validate';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command))
    throw new UsageError(
      `command "${command}" is unknown`,
      {},
      `this version of the action runs: ${ACTION_COMMANDS.join(', ')}`,
    );
  return command as ActionCommand;
}

/** validate's `path`: files or folders, one per line or comma-separated; `pipelines` by default. */
export function readPaths(): string[] {
  const paths = core
    .getMultilineInput('path')
    .flatMap((line) => line.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
  return paths.length ? paths : ['pipelines'];
}

/** A required text input. */
export function requiredInput(name: string, command: ActionCommand): string {
  const value = core.getInput(name);
  if (!value) throw new UsageError(`input "${name}" is required by command ${command}`);
  return value;
}

/**
 * An input holding a JSON object (`${{ toJSON(inputs) }}`, `${{ toJSON(needs) }}`, `${{ toJSON(matrix) }}`):
 * its value, or `fallback` when the input is empty or `null`. Anything else is a usage error in one
 * line: a list or a string here would otherwise reach the run as params, needs or a leg.
 */
export function jsonInput<T extends object | null>(name: string, fallback: T): T {
  const text = core.getInput(name);
  if (!text) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `input "${name}" is not JSON: ${(error as Error).message}`,
      {},
      `give it as \${{ toJSON(...) }}`,
    );
  }
  if (value === null) return fallback;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(
      `input "${name}" must be a JSON object, not ${Array.isArray(value) ? 'a list' : typeof value}`,
      {},
      `give it as \${{ toJSON(...) }}`,
    );
  return value as T;
}

/**
 * The `needs` input: `${{ toJSON(needs) }}`, or the part of it a job of run.yml gives, where an
 * output the plan job did not set comes as null rather than absent. By job, its result and its
 * outputs that hold text.
 */
export function needsInput(): Record<string, NeedOfJob> {
  const needs: Record<string, NeedOfJob> = {};
  for (const [job, value] of Object.entries(jsonInput<Record<string, unknown>>('needs', {}))) {
    if (typeof value !== 'object' || value === null) continue;
    const { result, outputs } = value as { result?: unknown; outputs?: unknown };
    const need: NeedOfJob = {};
    if (typeof result === 'string') need.result = result;
    if (typeof outputs === 'object' && outputs !== null)
      need.outputs = Object.fromEntries(
        Object.entries(outputs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    needs[job] = need;
  }
  return needs;
}

/** The token for GitHub's API: the `github-token` input (by default the job's token). */
export function readToken(): string {
  const token = readOptionalToken();
  if (!token) throw new UsageError('no GitHub token', {}, 'give the action github-token: ${{ github.token }}');
  return token;
}

/** The token for GitHub's API, or undefined when the step has none (validate works without one). */
export function readOptionalToken(): string | undefined {
  const token = core.getInput('github-token') || process.env.GITHUB_TOKEN || '';
  if (!token) return undefined;
  core.setSecret(token);
  return token;
}

/** A yes-or-no input (`true` or `false`, as YAML 1.2 writes them); empty: false. */
export function booleanInput(name: string): boolean {
  const text = core.getInput(name);
  if (text === '') return false;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  throw new UsageError(`input "${name}" is ${JSON.stringify(text)}, not true or false`);
}

/** plan's `wave-jobs` (dynamic mode): the number of wave jobs of the workflow; none for a compiled workflow. */
export function waveJobsInput(): { waveJobs?: number } {
  const text = core.getInput('wave-jobs');
  if (!text) return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`input "wave-jobs" is ${JSON.stringify(text)}: a whole number of jobs, 1 or more`);
  return { waveJobs: value };
}
