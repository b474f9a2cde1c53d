"use strict";
exports.id = 561;
exports.ids = [561,283];
exports.modules = {

/***/ 8144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xq: () => (/* binding */ someNames),
/* harmony export */   au: () => (/* binding */ didYouMean),
/* harmony export */   kp: () => (/* binding */ closest)
/* harmony export */ });
/* harmony import */ var fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1916);

/**
 * The closest of `candidates` to `word`, when it is close enough to be what
 * the user meant: same text but for case, `_` against `-`, or a few typos.
 */
function closest(word, candidates) {
    const folded = fold(word);
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (candidate === word)
            continue;
        if (fold(candidate) === folded)
            return candidate;
        const d = isOneSwap(word.toLowerCase(), candidate.toLowerCase())
            ? 1
            : (0,fastest_levenshtein__WEBPACK_IMPORTED_MODULE_0__/* .distance */ .Io)(word.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    // One- and two-letter names are all one edit apart: only case and - or _ can match them.
    const allowed = word.length <= 2 ? 0 : Math.max(1, Math.floor(word.length / 3));
    return bestDistance <= allowed ? best : undefined;
}
/** `did you mean "x"?` or undefined, ready to be an error's hint. */
function didYouMean(word, candidates) {
    const match = closest(word, candidates);
    return match === undefined ? undefined : `did you mean "${match}"?`;
}
/** `dya` against `day`: one swap of neighbours, which edit distance counts as two. */
function isOneSwap(a, b) {
    if (a.length !== b.length)
        return false;
    let i = 0;
    while (i < a.length && a[i] === b[i])
        i++;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
function fold(text) {
    return text.toLowerCase().replace(/[-_ ]/g, '');
}
/** Longest a name is shown in a list of names: past it, cut with `...`. */
const SHOWN_NAME = 60;
/**
 * Names for a message or a hint: at most `max`, each cut to SHOWN_NAME characters, and how many
 * there are in all when some are left out. A message is one line, and a matrix's leg names can be
 * many and long (they hold its values).
 */
function someNames(names, max = 8) {
    const shown = names
        .slice(0, max)
        .map((name) => (name.length > SHOWN_NAME ? `${name.slice(0, SHOWN_NAME - 3)}...` : name))
        .join(', ');
    return names.length > max ? `${shown}, ... (${names.length} in all)` : shown;
}


/***/ }),

/***/ 6819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AT: () => (/* binding */ callsStatusFunction),
/* harmony export */   Jo: () => (/* binding */ CONTEXTS),
/* harmony export */   YK: () => (/* binding */ parseExpression)
/* harmony export */ });
/* unused harmony export STATUS_FUNCTIONS */
/* harmony import */ var _actions_expressions__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3467);
/* harmony import */ var _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2049);
/* harmony import */ var _errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8144);



/**
 * Expressions are GitHub Actions expressions, parsed by GitHub's own
 * @actions/expressions. This module adds what dagline needs on top: which
 * contexts an expression may name where it stands, and the list of context
 * paths it reads (`needs.build.outputs.bucket`), so references can be checked
 * against the pipeline before anything runs.
 */
/** Every context dagline provides (SPEC 2.1). Each place allows a subset. */
const CONTEXTS = ['params', 'env', 'matrix', 'needs', 'run', 'pipeline'];
/** GitHub's status functions; only a task's `if` may call them. */
const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'];
/** GitHub's contexts that users reach for, and what dagline has instead. */
const GITHUB_CONTEXT_HINTS = {
    inputs: 'dagline calls inputs params: params.<name>',
    github: "read GitHub's values from the environment ($GITHUB_REF, $GITHUB_SHA, ...); run.trigger and run.actor are dagline's",
    secrets: 'read secrets from the environment: they are never put into expressions',
    vars: 'read configuration variables from the environment',
    steps: 'a task is one step; read other tasks through needs.<id>.outputs',
    jobs: 'read other tasks through needs.<id>.outputs',
    strategy: 'matrix values are in matrix.<key>',
};
const BUILTIN_FUNCTIONS = ['contains', 'startsWith', 'endsWith', 'format', 'join', 'toJSON', 'fromJSON', 'case'];
const statusFunctionInfo = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
/** Parsing is pure, and pipelines repeat expressions: parse each text once per scope. */
const caches = new WeakMap();
const CACHE_LIMIT = 10_000;
function parseExpression(source, scope) {
    let cache = caches.get(scope);
    if (!cache)
        caches.set(scope, (cache = new Map()));
    const cached = cache.get(source);
    if (cached)
        return cached;
    const outcome = parseUncached(source, scope);
    if (cache.size >= CACHE_LIMIT)
        cache.clear();
    cache.set(source, outcome);
    return outcome;
}
function parseUncached(source, scope) {
    let ast;
    try {
        const { tokens } = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .Lexer */ .JG(source).lex();
        ast = new _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .Parser */ .iX(tokens, [...scope.contexts], scope.statusFunctions ? statusFunctionInfo : []).parse();
    }
    catch (error) {
        return describeParseError(error, source, scope);
    }
    const references = [];
    const functions = new Set();
    collect(ast, source, references, functions);
    return { ok: true, expression: { source, ast, references, functions } };
}
function describeParseError(error, source, scope) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .ExpressionError */ .tj) {
        const offset = offsetOf(source, error.pos.line, error.pos.column);
        const named = /^Unrecognized named-value: '(.*)'$/.exec(message);
        if (named?.[1] !== undefined) {
            const name = named[1];
            const allowed = scope.contexts.length ? scope.contexts.join(', ') : 'none';
            return {
                ok: false,
                message: `unknown context "${name}" (here: ${allowed})`,
                offset,
                hint: GITHUB_CONTEXT_HINTS[name.toLowerCase()] ??
                    (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_2__/* .didYouMean */ .au)(name, scope.contexts) ??
                    (CONTEXTS.includes(name) ? `"${name}" is not available here` : undefined),
            };
        }
        const fn = /^Unrecognized function: '(.*)'$/.exec(message);
        if (fn?.[1] !== undefined) {
            const name = fn[1];
            const isStatus = STATUS_FUNCTIONS.includes(name.toLowerCase());
            return {
                ok: false,
                message: isStatus ? `${name}() is only allowed in a task's if` : `unknown function ${name}()`,
                offset,
                hint: isStatus
                    ? undefined
                    : (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_2__/* .didYouMean */ .au)(name, [...BUILTIN_FUNCTIONS, ...(scope.statusFunctions ? STATUS_FUNCTIONS : [])]),
            };
        }
        return { ok: false, message: lowerFirst(message), offset };
    }
    // The lexer reports "Unexpected symbol: 'x'. Located at position N within expression: ..." (N from 1).
    const located = /^(.*?)\. Located at position (\d+) within expression/s.exec(message);
    if (located?.[1] !== undefined && located[2] !== undefined) {
        const symbol = located[1];
        const hint = /'\s*'[^']*$/.test(symbol) || /^Unexpected symbol: ''/.test(symbol)
            ? 'a string is not closed by a single quote'
            : undefined;
        return { ok: false, message: lowerFirst(symbol), offset: Math.max(0, Number(located[2]) - 1), hint };
    }
    return { ok: false, message: lowerFirst(message), offset: 0 };
}
function offsetOf(source, line, column) {
    let offset = 0;
    for (let l = 0; l < line; l++) {
        const next = source.indexOf('\n', offset);
        if (next < 0)
            break;
        offset = next + 1;
    }
    return offset + column;
}
function lowerFirst(text) {
    return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
/** A chain of property reads from one context, or undefined if `expr` is something else. */
function accessChain(expr) {
    if (expr instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .ContextAccess */ .QC) {
        return { path: [expr.name.lexeme], offset: 0, dynamic: [] };
    }
    if (expr instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .IndexAccess */ .p_) {
        const base = accessChain(expr.expr);
        if (!base)
            return undefined;
        const index = expr.index;
        if (index instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .Star */ .FE)
            base.path.push('*');
        else if (index instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .Literal */ .uS &&
            (index.literal instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.StringData */ .p.uQ || index.literal instanceof _actions_expressions__WEBPACK_IMPORTED_MODULE_0__/* .data.NumberData */ .p.Q9)) {
            base.path.push(String(index.literal.coerceString()));
        }
        else {
            base.path.push(undefined);
            base.dynamic.push(index);
        }
        return base;
    }
    return undefined;
}
function collect(expr, source, references, functions) {
    const chain = accessChain(expr);
    if (chain) {
        references.push({ path: chain.path, offset: rootOffset(expr, source) });
        for (const d of chain.dynamic)
            collect(d, source, references, functions);
        return;
    }
    if (expr instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .FunctionCall */ .R6)
        functions.add(expr.functionName.lexeme.toLowerCase());
    for (const childExpr of children(expr))
        collect(childExpr, source, references, functions);
}
function rootOffset(expr, source) {
    let e = expr;
    while (e instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .IndexAccess */ .p_)
        e = e.expr;
    if (e instanceof _actions_expressions_ast__WEBPACK_IMPORTED_MODULE_1__/* .ContextAccess */ .QC)
        return offsetOf(source, e.name.range.start.line, e.name.range.start.column);
    return 0;
}
function children(expr) {
    const e = expr;
    const out = [];
    if (e.expr)
        out.push(e.expr);
    if (e.index)
        out.push(e.index);
    if (e.left)
        out.push(e.left);
    if (e.right)
        out.push(e.right);
    if (e.group)
        out.push(e.group);
    if (e.args)
        out.push(...e.args);
    return out;
}
/** True when the expression calls success(), failure(), always() or cancelled(). */
function callsStatusFunction(expression) {
    for (const name of STATUS_FUNCTIONS)
        if (expression.functions.has(name))
            return true;
    return false;
}


/***/ }),

/***/ 725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LL: () => (/* binding */ splitTemplate),
/* harmony export */   Ts: () => (/* binding */ conditionSource),
/* harmony export */   rJ: () => (/* binding */ hasTemplate)
/* harmony export */ });
/* unused harmony exports OPEN, CLOSE */
/**
 * `${{ expr }}` templates inside strings. The rule for where a template ends is
 * GitHub's own (workflow-parser's template-reader): the first `}}` that is not
 * inside a single-quoted expression string.
 */
const OPEN = '${{';
const CLOSE = '}}';
function hasTemplate(text) {
    return text.includes(OPEN);
}
function splitTemplate(text) {
    const parts = [];
    let at = 0;
    for (;;) {
        const start = text.indexOf(OPEN, at);
        if (start < 0) {
            if (at < text.length)
                parts.push({ kind: 'text', text: text.slice(at) });
            return { ok: true, parts };
        }
        if (start > at)
            parts.push({ kind: 'text', text: text.slice(at, start) });
        let inString = false;
        let end = -1;
        for (let i = start + OPEN.length; i < text.length; i++) {
            const c = text[i];
            if (c === "'")
                inString = !inString; // '' inside a string toggles twice: GitHub's rule too
            else if (!inString && c === '}' && text[i - 1] === '}' && i - 1 >= start + OPEN.length) {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return { ok: false, message: 'a ${{ is not closed by }}', offset: start };
        }
        const raw = text.slice(start, end);
        const source = raw.slice(OPEN.length, -CLOSE.length).trim();
        if (source === '')
            return { ok: false, message: 'an empty ${{ }} holds no expression', offset: start };
        parts.push({ kind: 'expr', source, raw, start });
        at = end;
    }
}
/**
 * An `if` may be written bare (`a == b`) or as one whole template
 * (`${{ a == b }}`). Returns the expression, or undefined when the text mixes
 * templates with other text: GitHub would read that as a non-empty string,
 * always true, which is never what was meant.
 */
function conditionSource(text) {
    const trimmed = text.trim();
    if (!hasTemplate(trimmed))
        return { source: trimmed, offset: text.indexOf(trimmed) };
    const split = splitTemplate(trimmed);
    if (!split.ok || split.parts.length !== 1)
        return undefined;
    const [part] = split.parts;
    if (part?.kind !== 'expr')
        return undefined;
    const offset = text.indexOf(trimmed) + part.raw.indexOf(part.source);
    return { source: part.source, offset };
}


/***/ }),

/***/ 3148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cE: () => (/* binding */ isGate),
/* harmony export */   dA: () => (/* binding */ nodeLabel),
/* harmony export */   mJ: () => (/* binding */ orderOf),
/* harmony export */   mb: () => (/* binding */ dagOf)
/* harmony export */ });
/* unused harmony exports buildDag, topologicalOrder */
/* harmony import */ var toposort__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7084);
/* harmony import */ var toposort__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(toposort__WEBPACK_IMPORTED_MODULE_0__);

function isGate(dag, node) {
    return node >= dag.taskCount;
}
/** `load` for a task, `stage init` for a gate. */
function nodeLabel(dag, node) {
    return isGate(dag, node) ? `stage ${dag.names[node]}` : dag.names[node];
}
const dags = new WeakMap();
const orders = new WeakMap();
/** The DAG of a pipeline, built once and shared by the checker, the planner and the renderers. */
function dagOf(pipeline) {
    let dag = dags.get(pipeline);
    if (!dag)
        dags.set(pipeline, (dag = buildDag(pipeline)));
    return dag;
}
/** topologicalOrder, computed once per DAG. */
function orderOf(dag) {
    if (!orders.has(dag))
        orders.set(dag, topologicalOrder(dag));
    return orders.get(dag);
}
/**
 * Builds the DAG. Names that match no task or stage, a task needing itself or
 * its own stage, are left out here: checkPipeline reports them with their place.
 */
function buildDag(pipeline) {
    const names = [];
    const taskIndex = new Map();
    const gateIndex = new Map();
    for (const id of pipeline.tasks.keys()) {
        taskIndex.set(id, names.length);
        names.push(id);
    }
    const taskCount = names.length;
    for (const name of pipeline.stages.keys()) {
        gateIndex.set(name, names.length);
        names.push(name);
    }
    const preds = names.map(() => []);
    const succs = names.map(() => []);
    const link = (from, to) => {
        const into = preds[to];
        if (from === to || into.includes(from))
            return; // a task's own needs: a short list
        into.push(from);
        succs[from].push(to);
    };
    /** The node a `needs` entry names: a task first, then a stage. */
    const resolve = (name) => taskIndex.get(name) ?? gateIndex.get(name);
    for (const [id, task] of pipeline.tasks) {
        const node = taskIndex.get(id);
        const ownGate = task.stage === undefined ? undefined : gateIndex.get(task.stage);
        const stageNeeds = task.stage === undefined ? [] : (pipeline.stages.get(task.stage)?.needs ?? []);
        for (const need of [...task.needs, ...stageNeeds]) {
            const from = resolve(need);
            if (from !== undefined && from !== ownGate)
                link(from, node);
        }
        if (ownGate !== undefined) {
            // Each task joins its stage once: no need to scan the stage's (long) list for duplicates.
            preds[ownGate].push(node);
            succs[node].push(ownGate);
        }
    }
    return { names, taskCount, taskIndex, gateIndex, preds, succs };
}
/**
 * The nodes in an order where every node comes after what it waits for,
 * computed with `toposort`; undefined when the graph has a cycle (findCycles
 * then names it).
 */
