"use strict";
exports.id = 865;
exports.ids = [865];
exports.modules = {

/***/ 2865:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ZV: () => (/* binding */ compileWorkflow),
  Cf: () => (/* binding */ dispatchInputs),
  RB: () => (/* binding */ workflowPath)
});

// UNUSED EXPORTS: RUN_PERMISSIONS, TASK_PERMISSIONS, checkoutStep, downloadRecordsStep, jobMinutes, renderWorkflow, uploadStep

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: ./src/expressions/template.ts
var template = __webpack_require__(725);
// EXTERNAL MODULE: ./src/graph/dag.ts
var graph_dag = __webpack_require__(3148);
// EXTERNAL MODULE: ./src/pipeline-format/check-pipeline.ts + 1 modules
var check_pipeline = __webpack_require__(96);
// EXTERNAL MODULE: ./src/pipeline-format/model.ts
var model = __webpack_require__(4135);
// EXTERNAL MODULE: ./src/pipeline-format/load-pipeline.ts + 2 modules
var load_pipeline = __webpack_require__(6561);
// EXTERNAL MODULE: ./src/pipeline-format/param-values.ts
var param_values = __webpack_require__(7118);
// EXTERNAL MODULE: ./src/plan/expand-matrix.ts
var expand_matrix = __webpack_require__(3033);
// EXTERNAL MODULE: ./src/plan/resolve-params.ts
var resolve_params = __webpack_require__(3810);
// EXTERNAL MODULE: ./src/plan/render-templates.ts
var render_templates = __webpack_require__(9245);
;// CONCATENATED MODULE: ./src/compile/github-limits.ts
/**
 * GitHub's limits that shape a compiled workflow (SPEC section 4). Each is one constant, so that
 * when GitHub changes one, one line changes.
 */
/** Inputs a `workflow_dispatch` may declare (dagline's own inputs count too). */
const DISPATCH_INPUTS_LIMIT = 25;
/** Legs one matrix job may have: a static matrix past it is split into several jobs. */
const MATRIX_LEGS_LIMIT = 256;
/**
 * Minutes the compiled job of a task gets beyond the task's own time (every attempt and every
 * wait between them): the checkout, the action's start, the upload of the task's record. The task's
 * timeout is dagline's to enforce (as locally: its process group ended, retried, recorded); the
 * job's timeout only catches a job that hangs outside the task.
 */
const JOB_SETUP_MINUTES = 10;
/**
 * Bytes of outputs one job may give: GitHub's 1 MB a job, measured as GitHub measures it (UTF-16,
 * `outputsSize`), with a megabyte taken as a million bytes to stay on the safe side.
 */
const JOB_OUTPUTS_LIMIT = 1_000_000;
/**
 * Of the plan job's outputs in dynamic mode, the bytes its waves may take (one output a wave): the
 * rest is for its other outputs, the largest of which, the params, come from a workflow_dispatch
 * payload of at most 65,535 characters.
 */
const WAVE_OUTPUTS_LIMIT = JOB_OUTPUTS_LIMIT - 2 * 65_536 - 4_096;
/** The size GitHub counts for outputs: their text in UTF-16, two bytes a code unit. */
function outputsSize(values) {
    let size = 0;
    for (const value of values)
        size += 2 * value.length;
    return size;
}

// EXTERNAL MODULE: ./src/github/workflow-contract.ts
var workflow_contract = __webpack_require__(3145);
;// CONCATENATED MODULE: ./src/compile/pinned-actions.ts
/**
 * The actions a compiled workflow uses, each pinned by a full commit SHA (a tag can be moved to
 * other code; a commit cannot), with the version the SHA is, for the `# vX` comment beside it.
 * Pins change only by hand, after reading the action's release: update `sha` and `version`
 * together. The offline GitHub harness (test/github/harness.ts) reads its pins from this file, so
 * it emulates exactly these versions.
 */
const CHECKOUT = {
    uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8',
    version: 'v5.0.0',
};
const UPLOAD_ARTIFACT = {
    uses: 'actions/upload-artifact@330a01c490aca151604b8cf639adc76d48f6c5d4',
    version: 'v5.0.0',
};
const DOWNLOAD_ARTIFACT = {
    uses: 'actions/download-artifact@634f93cb2916e3fdff6788551b99b062d0335ce0',
    version: 'v5.0.0',
};
/**
 * dagline's own action (this repository's action.yml), as compiled workflows use it unless
 * `dagline compile --action OWNER/REPO@SHA` names another. The compiler and the action of one
 * release belong together (the compiled jobs give the inputs that action reads), so a release
 * sets this pin: tag the release commit `vX.Y.Z`, then set `uses` to `dagline/dagline@<that
 * commit's SHA>` and `version` to `vX.Y.Z` in a commit of its own (a commit cannot hold its own
 * SHA), rebuild dist/ and publish the package from that commit (docs/github.md, "Releasing").
 * Until the first release it names the commit of main the compiler was written against.
 */
const DAGLINE_ACTION = {
    uses: 'dagline/dagline@9aa144fc6784d8111f94fbd56bac680fc278e67e',
    version: 'unreleased',
};
/** `owner/repo@<40 lowercase hex>`, the only form of `uses:` a compiled workflow holds. */
const PINNED_USES = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+@[0-9a-f]{40}$/;

// EXTERNAL MODULE: ./node_modules/@actions/expressions/dist/index.js + 15 modules
var expressions_dist = __webpack_require__(3467);
// EXTERNAL MODULE: ./node_modules/@actions/expressions/dist/ast.js
var ast = __webpack_require__(2049);
// EXTERNAL MODULE: ./src/expressions/parse-expression.ts
var parse_expression = __webpack_require__(6819);
;// CONCATENATED MODULE: ./src/compile/translate-expression.ts




/** A reference or a function GitHub cannot be given here: the message says why, for a CompileError. */
class Untranslatable extends Error {
    hint;
    constructor(message, hint) {
        super(message);
        this.hint = hint;
    }
}
/** Operator precedence, GitHub's: `!`, then comparisons, equality, `&&`, `||`. */
const ATOM = 10;
function precedence(expr) {
    if (expr instanceof ast/* Unary */._c)
        return 9;
    if (expr instanceof ast/* Binary */.yI) {
        const operator = expr.operator.lexeme;
        return operator === '==' || operator === '!=' ? 6 : 7;
    }
    if (expr instanceof ast/* Logical */.oD)
        return expr.operator.lexeme === '&&' ? 5 : 4;
    return ATOM;
}
/** A dagline expression (already checked by the loader) as GitHub expression text. */
function translateExpression(source, scope, rewrites) {
    const outcome = (0,parse_expression/* parseExpression */.YK)(source, scope);
    if (!outcome.ok)
        throw new Untranslatable(outcome.message);
    return print(outcome.expression.ast, rewrites);
}
/**
 * A template string (`out/${{ matrix.period }}.csv`) with each expression translated; a value that
 * is one whole template stays one (so a boolean or a number keeps its type).
 */
function translateTemplate(text, scope, rewrites) {
    const split = (0,template/* splitTemplate */.LL)(text);
    if (!split.ok)
        throw new Untranslatable(split.message);
    return split.parts
        .map((part) => (part.kind === 'text' ? part.text : `\${{ ${translateExpression(part.source, scope, rewrites)} }}`))
        .join('');
}
/**
 * A template string as one GitHub expression: a literal when it holds no template, the one
 * expression when it is one whole template, else `format('text {0}', expr)`.
 */
