"use strict";
exports.id = 292;
exports.ids = [292];
exports.modules = {

/***/ 5292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  diffCommand: () => (/* binding */ diffCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/graph/dag.ts
var graph_dag = __webpack_require__(3148);
// EXTERNAL MODULE: ./src/graph/longest-path.ts
var longest_path = __webpack_require__(5984);
// EXTERNAL MODULE: ./src/expressions/parse-expression.ts
var parse_expression = __webpack_require__(6819);
// EXTERNAL MODULE: ./src/expressions/template.ts
var template = __webpack_require__(725);
// EXTERNAL MODULE: ./src/pipeline-format/model.ts
var model = __webpack_require__(4135);
;// CONCATENATED MODULE: ./src/diff/facets.ts



/**
 * The order facets are listed in, for each kind of thing; `env.` stands for every `env.X`. Both
 * versions' facets are put in this order, so a facet only one of them has still shows in its place.
 */
const TASK_FIELDS = [
    'name',
    'description',
    'stage',
    'group',
    'needs',
    'if',
    'run',
    'shell',
    'command',
    'pipeline',
    'with.',
    'dispatch',
    'working-directory',
    'env.',
    'outputs',
    'matrix.',
    'max-parallel',
    'params used',
    'timeout',
    'retries',
    'sla',
    'estimate',
    'pool',
    'produces',
    'consumes',
    'runs-on',
    'environment',
    'continue-on-error',
];
const PARAM_FIELDS = ['type', 'options', 'default', 'required', 'description'];
const STAGE_FIELDS = ['description', 'if', 'needs'];
const PIPELINE_FIELDS = [
    'name',
    'description',
    'category',
    'owner',
    'type',
    'tool',
    'sources',
    'targets',
    'max-consecutive-failures',
    'schedule',
    'push',
    'runs-on',
    'concurrency',
    'requires',
    'env.',
    'pools.',
];
/** Fields sorted by their place in `order` (a field `env.X` at `env.`), keeping their order within one place. */
function inFieldOrder(fields, order) {
    const rank = (field) => {
        const dot = field.indexOf('.');
        const at = order.indexOf(dot > 0 ? field.slice(0, dot + 1) : field);
        return at < 0 ? order.length : at;
    };
    return fields
        .map((field, i) => ({ field, i, rank: rank(field) }))
        .sort((a, b) => a.rank - b.rank || a.i - b.i)
        .map((f) => f.field);
}
function taskFacets(task) {
    const facets = new Map();
    const set = (field, value) => {
        if (value !== undefined)
            facets.set(field, show(value));
    };
    set('name', task.name);
    set('description', task.description);
    set('stage', task.stage);
    set('group', task.group);
    set('needs', task.needs.length ? [...task.needs].sort() : undefined);
    set('if', task.if);
    const action = task.action;
    if (action.kind === 'run') {
        set('run', action.script);
        set('shell', action.shell);
    }
    else if (action.kind === 'command')
        set('command', action.argv);
    else {
        set('pipeline', action.path);
        for (const [key, value] of Object.entries(action.with))
            set(`with.${key}`, value);
        if (action.dispatch)
            set('dispatch', true);
    }
    set('working-directory', task.workingDirectory);
    for (const [key, value] of Object.entries(task.env))
        set(`env.${key}`, value);
    set('outputs', task.outputs.length ? task.outputs : undefined);
    if (task.matrix) {
        for (const axis of task.matrix.axes)
            set(`matrix.${axis.name}`, axis.values);
        set('matrix.include', task.matrix.include.length ? task.matrix.include : undefined);
        set('matrix.exclude', task.matrix.exclude.length ? task.matrix.exclude : undefined);
    }
    set('max-parallel', task.maxParallel);
    const used = paramsUsed(task);
    set('params used', used.length ? used : undefined);
    set('timeout', (0,model/* formatDuration */.a3)(task.timeoutMs));
    set('retries', retriesText(task));
    set('sla', task.slaMs === undefined ? undefined : (0,model/* formatDuration */.a3)(task.slaMs));
    set('estimate', task.estimateMs === undefined ? undefined : (0,model/* formatDuration */.a3)(task.estimateMs));
    set('pool', task.pool);
    set('produces', task.produces.length ? task.produces : undefined);
    set('consumes', task.consumes.length ? task.consumes : undefined);
    set('runs-on', task.runsOn);
    set('environment', task.environment?.url ? task.environment : task.environment?.name);
    if (task.continueOnError)
        set('continue-on-error', true);
    return facets;
}
function paramFacets(param) {
    const facets = new Map([['type', param.type]]);
    if (param.options)
        facets.set('options', show(param.options));
    if (param.default !== undefined)
        facets.set('default', show(param.default));
    if (param.required)
        facets.set('required', 'true');
    if (param.description !== undefined)
        facets.set('description', param.description);
    return facets;
}
function stageFacets(stage) {
    const facets = new Map();
    if (stage.description !== undefined)
        facets.set('description', stage.description);
    if (stage.if !== undefined)
        facets.set('if', stage.if);
    if (stage.needs.length)
        facets.set('needs', show([...stage.needs].sort()));
    return facets;
}
function pipelineFacets(pipeline) {
    const facets = new Map();
    const set = (field, value) => {
        if (value !== undefined)
            facets.set(field, show(value));
    };
    set('name', pipeline.name);
    set('description', pipeline.description);
    set('category', pipeline.category);
    set('owner', pipeline.owner);
    set('type', pipeline.type);
    set('tool', pipeline.tool);
    set('sources', pipeline.sources.length ? pipeline.sources : undefined);
    set('targets', pipeline.targets.length ? pipeline.targets : undefined);
    set('max-consecutive-failures', pipeline.maxConsecutiveFailures);
    set('schedule', pipeline.schedule.length ? pipeline.schedule : undefined);
    set('push', pipeline.push);
    set('runs-on', pipeline.runsOn);
    set('concurrency', pipeline.concurrency);
    set('requires', pipeline.requires.length ? pipeline.requires : undefined);
    for (const [key, value] of Object.entries(pipeline.env))
        set(`env.${key}`, value);
    for (const [pool, size] of pipeline.pools)
        set(`pools.${pool}`, size);
    return facets;
}
/**
 * Strings as they are; lists of plain words as `[a, b]`; anything else in JSON's flow form (a
 * value that holds a comma or a bracket is quoted, so the list still reads as it is).
 */
function show(value) {
    if (typeof value === 'string')
        return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '' && !/[,[\]"\s]/.test(v)))
        return `[${value.join(', ')}]`;
    return JSON.stringify(value);
}
/** `0`, or `3 (delay 10s, backoff x2, at most 5m)`: the policy reads as one value. */
function retriesText(task) {
    const { retries, delayMs, backoff, maxDelayMs } = task.retry;
    if (retries === 0)
        return '0';
    const parts = [`delay ${(0,model/* formatDuration */.a3)(delayMs)}`];
    if (backoff !== 1)
        parts.push(`backoff x${backoff}`);
    if (maxDelayMs !== undefined)
        parts.push(`at most ${(0,model/* formatDuration */.a3)(maxDelayMs)}`);
    return `${retries} (${parts.join(', ')})`;
}
/** Every context and status function: a task's fields are read whatever place they stand in. */
const ANY_PLACE = { contexts: parse_expression/* CONTEXTS */.Jo, statusFunctions: true };
/** The params a task reads (`params.x` in its `if`, templates, env, with, matrix or extracts), sorted. */
function paramsUsed(task) {
    const used = new Set();
    const read = (source) => {
        const parsed = (0,parse_expression/* parseExpression */.YK)(source, ANY_PLACE);
        if (!parsed.ok)
            return;
        for (const { path } of parsed.expression.references) {
            if (path[0]?.toLowerCase() === 'params' && path[1] !== undefined && path[1] !== '*')
                used.add(path[1]);
        }
    };
    const readTemplates = (text) => {
        const split = (0,template/* splitTemplate */.LL)(text);
        if (split.ok)
            for (const part of split.parts)
                if (part.kind === 'expr')
                    read(part.source);
    };
    if (task.if !== undefined) {
        const condition = (0,template/* conditionSource */.Ts)(task.if);
        if (condition)
            read(condition.source);
    }
    const action = task.action;
    const texts = [
        ...(action.kind === 'run' ? [action.script] : []),
        ...(action.kind === 'command' ? action.argv : []),
        ...(action.kind === 'pipeline' ? Object.values(action.with).filter((v) => typeof v === 'string') : []),
        ...Object.values(task.env),
        ...(task.matrix?.axes.flatMap((axis) => (typeof axis.values === 'string' ? [axis.values] : [])) ?? []),
        ...task.produces.map((extract) => extract.path),
        ...task.consumes.map((extract) => extract.path),
    ];
    for (const text of texts)
        readTemplates(text);
    return [...used].sort();
}

;// CONCATENATED MODULE: ./src/diff/pipeline-diff.ts



function diffPipelines(base, head) {
    const baseTasks = base?.tasks ?? new Map();
    const headTasks = head?.tasks ?? new Map();
    const diff = {
        ...(base && { base: sideOf(base) }),
        ...(head && { head: sideOf(head) }),
        pipeline: base && head ? compareFacets(pipelineFacets(base), pipelineFacets(head), PIPELINE_FIELDS) : [],
        params: { added: [], removed: [], retyped: [], changed: [] },
        stages: { added: [], removed: [], changed: [] },
        tasks: { added: [], removed: [], changed: [] },
        renames: [],
        edges: { added: [], removed: [] },
        criticalPath: {
            ...(base && { before: pathOf(base) }),
            ...(head && { after: pathOf(head) }),
        },
    };
    const baseParams = base?.params ?? new Map();
    const headParams = head?.params ?? new Map();
    for (const [name, param] of headParams) {
        const before = baseParams.get(name);
        if (!before)
            diff.params.added.push({ name, type: param.type });
        else if (before.type !== param.type)
            diff.params.retyped.push({ name, before: before.type, after: param.type });
        else {
            const changes = compareFacets(paramFacets(before), paramFacets(param), PARAM_FIELDS);
            if (changes.length)
                diff.params.changed.push({ name, changes });
        }
    }
    for (const [name, param] of baseParams)
        if (!headParams.has(name))
            diff.params.removed.push({ name, type: param.type });
    const baseStages = base?.stages ?? new Map();
    const headStages = head?.stages ?? new Map();
    for (const [name, stage] of headStages) {
        const before = baseStages.get(name);
        if (!before)
            diff.stages.added.push(name);
        else {
            const changes = compareFacets(stageFacets(before), stageFacets(stage), STAGE_FIELDS);
            if (changes.length)
                diff.stages.changed.push({ name, changes });
        }
    }
    for (const name of baseStages.keys())
        if (!headStages.has(name))
            diff.stages.removed.push(name);
    const baseFacets = new Map([...baseTasks].map(([id, task]) => [id, taskFacets(task)]));
    const headFacets = new Map([...headTasks].map(([id, task]) => [id, taskFacets(task)]));
    for (const [id, task] of headTasks) {
        const before = baseFacets.get(id);
        if (!before)
            diff.tasks.added.push(summaryOf(task));
        else {
            const changes = compareFacets(before, headFacets.get(id), TASK_FIELDS);
            if (changes.length)
                diff.tasks.changed.push({ id, changes });
        }
    }
    for (const [id, task] of baseTasks)
        if (!headTasks.has(id))
            diff.tasks.removed.push(summaryOf(task));
    const baseEdges = edgesOf(base);
    const headEdges = edgesOf(head);
    for (const [key, edge] of headEdges)
        if (!baseEdges.has(key))
            diff.edges.added.push(edge);
    for (const [key, edge] of baseEdges)
        if (!headEdges.has(key))
            diff.edges.removed.push(edge);
    diff.renames = suggestRenames(diff, { baseTasks, headTasks, baseFacets, headFacets, baseEdges, headEdges });
    return diff;
}
/** Whether the two pipelines differ in anything the diff shows. */
function hasDifferences(diff) {
    if ((diff.base === undefined) !== (diff.head === undefined))
        return true;
    const { params, stages, tasks, edges } = diff;
    return (diff.pipeline.length +
        params.added.length +
        params.removed.length +
        params.retyped.length +
        params.changed.length +
        stages.added.length +
        stages.removed.length +
        stages.changed.length +
        tasks.added.length +
        tasks.removed.length +
        tasks.changed.length +
        edges.added.length +
        edges.removed.length >
        0);
}
function sideOf(pipeline) {
    return { file: pipeline.file, name: pipeline.name, tasks: pipeline.tasks.size };
}
function summaryOf(task) {
    return {
        id: task.id,
        kind: task.action.kind,
        ...(task.stage !== undefined && { stage: task.stage }),
        needs: [...task.needs],
    };
}
function pathOf(pipeline) {
    const dag = (0,graph_dag/* dagOf */.mb)(pipeline);
    const order = (0,graph_dag/* orderOf */.mJ)(dag);
    if (!order)
        return { cycle: true };
    const path = (0,longest_path/* criticalPath */.vC)(dag, order, (node) => pipeline.tasks.get(dag.names[node])?.estimateMs);
    const tasks = path.nodes.map((node) => dag.names[node]);
    return path.estimateMs === undefined ? { tasks } : { tasks, estimateMs: path.estimateMs };
}
/** Every declared edge, keyed `from\0to`, in file order: tasks' needs, then stages' needs. */
function edgesOf(pipeline) {
    const edges = new Map();
    if (!pipeline)
        return edges;
    const add = (from, to) => edges.set(`${from}\0${to}`, { from, to });
    for (const task of pipeline.tasks.values())
        for (const need of task.needs)
            add(need, task.id);
    for (const stage of pipeline.stages.values())
        for (const need of stage.needs)
            add(need, stage.name);
    return edges;
}
/** Each facet present on either side whose text differs, in the order the facets are listed. */
function compareFacets(before, after, order) {
    const changes = [];
    const fields = inFieldOrder([...new Set([...before.keys(), ...after.keys()])], order);
    for (const field of fields) {
        const b = before.get(field);
        const a = after.get(field);
        if (b === a)
            continue;
        changes.push({ field, ...(b !== undefined && { before: b }), ...(a !== undefined && { after: a }) });
    }
    return changes;
}
/** The facets that say what a task does: a rename keeps them. */
const ACTION_FIELD = /^(run|shell|command|pipeline|dispatch|with\..*)$/;
/**
 * A removed task and an added one are taken for a rename when they do the same thing (the same
 * action facets) and sit at the same place in the graph (the same needs, and the same tasks or
 * stages need them). Each task is paired at most once, in
 * file order.
 */
function suggestRenames(diff, sides) {
    const renames = [];
    const taken = new Set();
    const actionOf = (facets) => JSON.stringify([...facets].filter(([field]) => ACTION_FIELD.test(field)).sort(([a], [b]) => (a < b ? -1 : 1)));
    const neighbours = (edges, id) => {
        const needs = [];
        const neededBy = [];
        for (const { from, to } of edges.values()) {
            if (to === id)
                needs.push(from);
            if (from === id)
                neededBy.push(to);
        }
        return JSON.stringify([needs.sort(), neededBy.sort()]);
    };
    for (const removed of diff.tasks.removed) {
        const action = actionOf(sides.baseFacets.get(removed.id));
        const place = neighbours(sides.baseEdges, removed.id);
        const match = diff.tasks.added.find((added) => !taken.has(added.id) &&
            actionOf(sides.headFacets.get(added.id)) === action &&
            neighbours(sides.headEdges, added.id) === place);
        if (!match)
            continue;
        taken.add(match.id);
        renames.push({ from: removed.id, to: match.id });
    }
    return renames;
}

// EXTERNAL MODULE: ./src/render/markdown-text.ts
var markdown_text = __webpack_require__(2424);
// EXTERNAL MODULE: ./src/render/run-summary.ts
var run_summary = __webpack_require__(1828);
;// CONCATENATED MODULE: ./node_modules/diff/libesm/diff/base.js
class Diff {
    diff(oldStr, newStr, 
    // Type below is not accurate/complete - see above for full possibilities - but it compiles
    options = {}) {
        let callback;
        if (typeof options === 'function') {
            callback = options;
            options = {};
        }
        else if ('callback' in options) {
            callback = options.callback;
        }
        // Allow subclasses to massage the input prior to running
        const oldString = this.castInput(oldStr, options);
        const newString = this.castInput(newStr, options);
        const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
        const newTokens = this.removeEmpty(this.tokenize(newString, options));
        return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
    }
    diffWithOptionsObj(oldTokens, newTokens, options, callback) {
        var _a;
        const done = (value) => {
            value = this.postProcess(value, options);
            if (callback) {
                setTimeout(function () { callback(value); }, 0);
                return undefined;
            }
            else {
                return value;
            }
        };
        const newLen = newTokens.length, oldLen = oldTokens.length;
        let editLength = 1;
        let maxEditLength = newLen + oldLen;
        if (options.maxEditLength != null) {
            maxEditLength = Math.min(maxEditLength, options.maxEditLength);
        }
        const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
        const abortAfterTimestamp = Date.now() + maxExecutionTime;
        const bestPath = [{ oldPos: -1, lastComponent: undefined }];
        // Seed editLength = 0, i.e. the content starts with the same values
        let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
        if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
            // Identity per the equality and tokenizer
            return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
        }
        // Once we hit the right edge of the edit graph on some diagonal k, we can
        // definitely reach the end of the edit graph in no more than k edits, so
        // there's no point in considering any moves to diagonal k+1 any more (from
        // which we're guaranteed to need at least k+1 more edits).
        // Similarly, once we've reached the bottom of the edit graph, there's no
        // point considering moves to lower diagonals.
        // We record this fact by setting minDiagonalToConsider and
        // maxDiagonalToConsider to some finite value once we've hit the edge of
        // the edit graph.
        // This optimization is not faithful to the original algorithm presented in
        // Myers's paper, which instead pointlessly extends D-paths off the end of
        // the edit graph - see page 7 of Myers's paper which notes this point
        // explicitly and illustrates it with a diagram. This has major performance
        // implications for some common scenarios. For instance, to compute a diff
        // where the new text simply appends d characters on the end of the
        // original text of length n, the true Myers algorithm will take O(n+d^2)
        // time while this optimization needs only O(n+d) time.
        let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
        // Main worker method. checks all permutations of a given edit length for acceptance.
        const execEditLength = () => {
            for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
                let basePath;
                const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
                if (removePath) {
                    // No one else is going to attempt to use this value, clear it
                    // @ts-expect-error - perf optimisation. This type-violating value will never be read.
                    bestPath[diagonalPath - 1] = undefined;
                }
                let canAdd = false;
                if (addPath) {
                    // what newPos will be after we do an insertion:
                    const addPathNewPos = addPath.oldPos - diagonalPath;
                    canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
                }
                const canRemove = removePath && removePath.oldPos + 1 < oldLen;
                if (!canAdd && !canRemove) {
                    // If this path is a terminal then prune
                    // @ts-expect-error - perf optimisation. This type-violating value will never be read.
                    bestPath[diagonalPath] = undefined;
                    continue;
                }
                // Select the diagonal that we want to branch from. We select the prior
                // path whose position in the old string is the farthest from the origin
                // and does not pass the bounds of the diff graph
                if (!canRemove || (canAdd && removePath.oldPos < addPath.oldPos)) {
                    basePath = this.addToPath(addPath, true, false, 0, options);
                }
                else {
                    basePath = this.addToPath(removePath, false, true, 1, options);
                }
                newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
                if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
                    // If we have hit the end of both strings, then we are done
                    return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
                }
                else {
                    bestPath[diagonalPath] = basePath;
                    if (basePath.oldPos + 1 >= oldLen) {
                        maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
                    }
                    if (newPos + 1 >= newLen) {
                        minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
                    }
                }
            }
            editLength++;
        };
        // Performs the length of edit iteration. Is a bit fugly as this has to support the
        // sync and async mode which is never fun. Loops over execEditLength until a value
        // is produced, or until the edit length exceeds options.maxEditLength (if given),
        // in which case it will return undefined.
        if (callback) {
            (function exec() {
                setTimeout(function () {
                    if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
                        return callback(undefined);
                    }
                    if (!execEditLength()) {
                        exec();
                    }
                }, 0);
            }());
        }
        else {
            while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
                const ret = execEditLength();
                if (ret) {
                    return ret;
                }
            }
        }
    }
    addToPath(path, added, removed, oldPosInc, options) {
        const last = path.lastComponent;
        if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
            return {
                oldPos: path.oldPos + oldPosInc,
                lastComponent: { count: last.count + 1, added: added, removed: removed, previousComponent: last.previousComponent }
            };
        }
        else {
            return {
                oldPos: path.oldPos + oldPosInc,
                lastComponent: { count: 1, added: added, removed: removed, previousComponent: last }
            };
        }
    }
    extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
        const newLen = newTokens.length, oldLen = oldTokens.length;
        let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
        while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
            newPos++;
            oldPos++;
            commonCount++;
            if (options.oneChangePerToken) {
                basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
            }
        }
        if (commonCount && !options.oneChangePerToken) {
            basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
        }
        basePath.oldPos = oldPos;
        return newPos;
    }
    equals(left, right, options) {
        if (options.comparator) {
            return options.comparator(left, right);
        }
        else {
            return left === right
                || (!!options.ignoreCase && left.toLowerCase() === right.toLowerCase());
        }
    }
    removeEmpty(array) {
        const ret = [];
        for (let i = 0; i < array.length; i++) {
            if (array[i]) {
                ret.push(array[i]);
            }
        }
        return ret;
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    castInput(value, options) {
        return value;
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    tokenize(value, options) {
        return Array.from(value);
    }
    join(chars) {
        // Assumes ValueT is string, which is the case for most subclasses.
        // When it's false, e.g. in diffArrays, this method needs to be overridden (e.g. with a no-op)
        // Yes, the casts are verbose and ugly, because this pattern - of having the base class SORT OF
        // assume tokens and values are strings, but not completely - is weird and janky.
        return chars.join('');
    }
    postProcess(changeObjects, 
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    options) {
        return changeObjects;
    }
    get useLongestToken() {
        return false;
    }
    buildValues(lastComponent, newTokens, oldTokens) {
        // First we convert our linked list of components in reverse order to an
        // array in the right order:
        const components = [];
        let nextComponent;
        while (lastComponent) {
            components.push(lastComponent);
            nextComponent = lastComponent.previousComponent;
            delete lastComponent.previousComponent;
            lastComponent = nextComponent;
        }
        components.reverse();
        const componentLen = components.length;
        let componentPos = 0, newPos = 0, oldPos = 0;
        for (; componentPos < componentLen; componentPos++) {
            const component = components[componentPos];
            if (!component.removed) {
                if (!component.added && this.useLongestToken) {
                    let value = newTokens.slice(newPos, newPos + component.count);
                    value = value.map(function (value, i) {
                        const oldValue = oldTokens[oldPos + i];
                        return oldValue.length > value.length ? oldValue : value;
                    });
                    component.value = this.join(value);
                }
                else {
                    component.value = this.join(newTokens.slice(newPos, newPos + component.count));
                }
                newPos += component.count;
                // Common case
                if (!component.added) {
                    oldPos += component.count;
                }
            }
            else {
                component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
                oldPos += component.count;
            }
        }
        return components;
    }
}

;// CONCATENATED MODULE: ./node_modules/diff/libesm/diff/line.js


class LineDiff extends Diff {
    constructor() {
        super(...arguments);
        this.tokenize = tokenize;
    }
    equals(left, right, options) {
        // If we're ignoring whitespace, we need to normalise lines by stripping
        // whitespace before checking equality. (This has an annoying interaction
        // with newlineIsToken that requires special handling: if newlines get their
        // own token, then we DON'T want to trim the *newline* tokens down to empty
        // strings, since this would cause us to treat whitespace-only line content
        // as equal to a separator between lines, which would be weird and
        // inconsistent with the documented behavior of the options.)
        if (options.ignoreWhitespace) {
            if (!options.newlineIsToken || !left.includes('\n')) {
                left = left.trim();
            }
            if (!options.newlineIsToken || !right.includes('\n')) {
                right = right.trim();
            }
        }
        else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
            if (left.endsWith('\n')) {
                left = left.slice(0, -1);
            }
            if (right.endsWith('\n')) {
                right = right.slice(0, -1);
            }
        }
        return super.equals(left, right, options);
    }
}
const lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
    return lineDiff.diff(oldStr, newStr, options);
}
function diffTrimmedLines(oldStr, newStr, options) {
    options = generateOptions(options, { ignoreWhitespace: true });
    return lineDiff.diff(oldStr, newStr, options);
}
// Exported standalone so it can be used from jsonDiff too.
function tokenize(value, options) {
    if (options.stripTrailingCr) {
        // remove one \r before \n to match GNU diff's --strip-trailing-cr behavior
        value = value.replace(/\r\n/g, '\n');
    }
    const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
    // Ignore the final empty token that occurs if the string ends with a new line
    if (!linesAndNewlines[linesAndNewlines.length - 1]) {
        linesAndNewlines.pop();
    }
    // Merge the content and line separators into single tokens
    for (let i = 0; i < linesAndNewlines.length; i++) {
        const line = linesAndNewlines[i];
        if (i % 2 && !options.newlineIsToken) {
            retLines[retLines.length - 1] += line;
        }
        else {
            retLines.push(line);
        }
    }
    return retLines;
}