function topologicalOrder(dag) {
    const nodes = dag.names.map((_, i) => i);
    const edges = [];
    dag.succs.forEach((targets, from) => {
        for (const to of targets)
            edges.push([from, to]);
    });
    try {
        return toposort__WEBPACK_IMPORTED_MODULE_0___default().array(nodes, edges);
    }
    catch (error) {
        if (error instanceof Error && error.message.startsWith('Cyclic dependency'))
            return undefined;
        throw error;
    }
}


/***/ }),

/***/ 96:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ SCOPES),
  tO: () => (/* binding */ checkPipeline)
});

// UNUSED EXPORTS: PIPELINE_CONTEXT_KEYS, RUN_CONTEXT_KEYS

// EXTERNAL MODULE: ./node_modules/croner/dist/croner.js
var croner = __webpack_require__(5814);
// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: ./src/errors/did-you-mean.ts
var did_you_mean = __webpack_require__(8144);
// EXTERNAL MODULE: ./src/expressions/parse-expression.ts
var parse_expression = __webpack_require__(6819);
// EXTERNAL MODULE: ./src/expressions/template.ts
var template = __webpack_require__(725);
// EXTERNAL MODULE: ./src/graph/dag.ts
var dag = __webpack_require__(3148);
;// CONCATENATED MODULE: ./src/graph/find-cycles.ts
/**
 * One cycle per strongly connected component of the graph, each as the list
 * of nodes along it in the direction work flows (`a` before `b` in
 * `[a, b, c]` means b needs a, c needs b and a needs c). Each is a shortest
 * cycle through the component's first node in file order, so the report is
 * short and the same on every run. Iterative: deep graphs do not overflow.
 */
function findCycles(dag) {
    const cycles = [];
    for (const component of stronglyConnectedComponents(dag)) {
        if (component.length < 2)
            continue;
        const members = new Set(component);
        const start = component.reduce((a, b) => Math.min(a, b));
        cycles.push(shortestCycleThrough(dag, start, members));
    }
    return cycles.sort((a, b) => a[0] - b[0]);
}
function shortestCycleThrough(dag, start, members) {
    const previous = new Map();
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
        const node = queue[head];
        const next = [...dag.succs[node]].sort((a, b) => a - b);
        for (const to of next) {
            if (!members.has(to))
                continue;
            if (to === start) {
                const path = [node];
                while (path[0] !== start)
                    path.unshift(previous.get(path[0]));
                return path;
            }
            if (!previous.has(to)) {
                previous.set(to, node);
                queue.push(to);
            }
        }
    }
    return [start]; // unreachable for a component of two or more nodes
}
/** Tarjan's algorithm with an explicit stack. */
function stronglyConnectedComponents(dag) {
    const count = dag.names.length;
    const index = new Array(count).fill(-1);
    const low = new Array(count).fill(0);
    const onStack = new Array(count).fill(false);
    const stack = [];
    const components = [];
    let counter = 0;
    for (let root = 0; root < count; root++) {
        if (index[root] !== -1)
            continue;
        const work = [[root, 0]];
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const [node, edge] = frame;
            if (edge === 0) {
                index[node] = low[node] = counter++;
                stack.push(node);
                onStack[node] = true;
            }
            const targets = dag.succs[node];
            if (edge < targets.length) {
                frame[1] = edge + 1;
                const to = targets[edge];
                if (index[to] === -1)
                    work.push([to, 0]);
                else if (onStack[to])
                    low[node] = Math.min(low[node], index[to]);
                continue;
            }
            work.pop();
            const parent = work[work.length - 1];
            if (parent)
                low[parent[0]] = Math.min(low[parent[0]], low[node]);
            if (low[node] === index[node]) {
                const component = [];
                let member;
                do {
                    member = stack.pop();
                    onStack[member] = false;
                    component.push(member);
                } while (member !== node);
                components.push(component);
            }
        }
    }
    return components;
}

// EXTERNAL MODULE: ./src/plan/expand-matrix.ts
var expand_matrix = __webpack_require__(3033);
// EXTERNAL MODULE: ./src/plan/shell-template.ts + 1 modules
var shell_template = __webpack_require__(8295);
// EXTERNAL MODULE: ./src/pipeline-format/param-values.ts
var param_values = __webpack_require__(7118);
;// CONCATENATED MODULE: ./src/pipeline-format/check-pipeline.ts










/** Where each kind of expression stands, and what it may read (SPEC 2.1). */
const SCOPES = {
    stageIf: { contexts: ['params', 'env', 'run', 'pipeline'], statusFunctions: false },
    taskIf: { contexts: ['params', 'env', 'needs', 'run', 'pipeline'], statusFunctions: true },
    taskTemplate: { contexts: ['params', 'env', 'matrix', 'needs', 'run', 'pipeline'], statusFunctions: false },
    matrixAxis: { contexts: ['params', 'env', 'needs', 'run', 'pipeline'], statusFunctions: false },
    pipelineEnv: { contexts: ['params', 'run', 'pipeline'], statusFunctions: false },
    concurrencyGroup: { contexts: ['params', 'env', 'pipeline'], statusFunctions: false },
};
const RUN_CONTEXT_KEYS = ['id', 'attempt', 'actor', 'trigger'];
const PIPELINE_CONTEXT_KEYS = ['name'];
const NO_NEEDS = { need: () => undefined, needIds: () => [] };
/**
 * Everything a well-typed pipeline can still get wrong: references to tasks,
 * stages, params, pools and contexts that do not exist, cycles, params whose
 * defaults do not fit, expressions that do not parse, matrices with no legs.
 * Each error carries its place in the file.
 */