function templateAsExpression(text, scope, rewrites) {
    const split = (0,template/* splitTemplate */.LL)(text);
    if (!split.ok)
        throw new Untranslatable(split.message);
    const parts = split.parts;
    if (parts.length === 0)
        return quote('');
    if (parts.length === 1 && parts[0].kind === 'text')
        return quote(parts[0].text);
    if (parts.length === 1 && parts[0].kind === 'expr')
        return translateExpression(parts[0].source, scope, rewrites);
    let pattern = '';
    const args = [];
    for (const part of parts) {
        if (part.kind === 'text')
            pattern += part.text.replace(/\{/g, '{{').replace(/\}/g, '}}');
        else {
            pattern += `{${args.length}}`;
            args.push(translateExpression(part.source, scope, rewrites));
        }
    }
    return `format(${[quote(pattern), ...args].join(', ')})`;
}
/** A string literal of GitHub's expression language. */
function quote(text) {
    return `'${text.replace(/'/g, "''")}'`;
}
/** `(text)` unless the text is one operand already (a name, a call, a literal, a group). */
function operand(text) {
    return isAtomic(text) ? text : `(${text})`;
}
function isAtomic(text) {
    const outcome = (0,parse_expression/* parseExpression */.YK)(text, ANY_CONTEXT);
    return outcome.ok && precedence(outcome.expression.ast) === ATOM && !(outcome.expression.ast instanceof ast/* Grouping */.aU);
}
/** Parsing for `operand` only: every name GitHub knows at job level, and the status functions. */
const ANY_CONTEXT = {
    contexts: ['params', 'env', 'matrix', 'needs', 'run', 'pipeline', 'github', 'inputs', 'vars', 'strategy'],
    statusFunctions: true,
};
/** Name segments GitHub's dot syntax takes as they are. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function printSegment(segment, rewrites) {
    switch (segment.kind) {
        case 'name':
            return PLAIN_NAME.test(segment.name) ? `.${segment.name}` : `[${quote(segment.name)}]`;
        case 'number':
            return `[${segment.lexeme}]`;
        case 'star':
            return '.*';
        case 'computed':
            return `[${print(segment.expr, rewrites)}]`;
    }
}
function accessOf(expr) {
    const segments = [];
    let e = expr;
    while (e instanceof ast/* IndexAccess */.p_) {
        const index = e.index;
        if (index instanceof ast/* Star */.FE)
            segments.push({ kind: 'star' });
        else if (index instanceof ast/* Literal */.uS && index.literal instanceof expressions_dist/* data.StringData */.p.uQ)
            segments.push({ kind: 'name', name: index.literal.coerceString() });
        else if (index instanceof ast/* Literal */.uS && index.literal instanceof expressions_dist/* data.NumberData */.p.Q9)
            segments.push({ kind: 'number', lexeme: index.token.lexeme });
        else
            segments.push({ kind: 'computed', expr: index });
        e = e.expr;
    }
    if (!(e instanceof ast/* ContextAccess */.QC))
        return undefined;
    return { root: e.name.lexeme.toLowerCase(), segments: segments.reverse() };
}
function print(expr, rewrites) {
    const access = accessOf(expr);
    if (access) {
        const { text, consumed } = rewrites.access(access);
        return (operand(text) +
            access.segments
                .slice(consumed)
                .map((s) => printSegment(s, rewrites))
                .join(''));
    }
    if (expr instanceof ast/* IndexAccess */.p_) {
        // An index into something that is not a context: fromJSON(x).y, (a || b)[0].
        const base = print(expr.expr, rewrites);
        const index = expr.index;
        const segment = index instanceof ast/* Star */.FE
            ? { kind: 'star' }
            : index instanceof ast/* Literal */.uS && index.literal instanceof expressions_dist/* data.StringData */.p.uQ
                ? { kind: 'name', name: index.literal.coerceString() }
                : { kind: 'computed', expr: index };
        return operand(base) + printSegment(segment, rewrites);
    }
    if (expr instanceof ast/* Literal */.uS)
        return literal(expr);
    if (expr instanceof ast/* Grouping */.aU)
        return `(${print(expr.group, rewrites)})`;
    if (expr instanceof ast/* Unary */._c)
        return `!${child(expr.expr, 9, rewrites)}`;
    if (expr instanceof ast/* Binary */.yI) {
        const own = precedence(expr);
        return `${child(expr.left, own, rewrites)} ${expr.operator.lexeme} ${child(expr.right, own + 1, rewrites)}`;
    }
    if (expr instanceof ast/* Logical */.oD) {
        const own = precedence(expr);
        return expr.args.map((arg) => child(arg, own, rewrites)).join(` ${expr.operator.lexeme} `);
    }
    if (expr instanceof ast/* FunctionCall */.R6) {
        const name = expr.functionName.lexeme;
        const lower = name.toLowerCase();
        if (['success', 'failure', 'cancelled', 'always'].includes(lower) && expr.args.length === 0) {
            if (!rewrites.statusFunction)
                throw new Untranslatable(`${name}() is only allowed in a task's if`);
            return operand(rewrites.statusFunction(lower));
        }
        return `${name}(${expr.args.map((arg) => print(arg, rewrites)).join(', ')})`;
    }
    throw new Untranslatable('an expression of a kind dagline does not know');
}
/** A child of an operator, in parentheses when it binds less tightly than `least`. */
function child(expr, least, rewrites) {
    const text = print(expr, rewrites);
    return precedence(expr) < least ? `(${text})` : text;
}
function literal(expr) {
    const value = expr.literal;
    if (value instanceof expressions_dist/* data.StringData */.p.uQ)
        return quote(value.coerceString());
    if (value instanceof expressions_dist/* data.NumberData */.p.Q9)
        return expr.token.lexeme;
    if (value instanceof expressions_dist/* data.BooleanData */.p.bo)
        return value.coerceString() === 'true' ? 'true' : 'false';
    return 'null';
}

;// CONCATENATED MODULE: ./src/compile/compile-workflow.ts















