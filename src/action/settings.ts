import * as core from '@actions/core';
import { UsageError } from '../errors/dagline-error.js';

export const ACTION_COMMANDS = ['validate'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** The action's inputs as one typed, checked object (read once, at the edge). */
export interface ActionSettings {
  command: ActionCommand;
  paths: string[];
}

export function readSettings(): ActionSettings {
  const command = core.getInput('command') || 'validate';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    const planned = ['plan', 'run-task', 'report', 'dispatch'].includes(command);
    throw new UsageError(
      `command "${command}" is ${planned ? 'not available yet in this version' : 'unknown'}`,
      {},
      `this version of the action runs: ${ACTION_COMMANDS.join(', ')}`,
    );
  }
  const paths = core
    .getMultilineInput('path')
    .flatMap((line) => line.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
  return { command: command as ActionCommand, paths: paths.length ? paths : ['pipelines'] };
}