function checkPipeline(pipeline, file, locator) {
    return new PipelineChecker(pipeline, file, locator).check();
}
class PipelineChecker {
    pipeline;
    file;
    locator;
    errors = [];
    paramsLower;
    tasksLower;
    dag;
    constructor(pipeline, file, locator) {
        this.pipeline = pipeline;
        this.file = file;
        this.locator = locator;
        this.paramsLower = new Map([...pipeline.params.keys()].map((name) => [name.toLowerCase(), name]));
        this.tasksLower = new Map([...pipeline.tasks.values()].map((task) => [task.id.toLowerCase(), task]));
        this.dag = (0,dag/* dagOf */.mb)(pipeline);
    }
    check() {
        if (this.pipeline.tasks.size === 0) {
            // As GitHub refuses a workflow without jobs: an empty pipeline is a mistake, not a success.
            this.errors.push(new dagline_error/* SchemaError */.Ar('tasks: a pipeline needs at least one task', this.at(['tasks'], 'key')));
        }
        this.checkParams();
        this.checkPipelineLevel();
        this.checkStages();
        for (const task of this.pipeline.tasks.values())
            this.checkTask(task);
        this.checkCycles();
        return this.errors;
    }
    at(path, part = 'value') {
        return this.locator.at(path, part);
    }
    // ---- params, schedule, requires, concurrency, env -------------------------
    checkParams() {
        for (const param of this.pipeline.params.values()) {
            const path = ['params', param.name];
            if (param.type === 'choice' && !param.options) {
                this.errors.push(new dagline_error/* SchemaError */.Ar(`params.${param.name}: a choice param needs \`options\``, this.at(path, 'key'), 'list them: options: [a, b]'));
            }
            if (param.type !== 'choice' && param.options) {
                this.errors.push(new dagline_error/* SchemaError */.Ar(`params.${param.name}: \`options\` are only for choice params`, this.at([...path, 'options'], 'key'), 'set type: choice'));
            }
            param.options?.forEach((option, i) => {
                if (param.options?.indexOf(option) !== i) {
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`params.${param.name}: option ${JSON.stringify(option)} is listed twice`, this.at([...path, 'options', i])));
                }
            });
            if (param.default !== undefined && param.default !== null && (param.type !== 'choice' || param.options)) {
                const outcome = (0,param_values/* coerceParamValue */.A)(param, param.default, false);
                if (!outcome.ok) {
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`params.${param.name}.default: ${outcome.message}`, this.at([...path, 'default']), outcome.hint));
                }
            }
        }
    }
    checkParamValues(values, path) {
        for (const [name, value] of Object.entries(values)) {
            const spec = this.pipeline.params.get(name);
            if (!spec) {
                this.errors.push(new dagline_error/* SchemaError */.Ar(`unknown param "${name}"`, this.at([...path, name], 'key'), (0,did_you_mean/* didYouMean */.au)(name, this.pipeline.params.keys()) ?? 'declare it under params:'));
                continue;
            }
            if (spec.type === 'choice' && !spec.options)
                continue;
            const outcome = (0,param_values/* coerceParamValue */.A)(spec, value, false);
            if (!outcome.ok)
                this.errors.push(new dagline_error/* SchemaError */.Ar(outcome.message, this.at([...path, name]), outcome.hint));
        }
    }
    checkPipelineLevel() {
        this.pipeline.schedule.forEach((entry, i) => {
            const fields = entry.cron.trim().split(/\s+/);
            let problem;
            if (fields.length !== 5)
                problem = `a cron schedule has 5 fields (minute hour day month weekday); this has ${fields.length}`;
            else {
                try {
                    new croner/* Cron */.l4(entry.cron, { paused: true, timezone: 'UTC' });
                }
                catch (error) {
                    problem = `invalid cron schedule: ${(error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, '')}`;
                }
            }
            if (problem)
                this.errors.push(new dagline_error/* SchemaError */.Ar(`schedule[${i}].cron: ${problem}`, this.at(['schedule', i, 'cron'])));
            this.checkParamValues(entry.params, ['schedule', i, 'params']);
        });
        this.pipeline.requires.forEach((req, i) => {
            if (req.pipeline === this.pipeline.name) {
                this.errors.push(new dagline_error/* GraphError */.h9(`requires: the pipeline requires itself`, this.at(['requires', i, 'pipeline'])));
            }
        });
        for (const [name, value] of Object.entries(this.pipeline.env)) {
            this.checkTemplates(value, ['env', name], SCOPES.pipelineEnv, NO_NEEDS);
        }
        if (this.pipeline.concurrency) {
            const path = typeof this.file.concurrency === 'string' ? ['concurrency'] : ['concurrency', 'group'];
            this.checkTemplates(this.pipeline.concurrency.group, path, SCOPES.concurrencyGroup, NO_NEEDS);
        }
    }
    // ---- stages ---------------------------------------------------------------
    checkStages() {
        for (const stage of this.pipeline.stages.values()) {
            const path = ['stages', stage.name];
            if (this.pipeline.tasks.has(stage.name)) {
                this.errors.push(new dagline_error/* GraphError */.h9(`stage "${stage.name}" has the same name as a task`, this.at(path, 'key'), '`needs` could not tell them apart: rename one'));
            }
            this.checkNeedsList(stage.needs, [...path, 'needs'], `stage "${stage.name}"`, (need) => {
                if (need === stage.name)
                    return `stage "${stage.name}" needs itself`;
                if (this.pipeline.tasks.get(need)?.stage === stage.name)
                    return `stage "${stage.name}" needs task "${need}", which belongs to it`;
                return undefined;
            });
            if (stage.if !== undefined)
                this.checkCondition(stage.if, [...path, 'if'], SCOPES.stageIf, NO_NEEDS);
        }
    }
    // ---- tasks ----------------------------------------------------------------
    checkTask(task) {
        const path = ['tasks', task.id];
        const raw = this.file.tasks[task.id] ?? {};
        const actions = ['run', 'command', 'pipeline'].filter((key) => raw[key] !== undefined);
        if (actions.length === 0) {
            this.errors.push(new dagline_error/* SchemaError */.Ar(`task "${task.id}" has nothing to do`, this.at(path, 'key'), 'give it `run`, `command` or `pipeline`'));
        }
        else if (actions.length > 1) {
            this.errors.push(new dagline_error/* SchemaError */.Ar(`task "${task.id}" has both \`${actions[0]}\` and \`${actions[1]}\``, this.at([...path, actions[1]], 'key'), 'a task does one thing: keep one'));
        }
        for (const key of ['with', 'dispatch']) {
            if (raw[key] !== undefined && raw.pipeline === undefined) {
                this.errors.push(new dagline_error/* SchemaError */.Ar(`\`${key}\` is only for pipeline tasks`, this.at([...path, key], 'key'), 'add `pipeline:`, or remove it'));
            }
        }
        if (raw.shell !== undefined && raw.run === undefined) {
            this.errors.push(new dagline_error/* SchemaError */.Ar('`shell` is only for `run` tasks', this.at([...path, 'shell'], 'key'), '`command` runs without a shell'));
        }
        if (raw['max-parallel'] !== undefined && raw.matrix === undefined) {
            this.errors.push(new dagline_error/* SchemaError */.Ar('`max-parallel` is only for matrix tasks', this.at([...path, 'max-parallel'], 'key')));
        }
        if (task.stage !== undefined && !this.pipeline.stages.has(task.stage)) {
            this.errors.push(new dagline_error/* GraphError */.h9(`task "${task.id}" is in unknown stage "${task.stage}"`, this.at([...path, 'stage']), (0,did_you_mean/* didYouMean */.au)(task.stage, this.pipeline.stages.keys()) ?? 'declare it under stages:'));
        }
        this.checkNeedsList(task.needs, [...path, 'needs'], `task "${task.id}"`, (need) => {
            if (need === task.id)
                return `task "${task.id}" needs itself`;
            if (need === task.stage)
                return `task "${task.id}" needs its own stage "${need}"`;
            return undefined;
        });
        task.outputs.forEach((name, i) => {
            if (task.outputs.indexOf(name) !== i)
                this.errors.push(new dagline_error/* SchemaError */.Ar(`output "${name}" is listed twice`, this.at([...path, 'outputs', i])));
        });
        if (task.pool !== undefined && !this.pipeline.pools.has(task.pool)) {
            this.errors.push(new dagline_error/* GraphError */.h9(`task "${task.id}" uses unknown pool "${task.pool}"`, this.at([...path, 'pool']), (0,did_you_mean/* didYouMean */.au)(task.pool, this.pipeline.pools.keys()) ?? 'declare it under pools:'));
        }
        const rules = this.referenceRules(task);
        if (task.if !== undefined)
            this.checkCondition(task.if, [...path, 'if'], SCOPES.taskIf, rules);
        const action = task.action;
        if (action.kind === 'run' && raw.run !== undefined) {
            if (action.shell !== 'bash' && action.shell !== 'sh' && (0,template/* hasTemplate */.rJ)(action.script)) {
                this.errors.push(new dagline_error/* ExpressionError */.tj(`\${{ }} templates in \`run\` need a POSIX shell (bash or sh); this task uses ${action.shell}`, this.locator.inText([...path, 'run'], '${{'), 'read the value from the environment instead: params, matrix values and needed outputs are exported'));
            }
            else {
                this.checkTemplates(action.script, [...path, 'run'], SCOPES.taskTemplate, rules);
                if (action.shell === 'bash' || action.shell === 'sh')
                    this.checkShellScript(action.script, action.shell, [...path, 'run']);
            }
        }
        else if (action.kind === 'command') {
            action.argv.forEach((arg, i) => this.checkTemplates(arg, [...path, 'command', i], SCOPES.taskTemplate, rules));
            this.checkCommandCode(action.argv, [...path, 'command']);
        }
        else if (action.kind === 'pipeline') {
            if ((0,template/* hasTemplate */.rJ)(action.path)) {
                // The call is part of the DAG, checked before the run and compiled to a workflow call, whose
                // `uses:` GitHub does not let an expression choose either.
                this.errors.push(new dagline_error/* SchemaError */.Ar(`pipeline: "${action.path}" holds a template; the pipeline a task runs is a fixed path`, this.at([...path, 'pipeline']), 'give each choice a task of its own, with an if on the param'));
            }
            else if (!/\.ya?ml$/.test(action.path)) {
                this.errors.push(new dagline_error/* SchemaError */.Ar(`pipeline "${action.path}" is not a .yml or .yaml file`, this.at([...path, 'pipeline'])));
            }
            else {
                // A pipeline runs what its repository holds: a path that leaves it would run a file the
                // repository's review never saw (and that its compiled workflow cannot call).
                const problem = pathProblem(action.path);
                if (problem)
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`pipeline "${action.path}" ${problem === 'absolute' ? 'is absolute' : 'leaves the repository'}`, this.at([...path, 'pipeline']), 'pipeline paths are relative to the repository root and stay inside it'));
            }
            for (const [name, value] of Object.entries(action.with)) {
                if (typeof value === 'string')
                    this.checkTemplates(value, [...path, 'with', name], SCOPES.taskTemplate, rules);
            }
        }
        for (const [name, value] of Object.entries(task.env))
            this.checkTemplates(value, [...path, 'env', name], SCOPES.taskTemplate, rules);
        for (const key of ['produces', 'consumes']) {
            task[key].forEach((extract, i) => {
                const at = typeof raw[key]?.[i] === 'string' ? [...path, key, i] : [...path, key, i, 'path'];
                this.checkTemplates(extract.path, at, SCOPES.taskTemplate, rules);
                // An external file comes from outside the repository's work: it may be anywhere.
                if (!(0,template/* hasTemplate */.rJ)(extract.path) && !extract.external)
                    this.checkExtractPath(extract.path, at);
            });
        }
        if (task.matrix)
            this.checkMatrix(task, rules);
    }
    /**
     * A `run` script must parse (mvdan/sh, as bash or POSIX sh), and no template may stand where no
     * value is safe (after a backslash, in an `eval` or `bash -c` string, as a variable's name).
     */
    checkShellScript(script, shell, path) {
        const template = (0,shell_template/* analyzeShellTemplate */.TJ)(script, shell);
        if ('error' in template)
            return; // reported by checkTemplates
        if ('syntaxError' in template) {
            this.errors.push(new dagline_error/* ShellError */.lM(`run: ${shell} syntax error: ${template.syntaxError}`, this.placeInScript(path, script, template.offset), shell === 'sh' ? 'sh scripts are checked as POSIX sh: use shell: bash for bash syntax' : undefined));
            return;
        }
        let slot = 0;
        const seen = new Map();
        for (const part of template.parts) {
            if (part.kind !== 'expr')
                continue;
            const occurrence = seen.get(part.raw) ?? 0;
            seen.set(part.raw, occurrence + 1);
            const refused = template.slots[slot++]?.refused;
            if (refused) {
                this.errors.push(new dagline_error/* ExpressionError */.tj(`run: ${part.raw} ${refused.message}; no value is safe there`, this.locator.inText(path, part.raw, occurrence), refused.hint));
            }
        }
    }
    /**
     * A `command` passes each value as one argument, but a shell it starts runs its `-c` string as
     * code (`[sh, -c, "${{ params.x }}"]`): no value is safe there, as in a `run` script.
     */
    checkCommandCode(argv, path) {
        // An argument whose first character is fixed is not an option, whatever its template holds.
        const words = argv.map((arg) => {
            if (!(0,template/* hasTemplate */.rJ)(arg))
                return arg;
            const fixed = arg.slice(0, arg.indexOf('${{'));
            return fixed !== '' && !/^[-+]/.test(fixed) ? fixed : undefined;
        });
        for (const { index, by } of (0,shell_template/* argumentsRunAsCode */.rz)(words)) {
            const arg = argv[index];
            if (!(0,template/* hasTemplate */.rJ)(arg))
                continue;
            const split = (0,template/* splitTemplate */.LL)(arg);
            const raw = split.ok ? (split.parts.find((p) => p.kind === 'expr')?.raw ?? '${{') : '${{';
            this.errors.push(new dagline_error/* ExpressionError */.tj(`command: ${raw} is run as code by ${by}; no value is safe there`, this.locator.inText([...path, index], raw), 'pass the value as an argument after the code string and read it as "$1", or through env:'));
        }
    }
    /** The place of an offset into a `run` script, found in the file by the text of its line. */
    placeInScript(path, script, offset) {
        const lineStart = script.lastIndexOf('\n', offset - 1) + 1;
        const lineEnd = script.indexOf('\n', offset);
        const line = script.slice(lineStart, lineEnd < 0 ? script.length : lineEnd);
        if (line.trim() === '')
            return this.at(path);
        let occurrence = 0;
        for (let at = script.indexOf(line); at >= 0 && at < lineStart; at = script.indexOf(line, at + 1))
            occurrence++;
        return this.locator.inText(path, line, occurrence, offset - lineStart);
    }
    checkExtractPath(file, path) {
        const problem = pathProblem(file);
        if (problem === 'absolute')
            this.errors.push(new dagline_error/* SchemaError */.Ar(`extract path "${file}" is absolute`, this.at(path), 'extract paths are relative to the working directory'));
        else if (problem === 'leaves')
            this.errors.push(new dagline_error/* SchemaError */.Ar(`extract path "${file}" leaves the working directory`, this.at(path), 'keep extracts inside the working directory'));
    }
    checkMatrix(task, rules) {
        const matrix = task.matrix;
        const path = ['tasks', task.id, 'matrix'];
        if (matrix.axes.length === 0 && matrix.include.length === 0) {
            this.errors.push(new dagline_error/* SchemaError */.Ar(`the matrix of task "${task.id}" has no axes`, this.at(path, 'key'), 'add an axis, e.g. period: [day, month]'));
            return;
        }
        let dynamic = false;
        for (const axis of matrix.axes) {
            const axisPath = [...path, axis.name];
            if (typeof axis.values === 'string') {
                dynamic = true;
                const split = (0,template/* splitTemplate */.LL)(axis.values.trim());
                if (!split.ok || split.parts.length !== 1 || split.parts[0]?.kind !== 'expr') {
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`matrix.${axis.name}: a matrix axis is a list of values, or one \${{ }} expression giving a list`, this.at(axisPath)));
                    continue;
                }
                this.checkTemplates(axis.values, axisPath, SCOPES.matrixAxis, rules);
                continue;
            }
            const values = axis.values;
            values.forEach((value, i) => {
                if (values.indexOf(value) !== i) {
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`matrix.${axis.name}: value ${JSON.stringify(value)} is listed twice`, this.at([...axisPath, i])));
                }
            });
        }
        const axisNames = matrix.axes.map((a) => a.name);
        matrix.exclude.forEach((entry, i) => {
            for (const key of Object.keys(entry)) {
                if (!axisNames.includes(key)) {
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`matrix.exclude[${i}]: "${key}" is not an axis of the matrix`, this.at([...path, 'exclude', i, key], 'key'), (0,did_you_mean/* didYouMean */.au)(key, axisNames)));
                }
            }
        });
        for (const [key, list] of [
            ['include', matrix.include],
            ['exclude', matrix.exclude],
        ]) {
            list.forEach((entry, i) => {
                if (Object.keys(entry).length === 0)
                    this.errors.push(new dagline_error/* SchemaError */.Ar(`matrix.${key}[${i}] is empty`, this.at([...path, key, i])));
            });
        }
        if (!dynamic && (0,expand_matrix/* expandMatrix */.Eh)(matrix).length === 0) {
            this.errors.push(new dagline_error/* SchemaError */.Ar(`the matrix of task "${task.id}" has no legs: \`exclude\` removes every combination`, this.at(path, 'key')));
        }
    }
    /**
     * `needs.<id>` may read the direct needs: the tasks a task (or its stage)
     * names, and the tasks of the stages they name. Answered per lookup, not
     * by listing stage members, which would cost a stage's size per task.
     */
    referenceRules(task) {
        const stageNeeds = task.stage === undefined ? [] : (this.pipeline.stages.get(task.stage)?.needs ?? []);
        const declared = (name) => task.needs.includes(name) || stageNeeds.includes(name);
        const need = (id) => {
            const candidate = this.tasksLower.get(id.toLowerCase());
            if (!candidate)
                return undefined;
            return declared(candidate.id) || (candidate.stage !== undefined && declared(candidate.stage))
                ? candidate
                : undefined;
        };
        const needIds = () => [...this.pipeline.tasks.values()].filter((t) => need(t.id)).map((t) => t.id);
        return { task, need, needIds };
    }
    checkNeedsList(needs, path, owner, selfProblem) {
        needs.forEach((need, i) => {
            // Places are looked up only for errors: most needs are fine.
            const at = () => this.needsEntryPlace(path, i, needs.length);
            const self = selfProblem(need);
            if (self) {
                this.errors.push(new dagline_error/* GraphError */.h9(self, at()));
                return;
            }
            if (needs.indexOf(need) !== i) {
                this.errors.push(new dagline_error/* GraphError */.h9(`${owner} needs "${need}" twice`, at()));
                return;
            }
            if (!this.pipeline.tasks.has(need) && !this.pipeline.stages.has(need)) {
                const hint = (0,did_you_mean/* didYouMean */.au)(need, [...this.pipeline.tasks.keys(), ...this.pipeline.stages.keys()].filter((name) => !owner.endsWith(`"${name}"`)));
                this.errors.push(new dagline_error/* GraphError */.h9(`${owner} needs unknown task "${need}"`, at(), hint));
            }
        });
    }
    // ---- cycles ---------------------------------------------------------------
    checkCycles() {
        if ((0,dag/* orderOf */.mJ)(this.dag))
            return;
        for (const cycle of findCycles(this.dag)) {
            const edges = cycle.map((from, i) => [from, cycle[(i + 1) % cycle.length]]);
            const places = edges.map(([from, to]) => this.edgePlace(from, to));
            const names = [...cycle, cycle[0]].map((node) => (0,dag/* nodeLabel */.dA)(this.dag, node));
            const lines = edges.map(([from, to], i) => `${(0,dag/* nodeLabel */.dA)(this.dag, from)} -> ${(0,dag/* nodeLabel */.dA)(this.dag, to)} at line ${places[i]?.line ?? '?'}`);
            this.errors.push(new dagline_error/* GraphError */.h9(`cycle: ${names.join(' -> ')}`, places[0] ?? {}, lines.join('; ')));
        }
    }
    /** Where the edge `from -> to` is declared: the `needs` entry (or `stage:`) that makes it. */
    edgePlace(from, to) {
        const fromName = this.dag.names[from];
        if ((0,dag/* isGate */.cE)(this.dag, to))
            return this.at(['tasks', fromName, 'stage']);
        const task = this.pipeline.tasks.get(this.dag.names[to]);
        const own = task.needs.indexOf(fromName);
        if (own >= 0)
            return this.needsEntryPlace(['tasks', task.id, 'needs'], own, task.needs.length);
        const stage = task.stage === undefined ? undefined : this.pipeline.stages.get(task.stage);
        const inStage = stage?.needs.indexOf(fromName) ?? -1;
        if (stage && inStage >= 0)
            return this.needsEntryPlace(['stages', stage.name, 'needs'], inStage, stage.needs.length);
        return this.at(['tasks', task.id]);
    }
    needsEntryPlace(path, index, count) {
        return this.at(count === 1 && !Array.isArray(valueAt(this.file, path)) ? path : [...path, index]);
    }
    // ---- expressions ----------------------------------------------------------
    checkCondition(text, path, scope, rules) {
        if (text === 'true' || text === 'false')
            return;
        const condition = (0,template/* conditionSource */.Ts)(text);
        if (!condition) {
            this.errors.push(new dagline_error/* ExpressionError */.tj('an `if` must be one expression; text around ${{ }} would make it always true', this.at(path), 'write `if: a == b` or `if: ${{ a == b }}`'));
            return;
        }
        const placeAt = (offset) => this.locator.inText(path, condition.source, 0, offset);
        const parsed = (0,parse_expression/* parseExpression */.YK)(condition.source, scope);
        if (!parsed.ok) {
            this.errors.push(new dagline_error/* ExpressionError */.tj(`if: ${parsed.message}`, placeAt(parsed.offset), parsed.hint));
            return;
        }
        this.checkReferences(parsed.expression, rules, placeAt, 'if');
    }
    checkTemplates(text, path, scope, rules) {
        if (!(0,template/* hasTemplate */.rJ)(text))
            return;
        const field = fieldName(path);
        const split = (0,template/* splitTemplate */.LL)(text);
        if (!split.ok) {
            this.errors.push(new dagline_error/* ExpressionError */.tj(split.message, this.locator.inText(path, '${{', countBefore(text, '${{', split.offset))));
            return;
        }
        const seen = new Map();
        for (const part of split.parts) {
            if (part.kind !== 'expr')
                continue;
            const occurrence = seen.get(part.raw) ?? 0;
            seen.set(part.raw, occurrence + 1);
            const shift = part.raw.indexOf(part.source);
            const placeAt = (offset) => this.locator.inText(path, part.raw, occurrence, shift + offset);
            const parsed = (0,parse_expression/* parseExpression */.YK)(part.source, scope);
            if (!parsed.ok) {
                this.errors.push(new dagline_error/* ExpressionError */.tj(`${field}: ${parsed.message}`, placeAt(parsed.offset), parsed.hint));
                continue;
            }
            this.checkReferences(parsed.expression, rules, placeAt, field);
        }
    }
    checkReferences(expression, rules, placeAt, field) {
        for (const reference of expression.references) {
            const problem = this.referenceProblem(reference, rules);
            if (problem)
                this.errors.push(new dagline_error/* ExpressionError */.tj(`${field}: ${problem.message}`, placeAt(reference.offset), problem.hint));
        }
    }
    referenceProblem(reference, rules) {
        const [root, first, second, third] = reference.path;
        const named = (s) => s !== undefined && s !== '*';
        switch (root?.toLowerCase()) {
            case 'params':
                if (named(first) && !this.paramsLower.has(first.toLowerCase())) {
                    return {
                        message: `unknown param "${first}"`,
                        hint: (0,did_you_mean/* didYouMean */.au)(first, this.pipeline.params.keys()) ?? 'declare it under params:',
                    };
                }
                return undefined;
            case 'needs': {
                if (!named(first))
                    return undefined;
                const need = rules.need(first);
                if (!need) {
                    const owner = rules.task ? `task "${rules.task.id}"` : 'this place';
                    if (this.pipeline.tasks.has(first)) {
                        return {
                            message: `needs.${first}: "${first}" is not among the needs of ${owner}`,
                            hint: `add it to needs:`,
                        };
                    }
                    const near = (0,did_you_mean/* closest */.kp)(first, rules.needIds());
                    return {
                        message: `needs.${first}: ${owner} does not need a task "${first}"`,
                        ...(near && { hint: `did you mean "${near}"?` }),
                    };
                }
                if (second === undefined || second === '*')
                    return undefined;
                if (second === 'result')
                    return undefined;
                if (second === 'legs')
                    return need.matrix ? legsProblem(need, reference.path) : noLegs(need);
                if (second !== 'outputs') {
                    const keys = need.matrix ? ['result', 'legs'] : ['result', 'outputs'];
                    return {
                        message: `needs.${first}.${second}: a need has \`${keys[0]}\` and \`${keys[1]}\``,
                        hint: (0,did_you_mean/* didYouMean */.au)(second, keys),
                    };
                }
                if (need.matrix)
                    return matrixOutputs(need, third);
                return outputProblem(`needs.${first}.outputs`, need, third);
            }
            case 'matrix': {
                const task = rules.task;
                if (!task?.matrix)
                    return {
                        message: `matrix${named(first) ? `.${first}` : ''}: task${task ? ` "${task.id}"` : ''} has no matrix`,
                    };
                const keys = (0,expand_matrix/* matrixKeys */.WS)(task.matrix);
                if (named(first) && !keys.some((k) => k.toLowerCase() === first.toLowerCase())) {
                    return {
                        message: `matrix.${first}: the matrix has no key "${first}"`,
                        hint: (0,did_you_mean/* didYouMean */.au)(first, keys) ?? `its keys: ${keys.join(', ')}`,
                    };
                }
                return undefined;
            }
            case 'run':
                if (named(first) && !RUN_CONTEXT_KEYS.includes(first.toLowerCase())) {
                    return {
                        message: `run.${first}: the run context has ${RUN_CONTEXT_KEYS.join(', ')}`,
                        hint: (0,did_you_mean/* didYouMean */.au)(first, RUN_CONTEXT_KEYS),
                    };
                }
                return undefined;
            case 'pipeline':
                if (named(first) && !PIPELINE_CONTEXT_KEYS.includes(first.toLowerCase())) {
                    return {
                        message: `pipeline.${first}: the pipeline context has ${PIPELINE_CONTEXT_KEYS.join(', ')}`,
                        hint: (0,did_you_mean/* didYouMean */.au)(first, PIPELINE_CONTEXT_KEYS),
                    };
                }
                return undefined;
            default:
                return undefined;
        }
    }
}
/** Whether a relative path is absolute, or leaves the folder it is relative to (`a/../../b`). */
function pathProblem(file) {
    if (/^([/\\]|[A-Za-z]:)/.test(file))
        return 'absolute';
    let depth = 0;
    for (const part of file.split(/[/\\]/)) {
        if (part === '..')
            depth--;
        else if (part !== '.' && part !== '')
            depth++;
        if (depth < 0)
            return 'leaves';
    }
    return undefined;
}
/** A declared output of a need, by `<prefix>.<name>`. */
function outputProblem(prefix, need, name) {
    if (name === undefined || name === '*')
        return undefined;
    if (need.outputs.length === 0) {
        return {
            message: `${prefix}.${name}: task "${need.id}" declares no outputs`,
            hint: `list the names it writes under outputs:`,
        };
    }
    if (!need.outputs.some((o) => o.toLowerCase() === name.toLowerCase())) {
        return {
            message: `${prefix}.${name}: task "${need.id}" declares no output "${name}"`,
            hint: (0,did_you_mean/* didYouMean */.au)(name, need.outputs) ?? `its outputs: ${need.outputs.join(', ')}`,
        };
    }
    return undefined;
}
/**
 * A matrix task has no outputs of its own: each leg has its own (on GitHub a matrix job's outputs
 * are whichever leg wrote last). They are read by leg, `needs.<id>.legs`.
 */