/** Where the compiled workflow of a pipeline goes, from the repository root. */
function workflowPath(pipelineName) {
    return `.github/workflows/${(0,workflow_contract/* workflowFileOf */.hr)(pipelineName)}`;
}
/** What `dynamic mode` means, for the errors that send a pipeline there. */
const DYNAMIC_MODE = 'run it in dynamic mode, where dagline decides at run time (docs/github.md)';
const PLAN_PARAMS = `needs.${workflow_contract/* PLAN_JOB */.eb}.outputs.params`;
const PLAN_RUN = `needs.${workflow_contract/* PLAN_JOB */.eb}.outputs.run`;
const RUN_KEY = `\${{ needs.${workflow_contract/* PLAN_JOB */.eb}.outputs.run-key }}`;
/** The token scopes of each kind of job: least privilege (docs/github.md, "Permissions"). */
const TASK_PERMISSIONS = { actions: 'read', contents: 'read' };
const RUN_PERMISSIONS = { actions: 'read', checks: 'write', contents: 'read' };
/** A `dispatch: true` task's job dispatches its pipeline's workflow (and reads its runs, its records). */
const DISPATCH_PERMISSIONS = { actions: 'write', contents: 'read' };
function compileWorkflow(input) {
    const compiler = new WorkflowCompiler(input);
    const workflow = compiler.workflow();
    if (compiler.errors.length > 0)
        return { ok: false, errors: (0,load_pipeline/* sortByPlace */.v)(compiler.errors) };
    return { ok: true, text: compiler.render(workflow) };
}
class WorkflowCompiler {
    input;
    errors = [];
    pipeline;
    action;
    /** Task id -> its job ids (several when a static matrix is split past GitHub's leg limit). */
    jobIds = new Map();
    legsOf = new Map();
    inputs;
    constructor(input) {
        this.input = input;
        this.pipeline = input.pipeline;
        this.action = actionPin(input.action);
        this.inputs = inputPlan(this.pipeline);
    }
    at(path, part = 'value') {
        return this.input.placeOf(path, part);
    }
    fail(message, path, hint, part = 'value') {
        this.errors.push(new dagline_error/* CompileError */.mQ(message, this.at(path, part), hint));
    }
    workflow() {
        this.assignJobIds();
        const jobs = { [workflow_contract/* PLAN_JOB */.eb]: this.planJob() };
        for (const task of this.pipeline.tasks.values()) {
            try {
                Object.assign(jobs, this.taskJobs(task));
            }
            catch (error) {
                if (!(error instanceof TaskFailure))
                    throw error;
                this.fail(error.message, error.path, error.hint);
            }
        }
        jobs[workflow_contract/* REPORT_JOB */.tx] = this.reportJob();
        const workflow = { name: `dagline / ${this.pipeline.name}`, on: this.triggers(), permissions: {} };
        const concurrency = this.concurrency();
        if (concurrency)
            workflow.concurrency = concurrency;
        workflow.jobs = jobs;
        return workflow;
    }
    render(workflow) {
        const header = [
            `# Generated by dagline from ${this.input.file}. Do not edit: change the pipeline and run`,
            `#   ${this.input.command}`,
            `# (\`${this.input.command} --check\` in CI fails when this file is out of date).`,
        ];
        return renderWorkflow(workflow, header, this.action);
    }
    // ---- triggers -----------------------------------------------------------------------------
    triggers() {
        const on = {};
        const dispatchInputs = {};
        const callInputs = {};
        for (const spec of this.inputs.direct) {
            dispatchInputs[spec.name] = dispatchInput(spec);
            callInputs[spec.name] = callInput(spec);
        }
        if (this.inputs.packed.length > 0) {
            const packed = {
                description: `Params past GitHub's ${DISPATCH_INPUTS_LIMIT} inputs, as a JSON object: ${this.inputs.packed.map((p) => p.name).join(', ')}`,
                type: 'string',
                required: false,
                default: '{}',
            };
            dispatchInputs[workflow_contract/* PARAMS_OVERFLOW_INPUT */.dc] = packed;
            callInputs[workflow_contract/* PARAMS_OVERFLOW_INPUT */.dc] = packed;
        }
        if (this.pipeline.maxConsecutiveFailures !== undefined)
            dispatchInputs[workflow_contract/* RELEASE_INPUT */.fv] = {
                description: `Lift the pipeline from on hold (after ${this.pipeline.maxConsecutiveFailures} failed runs in a row) and run it`,
                type: 'boolean',
                required: false,
                default: false,
            };
        callInputs[workflow_contract/* PARENT_INPUT */.Ct] = {
            description: 'Set by a calling dagline pipeline: its run and task. A workflow of your own that calls dagline pipelines more than once in a run gives each call its own (gh-<run id>--<job>); a single call may leave it out.',
            type: 'string',
            required: false,
            default: '',
        };
        on.workflow_dispatch = Object.keys(dispatchInputs).length > 0 ? { inputs: dispatchInputs } : null;
        on.workflow_call = { inputs: callInputs };
        const crons = this.schedules();
        if (crons.length > 0)
            on.schedule = crons.map((cron) => ({ cron }));
        if (this.pipeline.push) {
            this.runParams({}, ['push']);
            const push = {};
            if (this.pipeline.push.branches.length > 0)
                push.branches = [...this.pipeline.push.branches];
            push.paths = [this.input.file];
            on.push = push;
        }
        return on;
    }
    /** The crons, each once: a scheduled run on GitHub says only its cron, so two entries may not share one. */
    schedules() {
        const seen = new Map();
        this.pipeline.schedule.forEach((entry, i) => {
            const cron = normalCron(entry.cron);
            this.runParams(entry.params, ['schedule', i]);
            const first = seen.get(cron);
            if (first !== undefined)
                this.fail(`schedule[${i}] has the cron of schedule[${first}] ("${cron}"): on GitHub a scheduled run says only its cron, so its params would be ambiguous`, ['schedule', i, 'cron'], 'give one of them another minute');
            else
                seen.set(cron, i);
        });
        return [...seen.keys()];
    }
    // ---- concurrency --------------------------------------------------------------------------
    /**
     * The pipeline's overlap guard as GitHub's concurrency: `queue` waits (GitHub keeps one run
     * pending per group), `cancel-running` cancels the running one; `fail` and `skip` are the plan
     * job's to decide from the runs in progress, so GitHub must not hold the run back first.
     */
    concurrency() {
        const spec = this.pipeline.concurrency;
        if (!spec || spec.onOverlap === 'fail' || spec.onOverlap === 'skip')
            return undefined;
        let group;
        try {
            group = this.concurrencyGroup(spec.group);
        }
        catch (error) {
            if (!(error instanceof Untranslatable))
                throw error;
            this.fail(`concurrency.group: ${error.message}`, ['concurrency']);
            return undefined;
        }
        return spec.onOverlap === 'cancel-running' ? { group, 'cancel-in-progress': true } : { group };
    }
    /**
     * The group's name for each way a run starts: from the inputs when dispatched or called, from
     * the schedule's params for a scheduled run, from the defaults for a push. GitHub names groups
     * across the repository, so dagline's get a `dagline/` prefix: never empty, never another
     * workflow's.
     */
    concurrencyGroup(template) {
        const prefix = (text) => `dagline/${text}`;
        const inputs = {
            access: (access) => {
                if (access.root === 'params') {
                    const name = access.segments[0];
                    if (name?.kind !== 'name')
                        throw new Untranslatable('params must be read by name');
                    if (this.inputs.packed.some((p) => p.name === name.name))
                        throw new Untranslatable(`param "${name.name}" travels inside ${workflow_contract/* PARAMS_OVERFLOW_INPUT */.dc} (past GitHub's ${DISPATCH_INPUTS_LIMIT} inputs), which a group cannot read`);
                    return { text: 'inputs', consumed: 0 };
                }
                if (access.root === 'pipeline')
                    return pipelineAccess(this.pipeline, access);
                if (access.root === 'env') {
                    const name = access.segments[0];
                    if (name?.kind !== 'name')
                        throw new Untranslatable('env must be read by name');
                    // As a local run reads it: the pipeline's env value as written.
                    const value = this.pipeline.env[name.name];
                    return { text: value === undefined ? 'null' : quote(value), consumed: 1 };
                }
                throw new Untranslatable(`${access.root} cannot name a group on GitHub`);
            },
        };
        const fromInputs = templateAsExpression(template, check_pipeline/* SCOPES */.iW.concurrencyGroup, inputs);
        const constant = (params) => prefix((0,render_templates/* concurrencyGroupOf */.CD)(this.pipeline, params));
        if (!template.includes('${{'))
            return prefix(template);
        const branches = [
            `toJSON(inputs) != '{}' && toJSON(inputs) != 'null' && format('dagline/{0}', ${fromInputs})`,
        ];
        for (const entry of this.pipeline.schedule) {
            const params = this.runParams(entry.params);
            if (params)
                branches.push(`github.event.schedule == ${quote(normalCron(entry.cron))} && ${quote(constant(params))}`);
        }
        const defaults = this.runParams({});
        branches.push(quote(defaults ? constant(defaults) : prefix(this.pipeline.name)));
        return `\${{ ${branches.join(' || ')} }}`;
    }
    /** Params with their defaults, for runs GitHub starts without inputs (schedule, push); undefined if they do not resolve. */
    runParams(given, reportAt) {
        const plain = {};
        for (const [name, value] of Object.entries(given))
            if (value !== null)
                plain[name] = value;
        const resolved = (0,resolve_params/* resolveParams */.xg)(this.pipeline, plain, false);
        if (resolved.ok)
            return resolved.values;
        if (reportAt)
            for (const error of resolved.errors)
                this.fail(`${error.message}: a run GitHub starts this way has no inputs to give it`, reportAt, 'give the param a default');
        return undefined;
    }
    // ---- jobs ---------------------------------------------------------------------------------
    assignJobIds() {
        const taken = new Map([
            [workflow_contract/* PLAN_JOB */.eb, 'dagline'],
            [workflow_contract/* REPORT_JOB */.tx, 'dagline'],
        ]);
        for (const task of this.pipeline.tasks.values()) {
            const legs = this.staticLegs(task);
            if (legs)
                this.legsOf.set(task.id, legs);
            const parts = legs ? Math.max(1, Math.ceil(legs.length / MATRIX_LEGS_LIMIT)) : 1;
            const ids = parts === 1 ? [task.id] : Array.from({ length: parts }, (_, k) => `${task.id}--part-${k + 1}`);
            for (const id of ids) {
                const holder = taken.get(id.toLowerCase());
                if (holder !== undefined)
                    this.fail(`task "${task.id}" would be job "${id}", which ${holder === 'dagline' ? 'is the name of a job dagline adds' : `is task "${holder}"'s`}`, ['tasks', task.id], 'rename the task', 'key');
                taken.set(id.toLowerCase(), task.id);
            }
            this.jobIds.set(task.id, ids);
        }
    }
    /** The legs of a matrix whose axes are all written out; undefined for none or a dynamic one. */
    staticLegs(task) {
        if (!task.matrix || task.matrix.axes.some((axis) => !Array.isArray(axis.values)))
            return undefined;
        return (0,expand_matrix/* expandMatrix */.Eh)(task.matrix);
    }
    /** The tasks a task waits for directly: its needs and its stage's, stages as their tasks, in file order. */
    directNeeds(task) {
        const dag = (0,graph_dag/* dagOf */.mb)(this.pipeline);
        const node = dag.taskIndex.get(task.id);
        const found = new Set();
        for (const pred of dag.preds[node]) {
            if ((0,graph_dag/* isGate */.cE)(dag, pred))
                for (const member of dag.preds[pred])
                    found.add(member);
            else
                found.add(pred);
        }
        return [...found].sort((a, b) => a - b).map((n) => this.pipeline.tasks.get(dag.names[n]));
    }
    planJob() {
        return {
            name: 'dagline plan',
            'runs-on': runsOn(this.pipeline.runsOn),
            permissions: { ...RUN_PERMISSIONS },
            outputs: Object.fromEntries(workflow_contract/* PLAN_OUTPUTS */.lb.map((name) => [name, `\${{ steps.dagline.outputs.${name} }}`])),
            steps: [
                checkoutStep(),
                this.actionStep({
                    command: 'plan',
                    pipeline: this.input.file,
                    inputs: '${{ toJSON(inputs) }}',
                    schedule: '${{ github.event.schedule }}',
                    'github-token': '${{ github.token }}',
                }),
            ],
        };
    }
    reportJob() {
        const needs = [workflow_contract/* PLAN_JOB */.eb, ...[...this.pipeline.tasks.keys()].flatMap((id) => this.jobIds.get(id))];
        return {
            name: 'dagline report',
            needs,
            if: '${{ always() }}',
            'runs-on': runsOn(this.pipeline.runsOn),
            permissions: { ...RUN_PERMISSIONS },
            steps: [
                checkoutStep(),
                downloadRecordsStep(),
                this.actionStep({
                    command: 'report',
                    pipeline: this.input.file,
                    needs: '${{ toJSON(needs) }}',
                    'github-token': '${{ github.token }}',
                }),
                uploadStep('dagline-artifact', workflow_contract/* JOB_FOLDERS */.GV.runUpload),
            ],
        };
    }
    actionStep(withInputs) {
        return { id: 'dagline', uses: this.action.uses, with: withInputs };
    }
    /** The job (or jobs, for a matrix past GitHub's leg limit) of one task. */
    taskJobs(task) {
        const rewrites = new JobRewrites(this.pipeline, task, this.directNeeds(task), this.jobIds);
        const needs = [workflow_contract/* PLAN_JOB */.eb, ...this.directNeeds(task).flatMap((need) => this.jobIds.get(need.id))];
        const condition = this.jobCondition(task, rewrites);
        const jobs = {};
        const ids = this.jobIds.get(task.id);
        const legs = this.legsOf.get(task.id);
        ids.forEach((id, part) => {
            const job = { name: jobName(task) };
            job.needs = needs;
            job.if = condition;
            const strategy = this.strategy(task, rewrites, legs?.slice(part * MATRIX_LEGS_LIMIT, (part + 1) * MATRIX_LEGS_LIMIT));
            if (task.action.kind === 'pipeline' && !task.action.dispatch)
                Object.assign(job, this.callJob(task, rewrites, strategy, ids.length > 1 ? part : undefined));
            else
                Object.assign(job, this.runJob(task, rewrites, strategy));
            jobs[id] = job;
        });
        return jobs;
    }
    /**
     * The job's `if`: the plan said go, the stage's `if`, and the task's `if` with its implicit
     * `success() &&`, each status function saying what dagline's run rules mean by it
     * (src/plan/run-rules.ts): `success()` is "no run cancel and every direct need succeeded"
     * (GitHub's own looks at every ancestor), `failure()` and `cancelled()` are GitHub's, which
     * agree with dagline's. The expression always calls a status function, so GitHub adds no
     * `success()` of its own.
     */
    jobCondition(task, rewrites) {
        const parts = [`needs.${workflow_contract/* PLAN_JOB */.eb}.outputs.go == 'true'`];
        const stage = task.stage === undefined ? undefined : this.pipeline.stages.get(task.stage);
        if (stage?.if !== undefined && stage.if !== 'true') {
            if (stage.if === 'false')
                return '${{ false }}';
            const source = (0,template/* conditionSource */.Ts)(stage.if)?.source ?? stage.if;
            parts.push(operand(this.translateOrFail(source, check_pipeline/* SCOPES */.iW.stageIf, rewrites, ['stages', stage.name, 'if'], `stage "${stage.name}": if`)));
        }
        const text = task.if;
        if (text === 'false')
            return '${{ false }}';
        if (text === undefined || text === 'true')
            parts.push(rewrites.success());
        else {
            const source = (0,template/* conditionSource */.Ts)(text)?.source ?? text;
            rewrites.sawStatusFunction = false;
            const translated = this.translateOrFail(source, check_pipeline/* SCOPES */.iW.taskIf, rewrites, ['tasks', task.id, 'if'], 'if');
            if (!rewrites.sawStatusFunction)
                parts.push(rewrites.success());
            parts.push(operand(translated));
        }
        for (const axis of this.dynamicAxes(task, rewrites))
            // A matrix that comes to no legs skips its task in dagline; GitHub would fail the job.
            parts.push(`toJSON(${axis.expression}) != '[]'`);
        return `\${{ ${parts.join(' && ')} }}`;
    }
    translateOrFail(source, scope, rewrites, path, what) {
        try {
            return translateExpression(source, scope, rewrites);
        }
        catch (error) {
            if (error instanceof Untranslatable)
                throw new TaskFailure(`${what}: ${error.message}`, path, error.hint);
            throw error;
        }
    }
    dynamicAxes(task, rewrites) {
        const axes = [];
        for (const axis of task.matrix?.axes ?? []) {
            if (Array.isArray(axis.values))
                continue;
            const source = (0,template/* conditionSource */.Ts)(axis.values)?.source;
            const path = ['tasks', task.id, 'matrix', axis.name];
            if (source === undefined)
                throw new TaskFailure(`matrix.${axis.name}: a dynamic axis is one \${{ }} expression giving a list`, path);
            axes.push({
                name: axis.name,
                expression: this.translateOrFail(source, check_pipeline/* SCOPES */.iW.matrixAxis, rewrites, path, `matrix.${axis.name}`),
            });
        }
        return axes;
    }
    strategy(task, rewrites, legs) {
        if (!task.matrix)
            return undefined;
        let matrix;
        if (legs)
            matrix = { include: legs };
        else {
            matrix = {};
            const dynamic = new Map(this.dynamicAxes(task, rewrites).map((axis) => [axis.name, axis.expression]));
            for (const axis of task.matrix.axes)
                matrix[axis.name] = Array.isArray(axis.values) ? [...axis.values] : `\${{ ${dynamic.get(axis.name)} }}`;
            if (task.matrix.include.length > 0)
                matrix.include = task.matrix.include.map((entry) => ({ ...entry }));
            if (task.matrix.exclude.length > 0)
                matrix.exclude = task.matrix.exclude.map((entry) => ({ ...entry }));
        }
        const strategy = { matrix, 'fail-fast': false };
        const pool = task.pool === undefined ? undefined : this.pipeline.pools.get(task.pool);
        const maxParallel = Math.min(task.maxParallel ?? Infinity, pool ?? Infinity);
        if (maxParallel !== Infinity)
            strategy['max-parallel'] = maxParallel;
        return strategy;
    }
    runJob(task, rewrites, strategy) {
        const job = {};
        job['runs-on'] = runsOnValue(task.runsOn.map((label) => this.jobTemplate(label, rewrites, ['tasks', task.id, 'runs-on'])));
        if (task.environment) {
            const environment = {
                name: this.jobTemplate(task.environment.name, rewrites, ['tasks', task.id, 'environment']),
            };
            if (task.environment.url !== undefined)
                environment.url = this.jobTemplate(task.environment.url, rewrites, ['tasks', task.id, 'environment']);
            job.environment = environment;
        }
        const dispatch = task.action.kind === 'pipeline' && task.action.dispatch;
        job.permissions = { ...(dispatch ? DISPATCH_PERMISSIONS : TASK_PERMISSIONS) };
        job['timeout-minutes'] = jobMinutes(task);
        if (task.continueOnError)
            job['continue-on-error'] = true;
        if (strategy)
            job.strategy = strategy;
        if (!task.matrix && task.outputs.length > 0)
            job.outputs = Object.fromEntries(task.outputs.map((name) => [name, `\${{ steps.dagline.outputs.${name} }}`]));
        const withInputs = {
            command: dispatch ? 'dispatch' : 'run-task',
            pipeline: this.input.file,
            task: task.id,
        };
        if (task.matrix)
            withInputs.matrix = '${{ toJSON(matrix) }}';
        withInputs.params = `\${{ ${PLAN_PARAMS} }}`;
        withInputs.needs = '${{ toJSON(needs) }}';
        withInputs['github-token'] = '${{ github.token }}';
        job.steps = [
            checkoutStep(),
            downloadRecordsStep(),
            this.actionStep(withInputs),
            uploadStep('dagline-artifact', workflow_contract/* JOB_FOLDERS */.GV.taskUpload),
            uploadStep('dagline-extract-artifact', workflow_contract/* JOB_FOLDERS */.GV.extractUpload, { 'include-hidden-files': true }),
        ];
        return job;
    }
    /**
     * A `pipeline:` task: a call of the child pipeline's compiled workflow, its params as inputs
     * (with `dispatch: true`, a job like any task's whose action dispatches the child's workflow).
     */
    callJob(task, rewrites, strategy, part) {
        const action = task.action;
        const path = ['tasks', task.id, 'pipeline'];
        const child = this.input.children.get(action.path);
        if (!child)
            throw new TaskFailure(`pipeline ${action.path} was not loaded`, path);
        const childInputs = inputPlan(child);
        const withInputs = {};
        const packed = {};
        for (const [name, value] of Object.entries(action.with)) {
            const spec = child.params.get(name);
            if (!spec)
                continue; // checked by the loader
            const valuePath = ['tasks', task.id, 'with', name];
            let given;
            if (typeof value === 'string' && value.includes('${{')) {
                given = this.jobTemplate(value, rewrites, valuePath);
                if (childInputs.packed.includes(spec))
                    throw new TaskFailure(`with.${name}: pipeline "${child.name}" takes "${name}" inside ${workflow_contract/* PARAMS_OVERFLOW_INPUT */.dc} (past GitHub's ${DISPATCH_INPUTS_LIMIT} inputs), where a template cannot go`, valuePath);
            }
            else {
                const coerced = value === null ? { ok: true, value: null } : (0,param_values/* coerceParamValue */.A)(spec, value, false);
                given = coerced.ok ? coerced.value : value;
                // workflow_call has no choice type: a choice is given as text.
            }
            if (childInputs.packed.includes(spec))
                packed[name] = given;
            else
                withInputs[name] = given;
        }
        if (Object.keys(packed).length > 0)
            withInputs[workflow_contract/* PARAMS_OVERFLOW_INPUT */.dc] = JSON.stringify(packed);
        // The child's run key: each call its own (a leg of a matrix of calls by its index), so the
        // records of two calls never share an artifact name.
        const leg = strategy ? `--${part === undefined ? '' : `${part + 1}-`}\${{ strategy.job-index }}` : '';
        withInputs[workflow_contract/* PARENT_INPUT */.Ct] = `${RUN_KEY}--${task.id}${leg}`;
        const job = { permissions: { ...RUN_PERMISSIONS } };
        if (strategy)
            job.strategy = strategy;
        job.uses = `./${workflowPath(child.name)}`;
        job.with = withInputs;
        return job;
    }
    /** A value of a job's (runs-on, environment, with) with its templates translated. */
    jobTemplate(text, rewrites, path) {
        try {
            return translateTemplate(text, check_pipeline/* SCOPES */.iW.taskTemplate, rewrites);
        }
        catch (error) {
            if (error instanceof Untranslatable)
                throw new TaskFailure(error.message, path, error.hint);
            throw error;
        }
    }
}
/**
 * A workflow as YAML under its header, each pinned action with the release its SHA is as a
 * comment (`uses: a/b@<sha> # v5.0.0`).
 */
function renderWorkflow(workflow, header, action) {
    const body = (0,dist/* stringify */.As)(workflow, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, nullStr: '' });
    const versions = new Map([CHECKOUT, DOWNLOAD_ARTIFACT, UPLOAD_ARTIFACT, action].map((pin) => [pin.uses, pin.version]));
    const commented = body.replace(/^(\s*(?:- )?uses: )(\S+)$/gm, (line, lead, uses) => {
        const version = versions.get(uses);
        return version ? `${lead}${uses} # ${version}` : line;
    });
    return `${header.join('\n')}\n${commented}`;
}
/** An error that ends one task's compilation (the others go on, so every error is reported). */
class TaskFailure extends Error {
    path;
    hint;
    constructor(message, path, hint) {
        super(message);
        this.path = path;
        this.hint = hint;
    }
}
/**
 * What a task's expressions read, as a compiled job reads it: params and the run from the plan
 * job's outputs, the attempt from GitHub, the pipeline's name and env as written, needs as they
 * are (GitHub's needs context has the same result and outputs).
 */
