"use strict";
exports.id = 862;
exports.ids = [862,247];
exports.modules = {

/***/ 6862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  listRuns: () => (/* binding */ listRuns),
  pruneRuns: () => (/* binding */ pruneRuns),
  releasePipeline: () => (/* binding */ releasePipeline),
  showRun: () => (/* binding */ showRun)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/fs/pipeline-files.ts
var pipeline_files = __webpack_require__(6247);
// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: ./src/errors/did-you-mean.ts
var did_you_mean = __webpack_require__(8144);
// EXTERNAL MODULE: ./src/pipeline-format/load-pipeline.ts + 2 modules
var load_pipeline = __webpack_require__(6561);
// EXTERNAL MODULE: ./src/pipeline-format/model.ts
var model = __webpack_require__(4135);
// EXTERNAL MODULE: ./src/pipeline-format/read-yaml.ts + 2 modules
var read_yaml = __webpack_require__(2842);
// EXTERNAL MODULE: ./src/pipeline-format/schema.ts
var schema = __webpack_require__(7283);
// EXTERNAL MODULE: ./src/render/run-summary.ts
var run_summary = __webpack_require__(1828);
// EXTERNAL MODULE: ./src/run/guards.ts
var guards = __webpack_require__(9287);
;// CONCATENATED MODULE: ./src/run/prune-runs.ts

/**
 * The runs a prune removes. A run goes when it is past the newest `keep` of its pipeline and older
 * than `olderThanMs` (with one of them given, that one alone decides), unless it is still running
 * or the guards read it (guards.ts: runsTheGuardsRead): pruning never lifts a hold, unmeets a
 * `requires` or takes a run from under its dagline. Asked under the store lock, after the store
 * has marked runs whose dagline is gone as failed.
 */
async function choosePrune(store, request) {
    const byPipeline = new Map();
    for (const run of store.listRuns(request.pipeline)) {
        const runs = byPipeline.get(run.pipeline);
        if (runs)
            runs.push(run);
        else
            byPipeline.set(run.pipeline, [run]);
    }
    const cutoff = request.olderThanMs === undefined ? undefined : request.now.getTime() - request.olderThanMs;
    const choice = { remove: [], spared: [] };
    for (const [pipeline, oldestFirst] of byPipeline) {
        const newestFirst = [...oldestFirst].reverse();
        const read = await (0,guards/* runsTheGuardsRead */.iK)(newestFirst, store.releasedAt(pipeline));
        newestFirst.forEach((run, index) => {
            const pastKeep = request.keep === undefined || index >= request.keep;
            const old = cutoff === undefined || Date.parse(run.startedAt) < cutoff;
            if (!pastKeep || !old)
                return;
            const why = run.status === 'running' ? 'running' : read.get(run.id);
            if (why !== undefined)
                choice.spared.push({ run, why });
            else
                choice.remove.push(run);
        });
    }
    const byStart = (a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
    choice.remove.sort(byStart);
    choice.spared.sort((a, b) => byStart(a.run, b.run));
    return choice;
}

// EXTERNAL MODULE: ./src/render/printable.ts
var printable = __webpack_require__(8359);
// EXTERNAL MODULE: ./src/cli/run-output/summary.ts
var summary = __webpack_require__(6906);
// EXTERNAL MODULE: ./src/cli/run-output/table.ts
var table = __webpack_require__(3270);
;// CONCATENATED MODULE: ./src/cli/commands/runs.ts













/** `dagline runs [PIPELINE]`: the history, newest last. */
async function listRuns(store, pipeline, options, io) {
    // A run whose dagline was killed shows as failed, not running. (No store: nothing to read, and nothing created.)
    if ((0,external_node_fs_.existsSync)(store.root))
        await store.withLock(() => store.activeRuns());
    const runs = store
        .listRuns(pipeline)
        .filter((run) => options.category === undefined || run.category === options.category);
    if (options.format === 'json') {
        io.out((0,printable/* printableJson */.et)(runs.map(summaryRecord)));
        return 0;
    }
    if (runs.length === 0) {
        io.out(`no runs${pipeline ? ` of ${(0,printable/* printable */.g$)(pipeline)}` : ''} in ${(0,printable/* printable */.g$)((0,pipeline_files/* displayPath */.Gt)(store.root))}\n`);
        return 0;
    }
    const rows = runs.map((run) => [
        run.id,
        run.status,
        run.startedAt.replace('T', ' ').slice(0, 19),
        (0,summary/* durationOf */.cf)(run.startedAt, run.endedAt),
        succeeded(run),
        run.actor,
        run.trigger,
        Object.entries(run.params)
            .map(([k, v]) => `${k}=${v === null ? '' : String(v)}`)
            .join(' '),
    ]);
    for (const line of (0,table/* formatTable */.k)([
        ['run', 'status', 'started (UTC)', 'duration', 'tasks ok', 'actor', 'trigger', 'params'],
        ...rows,
    ]))
        io.out(`${line}\n`);
    return 0;
}
/** `dagline runs show RUN`: the record, every task, errors, extracts; or the run's Markdown summary. */
async function showRun(store, idOrPrefix, format, io) {
    if ((0,external_node_fs_.existsSync)(store.root))
        await store.withLock(() => store.activeRuns());
    const id = store.findRun(idOrPrefix);
    const { record, tasks, errors } = store.loadRun(id);
    if (format === 'markdown') {
        const pipeline = snapshotOf(store, id, record.file);
        io.out((0,run_summary/* renderRunSummary */.qN)({ record, tasks: [...tasks.values()], errors, ...(pipeline && { pipeline }) }));
        return 0;
    }
    const extracts = store.readExtracts().filter((e) => e.run === id || e.consumer?.run === id);
    if (format === 'json') {
        io.out((0,printable/* printableJson */.et)({ ...record, tasks: Object.fromEntries(tasks), errors, extracts }));
        return 0;
    }
    const lines = [
        `run ${record.id}`,
        `pipeline  ${(0,printable/* printable */.g$)(record.pipeline)} (${(0,printable/* printable */.g$)(record.file)}, sha256 ${(0,printable/* printable */.g$)(record.sha256.slice(0, 12))})`,
        `status    ${record.status}${record.resumes ? ` (resumed ${record.resumes}x)` : ''}`,
        `started   ${(0,printable/* printable */.g$)(record.startedAt)} by ${(0,printable/* printable */.g$)(record.actor)} (${(0,printable/* printable */.g$)(record.trigger)})`,
    ];
    if (record.endedAt)
        lines.push(`ended     ${(0,printable/* printable */.g$)(record.endedAt)} (${(0,model/* formatDuration */.a3)(Date.parse(record.endedAt) - Date.parse(record.startedAt))})`);
    if (record.type || record.tool)
        lines.push(`type      ${(0,printable/* printable */.g$)(record.type ?? '-')}, tool ${(0,printable/* printable */.g$)(record.tool ?? '-')}`);
    if (record.sources.length || record.targets.length)
        lines.push(`lineage   ${(0,printable/* printable */.g$)(record.sources.join(', ') || '-')} -> ${(0,printable/* printable */.g$)(record.targets.join(', ') || '-')}`);
    const params = (0,summary/* paramsText */.sN)(record.params, ', ');
    if (params)
        lines.push(`params    ${params}`);
    if (record.parent)
        lines.push(`parent    ${(0,printable/* printable */.g$)(record.parent.run)} (task ${(0,printable/* printable */.g$)(record.parent.task)})`);
    if (record.concurrencyGroup !== undefined)
        lines.push(`group     ${(0,printable/* printable */.g$)(record.concurrencyGroup)}`);
    if (record.selection)
        lines.push(`part      ${(0,printable/* printable */.g$)([...record.selection.only.map((t) => `only ${t}`), ...record.selection.from.map((t) => `from ${t}`)].join(', '))}`);
    if (record.release)
        lines.push('release   started with a release: the failures before it no longer count');
    if (record.stopped)
        lines.push(`stopped   ${(0,printable/* printable */.g$)(record.stopped)} before any task ran`);
    io.out(`${lines.join('\n')}\n\n`);
    io.out((0,summary/* runSummary */.KL)(record, [...tasks.values()], errors, store.runDir(id), summary/* FAILED_LOG_LINES */.br).replace(/\n\nrun [^\n]*\n$/, '\n'));
    const other = errors.filter((e) => e.type !== 'sla' && e.task !== undefined);
    if (other.length) {
        io.out('\nerrors\n');
        for (const line of (0,table/* formatTable */.k)(other.map((e) => [e.at, e.task ?? '', `${e.type}${e.fatal ? ' (fatal)' : ''}: ${e.message}`]), '  '))
            io.out(`${line}\n`);
    }
    const children = [...tasks.values()].filter((t) => t.childRun !== undefined);
    if (children.length) {
        io.out('\nchild runs\n');
        for (const line of (0,table/* formatTable */.k)(children.map((t) => [t.leg, t.childRun]), '  '))
            io.out(`${line}\n`);
    }
    if (extracts.length) {
        io.out('\nextracts\n');
        for (const e of extracts)
            io.out(`  ${e.status.padEnd(11)} ${(0,printable/* printable */.g$)((0,pipeline_files/* displayPath */.Gt)(`${e.location}/${e.filename}`))} (${(0,printable/* printable */.g$)(e.task)}${e.external ? ', external' : ''})\n`);
    }
    return 0;
}
/** The pipeline as the run ran it, from its snapshot; none when the snapshot is gone or unreadable. */
function snapshotOf(store, id, file) {
    let text;
    try {
        text = store.pipelineText(id);
    }
    catch {
        return undefined;
    }
    const loaded = (0,load_pipeline/* loadPipeline */.B)(text, file);
    return loaded.ok ? loaded.pipeline : undefined;
}
/** How many of an ended run's tasks (legs) succeeded, of how many: `12/12`, `9/12`; `-` while it runs. */
function succeeded(run) {
    const counts = taskCounts(run);
    if (counts === undefined)
        return '-';
    return `${counts.success}/${Object.values(counts).reduce((sum, n) => sum + n, 0)}`;
}
/** An ended run's tasks by status; undefined while it runs. Records from before `counts` hold their tasks instead. */
function taskCounts(run) {
    const states = Object.values(run.tasks ?? {});
    if (run.counts === undefined && states.length === 0)
        return undefined;
    const count = (status) => run.counts?.tasks[status] ?? states.filter((t) => t.status === status).length;
    return {
        success: count('success'),
        failed: count('failed'),
        skipped: count('skipped'),
        upstream_failed: count('upstream_failed'),
        cancelled: count('cancelled'),
    };
}
function summaryRecord(run) {
    const { tasks: _tasks, errors, counts, ...rest } = run;
    return {
        ...rest,
        durationMs: run.endedAt ? Date.parse(run.endedAt) - Date.parse(run.startedAt) : undefined,
        tasks: taskCounts(run),
        errors: counts?.errors ?? errors?.length ?? 0,
    };
}
/** `dagline release PIPELINE`: lifts on hold; the next run executes. */
async function releasePipeline(store, pipeline, io) {
    if (!(0,external_node_fs_.existsSync)(store.root))
        throw new dagline_error/* FileError */.f6(`no runs of pipeline "${pipeline}" in ${store.root}: nothing to release`, {}, 'dagline runs lists the runs');
    const last = await store.withLock(() => {
        const runs = store.listRuns(pipeline);
        if (runs.length === 0) {
            // A name with no runs is most likely mistyped: releasing it would only hide that.
            const known = [...new Set(store.listRuns().map((run) => run.pipeline))];
            throw new dagline_error/* FileError */.f6(`no runs of pipeline "${pipeline}" in ${store.root}: nothing to release`, {}, (0,did_you_mean/* didYouMean */.au)(pipeline, known) ?? 'dagline runs lists the runs');
        }
        store.release(pipeline, new Date());
        return runs.at(-1);
    });
    const name = (0,printable/* printable */.g$)(pipeline);
    io.out(last?.status === 'on_hold'
        ? `released ${name}: its next run executes\n`
        : `released ${name} (it was not on hold${last ? `; its last run ${last.status}` : ''}); failures before now no longer count\n`);
    return 0;
}
/**
 * `dagline runs prune`: removes whole run folders, past the newest `--keep N` of each pipeline
 * and/or older than `--older-than AGE`, but never a running run nor one that on hold or `requires`
 * still reads (run/prune-runs.ts); says what it removed, or with --dry-run what it would.
 */
async function pruneRuns(store, pipeline, flags, io) {
    if (flags.keep === undefined && flags.olderThan === undefined)
        throw new dagline_error/* UsageError */.eb('runs prune needs --keep N or --older-than AGE', {}, 'e.g. dagline runs prune --keep 20');
    const keep = flags.keep === undefined ? undefined : Number(flags.keep);
    if (keep !== undefined && (!/^\d+$/.test(flags.keep ?? '') || !Number.isSafeInteger(keep)))
        throw new dagline_error/* UsageError */.eb(`--keep ${flags.keep} is not a whole number of runs`, {}, 'e.g. --keep 20');
    if (flags.olderThan !== undefined && (!schema/* DURATION */.ft.test(flags.olderThan) || (0,model/* parseDuration */.E9)(flags.olderThan) === 0))
        throw new dagline_error/* UsageError */.eb(`--older-than ${flags.olderThan} is not an age`, {}, 'e.g. --older-than 30d, 12h or 1d12h');
    if (!(0,external_node_fs_.existsSync)(store.root)) {
        io.out(`no runs in ${(0,pipeline_files/* displayPath */.Gt)(store.root)}: nothing to remove\n`);
        return 0;
    }
    const lines = await store.withLock(async () => {
        store.activeRuns(); // a run whose dagline is gone is marked failed; one still running is kept
        const choice = await choosePrune(store, {
            ...(keep !== undefined && { keep }),
            ...(flags.olderThan !== undefined && { olderThanMs: (0,model/* parseDuration */.E9)(flags.olderThan) }),
            ...(pipeline !== undefined && { pipeline }),
            now: new Date(),
        });
        // Every folder is found (and measured) before any is removed: a record naming no folder of
        // runs/ stops the prune before it has removed anything.
        const sizes = choice.remove.map((run) => store.runSize(run.id));
        if (!flags.dryRun)
            for (const run of choice.remove)
                store.removeRun(run.id);
        const bytes = sizes.reduce((sum, size) => sum + size, 0);
        const out = (0,table/* formatTable */.k)(choice.remove.map((run, i) => [
            flags.dryRun ? 'would remove' : 'removed',
            run.id,
            run.status,
            run.startedAt.replace('T', ' ').slice(0, 19),
            (0,read_yaml/* formatBytes */.z3)(sizes[i]),
        ]));
        for (const { run, why } of choice.spared)
            out.push(`kept ${run.id} (${run.status}): ${why}`);
        const count = (n) => `${n} run${n === 1 ? '' : 's'}`;
        const spared = choice.spared.length
            ? `; kept ${count(choice.spared.length)} still running or read by the guards`
            : '';
        out.push(choice.remove.length === 0
            ? `nothing to remove in ${(0,pipeline_files/* displayPath */.Gt)(store.root)}${spared}`
            : `${flags.dryRun ? 'would remove' : 'removed'} ${count(choice.remove.length)} (${(0,read_yaml/* formatBytes */.z3)(bytes)}) from ${(0,pipeline_files/* displayPath */.Gt)(store.root)}${spared}`);
        return out;
    });
    for (const line of lines)
        io.out(`${line}\n`);
    return 0;
}


/***/ }),