;// CONCATENATED MODULE: ./src/diff/describe-diff.ts


/**
 * Words shared by the renderers of a diff (text, Markdown, comment): the counts line, the lines
 * of a multi-line value's change, a path.
 */
/** `2 tasks added, 1 changed; 1 edge removed; 1 param retyped`, or `no differences`. */
function diffCounts(diff) {
    if (!diff.base)
        return `new pipeline, ${count(diff.head?.tasks ?? 0, 'task')}`;
    if (!diff.head)
        return `pipeline removed, ${count(diff.base.tasks, 'task')}`;
    const groups = [
        counted('task', [
            ['added', diff.tasks.added.length],
            ['removed', diff.tasks.removed.length],
            ['changed', diff.tasks.changed.length],
        ]),
        counted('edge', [
            ['added', diff.edges.added.length],
            ['removed', diff.edges.removed.length],
        ]),
        counted('param', [
            ['added', diff.params.added.length],
            ['removed', diff.params.removed.length],
            ['retyped', diff.params.retyped.length],
            ['changed', diff.params.changed.length],
        ]),
        counted('stage', [
            ['added', diff.stages.added.length],
            ['removed', diff.stages.removed.length],
            ['changed', diff.stages.changed.length],
        ]),
        diff.pipeline.length ? count(diff.pipeline.length, 'pipeline setting') + ' changed' : '',
    ].filter(Boolean);
    return groups.length ? groups.join('; ') : 'no differences';
}
function counted(noun, parts) {
    const present = parts.filter(([, n]) => n > 0);
    return present.map(([verb, n], i) => (i === 0 ? `${count(n, noun)} ${verb}` : `${n} ${verb}`)).join(', ');
}
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** A change whose before or after spans lines: shown as a line diff rather than side by side. */
function isMultiLine(change) {
    return (change.before ?? '').includes('\n') || (change.after ?? '').includes('\n');
}
/** The lines of a multi-line change, each marked ` `, `-` or `+` (unchanged lines kept for context). */
function changedLines(change) {
    const lines = [];
    for (const part of diffLines(withNewline(change.before), withNewline(change.after))) {
        const sign = part.added ? '+' : part.removed ? '-' : ' ';
        for (const text of part.value.replace(/\n$/, '').split('\n'))
            lines.push({ sign, text });
    }
    return lines;
}
function withNewline(text) {
    if (text === undefined || text === '')
        return '';
    return text.endsWith('\n') ? text : `${text}\n`;
}
/**
 * `a -> b -> c (3 tasks, est. 1h)`; `none` for an empty pipeline; a cycle said as such. `name`
 * and `arrow` let a renderer mark up the task ids and draw the arrow its own way.
 */
