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
 * Bytes the plan job's `waves` output may take in dynamic mode. Every wave job and the report job
 * give dagline's action `${{ toJSON(needs) }}`, which holds it, and a runner passes a step's
 * inputs as environment variables, which Linux caps at 128 KiB each; the rest of the room is for
 * the plan's other outputs (the params). Well under GitHub's own 1 MB of outputs per job.
 */
export const WAVES_OUTPUT_LIMIT = 96 * 1024;