/***/ 6906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KL: () => (/* binding */ runSummary),
/* harmony export */   br: () => (/* binding */ FAILED_LOG_LINES),
/* harmony export */   cf: () => (/* binding */ durationOf),
/* harmony export */   sN: () => (/* binding */ paramsText)
/* harmony export */ });
/* unused harmony export logTail */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6247);
/* harmony import */ var _pipeline_format_model_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4135);
/* harmony import */ var _render_printable_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8359);
/* harmony import */ var _state_run_record_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5788);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3270);






/** Lines of a failed task's log shown under it where its output was not shown as it ran (a terminal, `runs show`). */
const FAILED_LOG_LINES = 10;
/** How long a task or run took, from its record. */
function durationOf(from, to) {
    if (!from || !to)
        return '-';
    return (0,_pipeline_format_model_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(Date.parse(to) - Date.parse(from));
}
/**
 * The end of a run: a table of every task (status, attempts, duration), the
 * log of each failed task, SLA misses and other errors, and one line for the run.
 */
function runSummary(record, tasks, errors, runDir, 
/** Lines of a failed task's log to show under it: where its output was not shown as it ran. */
tailLines = 0) {
    const note = (t) => (t.continuedOnError ? ' (continue-on-error)' : '') +
        (t.notSelected ? ` (not selected${t.outputsFrom ? `, outputs of run ${t.outputsFrom}` : ''})` : '');
    // Why a task did not run (a stage that is off, a need that failed, an if): a failure's reason
    // comes below, with its log.
    const why = (t) => (t.status === 'skipped' || t.status === 'upstream_failed' || t.status === 'cancelled') && !t.notSelected
        ? (t.reason ?? '')
        : '';
    const rows = tasks.map((t) => [
        t.leg,
        t.status + note(t),
        String(t.attempts.length),
        durationOf(t.startedAt, t.endedAt),
        why(t),
    ]);
    const out = (0,_table_js__WEBPACK_IMPORTED_MODULE_4__/* .formatTable */ .k)([
        ['task', 'status', 'attempts', 'duration', rows.some((row) => row[4]) ? 'why' : ''],
        ...rows,
    ]);
    const failed = tasks.filter((t) => t.status === 'failed');
    if (failed.length) {
        out.push('');
        for (const t of failed) {
            const log = t.log ? ` (log: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)((0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_1__/* .displayPath */ .Gt)(`${runDir}/${t.log}`))})` : '';
            out.push(`failed: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(t.leg)}: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(t.reason ?? '')}${log}`);
            if (tailLines > 0 && t.log)
                for (const line of logTail(`${runDir}/${t.log}`, tailLines))
                    out.push(`  | ${line}`);
        }
    }
    const sla = errors.filter((e) => e.type === 'sla');
    if (sla.length) {
        out.push('');
        for (const e of sla)
            out.push(`SLA missed: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(e.task ?? '')}: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(e.message)}`);
    }
    const runLevel = errors.filter((e) => e.task === undefined);
    for (const e of runLevel)
        out.push(`error: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(e.message)}`);
    if (record.id === _state_run_record_js__WEBPACK_IMPORTED_MODULE_3__/* .DRY_RUN_ID */ .Mr)
        out.push('', 'dry run: nothing was started, nothing was recorded');
    else
        out.push('', `run ${record.id}: ${record.status} in ${durationOf(record.startedAt, record.endedAt)} (records: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)((0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_1__/* .displayPath */ .Gt)(runDir))})`);
    return `${out.join('\n')}\n`;
}
/** A run's params as `name=value` pairs, each value printable (a null one empty). */
function paramsText(params, separator) {
    return Object.entries(params)
        .map(([name, value]) => `${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(name)}=${value === null ? '' : (0,_render_printable_js__WEBPACK_IMPORTED_MODULE_5__/* .printable */ .g$)(String(value))}`)
        .join(separator);
}
/** The last lines of a log, read from its end (a log can be large); none when it cannot be read. */
function logTail(path, lines) {
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, 'r');
        const size = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).size;
        const length = Math.min(size, TAIL_BYTES);
        const buffer = Buffer.alloc(length);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, length, size - length);
        const text = buffer.toString('utf8').replace(/\n$/, '');
        if (text === '')
            return [];
        const all = text.split('\n');
        // Read from the middle of a long log, the first line may be cut: it is dropped unless it is all there is.
        const whole = length < size && all.length > 1 ? all.slice(1) : all;
        return whole
            .slice(-lines)
            .map((line) => (line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}...` : line));
    }
    catch {
        return [];
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
const TAIL_BYTES = 16 * 1024;
const TAIL_LINE_CHARS = 300;


/***/ }),

/***/ 3270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ formatTable)
/* harmony export */ });
/* harmony import */ var _render_printable_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8359);

/**
 * Rows as columns: each cell padded to its column's widest, two spaces between, no trailing
 * blanks. Cells hold names and values: each is made printable, so none breaks its row.
 */
function formatTable(cells, indent = '') {
    const rows = cells.map((row) => row.map(_render_printable_js__WEBPACK_IMPORTED_MODULE_0__/* .printable */ .g$));
    const widths = [];
    for (const row of rows)
        row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
    return rows.map((row) => `${indent}${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd());
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

/***/ 6247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ readPipelineFile),
/* harmony export */   Gt: () => (/* binding */ displayPath),
/* harmony export */   Hn: () => (/* binding */ repositoryRoot),
/* harmony export */   fo: () => (/* binding */ findPipelineFiles),
/* harmony export */   gL: () => (/* binding */ pipelineTargetResolver),
/* harmony export */   uF: () => (/* binding */ repositoryRootAbove),
/* harmony export */   wd: () => (/* binding */ calledPipelineFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1194);
/* harmony import */ var _pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6561);
/* harmony import */ var _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2842);





