"use strict";
exports.id = 754;
exports.ids = [754];
exports.modules = {

/***/ 1754:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actorName: () => (/* binding */ actorName),
/* harmony export */   planFromFlags: () => (/* binding */ planFromFlags),
/* harmony export */   renderPlan: () => (/* binding */ renderPlan)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _plan_plan_pipeline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9715);
/* harmony import */ var _plan_resolve_params_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3810);
/* harmony import */ var _render_plan_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6349);
/* harmony import */ var _load_one_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8264);
/* harmony import */ var _render_printable_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8359);






/** Params from flags, checked; the selection; the plan. Errors are printed and end the command. */
function planFromFlags(pipeline, flags, io, placeOfParam) {
    const params = (0,_plan_resolve_params_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveParams */ .xg)(pipeline, (0,_plan_resolve_params_js__WEBPACK_IMPORTED_MODULE_2__/* .parseParamFlags */ .sh)(flags.param), true, placeOfParam);
    if (!params.ok)
        (0,_load_one_js__WEBPACK_IMPORTED_MODULE_4__.reportErrors)(params.errors, io);
    const plan = (0,_plan_plan_pipeline_js__WEBPACK_IMPORTED_MODULE_1__/* .planPipeline */ .aw)(pipeline, {
        params: params.values,
        selection: { only: flags.only, from: flags.from },
        run: { actor: actorName(io.env), trigger: 'manual' },
    });
    if (plan.problems)
        (0,_load_one_js__WEBPACK_IMPORTED_MODULE_4__.reportErrors)(plan.problems, io);
    return plan;
}
function renderPlan(plan, format) {
    if (format === 'json')
        return (0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printableJson */ .et)({ ...plan, summary: (0,_plan_plan_pipeline_js__WEBPACK_IMPORTED_MODULE_1__/* .summarizePlan */ .PN)(plan) });
    return (0,_render_plan_text_js__WEBPACK_IMPORTED_MODULE_3__/* .planToText */ .G)(plan);
}
/** Who starts a run: DAGLINE_ACTOR, then GitHub's actor, then the login name. */
function actorName(env) {
    const named = env.DAGLINE_ACTOR ?? env.GITHUB_ACTOR ?? env.USER ?? env.USERNAME;
    if (named)
        return named;
    try {
        return (0,node_os__WEBPACK_IMPORTED_MODULE_0__.userInfo)().username;
    }
    catch {
        return 'unknown';
    }
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

/***/ 5984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jp: () => (/* binding */ longestPaths),
/* harmony export */   vC: () => (/* binding */ criticalPath)
/* harmony export */ });
/* unused harmony export pathTo */
/* harmony import */ var _dag_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3148);

/**
 * The heaviest path to every node, in one pass over a topological order.
 * Gates weigh nothing; a task weighs `taskWeight(node)`, and counts toward
 * `length` when `counts(node)` holds. Waves use weight 1 per running task;
 * the critical path uses estimated durations.
 */
function longestPaths(dag, order, taskWeight, counts = () => true) {
    const size = dag.names.length;
    const weight = new Array(size).fill(0);
    const length = new Array(size).fill(0);
    const via = new Array(size).fill(-1);
    for (const node of order) {
        let bestWeight = 0;
        let bestLength = 0;
        let best = -1;
        for (const p of dag.preds[node]) {
            const w = weight[p];
            const l = length[p];
            if (w > bestWeight || (w === bestWeight && l > bestLength) || (best === -1 && (w > 0 || l > 0))) {
                bestWeight = w;
                bestLength = l;
                best = p;
            }
        }
        const own = (0,_dag_js__WEBPACK_IMPORTED_MODULE_0__/* .isGate */ .cE)(dag, node) ? 0 : taskWeight(node);
        weight[node] = bestWeight + own;
        length[node] = bestLength + (!(0,_dag_js__WEBPACK_IMPORTED_MODULE_0__/* .isGate */ .cE)(dag, node) && counts(node) ? 1 : 0);
        via[node] = best;
    }
    return { weight, length, via };
}
/** The task nodes along the path ending at `end`, first to last (gates left out). */
function pathTo(dag, paths, end) {
    const path = [];
    for (let node = end; node !== -1; node = paths.via[node]) {
        if (!(0,_dag_js__WEBPACK_IMPORTED_MODULE_0__/* .isGate */ .cE)(dag, node))
            path.unshift(node);
    }
    return path;
}
/**
 * The critical path: the heaviest chain of tasks (ties: the one with more tasks), first to last.
 * `estimateOf` gives a task node's expected duration; when no task has one, every task weighs 1
 * and the path is the longest chain. Only `included` task nodes weigh and count.
 */