function matrixOutputs(need, name) {
    const output = name === undefined || name === '*' ? (need.outputs[0] ?? '<name>') : name;
    const legs = staticLegNames(need);
    const shown = legs ? ` (${(0,did_you_mean/* someNames */.Xq)(legs, 4)})` : '';
    const one = legs?.[0] ?? `${need.id} (...)`;
    return {
        message: `needs.${need.id}.outputs${name === undefined ? '' : `.${name}`}: task "${need.id}" is a matrix, and each of its legs${shown} has outputs of its own`,
        hint: `read one leg's as needs.${need.id}.legs['${one}'].outputs.${output}, or every leg's, in leg order, as needs.${need.id}.legs.*.outputs.${output}`,
    };
}
function noLegs(need) {
    return {
        message: `needs.${need.id}.legs: task "${need.id}" has no matrix`,
        hint: `read its outputs as needs.${need.id}.outputs.<name>`,
    };
}
/** `needs.<id>.legs[<leg>].<field>...`: a leg of the matrix, and a leg has `matrix`, `result` and `outputs`. */
function legsProblem(need, path) {
    const [, , , leg, field, name] = path;
    const prefix = `needs.${need.id}.legs`;
    const legs = staticLegNames(need);
    if (leg !== undefined && leg !== '*' && legs && !legs.some((name) => name.toLowerCase() === leg.toLowerCase())) {
        return {
            message: `${prefix}['${leg}']: task "${need.id}" has no leg "${leg}"`,
            hint: (0,did_you_mean/* didYouMean */.au)(leg, legs) ?? `its legs: ${(0,did_you_mean/* someNames */.Xq)(legs)}`,
        };
    }
    if (field === undefined || field === '*')
        return undefined;
    const fields = ['matrix', 'result', 'outputs'];
    if (!fields.includes(field)) {
        return {
            message: `${prefix}[...].${field}: a leg has matrix, result and outputs`,
            hint: (0,did_you_mean/* didYouMean */.au)(field, fields),
        };
    }
    return field === 'outputs' ? outputProblem(`${prefix}[...].outputs`, need, name) : undefined;
}
/** The leg names of a matrix whose axes are all written out; undefined when one comes from an expression. */
function staticLegNames(task) {
    if (!task.matrix || task.matrix.axes.some((axis) => !Array.isArray(axis.values)))
        return undefined;
    return (0,expand_matrix/* expandMatrix */.Eh)(task.matrix).map((leg) => (0,expand_matrix/* legName */.ue)(task.id, leg));
}
function valueAt(root, path) {
    let value = root;
    for (const segment of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[segment];
    }
    return value;
}
/** `run`, `command[1]`, `with.scheduler`: the field a template stands in, for messages. */
function fieldName(path) {
    const last = path[path.length - 1];
    if (typeof last === 'number')
        return `${String(path[path.length - 2])}[${last}]`;
    const parent = path[path.length - 2];
    return parent === 'env' || parent === 'with' ? `${parent}.${String(last)}` : String(last);
}
function countBefore(text, needle, offset) {
    let count = 0;
    for (let at = text.indexOf(needle); at >= 0 && at < offset; at = text.indexOf(needle, at + 1))
        count++;
    return count;
}


/***/ }),

/***/ 6561:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B: () => (/* binding */ loadPipeline),
  v: () => (/* binding */ sortByPlace)
});

// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/pipeline-format/model.ts
var model = __webpack_require__(4135);
;// CONCATENATED MODULE: ./src/pipeline-format/build-pipeline.ts


/**
 * The model of a file that passed the schema: defaults applied, durations in
 * milliseconds, one-or-many fields as lists. Nothing here can fail; what is
 * wrong but well-typed is found by checkPipeline.
 */
function buildPipeline(file, fileName, text) {
    const defaults = file.defaults ?? {};
    const params = new Map();
    for (const [name, p] of Object.entries(file.params ?? {})) {
        params.set(name, {
            name,
            type: p.type ?? 'string',
            ...(p.description !== undefined && { description: p.description }),
            ...(p.options !== undefined && { options: p.options }),
            ...(p.default !== undefined && { default: p.default }),
            required: p.required ?? false,
        });
    }
    const stages = new Map();
    for (const [name, s] of Object.entries(file.stages ?? {})) {
        stages.set(name, {
            name,
            ...(s.description !== undefined && { description: s.description }),
            ...(s.if !== undefined && { if: String(s.if) }),
            needs: list(s.needs),
        });
    }
    const tasks = new Map();
    for (const [id, t] of Object.entries(file.tasks)) {
        const runsOn = t['runs-on'] ?? defaults['runs-on'];
        const environment = typeof t.environment === 'string' ? { name: t.environment } : t.environment;
        const retryMaxDelay = t['retry-max-delay'] ?? defaults['retry-max-delay'];
        const task = {
            id,
            needs: list(t.needs),
            action: actionOf(t, defaults.shell ?? model/* BUILTIN_DEFAULTS */.hz.shell),
            env: envOf(t.env),
            outputs: t.outputs ?? [],
            retry: {
                retries: t.retries ?? defaults.retries ?? model/* BUILTIN_DEFAULTS */.hz.retries,
                delayMs: durationOr(t['retry-delay'] ?? defaults['retry-delay'], model/* BUILTIN_DEFAULTS */.hz.retryDelayMs),
                backoff: t['retry-backoff'] ?? defaults['retry-backoff'] ?? model/* BUILTIN_DEFAULTS */.hz.retryBackoff,
                ...(retryMaxDelay !== undefined && { maxDelayMs: (0,model/* parseDuration */.E9)(retryMaxDelay) }),
            },
            timeoutMs: durationOr(t.timeout ?? defaults.timeout, model/* BUILTIN_DEFAULTS */.hz.timeoutMs),
            produces: extracts(t.produces),
            consumes: extracts(t.consumes),
            runsOn: runsOn === undefined ? model/* BUILTIN_DEFAULTS */.hz.runsOn : list(runsOn),
            continueOnError: t['continue-on-error'] ?? false,
        };
        if (t.name !== undefined)
            task.name = t.name;
        if (t.description !== undefined)
            task.description = t.description;
        if (t.stage !== undefined)
            task.stage = t.stage;
        if (t.group !== undefined)
            task.group = t.group;
        if (t.if !== undefined)
            task.if = String(t.if);
        const workingDirectory = t['working-directory'] ?? defaults['working-directory'];
        if (workingDirectory !== undefined)
            task.workingDirectory = workingDirectory;
        if (t.matrix !== undefined)
            task.matrix = matrixOf(t.matrix);
        if (t['max-parallel'] !== undefined)
            task.maxParallel = t['max-parallel'];
        if (t.sla !== undefined)
            task.slaMs = (0,model/* parseDuration */.E9)(t.sla);
        if (t.estimate !== undefined)
            task.estimateMs = (0,model/* parseDuration */.E9)(t.estimate);
        if (t.pool !== undefined)
            task.pool = t.pool;
        if (environment !== undefined)
            task.environment = environment;
        tasks.set(id, task);
    }
    const pipeline = {
        file: fileName,
        name: file.name,
        sources: list(file.sources),
        targets: list(file.targets),
        params,
        schedule: (file.schedule ?? []).map((s) => ({ cron: s.cron, params: s.params ?? {} })),
        runsOn: defaults['runs-on'] === undefined ? model/* BUILTIN_DEFAULTS */.hz.runsOn : list(defaults['runs-on']),
        requires: (file.requires ?? []).map((r) => ({ pipeline: r.pipeline, params: r.params ?? {} })),
        env: envOf(file.env),
        pools: new Map(Object.entries(file.pools ?? {})),
        stages,
        tasks,
        source: { text, sha256: (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex') },
    };
    for (const key of ['description', 'category', 'owner', 'type', 'tool']) {
        const value = file[key];
        if (value !== undefined)
            pipeline[key] = value;
    }
    if (file['max-consecutive-failures'] !== undefined)
        pipeline.maxConsecutiveFailures = file['max-consecutive-failures'];
    if (file.push !== undefined && file.push !== false)
        pipeline.push = { branches: file.push === true ? [] : (file.push.branches ?? []) };
    if (file.concurrency !== undefined) {
        pipeline.concurrency =
            typeof file.concurrency === 'string'
                ? { group: file.concurrency, onOverlap: 'fail' }
                : { group: file.concurrency.group, onOverlap: file.concurrency['on-overlap'] ?? 'fail' };
    }
    return pipeline;
}
function actionOf(t, defaultShell) {
    // checkPipeline reports a task with none or several of these; the model takes the first.
    if (t.run !== undefined)
        return { kind: 'run', script: t.run, shell: t.shell ?? defaultShell };
    if (t.command !== undefined)
        return { kind: 'command', argv: t.command.map(String) };
    if (t.pipeline !== undefined) {
        return {
            kind: 'pipeline',
            path: t.pipeline,
            with: { ...(t.with ?? {}) },
            dispatch: t.dispatch ?? false,
        };
    }
    return { kind: 'run', script: '', shell: t.shell ?? defaultShell };
}
function matrixOf(m) {
    const axes = [];
    for (const [name, values] of Object.entries(m)) {
        if (name === 'include' || name === 'exclude')
            continue;
        axes.push({ name, values: values });
    }
    return { axes, include: m.include ?? [], exclude: m.exclude ?? [] };
}
function extracts(items) {
    return (items ?? []).map((item) => {
        if (typeof item === 'string')
            return { path: item };
        const { external, ...spec } = item;
        return external ? { ...spec, external } : spec;
    });
}
function envOf(env) {
    const out = {};
    for (const [name, value] of Object.entries(env ?? {}))
        out[name] = String(value);
    return out;
}
function list(value) {
    if (value === undefined)
        return [];
    return Array.isArray(value) ? value : [value];
}
function durationOr(text, fallback) {
    return text === undefined ? fallback : (0,model/* parseDuration */.E9)(text);
}

// EXTERNAL MODULE: ./src/pipeline-format/check-pipeline.ts + 1 modules
var check_pipeline = __webpack_require__(96);
// EXTERNAL MODULE: ./src/pipeline-format/read-yaml.ts + 2 modules
var read_yaml = __webpack_require__(2842);
// EXTERNAL MODULE: ./src/errors/did-you-mean.ts
var did_you_mean = __webpack_require__(8144);
;// CONCATENATED MODULE: ./src/pipeline-format/schema-issues.ts


/**
 * Turns zod's issues into SchemaErrors a person can act on: the place in the
 * file, what was expected against what was found, and a hint where one helps
 * ("did you mean", YAML 1.2 booleans, durations written as bare numbers).
 */
function schemaErrors(issues, input, schema, locator) {
    const errors = [];
    for (const issue of issues) {
        const path = issue.path.filter((p) => typeof p !== 'symbol');
        if (issue.code === 'unrecognized_keys') {
            const known = knownKeys(schema, path);
            for (const key of issue.keys) {
                errors.push(new dagline_error/* SchemaError */.Ar(`${subject(path)}unknown key "${key}"`, locator.at([...path, key], 'key'), keyHint(key, known)));
            }
            continue;
        }
        if (issue.code === 'invalid_key') {
            const key = String(path[path.length - 1]);
            const inner = issue.issues[0];
            const why = inner && isCustom(inner.message) ? inner.message : 'not a valid name';
            errors.push(new dagline_error/* SchemaError */.Ar(`${subject(path.slice(0, -1))}"${key}": ${why}`, locator.at(path, 'key')));
            continue;
        }
        const actual = valueAt(input, path);
        if (actual === undefined && issue.code === 'invalid_type') {
            const parent = path.slice(0, -1);
            errors.push(new dagline_error/* SchemaError */.Ar(`${subject(parent)}missing required key "${String(path[path.length - 1])}"`, locator.at(parent)));
            continue;
        }
        errors.push(new dagline_error/* SchemaError */.Ar(`${subject(path)}${problem(issue, actual)}`, locator.at(path), valueHint(issue, actual)));
    }
    return errors;
}
/** `tasks.load.needs[1]: ` — the dotted path of the offending value. */
function formatPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else
            out += out === '' ? segment : `.${segment}`;
    }
    return out;
}
function subject(path) {
    return path.length === 0 ? '' : `${formatPath(path)}: `;
}
/** Our schema's own messages are lowercase sentences; zod's defaults are not. */
function isCustom(message) {
    return !/^(Invalid|Too |Unrecognized|Expected)/.test(message);
}
function problem(issue, actual) {
    const got = `, got ${describeValue(actual)}`;
    if (isCustom(issue.message))
        return `${issue.message}${got}`;
    switch (issue.code) {
        case 'invalid_type':
            return `expected ${typeName(issue.expected, issue)}${got}`;
        case 'invalid_value':
            return `expected one of ${issue.values.map((v) => String(v)).join(', ')}${got}`;
        case 'too_small':
            if (issue.origin === 'array')
                return `must not be empty`;
            if (issue.origin === 'string')
                return `must not be empty`;
            return `must be at least ${String(issue.minimum)}${got}`;
        case 'too_big':
            return `must be at most ${String(issue.maximum)}${got}`;
        default:
            return `${issue.message}${got}`;
    }
}
function typeName(expected, issue) {
    if (expected === 'number' && 'format' in issue && issue.format === 'safeint')
        return 'a whole number';
    const names = {
        string: 'a string',
        number: 'a number',
        int: 'a whole number',
        boolean: 'true or false',
        object: 'a mapping',
        record: 'a mapping',
        array: 'a list',
    };
    return names[expected] ?? expected;
}
function describeValue(value) {
    if (value === null || value === undefined)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return `${typeof value} ${String(value)}`;
}
function valueHint(issue, actual) {
    if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof actual === 'string') {
        if (/^(yes|no|on|off|y|n)$/i.test(actual))
            return 'YAML 1.2 reads yes/no/on/off as text: write true or false';
        if (/^(true|false)$/i.test(actual))
            return 'remove the quotes to make it a boolean';
    }
    if (issue.code === 'invalid_type' &&
        issue.expected === 'number' &&
        typeof actual === 'string' &&
        actual.trim() !== '' &&
        !Number.isNaN(Number(actual))) {
        return 'remove the quotes to make it a number';
    }
    if (/duration/.test(issue.message) && typeof actual === 'number')
        return `write ${actual}s or ${actual}m`;
    if (issue.code === 'invalid_value' && typeof actual === 'string') {
        const match = (0,did_you_mean/* closest */.kp)(actual, issue.values.map(String));
        return match ? `did you mean "${match}"?` : undefined;
    }
    return undefined;
}
/**
 * Words users bring from GitHub Actions and Airflow, mapped to dagline's.
 * Edit distance alone would not find these.
 */