/** Folders never searched for pipelines. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.dagline']);
/**
 * The YAML files under each path: a file as given, a folder searched
 * recursively (hidden folders and node_modules left out), in a stable order.
 */
function findPipelineFiles(paths) {
    const files = [];
    for (const path of paths) {
        const stats = statOrThrow(path);
        if (stats.isDirectory()) {
            const found = walk(path);
            if (found.length === 0)
                throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`no .yml or .yaml files in ${path}`, { file: path });
            files.push(...found);
        }
        else
            files.push(path);
    }
    return [...new Set(files)];
}
function walk(dir) {
    const out = [];
    const entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name))
                out.push(...walk(path));
        }
        else if (/\.ya?ml$/i.test(entry.name) && !isLinkToFolder(entry, path)) {
            // Links, pipes and devices named .yml too: reading one says what it is (readPipelineFile).
            out.push(path);
        }
    }
    return out;
}
/** A link to a folder is not followed (it could lead back up, or out of the repository). */
function isLinkToFolder(entry, path) {
    return entry.isSymbolicLink() && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
function statOrThrow(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path);
    }
    catch (error) {
        throw fileError(error, path);
    }
}
/**
 * Reads and loads one pipeline file; a file that cannot be read is a FileError (exit 2). Only a
 * regular file is read, and never more than the size limit: a device reports no size and may
 * never end (/dev/zero), and a named pipe blocks until a writer comes. The file is opened without
 * waiting (O_NONBLOCK) and looked at through the open descriptor, so what is read is what was
 * checked, even if the path is swapped meanwhile.
 */
