"use strict";
exports.id = 283;
exports.ids = [283];
exports.modules = {

/***/ 7283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jb: () => (/* binding */ EXTENSION_PREFIX),
/* harmony export */   Pj: () => (/* binding */ pipelineSchemas),
/* harmony export */   ft: () => (/* binding */ DURATION),
/* harmony export */   pipelineJsonSchema: () => (/* binding */ pipelineJsonSchema),
/* harmony export */   xq: () => (/* binding */ OBJECT_NAMES)
/* harmony export */ });
/* unused harmony exports PIPELINE_NAME, TASK_ID, STAGE_NAME, PARAM_NAME, ENV_NAME, OUTPUT_NAME, POOL_NAME */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2311);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8439);

/**
 * The pipeline file format, defined once: this schema validates files, gives
 * the TypeScript types of a parsed file, and is exported as JSON Schema
 * (schema/pipeline.schema.json) for editors. What a schema cannot say (that a
 * `needs` names a real task, that the graph has no cycle, that a choice
 * default is among its options) is checked in check-pipeline.ts.
 */
/** Top-level keys with this prefix are the user's own (anchors to alias), ignored by dagline. */
const EXTENSION_PREFIX = 'x-';
const PIPELINE_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** Task ids become GitHub job ids, so they follow GitHub's rule for those. */
const TASK_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const STAGE_NAME = TASK_ID;
/** Params become workflow_dispatch inputs. */
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const POOL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** 90s, 10m, 1h30m, 2d, 500ms: at least one part, largest unit first. */
const DURATION = /^(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m(?!s))?(?:\d+s)?(?:\d+ms)?$/;
/**
 * The names every JavaScript object has (`constructor`, `toString`, `__proto__`...), in lower
 * case: no name a user chooses may be one, in any case (GitHub's expressions read names in any
 * case), or it would be mistaken for the object's own member somewhere between file and run.
 */