function criticalPath(dag, order, estimateOf, included = () => true) {
    let estimated = false;
    for (let node = 0; node < dag.taskCount; node++)
        if (estimateOf(node) !== undefined)
            estimated = true;
    const paths = longestPaths(dag, order, (node) => (!included(node) ? 0 : estimated ? (estimateOf(node) ?? 0) : 1), included);
    let end = -1;
    for (let node = 0; node < dag.taskCount; node++) {
        if (!included(node))
            continue;
        const weight = paths.weight[node];
        const endWeight = end === -1 ? 0 : paths.weight[end];
        if (end === -1 ||
            weight > endWeight ||
            (weight === endWeight && paths.length[node] > paths.length[end]))
            end = node;
    }
    if (end === -1)
        return { nodes: [] };
    const nodes = pathTo(dag, paths, end).filter(included);
    return estimated ? { nodes, estimateMs: nodes.reduce((sum, node) => sum + (estimateOf(node) ?? 0), 0) } : { nodes };
}


/***/ }),

/***/ 6934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ selectTasks)
/* harmony export */ });
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1194);
/* harmony import */ var _errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8144);
/* harmony import */ var _dag_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3148);



/** The selected task nodes, or undefined when nothing narrows the run. */
function selectTasks(dag, selection) {
    const selectors = [...(selection.only ?? []), ...(selection.from ?? []).map((s) => (s.endsWith('+') ? s : `${s}+`))];
    if (selectors.length === 0)
        return undefined;
    const selected = new Set();
    for (const raw of selectors) {
        const upstream = raw.startsWith('+');
        const downstream = raw.endsWith('+') && raw.length > 1;
        const name = raw.slice(upstream ? 1 : 0, downstream ? -1 : undefined);
        const seeds = seedNodes(dag, name);
        for (const seed of seeds) {
            selected.add(seed);
            if (upstream)
                walk(dag.preds, seed, selected);
            if (downstream)
                walk(dag.succs, seed, selected);
        }
    }
    for (const node of [...selected])
        if ((0,_dag_js__WEBPACK_IMPORTED_MODULE_2__/* .isGate */ .cE)(dag, node))
            selected.delete(node);
    return selected;
}
function seedNodes(dag, name) {
    const task = dag.taskIndex.get(name);
    if (task !== undefined)
        return [task];
    const gate = dag.gateIndex.get(name);
    if (gate !== undefined)
        return dag.preds[gate];
    throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`no task or stage "${name}" to select`, {}, (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__/* .didYouMean */ .au)(name, [...dag.taskIndex.keys(), ...dag.gateIndex.keys()]) ??
        'select with a task id or a stage name, with + for upstream (+x) or downstream (x+)');
}
function walk(edges, start, into) {
    const stack = [start];
    while (stack.length > 0) {
        const node = stack.pop();
        for (const next of edges[node]) {
            if (!into.has(next)) {
                into.add(next);
                stack.push(next);
            }
        }
    }
}


/***/ }),

/***/ 9715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PN: () => (/* binding */ summarizePlan),
/* harmony export */   aw: () => (/* binding */ planPipeline),
/* harmony export */   ce: () => (/* binding */ valueProblems)
/* harmony export */ });
/* unused harmony export knownBeforeRun */
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1194);
/* harmony import */ var _graph_dag_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3148);
/* harmony import */ var _graph_longest_path_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5984);
/* harmony import */ var _graph_select_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6934);
/* harmony import */ var _expand_matrix_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3033);
/* harmony import */ var _render_templates_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9245);
/* harmony import */ var _run_rules_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7140);
/* harmony import */ var _template_place_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2667);