const synonyms = {
    depends_on: 'needs',
    'depends-on': 'needs',
    dependencies: 'needs',
    upstream: 'needs',
    after: 'needs',
    'timeout-minutes': 'timeout',
    execution_timeout: 'timeout',
    retry_delay: 'retry-delay',
    bash_command: 'run',
    script: 'run',
    steps: 'run',
    cmd: 'command',
    args: 'command',
    condition: 'if',
    when: 'if',
    inputs: 'params',
    parameters: 'params',
    default_args: 'defaults',
    strategy: 'matrix',
    jobs: 'tasks',
    dag_id: 'name',
    task_id: 'name',
};
function keyHint(key, known) {
    if (key === '<<')
        return 'merge keys (<<) are YAML 1.1; dagline reads YAML 1.2: use `defaults:` or repeat the keys';
    const synonym = synonyms[key] ?? synonyms[key.toLowerCase()];
    if (synonym && known.includes(synonym))
        return `did you mean "${synonym}"?`;
    const match = (0,did_you_mean/* closest */.kp)(key, known);
    return match ? `did you mean "${match}"?` : undefined;
}
function valueAt(input, path) {
    let value = input;
    for (const segment of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[segment];
    }
    return value;
}
/** The keys the schema accepts for the mapping at `path`, for "did you mean". */
function knownKeys(schema, path) {
    let node = schema;
    for (const segment of path) {
        node = node && child(objectOf(node), segment);
    }
    const object = node && objectOf(node);
    const def = object?._zod.def;
    return def?.shape ? Object.keys(def.shape) : [];
}
function objectOf(node) {
    const def = node._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')
        return def.innerType && objectOf(def.innerType);
    if (def.type === 'union') {
        for (const option of def.options ?? []) {
            const found = objectOf(option);
            if (found && ['object', 'record', 'array'].includes(found._zod.def.type))
                return found;
        }
        return undefined;
    }
    return node;
}
function child(node, segment) {
    if (!node)
        return undefined;
    const def = node._zod.def;
    if (def.type === 'object')
        return def.shape?.[String(segment)];
    if (def.type === 'record')
        return def.valueType;
    if (def.type === 'array')
        return def.element;
    return undefined;
}

// EXTERNAL MODULE: ./src/pipeline-format/schema.ts
var schema = __webpack_require__(7283);
;// CONCATENATED MODULE: ./src/pipeline-format/load-pipeline.ts






/**
 * Text (or bytes) to a checked Pipeline, or every error found, each with its
 * place. Pure: the caller reads the file. It returns errors as values and
 * never throws for anything in the input.
 */
function loadPipeline(input, file, limits = read_yaml/* defaultYamlLimits */.DF) {
    const yaml = (0,read_yaml/* readYaml */.gM)(input, file, limits);
    if (!yaml.ok)
        return { ok: false, errors: yaml.errors };
    dropExtensionKeys(yaml.value);
    const refused = refusedInput(yaml.value, yaml.locator);
    const { data, errors } = parseWithZod(yaml.value, yaml.locator);
    // A refused name is left out of the rest of the checks: what names it would only repeat the error.
    if (refused.length > 0)
        return { ok: false, errors: sortByPlace([...refused, ...errors]) };
    if (data === undefined)
        return { ok: false, errors };
    const pipeline = buildPipeline(data, file, yaml.text);
    errors.push(...(0,check_pipeline/* checkPipeline */.tO)(pipeline, data, yaml.locator));
    if (errors.length > 0)
        return { ok: false, errors: sortByPlace(errors), unchecked: pipeline };
    return { ok: true, pipeline, locator: yaml.locator };
}
/**
 * The zod schema's verdict, with the errors and their places. Unknown keys alone leave a
 * well-typed rest: it is checked too (and is the data), so one pass reports everything.
 * (The schema has no defaults or transforms: a value zod accepts is its own parsed data.)
 */
function parseWithZod(value, locator) {
    const { PipelineSchema } = (0,schema/* pipelineSchemas */.Pj)();
    const parsed = PipelineSchema.safeParse(value);
    if (parsed.success)
        return { data: parsed.data, errors: [] };
    const errors = schemaErrors(parsed.error.issues, value, PipelineSchema, locator);
    if (!parsed.error.issues.every((issue) => issue.code === 'unrecognized_keys'))
        return { errors };
    for (const issue of parsed.error.issues)
        dropKeys(value, issue.path, issue.code === 'unrecognized_keys' ? issue.keys : []);
    const rest = PipelineSchema.safeParse(value);
    return rest.success ? { data: rest.data, errors } : { errors };
}
/**
 * Top-level keys starting with `x-` are free for the user, as in Compose
 * files: a place to define YAML anchors that tasks then alias.
 */
function dropExtensionKeys(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return;
    for (const key of Object.keys(value))
        if (key.startsWith(schema/* EXTENSION_PREFIX */.Jb))
            delete value[key];
}
/**
 * What no pipeline may hold, found in one walk of the values before zod, each at its place:
 * - a key that is a name every JavaScript object has (schema.ts OBJECT_NAMES): every key of a
 *   pipeline is one of dagline's words or a name the user chose (task, stage, param, env, pool,
 *   matrix axis). Zod drops a key `__proto__` without a word, so it is refused here, and left out
 *   of the value so no later check repeats it (names in lists, as outputs are, the schema refuses);
 * - a NUL character in any text: no command line, environment variable or file name can carry
 *   one, so a script, an env value, a matrix value or a default holding one could only fail when
 *   its task starts, after others have run.
 */
function refusedInput(root, locator) {
    const errors = [];
    const path = [];
    const walk = (value) => {
        if (typeof value === 'string') {
            if (value.includes('\0'))
                errors.push(new dagline_error/* SchemaError */.Ar('this text holds a NUL character, which no command, argument or environment variable can carry', locator.at([...path]), 'remove the \\0'));
        }
        else if (Array.isArray(value))
            value.forEach((item, i) => {
                path.push(i);
                walk(item);
                path.pop();
            });
        else if (value !== null && typeof value === 'object')
            for (const key of Object.keys(value)) {
                const item = value[key];
                path.push(key);
                if (schema/* OBJECT_NAMES */.xq.has(key.toLowerCase())) {
                    errors.push(new dagline_error/* SchemaError */.Ar(`"${key}" cannot be a name: every JavaScript object has a member of that name`, locator.at([...path], 'key'), 'choose another name'));
                    delete value[key];
                }
                else
                    walk(item);
                path.pop();
            }
    };
    walk(root);
    return errors;
}
function dropKeys(root, path, keys) {
    let value = root;
    for (const segment of path)
        value = value[segment];
    for (const key of keys)
        delete value[key];
}
/** Errors in the order of the file, the order a reader fixes them. */
function sortByPlace(errors) {
    return errors
        .map((error, i) => ({ error, i }))
        .sort((a, b) => (a.error.line ?? 0) - (b.error.line ?? 0) || (a.error.column ?? 0) - (b.error.column ?? 0) || a.i - b.i)
        .map(({ error }) => error);
}


/***/ }),

/***/ 4135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a2: () => (/* binding */ retryDelay),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   hz: () => (/* binding */ BUILTIN_DEFAULTS)
/* harmony export */ });
/**
 * The pipeline as the rest of dagline reads it: defaults applied, durations in
 * milliseconds, one-or-many fields as lists, maps in file order. Built from a
 * file that passed the schema (build-pipeline.ts); checked by check-pipeline.ts.
 */
/** Built-in defaults, for what neither the task nor `defaults:` sets. */
const BUILTIN_DEFAULTS = {
    retries: 0,
    retryDelayMs: 10_000,
    retryBackoff: 1,
    /** GitHub's job timeout, so a task behaves the same on both engines. */
    timeoutMs: 6 * 60 * 60 * 1000,
    shell: 'bash',
    runsOn: ['ubuntu-latest'],
};
/** Before retry n+1: retry-delay * retry-backoff^(n-1), capped by retry-max-delay. */
function retryDelay(task, failedAttempt) {
    const delay = task.retry.delayMs * task.retry.backoff ** (failedAttempt - 1);
    return Math.min(delay, task.retry.maxDelayMs ?? Infinity);
}
/** Milliseconds of a duration the schema accepted (500ms, 90s, 10m, 1h30m, 2d). */
function parseDuration(text) {
    const units = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
    let total = 0;
    for (const match of text.matchAll(/(\d+)(ms|d|h|m|s)/g)) {
        total += Number(match[1]) * (units[match[2]] ?? 0);
    }
    return total;
}
/** A duration for people: 1h30m, 45s, 250ms. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    let seconds = Math.round(ms / 1000);
    const parts = [];
    for (const [unit, size] of [
        ['d', 86_400],
        ['h', 3600],
        ['m', 60],
    ]) {
        if (seconds >= size) {
            parts.push(`${Math.floor(seconds / size)}${unit}`);
            seconds %= size;
        }
    }
    if (seconds > 0 || parts.length === 0)
        parts.push(`${seconds}s`);
    return parts.join('');
}


/***/ }),

/***/ 7118:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ coerceParamValue)
/* harmony export */ });
/* harmony import */ var _errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8144);

/**
 * A value for a param, typed by its declaration. `raw` is text from the
 * command line or a dispatch input, or a YAML scalar (a default, a schedule's
 * params, a `with:`). Text converts to number or boolean as a
 * workflow_dispatch input would; a YAML scalar must already have the type.
 */
function coerceParamValue(spec, raw, fromText) {
    // Every param reaches every task's environment (DAGLINE_PARAM_*), which cannot carry a NUL: refused
    // here, before anything runs, not by the first task that starts.
    if (typeof raw === 'string' && raw.includes('\0'))
        return {
            ok: false,
            message: `the value of param "${spec.name}" holds a NUL character, which no command, argument or environment variable can carry`,
        };
    switch (spec.type) {
        case 'string':
            return typeof raw === 'string' || fromText ? { ok: true, value: String(raw) } : typeError(spec, raw);
        case 'choice': {
            const text = String(raw);
            const options = spec.options ?? [];
            if (options.includes(text))
                return { ok: true, value: text };
            const near = (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_0__/* .closest */ .kp)(text, options);
            return {
                ok: false,
                message: `${JSON.stringify(text)} is not an option of param "${spec.name}" (options: ${options.map((o) => JSON.stringify(o)).join(', ')})`,
                ...(near !== undefined && { hint: `did you mean "${near}"?` }),
            };
        }
        case 'boolean':
            if (typeof raw === 'boolean')
                return { ok: true, value: raw };
            if (fromText && /^(true|false)$/.test(String(raw)))
                return { ok: true, value: String(raw) === 'true' };
            return {
                ok: false,
                message: `param "${spec.name}" is a boolean; got ${JSON.stringify(raw)}`,
                hint: 'use true or false',
            };
        case 'number': {
            if (typeof raw === 'number' && Number.isFinite(raw))
                return { ok: true, value: raw };
            const text = String(raw).trim();
            const value = Number(text);
            if (fromText && text !== '' && Number.isFinite(value))
                return { ok: true, value };
            const quoted = typeof raw === 'string' && text !== '' && Number.isFinite(value);
            return {
                ok: false,
                message: `param "${spec.name}" is a number; got ${JSON.stringify(raw)}`,
                ...(quoted && { hint: 'remove the quotes to make it a number' }),
            };
        }
    }
}
function typeError(spec, raw) {
    return {
        ok: false,
        message: `param "${spec.name}" is a ${spec.type}; got ${typeof raw} ${JSON.stringify(raw)}`,
        hint: 'quote the value to make it text',
    };
}


/***/ }),

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


/***/ }),

/***/ 3033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eh: () => (/* binding */ expandMatrix),
/* harmony export */   VY: () => (/* binding */ legIdentity),
/* harmony export */   WS: () => (/* binding */ matrixKeys),
/* harmony export */   ue: () => (/* binding */ legName)
/* harmony export */ });
/* unused harmony export canonicalJson */
/**
 * The legs of a matrix, with GitHub Actions' semantics: the product of the
 * axes (first axis slowest), minus every leg an `exclude` entry matches, then
 * each `include` entry is added to every leg it can extend without
 * overwriting an axis value, or becomes a leg of its own when it extends none.
 * `values` of an axis given as an expression must be resolved first
 * (`resolvedAxes`).
 */
