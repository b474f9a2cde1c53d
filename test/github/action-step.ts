// What an emulated action gets from the step that uses it, and how it answers: the same things an
// action gets on a runner (its inputs, the workspace, the job's environment) and does (outputs,
// annotations, a failed step).
import type { GitHubState } from './github-state.js';
import type { FakeGitHubApi } from './fake-github-api.js';
import type { TokenRegistry } from './permissions.js';
import type { Annotation } from './step-commands.js';

/** An action input GitHub would read with core.getBooleanInput: YAML 1.2 core booleans only. */
export function booleanInput(inputs: Record<string, string>, name: string): boolean {
  const value = inputs[name] ?? '';
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionFailure(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\nSupport boolean input list: \`true | True | TRUE | false | False | FALSE\``,
  );
}

/** The action failed (core.setFailed): the step's outcome is failure, with this message as an error annotation. */
export class ActionFailure extends Error {}

export interface ActionStep {
  /** Inputs after defaults, as the action reads them (core.getInput). */
  inputs: Record<string, string>;
  workspace: string;
  runnerTemp: string;
  home: string;
  /** The environment the step's process would get. */
  env: Record<string, string>;
  github: Record<string, unknown>;
  runId: number;
  attempt: number;
  /** The API job record of this leg (artifacts name the job that uploaded them). */
  jobId: number;
  /** Names uploaded by this job so far (GitHub: at most 500 artifacts per job). */
  uploadsByJob: Map<number, number>;
  state: GitHubState;
  api: FakeGitHubApi;
  tokens: TokenRegistry;
  repoDir: string;
  signal: AbortSignal;
  info(line: string): void;
  annotate(annotation: Annotation): void;
  setOutput(name: string, value: string): void;
}

/** An emulated action: its inputs (name -> default, undefined when required with none) and what it does. */
export interface EmulatedAction {
  inputs: Record<string, string | undefined>;
  run(step: ActionStep): Promise<void>;
}