function planPipeline(pipeline, input) {
    return new Planner(pipeline, input).plan();
}
class Planner {
    pipeline;
    input;
    dag;
    order;
    selected;
    planned = new Map();
    /** By node, filled in topological order: every node's needs are known before it. */
    states = [];
    rules;
    problems = [];
    constructor(pipeline, input) {
        this.pipeline = pipeline;
        this.input = input;
        this.dag = (0,_graph_dag_js__WEBPACK_IMPORTED_MODULE_1__/* .dagOf */ .mb)(pipeline);
        const order = (0,_graph_dag_js__WEBPACK_IMPORTED_MODULE_1__/* .orderOf */ .mJ)(this.dag);
        if (!order)
            throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InternalError */ .Gd(new Error(`planning ${pipeline.file}: the graph has a cycle; load the pipeline with loadPipeline first`));
        this.order = order;
        this.selected = input.selection ? (0,_graph_select_js__WEBPACK_IMPORTED_MODULE_3__/* .selectTasks */ .n)(this.dag, input.selection) : undefined;
        const run = { attempt: 1 };
        if (input.run?.actor !== undefined)
            run.actor = input.run.actor;
        if (input.run?.trigger !== undefined)
            run.trigger = input.run.trigger;
        this.rules = new _run_rules_js__WEBPACK_IMPORTED_MODULE_5__/* .RunRules */ .dU({ pipeline, params: input.params, run, known: knownBeforeRun });
    }
    plan() {
        for (const node of this.order) {
            if ((0,_graph_dag_js__WEBPACK_IMPORTED_MODULE_1__/* .isGate */ .cE)(this.dag, node)) {
                this.states[node] = this.worstOf(node);
                continue;
            }
            const task = this.pipeline.tasks.get(this.dag.names[node]);
            const planned = this.planTask(task, node);
            this.planned.set(task.id, planned);
            const runs = !planned.excluded && planned.decision !== 'skip';
            const mayFail = runs || this.dag.preds[node].some((pred) => this.states[pred]?.mayFail);
            this.states[node] = { state: stateOf(planned), cause: task.id, mayFail };
        }
        const runs = this.dag.names.map((name, node) => {
            const decision = (0,_graph_dag_js__WEBPACK_IMPORTED_MODULE_1__/* .isGate */ .cE)(this.dag, node) ? undefined : this.planned.get(name)?.decision;
            return decision === 'run' || decision === 'conditional';
        });
        const included = (node) => runs[node];
        const waves = (0,_graph_longest_path_js__WEBPACK_IMPORTED_MODULE_2__/* .longestPaths */ .Jp)(this.dag, this.order, (node) => (included(node) ? 1 : 0), included);
        const byWave = [];
        const tasks = [...this.pipeline.tasks.keys()].map((id) => this.planned.get(id));
        tasks.forEach((task, node) => {
            // Task nodes are numbered in file order, so each wave lists its tasks in file order.
            if (!included(node))
                return;
            task.wave = waves.weight[node];
            (byWave[task.wave - 1] ??= []).push(task.id);
        });
        return {
            pipeline: this.pipeline.name,
            file: this.pipeline.file,
            params: this.input.params,
            tasks,
            waves: byWave.filter((w) => w !== undefined),
            criticalPath: this.criticalPath(included),
            ...(this.problems.length > 0 && { problems: this.problems }),
        };
    }
    criticalPath(included) {
        const estimateOf = (node) => this.pipeline.tasks.get(this.dag.names[node])?.estimateMs;
        const path = (0,_graph_longest_path_js__WEBPACK_IMPORTED_MODULE_2__/* .criticalPath */ .vC)(this.dag, this.order, estimateOf, included);
        const tasks = path.nodes.map((node) => this.dag.names[node]);
        return path.estimateMs === undefined ? { tasks } : { tasks, estimateMs: path.estimateMs };
    }
    // ---- one task ---------------------------------------------------------------
    planTask(task, node) {
        const stageNeeds = task.stage === undefined ? [] : (this.pipeline.stages.get(task.stage)?.needs ?? []);
        const planned = {
            id: task.id,
            decision: 'run',
            needs: [...new Set([...task.needs, ...stageNeeds])],
            legs: [],
        };
        if (task.stage !== undefined)
            planned.stage = task.stage;
        if (task.estimateMs !== undefined)
            planned.estimateMs = task.estimateMs;
        if (this.selected && !this.selected.has(node)) {
            return { ...planned, decision: 'skip', excluded: true, reason: 'not selected' };
        }
        try {
            const decided = this.decide(task, node);
            planned.decision = decided.decision;
            if (decided.reason !== undefined)
                planned.reason = decided.reason;
            if (planned.decision === 'skip')
                return planned;
            const legs = this.rules.legs(task, this.needsValues(task));
            if (legs === undefined)
                planned.dynamicMatrix = true;
            else if (legs.length === 0)
                return { ...planned, decision: 'skip', reason: _run_rules_js__WEBPACK_IMPORTED_MODULE_5__/* .NO_LEGS_REASON */ .ro };
            else
                planned.legs = legs.flatMap((leg) => this.checked(() => [this.planLeg(task, leg)]) ?? []);
            return planned;
        }
        catch (error) {
            if (!(error instanceof _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ValidationError */ .yI))
                throw error;
            // What the task's `if` or matrix fails on: the plan goes on, to find every such problem.
            this.problems.push(error);
            return { ...planned, decision: 'conditional', reason: error.message };
        }
    }
    /** What `plan` gives, or undefined when it fails on the values: the problem is kept and the plan goes on. */
    checked(plan) {
        try {
            return plan();
        }
        catch (error) {
            if (!(error instanceof _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ValidationError */ .yI))
                throw error;
            this.problems.push(error);
            return undefined;
        }
    }
    /** A gate is skipped if any of its tasks is, unknown if any may not run. */
    worstOf(gate) {
        const members = this.dag.preds[gate].map((member) => this.states[member]);
        const worst = members.find((s) => s.state === 'skipped') ?? members.find((s) => s.state === 'unknown');
        return {
            state: worst?.state ?? 'success',
            ...(worst && { cause: worst.cause }),
            mayFail: members.some((s) => s.mayFail),
        };
    }
    /**
     * The run's rules (run-rules.ts), asked for the worlds a plan cannot tell apart yet: every
     * task that may run runs and succeeds; one that may not run is skipped; a need fails.
     */
    decide(task, node) {
        const preds = this.dag.preds[node].map((pred) => this.states[pred]);
        const skipped = preds.find((s) => s.state === 'skipped')?.cause;
        const unknown = preds.find((s) => s.state === 'unknown')?.cause;
        const needsValues = this.needsValues(task);
        const world = (allOk, cause, failedAbove = false) => ({
            allOk,
            failedAbove,
            needCancelled: false,
            cancelling: false,
            ...(cause !== undefined && { cause }),
        });
        const allRun = this.rules.task(task, world(!skipped, skipped), needsValues);
        if (allRun.kind === 'unknown')
            return { decision: 'conditional', reason: allRun.reason };
        const someSkip = unknown ? this.rules.task(task, world(false, unknown), needsValues) : allRun;
        if (someSkip.kind === 'unknown')
            return { decision: 'conditional', reason: someSkip.reason };
        if (allRun.kind === 'run' && someSkip.kind === 'run')
            return { decision: 'run' };
        if (allRun.kind === 'run' || someSkip.kind === 'run') {
            const reason = someSkip.kind === 'skip' && someSkip.by === 'needs'
                ? `after "${unknown}", which may not run`
                : `depends on whether "${unknown}" runs`;
            return { decision: 'conditional', reason };
        }
        if (preds.some((s) => s.mayFail)) {
            const ifOneFails = this.rules.task(task, world(false, skipped ?? unknown ?? '?', true), needsValues);
            if (ifOneFails.kind !== 'skip')
                return { decision: 'conditional', reason: 'runs only if a need fails' };
        }
        return { decision: 'skip', reason: allRun.reason };
    }
    /**
     * `needs.<id>.result` of the tasks a task names directly (stage members are
     * not listed: that would cost a stage's size per task; a plan shows their
     * results as known at run time).
     */
    needsValues(task) {
        const values = {};
        for (const id of task.needs) {
            const node = this.dag.taskIndex.get(id);
            const state = node === undefined ? undefined : this.states[node]?.state;
            if (state !== undefined && state !== 'unknown')
                values[id] = { result: state, outputs: {} };
        }
        return values;
    }
    // ---- legs and commands ------------------------------------------------------
    planLeg(task, leg) {
        const name = (0,_expand_matrix_js__WEBPACK_IMPORTED_MODULE_7__/* .legName */ .ue)(task.id, leg);
        const env = {};
        let context = this.rules.context(`task "${name}"`, leg ? { matrix: leg } : {});
        if (Object.keys(task.env).length > 0) {
            for (const [key, value] of Object.entries(task.env))
                env[key] = (0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .renderText */ .S5)(value, context);
            context = this.rules.context(`task "${name}"`, {
                ...(leg && { matrix: leg }),
                env: { ...this.rules.baseValues.env, ...env },
            });
        }
        const action = task.action;
        let rendered;
        if (action.kind === 'run') {
            const script = (0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .renderScript */ .y9)(action.script, action.shell, context, (0,_template_place_js__WEBPACK_IMPORTED_MODULE_6__/* .runTemplatePlace */ .b)(this.pipeline, task.id));
            const checked = (0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .evaluatedTemplates */ .n3)(action.script, action.shell);
            rendered = { kind: 'run', shell: action.shell, script, ...(checked.length > 0 && { checked }) };
        }
        else if (action.kind === 'command')
            rendered = { kind: 'command', argv: action.argv.map((arg) => (0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .renderText */ .S5)(arg, context)) };
        else {
            const withValues = {};
            for (const [key, value] of Object.entries(action.with)) {
                withValues[key] = typeof value === 'string' ? ((0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .renderValue */ .AI)(value, context) ?? value) : value;
            }
            rendered = { kind: 'pipeline', path: action.path, with: withValues };
        }
        return { name, ...(leg && { matrix: leg }), action: rendered, env };
    }
}
/** What a planned task is to the tasks that wait for it; one left out by the selection is taken as done. */
function stateOf(planned) {
    if (planned.excluded || planned.decision === 'run')
        return 'success';
    return planned.decision === 'skip' ? 'skipped' : 'unknown';
}
/** A plan knows params, env, matrix, pipeline, who and why; not run ids, nor outputs. */
function knownBeforeRun(reference, values) {
    const [root, first, second] = reference.path;
    switch (root?.toLowerCase()) {
        case 'params':
        case 'env':
        case 'matrix':
        case 'pipeline':
            return true;
        case 'run':
            return (first !== undefined &&
                first.toLowerCase() !== 'id' &&
                values.run?.[first.toLowerCase()] !== undefined);
        case 'needs': {
            if (first === undefined || second?.toLowerCase() !== 'result')
                return false;
            const needs = values.needs;
            return needs !== undefined && Object.keys(needs).some((k) => k.toLowerCase() === first.toLowerCase());
        }
        default:
            return false;
    }
}
function summarizePlan(plan) {
    let run = 0;
    let conditional = 0;
    let skip = 0;
    let excluded = 0;
    let legs = 0;
    for (const task of plan.tasks) {
        if (task.excluded)
            excluded++;
        else if (task.decision === 'run')
            run++;
        else if (task.decision === 'conditional')
            conditional++;
        else
            skip++;
        legs += task.legs.length;
    }
    return { run, conditional, skip, excluded, legs };
}
/**
 * What a run with these values would fail on when a task starts (plan.problems), found before any
 * task does; also a pipeline `env` that fails on them. The run's own rules and templates, as a plan
 * sees them: values known only later (outputs) are checked when their task starts.
 */