function expandMatrix(matrix, resolvedAxes) {
    let legs = [{}];
    const axisNames = matrix.axes.map((a) => a.name);
    for (const axis of matrix.axes) {
        const values = Array.isArray(axis.values) ? axis.values : (resolvedAxes?.get(axis.name) ?? []);
        const next = [];
        for (const leg of legs)
            for (const value of values)
                next.push({ ...leg, [axis.name]: value });
        legs = next;
    }
    if (matrix.axes.length === 0)
        legs = [];
    legs = legs.filter((leg) => !matrix.exclude.some((ex) => matches(leg, ex)));
    const base = legs.map((leg) => ({ ...leg }));
    for (const entry of matrix.include) {
        let extended = false;
        base.forEach((original, i) => {
            // An include entry applies to a leg when it agrees on every original axis it names.
            const agrees = Object.entries(entry).every(([k, v]) => !axisNames.includes(k) || original[k] === v);
            if (agrees) {
                Object.assign(legs[i], entry);
                extended = true;
            }
        });
        if (!extended)
            legs.push({ ...entry });
    }
    return legs;
}
function matches(leg, partial) {
    return Object.entries(partial).every(([k, v]) => leg[k] === v);
}
/** GitHub's leg name: `load (day)`, `build (linux, 20)`. */
function legName(taskId, leg) {
    if (!leg || Object.keys(leg).length === 0)
        return taskId;
    return `${taskId} (${Object.values(leg).map(String).join(', ')})`;
}
/** Every key a leg may have: the axes and the keys `include` adds. */
function matrixKeys(matrix) {
    const keys = new Set(matrix.axes.map((a) => a.name));
    for (const entry of matrix.include)
        for (const key of Object.keys(entry))
            keys.add(key);
    return [...keys];
}
/** A leg's matrix values as one text, whatever order their keys come in (no matrix: `null`). */
function legIdentity(leg) {
    return leg === undefined || leg === null || Object.keys(leg).length === 0 ? 'null' : canonicalJson(leg);
}
/** JSON with object keys sorted: the same values give the same text, whatever order they came in. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object')
        return `{${Object.keys(value)
            .sort()
            .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
            .join(',')}}`;
    return JSON.stringify(value);
}


/***/ }),

/***/ 8295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ml: () => (/* binding */ UnsafeValueError),
  TJ: () => (/* binding */ analyzeShellTemplate),
  rz: () => (/* binding */ argumentsRunAsCode),
  Nz: () => (/* binding */ renderShellTemplate),
  f3: () => (/* binding */ singleQuoted)
});

// UNUSED EXPORTS: PLAIN_INTEGER, quoteForContext

// EXTERNAL MODULE: ./src/expressions/template.ts
var template = __webpack_require__(725);
// EXTERNAL MODULE: ./src/plan/shell-parser-library.cjs
var shell_parser_library = __webpack_require__(4356);
var shell_parser_library_default = /*#__PURE__*/__webpack_require__.n(shell_parser_library);
;// CONCATENATED MODULE: ./src/plan/shell-syntax.ts

const parsers = new Map();
function parserFor(dialect) {
    let parser = parsers.get(dialect);
    if (!parser) {
        const syntax = shell_parser_library_default()();
        parser = syntax.NewParser(syntax.KeepComments(true), syntax.Variant(dialect === 'bash' ? syntax.LangBash : syntax.LangPOSIX));
        parsers.set(dialect, parser);
    }
    return parser;
}
/** Parses a script: its tree, or the first syntax error with its place in the script. */
function parseShell(script, dialect) {
    const toUtf16 = utf16Offsets(script);
    let file;
    try {
        file = parserFor(dialect).Parse(script, '');
    }
    catch (error) {
        const { message, byteOffset } = parseErrorOf(error);
        const offset = Math.min(toUtf16(byteOffset), script.length);
        const { line, column } = lineAndColumn(script, offset);
        return { ok: false, message, offset, line, column };
    }
    return { ok: true, file: convert(file.__internal_object__, toUtf16) };
}
/** The text of mvdan/sh's error without its "line:col: " prefix, and where it points. */
function parseErrorOf(error) {
    const e = error;
    const full = typeof e?.Error === 'function' ? e.Error() : String(error);
    let byteOffset = 0;
    try {
        byteOffset = e?.Pos?.Offset?.() ?? 0;
    }
    catch {
        byteOffset = 0;
    }
    const message = (typeof e?.Text === 'string' && e.Text !== '' ? e.Text : full.replace(/^\d+:\d+: /, '')).trim();
    return { message, byteOffset };
}
function lineAndColumn(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
}
/**
 * mvdan/sh counts UTF-8 bytes (GopherJS hands it the script as one byte per
 * character); JavaScript counts UTF-16 units. The identity for ASCII scripts.
 */
function utf16Offsets(script) {
    if (/^[\x00-\x7f]*$/.test(script))
        return (b) => b;
    const map = [];
    for (let i = 0; i < script.length; i++) {
        const code = script.codePointAt(i);
        const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        for (let k = 0; k < bytes; k++)
            map.push(i);
        if (code >= 0x10000)
            i++;
    }
    return (b) => (b >= map.length ? script.length : map[b]);
}
/**
 * The Go value as plain data: a struct pointer becomes a node with `type`, a
 * slice an array, a `syntax.Pos` its offset (-1 when unset), nil undefined.
 */
function convert(value, toUtf16) {
    if (value === null || typeof value !== 'object')
        return value;
    if ('$array' in value && '$length' in value) {
        const slice = value;
        const out = [];
        for (let i = 0; i < slice.$length; i++) {
            const item = convert(slice.$array[slice.$offset + i], toUtf16);
            if (item !== undefined)
                out.push(item);
        }
        return out;
    }
    const go = value;
    const typeName = go.constructor?.string;
    if (typeof typeName !== 'string' || value === go.constructor.nil)
        return undefined;
    if (typeName === 'syntax.Pos' || typeName === '*syntax.Pos') {
        return go.lineCol === 0 ? -1 : toUtf16(go.offs);
    }
    const node = { type: typeName.replace(/^\*?syntax\./, '') };
    for (const key of Object.keys(go)) {
        if (key === '$val')
            continue;
        const field = go[key];
        node[key] = typeof field === 'object' ? convert(field, toUtf16) : field;
    }
    return node;
}
/** The operator codes of this build, read once from a parse of each operator (they are Go constants). */
let operators;
function operatorName(code) {
    if (!operators) {
        operators = new Map();
        const names = ['-eq', '-ne', '-lt', '-le', '-gt', '-ge'];
        const tests = names.map((op) => `[[ a ${op} b ]]`).join('\n');
        const parsed = parseShell(`${tests}\n[[ -v a ]]\n[[ -R a ]]\ncat <<E\nE\ncat <<-E\nE\ncat <<< a\na | b\na |& b\n`, 'bash');
        if (!parsed.ok)
            throw new Error(`the shell parser refused its own operators: ${parsed.message}`);
        const stmts = parsed.file.Stmts;
        const cmd = (i) => stmts[i].Cmd;
        names.forEach((name, i) => operators.set(cmd(i).X.Op + 0x10000, name));
        operators.set(cmd(6).X.Op + 0x20000, '-v');
        operators.set(cmd(7).X.Op + 0x20000, '-R');
        const redirect = (i) => stmts[i].Redirs[0];
        operators.set(redirect(8).Op + 0x30000, '<<');
        operators.set(redirect(9).Op + 0x30000, '<<-');
        operators.set(redirect(10).Op + 0x30000, '<<<');
        operators.set(cmd(11).Op + 0x40000, '|');
        operators.set(cmd(12).Op + 0x40000, '|&');
    }
    return operators.get(code);
}
/** Operator kinds, as mvdan/sh numbers each kind from its own base. */
const OperatorKind = { binaryTest: 0x10000, unaryTest: 0x20000, redirect: 0x30000, binaryCmd: 0x40000 };

;// CONCATENATED MODULE: ./src/plan/shell-template.ts


/** Thrown by renderShellTemplate when a value cannot be placed safely. */
class UnsafeValueError extends Error {
    part;
    constructor(message, part) {
        super(message);
        this.part = part;
    }
}
/** A plain integer: an optional sign and decimal digits, no leading zero (bash reads 010 as octal), at most 18 digits (no 64-bit wrap). */
const PLAIN_INTEGER = /^[+-]?(0|[1-9][0-9]{0,17})$/;
const cache = new Map();
/**
 * The template of a `run` script for `shell` (bash or sh): where each
 * `${{ }}` stands. A template split error, or the script's first shell syntax
 * error (with templates standing in as words), is returned instead.
 */
