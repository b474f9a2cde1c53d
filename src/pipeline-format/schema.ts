import { z } from 'zod';

/**
 * The pipeline file format, defined once: this schema validates files, gives
 * the TypeScript types of a parsed file, and is exported as JSON Schema
 * (schema/pipeline.schema.json) for editors. What a schema cannot say (that a
 * `needs` names a real task, that the graph has no cycle, that a choice
 * default is among its options) is checked in check-pipeline.ts.
 */

/** Top-level keys with this prefix are the user's own (anchors to alias), ignored by dagline. */
export const EXTENSION_PREFIX = 'x-';

export const PIPELINE_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** Task ids become GitHub job ids, so they follow GitHub's rule for those. */
export const TASK_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const STAGE_NAME = TASK_ID;
/** Params become workflow_dispatch inputs. */
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const POOL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** 90s, 10m, 1h30m, 2d, 500ms: at least one part, largest unit first. */
export const DURATION = /^(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m(?!s))?(?:\d+s)?(?:\d+ms)?$/;

/**
 * The names every JavaScript object has (`constructor`, `toString`, `__proto__`...), in lower
 * case: no name a user chooses may be one, in any case (GitHub's expressions read names in any
 * case), or it would be mistaken for the object's own member somewhere between file and run.
 */
export const OBJECT_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).map((name) => name.toLowerCase()),
);

