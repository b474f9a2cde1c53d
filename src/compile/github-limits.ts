/**
 * GitHub's limits that shape a compiled workflow (SPEC section 4). Each is one constant, so that
 * when GitHub changes one, one line changes.
 */

/** Inputs a `workflow_dispatch` may declare (dagline's own inputs count too). */
export const DISPATCH_INPUTS_LIMIT = 25;

/** Legs one matrix job may have: a static matrix past it is split into several jobs. */
export const MATRIX_LEGS_LIMIT = 256;

/**
 * Minutes the compiled job of a task gets beyond the task's own time (every attempt and every
 * wait between them): the checkout, the action's start, the upload of the task's record. The task's
 * timeout is dagline's to enforce (as locally: its process group ended, retried, recorded); the
 * job's timeout only catches a job that hangs outside the task.
 */
export const JOB_SETUP_MINUTES = 10;

/**
 * Bytes of outputs one job may give: GitHub's 1 MB a job, measured as GitHub measures it (UTF-16,
 * `outputsSize`), with a megabyte taken as a million bytes to stay on the safe side.
 */
export const JOB_OUTPUTS_LIMIT = 1_000_000;

/**
 * Of the plan job's outputs in dynamic mode, the bytes its waves may take (one output a wave): the
 * rest is for its other outputs, the largest of which, the params, come from a workflow_dispatch
 * payload of at most 65,535 characters.
 */
export const WAVE_OUTPUTS_LIMIT = JOB_OUTPUTS_LIMIT - 2 * 65_536 - 4_096;

/** The size GitHub counts for outputs: their text in UTF-16, two bytes a code unit. */
export function outputsSize(values: Iterable<string>): number {
  let size = 0;
  for (const value of values) size += 2 * value.length;
  return size;
}