function describePath(path, name = (id) => id, arrow = ' -> ') {
    if (!path)
        return '(no pipeline)';
    if ('cycle' in path)
        return 'none (the graph has a cycle)';
    if (path.tasks.length === 0)
        return 'none';
    const estimate = path.estimateMs === undefined ? '' : `, est. ${(0,model/* formatDuration */.a3)(path.estimateMs)}`;
    return `${path.tasks.map(name).join(arrow)} (${count(path.tasks.length, 'task')}${estimate})`;
}
/** Whether the critical path differs between the two sides. */
function pathChanged(diff) {
    return JSON.stringify(diff.criticalPath.before ?? null) !== JSON.stringify(diff.criticalPath.after ?? null);
}

// EXTERNAL MODULE: ./src/render/cluster-tree.ts
var cluster_tree = __webpack_require__(2175);
// EXTERNAL MODULE: ./src/render/graph-mermaid.ts
var graph_mermaid = __webpack_require__(4358);
;// CONCATENATED MODULE: ./src/diff/diff-mermaid.ts



/** Colours of the diff's boxes and lines (GitHub's palette for additions, deletions and changes). */
const CLASS_STYLE = {
    added: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
    removed: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 3',
    changed: 'fill:#fff8c5,stroke:#9a6700,color:#1f2328',
};
const ADDED_LINK = 'stroke:#1a7f37,stroke-width:2px';
const REMOVED_LINK = 'stroke:#cf222e,stroke-dasharray:5 3';
/**
 * Both versions in one picture: every task of either (removed ones from the base), stages as
 * subgraphs, and every edge of either. Added boxes are green, removed ones red and dashed,
 * changed ones yellow; added lines are thick and green, removed ones dashed and red. Node ids are
 * positional and every label goes through mermaidText, so no name can break out of its label.
 */