/** The zod schemas, built on first use: commands that read no pipeline file never pay for them. */
function buildSchemas() {
  const named = (pattern: RegExp, what: string) =>
    z
      .string()
      .regex(pattern, { error: what })
      .refine((name) => !OBJECT_NAMES.has(name.toLowerCase()), {
        error: 'a name cannot be one that every JavaScript object has (choose another)',
      });

  const taskId = named(TASK_ID, 'a task id is letters, digits, - and _, starting with a letter or _');
  const stageName = named(STAGE_NAME, 'a stage name is letters, digits, - and _, starting with a letter or _');
  const paramName = named(PARAM_NAME, 'a param name is letters, digits, - and _, starting with a letter or _');
  const envName = named(ENV_NAME, 'an environment variable name is letters, digits and _, not starting with a digit');
  const outputName = named(OUTPUT_NAME, 'an output name is letters, digits, - and _, starting with a letter or _');
  const poolName = named(POOL_NAME, 'a pool name is letters, digits, ., - and _');

  const duration = z
    .string({ error: 'expected a duration such as 90s, 10m or 1h30m' })
    .regex(DURATION, { error: 'expected a duration such as 90s, 10m or 1h30m' })
    .describe('A duration: 500ms, 90s, 10m, 1h30m, 2d.');

  const oneOrMany = <T extends z.ZodType>(item: T, what: string) =>
    z.union([item, z.array(item)], { error: `expected ${what} or a list of them` });

  /** `if`: an expression (with or without `${{ }}`), or a literal boolean. */
  const condition = z
    .union([z.string(), z.boolean()], { error: 'expected an expression' })
    .describe('A GitHub Actions expression, e.g. "params.dataStage == \'IaC\'" or always(). Default: success().');

  const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' });
  const envMap = z.record(envName, scalar).describe('Environment variables. Values may use ${{ }} templates.');

  const paramValue = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' });
  const paramValues = z.record(paramName, paramValue);

  const retrySettings = {
    retries: z.int().min(0).max(100).describe('How many times a failed task is tried again.').optional(),
    'retry-delay': duration.describe('Wait before the first retry.').optional(),
    'retry-backoff': z
      .number()
      .min(1)
      .max(100)
      .describe('Each retry waits this many times longer than the one before.')
      .optional(),
    'retry-max-delay': duration.describe('The longest wait between retries.').optional(),
    timeout: duration.describe('The task is ended (its whole process group) after this long.').optional(),
  };

  const runsOn = z
    .union([z.string(), z.array(z.string())], { error: 'expected a runner label or a list of labels' })
    .describe('GitHub Actions runner labels for this task when it runs on Actions.');

  const shell = z.enum(['bash', 'sh', 'python', 'node', 'pwsh']).describe('The interpreter of `run`. Default: bash.');

  const extractFields = {
    path: z.string().min(1).describe('The file, relative to the working directory. May use ${{ }} templates.'),
    name: z.string().min(1).optional().describe('A name for the extract; defaults to the file name.'),
  };
  const extractError = { error: 'expected a path, or a mapping with `path`' };
  const extract = z.union([z.string(), z.strictObject(extractFields)], extractError);
  const consumedExtract = z.union(
    [
      z.string(),
      z.strictObject({
        ...extractFields,
        external: z
          .boolean()
          .optional()
          .describe(
            'A file no dagline run produces: it must exist when the task starts, and is registered as found. The path may be absolute.',
          ),
      }),
    ],
    extractError,
  );

  const matrixAxis = z
    .union([z.array(scalar).min(1), z.string()], {
      error: 'a matrix axis is a non-empty list of values, or a ${{ }} expression giving one',
    })
    .describe('The values of one matrix axis, or an expression evaluated at run time.');

  const matrixCombination = z.record(z.string(), scalar);

  const matrix = z
    .object({
      include: z
        .array(matrixCombination)
        .optional()
        .describe('Combinations to add, or values to add to matching combinations.'),
      exclude: z.array(matrixCombination).optional().describe('Combinations to leave out.'),
    })
    .catchall(matrixAxis)
    .describe('Run the task once per combination of the axes (GitHub Actions matrix semantics).');

  const ParamSchema = z
    .strictObject({
      type: z
        .enum(['string', 'choice', 'boolean', 'number'])
        .optional()
        .describe('string (the default, as for a workflow_dispatch input) | choice | boolean | number'),
      description: z.string().optional(),
      options: z.array(z.string()).min(1).optional().describe('The allowed values of a choice param.'),
      default: paramValue.optional(),
      required: z.boolean().optional(),
    })
    .describe('A typed run parameter; on GitHub, a workflow_dispatch input.');

  const StageSchema = z
    .strictObject({
      description: z.string().optional(),
      if: condition.optional().describe('When false, every task of the stage is skipped.'),
      needs: oneOrMany(z.string(), 'a stage or task')
        .optional()
        .describe('Stages or tasks this whole stage waits for.'),
    })
    .describe('An ordered group of tasks with a shared condition.');

  const TaskSchema = z
    .strictObject({
      name: z.string().optional().describe('A display name.'),
      description: z.string().optional(),
      stage: stageName.optional().describe('The stage this task belongs to.'),
      group: z.string().min(1).optional().describe('A display group (a/b nests b in a); it does not change execution.'),
      needs: oneOrMany(z.string(), 'a task or stage')
        .optional()
        .describe('Tasks or stages (all their tasks) that must finish first.'),
      if: condition.optional(),
      run: z
        .string()
        .optional()
        .describe('A script run by the task shell. ${{ }} values are quoted for where they stand.'),
      command: z
        .array(scalar)
        .min(1)
        .optional()
        .describe('A program and its arguments, run without a shell. Each ${{ }} value stays one argument.'),
      pipeline: z.string().min(1).optional().describe('Run another pipeline file as a child run.'),
      with: paramValues.optional().describe('Params of the child pipeline.'),
      dispatch: z.boolean().optional().describe('On GitHub, dispatch the child pipeline as a run of its own.'),
      shell: shell.optional(),
      'working-directory': z.string().optional(),
      env: envMap.optional(),
      outputs: z.array(outputName).optional().describe('Names the task writes as name=value lines to $DAGLINE_OUTPUT.'),
      matrix: matrix.optional(),
      'max-parallel': z.int().min(1).optional().describe('At most this many matrix legs run at once.'),
      ...retrySettings,
      sla: duration.optional().describe('A run longer than this is recorded as an SLA miss; the task goes on.'),
      estimate: duration.optional().describe('Expected duration, used for the critical path.'),
      pool: poolName.optional().describe('A pool from `pools`: the task holds one of its slots while it runs.'),
      produces: z.array(extract).optional().describe('Files this task registers as extracts.'),
      consumes: z
        .array(consumedExtract)
        .optional()
        .describe('Extracts this task needs registered as ready (or, `external`, present).'),
      'runs-on': runsOn.optional(),
      environment: z
        .union([z.string(), z.strictObject({ name: z.string(), url: z.string().optional() })], {
          error: 'expected an environment name, or a mapping with `name`',
        })
        .optional()
        .describe('A GitHub environment; its protection rules apply.'),
      'continue-on-error': z.boolean().optional().describe('A failure of this task does not fail the run.'),
    })
    .describe('One task of the DAG.');

  const concurrency = z.union(
    [
      z.string(),
      z.strictObject({
        group: z.string().min(1).describe('Runs sharing a group do not overlap. May use ${{ params.* }}.'),
        'on-overlap': z.enum(['fail', 'queue', 'skip', 'cancel-running']).optional().describe('Default: fail.'),
      }),
    ],
    { error: 'expected a group name, or a mapping with `group` and `on-overlap`' },
  );

  const PipelineSchema = z
    .strictObject({
      $schema: z.string().optional(),
      name: named(
        PIPELINE_NAME,
        'a pipeline name is lowercase letters, digits, - and _, starting with a letter or digit',
      ).describe('Unique in the repository.'),
      description: z.string().optional(),
      category: z.string().optional().describe('A free label to filter runs by.'),
      owner: z.string().optional(),
      type: z.string().optional().describe('The kind of process (ProcessTracker process_type), e.g. ETL.'),
      tool: z.string().optional().describe('The tool it drives (ProcessTracker tool_name), e.g. bigquery.'),
      sources: oneOrMany(z.string(), 'a source system').optional(),
      targets: oneOrMany(z.string(), 'a target system').optional(),
      'max-consecutive-failures': z
        .int()
        .min(1)
        .optional()
        .describe('After this many failed runs in a row the pipeline is on hold.'),
      params: z.record(paramName, ParamSchema).optional(),
      schedule: z
        .array(
          z.strictObject({
            cron: z.string().describe('Five cron fields, in UTC.'),
            params: paramValues.optional(),
          }),
        )
        .optional(),
      push: z
        .union(
          [
            z.boolean(),
            z.strictObject({
              branches: z
                .array(z.string().min(1))
                .min(1)
                .optional()
                .describe('Only pushes to these branches (GitHub branch filters, e.g. main or release/**).'),
            }),
          ],
          { error: 'expected true, or a mapping with `branches`' },
        )
        .optional()
        .describe(
          'On GitHub, run when a push changes this pipeline file (`dagline compile`); true for any branch. Local runs ignore it.',
        ),
      concurrency: concurrency.optional(),
      requires: z
        .array(
          z.strictObject({
            pipeline: named(PIPELINE_NAME, 'expected a pipeline name'),
            params: paramValues.optional(),
          }),
        )
        .optional()
        .describe('Runs are refused until these pipelines have completed a run with these params.'),
      env: envMap.optional(),
      defaults: z
        .strictObject({
          ...retrySettings,
          shell: shell.optional(),
          'working-directory': z.string().optional(),
          'runs-on': runsOn.optional(),
        })
        .optional()
        .describe('Settings every task inherits unless it sets its own.'),
      pools: z
        .record(poolName, z.int().min(1))
        .optional()
        .describe('Named slots: at most N tasks hold a pool at once.'),
      stages: z.record(stageName, StageSchema).optional(),
      tasks: z.record(taskId, TaskSchema).describe('The tasks, by id.'),
    })
    .describe('A dagline pipeline: one file, one DAG of tasks.');

  return { PipelineSchema, TaskSchema, ParamSchema, StageSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;

export function pipelineSchemas(): Schemas {
  return (schemas ??= buildSchemas());
}

export type PipelineFile = z.infer<Schemas['PipelineSchema']>;
export type TaskFile = z.infer<Schemas['TaskSchema']>;
export type ParamFile = z.infer<Schemas['ParamSchema']>;
export type StageFile = z.infer<Schemas['StageSchema']>;

/** The JSON Schema shipped for editors. */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(pipelineSchemas().PipelineSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/dagline/dagline/raw/main/schema/pipeline.schema.json',
    title: 'dagline pipeline',
    ...schema,
    patternProperties: {
      [`^${EXTENSION_PREFIX}`]: { description: 'Free for your own use, e.g. YAML anchors to alias.' },
    },
  };
}