function readPipelineFile(path, limits = _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_4__/* .defaultYamlLimits */ .DF) {
    const shown = displayPath(path);
    let bytes;
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path);
        if (stats.isDirectory())
            throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`${shown} is a folder; give a pipeline file`, { file: shown });
        const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0));
        try {
            const opened = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
            if (!opened.isFile())
                throw notAFile(opened, shown);
            // Refuse before reading: a hostile file is not loaded into memory to be measured.
            if (opened.size > limits.maxBytes)
                return { ok: false, errors: [(0,_pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_4__/* .fileTooLarge */ .ME)(opened.size, limits, shown)] };
            const read = readAtMost(fd, limits.maxBytes + 1);
            // It grew since it was measured.
            if (read.byteLength > limits.maxBytes)
                return { ok: false, errors: [(0,_pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_4__/* .fileTooLarge */ .ME)(read.byteLength, limits, shown)] };
            bytes = read;
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
        }
    }
    catch (error) {
        throw fileError(error, shown);
    }
    return (0,_pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_3__/* .loadPipeline */ .B)(bytes, shown, limits);
}
function notAFile(stats, shown) {
    const kind = stats.isFIFO()
        ? 'a named pipe'
        : stats.isSocket()
            ? 'a socket'
            : stats.isCharacterDevice() || stats.isBlockDevice()
                ? 'a device'
                : 'not a regular file';
    return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`${shown} is ${kind}; a pipeline is read from a regular file only`, { file: shown });
}
/** Up to `limit` bytes of an open file, however large it says it is. */
function readAtMost(fd, limit) {
    const buffer = Buffer.allocUnsafe(Math.min(limit, 64 * 1024));
    const chunks = [];
    let total = 0;
    while (total < limit) {
        const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, Math.min(buffer.length, limit - total), null);
        if (n === 0)
            break;
        chunks.push(Buffer.from(buffer.subarray(0, n)));
        total += n;
    }
    return Buffer.concat(chunks, total);
}
/** Paths in messages are relative to where the user stands, as compilers print them. */
function displayPath(path) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(process.cwd(), path);
    return rel === '' || rel.startsWith('..') ? path : rel;
}
function fileError(error, path) {
    if (error instanceof _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6)
        return error;
    const code = error.code;
    if (code === 'ENOENT')
        return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`no such file or folder: ${path}`, { file: path });
    if (code === 'EACCES')
        return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`permission denied: ${path}`, { file: path });
    return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`cannot read ${path}: ${error.message}`, { file: path });
}
/**
 * The repository root a `pipeline:` path is relative to: the nearest folder
 * above the pipeline file that holds `.git`, else the current folder.
 */