function diffToMermaid(diff, base, head) {
    const tasks = new Map();
    for (const task of head?.tasks.values() ?? [])
        tasks.set(task.id, task);
    for (const task of base?.tasks.values() ?? [])
        if (!tasks.has(task.id))
            tasks.set(task.id, task);
    const stages = [...new Set([...(head?.stages.keys() ?? []), ...(base?.stages.keys() ?? [])])];
    const taskKey = new Map([...tasks.keys()].map((id, i) => [id, `t${i}`]));
    const stageKey = new Map(stages.map((name, i) => [name, `s${i}`]));
    const keyOf = (name) => taskKey.get(name) ?? stageKey.get(name);
    const lines = ['flowchart LR'];
    const box = (task) => {
        const label = `"${(0,graph_mermaid/* mermaidText */.H)((0,cluster_tree/* taskLabel */.E)(task))}"`;
        return `${taskKey.get(task.id)}${task.action.kind === 'pipeline' ? `[[${label}]]` : `[${label}]`}`;
    };
    const outside = [...tasks.values()].filter((t) => t.stage === undefined || !stageKey.has(t.stage));
    for (const task of outside)
        lines.push(`  ${box(task)}`);
    for (const stage of stages) {
        const removed = diff.stages.removed.includes(stage);
        lines.push(`  subgraph ${stageKey.get(stage)}["${(0,graph_mermaid/* mermaidText */.H)(`stage: ${stage}${removed ? ' (removed)' : ''}`)}"]`);
        for (const task of tasks.values())
            if (task.stage === stage)
                lines.push(`    ${box(task)}`);
        lines.push('  end');
    }
    const headEdges = edgesOf(head);
    const baseEdges = edgesOf(base);
    const added = [];
    const removed = [];
    let link = 0;
    for (const [key, edge] of [...headEdges, ...[...baseEdges].filter(([k]) => !headEdges.has(k))]) {
        const from = keyOf(edge.from);
        const to = keyOf(edge.to);
        if (from === undefined || to === undefined)
            continue; // an unknown need: the check reports it
        const isAdded = !baseEdges.has(key);
        const isRemoved = !headEdges.has(key);
        lines.push(`  ${from} ${isRemoved ? '-.->' : isAdded ? '==>' : '-->'} ${to}`);
        if (isAdded)
            added.push(link);
        if (isRemoved)
            removed.push(link);
        link++;
    }
    const classes = [
        ['added', diff.tasks.added.map((t) => t.id)],
        ['removed', diff.tasks.removed.map((t) => t.id)],
        ['changed', diff.tasks.changed.map((t) => t.id)],
    ];
    for (const [name, ids] of classes) {
        if (ids.length === 0)
            continue;
        lines.push(`  classDef ${name} ${CLASS_STYLE[name]}`);
        lines.push(`  class ${ids.map((id) => taskKey.get(id)).join(',')} ${name}`);
    }
    if (added.length)
        lines.push(`  linkStyle ${added.join(',')} ${ADDED_LINK}`);
    if (removed.length)
        lines.push(`  linkStyle ${removed.join(',')} ${REMOVED_LINK}`);
    return `${lines.join('\n')}\n`;
}
/** How many edges the picture draws: Mermaid refuses to draw past its limit. */
function diffEdgeCount(base, head) {
    const keys = new Set([...edgesOf(base).keys(), ...edgesOf(head).keys()]);
    return keys.size;
}