const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).map((name) => name.toLowerCase()));
/** The zod schemas, built on first use: commands that read no pipeline file never pay for them. */
function buildSchemas() {
    const named = (pattern, what) => zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
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
    const duration = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP({ error: 'expected a duration such as 90s, 10m or 1h30m' })
        .regex(DURATION, { error: 'expected a duration such as 90s, 10m or 1h30m' })
        .describe('A duration: 500ms, 90s, 10m, 1h30m, 2d.');
    const oneOrMany = (item, what) => zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([item, zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(item)], { error: `expected ${what} or a list of them` });
    /** `if`: an expression (with or without `${{ }}`), or a literal boolean. */
    const condition = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()], { error: 'expected an expression' })
        .describe('A GitHub Actions expression, e.g. "params.dataStage == \'IaC\'" or always(). Default: success().');
    const scalar = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()], { error: 'expected a string, number or boolean' });
    const envMap = zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(envName, scalar).describe('Environment variables. Values may use ${{ }} templates.');
    const paramValue = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()], { error: 'expected a string, number or boolean' });
    const paramValues = zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(paramName, paramValue);
    const retrySettings = {
        retries: zod__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr().min(0).max(100).describe('How many times a failed task is tried again.').optional(),
        'retry-delay': duration.describe('Wait before the first retry.').optional(),
        'retry-backoff': zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
            .min(1)
            .max(100)
            .describe('Each retry waits this many times longer than the one before.')
            .optional(),
        'retry-max-delay': duration.describe('The longest wait between retries.').optional(),
        timeout: duration.describe('The task is ended (its whole process group) after this long.').optional(),
    };
    const runsOn = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP())], { error: 'expected a runner label or a list of labels' })
        .describe('GitHub Actions runner labels for this task when it runs on Actions.');
    const shell = zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['bash', 'sh', 'python', 'node', 'pwsh']).describe('The interpreter of `run`. Default: bash.');
    const extractFields = {
        path: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).describe('The file, relative to the working directory. May use ${{ }} templates.'),
        name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional().describe('A name for the extract; defaults to the file name.'),
    };
    const extractError = { error: 'expected a path, or a mapping with `path`' };
    const extract = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej(extractFields)], extractError);
    const consumedExtract = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
            ...extractFields,
            external: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()
                .optional()
                .describe('A file no dagline run produces: it must exist when the task starts, and is registered as found. The path may be absolute.'),
        }),
    ], extractError);
    const matrixAxis = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(scalar).min(1), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()], {
        error: 'a matrix axis is a non-empty list of values, or a ${{ }} expression giving one',
    })
        .describe('The values of one matrix axis, or an expression evaluated at run time.');
    const matrixCombination = zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), scalar);
    const matrix = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        include: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(matrixCombination)
            .optional()
            .describe('Combinations to add, or values to add to matching combinations.'),
        exclude: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(matrixCombination).optional().describe('Combinations to leave out.'),
    })
        .catchall(matrixAxis)
        .describe('Run the task once per combination of the axes (GitHub Actions matrix semantics).');
    const ParamSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['string', 'choice', 'boolean', 'number'])
            .optional()
            .describe('string (the default, as for a workflow_dispatch input) | choice | boolean | number'),
        description: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        options: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).min(1).optional().describe('The allowed values of a choice param.'),
        default: paramValue.optional(),
        required: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional(),
    })
        .describe('A typed run parameter; on GitHub, a workflow_dispatch input.');
    const StageSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        description: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        if: condition.optional().describe('When false, every task of the stage is skipped.'),
        needs: oneOrMany(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), 'a stage or task')
            .optional()
            .describe('Stages or tasks this whole stage waits for.'),
    })
        .describe('An ordered group of tasks with a shared condition.');
    const TaskSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('A display name.'),
        description: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        stage: stageName.optional().describe('The stage this task belongs to.'),
        group: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional().describe('A display group (a/b nests b in a); it does not change execution.'),
        needs: oneOrMany(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), 'a task or stage')
            .optional()
            .describe('Tasks or stages (all their tasks) that must finish first.'),
        if: condition.optional(),
        run: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
            .optional()
            .describe('A script run by the task shell. ${{ }} values are quoted for where they stand.'),
        command: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(scalar)
            .min(1)
            .optional()
            .describe('A program and its arguments, run without a shell. Each ${{ }} value stays one argument.'),
        pipeline: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional().describe('Run another pipeline file as a child run.'),
        with: paramValues.optional().describe('Params of the child pipeline.'),
        dispatch: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().describe('On GitHub, dispatch the child pipeline as a run of its own.'),
        shell: shell.optional(),
        'working-directory': zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        env: envMap.optional(),
        outputs: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(outputName).optional().describe('Names the task writes as name=value lines to $DAGLINE_OUTPUT.'),
        matrix: matrix.optional(),
        'max-parallel': zod__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr().min(1).optional().describe('At most this many matrix legs run at once.'),
        ...retrySettings,
        sla: duration.optional().describe('A run longer than this is recorded as an SLA miss; the task goes on.'),
        estimate: duration.optional().describe('Expected duration, used for the critical path.'),
        pool: poolName.optional().describe('A pool from `pools`: the task holds one of its slots while it runs.'),
        produces: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(extract).optional().describe('Files this task registers as extracts.'),
        consumes: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(consumedExtract)
            .optional()
            .describe('Extracts this task needs registered as ready (or, `external`, present).'),
        'runs-on': runsOn.optional(),
        environment: zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), url: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional() })], {
            error: 'expected an environment name, or a mapping with `name`',
        })
            .optional()
            .describe('A GitHub environment; its protection rules apply.'),
        'continue-on-error': zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().optional().describe('A failure of this task does not fail the run.'),
    })
        .describe('One task of the DAG.');
    const concurrency = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
            group: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).describe('Runs sharing a group do not overlap. May use ${{ params.* }}.'),
            'on-overlap': zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['fail', 'queue', 'skip', 'cancel-running']).optional().describe('Default: fail.'),
        }),
    ], { error: 'expected a group name, or a mapping with `group` and `on-overlap`' });
    const PipelineSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        $schema: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        name: named(PIPELINE_NAME, 'a pipeline name is lowercase letters, digits, - and _, starting with a letter or digit').describe('Unique in the repository.'),
        description: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        category: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('A free label to filter runs by.'),
        owner: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
        type: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('The kind of process (ProcessTracker process_type), e.g. ETL.'),
        tool: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional().describe('The tool it drives (ProcessTracker tool_name), e.g. bigquery.'),
        sources: oneOrMany(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), 'a source system').optional(),
        targets: oneOrMany(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), 'a target system').optional(),
        'max-consecutive-failures': zod__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr()
            .min(1)
            .optional()
            .describe('After this many failed runs in a row the pipeline is on hold.'),
        params: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(paramName, ParamSchema).optional(),
        schedule: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
            cron: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().describe('Five cron fields, in UTC.'),
            params: paramValues.optional(),
        }))
            .optional(),
        push: zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
            zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
            zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
                branches: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1))
                    .min(1)
                    .optional()
                    .describe('Only pushes to these branches (GitHub branch filters, e.g. main or release/**).'),
            }),
        ], { error: 'expected true, or a mapping with `branches`' })
            .optional()
            .describe('On GitHub, run when a push changes this pipeline file (`dagline compile`); true for any branch. Local runs ignore it.'),
        concurrency: concurrency.optional(),
        requires: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
            pipeline: named(PIPELINE_NAME, 'expected a pipeline name'),
            params: paramValues.optional(),
        }))
            .optional()
            .describe('Runs are refused until these pipelines have completed a run with these params.'),
        env: envMap.optional(),
        defaults: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
            ...retrySettings,
            shell: shell.optional(),
            'working-directory': zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
            'runs-on': runsOn.optional(),
        })
            .optional()
            .describe('Settings every task inherits unless it sets its own.'),
        pools: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(poolName, zod__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr().min(1))
            .optional()
            .describe('Named slots: at most N tasks hold a pool at once.'),
        stages: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(stageName, StageSchema).optional(),
        tasks: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(taskId, TaskSchema).describe('The tasks, by id.'),
    })
        .describe('A dagline pipeline: one file, one DAG of tasks.');
    return { PipelineSchema, TaskSchema, ParamSchema, StageSchema };
}
let schemas;
function pipelineSchemas() {
    return (schemas ??= buildSchemas());
}
/** The JSON Schema shipped for editors. */
function pipelineJsonSchema() {
    const schema = zod__WEBPACK_IMPORTED_MODULE_1__/* .toJSONSchema */ .bl(pipelineSchemas().PipelineSchema, {
        target: 'draft-7',
        io: 'input',
        unrepresentable: 'any',
    });
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


/***/ })

};
;