class JobRewrites {
    pipeline;
    task;
    needs;
    jobIds;
    sawStatusFunction = false;
    constructor(pipeline, task, needs, jobIds) {
        this.pipeline = pipeline;
        this.task = task;
        this.needs = needs;
        this.jobIds = jobIds;
    }
    access(access) {
        const first = access.segments[0];
        const firstName = first?.kind === 'name' ? first.name : undefined;
        switch (access.root) {
            case 'params':
                return { text: `fromJSON(${PLAN_PARAMS})`, consumed: 0 };
            case 'pipeline':
                return pipelineAccess(this.pipeline, access);
            case 'run': {
                const key = firstName?.toLowerCase();
                if (key === 'attempt')
                    return { text: 'fromJSON(github.run_attempt)', consumed: 1 };
                if (key === 'id' || key === 'actor' || key === 'trigger')
                    return { text: `fromJSON(${PLAN_RUN}).${key}`, consumed: 1 };
                throw new Untranslatable('the run context is read by key on GitHub: run.id, run.attempt, run.actor, run.trigger');
            }
            case 'env': {
                if (firstName === undefined)
                    throw new Untranslatable('env is read by name in a compiled workflow: env.NAME');
                const value = this.pipeline.env[firstName];
                if (value === undefined)
                    return { text: 'null', consumed: 1 };
                return { text: operand(templateAsExpression(value, check_pipeline/* SCOPES */.iW.pipelineEnv, this)), consumed: 1 };
            }
            case 'matrix':
                return { text: 'matrix', consumed: 0 };
            case 'needs': {
                if (firstName === undefined)
                    throw new Untranslatable(`needs is read by task in a compiled workflow (needs.<id>); ${DYNAMIC_MODE}`);
                const need = this.needs.find((n) => n.id.toLowerCase() === firstName.toLowerCase());
                if (!need)
                    throw new Untranslatable(`needs.${firstName}: not a direct need of task "${this.task.id}"`);
                const second = access.segments[1];
                if (need.matrix && second?.kind === 'name' && second.name.toLowerCase() === 'legs')
                    throw new Untranslatable(`needs.${need.id}.legs: GitHub gives a job one result and one set of outputs per matrix job, not its legs'; ${DYNAMIC_MODE}`);
                const jobs = this.jobIds.get(need.id);
                if (jobs.length === 1)
                    return { text: `needs.${jobs[0]}`, consumed: 1 };
                if (second?.kind === 'name' && second.name.toLowerCase() === 'result')
                    return { text: combinedResult(jobs), consumed: 2 };
                throw new Untranslatable(`needs.${need.id}: task "${need.id}" runs as ${jobs.length} jobs (its matrix has more than ${MATRIX_LEGS_LIMIT} legs), so only its result can be read here; ${DYNAMIC_MODE}`);
            }
            default:
                throw new Untranslatable(`${access.root} cannot be read in a compiled workflow`);
        }
    }
    statusFunction(name) {
        this.sawStatusFunction = true;
        if (name === 'success')
            return this.success();
        return `${name}()`;
    }
    /**
     * dagline's `success()`: the run is not being cancelled and every direct need succeeded
     * (a need that failed with continue-on-error counts as a success, on GitHub too).
     */
    success() {
        const jobs = this.needs.flatMap((need) => this.jobIds.get(need.id));
        if (jobs.length === 0)
            return '!cancelled()';
        if (jobs.length <= 3)
            return ['!cancelled()', ...jobs.map((id) => `needs.${id}.result == 'success'`)].join(' && ');
        // Any number of needs in constant length: none of them ended otherwise (the plan job succeeded, or go is not 'true').
        return `!cancelled() && ${['failure', 'cancelled', 'skipped'].map((r) => `!contains(needs.*.result, '${r}')`).join(' && ')}`;
    }
}
/** A task split into several matrix jobs has one result, as one matrix job would: failure first, then cancelled. */
function combinedResult(jobs) {
    const any = (result) => jobs.map((id) => `needs.${id}.result == '${result}'`).join(' || ');
    return `((${any('failure')}) && 'failure' || (${any('cancelled')}) && 'cancelled' || needs.${jobs[0]}.result)`;
}
function pipelineAccess(pipeline, access) {
    const first = access.segments[0];
    if (first?.kind === 'name' && first.name.toLowerCase() === 'name')
        return { text: quote(pipeline.name), consumed: 1 };
    if (first === undefined)
        return { text: `fromJSON(${quote(JSON.stringify({ name: pipeline.name }))})`, consumed: 0 };
    return { text: 'null', consumed: access.segments.length };
}
/** The params the concurrency group reads (they get inputs of their own, so the group can read them). */
function readByConcurrencyGroup(pipeline) {
    const read = new Set();
    const group = pipeline.concurrency?.group;
    if (group === undefined)
        return read;
    const recorder = {
        access: (access) => {
            const name = access.segments[0];
            if (access.root === 'params' && name?.kind === 'name')
                read.add(name.name);
            return { text: 'null', consumed: access.segments.length };
        },
    };
    try {
        templateAsExpression(group, check_pipeline/* SCOPES */.iW.concurrencyGroup, recorder);
    }
    catch {
        // Reported when the group is compiled.
    }
    return read;
}
/**
 * The inputs of a workflow_dispatch of the pipeline's compiled workflow for these params, as text
 * (as GitHub's REST API takes them): a param with an input of its own under its name, the others
 * as one JSON object in `dagline-params`, and `dagline-release` when the dispatch lifts on hold.
 * A null (an optional param without a default) is left out, as an input left empty.
 */