;// CONCATENATED MODULE: ./src/diff/diff-markdown.ts




/** A value longer than this is cut in a table cell; the line diffs below the table hold it whole. */
const CELL_VALUE_LIMIT = 120;
/**
 * The diff for GitHub (a job summary, a pull request comment): a heading naming the file, the
 * counts, one table row per change, the critical path before and after, the graph with added,
 * removed and changed boxes styled, and the line diff of each multi-line value (scripts) folded
 * under <details>. Every user value is escaped: names and values in code spans, free text with
 * markdownText, labels with mermaidText, code blocks fenced longer than any backquote run in them.
 */
function diffToMarkdown(diff, options = {}) {
    const parts = [
        `${'#'.repeat(options.headingLevel ?? 3)} ${markdownHeading(diff)}`,
        '',
        (0,markdown_text/* markdownText */.p7)(diffCounts(diff)),
    ];
    const rows = tableRows(diff);
    if (rows.length)
        parts.push('', '| change | kind | name | details |', '| --- | --- | --- | --- |', ...rows);
    if (pathChanged(diff)) {
        parts.push('', `Critical path before: ${pathText(diff.criticalPath.before)}`, '', `Critical path after: ${pathText(diff.criticalPath.after)}`);
    }
    const graph = options.pipelines && graphBlock(diff, options.pipelines.base, options.pipelines.head);
    if (graph)
        parts.push('', graph);
    const scripts = multiLineBlocks(diff);
    if (scripts.length)
        parts.push('', ...scripts);
    return `${parts.join('\n')}\n`;
}
/** The heading: the file (and its name), a rename of either shown as `old → new`. */
function markdownHeading(diff) {
    const base = diff.base;
    const head = diff.head;
    const side = head ?? base;
    if (!side)
        return 'nothing';
    const files = base && head && base.file !== head.file
        ? `${(0,markdown_text/* markdownCode */.D9)(base.file)} → ${(0,markdown_text/* markdownCode */.D9)(head.file)}`
        : (0,markdown_text/* markdownCode */.D9)(side.file);
    const names = base && head && base.name !== head.name
        ? `${(0,markdown_text/* markdownCode */.D9)(base.name)} → ${(0,markdown_text/* markdownCode */.D9)(head.name)}`
        : (0,markdown_text/* markdownCode */.D9)(side.name);
    return `${files} (${names})`;
}
function tableRows(diff) {
    const rows = [];
    const row = (change, kind, name, details = '') => rows.push(`| ${change} | ${kind} | ${name} | ${details} |`);
    const code = (text) => (0,markdown_text/* markdownCode */.D9)(text, 'cell');
    for (const change of diff.pipeline)
        row('changed', 'pipeline', code(change.field), changeText(change));
    for (const p of diff.params.added)
        row('added', 'param', code(p.name), `type ${code(p.type)}`);
    for (const p of diff.params.removed)
        row('removed', 'param', code(p.name), `type ${code(p.type)}`);
    for (const p of diff.params.retyped)
        row('retyped', 'param', code(p.name), `type ${code(p.before)} → ${code(p.after)}`);
    for (const p of diff.params.changed)
        row('changed', 'param', code(p.name), p.changes.map(changeText).join('<br>'));
    for (const s of diff.stages.added)
        row('added', 'stage', code(s));
    for (const s of diff.stages.removed)
        row('removed', 'stage', code(s));
    for (const s of diff.stages.changed)
        row('changed', 'stage', code(s.name), s.changes.map(changeText).join('<br>'));
    for (const t of diff.tasks.added)
        row('added', 'task', code(t.id), taskText(t));
    for (const t of diff.tasks.removed)
        row('removed', 'task', code(t.id), taskText(t));
    for (const r of diff.renames)
        row('renamed?', 'task', `${code(r.from)} → ${code(r.to)}`, 'probably renamed: same action and edges');
    for (const t of diff.tasks.changed)
        row('changed', 'task', code(t.id), t.changes.map(changeText).join('<br>'));
    for (const e of diff.edges.added)
        row('added', 'edge', `${code(e.from)} → ${code(e.to)}`);
    for (const e of diff.edges.removed)
        row('removed', 'edge', `${code(e.from)} → ${code(e.to)}`);
    return rows;
}
function taskText(task) {
    const parts = [task.kind];
    if (task.stage !== undefined)
        parts.push(`stage ${(0,markdown_text/* markdownCode */.D9)(task.stage, 'cell')}`);
    if (task.needs.length)
        parts.push(`needs ${task.needs.map((n) => (0,markdown_text/* markdownCode */.D9)(n, 'cell')).join(', ')}`);
    return parts.join('; ');
}
/** `timeout: 20m → 30m` in a cell; a multi-line value points at its line diff below. */
function changeText(change) {
    const field = (0,markdown_text/* markdownText */.p7)(change.field);
    if (isMultiLine(change))
        return `${field}: changed (see below)`;
    return `${field}: ${valueText(change.before)} → ${valueText(change.after)}`;
}
function valueText(value) {
    if (value === undefined)
        return '(none)';
    const cut = value.length > CELL_VALUE_LIMIT ? `${value.slice(0, CELL_VALUE_LIMIT)}…` : value;
    return (0,markdown_text/* markdownCode */.D9)(cut, 'cell');
}
function pathText(path) {
    return describePath(path, (id) => (0,markdown_text/* markdownCode */.D9)(id), ' → ');
}
function graphBlock(diff, base, head) {
    const edges = diffEdgeCount(base, head);
    if (edges > run_summary/* MERMAID_EDGE_LIMIT */.Kc)
        return `(Graph left out: ${edges} edges, more than Mermaid draws.)`;
    const diagram = diffToMermaid(diff, base, head);
    if (diagram.length > run_summary/* MERMAID_TEXT_LIMIT */.E_)
        return '(Graph left out: more text than Mermaid draws.)';
    return `\`\`\`mermaid\n${diagram}\`\`\``;
}
/** The line diff of each multi-line value (a script), folded: the table says which. */
function multiLineBlocks(diff) {
    const owners = [
        ...diff.tasks.changed.map((t) => [`task ${t.id}`, t.changes]),
        ...diff.stages.changed.map((s) => [`stage ${s.name}`, s.changes]),
        ...diff.params.changed.map((p) => [`param ${p.name}`, p.changes]),
        ['pipeline', diff.pipeline],
    ];
    const blocks = [];
    for (const [owner, changes] of owners) {
        for (const change of changes.filter(isMultiLine)) {
            const body = changedLines(change)
                .map((line) => `${line.sign} ${line.text}`)
                .join('\n');
            blocks.push(`<details><summary>${(0,markdown_text/* markdownText */.p7)(`${change.field} of ${owner}`)}</summary>`, '', (0,markdown_text/* fencedBlock */.zW)(body, 'diff'), '', '</details>');
        }
    }
    return blocks;
}