function repositoryRoot(fromFile) {
    return repositoryRootAbove((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(fromFile)));
}
/** The nearest folder holding `.git`, from `folder` up; else the current folder. */
function repositoryRootAbove(folder) {
    let dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(folder);
    for (;;) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, '.git')))
            return dir;
        const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir);
        if (parent === dir)
            return process.cwd();
        dir = parent;
    }
}
/**
 * The file a `pipeline:` task of the pipeline in `fromFile` runs, from its repository root, and
 * where it really is when a link takes it out of the repository (validation refuses paths that
 * leave it; a link is only known on the disk).
 */
function calledPipelineFile(fromFile, path) {
    const root = repositoryRoot(fromFile);
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, path);
    let real;
    try {
        real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(file);
    }
    catch {
        return { file }; // missing: reported as such
    }
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root), real);
    return inside.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inside) ? { file, outside: real } : { file };
}
/** Finds and loads the pipeline a `pipeline:` task names, once per file. */
function pipelineTargetResolver(limits = _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_4__/* .defaultYamlLimits */ .DF) {
    const cache = new Map();
    return (from, path) => {
        const { file: absolute, outside } = calledPipelineFile(from.file, path);
        if (absolute === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(from.file))
            return { status: 'self' };
        const cached = cache.get(absolute);
        if (cached)
            return cached;
        let target;
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(absolute))
            target = { status: 'missing', file: displayPath(absolute) };
        else if (outside !== undefined)
            target = { status: 'outside', file: displayPath(absolute), real: outside };
        else {
            try {
                const loaded = readPipelineFile(absolute, limits);
                target = loaded.ok
                    ? { status: 'ok', pipeline: loaded.pipeline, locator: loaded.locator }
                    : { status: 'invalid', file: displayPath(absolute), errors: loaded.errors };
            }
            catch (error) {
                // A folder, no permission: it cannot be read, so it does not validate either.
                target = { status: 'invalid', file: displayPath(absolute), errors: error instanceof _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6 ? [error] : [] };
            }
        }
        cache.set(absolute, target);
        return target;
    };
}