function dispatchInputs(pipeline, params, options = {}) {
    const plan = inputPlan(pipeline);
    const inputs = {};
    const packed = {};
    for (const spec of plan.direct) {
        const value = params[spec.name];
        if (value !== null && value !== undefined)
            inputs[spec.name] = String(value);
    }
    for (const spec of plan.packed) {
        const value = params[spec.name];
        if (value !== null && value !== undefined)
            packed[spec.name] = value;
    }
    if (Object.keys(packed).length > 0)
        inputs[workflow_contract/* PARAMS_OVERFLOW_INPUT */.dc] = JSON.stringify(packed);
    if (options.release)
        inputs[workflow_contract/* RELEASE_INPUT */.fv] = 'true';
    return inputs;
}
/**
 * The params that get inputs of their own, and the rest, packed in `dagline-params`. A param the
 * concurrency group reads is never packed: the group is named before any job runs.
 */
function inputPlan(pipeline) {
    const readFirst = readByConcurrencyGroup(pipeline);
    const params = [...pipeline.params.values()];
    const ours = pipeline.maxConsecutiveFailures !== undefined ? 1 : 0;
    if (params.length + ours <= DISPATCH_INPUTS_LIMIT)
        return { direct: params, packed: [] };
    const room = DISPATCH_INPUTS_LIMIT - ours - 1;
    const ordered = [...params.filter((p) => readFirst.has(p.name)), ...params.filter((p) => !readFirst.has(p.name))];
    const direct = new Set(ordered.slice(0, room));
    return { direct: params.filter((p) => direct.has(p)), packed: params.filter((p) => !direct.has(p)) };
}
function dispatchInput(spec) {
    const input = {};
    if (spec.description !== undefined)
        input.description = spec.description;
    input.type = spec.type;
    if (spec.type === 'choice')
        input.options = [...(spec.options ?? [])];
    input.required = spec.required;
    if (spec.default !== undefined && spec.default !== null)
        input.default = spec.default;
    return input;
}
/** workflow_call has no choice type: a choice is a string there, checked by the plan job. */
function callInput(spec) {
    const input = {};
    if (spec.description !== undefined)
        input.description = spec.description;
    input.type = spec.type === 'choice' ? 'string' : spec.type;
    input.required = spec.required && spec.default === undefined;
    if (spec.default !== undefined && spec.default !== null)
        input.default = spec.default;
    return input;
}
function actionPin(given) {
    if (given === undefined || given === DAGLINE_ACTION.uses)
        return DAGLINE_ACTION;
    if (!PINNED_USES.test(given))
        throw new dagline_error/* UsageError */.eb(`--action ${JSON.stringify(given)} is not OWNER/REPO@SHA with a full 40-character commit SHA`, {}, 'a tag or a branch can be moved to other code; a commit cannot');
    return { uses: given, version: 'given with --action' };
}
function checkoutStep() {
    return { uses: CHECKOUT.uses, with: { 'persist-credentials': false } };
}
/**
 * The records of the run's tasks so far, for run-task (its needs' outputs, a matrix need's legs)
 * and report: one download through the runner's artifact service, no REST request.
 */