function analyzeShellTemplate(script, shell = 'bash') {
    const key = `${shell}\0${script}`;
    const cached = cache.get(key);
    if (cached)
        return cached;
    const result = analyze(script, shell);
    if (cache.size >= 2000)
        cache.clear();
    cache.set(key, result);
    return result;
}
function analyze(script, shell) {
    const split = (0,template/* splitTemplate */.LL)(script);
    if (!split.ok)
        return { error: split.message, offset: split.offset };
    let skeleton = '';
    const starts = [];
    const placeholders = [];
    /** Skeleton offset -> script offset, at each part's start. */
    const partStarts = [];
    let scriptAt = 0;
    for (const part of split.parts) {
        partStarts.push({ skeleton: skeleton.length, script: scriptAt });
        if (part.kind === 'text') {
            skeleton += part.text;
            scriptAt += part.text.length;
        }
        else {
            // A word in every context: letters, digits and `_` only, and no line a heredoc ends at.
            const placeholder = `DAGLINE${starts.length}x`;
            starts.push(skeleton.length);
            placeholders.push(placeholder);
            skeleton += placeholder;
            scriptAt += part.raw.length;
        }
    }
    const toScript = (offset) => {
        let best = { skeleton: 0, script: 0 };
        for (const p of partStarts)
            if (p.skeleton <= offset)
                best = p;
        return best.script + Math.max(0, offset - best.skeleton);
    };
    const dialect = shell === 'sh' ? 'posix' : 'bash';
    const parsed = parseShell(skeleton, dialect);
    if (!parsed.ok)
        return { syntaxError: parsed.message, offset: toScript(parsed.offset) };
    if (starts.length === 0)
        return { parts: split.parts, slots: [], heredocs: [], placeholders };
    const main = new SlotFinder(skeleton, starts, placeholders, dialect).run(parsed.file);
    if (shell === 'sh') {
        // `sh` is dash on Debian and bash elsewhere (macOS): a value must be safe for both readings.
        const asBash = parseShell(skeleton, 'bash');
        if (asBash.ok) {
            const other = new SlotFinder(skeleton, starts, placeholders, 'bash').run(asBash.file);
            main.slots.forEach((slot, i) => {
                const b = other.slots[i];
                slot.evaluated ??= b.evaluated;
                slot.refused ??= b.refused;
                if (!slot.refused && (b.context !== slot.context || b.inBackquotes !== slot.inBackquotes)) {
                    slot.refused = {
                        message: 'stands where dash and bash read a `sh` script differently',
                        hint: 'pass the value through env: and read "$NAME" in the script',
                    };
                }
            });
        }
    }
    return { parts: split.parts, slots: main.slots, heredocs: main.heredocs, placeholders };
}
const ENV_HINT = 'pass the value through env: and read "$NAME" in the script';
const NAME_REFUSAL = {
    message: 'stands where the shell reads a variable name, and evaluates a subscript in it',
    hint: ENV_HINT,
};
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox', 'fish']);
/** Commands that run their arguments as a command: `sudo bash -c ...` is `bash -c ...`. */
const WRAPPERS = new Set([
    'command',
    'builtin',
    'exec',
    'env',
    'sudo',
    'nohup',
    'nice',
    'time',
    'timeout',
    'xargs',
    'stdbuf',
    'setsid',
    'doas',
    'chroot',
    'su',
    'flock',
    'ionice',
    'taskset',
    'watch',
    'strace',
    'unbuffer',
]);
const INTEGER_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
class SlotFinder {
    skeleton;
    starts;
    placeholders;
    dialect;
    slots;
    heredocs = [];
    /** Assignments whose value holds templates: `n=${{ }}`, `declare n=...`, `for n in ...`. */
    assignments = [];
    /** Variable names the shell evaluates as code: named in arithmetic, `${!x}`, `declare -i/-n`. */
    evaluatedNames = new Set();
    collecting = [];
    constructor(skeleton, starts, placeholders, dialect) {
        this.skeleton = skeleton;
        this.starts = starts;
        this.placeholders = placeholders;
        this.dialect = dialect;
        this.slots = new Array(starts.length);
    }
    run(file) {
        this.stmts(file.Stmts, { quote: 'bare', backquotes: false });
        this.comments(file.Last);
        this.followVariables();
        const slots = this.slots.map((slot) => slot ?? {
            context: 'bare',
            inBackquotes: false,
            refused: { message: 'stands where dagline cannot tell how the shell reads it', hint: ENV_HINT },
        });
        return { slots, heredocs: this.heredocs };
    }
    // -- leaves
    /** Gives every template inside [from, to) of the skeleton the context. */
    place(from, to, context, ctx) {
        this.starts.forEach((start, i) => {
            if (start < from || start >= to || this.slots[i])
                return;
            const slot = { context, inBackquotes: ctx.backquotes };
            if (ctx.evaluated)
                slot.evaluated = ctx.evaluated;
            if (ctx.heredoc !== undefined) {
                slot.heredoc = ctx.heredoc;
                slot.inHeredoc = true;
            }
            const refused = ctx.refused ?? this.escapedBefore(start, context, ctx.backquotes);
            if (refused)
                slot.refused = refused;
            this.slots[i] = slot;
            for (const list of this.collecting)
                list.push(i);
        });
    }
    /** A backslash right before the template would eat the quote that protects the value. */
    escapedBefore(start, context, backquotes) {
        if (context === 'single' || context === 'heredoc-literal' || context === 'comment')
            return undefined;
        let backslashes = 0;
        while (this.skeleton[start - 1 - backslashes] === '\\')
            backslashes++;
        if (backslashes % 2 === 1 || (backquotes && backslashes > 0))
            return {
                message: 'follows a backslash, where no value can be quoted safely',
                hint: 'remove the backslash, or put the value in double quotes',
            };
        return undefined;
    }
    lit(node, ctx) {
        const lit = node;
        if (!lit)
            return;
        const from = lit.ValuePos;
        // mvdan/sh's end of a heredoc's text runs past its delimiter line: the value's length bounds it.
        const to = Math.min(lit.ValueEnd, from + String(lit.Value).length);
        this.place(from, to, ctx.quote === 'param-double' ? 'param-double' : ctx.quote, ctx);
    }
    /** A name (`n=`, `$n`, `for n`, `f()`): a template there is refused. */
    name(node, ctx) {
        this.lit(node, { ...ctx, refused: ctx.refused ?? NAME_REFUSAL });
    }
    comments(list) {
        for (const comment of list ?? []) {
            const hash = comment.Hash;
            const end = this.skeleton.indexOf('\n', hash);
            this.place(hash, end < 0 ? this.skeleton.length : end, 'comment', { quote: 'bare', backquotes: false });
        }
    }
    // -- statements and commands
    stmts(list, ctx) {
        for (const stmt of list ?? [])
            this.stmt(stmt, ctx);
    }
    stmt(stmt, ctx) {
        if (!stmt)
            return;
        this.comments(stmt.Comments);
        const cmd = stmt.Cmd;
        // A heredoc or here-string given to a shell, `eval` or `source` is code.
        const feedsCode = cmd?.type === 'CallExpr' && readsCodeFromInput(commandWords(cmd, this.skeleton));
        for (const redirect of stmt.Redirs ?? [])
            this.redirect(redirect, ctx, feedsCode);
        this.command(cmd, ctx);
    }
    redirect(redirect, ctx, feedsCode) {
        const op = operatorName(redirect.Op + OperatorKind.redirect);
        const codeCtx = feedsCode
            ? { ...ctx, refused: ctx.refused ?? { message: 'is input a shell runs as code', hint: ENV_HINT } }
            : ctx;
        if (op === '<<' || op === '<<-') {
            const delimiterWord = redirect.Word;
            this.word(delimiterWord, {
                ...ctx,
                refused: { message: "stands in a heredoc's delimiter", hint: 'write the delimiter as it is' },
            });
            const body = redirect.Hdoc;
            if (!body)
                return;
            const quoted = (delimiterWord.Parts ?? []).some((p) => p.type !== 'Lit' || String(p.Value).includes('\\'));
            const parts = body.Parts ?? [];
            const bodyStart = parts.length ? nodeStart(parts[0]) : -1;
            const delimiter = unquotedText(delimiterWord, this.skeleton);
            const stripTabs = op === '<<-';
            this.heredocs.push({
                delimiter,
                stripTabs,
                bodyStart,
                bodyEnd: bodyEndAt(this.skeleton, bodyStart, delimiter, stripTabs),
            });
            this.word(body, { ...codeCtx, quote: quoted ? 'heredoc-literal' : 'heredoc', heredoc: this.heredocs.length - 1 });
            return;
        }
        this.word(redirect.Word, op === '<<<' ? codeCtx : ctx);
    }
    command(cmd, ctx) {
        if (!cmd)
            return;
        const bare = { ...ctx, quote: 'bare' };
        switch (cmd.type) {
            case 'CallExpr':
                for (const assign of cmd.Assigns ?? [])
                    this.assign(assign, bare, '');
                this.callArgs(cmd, bare);
                return;
            case 'IfClause':
                this.stmts(cmd.Cond, bare);
                this.stmts(cmd.Then, bare);
                this.comments(cmd.CondLast);
                this.comments(cmd.ThenLast);
                this.comments(cmd.Last);
                this.command(cmd.Else, bare);
                return;
            case 'WhileClause':
                this.stmts(cmd.Cond, bare);
                this.stmts(cmd.Do, bare);
                this.comments(cmd.CondLast);
                this.comments(cmd.DoLast);
                return;
            case 'ForClause': {
                const loop = cmd.Loop;
                if (loop.type === 'WordIter') {
                    this.name(loop.Name, bare);
                    const slots = this.collect(() => {
                        for (const item of loop.Items ?? [])
                            this.word(item, bare);
                    });
                    this.recordAssignment(loop.Name, slots, loop.Items);
                }
                else {
                    const arith = { ...bare, evaluated: ctx.evaluated ?? 'for (( ))' };
                    this.arithm(loop.Init, arith);
                    this.arithm(loop.Cond, arith);
                    this.arithm(loop.Post, arith);
                }
                this.stmts(cmd.Do, bare);
                this.comments(cmd.DoLast);
                return;
            }
            case 'CaseClause':
                this.word(cmd.Word, bare);
                for (const item of cmd.Items ?? []) {
                    this.comments(item.Comments);
                    for (const pattern of item.Patterns ?? [])
                        this.word(pattern, bare);
                    this.stmts(item.Stmts, bare);
                    this.comments(item.Last);
                }
                this.comments(cmd.Last);
                return;
            case 'Block':
            case 'Subshell':
                this.stmts(cmd.Stmts, bare);
                this.comments(cmd.Last);
                return;
            case 'FuncDecl':
                this.name(cmd.Name, bare);
                this.stmt(cmd.Body, bare);
                return;
            case 'BinaryCmd': {
                const op = operatorName(cmd.Op + OperatorKind.binaryCmd);
                const right = cmd.Y.Cmd;
                // `... | bash`: what the left side prints, a shell runs.
                const intoShell = (op === '|' || op === '|&') &&
                    right?.type === 'CallExpr' &&
                    readsCodeFromInput(commandWords(right, this.skeleton));
                this.stmt(cmd.X, intoShell ? { ...bare, refused: bare.refused ?? { message: 'is piped into a shell', hint: ENV_HINT } } : bare);
                this.stmt(cmd.Y, bare);
                return;
            }
            case 'TimeClause':
                this.stmt(cmd.Stmt, bare);
                return;
            case 'CoprocClause':
                if (cmd.Name)
                    this.word(cmd.Name, { ...bare, refused: NAME_REFUSAL });
                this.stmt(cmd.Stmt, bare);
                return;
            case 'ArithmCmd':
                this.arithm(cmd.X, { ...bare, evaluated: ctx.evaluated ?? '(( ))' });
                return;
            case 'LetClause':
                for (const expr of cmd.Exprs ?? [])
                    this.arithm(expr, { ...bare, evaluated: ctx.evaluated ?? 'let' });
                return;
            case 'TestClause':
                this.test(cmd.X, bare);
                return;
            case 'DeclClause':
                this.declaration(cmd, bare);
                return;
            default:
            // Unknown commands leave their templates without a context: refused (see run()).
        }
    }
    /** The words of a simple command, with what bash does to each. */
    callArgs(cmd, ctx) {
        const args = cmd.Args ?? [];
        const words = commandWords(cmd, this.skeleton);
        const roles = argumentRoles(words, this.dialect);
        args.forEach((arg, i) => {
            const role = roles[i];
            if (role === 'code')
                this.word(arg, {
                    ...ctx,
                    refused: ctx.refused ?? {
                        message: `is run as code by ${words[roleOwner(roles, i, words)] ?? 'the command'}`,
                        hint: ENV_HINT,
                    },
                });
            else if (role === 'name')
                this.evaluatedWord(arg, ctx, 'a variable name');
            else if (role === 'integer')
                this.evaluatedWord(arg, ctx, `${words[0] ?? 'the command'}'s integer operand`);
            else
                this.word(arg, ctx);
        });
    }
    declaration(cmd, ctx) {
        const variant = String(cmd.Variant?.Value ?? '');
        let flags = variant === 'nameref' ? 'n' : '';
        for (const arg of cmd.Args ?? []) {
            const value = arg.Value;
            if (arg.Naked && !arg.Name && value) {
                const text = literalText(value, this.skeleton);
                if (text !== undefined && /^[-+][A-Za-z]+$/.test(text)) {
                    flags += text.slice(1);
                    this.word(value, ctx);
                }
                else {
                    // `declare "$x"`: the word is read as a name, or an assignment with a subscript.
                    this.word(value, { ...ctx, refused: ctx.refused ?? NAME_REFUSAL });
                    for (const name of identifiers(this.rawText(value)))
                        this.evaluatedNames.add(name);
                }
                continue;
            }
            if (arg.Naked && arg.Name && /[in]/.test(flags))
                this.evaluatedNames.add(String(arg.Name.Value));
            this.assign(arg, ctx, flags);
        }
    }
    assign(assign, ctx, flags) {
        const name = assign.Name;
        if (name)
            this.name(name, ctx);
        if (assign.Index)
            this.arithm(assign.Index, { ...ctx, evaluated: ctx.evaluated ?? 'an array subscript' });
        const evaluated = /[in]/.test(flags) ? (flags.includes('i') ? `${'declare -i'}` : 'declare -n') : undefined;
        const valueCtx = {
            ...ctx,
            ...((ctx.evaluated ?? evaluated) && { evaluated: ctx.evaluated ?? evaluated }),
        };
        if (name && evaluated)
            this.evaluatedNames.add(String(name.Value));
        const slots = this.collect(() => {
            if (assign.Value)
                this.word(assign.Value, valueCtx);
            const array = assign.Array;
            for (const elem of array?.Elems ?? []) {
                if (elem.Index)
                    this.arithm(elem.Index, { ...ctx, evaluated: ctx.evaluated ?? 'an array subscript' });
                if (elem.Value)
                    this.word(elem.Value, valueCtx);
                this.comments(elem.Comments);
            }
            if (array)
                this.comments(array.Last);
        });
        if (name)
            this.recordAssignment(name, slots, [assign.Value, assign.Array]);
    }
    recordAssignment(name, slots, values) {
        if (slots.length === 0 && !values.some(Boolean))
            return;
        const valueText = values
            .filter((v) => v !== undefined)
            .map((v) => this.rawText(v))
            .join(' ');
        this.assignments.push({ name: String(name.Value), slots, valueText });
    }
    test(node, ctx) {
        if (!node)
            return;
        switch (node.type) {
            case 'BinaryTest': {
                const op = operatorName(node.Op + OperatorKind.binaryTest);
                if (op && INTEGER_TESTS.has(op)) {
                    const evaluated = { ...ctx, evaluated: ctx.evaluated ?? `[[ ${op} ]]` };
                    this.evaluatedOperand(node.X, evaluated);
                    this.evaluatedOperand(node.Y, evaluated);
                }
                else {
                    this.test(node.X, ctx);
                    this.test(node.Y, ctx);
                }
                return;
            }
            case 'UnaryTest': {
                const op = operatorName(node.Op + OperatorKind.unaryTest);
                if (op === '-v' || op === '-R')
                    this.evaluatedOperand(node.X, { ...ctx, evaluated: ctx.evaluated ?? `[[ ${op} ]]` });
                else
                    this.test(node.X, ctx);
                return;
            }
            case 'ParenTest':
                this.test(node.X, ctx);
                return;
            case 'Word':
                this.word(node, ctx);
                return;
            default:
        }
    }
    evaluatedOperand(node, ctx) {
        if (node.type === 'Word')
            this.evaluatedWord(node, ctx, ctx.evaluated);
        else
            this.test(node, ctx);
    }
    /** A word bash reads as an expression or a name: its variables are evaluated too. */
    evaluatedWord(word, ctx, why) {
        for (const name of identifiers(this.rawText(word)))
            this.evaluatedNames.add(name);
        this.word(word, { ...ctx, evaluated: ctx.evaluated ?? why });
    }
    // -- words
    word(word, ctx) {
        if (!word)
            return;
        for (const part of word.Parts ?? [])
            this.wordPart(part, ctx);
    }
    wordPart(part, ctx) {
        switch (part.type) {
            case 'Lit':
                this.lit(part, ctx);
                return;
            case 'SglQuoted': {
                const dollar = Boolean(part.Dollar);
                const refused = dollar && this.dialect === 'posix'
                    ? { message: "stands in $'...', which dash and bash read differently", hint: ENV_HINT }
                    : undefined;
                this.place(part.Left, part.Right, dollar ? 'ansi' : 'single', {
                    ...ctx,
                    ...(refused && !ctx.refused && { refused }),
                });
                return;
            }
            case 'DblQuoted': {
                const refused = part.Dollar && this.dialect === 'posix'
                    ? { message: 'stands in $"...", which dash and bash read differently', hint: ENV_HINT }
                    : undefined;
                const inner = { ...ctx, quote: 'double', ...(refused && !ctx.refused && { refused }) };
                for (const p of part.Parts ?? [])
                    this.wordPart(p, inner);
                return;
            }
            case 'ParamExp':
                this.paramExp(part, ctx);
                return;
            case 'CmdSubst':
                this.stmts(part.Stmts, { ...ctx, quote: 'bare', backquotes: ctx.backquotes || Boolean(part.Backquotes) });
                this.comments(part.Last);
                return;
            case 'ProcSubst':
                this.stmts(part.Stmts, { ...ctx, quote: 'bare' });
                this.comments(part.Last);
                return;
            case 'ArithmExp':
                this.arithm(part.X, { ...ctx, evaluated: ctx.evaluated ?? (part.Bracket ? '$[ ]' : '$(( ))') });
                return;
            case 'ExtGlob':
                this.lit(part.Pattern, {
                    ...ctx,
                    refused: ctx.refused ?? { message: 'stands in an extended glob pattern', hint: ENV_HINT },
                });
                return;
            case 'BraceExp':
                for (const elem of part.Elems ?? [])
                    this.word(elem, ctx);
                return;
            default:
        }
    }
    paramExp(part, ctx) {
        const param = part.Param;
        if (param)
            this.name(param, ctx);
        if (part.Excl && param)
            this.evaluatedNames.add(String(param.Value));
        if (part.Index)
            this.arithm(part.Index, { ...ctx, evaluated: ctx.evaluated ?? 'an array subscript' });
        const slice = part.Slice;
        if (slice) {
            const evaluated = { ...ctx, evaluated: ctx.evaluated ?? '${v:offset:length}' };
            this.arithm(slice.Offset, evaluated);
            this.arithm(slice.Length, evaluated);
        }
        // Inside "${v:-...}" (and in a heredoc) bash still pairs quotes: nested double quotes hold any value.
        const inner = {
            ...ctx,
            quote: ctx.quote === 'double' || ctx.quote === 'heredoc' || ctx.quote === 'param-double' ? 'param-double' : 'bare',
        };
        const repl = part.Repl;
        if (repl) {
            this.word(repl.Orig, inner);
            this.word(repl.With, inner);
        }
        const exp = part.Exp;
        if (exp)
            this.word(exp.Word, inner);
    }
    /** An arithmetic expression: every variable named in it is evaluated, and every template must be an integer. */
    arithm(node, ctx) {
        const expr = node;
        if (!expr)
            return;
        switch (expr.type) {
            case 'BinaryArithm':
                this.arithm(expr.X, ctx);
                this.arithm(expr.Y, ctx);
                return;
            case 'UnaryArithm':
            case 'ParenArithm':
                this.arithm(expr.X, ctx);
                return;
            case 'Word':
                for (const name of identifiers(this.rawText(expr)))
                    this.evaluatedNames.add(name);
                this.word(expr, ctx);
                return;
            default:
        }
    }
    // -- variables that carry a value into arithmetic
    collect(fn) {
        const list = [];
        this.collecting.push(list);
        try {
            fn();
        }
        finally {
            this.collecting.pop();
        }
        return list;
    }
    /**
     * `n=${{ }}; echo $((n + 1))`: bash evaluates n's value as an expression.
     * A name is evaluated when arithmetic names it, or when it is assigned to
     * an evaluated name (`m=n`, `m=$n`): every template assigned to an
     * evaluated name must be an integer.
     */
    followVariables() {
        let grew = true;
        while (grew) {
            grew = false;
            for (const assignment of this.assignments) {
                if (!this.evaluatedNames.has(assignment.name))
                    continue;
                for (const name of identifiers(assignment.valueText)) {
                    if (!this.evaluatedNames.has(name)) {
                        this.evaluatedNames.add(name);
                        grew = true;
                    }
                }
            }
        }
        for (const assignment of this.assignments) {
            if (!this.evaluatedNames.has(assignment.name))
                continue;
            for (const i of assignment.slots) {
                const slot = this.slots[i];
                if (slot && !slot.evaluated)
                    slot.evaluated = `$${assignment.name}, which the script uses in arithmetic`;
            }
        }
    }
    rawText(node) {
        const from = nodeStart(node);
        const to = nodeEnd(node, this.skeleton);
        let text = from >= 0 && to > from ? this.skeleton.slice(from, to) : '';
        for (const placeholder of this.placeholders)
            text = text.split(placeholder).join(' ');
        return text;
    }
}
/** The literal text of each word of a command (undefined where it is not a plain literal). */
function commandWords(cmd, skeleton) {
    return (cmd.Args ?? []).map((w) => literalText(w, skeleton));
}
/**
 * The arguments of a `command:` (a program and its arguments, no shell in between) that a shell
 * it starts runs as code: the string after `-c` of `bash -c`, `env A=1 sh -c`, `sudo bash -c`...
 * with the program that runs it. `words` are the arguments, `undefined` where a template decides
 * how one begins (it could be an option, such as `-c`).
 */
