import type { Pipeline, ParamValue } from '../pipeline-format/model.js';
import type { TaskState } from '../state/run-record.js';
import { RunScheduler } from './scheduler.js';

/**
 * The tasks of a run whose tasks ran in jobs of their own (on GitHub): each task as its job left
 * it, and for a task whose job did not run, what the run rules say of it (skipped by its stage,
 * upstream_failed after a failed need...), as a local run would have recorded it. Nothing runs.
 */
export function runFromJobs(input: {
  pipeline: Pipeline;
  params: Record<string, ParamValue>;
  run: { id: string; attempt: number; actor: string; trigger: string };
  /** A task's records, as its job left them; none: its job did not run. */
  recordsOf(taskId: string): TaskState[];
  now(): string;
}): TaskState[] {
  const scheduler = new RunScheduler(
    {
      pipeline: input.pipeline,
      params: input.params,
      run: input.run,
      concurrency: 1,
      selected: new Set(),
      job: { recordsOf: input.recordsOf },
    },
    {
      start: (leg) => {
        throw new Error(`internal error: ${leg.name} was started in a run made of its jobs' records`);
      },
      changed: () => {},
      now: input.now,
    },
  );
  scheduler.begin();
  return scheduler.states();
}