/***/ }),

/***/ 9287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SH: () => (/* binding */ storeHistory),
/* harmony export */   iK: () => (/* binding */ runsTheGuardsRead),
/* harmony export */   lS: () => (/* binding */ overlapVerdict),
/* harmony export */   v1: () => (/* binding */ assessGuards)
/* harmony export */ });
/* unused harmony exports onHold, isTrial */
/* harmony import */ var _expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1016);

/**
 * What the guards say of a new run of `pipeline` now. `group` is its concurrency group as rendered
 * with its params (none: not asked); `release` lifts on hold for this run (a release dispatch).
 */
async function assessGuards(history, pipeline, group, options = {}) {
    const limit = pipeline.maxConsecutiveFailures;
    if (limit !== undefined && !options.release && (await onHold(history, pipeline.name, limit))) {
        const message = `pipeline "${pipeline.name}" is on hold after ${limit} failed run${limit === 1 ? '' : 's'} in a row; nothing runs until ${history.howToRelease(pipeline.name)}`;
        return { kind: 'on-hold', message, path: ['max-consecutive-failures'] };
    }
    for (const [i, required] of pipeline.requires.entries()) {
        const done = await firstOf(history.runsNewestFirst(required.pipeline), (run) => run.status === 'completed' && paramsMatch(run.params, required.params));
        if (done === undefined) {
            const wanted = Object.entries(required.params)
                .map(([k, v]) => `${k}=${(0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(v)}`)
                .join(', ');
            return {
                kind: 'refused',
                message: `requires a completed run of "${required.pipeline}"${wanted ? ` with ${wanted}` : ''}, and there is none ${history.where}`,
                path: ['requires', i, 'pipeline'],
            };
        }
    }
    if (group === undefined)
        return { kind: 'go' };
    const busy = (await history.activeRuns(pipeline.name)).filter((run) => run.concurrencyGroup === group || (run.groupUnknown === true && run.pipeline === pipeline.name));
    if (busy.length === 0)
        return { kind: 'go' };
    return { kind: 'busy', group, busy, others: busy.map((run) => run.label).join(', ') };
}
/**
 * What on-overlap `fail` and `skip` make of a busy concurrency group (`queue` and `cancel-running`
 * wait for it instead): the run refused, or passed by.
 */