function downloadRecordsStep() {
    return {
        uses: DOWNLOAD_ARTIFACT.uses,
        with: { pattern: (0,workflow_contract/* taskArtifactPattern */.on)(RUN_KEY), path: `\${{ runner.temp }}/${workflow_contract/* JOB_FOLDERS */.GV.records}` },
    };
}
/** The upload of what the dagline step left in `folder` under the name it gave (none: nothing to upload). */
function uploadStep(output, folder, extra = {}) {
    return {
        if: `\${{ always() && steps.dagline.outputs.${output} != '' }}`,
        uses: UPLOAD_ARTIFACT.uses,
        with: { name: `\${{ steps.dagline.outputs.${output} }}`, path: `\${{ runner.temp }}/${folder}`, ...extra },
    };
}
/** A cron as GitHub gives it back in github.event.schedule: fields separated by one space. */
function normalCron(cron) {
    return cron.trim().split(/\s+/).join(' ');
}
function runsOn(labels) {
    return labels.length === 1 ? labels[0] : [...labels];
}
function runsOnValue(labels) {
    return runsOn(labels);
}
/** A job's display name: the task's name, or its id; never an expression GitHub would evaluate. */
function jobName(task) {
    const name = task.name ?? task.id;
    return name.includes('${{') ? `\${{ ${quote(name)} }}` : name;
}
/** Every attempt of the task, the waits between them, and the job's own setup, in minutes. */
function jobMinutes(task) {
    let ms = task.timeoutMs * (task.retry.retries + 1);
    for (let n = 1; n <= task.retry.retries; n++)
        ms += (0,model/* retryDelay */.a2)(task, n);
    return Math.ceil(ms / 60_000) + JOB_SETUP_MINUTES;
}


/***/ }),

/***/ 1016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O4: () => (/* binding */ evaluateExpression),
/* harmony export */   yq: () => (/* binding */ valueToText),
/* harmony export */   zz: () => (/* binding */ isTruthy)
/* harmony export */ });
/* unused harmony exports toExpressionData, fromExpressionData */
/* harmony import */ var _actions_expressions__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3467);
/* harmony import */ var _actions_expressions_funcs_fromjson__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43);