// EXTERNAL MODULE: ./src/render/printable.ts
var printable = __webpack_require__(8359);
;// CONCATENATED MODULE: ./src/diff/diff-text.ts


/**
 * The diff for a terminal or a log: one heading line, then `+` added, `-` removed, `~` changed,
 * each under its kind. Every line starts with dagline's own words or a sign, and every value is
 * printable (control characters escaped), so no value can start a workflow command on GitHub or
 * move a terminal's cursor.
 */
function diffToText(diff) {
    const lines = [`${heading(diff)}: ${diffCounts(diff)}`];
    const section = (title, body) => {
        if (body.length)
            lines.push(`${title}:`, ...body);
    };
    section('pipeline', changes(diff.pipeline, '  '));
    section('params', [
        ...diff.params.added.map((p) => `  + ${p.name} (${p.type})`),
        ...diff.params.removed.map((p) => `  - ${p.name} (${p.type})`),
        ...diff.params.retyped.map((p) => `  ~ ${p.name}: type ${p.before} -> ${p.after}`),
        ...diff.params.changed.flatMap((p) => [`  ~ ${p.name}`, ...changes(p.changes, '      ')]),
    ]);
    section('stages', [
        ...diff.stages.added.map((s) => `  + ${s}`),
        ...diff.stages.removed.map((s) => `  - ${s}`),
        ...diff.stages.changed.flatMap((s) => [`  ~ ${s.name}`, ...changes(s.changes, '      ')]),
    ]);
    section('tasks', [
        ...diff.tasks.added.map((t) => `  + ${describeTask(t)}`),
        ...diff.tasks.removed.map((t) => `  - ${describeTask(t)}`),
        ...diff.renames.map((r) => `  ? ${r.from} -> ${r.to}: probably renamed (same action and edges)`),
        ...diff.tasks.changed.flatMap((t) => [`  ~ ${t.id}`, ...changes(t.changes, '      ')]),
    ]);
    section('edges', [
        ...diff.edges.added.map((e) => `  + ${e.from} -> ${e.to}`),
        ...diff.edges.removed.map((e) => `  - ${e.from} -> ${e.to}`),
    ]);
    if (pathChanged(diff)) {
        lines.push('critical path:', `  before: ${describePath(diff.criticalPath.before)}`, `  after:  ${describePath(diff.criticalPath.after)}`);
    }
    return `${lines.map(printable/* printable */.g$).join('\n')}\n`;
}
function heading(diff) {
    const base = diff.base;
    const head = diff.head;
    if (base && head) {
        const files = base.file === head.file ? head.file : `${base.file} -> ${head.file}`;
        const names = base.name === head.name ? head.name : `${base.name} -> ${head.name}`;
        return `${files} (${names})`;
    }
    const side = head ?? base;
    return side ? `${side.file} (${side.name})` : 'nothing';
}
function describeTask(task) {
    const parts = [task.kind];
    if (task.stage !== undefined)
        parts.push(`stage ${task.stage}`);
    if (task.needs.length)
        parts.push(`needs ${task.needs.join(', ')}`);
    return `${task.id} (${parts.join('; ')})`;
}
/** One line per one-line change (`timeout: 20m -> 30m`), a line diff under a multi-line one. */
function changes(list, indent) {
    return list.flatMap((change) => {
        if (isMultiLine(change))
            return [`${indent}${change.field}:`, ...changedLines(change).map((l) => `${indent}  ${l.sign} ${l.text}`)];
        return [`${indent}${change.field}: ${change.before ?? '(none)'} -> ${change.after ?? '(none)'}`];
    });
}