function overlapVerdict(onOverlap, busy) {
    const path = ['concurrency', 'group'];
    return onOverlap === 'fail'
        ? { kind: 'refused', message: `concurrency group "${busy.group}" is busy: ${busy.others} is running`, path }
        : { kind: 'skipped', message: `skipped: concurrency group "${busy.group}" is busy with ${busy.others}`, path };
}
/**
 * On hold: the latest finished run was put on hold, or the last `limit` finished runs since the
 * last release all failed. Trial runs (`--only`, `--from`: a part of the pipeline) do not count;
 * a run started with a release counts, and nothing before it does. Read newest first, only as far
 * back as that takes.
 */
async function onHold(history, pipeline, limit) {
    let counted = 0;
    for await (const { as } of onHoldReads(history.runsNewestFirst(pipeline), history.releasedAt(pipeline))) {
        if (as === 'hold') {
            if (counted === 0)
                return true;
            continue;
        }
        if (as === 'end')
            return false;
        if (++counted === limit)
            return true;
    }
    return false;
}
/**
 * The runs the on-hold count reads, newest first, and how each counts: a failure, a run put on
 * hold, or the run that ends the count (one that completed or was cancelled). It stops at that
 * run, at a failure started with a release (which counts, and nothing before it), and at the last
 * release; it passes over trial runs and runs still running.
 */
async function* onHoldReads(runs, releasedAt) {
    for await (const run of runs) {
        if (releasedAt !== undefined && run.startedAt <= releasedAt)
            return;
        if (run.status === 'running' || isTrial(run))
            continue;
        if (run.status === 'on_hold')
            yield { run, as: 'hold' };
        else if (run.status !== 'failed') {
            yield { run, as: 'end' };
            return;
        }
        else {
            yield { run, as: 'failure' };
            if (run.release)
                return;
        }
    }
}
/**
 * The runs of one pipeline (newest first) that the guards read, with why: those the on-hold count
 * reads (whatever the pipeline's limit is now), and for `requires` (of any pipeline) its newest
 * completed run with each set of params. Removing them could lift a hold or unmeet a `requires`:
 * `dagline runs prune` keeps them.
 */