/**
 * Evaluates a parsed expression with GitHub's own evaluator. `context` maps
 * context names (params, env, ...) to plain values; status functions answer
 * from `status` when given.
 */
function evaluateExpression(expression, context, status) {
    const dictionary = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Dictionary */ .p.bT();
    for (const [name, value] of Object.entries(context)) {
        if (value !== undefined)
            dictionary.add(name, convertedOnce(value));
    }
    let functions = OWN_FUNCTIONS;
    if (status) {
        functions = new Map(OWN_FUNCTIONS);
        for (const [name, result] of Object.entries(status)) {
            functions.set(name, { name, minArgs: 0, maxArgs: 0, call: () => new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.BooleanData */ .p.bo(result) });
        }
    }
    return fromExpressionData(new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .Evaluator */ .oi(expression.ast, dictionary, functions).evaluate());
}
/**
 * GitHub's fromJSON, whose error ("Error parsing JSON when evaluating fromJson") says neither what
 * it was given nor where it broke: usually a task's output, which the user then has to go and find.
 */
const fromJsonSayingWhy = {
    ..._actions_expressions_funcs_fromjson__WEBPACK_IMPORTED_MODULE_1__/* .fromjson */ .P,
    call: (...args) => {
        try {
            return _actions_expressions_funcs_fromjson__WEBPACK_IMPORTED_MODULE_1__/* .fromjson */ .P.call(...args);
        }
        catch (error) {
            const given = args[0]?.coerceString() ?? '';
            const cause = error.cause;
            // V8 quotes the text again in some of its messages ('Unexpected token..., "[a" is not valid JSON'): once is enough.
            const why = (cause instanceof Error ? cause.message : error.message).replace(/, ".*" is not valid JSON$/s, '');
            throw new Error(`fromJSON cannot read ${JSON.stringify(given.length > 80 ? `${given.slice(0, 80)}...` : given)}: ${why}`);
        }
    },
};
/** Functions evaluated here, by lower-case name (as the evaluator looks them up), before GitHub's own. */
const OWN_FUNCTIONS = new Map([['fromjson', fromJsonSayingWhy]]);
/** GitHub's truthiness: false, 0, -0, NaN, '' and null are false. */
function isTruthy(value) {
    if (value === null || value === false || value === '')
        return false;
    if (typeof value === 'number')
        return value !== 0 && !Number.isNaN(value);
    return true;
}
/**
 * How a value reads when put into text: strings as they are, numbers and
 * booleans as GitHub writes them, null as nothing, lists and mappings as JSON
 * (more use than GitHub's "Array" / "Object").
 */
function valueToText(value) {
    if (value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return JSON.stringify(value);
}
/**
 * Contexts are shared across many evaluations (a plan evaluates params and
 * env for every task): convert each object once. Values are never changed
 * after they are put in a context, so the cache cannot go stale.
 */
const converted = new WeakMap();
function convertedOnce(value) {
    if (value === null || typeof value !== 'object')
        return toExpressionData(value);
    let result = converted.get(value);
    if (!result)
        converted.set(value, (result = toExpressionData(value)));
    return result;
}
function toExpressionData(value) {
    if (value === null || value === undefined)
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Null */ .p.Uv();
    if (typeof value === 'string')
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.StringData */ .p.uQ(value);
    if (typeof value === 'number')
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.NumberData */ .p.Q9(value);
    if (typeof value === 'boolean')
        return new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.BooleanData */ .p.bo(value);
    if (Array.isArray(value)) {
        const array = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Array */ .p.O3();
        for (const item of value)
            array.add(toExpressionData(item));
        return array;
    }
    const dictionary = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Dictionary */ .p.bT();
    for (const [key, item] of Object.entries(value))
        dictionary.add(key, toExpressionData(item));
    return dictionary;
}
function fromExpressionData(value) {
    if (value instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.StringData */ .p.uQ)
        return value.value;
    if (value instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.NumberData */ .p.Q9)
        return value.value;
    if (value instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.BooleanData */ .p.bo)
        return value.value;
    if (value instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Array */ .p.O3)
        return value.values().map(fromExpressionData);
    if (value instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.Dictionary */ .p.bT) {
        const out = {};
        for (const pair of value.pairs())
            out[pair.key] = fromExpressionData(pair.value);
        return out;
    }
    return null;
}


/***/ }),

/***/ 3145:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ct: () => (/* binding */ PARENT_INPUT),
/* harmony export */   GV: () => (/* binding */ JOB_FOLDERS),
/* harmony export */   IS: () => (/* binding */ githubRunId),
/* harmony export */   dc: () => (/* binding */ PARAMS_OVERFLOW_INPUT),
/* harmony export */   eb: () => (/* binding */ PLAN_JOB),
/* harmony export */   fv: () => (/* binding */ RELEASE_INPUT),
/* harmony export */   hr: () => (/* binding */ workflowFileOf),
/* harmony export */   lb: () => (/* binding */ PLAN_OUTPUTS),
/* harmony export */   nc: () => (/* binding */ runArtifactName),
/* harmony export */   on: () => (/* binding */ taskArtifactPattern),
/* harmony export */   tx: () => (/* binding */ REPORT_JOB)
/* harmony export */ });
/* unused harmony exports OWN_OUTPUT_PREFIX, runKey, legKey, taskArtifactName, extractArtifactName, waveOutput, LAYOUT_OUTPUT, layoutDigest, waveJobId */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * What the compiled workflow and the action agree on (GITHUB-DESIGN.md): the names of dagline's
 * own jobs and inputs, the artifact names (unique within a run, across attempts) and the folders
 * under the runner's temp folder that the artifact steps and the action share. Pure: the compiler
 * and the action both import it, so the two cannot drift apart.
 */


/** The job that registers the run (params, the guards, the check run). */
const PLAN_JOB = 'dagline-plan';
/** The job that gathers the run record, writes the summary and completes the check run. */
const REPORT_JOB = 'dagline-report';
/** The file name of a pipeline's compiled workflow, in `.github/workflows/`: where its runs are found. */
function workflowFileOf(pipeline) {
    return `dagline-${pipeline}.yml`;
}
/** The workflow_dispatch input holding, as one JSON object, the params past GitHub's input limit. */
const PARAMS_OVERFLOW_INPUT = 'dagline-params';
/** The workflow_dispatch input that lifts a pipeline from on hold and runs it. */
const RELEASE_INPUT = 'dagline-release';
/** The workflow_call input a calling pipeline's job gives: the run key of the run it starts (its own run key, `--`, the task). */
const PARENT_INPUT = 'dagline-parent';
/** The plan job's outputs, which every other job reads through `needs.dagline-plan.outputs`. */
const PLAN_OUTPUTS = ['go', 'params', 'run', 'check-run-id', 'run-key', 'refusal'];
/** A step output of run-task and report that a task's own output could not be named: dagline's own start so. */
const OWN_OUTPUT_PREFIX = 'dagline-';
/** Folders below `${{ runner.temp }}` (RUNNER_TEMP): where downloads land and uploads are taken from. */
const JOB_FOLDERS = {
    /** Every `dagline-task--*` artifact, downloaded by the step before run-task and report. */
    records: 'dagline/records',
    /** run-task's record of its task or leg: task.json and log.txt. */
    taskUpload: 'dagline/upload/task',
    /** run-task's extracts: extracts.json and files/<path>. */
    extractUpload: 'dagline/upload/extract',
    /** report's run record, as a state folder (runs/<id>/...). */
    runUpload: 'dagline/upload/run',
};
/** The characters an artifact name may not hold (@actions/artifact refuses them), and the separator `--`. */
const NOT_IN_NAME = /["<>|*?\r\n\\/:]/;
/** The run id dagline gives a workflow run: its attempts are of the same run. */
function githubRunId(workflowRunId) {
    return `gh-${workflowRunId}`;
}
/**
 * What tells a pipeline run apart within a workflow run (a called pipeline shares its caller's
 * workflow run): `gh-<run_id>` for a run of its own, the caller's `dagline-parent` for a called
 * one. It is the run's id in its record, and it names the run's artifacts.
 */
function runKey(workflowRunId, parent) {
    return parent ? parent : githubRunId(workflowRunId);
}
/**
 * A leg's key in artifact names: `-` for a task without a matrix, else a short stable hash of its
 * matrix values (any text may be in them; the name must hold none of the refused characters).
 */
function legKey(matrix) {
    const identity = legIdentity(matrix);
    return identity === 'null' ? '-' : createHash('sha256').update(identity).digest('hex').slice(0, 12);
}
function taskArtifactName(key, task, leg, attempt) {
    return checked(`dagline-task--${key}--${task}--${leg}--a${attempt}`);
}
function extractArtifactName(key, task, leg, attempt) {
    return checked(`dagline-extract--${key}--${task}--${leg}--a${attempt}`);
}
function runArtifactName(key, attempt) {
    return checked(`dagline-run--${key}--a${attempt}`);
}
/**
 * The pattern the download step before run-task and report gives, with the run key from the plan
 * job: `dagline-task--${{ needs.dagline-plan.outputs.run-key }}--*`. It may match a called
 * pipeline's records too (its key starts with its caller's): each record says whose it is.
 */
function taskArtifactPattern(key) {
    return `dagline-task--${key}--*`;
}
function checked(name) {
    if (NOT_IN_NAME.test(name))
        throw new Error(`internal error: artifact name ${JSON.stringify(name)}`);
    return name;
}
/**
 * Dynamic mode (`.github/workflows/run.yml`, docs/github.md): the plan job's output holding wave
 * slot `slot`'s job (from 1) as JSON (`WaveSlot`), empty when the run has no such wave. One output
 * a wave, so that each wave job is given its own matrix and nothing else.
 */
function waveOutput(slot) {
    return `wave-${slot}`;
}
/**
 * Dynamic mode: the plan job's output that names its layout (`layoutDigest`). run-task and report
 * lay the run out again from the same pipeline, params and run (the layout is a pure function of
 * them), where the plan's outputs would not fit in what a step is given, and check it against this.
 */
const LAYOUT_OUTPUT = 'layout';
/** A layout's name: a digest of its slots, as the plan job gives it and run-task and report check it. */
function layoutDigest(slots) {
    return createHash('sha256').update(JSON.stringify(slots)).digest('hex').slice(0, 32);
}
/** The job of wave slot `slot` (from 1) in dynamic mode. */
function waveJobId(slot) {
    return `dagline-wave-${slot}`;
}


/***/ }),