// EXTERNAL MODULE: ./src/fs/pipeline-files.ts
var pipeline_files = __webpack_require__(6247);
// EXTERNAL MODULE: ./src/git/git-files.ts
var git_files = __webpack_require__(4406);
// EXTERNAL MODULE: ./src/cli/io.ts
var cli_io = __webpack_require__(1604);
// EXTERNAL MODULE: ./src/cli/commands/load-one.ts
var load_one = __webpack_require__(8264);
;// CONCATENATED MODULE: ./src/cli/commands/diff.ts









/**
 * `dagline diff BASE HEAD`: what HEAD changes in BASE's DAG. Each side is a file, or `REF:PATH`
 * read with `git show` (a path that exists as a file is a file). Differences are the output, not
 * a failure: the exit code is 0 unless a side cannot be read or does not validate.
 */
function diffCommand(base, head, format, limits, io) {
    const pipelines = { base: loadSide(base, limits, io), head: loadSide(head, limits, io) };
    const diff = diffPipelines(pipelines.base, pipelines.head);
    if (format === 'json')
        io.out((0,printable/* printableJson */.et)(diff));
    else
        (0,cli_io/* outUntrusted */.X4)(io, format === 'markdown' ? diffToMarkdown(diff, { pipelines }) : diffToText(diff));
}
function loadSide(spec, limits, io) {
    const atRef = (0,external_node_fs_.existsSync)(spec) ? undefined : (0,git_files/* parseRefPath */.w0)(spec);
    const result = atRef ? (0,git_files/* readPipelineAt */.kC)(atRef.ref, atRef.path, limits) : (0,pipeline_files/* readPipelineFile */.Bk)(spec, limits);
    if (!result.ok)
        (0,load_one.reportErrors)(result.errors, io);
    return result.pipeline;
}