async function runsTheGuardsRead(newestFirst, releasedAt) {
    const read = new Map();
    for await (const { run, as } of onHoldReads(newestFirst, releasedAt))
        read.set(run.id, as === 'end'
            ? 'the on-hold count stops at it'
            : `the on-hold count reads it (${as === 'hold' ? 'on hold' : 'failed'})`);
    const paramsSeen = new Set();
    for (const run of newestFirst) {
        if (run.status !== 'completed')
            continue;
        const key = JSON.stringify(Object.keys(run.params)
            .sort()
            .map((name) => [name, (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(run.params[name] ?? null)]));
        if (paramsSeen.has(key))
            continue;
        paramsSeen.add(key);
        if (!read.has(run.id))
            read.set(run.id, 'requires may read it (the newest completed run with its params)');
    }
    return read;
}
/** A run of a part of the pipeline (`--only`, `--from`): a try, not the pipeline's health. */
function isTrial(run) {
    return (run.selection?.only.length ?? 0) > 0 || (run.selection?.from.length ?? 0) > 0;
}
/** The first item that passes, reading no further: histories are read newest first, lazily. */
async function firstOf(items, test) {
    for await (const item of items)
        if (test(item))
            return item;
    return undefined;
}
function paramsMatch(actual, wanted) {
    return Object.entries(wanted).every(([name, value]) => (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(actual[name] ?? null) === (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(value));
}
/**
 * The local store as a history. Made under the store lock: it looks at the active runs once, which
 * also marks a run whose dagline was killed as failed, before anything counts the failures.
 */
function storeHistory(store) {
    const active = store.activeRuns().map((run) => ({
        id: run.id,
        pipeline: run.pipeline,
        ...(run.concurrencyGroup !== undefined && { concurrencyGroup: run.concurrencyGroup }),
        label: `${run.id} (pid ${run.process.pid})`,
        process: run.process,
    }));
    return {
        where: `in ${store.root}`,
        runsNewestFirst: (pipeline) => store.runsNewestFirst(pipeline),
        releasedAt: (pipeline) => store.releasedAt(pipeline),
        howToRelease: (pipeline) => `\`dagline release ${pipeline}\``,
        activeRuns: () => active,
    };
}


/***/ }),

/***/ 5788:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ resultOf),
/* harmony export */   Mr: () => (/* binding */ DRY_RUN_ID),
/* harmony export */   fL: () => (/* binding */ FINISHED_TASK),
/* harmony export */   x: () => (/* binding */ journalEntryOf)
/* harmony export */ });
/* unused harmony export FINISHED_RUN */
const FINISHED_TASK = new Set([
    'success',
    'failed',
    'skipped',
    'cancelled',
    'upstream_failed',
]);
const FINISHED_RUN = new Set(['completed', 'failed', 'on_hold', 'cancelled']);
/** The id of a --dry-run's record, which is never written. */
const DRY_RUN_ID = 'dry-run';
/** A task's result as `needs.<id>.result` shows it, with GitHub's words. */
function resultOf(state) {
    if (state.notSelected)
        return 'success';
    switch (state.status) {
        case 'success':
            return 'success';
        case 'failed':
            return state.continuedOnError ? 'success' : 'failure';
        case 'cancelled':
            return 'cancelled';
        default:
            return 'skipped';
    }
}
const TASK_STATUSES = new Set([...FINISHED_TASK, 'pending', 'running']);
const ERROR_TYPES = new Set(['system', 'process', 'data', 'timeout', 'sla']);
/**
 * A journal line as a value, or undefined when it is not one dagline wrote: a line cut short by a
 * killed writer, or one of the wrong shape (`null`, a string, an array, a task without its leg).
 * Readers skip such lines, as a torn last line is skipped.
 */
function journalEntryOf(line) {
    let entry;
    try {
        entry = JSON.parse(line);
    }
    catch {
        return undefined;
    }
    if (!isObject(entry))
        return undefined;
    if (isTaskState(entry.task))
        return { task: entry.task };
    if (isErrorEntry(entry.error))
        return { error: entry.error };
    return undefined;
}
function isTaskState(value) {
    return (isObject(value) &&
        typeof value.task === 'string' &&
        typeof value.leg === 'string' &&
        typeof value.status === 'string' &&
        TASK_STATUSES.has(value.status) &&
        Array.isArray(value.attempts) &&
        value.attempts.every((attempt) => isObject(attempt) && typeof attempt.number === 'number' && typeof attempt.startedAt === 'string') &&
        isObject(value.outputs) &&
        Object.values(value.outputs).every((output) => typeof output === 'string'));
}
function isErrorEntry(value) {
    return (isObject(value) &&
        typeof value.type === 'string' &&
        ERROR_TYPES.has(value.type) &&
        typeof value.message === 'string' &&
        typeof value.at === 'string' &&
        (value.task === undefined || typeof value.task === 'string'));
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ })

};
;