/***/ 9245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ renderValue),
/* harmony export */   CD: () => (/* binding */ concurrencyGroupOf),
/* harmony export */   S5: () => (/* binding */ renderText),
/* harmony export */   n3: () => (/* binding */ evaluatedTemplates),
/* harmony export */   y9: () => (/* binding */ renderScript)
/* harmony export */ });
/* unused harmony export evaluatePart */
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1194);
/* harmony import */ var _expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1016);
/* harmony import */ var _expressions_parse_expression_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6819);
/* harmony import */ var _expressions_template_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(725);
/* harmony import */ var _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96);
/* harmony import */ var _shell_template_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8295);






/** The value of one template, or undefined when it reads something not known yet. */
function evaluatePart(part, context, scope = _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .SCOPES */ .iW.taskTemplate) {
    const parsed = (0,_expressions_parse_expression_js__WEBPACK_IMPORTED_MODULE_2__/* .parseExpression */ .YK)(part.source, scope);
    if (!parsed.ok)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: ${part.raw}: ${parsed.message}`, { file: context.file }, parsed.hint);
    if (!parsed.expression.references.every((r) => context.known(r)))
        return undefined;
    try {
        return (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .evaluateExpression */ .O4)(parsed.expression, context.values);
    }
    catch (error) {
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: ${part.raw} failed: ${error instanceof Error ? error.message : String(error)}`, { file: context.file });
    }
}
/** Text with each template replaced by its value as text (env values, `with:`, paths, argv). */
function renderText(text, context, scope) {
    if (!(0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .hasTemplate */ .rJ)(text))
        return text;
    const split = (0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .splitTemplate */ .LL)(text);
    if (!split.ok)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: ${split.message}`, { file: context.file });
    let out = '';
    for (const part of split.parts) {
        if (part.kind === 'text')
            out += part.text;
        else {
            const value = evaluatePart(part, context, scope);
            const text = value === undefined ? part.raw : (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .valueToText */ .yq)(value);
            // Text becomes an argument, an environment value or a path, none of which can carry a NUL:
            // said now, at the template, rather than by the process that cannot start.
            if (text.includes('\0'))
                throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: the value of ${part.raw} holds a NUL character, which no command, argument or environment variable can carry`, { file: context.file });
            out += text;
        }
    }
    return out;
}
/**
 * The run's concurrency group, its template rendered with the run's params (none: the pipeline has
 * no `concurrency`). One rendering for a local run, the plan job on GitHub and the compiled
 * workflow's constant groups, so all name a run's group alike.
 */
function concurrencyGroupOf(pipeline, params) {
    if (!pipeline.concurrency)
        return undefined;
    return renderText(pipeline.concurrency.group, {
        values: { params, pipeline: { name: pipeline.name }, env: pipeline.env },
        known: () => true,
        where: 'concurrency.group',
        file: pipeline.file,
    }, _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .SCOPES */ .iW.concurrencyGroup);
}
/**
 * A whole-value template keeps its type (`${{ fromJSON(x) }}` gives a list);
 * anything else is text. Used for matrix axes and `with:` values.
 */
function renderValue(text, context, scope) {
    const split = (0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .splitTemplate */ .LL)(text.trim());
    if (split.ok && split.parts.length === 1 && split.parts[0]?.kind === 'expr')
        return evaluatePart(split.parts[0], context, scope);
    return renderText(text, context, scope);
}
/**
 * A `run` script with every known value quoted for where it stands
 * (shell-template.ts). A value that cannot stand where it is (a non-integer
 * in arithmetic, a line that would end a heredoc) is a data error at the
 * place of its template; `placeOf` finds it in the file (`occurrence`: which
 * appearance of the same template text in the script).
 */
function renderScript(script, shell, context, placeOf) {
    if (!(0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .hasTemplate */ .rJ)(script) || (shell !== 'bash' && shell !== 'sh'))
        return script;
    const template = (0,_shell_template_js__WEBPACK_IMPORTED_MODULE_4__/* .analyzeShellTemplate */ .TJ)(script, shell);
    if ('error' in template)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: ${template.error}`, { file: context.file });
    if ('syntaxError' in template)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: run: ${template.syntaxError}`, { file: context.file });
    try {
        return (0,_shell_template_js__WEBPACK_IMPORTED_MODULE_4__/* .renderShellTemplate */ .Nz)(template, (part) => {
            const value = evaluatePart(part, context);
            return value === undefined ? undefined : (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .valueToText */ .yq)(value);
        });
    }
    catch (error) {
        if (error instanceof _shell_template_js__WEBPACK_IMPORTED_MODULE_4__/* .UnsafeValueError */ .ml) {
            const occurrence = template.parts
                .slice(0, template.parts.indexOf(error.part))
                .filter((p) => p.kind === 'expr' && p.raw === error.part.raw).length;
            const place = placeOf?.(error.part.raw, occurrence) ?? { file: context.file };
            throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: ${error.message}`, place, 'check the value before it reaches the script, or pass it through env: and check it there');
        }
        throw error;
    }
}
/**
 * The templates of a `run` script that the shell would evaluate again, each
 * with where it stands: a plan shows them as checked, not as quoted words.
 */
function evaluatedTemplates(script, shell) {
    if (!(0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .hasTemplate */ .rJ)(script) || (shell !== 'bash' && shell !== 'sh'))
        return [];
    const template = (0,_shell_template_js__WEBPACK_IMPORTED_MODULE_4__/* .analyzeShellTemplate */ .TJ)(script, shell);
    if (!('slots' in template))
        return [];
    const exprs = template.parts.filter((p) => p.kind === 'expr');
    return template.slots.flatMap((slot, i) => slot.evaluated ? [{ raw: exprs[i].raw, where: slot.evaluated }] : []);
}


/***/ })

};
;