function argumentsRunAsCode(words) {
    const roles = argumentRoles(words, 'bash');
    return roles.flatMap((role, index) => role === 'code' ? [{ index, by: words[roleOwner(roles, index, words)] ?? 'the command' }] : []);
}
/** Index of the command a word belongs to (after wrappers): for messages. */
function roleOwner(roles, i, words) {
    let owner = 0;
    for (let k = 0; k < i; k++)
        if (words[k] !== undefined && commandStart(words, k))
            owner = k;
    return owner;
}
function commandStart(words, k) {
    const word = words[k];
    return word !== undefined && (word === 'eval' || word === 'trap' || SHELLS.has(baseName(word)));
}
function baseName(word) {
    return word.replace(/^.*\//, '');
}
/** The role of each argument of a simple command, for the commands whose arguments bash reads again. */
function argumentRoles(words, dialect) {
    const roles = words.map(() => 'data');
    let i = 0;
    // Skip wrappers and their options: `sudo -u x bash -c ...`, `env A=1 bash -c ...`, `timeout 5 sh -c ...`.
    while (i < words.length) {
        const word = words[i];
        if (word === undefined || !WRAPPERS.has(baseName(word)))
            break;
        i++;
        while (i < words.length) {
            const next = words[i];
            if (next === undefined ||
                !(next.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(next) || /^\d+[smhd]?$/.test(next)))
                break;
            i++;
        }
    }
    const name = words[i];
    if (name === undefined)
        return roles;
    const command = baseName(name);
    const rest = (from, role) => {
        for (let k = from; k < words.length; k++)
            roles[k] = role;
    };
    if (command === 'eval')
        rest(i + 1, 'code');
    else if (command === 'trap') {
        let k = i + 1;
        while (words[k] !== undefined && /^-/.test(words[k]) && words[k] !== '-')
            k++;
        if (k < words.length)
            roles[k] = 'code';
    }
    else if (SHELLS.has(command)) {
        // `bash -c CODE name args...`: the string after -c is code, the rest are its positional params.
        for (let k = i + 1; k < words.length; k++) {
            const word = words[k];
            if (word === undefined) {
                roles[k] = 'code'; // an option or the code string itself, dagline cannot tell: refused
                continue;
            }
            if (word === '--' || (!word.startsWith('-') && !word.startsWith('+')))
                break;
            if (/^-[A-Za-z]*c/.test(word)) {
                let code = k + 1;
                while (words[code] !== undefined && /^[-+][A-Za-z]+$/.test(words[code]))
                    code++;
                if (code < words.length)
                    roles[code] = 'code';
                for (let opt = k + 1; opt < code; opt++)
                    roles[opt] = 'code';
                break;
            }
            if (word === '-o' || word === '+o' || word === '-O' || word === '+O')
                k++;
        }
    }
    else if (command === 'source' || command === '.') {
        // The file it reads is code; a path from a value picks a file, as a command name does.
    }
    else if (command === 'read') {
        for (let k = i + 1; k < words.length; k++) {
            const word = words[k];
            if (word !== undefined && /^-[a-zA-Z]*[pdtnNuia]$/.test(word)) {
                roles[k + 1] = word.endsWith('a') ? 'name' : 'data';
                k++;
            }
            else if (word === undefined || !word.startsWith('-'))
                roles[k] = 'name';
        }
    }
    else if (command === 'printf') {
        if (words[i + 1] === '-v')
            roles[i + 2] = 'name';
        else if (words[i + 1] === undefined)
            roles[i + 1] = 'name'; // it could be -v
    }
    else if (command === 'test' || command === '[') {
        // bash's test reads the operand of -v as a variable name (a subscript in it is evaluated).
        for (let k = i + 1; k < words.length; k++)
            if (words[k] === '-v' || words[k] === '-R')
                roles[k + 1] = 'name';
    }
    else if (command === '[[' && dialect === 'posix') {
        // An `sh` script read by bash: `[[` is bash's test, its integer operators evaluate both sides.
        for (let k = i + 1; k < words.length; k++) {
            const word = words[k];
            if (word !== undefined && INTEGER_TESTS.has(word)) {
                roles[k - 1] = 'integer';
                if (k + 1 < words.length)
                    roles[k + 1] = 'integer';
            }
            if (word === '-v' || word === '-R')
                roles[k + 1] = 'name';
        }
    }
    else if (command === 'let') {
        rest(i + 1, 'integer');
    }
    else if ([
        'declare',
        'typeset',
        'local',
        'export',
        'readonly',
        'unset',
        'mapfile',
        'readarray',
        'getopts',
        'wait',
        'nameref',
    ].includes(command)) {
        // Only reached when the parser did not read it as a declaration (e.g. after a wrapper).
        rest(i + 1, 'name');
    }
    // A template as (part of) the command itself, then options we could not read: no role beyond data.
    return roles;
}
/** Whether a command runs what it reads on its input as code: `bash`, `sh -s`, `eval`, `source /dev/stdin`. */
function readsCodeFromInput(words) {
    let i = 0;
    while (i < words.length && words[i] !== undefined && WRAPPERS.has(baseName(words[i]))) {
        i++;
        while (i < words.length && words[i] !== undefined && words[i].startsWith('-'))
            i++;
    }
    const name = words[i];
    if (name === undefined)
        return false;
    const command = baseName(name);
    if (command === 'eval')
        return false; // eval reads its arguments, not its input
    if (command === 'source' || command === '.')
        return words.slice(i + 1).some((w) => w === undefined || /^\/dev\/(stdin|fd\/0)$/.test(w));
    if (!SHELLS.has(command))
        return false;
    // A shell with a script file or -c reads its code from there, not from its input.
    for (let k = i + 1; k < words.length; k++) {
        const word = words[k];
        if (word === undefined)
            return true;
        if (word === '-s')
            return true;
        if (/^-[A-Za-z]*c/.test(word))
            return false;
        if (!word.startsWith('-') && !word.startsWith('+'))
            return false;
    }
    return true;
}
/** The text of a word that is a plain literal (`bash`, `'-c'`, `"x"`), else undefined. */
function literalText(word, skeleton) {
    let text = '';
    for (const part of word.Parts ?? []) {
        if (part.type === 'Lit')
            text += skeleton.slice(part.ValuePos, part.ValueEnd);
        else if (part.type === 'SglQuoted' && !part.Dollar)
            text += skeleton.slice(part.Left + 1, part.Right);
        else if (part.type === 'DblQuoted' && (part.Parts ?? []).every((p) => p.type === 'Lit'))
            text += (part.Parts ?? [])
                .map((p) => skeleton.slice(p.ValuePos, p.ValueEnd))
                .join('');
        else
            return undefined;
    }
    if (/DAGLINE\d+x/.test(text))
        return undefined;
    return text.replace(/\\(.)/g, '$1');
}
/** A heredoc delimiter as the shell compares it: quotes removed. */
function unquotedText(word, skeleton) {
    return literalText(word, skeleton) ?? skeleton.slice(nodeStart(word), nodeEnd(word, skeleton));
}
/** Where a heredoc body ends: the start of its first line that is the delimiter (mvdan/sh's own end runs past it). */
function bodyEndAt(skeleton, bodyStart, delimiter, stripTabs) {
    if (bodyStart < 0)
        return -1;
    let at = bodyStart;
    while (at < skeleton.length) {
        const end = skeleton.indexOf('\n', at);
        const line = skeleton.slice(at, end < 0 ? skeleton.length : end);
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter)
            return at;
        if (end < 0)
            break;
        at = end + 1;
    }
    return skeleton.length;
}
function identifiers(text) {
    return text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}
/** The first offset of a node, from its own positions or its first child's. */
function nodeStart(node) {
    let best = Infinity;
    for (const [key, value] of Object.entries(node)) {
        if (key === 'type')
            continue;
        if (typeof value === 'number' && isPositionField(key) && value >= 0)
            best = Math.min(best, value);
        else if (Array.isArray(value)) {
            if (value.length)
                best = Math.min(best, nodeStart(value[0]));
        }
        else if (value && typeof value === 'object')
            best = Math.min(best, nodeStart(value));
    }
    return best === Infinity ? -1 : best;
}
/** Just past the last character of a node (an over-estimate is harmless: it is used for names and bounds). */
function nodeEnd(node, skeleton) {
    let best = -1;
    for (const [key, value] of Object.entries(node)) {
        if (key === 'type')
            continue;
        if (typeof value === 'number' && isPositionField(key) && value >= 0) {
            const width = key === 'Right' || key === 'Rbrace' || key === 'Rparen' ? closingWidth(skeleton, value) : 0;
            best = Math.max(best, value + width);
        }
        else if (Array.isArray(value)) {
            if (value.length)
                best = Math.max(best, nodeEnd(value[value.length - 1], skeleton));
        }
        else if (value && typeof value === 'object')
            best = Math.max(best, nodeEnd(value, skeleton));
    }
    return best;
}
function closingWidth(skeleton, at) {
    return skeleton.startsWith('))', at) ? 2 : 1;
}
function isPositionField(key) {
    return /^(ValuePos|ValueEnd|Left|Right|Rbrace|Dollar|OpPos|Lparen|Rparen|Hash|Position|Let)$/.test(key);
}
// ---- rendering -----------------------------------------------------------------
/**
 * The script with every template replaced by `valueOf(part)`, escaped for its
 * context. `valueOf` returning undefined leaves the template as written (a
 * plan shows values it cannot know yet that way).
 */
function renderShellTemplate(template, valueOf) {
    let out = '';
    let skeletonAt = 0;
    let slotIndex = 0;
    // Where each heredoc body starts and ends in the output, to check it after.
    const bodyOut = template.heredocs.map(() => ({ start: -1, end: -1 }));
    const heredocPart = new Map();
    /** Records the heredoc boundaries in the skeleton range [from, to] at their output offsets. */
    const mark = (from, to) => {
        template.heredocs.forEach((h, i) => {
            const span = bodyOut[i];
            if (span.start < 0 && h.bodyStart >= from && h.bodyStart <= to)
                span.start = out.length + (h.bodyStart - from);
            if (span.end < 0 && h.bodyEnd >= from && h.bodyEnd <= to)
                span.end = out.length + (h.bodyEnd - from);
        });
    };
    for (const part of template.parts) {
        if (part.kind === 'text') {
            if (template.heredocs.length > 0)
                mark(skeletonAt, skeletonAt + part.text.length - 1);
            out += part.text;
            skeletonAt += part.text.length;
            continue;
        }
        if (template.heredocs.length > 0)
            mark(skeletonAt, skeletonAt);
        const index = slotIndex++;
        const slot = template.slots[index];
        const placeholderLength = template.placeholders[index].length;
        if (slot.heredoc !== undefined && !heredocPart.has(slot.heredoc))
            heredocPart.set(slot.heredoc, part);
        const value = valueOf(part);
        if (value === undefined)
            out += part.raw;
        else
            out += placeValue(value, slot, part);
        skeletonAt += placeholderLength;
        // A heredoc body that ends right after a template (no newline of its own).
        if (template.heredocs.length > 0) {
            template.heredocs.forEach((h, i) => {
                const span = bodyOut[i];
                if (span.end < 0 && h.bodyEnd === skeletonAt)
                    span.end = out.length;
            });
        }
    }
    if (template.heredocs.length > 0)
        mark(skeletonAt, skeletonAt);
    template.heredocs.forEach((heredoc, i) => {
        const span = bodyOut[i];
        if (span.start < 0)
            return;
        const body = out.slice(span.start, span.end < 0 ? out.length : span.end);
        for (const line of body.split('\n')) {
            const compared = heredoc.stripTabs ? line.replace(/^\t+/, '') : line;
            if (compared === heredoc.delimiter) {
                throw new UnsafeValueError(`a value in the heredoc ending at "${heredoc.delimiter}" makes the line "${heredoc.delimiter}", which would end the heredoc early`, heredocPart.get(i));
            }
        }
    });
    return out;
}
/** One value, checked and escaped for its slot; throws UnsafeValueError when it cannot stand there. */
function placeValue(value, slot, part) {
    if (slot.refused)
        throw new UnsafeValueError(`${part.raw} ${slot.refused.message}`, part);
    if (value.includes('\0'))
        throw new UnsafeValueError(`the value of ${part.raw} holds a NUL byte, which a shell cannot carry`, part);
    if (slot.context === 'param-double' && !slot.inHeredoc && value.includes('{'))
        // bash brace-expands "${x:-"{a,b}"}" (its brace scan takes the inner quotes as closing the
        // outer ones), and no escape of `{` survives in there: the value would not arrive intact.
        throw new UnsafeValueError(`the value of ${part.raw} holds a "{", which bash would brace-expand inside "\${...}"`, part);
    if (slot.evaluated) {
        if (!PLAIN_INTEGER.test(value))
            throw new UnsafeValueError(`the value of ${part.raw} reaches ${slot.evaluated}, where the shell evaluates it as code: it must be a plain integer, not ${shownValue(value)}`, part);
        return value;
    }
    return quoteForContext(value, slot);
}
function shownValue(value) {
    const cut = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return JSON.stringify(cut);
}
function quoteForContext(value, slot) {
    let quoted;
    switch (slot.context) {
        case 'bare':
            quoted = singleQuoted(value);
            break;
        case 'double':
            quoted = value.replace(/[\\"$`]/g, '\\$&');
            break;
        case 'param-double':
            // Inside "${x:-...}" bash still pairs single quotes: nested double quotes hold any value.
            quoted = `"${value.replace(/[\\"$`]/g, '\\$&')}"`;
            break;
        case 'single':
            quoted = value.replace(/'/g, `'\\''`);
            break;
        case 'ansi':
            quoted = value.replace(/[\\']/g, '\\$&');
            break;
        case 'comment':
            quoted = value.replace(/[\r\n]/g, ' ');
            break;
        case 'heredoc':
            quoted = value.replace(/[\\$`]/g, '\\$&');
            break;
        case 'heredoc-literal':
            quoted = value;
            break;
    }
    // Inside `...` the shell first turns \\, \` and \$ into \, ` and $: add that level back.
    return slot.inBackquotes ? quoted.replace(/[\\`$]/g, '\\$&') : quoted;
}
function singleQuoted(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 4356:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

// mvdan/sh's shell parser (the `mvdan-sh` package, Go compiled to JavaScript), loaded the first
// time a script is parsed: starting it costs more than the rest of dagline's start, and commands
// that read no `run:` script never pay for it. CommonJS on purpose: a `require` inside a function
// stays lazy in the CommonJS bundle, where an ES import would be run when the bundle starts.

let library;
module.exports = function shellParserLibrary() {
  if (library === undefined) library = (__webpack_require__(2914).syntax);
  return library;
};


/***/ })

};
;