/***/ }),

/***/ 4406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ki: () => (/* binding */ remoteDefaultBranch),
/* harmony export */   gX: () => (/* binding */ remoteUrl),
/* harmony export */   kC: () => (/* binding */ readPipelineAt),
/* harmony export */   w0: () => (/* binding */ parseRefPath)
/* harmony export */ });
/* unused harmony exports hasCommit, existsAt, changedFiles */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1194);
/* harmony import */ var _pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6561);
/* harmony import */ var _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2842);




/**
 * Files as git has them, read with the `git` of the machine (a pull request's base version of a
 * pipeline, with no second checkout). Arguments go to git as argv, never through a shell, and a
 * ref or path that could be read as an option is refused.
 */
/** `REF:PATH` (git's own spelling of a file at a commit): the ref and the path, or undefined. */
function parseRefPath(text) {
    // Git refuses `:` in ref names, so the first one ends the ref.
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1)
        return undefined;
    return { ref: text.slice(0, colon), path: text.slice(colon + 1) };
}
/** Loads the pipeline at `path` as commit `ref` has it; it is named `REF:PATH` in messages. */
function readPipelineAt(ref, path, limits = _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultYamlLimits */ .DF, cwd = process.cwd()) {
    const shown = `${ref}:${path}`;
    const bytes = showFile(ref, path, limits.maxBytes, cwd);
    if (bytes === 'too large')
        return { ok: false, errors: [(0,_pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_3__/* .fileTooLarge */ .ME)(blobSize(ref, path, cwd), limits, shown)] };
    return (0,_pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_2__/* .loadPipeline */ .B)(bytes, shown, limits);
}
/** Whether the repository at `cwd` has this commit (a shallow clone may not have the base). */
function hasCommit(sha, cwd = process.cwd()) {
    if (sha.startsWith('-'))
        return false;
    return spawnSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, stdio: 'ignore' }).status === 0;
}
/** Whether `path` exists at commit `ref`. */
function existsAt(ref, path, cwd = process.cwd()) {
    refuseOption(ref);
    return spawnSync('git', ['cat-file', '-e', `${ref}:${path}`], { cwd, stdio: 'ignore' }).status === 0;
}
/**
 * The files `head` changes since it left `base`: `git diff base...head`, against their merge base,
 * as GitHub lists a pull request's files (a commit the base branch gained meanwhile is not the
 * pull request's). Renames are found as git finds them.
 */
function changedFiles(base, head, cwd = process.cwd()) {
    refuseOption(base);
    refuseOption(head);
    const out = git(['diff', '--name-status', '-z', '-M', '--no-ext-diff', `${base}...${head}`, '--'], cwd, 64 * 1024 * 1024);
    const fields = out.toString('utf8').split('\0');
    const files = [];
    for (let i = 0; i + 1 < fields.length;) {
        const status = fields[i++];
        if (status.startsWith('R')) {
            const previousPath = fields[i++];
            files.push({ path: fields[i++], status: 'renamed', previousPath });
        }
        else {
            const path = fields[i++];
            files.push({ path, status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified' });
        }
    }
    return files;
}
/** The URL of a remote (`origin`), or undefined when the folder is no clone or has no such remote. */
function remoteUrl(remote, cwd = process.cwd()) {
    refuseOption(remote);
    return gitLine(['config', '--get', `remote.${remote}.url`], cwd);
}
/** The branch a remote's HEAD names (the repository's default branch, as the clone saw it), if known. */
function remoteDefaultBranch(remote, cwd = process.cwd()) {
    refuseOption(remote);
    const ref = gitLine(['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], cwd);
    const prefix = `refs/remotes/${remote}/`;
    return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}
/** git's one line of output, or undefined when git fails or says nothing (not a question worth an error). */
function gitLine(args, cwd) {
    const result = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', args, { cwd, maxBuffer: 64 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    if (result.error || result.status !== 0)
        return undefined;
    return result.stdout.toString('utf8').trim() || undefined;
}
/** The bytes of `path` at `ref`, or 'too large' past `maxBytes`. */
function showFile(ref, path, maxBytes, cwd) {
    refuseOption(ref);
    const result = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['show', '--no-textconv', `${ref}:${path}`], {
        cwd,
        maxBuffer: maxBytes + 1,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.error?.code === 'ENOBUFS')
        return 'too large';
    if (result.error)
        throw gitError(result.error.message, `${ref}:${path}`);
    if (result.status !== 0)
        throw gitError(result.stderr.toString('utf8'), `${ref}:${path}`);
    return result.stdout;
}
function blobSize(ref, path, cwd) {
    return Number(git(['cat-file', '-s', `${ref}:${path}`], cwd, 1024)
        .toString('utf8')
        .trim());
}
function git(args, cwd, maxBuffer) {
    const result = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', args, { cwd, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.error)
        throw gitError(result.error.message, args.join(' '));
    if (result.status !== 0)
        throw gitError(result.stderr.toString('utf8'), args.join(' '));
    return result.stdout;
}
/** git's own reason (`fatal: path 'x' does not exist in 'main'`), as one line naming what was read. */
function gitError(stderr, what) {
    const reason = stderr
        .split('\n')
        .map((line) => line.replace(/^(fatal|error): /, '').trim())
        .find(Boolean) ?? 'git failed';
    return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(`cannot read ${what} with git: ${reason}`, { file: what });
}
function refuseOption(ref) {
    if (ref.startsWith('-'))
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(`"${ref}" is not a git revision`, {}, 'a revision cannot start with -');
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


/***/ })

};
;