function valueProblems(pipeline, input) {
    try {
        return planPipeline(pipeline, input).problems ?? [];
    }
    catch (error) {
        if (error instanceof _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ValidationError */ .yI)
            return [error];
        throw error;
    }
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


/***/ }),

/***/ 7140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dU: () => (/* binding */ RunRules),
/* harmony export */   ro: () => (/* binding */ NO_LEGS_REASON)
/* harmony export */ });
/* unused harmony export RUN */
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1194);
/* harmony import */ var _expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1016);
/* harmony import */ var _expressions_parse_expression_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6819);
/* harmony import */ var _expressions_template_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(725);
/* harmony import */ var _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96);
/* harmony import */ var _expand_matrix_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3033);
/* harmony import */ var _render_templates_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9245);







/** A matrix that comes to no legs skips its task (GitHub fails such a job; an empty list from an output means nothing to do). */
const NO_LEGS_REASON = 'its matrix has no legs';
const RUN = { kind: 'run' };
/**
 * The rules for one pipeline and one set of run values. Stage verdicts are kept (a stage's `if`
 * reads nothing that changes during a run); conditions are parsed once per task.
 */
class RunRules {
    input;
    /** params, pipeline, run and the pipeline's env, rendered once. */
    baseValues;
    stages = new Map();
    conditions = new WeakMap();
    known;
    constructor(input) {
        this.input = input;
        this.known = input.known ?? (() => true);
        const { pipeline } = input;
        this.baseValues = { params: { ...input.params }, pipeline: { name: pipeline.name }, run: input.run };
        const env = {};
        const context = this.context('pipeline env', {});
        for (const [name, value] of Object.entries(pipeline.env))
            env[name] = (0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .renderText */ .S5)(value, context, _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .SCOPES */ .iW.pipelineEnv);
        this.baseValues.env = env;
    }
    /** The values a task's templates read: the base values and what is given (needs, matrix, env). */
    context(where, extra) {
        const values = { ...this.baseValues, ...extra };
        const known = this.known;
        return { values, where, file: this.input.pipeline.file, known: (reference) => known(reference, values) };
    }
    /** Whether a stage's tasks may run: its `if`, from params, env, run and pipeline. */
    stage(name) {
        let verdict = this.stages.get(name);
        if (!verdict)
            this.stages.set(name, (verdict = this.decideStage(name)));
        return verdict;
    }
    decideStage(name) {
        const text = this.input.pipeline.stages.get(name)?.if;
        if (text === undefined || text === 'true')
            return RUN;
        const off = (reason) => ({ kind: 'skip', status: 'skipped', reason, by: 'stage' });
        if (text === 'false')
            return off(`stage "${name}" is off`);
        const source = (0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .conditionSource */ .Ts)(text)?.source ?? text;
        const where = `stage "${name}"`;
        const expression = parsed(source, _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .SCOPES */ .iW.stageIf, where, this.input.pipeline.file);
        const context = this.context(where, {});
        const unread = expression.references.find((r) => !context.known(r));
        if (unread)
            return { kind: 'unknown', reason: `stage "${name}" if reads ${pathText(unread)}, known at run time` };
        return (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .isTruthy */ .zz)(evaluated(expression, context, undefined, 'if'))
            ? RUN
            : off(`stage "${name}" is off: ${source} is false`);
    }
    /**
     * Whether a task whose needs are done runs: its stage, then its `if` with the status
     * functions answering from `needs` (an `if` without one means `success() && (if)`).
     * `needsValues` is the `needs` context its `if` reads.
     */
    task(spec, needs, needsValues) {
        if (spec.stage !== undefined) {
            const stage = this.stage(spec.stage);
            if (stage.kind !== 'run')
                return stage;
        }
        const status = {
            success: needs.allOk && !needs.cancelling,
            failure: needs.failedAbove,
            cancelled: needs.cancelling,
            always: true,
        };
        const condition = this.condition(spec);
        if ('always' in condition)
            return status.success ? RUN : blocked(needs);
        if ('never' in condition)
            return { kind: 'skip', status: 'skipped', reason: 'if is false', by: 'if' };
        if (condition.implicit && !status.success)
            return blocked(needs);
        const context = this.context(`task "${spec.id}"`, { needs: needsValues });
        const unread = condition.expression.references.find((r) => !context.known(r));
        if (unread)
            return { kind: 'unknown', reason: `if reads ${pathText(unread)}, known at run time` };
        if ((0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .isTruthy */ .zz)(evaluated(condition.expression, context, status, 'if')))
            return RUN;
        return { kind: 'skip', status: 'skipped', reason: `if is false: ${condition.source}`, by: 'if' };
    }
    condition(spec) {
        let condition = this.conditions.get(spec);
        if (condition)
            return condition;
        const text = spec.if;
        if (text === undefined || text === 'true')
            condition = { always: true };
        else if (text === 'false')
            condition = { never: true };
        else {
            const source = (0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_5__/* .conditionSource */ .Ts)(text)?.source ?? text;
            const expression = parsed(source, _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .SCOPES */ .iW.taskIf, `task "${spec.id}"`, this.input.pipeline.file);
            condition = { source, expression, implicit: !(0,_expressions_parse_expression_js__WEBPACK_IMPORTED_MODULE_2__/* .callsStatusFunction */ .AT)(expression) };
        }
        this.conditions.set(spec, condition);
        return condition;
    }
    /**
     * A task's legs: `[undefined]` without a matrix, none when the matrix comes to none (the
     * task is skipped, NO_LEGS_REASON), undefined when an axis reads a value not known yet.
     */
    legs(spec, needsValues) {
        if (!spec.matrix)
            return [undefined];
        const resolved = new Map();
        const context = this.context(`task "${spec.id}"`, { needs: needsValues });
        for (const axis of spec.matrix.axes) {
            if (Array.isArray(axis.values))
                continue;
            const value = (0,_render_templates_js__WEBPACK_IMPORTED_MODULE_4__/* .renderValue */ .AI)(axis.values, context, _pipeline_format_check_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .SCOPES */ .iW.matrixAxis);
            if (value === undefined)
                return undefined;
            if (!Array.isArray(value) || value.some((v) => v === null || typeof v === 'object')) {
                throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`task "${spec.id}": matrix.${axis.name} must give a list of values, got ${JSON.stringify(value)}`, { file: this.input.pipeline.file });
            }
            resolved.set(axis.name, value);
        }
        return (0,_expand_matrix_js__WEBPACK_IMPORTED_MODULE_6__/* .expandMatrix */ .Eh)(spec.matrix, resolved);
    }
}
/** A task whose needs did not all succeed, under `success()`: why it does not run. */
function blocked(needs) {
    const cause = needs.cause ?? '?';
    if (needs.cancelling)
        return { kind: 'skip', status: 'cancelled', reason: 'the run was cancelled', by: 'needs' };
    if (needs.failedAbove)
        return { kind: 'skip', status: 'upstream_failed', reason: `needs "${cause}", which did not succeed`, by: 'needs' };
    if (needs.needCancelled)
        return { kind: 'skip', status: 'cancelled', reason: `needs "${cause}", which was cancelled`, by: 'needs' };
    return { kind: 'skip', status: 'skipped', reason: `needs "${cause}", which is skipped`, by: 'needs' };
}
function parsed(source, scope, where, file) {
    const outcome = (0,_expressions_parse_expression_js__WEBPACK_IMPORTED_MODULE_2__/* .parseExpression */ .YK)(source, scope);
    if (!outcome.ok)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${where}: if: ${outcome.message}`, { file }, outcome.hint);
    return outcome.expression;
}
function evaluated(expression, context, status, field) {
    try {
        return (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .evaluateExpression */ .O4)(expression, context.values, status);
    }
    catch (error) {
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj(`${context.where}: ${field} failed: ${error instanceof Error ? error.message : String(error)}`, { file: context.file });
    }
}
function pathText(reference) {
    return reference.path.map((p) => p ?? '[...]').join('.');
}


/***/ }),

/***/ 2667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ runTemplatePlace)
/* harmony export */ });
/* harmony import */ var _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2842);

/**
 * Where a template of a task's `run` script is in the pipeline file, for an
 * error found after validation (a value that may not stand where its template
 * does). The file is read again from the pipeline's own text, on that error
 * only.
 */
function runTemplatePlace(pipeline, taskId) {
    return (raw, occurrence) => {
        const read = (0,_pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_0__/* .readYaml */ .gM)(pipeline.source.text, pipeline.file, {
            maxBytes: Number.MAX_SAFE_INTEGER,
            maxDepth: 1000,
            maxAliasNodes: Number.MAX_SAFE_INTEGER,
        });
        return read.locator.inText(['tasks', taskId, 'run'], raw, occurrence);
    };
}


/***/ }),

/***/ 6349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ planToText),
/* harmony export */   P: () => (/* binding */ argvWord)
/* harmony export */ });
/* harmony import */ var _expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1016);
/* harmony import */ var _plan_shell_template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8295);
/* harmony import */ var _plan_plan_pipeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9715);
/* harmony import */ var _pipeline_format_model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4135);
/* harmony import */ var _printable_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8359);





/**
 * The plan for people: each wave with its tasks and the exact command each
 * leg would run, then what may run, what is skipped and why, the critical
 * path and a count. Every value, name, path and script line is printable
 * (printable.ts): a value cannot start a line or a workflow command of its own.
 */
function planToText(plan) {
    const out = [];
    const params = Object.entries(plan.params);
    out.push(`plan: ${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(plan.pipeline)} (${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(plan.file)})`);
    if (params.length)
        out.push(`params: ${params.map(([k, v]) => `${k}=${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)((0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(v))}`).join(', ')}`);
    const byId = new Map(plan.tasks.map((t) => [t.id, t]));
    plan.waves.forEach((ids, i) => {
        out.push('', `wave ${i + 1}`);
        for (const id of ids)
            out.push(...taskLines(byId.get(id)));
    });
    const skipped = plan.tasks.filter((t) => t.decision === 'skip' && !t.excluded);
    if (skipped.length) {
        out.push('', 'skipped');
        for (const task of skipped)
            out.push(`  ${task.id}: ${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(task.reason ?? '')}`);
    }
    const excluded = plan.tasks.filter((t) => t.excluded);
    if (excluded.length)
        out.push('', `not selected: ${excluded.map((t) => t.id).join(', ')}`);
    out.push('');
    if (plan.criticalPath.tasks.length) {
        const estimate = plan.criticalPath.estimateMs === undefined ? '' : `, est. ${(0,_pipeline_format_model_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(plan.criticalPath.estimateMs)}`;
        out.push(`critical path: ${plan.criticalPath.tasks.join(' -> ')} (${count(plan.criticalPath.tasks.length, 'task')}${estimate})`);
    }
    const s = (0,_plan_plan_pipeline_js__WEBPACK_IMPORTED_MODULE_2__/* .summarizePlan */ .PN)(plan);
    const parts = [`${s.run} to run`, count(s.legs, 'leg'), count(plan.waves.length, 'wave')];
    if (s.conditional)
        parts.push(`${s.conditional} conditional`);
    if (s.skip)
        parts.push(`${s.skip} skipped`);
    if (s.excluded)
        parts.push(`${s.excluded} not selected`);
    out.push(`${count(plan.tasks.length, 'task')}: ${parts.join(', ')}`);
    return `${out.join('\n')}\n`;
}
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
function taskLines(task) {
    const lines = [];
    const note = task.decision === 'conditional' ? `  [conditional: ${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(task.reason ?? '')}]` : '';
    if (task.dynamicMatrix) {
        lines.push(`  ${task.id} (matrix known at run time)${note}`);
        return lines;
    }
    for (const leg of task.legs) {
        lines.push(`  ${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(leg.name)}${note}`);
        for (const line of actionLines(leg.action))
            lines.push(`      ${line}`);
    }
    return lines;
}
function actionLines(action) {
    switch (action.kind) {
        case 'run': {
            const script = (0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printableLines */ .fk)(action.script.replace(/\n+$/, ''));
            const prefix = action.shell === 'bash' ? '$ ' : `${action.shell}$ `;
            return script.map((line, i) => (i === 0 ? `${prefix}${line}` : `${' '.repeat(prefix.length)}${line}`));
        }
        case 'command':
            return [`> ${action.argv.map((arg) => (0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(argvWord(arg))).join(' ')}`];
        case 'pipeline': {
            const params = Object.entries(action.with).map(([k, v]) => `${k}=${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)((0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(v))}`);
            return [`pipeline ${(0,_printable_js__WEBPACK_IMPORTED_MODULE_4__/* .printable */ .g$)(action.path)}${params.length ? ` with ${params.join(', ')}` : ''}`];
        }
    }
}
/** An argv element as a shell reader would need it; plain words stay plain. */
function argvWord(arg) {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : (0,_plan_shell_template_js__WEBPACK_IMPORTED_MODULE_1__/* .singleQuoted */ .f3)(arg);
}


/***/ })

};
;