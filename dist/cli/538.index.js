"use strict";
exports.id = 538;
exports.ids = [538];
exports.modules = {

/***/ 6538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCommand: () => (/* binding */ runCommand)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: ./src/errors/format-error.ts
var format_error = __webpack_require__(8943);
// EXTERNAL MODULE: ./src/fs/pipeline-files.ts
var pipeline_files = __webpack_require__(6247);
// EXTERNAL MODULE: ./src/render/printable.ts
var printable = __webpack_require__(8359);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/fs/append-no-link.ts
var append_no_link = __webpack_require__(3288);
// EXTERNAL MODULE: ./src/state/process-identity.ts
var process_identity = __webpack_require__(3219);
;// CONCATENATED MODULE: ./src/process/long-timer.ts
/** The longest delay Node's timers take (2^31-1 ms, about 24.8 days): past it, a timer fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * `setTimeout` for any delay, however long: a delay past MAX_TIMER_MS is waited in steps of at
 * most that, so `timeout: 30d`, `sla: 30d` and a retry-delay of 30 days wait their 30 days
 * instead of firing at once. `unref`: the timer does not keep the process alive.
 */
function setLongTimeout(callback, ms, options = {}) {
    let left = ms;
    let timer;
    const step = () => {
        const wait = Math.min(left, MAX_TIMER_MS);
        left -= wait;
        timer = setTimeout(() => (left > 0 ? step() : callback()), wait);
        if (options.unref)
            timer.unref();
    };
    step();
    return { clear: () => clearTimeout(timer) };
}

;// CONCATENATED MODULE: ./src/process/process-runner.ts





/** A spec's whole environment. */
function fullEnv(spec) {
    return spec.envBase ? { ...spec.envBase, ...spec.env } : spec.env;
}
/**
 * Runs each attempt as a child process of Node in a process group of its own
 * (`detached`, as wireit and lage do), so that a timeout or a cancel reaches
 * everything the task started (grandchildren too), and so that the terminal's
 * Ctrl-C goes to dagline alone, which then ends the groups itself. When the
 * task's main process ends, what is left of its group is killed, as GitHub's
 * runner cleans up orphan processes at the end of a job.
 */
class ChildProcessRunner {
    start(spec) {
        return new GroupAttempt(spec);
    }
}
/** One attempt's process group: its timeout, its cancel, its end. */
class GroupAttempt {
    spec;
    done;
    settle;
    pid;
    log;
    timedOut = false;
    cancelled = false;
    finished = false;
    killTimer;
    timeoutTimer;
    constructor(spec) {
        this.spec = spec;
        this.done = new Promise((resolve) => (this.settle = resolve));
        try {
            this.log = (0,external_node_fs_.openSync)(spec.logPath, append_no_link/* APPEND_NO_LINK */.w);
            const child = (0,external_node_child_process_.spawn)(spec.argv[0], spec.argv.slice(1), {
                cwd: spec.cwd,
                env: fullEnv(spec),
                detached: true,
                stdio: ['ignore', this.log, this.log],
            });
            child.on('error', (error) => this.failedToStart(error));
            // 'exit', not 'close': the task's output goes to a file, no pipe of dagline's is left to drain.
            child.on('exit', (exitCode, signal) => this.exited(exitCode, signal));
            if (child.pid !== undefined)
                this.started(child.pid);
        }
        catch (error) {
            this.failedToStart(error);
        }
    }
    cancel() {
        if (this.finished || this.cancelled)
            return;
        this.cancelled = true;
        this.endGroup();
    }
    started(pid) {
        this.pid = pid;
        const { timeoutMs } = this.spec;
        if (timeoutMs > 0) {
            this.timeoutTimer = setLongTimeout(() => {
                this.timedOut = true;
                this.endGroup();
            }, timeoutMs);
        }
        const startTime = (0,process_identity/* processStartTime */.X0)(pid);
        this.spec.onStart?.({ pgid: pid, ...(startTime !== undefined && { startTime }) });
    }
    /** The leader ended: what it left running in its group is killed. */
    exited(exitCode, signal) {
        this.signalGroup('SIGKILL');
        this.finish({ exitCode, signal, timedOut: this.timedOut, cancelled: this.cancelled });
    }
    failedToStart(error) {
        this.finish({
            exitCode: null,
            signal: null,
            timedOut: false,
            cancelled: this.cancelled,
            spawnError: startFailure(error, this.spec),
        });
    }
    /** SIGTERM now, SIGKILL after the grace. */
    endGroup() {
        if (this.pid === undefined)
            return; // not started: it fails to start, or has ended
        this.signalGroup('SIGTERM');
        if (this.killTimer === undefined) {
            this.killTimer = setLongTimeout(() => this.signalGroup('SIGKILL'), this.spec.killGraceMs, { unref: true });
        }
    }
    signalGroup(signal) {
        if (this.pid === undefined || this.finished)
            return;
        try {
            process.kill(-this.pid, signal);
        }
        catch {
            // the group is already gone
        }
    }
    finish(result) {
        if (this.finished)
            return;
        this.finished = true;
        this.timeoutTimer?.clear();
        this.killTimer?.clear();
        if (this.log !== undefined)
            (0,external_node_fs_.closeSync)(this.log);
        this.settle(result);
    }
}
/** Why a process did not start, in the words a user needs: which folder, which program. */
function startFailure(error, spec) {
    const program = spec.argv[0];
    if (error.code === 'ENOENT') {
        // Node says "spawn bash ENOENT" for a missing folder too: tell the two apart.
        if (!(0,external_node_fs_.statSync)(spec.cwd, { throwIfNoEntry: false })?.isDirectory())
            return `its working directory ${spec.cwd} does not exist`;
        return program.includes('/')
            ? `no such program: ${program}`
            : `no such program: ${program} (not found on the task's PATH)`;
    }
    if (error.code === 'EACCES')
        return `${program} cannot be run (permission denied)`;
    if (error.code === 'ERR_INVALID_ARG_VALUE' || error.code === 'ERR_INVALID_ARG_TYPE')
        return `an argument, path or environment entry holds a NUL character`;
    return error.message;
}

// EXTERNAL MODULE: ./src/plan/resolve-params.ts
var resolve_params = __webpack_require__(3810);
// EXTERNAL MODULE: ./src/graph/dag.ts
var graph_dag = __webpack_require__(3148);
// EXTERNAL MODULE: ./src/graph/select.ts
var graph_select = __webpack_require__(6934);
// EXTERNAL MODULE: ./src/plan/expand-matrix.ts
var expand_matrix = __webpack_require__(3033);
// EXTERNAL MODULE: ./src/plan/plan-pipeline.ts
var plan_pipeline = __webpack_require__(9715);
// EXTERNAL MODULE: ./src/plan/render-templates.ts
var render_templates = __webpack_require__(9245);
// EXTERNAL MODULE: ./src/state/run-record.ts
var run_record = __webpack_require__(5788);
// EXTERNAL MODULE: ./src/run/guards.ts
var guards = __webpack_require__(9287);
// EXTERNAL MODULE: ./src/expressions/evaluate.ts
var evaluate = __webpack_require__(1016);
;// CONCATENATED MODULE: ./src/run/earlier-outputs.ts



/**
 * The outputs a run with --only / --from takes from earlier runs. A task left out whose outputs a
 * task of the run may read (it is needed, directly or through a needed stage) hands on the outputs
 * of the newest earlier run of the pipeline in which it succeeded. That run must have had the same
 * params: outputs made for other params are refused (a usage error) rather than silently mixed in.
 * A resumed run goes on with the run its left-out tasks' outputs came from, while that run is kept.
 *
 * Returns, for each such task that declares outputs, where they come from: an earlier run's legs,
 * or undefined when no earlier run of it succeeded (they read as empty).
 */
function earlierOutputs(request) {
    const { pipeline, dag, selected, params, store, resumed } = request;
    const found = new Map();
    const history = earlierRuns(store, pipeline.name, resumed?.record.id);
    for (const [taskId, readBy] of leftOutAndRead(dag, selected)) {
        if ((pipeline.tasks.get(taskId)?.outputs.length ?? 0) === 0)
            continue;
        // Kept from the run resumed (it ran there): its own record stands, no earlier run is asked.
        const before = resumed ? [...resumed.tasks.values()].filter((state) => state.task === taskId) : [];
        if (before.some((state) => state.attempts.length > 0))
            continue;
        const chosenBefore = before.find((state) => state.outputsFrom !== undefined)?.outputsFrom;
        const earlier = (chosenBefore !== undefined ? history.legsIn(chosenBefore, taskId) : undefined) ?? history.newest(taskId);
        if (earlier) {
            const differing = differingParams(earlier.record.params, params);
            if (differing.length > 0)
                throw new dagline_error/* UsageError */.eb(`${taskId} is left out of this run, and the run its outputs would come from, ${earlier.record.id}, had other params (${differing.join(', ')})`, {}, `give the params that run had, or run ${taskId} too: \`--only +${readBy}\` runs ${readBy} with what it needs`);
        }
        found.set(taskId, earlier && { run: earlier.record.id, legs: earlier.legs });
    }
    return found;
}
/** Each task left out that a selected task needs (directly, or as a member of a needed stage), with one that needs it. */
function leftOutAndRead(dag, selected) {
    const read = new Map();
    for (const node of selected) {
        if ((0,graph_dag/* isGate */.cE)(dag, node))
            continue;
        const reader = dag.names[node];
        const pending = [...dag.preds[node]];
        const seen = new Set();
        while (pending.length > 0) {
            const pred = pending.pop();
            if (seen.has(pred))
                continue;
            seen.add(pred);
            if ((0,graph_dag/* isGate */.cE)(dag, pred))
                pending.push(...dag.preds[pred]);
            else if (!selected.has(pred) && !read.has(dag.names[pred]))
                read.set(dag.names[pred], reader);
        }
    }
    // In the pipeline's order, so what is said of them, and the first refused, does not depend on the selection's.
    return new Map([...read].sort((a, b) => dag.taskIndex.get(a[0]) - dag.taskIndex.get(b[0])));
}
/** A pipeline's earlier runs (all but `except`), read newest first and each once, only as far as asked. */
function earlierRuns(store, pipeline, except) {
    const runs = store.runsNewestFirst(pipeline);
    const read = [];
    const tasksOf = (record) => record.tasks ? Object.values(record.tasks) : [...store.loadRun(record.id).tasks.values()];
    /** The task's legs in a run, when it succeeded there (every leg of it). */
    const succeeded = (run, taskId) => {
        const legs = run.tasks.filter((state) => state.task === taskId);
        return legs.length > 0 && legs.every((state) => state.status === 'success')
            ? { record: run.record, legs }
            : undefined;
    };
    return {
        newest(taskId) {
            for (const run of read) {
                const legs = succeeded(run, taskId);
                if (legs)
                    return legs;
            }
            for (let next = runs.next(); !next.done; next = runs.next()) {
                if (next.value.id === except)
                    continue;
                const run = { record: next.value, tasks: tasksOf(next.value) };
                read.push(run);
                const legs = succeeded(run, taskId);
                if (legs)
                    return legs;
            }
            return undefined;
        },
        legsIn(id, taskId) {
            if (!store.hasRun(id))
                return undefined;
            const { record, tasks } = store.loadRun(id);
            return record.pipeline === pipeline ? succeeded({ record, tasks: [...tasks.values()] }, taskId) : undefined;
        },
    };
}
/** The params whose values differ, as `day=1 there, 2 here` (a param one run lacks reads as empty). */
function differingParams(there, here) {
    const names = [...new Set([...Object.keys(there), ...Object.keys(here)])].sort();
    const text = (value) => (0,evaluate/* valueToText */.yq)(value ?? null);
    return names
        .filter((name) => text(there[name]) !== text(here[name]))
        .map((name) => `${name}=${text(there[name])} there, ${text(here[name])} here`);
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/run/extract-registry.ts


/** A consumed extract that no run registered as ready: the task fails with a data error. */
class ExtractNotReady extends Error {
}
/**
 * The extracts registry (ProcessTracker): files tasks produce and consume,
 * with their status: initialized -> ready -> in_use -> processed, or failed.
 * One registry per state store, changed under the store lock.
 */
class ExtractRegistry {
    store;
    now;
    fetch;
    /** Changes asked for while one is being written: they go together in the next. */
    pending = [];
    writing = false;
    constructor(store, now, fetch) {
        this.store = store;
        this.now = now;
        this.fetch = fetch;
    }
    /** A task that produces files: registered `initialized` when it starts. */
    async initialize(files, run, task) {
        await this.change(files.map((file) => file.path), (extracts) => {
            for (const file of files)
                upsert(extracts, file.path, {
                    name: file.name ?? (0,external_node_path_.basename)(file.path),
                    status: 'initialized',
                    run,
                    task,
                    updatedAt: this.at(),
                });
        });
    }
    /** After the producing task: `ready` when it succeeded, `failed` when not. */
    async settleProduced(paths, run, task, success) {
        await this.change(paths, (extracts) => {
            for (const path of paths)
                upsert(extracts, path, { status: success ? 'ready' : 'failed', run, task, updatedAt: this.at() });
        });
    }
    /**
     * A consuming task takes its extracts `in_use`; one that no run registered as ready fails it. An
     * external file is registered first, as found by this task (`ready`, then taken), when it is
     * there and no run is producing or using it; one that is not there fails the task.
     */
    async take(consumed, run, task) {
        const paths = consumed.map((file) => file.path);
        const kept = consumed.filter((file) => !file.external).map((file) => file.path);
        if (this.fetch && kept.length > 0)
            await this.fetch(kept, this);
        await this.change(paths, (extracts) => {
            const absent = consumed.filter((file) => file.external && !(0,external_node_fs_.existsSync)(file.path)).map((file) => file.path);
            if (absent.length)
                throw new ExtractNotReady(`it consumes the external file${absent.length === 1 ? '' : 's'} ${absent.join(', ')}, which ${absent.length === 1 ? 'is' : 'are'} not there`);
            for (const file of consumed) {
                const status = find(extracts, file.path)?.status;
                if (!file.external || status === 'initialized' || status === 'in_use')
                    continue;
                upsert(extracts, file.path, {
                    name: file.name ?? (0,external_node_path_.basename)(file.path),
                    status: 'ready',
                    run,
                    task,
                    updatedAt: this.at(),
                    external: true,
                });
            }
            const missing = paths.filter((path) => find(extracts, path)?.status !== 'ready');
            if (missing.length) {
                const what = missing
                    .map((path) => `${path} (${find(extracts, path)?.status ?? 'never registered'})`)
                    .join(', ');
                throw new ExtractNotReady(`it consumes ${what}: no run registered ${missing.length === 1 ? 'it' : 'them'} as ready`);
            }
            for (const path of paths)
                Object.assign(find(extracts, path), {
                    status: 'in_use',
                    consumer: { run, task },
                    updatedAt: this.at(),
                });
        });
    }
    /** After the consuming task: `processed` when it succeeded, `ready` again for another try when not. */
    async settleConsumed(paths, run, task, success) {
        await this.change(paths, (extracts) => {
            for (const path of paths) {
                const entry = find(extracts, path);
                if (entry)
                    Object.assign(entry, {
                        status: success ? 'processed' : 'ready',
                        consumer: { run, task },
                        updatedAt: this.at(),
                    });
            }
        });
    }
    list() {
        return this.store.readExtracts();
    }
    at() {
        return this.now().toISOString();
    }
    /**
     * Applies an edit to the extracts at `paths`, under the store lock, in the order asked: it reads
     * and writes those extracts only (the store keeps one file each). The tasks of one run never
     * contend among themselves for the lock (a wait is a retry of 10 ms or more): one change is
     * written at a time, and the edits asked for meanwhile go together in the next. An edit that
     * throws (a consumed extract not ready) changes nothing and fails only its own task.
     */
    change(paths, edit) {
        return new Promise((resolve, reject) => {
            this.pending.push({ paths, edit, done: (error) => (error === undefined ? resolve() : reject(error)) });
            if (!this.writing)
                void this.writeChanges();
        });
    }
    async writeChanges() {
        this.writing = true;
        while (this.pending.length > 0) {
            const batch = this.pending.splice(0);
            const outcomes = [];
            try {
                await this.store.withLock(() => {
                    const paths = [...new Set(batch.flatMap((change) => change.paths))];
                    const extracts = this.store.readExtractsAt(paths.map((path) => ({ location: (0,external_node_path_.dirname)(path), filename: (0,external_node_path_.basename)(path) })));
                    for (const { edit } of batch) {
                        try {
                            edit(extracts);
                            outcomes.push(undefined);
                        }
                        catch (error) {
                            outcomes.push(error);
                        }
                    }
                    this.store.writeExtracts(extracts);
                });
                batch.forEach(({ done }, i) => done(outcomes[i]));
            }
            catch (error) {
                for (const { done } of batch)
                    done(error);
            }
        }
        this.writing = false;
    }
}
function find(extracts, path) {
    return extracts.find((e) => e.location === (0,external_node_path_.dirname)(path) && e.filename === (0,external_node_path_.basename)(path));
}
function upsert(extracts, path, fields) {
    const entry = find(extracts, path);
    if (entry) {
        // A new registration: whoever made (or found) it before, and whoever used it, are history.
        delete entry.consumer;
        delete entry.external;
        Object.assign(entry, fields);
    }
    else {
        extracts.push({
            name: fields.name ?? (0,external_node_path_.basename)(path),
            filename: (0,external_node_path_.basename)(path),
            location: (0,external_node_path_.dirname)(path),
            ...fields,
        });
    }
}

;// CONCATENATED MODULE: ./src/run/reporter.ts
const quietReporter = {
    runStarted() { },
    legStarted() { },
    legFinished() { },
    note() { },
    runFinished() { },
};

// EXTERNAL MODULE: ./src/plan/run-rules.ts
var run_rules = __webpack_require__(7140);
;// CONCATENATED MODULE: ./src/run/leg-queue.ts
/** A binary heap: the leg to start next is the one with the longest way still to go. */
class PriorityQueue {
    before;
    items = [];
    constructor(before) {
        this.before = before;
    }
    get size() {
        return this.items.length;
    }
    push(item) {
        const items = this.items;
        items.push(item);
        let i = items.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!this.before(items[i], items[parent]))
                break;
            [items[i], items[parent]] = [items[parent], items[i]];
            i = parent;
        }
    }
    pop() {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length > 0 && last !== undefined) {
            items[0] = last;
            let i = 0;
            for (;;) {
                const left = 2 * i + 1;
                const right = left + 1;
                let best = i;
                if (left < items.length && this.before(items[left], items[best]))
                    best = left;
                if (right < items.length && this.before(items[right], items[best]))
                    best = right;
                if (best === i)
                    break;
                [items[i], items[best]] = [items[best], items[i]];
                i = best;
            }
        }
        return top;
    }
    /** Empties the queue, returning what it held. */
    drain() {
        return this.items.splice(0);
    }
}

;// CONCATENATED MODULE: ./src/run/scheduler.ts





/**
 * Decides what runs when. A leg starts as soon as everything its task needs
 * has finished and a slot is free: the run's concurrency, the task's pool,
 * its matrix's max-parallel. Among ready legs, the one with the longest way
 * still to go starts first. When a task is due, the run's rules
 * (plan/run-rules.ts, which the plan asks too) say whether it runs: its
 * stage's `if`, its own `if` with GitHub's status functions, its matrix legs.
 * The scheduler does no I/O: it calls its hooks.
 */
class RunScheduler {
    input;
    hooks;
    dag;
    priority;
    tasks;
    results;
    waitingOn;
    ready = new PriorityQueue((a, b) => this.before(a, b));
    poolUse = new Map();
    poolParked = new Map();
    rules;
    needsReaders = new WeakMap();
    /** Legs handed to the executor and not yet finished. */
    handedOut = new Set();
    unfinishedNodes;
    cancelLevel = 0;
    previousByTask;
    constructor(input, hooks) {
        this.input = input;
        this.hooks = hooks;
        const { pipeline } = input;
        this.dag = (0,graph_dag/* dagOf */.mb)(pipeline);
        const order = (0,graph_dag/* orderOf */.mJ)(this.dag);
        if (!order)
            throw new Error(`${pipeline.file}: the graph has a cycle`);
        this.priority = downstreamLengths(this.dag, order);
        this.tasks = this.dag.names.map((name, node) => {
            if ((0,graph_dag/* isGate */.cE)(this.dag, node))
                return undefined;
            const spec = pipeline.tasks.get(name);
            return {
                spec,
                node,
                legs: [],
                unfinished: 0,
                running: 0,
                parked: new PriorityQueue((a, b) => this.before(a, b)),
            };
        });
        this.results = this.dag.names.map(() => undefined);
        this.waitingOn = this.dag.preds.map((preds) => preds.length);
        this.unfinishedNodes = this.dag.names.length;
        this.rules = new run_rules/* RunRules */.dU({
            pipeline,
            params: input.params,
            run: { id: input.run.id, attempt: input.run.attempt, actor: input.run.actor, trigger: input.run.trigger },
        });
    }
    /** Evaluates what is due from the start and starts what can start. */
    begin() {
        // Collect first: evaluating one node can make later ones due, and each must be evaluated once.
        const due = this.dag.names.map((_, node) => node).filter((node) => this.waitingOn[node] === 0);
        for (const node of due)
            this.due(node);
        this.fill();
    }
    get finished() {
        return this.unfinishedNodes === 0 && this.handedOut.size === 0;
    }
    /**
     * Work is left but nothing runs and nothing can start: a bug, never a
     * state a pipeline can put the scheduler in. The run ends with an error
     * rather than waiting for ever (or Node exiting with the run unfinished).
     */
    get stalled() {
        if (this.finished || this.handedOut.size > 0 || this.ready.size > 0)
            return false;
        if ([...this.poolParked.values()].some((q) => q.size > 0))
            return false;
        return !this.tasks.some((t) => t && t.parked.size > 0);
    }
    get cancelling() {
        return this.cancelLevel > 0;
    }
    /** The executor reports a leg whose state is final. */
    legFinished(leg) {
        const task = this.tasks[this.dag.taskIndex.get(leg.task.id)];
        this.handedOut.delete(leg);
        task.running--;
        task.unfinished--;
        this.hooks.changed(leg.state);
        if (leg.task.pool !== undefined)
            this.releasePool(leg.task.pool);
        const parked = task.parked.pop();
        if (parked)
            this.ready.push(parked);
        if (task.unfinished === 0)
            this.taskDone(task);
        this.fill();
    }
    /**
     * Cancels the run. The first call lets tasks whose `if` holds when
     * cancelled() is true (cleanup, always()) still run; the second cancels
     * everything. Returns the legs handed out (running), for the executor to end.
     */
    cancel() {
        this.cancelLevel = this.cancelLevel === 0 ? 1 : 2;
        const waiting = [...this.ready.drain(), ...[...this.poolParked.values()].flatMap((q) => q.drain())];
        for (const task of this.tasks)
            if (task)
                waiting.push(...task.parked.drain());
        for (const leg of waiting) {
            const task = this.tasks[this.dag.taskIndex.get(leg.task.id)];
            leg.state.status = 'cancelled';
            leg.state.reason = 'the run was cancelled before it started';
            leg.state.endedAt = this.hooks.now();
            task.unfinished--;
            this.hooks.changed(leg.state);
            if (task.unfinished === 0 && task.running === 0)
                this.taskDone(task);
        }
        const handedOut = [...this.handedOut];
        this.fill();
        return handedOut;
    }
    /**
     * How far the run is: records that are final, of all known so far. A task counts one until its
     * matrix is expanded (a matrix from a needed output is known only then), then one per leg.
     */
    progress() {
        let done = 0;
        let total = 0;
        for (const [, state] of this.recordsByTask()) {
            total++;
            if (state !== undefined && state.status !== 'pending' && state.status !== 'running')
                done++;
        }
        return { done, total };
    }
    /** Every record: the legs of tasks that ran, one entry for each task that did not. */
    states() {
        const out = [];
        for (const [task, state] of this.recordsByTask())
            out.push(state ?? { task: task.spec.id, leg: task.spec.id, status: 'pending', attempts: [], outputs: {} });
        return out;
    }
    /** Each task's records as they stand: its summary, the legs kept from a resumed run, its legs; none yet (undefined) before it is due. */
    *recordsByTask() {
        for (const task of this.tasks) {
            if (!task)
                continue;
            if (task.summary)
                yield [task, task.summary];
            else if (task.settled)
                for (const state of task.settled)
                    yield [task, state];
            else if (task.kept)
                for (const state of task.kept)
                    yield [task, state];
            else if (task.legs.length)
                for (const leg of task.legs)
                    yield [task, leg.state];
            else
                yield [task, undefined];
        }
    }
    // ---- starting legs ---------------------------------------------------------
    before(a, b) {
        const pa = this.priority[this.dag.taskIndex.get(a.task.id)];
        const pb = this.priority[this.dag.taskIndex.get(b.task.id)];
        if (pa !== pb)
            return pa > pb;
        const na = this.dag.taskIndex.get(a.task.id);
        const nb = this.dag.taskIndex.get(b.task.id);
        return na !== nb ? na < nb : a.index < b.index;
    }
    fill() {
        while (this.handedOut.size < this.input.concurrency && this.cancelLevel < 2) {
            const leg = this.ready.pop();
            if (!leg)
                return;
            const task = this.tasks[this.dag.taskIndex.get(leg.task.id)];
            if (leg.task.maxParallel !== undefined && task.running >= leg.task.maxParallel) {
                task.parked.push(leg);
                continue;
            }
            const pool = leg.task.pool;
            if (pool !== undefined && (this.poolUse.get(pool) ?? 0) >= (this.input.pipeline.pools.get(pool) ?? Infinity)) {
                let parked = this.poolParked.get(pool);
                if (!parked)
                    this.poolParked.set(pool, (parked = new PriorityQueue((a, b) => this.before(a, b))));
                parked.push(leg);
                continue;
            }
            if (pool !== undefined)
                this.poolUse.set(pool, (this.poolUse.get(pool) ?? 0) + 1);
            this.handedOut.add(leg);
            task.running++;
            this.hooks.start(leg);
        }
    }
    releasePool(pool) {
        this.poolUse.set(pool, (this.poolUse.get(pool) ?? 1) - 1);
        const next = this.poolParked.get(pool)?.pop();
        if (next)
            this.ready.push(next);
    }
    // ---- nodes becoming due ------------------------------------------------------
    nodeDone(node, result) {
        this.results[node] = result;
        this.unfinishedNodes--;
        for (const next of this.dag.succs[node]) {
            if (--this.waitingOn[next] === 0)
                this.due(next);
        }
    }
    due(node) {
        if ((0,graph_dag/* isGate */.cE)(this.dag, node)) {
            const members = this.dag.preds[node].map((p) => this.results[p]);
            const notOk = members.find((r) => !r.ok);
            this.nodeDone(node, {
                ok: !notOk,
                failedAbove: members.some((r) => r.failedAbove),
                cancelled: members.some((r) => r.cancelled),
                changed: members.some((r) => r.changed),
                ...(notOk?.cause !== undefined && { cause: notOk.cause }),
            });
            return;
        }
        const task = this.tasks[node];
        if (this.input.job && !this.input.selected?.has(node)) {
            this.settle(task, this.input.job.recordsOf(task.spec.id));
            return;
        }
        if (this.input.selected && !this.input.selected.has(node)) {
            const ran = this.ranBefore(task.spec.id);
            if (ran.length > 0)
                this.keep(task, ran);
            else {
                const earlier = this.input.earlierLegs?.(task.spec.id);
                if (earlier)
                    task.earlier = earlier.legs;
                const outputs = task.spec.matrix || !earlier ? {} : mergedOutputs(earlier.legs);
                this.finishWithoutLegs(task, 'skipped', 'not selected', outputs, earlier?.run ?? true);
            }
            return;
        }
        const decision = this.decide(task);
        if (decision)
            this.finishWithoutLegs(task, decision.status, decision.reason);
        else
            this.createLegs(task);
    }
    finishWithoutLegs(task, status, reason, outputs = {}, 
    /** Left out by the selection: true, or the earlier run whose outputs it hands on. */
    notSelected = false) {
        const state = {
            task: task.spec.id,
            leg: task.spec.id,
            status,
            attempts: [],
            outputs,
            endedAt: this.hooks.now(),
        };
        if (reason !== undefined)
            state.reason = reason;
        if (notSelected !== false)
            state.notSelected = true;
        if (typeof notSelected === 'string')
            state.outputsFrom = notSelected;
        task.summary = state;
        if (notSelected === false)
            task.changed = this.input.previous?.get(task.spec.id)?.status !== status;
        this.hooks.changed(state);
        this.taskDone(task);
    }
    /**
     * A task left out of a resumed run keeps the record it had there (its attempts, status and
     * outputs are history, not to be overwritten with "skipped"), and is taken as done, as a task
     * left out always is: what needs it runs. A failure kept this way still fails the run.
     */
    keep(task, states) {
        task.kept = states.map((state) => ({ ...state, notSelected: true }));
        for (const state of task.kept)
            this.hooks.changed(state);
        this.nodeDone(task.node, { ok: true, failedAbove: false, cancelled: false, changed: false });
    }
    /** A task another job ran (or skipped): its records, as they are, decide what follows it. */
    settle(task, states) {
        if (states.length === 0) {
            // Why GitHub did not run its job is what the run rules say of it (a stage that is off, a need
            // that failed); a task they would have run did not get its job run (the run was cancelled).
            const decision = this.decide(task);
            this.finishWithoutLegs(task, decision?.status ?? 'skipped', decision?.reason ?? 'its job did not run');
            return;
        }
        task.settled = states;
        for (const state of states)
            this.hooks.changed(state);
        this.taskDone(task);
    }
    /** The legs of a task that started in the run being resumed. */
    ranBefore(taskId) {
        if (!this.input.previous)
            return [];
        if (!this.previousByTask) {
            this.previousByTask = new Map();
            for (const state of this.input.previous.values()) {
                if (state.attempts.length === 0)
                    continue;
                const list = this.previousByTask.get(state.task) ?? [];
                list.push(state);
                this.previousByTask.set(state.task, list);
            }
        }
        return this.previousByTask.get(taskId) ?? [];
    }
    taskDone(task) {
        const preds = this.dag.preds[task.node].map((p) => this.results[p]);
        const states = task.summary ? [task.summary] : (task.settled ?? task.legs.map((l) => l.state));
        const failed = states.find((s) => s.status === 'failed' && !s.continuedOnError);
        const notOk = states.find((s) => (0,run_record/* resultOf */.Bg)(s) !== 'success');
        this.nodeDone(task.node, {
            ok: !notOk,
            failedAbove: !!failed || states.some((s) => s.status === 'upstream_failed') || preds.some((r) => r.failedAbove),
            cancelled: states.some((s) => s.status === 'cancelled'),
            changed: !!task.changed || preds.some((r) => r.changed),
            ...(notOk && { cause: task.spec.id }),
        });
    }
    /** Undefined when a due task runs; otherwise its status and why (run-rules.ts decides). */
    decide(task) {
        if (this.cancelLevel === 2)
            return { status: 'cancelled', reason: 'the run was cancelled' };
        const preds = this.dag.preds[task.node].map((p) => this.results[p]);
        const cause = preds.find((r) => !r.ok)?.cause;
        const needs = {
            allOk: preds.every((r) => r.ok),
            failedAbove: preds.some((r) => r.failedAbove),
            needCancelled: preds.some((r) => r.cancelled),
            cancelling: this.cancelLevel > 0,
            ...(cause !== undefined && { cause }),
        };
        let verdict;
        try {
            verdict = this.rules.task(task.spec, needs, task.spec.if === undefined ? {} : this.needsContext(task));
        }
        catch (error) {
            return { status: 'failed', reason: error.message };
        }
        if (verdict.kind === 'skip')
            return { status: verdict.status, reason: verdict.reason };
        return undefined; // a run knows every value: never 'unknown'
    }
    // ---- legs ----------------------------------------------------------------------
    createLegs(task) {
        const spec = task.spec;
        const needs = this.needsContext(task);
        const context = this.rules.context(`task "${spec.id}"`, { needs });
        let legs;
        try {
            legs = this.rules.legs(spec, needs);
        }
        catch (error) {
            this.finishWithoutLegs(task, 'failed', error.message);
            return;
        }
        if (legs.length === 0) {
            this.finishWithoutLegs(task, 'skipped', run_rules/* NO_LEGS_REASON */.ro);
            return;
        }
        let chosen = legs.map((matrix, index) => ({ matrix, index }));
        const job = this.input.job;
        if (job) {
            // One job runs one leg: the one GitHub's matrix gave it, found among the legs dagline expands.
            const wanted = (0,expand_matrix/* legIdentity */.VY)(job.leg);
            const index = legs.findIndex((leg) => (0,expand_matrix/* legIdentity */.VY)(leg) === wanted);
            if (index < 0) {
                const reason = job.leg
                    ? `its matrix has no leg ${JSON.stringify(job.leg)} (GitHub's matrix and dagline's differ: a bug in the compiled workflow)`
                    : 'it has a matrix, and this job ran it without one';
                this.finishWithoutLegs(task, 'failed', reason);
                return;
            }
            chosen = [{ matrix: legs[index], index }];
        }
        const needsOutputs = {};
        for (const [id, need] of Object.entries(needs))
            needsOutputs[id] = need;
        task.unfinished = chosen.length;
        const upstreamChanged = this.dag.preds[task.node].some((p) => this.results[p]?.changed);
        chosen.forEach(({ matrix, index }) => {
            const name = (0,expand_matrix/* legName */.ue)(spec.id, matrix);
            const previous = this.input.previous?.get(name);
            const leg = {
                name,
                task: spec,
                index,
                ...(matrix && { matrix }),
                state: { task: spec.id, leg: name, status: 'pending', attempts: [], outputs: {}, ...(matrix && { matrix }) },
                context: matrix ? this.rules.context(`task "${name}"`, { needs, matrix }) : context,
                needsOutputs,
            };
            task.legs.push(leg);
            if (previous?.status === 'success' && !upstreamChanged) {
                // Resume: done in the run being continued, from the same inputs.
                leg.state = previous;
                task.unfinished--;
                return;
            }
            if (previous) {
                // It runs again in the same run: its attempts count on, and an SLA it missed stays missed.
                leg.state.attempts = [...previous.attempts];
                if (previous.slaMissed)
                    leg.state.slaMissed = true;
            }
            task.changed = true;
            this.ready.push(leg);
        });
        if (task.unfinished === 0)
            this.taskDone(task);
    }
    /**
     * `needs.<id>` for a task: result and outputs of what it waits for (stage members through the
     * gates). A matrix task has no outputs of its own: its legs' are in `legs`, by leg name.
     */
    needsContext(task) {
        const needs = {};
        const add = (node) => {
            const runtime = this.tasks[node];
            if (!runtime)
                return;
            const state = runtime.summary ??
                runtime.kept?.[0] ??
                runtime.settled?.find((s) => (0,run_record/* resultOf */.Bg)(s) !== 'success') ??
                runtime.settled?.[0] ??
                runtime.legs.find((l) => (0,run_record/* resultOf */.Bg)(l.state) !== 'success')?.state ??
                runtime.legs[0]?.state;
            const result = state ? (0,run_record/* resultOf */.Bg)(state) : 'success';
            const handedOn = this.handedOn(runtime);
            if (!runtime.spec.matrix)
                needs[runtime.spec.id] = { result, outputs: mergedOutputs(handedOn) };
            else {
                const legs = {};
                for (const leg of handedOn)
                    legs[leg.leg] = { matrix: leg.matrix ?? {}, result: (0,run_record/* resultOf */.Bg)(leg), outputs: { ...leg.outputs } };
                needs[runtime.spec.id] = { result, outputs: {}, legs };
            }
        };
        for (const pred of this.dag.preds[task.node]) {
            if (!(0,graph_dag/* isGate */.cE)(this.dag, pred))
                add(pred);
            else if (this.readsNeeds(task.spec))
                for (const member of this.dag.preds[pred])
                    add(member);
        }
        return needs;
    }
    /** The records whose outputs a finished task hands on: its legs, those kept from the run resumed, or an earlier run's. */
    handedOn(task) {
        if (task.summary)
            return task.earlier ?? [];
        if (task.kept)
            return task.kept;
        if (task.settled)
            return task.settled;
        return task.legs.map((leg) => leg.state);
    }
    /**
     * Whether a task's expressions may read `needs` at all. Listing the members
     * of a needed stage costs the stage's size, so it is done only then.
     */
    readsNeeds(spec) {
        let reads = this.needsReaders.get(spec);
        if (reads === undefined) {
            reads = JSON.stringify([spec.if, spec.action, spec.env, spec.produces, spec.consumes, spec.matrix]).includes('needs');
            this.needsReaders.set(spec, reads);
        }
        return reads;
    }
}
/** The outputs of a task without a matrix (one leg). */
function mergedOutputs(states) {
    return Object.assign({}, ...states.map((state) => state.outputs));
}
/** For each node, the most tasks on a path from it to the end: how much is still to go after it. */
function downstreamLengths(dag, order) {
    const length = new Array(dag.names.length).fill(0);
    for (let i = order.length - 1; i >= 0; i--) {
        const node = order[i];
        let longest = 0;
        for (const next of dag.succs[node])
            longest = Math.max(longest, length[next]);
        length[node] = longest + ((0,graph_dag/* isGate */.cE)(dag, node) ? 0 : 1);
    }
    return length;
}

// EXTERNAL MODULE: ./src/fs/make-dirs.ts
var make_dirs = __webpack_require__(1482);
// EXTERNAL MODULE: ./src/plan/template-place.ts
var template_place = __webpack_require__(2667);
// EXTERNAL MODULE: ./src/pipeline-format/model.ts
var model = __webpack_require__(4135);
// EXTERNAL MODULE: ./src/render/plan-text.ts
var plan_text = __webpack_require__(6349);
;// CONCATENATED MODULE: ./src/run/outputs-file.ts
function parseOutputsFile(text) {
    const values = {};
    const problems = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim() === '')
            continue;
        const heredoc = /^([^=<\s][^=<]*)<<(.+)$/.exec(line);
        const equals = line.indexOf('=');
        if (heredoc && (equals < 0 || equals > line.indexOf('<<'))) {
            const [, name, delimiter] = heredoc;
            const body = [];
            let closed = false;
            for (i++; i < lines.length; i++) {
                if (lines[i] === delimiter) {
                    closed = true;
                    break;
                }
                body.push(lines[i]);
            }
            if (!closed)
                problems.push(`output "${name}": no line "${delimiter}" closes it`);
            else
                values[name.trim()] = body.join('\n');
            continue;
        }
        if (equals <= 0) {
            problems.push(`line ${i + 1} is neither name=value nor name<<DELIMITER: ${JSON.stringify(line.slice(0, 60))}`);
            continue;
        }
        values[line.slice(0, equals).trim()] = line.slice(equals + 1);
    }
    return { values, problems };
}

;// CONCATENATED MODULE: ./src/run/task-env.ts

/**
 * The environment names under which params, matrix values and needed outputs
 * reach a task (SPEC 2.1), so scripts can read them without templates:
 * DAGLINE_PARAM_DATASTAGE, DAGLINE_MATRIX_PERIOD, DAGLINE_NEEDS_CREATE_INFRA_BUCKET, and a
 * matrix task's legs as JSON, DAGLINE_NEEDS_LOAD_LEGS.
 * Names are upper-cased, and anything but letters and digits becomes `_`.
 */
function envName(...parts) {
    return ['DAGLINE', ...parts].map((part) => part.toUpperCase().replace(/[^A-Z0-9]+/g, '_')).join('_');
}
function valueEnv(input) {
    const env = {};
    for (const [name, value] of Object.entries(input.params))
        env[envName('PARAM', name)] = (0,evaluate/* valueToText */.yq)(value);
    for (const [name, value] of Object.entries(input.matrix ?? {}))
        env[envName('MATRIX', name)] = (0,evaluate/* valueToText */.yq)(value);
    for (const [task, need] of Object.entries(input.needs)) {
        for (const [name, value] of Object.entries(need.outputs))
            env[envName('NEEDS', task, name)] = value;
        // A matrix task's outputs, every leg's: { "<leg>": { matrix, result, outputs } }, as needs.<id>.legs.
        if (need.legs)
            env[envName('NEEDS', task, 'LEGS')] = JSON.stringify(need.legs);
    }
    return env;
}
/**
 * Linux's limit on one environment variable, `NAME=value` and its NUL (MAX_ARG_STRLEN): a process
 * given a longer one does not start (E2BIG).
 */
const ENV_VARIABLE_LIMIT = 128 * 1024;
/**
 * What dagline's value variables may take together: the arguments and environment of a process
 * share ARG_MAX (2 MiB on most Linux systems), and the task's own environment and script need room.
 */
const ENV_VALUES_BUDGET = 1024 * 1024;
/**
 * The value variables that fit in a process's environment: each within ENV_VARIABLE_LIMIT, all
 * within ENV_VALUES_BUDGET, the smallest first (so the fewest are left out). A value left out can
 * still be read through its template, which puts it in the script (a long script runs from a file).
 */
function fitToEnvironment(values) {
    const sized = Object.entries(values).map(([name, value]) => ({
        name,
        value,
        bytes: Buffer.byteLength(name) + Buffer.byteLength(value) + 2,
    }));
    sized.sort((a, b) => a.bytes - b.bytes);
    const env = {};
    const leftOut = [];
    let total = 0;
    for (const { name, value, bytes } of sized) {
        if (bytes > ENV_VARIABLE_LIMIT || total + bytes > ENV_VALUES_BUDGET)
            leftOut.push({ name, bytes });
        else {
            env[name] = value;
            total += bytes;
        }
    }
    return { env, leftOut };
}

;// CONCATENATED MODULE: ./src/run/task-lifecycle.ts















/** GitHub's limit on a job's outputs, kept locally so a pipeline behaves the same on both. */
const OUTPUTS_LIMIT = 1024 * 1024;
/** Scripts longer than this go through a file, not an argument (Linux caps one argument at 128 KiB). */
const INLINE_SCRIPT_LIMIT = 64 * 1024;
/**
 * One task leg from its start to its end: every attempt, the waits between
 * retries (`retry-delay * retry-backoff^(n-1)`, capped by retry-max-delay),
 * the SLA, the outputs file, the extracts it produces and consumes. The
 * scheduler decided it runs; this object owns what happens then.
 */
class TaskLifecycle {
    leg;
    deps;
    process;
    slaTimer;
    cancelled = false;
    wakeUp;
    task;
    logPath;
    /** Whether the log may hold something already: a resumed run's, or what an attempt or dagline wrote. */
    logWritten;
    constructor(leg, deps) {
        this.leg = leg;
        this.deps = deps;
        this.task = leg.task;
        this.logPath = (0,external_node_path_.join)(deps.runDir, 'logs', `${legFileName(leg)}.log`);
        this.logWritten = !deps.logsStartEmpty;
    }
    cancel() {
        this.cancelled = true;
        this.process?.cancel();
        this.wakeUp?.();
    }
    async run() {
        const { leg, deps, task } = this;
        const state = leg.state;
        state.log = `logs/${(0,external_node_path_.basename)(this.logPath)}`;
        let outcome = { ok: false, errorType: 'system', message: 'not started' };
        let prepared;
        // Settled at the end only once taken: extracts a task could not take are another's to settle.
        let taken = false;
        try {
            prepared = this.prepare();
            if (!deps.dryRun)
                await this.takeConsumed(prepared);
            taken = true;
            // A resumed task's attempts go on from the run it continues, and it gets its retries again:
            // after attempts 1 and 2 of 2 failed, the resume makes attempts 3 and 4 of 4. The record,
            // DAGLINE_TASK_ATTEMPT, the log headers and the notes all count so.
            const first = state.attempts.length + 1;
            const last = first + task.retry.retries;
            for (let n = first; n <= last && !this.cancelled; n++) {
                outcome = await this.attempt(prepared, { number: n, of: last });
                if (outcome.ok || this.cancelled)
                    break;
                if (n < last) {
                    // A failure that is retried is registered as it happens, not fatal; the last one is the
                    // task's own error, registered once below (fatal unless continue-on-error).
                    const failed = state.attempts[state.attempts.length - 1];
                    deps.error({
                        task: leg.name,
                        type: outcome.errorType ?? 'process',
                        message: outcome.message ?? 'failed',
                        fatal: false,
                        at: failed?.endedAt ?? deps.now().toISOString(),
                        attempt: failed?.number ?? n,
                    });
                    const delay = (0,model/* retryDelay */.a2)(task, n - first + 1);
                    const retrying = `retrying in ${formatMs(delay)} (attempt ${n + 1} of ${last})`;
                    this.log(retrying);
                    deps.reporter.note(`${leg.name}: ${outcome.message ?? 'failed'}; ${retrying}`);
                    deps.reporter.legRetrying?.(leg, delay);
                    await this.sleep(delay);
                }
            }
        }
        catch (error) {
            outcome = {
                ok: false,
                // The disk's refusal (a script file it had no space for) is the machine's, not the pipeline's.
                errorType: (0,dagline_error/* isSystemError */.Or)(error) ? 'system' : 'data',
                message: error instanceof dagline_error/* DaglineError */.DF
                    ? `${error.line !== undefined ? (0,format_error/* formatPlace */.dE)(error) : ''}${error.message}`
                    : String(error.message ?? error),
            };
            this.log(`error: ${outcome.message}`);
        }
        finally {
            this.slaTimer?.clear();
        }
        if (outcome.ok)
            state.status = 'success';
        else if (this.cancelled) {
            state.status = 'cancelled';
            state.reason = 'the run was cancelled';
        }
        else {
            state.status = 'failed';
            state.reason = outcome.message ?? 'failed';
            if (task.continueOnError)
                state.continuedOnError = true;
            deps.error({
                task: leg.name,
                type: outcome.errorType ?? 'process',
                message: outcome.message ?? 'failed',
                fatal: !task.continueOnError,
                at: deps.now().toISOString(),
                attempt: state.attempts.length,
            });
        }
        state.endedAt = deps.now().toISOString();
        if (prepared && taken && !deps.dryRun)
            await this.settleExtracts(prepared, state.status === 'success');
    }
    // ---- preparing: templates, environment, extracts ------------------------------------
    prepare() {
        const { leg, deps, task } = this;
        const cwd = (0,external_node_path_.resolve)(deps.workspace, task.workingDirectory ?? '.');
        const taskEnv = {};
        for (const [name, value] of Object.entries(task.env))
            taskEnv[name] = (0,render_templates/* renderText */.S5)(value, leg.context);
        const context = {
            ...leg.context,
            values: { ...leg.context.values, env: { ...leg.context.values.env, ...taskEnv } },
        };
        // What the task changes in the run's environment (deps.baseEnv, handed over as is).
        const values = fitToEnvironment(valueEnv({ params: deps.params, ...(leg.matrix && { matrix: leg.matrix }), needs: leg.needsOutputs }));
        for (const { name, bytes } of values.leftOut)
            this.warn(`${name} is not set: ${Math.ceil(bytes / 1024)} KiB, more than its environment can hold (${ENV_VARIABLE_LIMIT / 1024} KiB a variable, ${ENV_VALUES_BUDGET / 1024} KiB for all of dagline's); read the value through its template (\${{ ... }})`);
        const env = Object.assign({}, context.values.env, values.env, {
            DAGLINE_RUN_ID: deps.runId,
            DAGLINE_PIPELINE: context.values.pipeline.name,
            DAGLINE_TASK: task.id,
            DAGLINE_LEG: leg.name,
        });
        const extract = (path) => (0,external_node_path_.resolve)(cwd, (0,render_templates/* renderText */.S5)(path, context));
        return {
            cwd,
            env,
            context,
            produces: task.produces.map((e) => ({ path: extract(e.path), ...(e.name !== undefined && { name: e.name }) })),
            consumes: task.consumes.map((e) => ({
                path: extract(e.path),
                ...(e.name !== undefined && { name: e.name }),
                ...(e.external && { external: true }),
            })),
        };
    }
    async takeConsumed(prepared) {
        const registry = this.deps.extracts;
        if (!registry)
            return;
        if (prepared.consumes.length)
            await registry.take(prepared.consumes, this.deps.runId, this.leg.name);
        if (prepared.produces.length)
            await registry.initialize(prepared.produces, this.deps.runId, this.leg.name);
    }
    async settleExtracts(prepared, success) {
        const registry = this.deps.extracts;
        if (!registry)
            return;
        try {
            if (prepared.produces.length)
                await registry.settleProduced(prepared.produces.map((e) => e.path), this.deps.runId, this.leg.name, success);
            if (prepared.consumes.length)
                await registry.settleConsumed(prepared.consumes.map((e) => e.path), this.deps.runId, this.leg.name, success);
        }
        catch (error) {
            this.deps.error({
                task: this.leg.name,
                type: 'system',
                message: `extracts registry: ${error.message}`,
                fatal: false,
                at: this.deps.now().toISOString(),
            });
        }
    }
    // ---- one attempt ----------------------------------------------------------------------
    async attempt(prepared, count) {
        const { leg, deps, task } = this;
        const state = leg.state;
        const attempt = { number: count.number, startedAt: deps.now().toISOString() };
        // Where this attempt's part of the log begins, its header included: `dagline logs --attempt N`
        // reads from there. (A log nothing wrote to yet is not there: most legs are asked once, and a
        // stat is a system call.)
        const logStart = deps.dryRun || !this.logWritten ? 0 : ((0,external_node_fs_.statSync)(this.logPath, { throwIfNoEntry: false })?.size ?? 0);
        if (!deps.dryRun)
            attempt.logOffset = logStart;
        const header = this.log(`--- attempt ${count.number} of ${count.of}, ${attempt.startedAt}`);
        // Where this attempt's output begins: its process may write before dagline hears it started.
        const logOffset = logStart + header;
        this.logWritten = true;
        const begin = (group) => {
            attempt.startedAt = deps.now().toISOString();
            if (group)
                attempt.group = group;
            state.attempts.push(attempt);
            if (state.status !== 'running') {
                state.status = 'running';
                state.startedAt ??= attempt.startedAt;
                this.watchSla();
            }
            deps.changed(leg, group !== undefined);
            deps.reporter.legStarted(leg, count, this.logPath, logOffset);
        };
        let outcome;
        if (task.action.kind === 'pipeline') {
            begin();
            outcome = await this.runChildPipeline(prepared);
        }
        else {
            const outputsPath = (0,external_node_path_.join)(deps.runDir, 'outputs', `${legFileName(leg)}.${attempt.number}.txt`);
            const action = task.action.kind === 'run'
                ? {
                    kind: 'run',
                    shell: task.action.shell,
                    script: (0,render_templates/* renderScript */.y9)(task.action.script, task.action.shell, prepared.context, deps.pipeline && (0,template_place/* runTemplatePlace */.b)(deps.pipeline, task.id)),
                }
                : { kind: 'command', argv: task.action.argv.map((a) => (0,render_templates/* renderText */.S5)(a, prepared.context)) };
            const argv = this.argv(action, attempt.number);
            if (deps.dryRun) {
                begin();
                const shown = action.kind === 'run'
                    ? `${action.shell === 'bash' ? '' : `${action.shell}: `}${action.script.trimEnd()}`
                    : action.argv.map(plan_text/* argvWord */.P).join(' ');
                this.deps.reporter.note(`${leg.name}: would run ${shown}`);
                outcome = { ok: true };
            }
            else {
                // The task creates the file when it writes an output (>> "$DAGLINE_OUTPUT"), as on GitHub.
                const env = { ...prepared.env, DAGLINE_OUTPUT: outputsPath, DAGLINE_TASK_ATTEMPT: String(attempt.number) };
                this.process = deps.runner.start({
                    argv,
                    cwd: prepared.cwd,
                    env,
                    envBase: deps.baseEnv,
                    logPath: this.logPath,
                    timeoutMs: task.timeoutMs,
                    killGraceMs: deps.killGraceMs,
                    onStart: begin,
                });
                if (!state.attempts.includes(attempt))
                    begin(); // it could not start: that was an attempt too
                const result = await this.process.done;
                this.process = undefined;
                delete attempt.group; // ended: nothing of it is left to end
                attempt.exitCode = result.exitCode;
                attempt.signal = result.signal;
                if (result.timedOut)
                    attempt.timedOut = true;
                outcome = describe(result, task.timeoutMs);
                if (outcome.ok)
                    outcome = this.collectOutputs(outputsPath, prepared);
                else if (outcome.errorType === 'process' && !result.cancelled && deps.diskFull?.()) {
                    // Its output goes to its log: on a full disk its writes failed, and so did it.
                    outcome = {
                        ok: false,
                        errorType: 'system',
                        message: `${outcome.message}: the disk that holds its log is full (no space left on device)`,
                    };
                }
            }
        }
        attempt.endedAt = deps.now().toISOString();
        if (!outcome.ok) {
            attempt.error = outcome.message;
            this.log(`${leg.name}: ${outcome.message}`);
        }
        // No journal entry here: the leg's final state, or the next attempt's start, records this attempt's end.
        return outcome;
    }
    argv(action, attempt) {
        if (action.kind === 'command')
            return action.argv;
        let script = action.script;
        let viaFile = false;
        if (script.length > INLINE_SCRIPT_LIMIT) {
            const file = (0,external_node_path_.join)(this.deps.runDir, 'scripts', `${legFileName(this.leg)}.${attempt}`);
            (0,make_dirs/* makeDirs */.X)((0,external_node_path_.dirname)(file));
            (0,external_node_fs_.writeFileSync)(file, script);
            script = file;
            viaFile = true;
        }
        // The shells as GitHub runs them: bash without profile or rc files, -e and pipefail.
        switch (action.shell) {
            case 'bash':
                return viaFile
                    ? ['bash', '--noprofile', '--norc', '-eo', 'pipefail', script]
                    : ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', script];
            case 'sh':
                return viaFile ? ['sh', '-e', script] : ['sh', '-e', '-c', script];
            case 'python':
                return viaFile ? ['python3', script] : ['python3', '-c', script];
            case 'node':
                return viaFile ? ['node', script] : ['node', '-e', script];
            case 'pwsh':
                return viaFile
                    ? ['pwsh', '-NoProfile', '-NonInteractive', '-File', script]
                    : ['pwsh', '-NoProfile', '-NonInteractive', '-Command', script];
        }
    }
    collectOutputs(path, prepared) {
        const state = this.leg.state;
        // Most tasks write no outputs: no file, and no exception for it.
        const size = (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false })?.size ?? 0;
        if (size > OUTPUTS_LIMIT)
            return { ok: false, errorType: 'data', message: `outputs are ${size} bytes; the limit is 1 MiB (as on GitHub)` };
        if (size > 0) {
            const parsed = parseOutputsFile((0,external_node_fs_.readFileSync)(path, 'utf8'));
            // GitHub fails a step whose $GITHUB_OUTPUT it cannot read ("Unable to process file command
            // 'output' successfully"): a value lost to a malformed line must not pass as an empty output.
            if (parsed.problems.length > 0) {
                for (const problem of parsed.problems)
                    this.log(`$DAGLINE_OUTPUT: ${problem}`);
                const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more, in the log)` : '';
                return { ok: false, errorType: 'data', message: `$DAGLINE_OUTPUT: ${parsed.problems[0]}${more}` };
            }
            const declared = new Set(this.task.outputs);
            for (const [name, value] of Object.entries(parsed.values)) {
                if (declared.has(name))
                    state.outputs[name] = value;
                else
                    this.warn(`output "${name}" is not declared in outputs: it is not kept`);
            }
        }
        for (const name of this.task.outputs)
            state.outputs[name] ??= '';
        for (const produced of prepared.produces) {
            if (!(0,external_node_fs_.existsSync)(produced.path)) {
                return {
                    ok: false,
                    errorType: 'data',
                    message: `it declares it produces ${produced.path}, which it did not write`,
                };
            }
        }
        return { ok: true };
    }
    async runChildPipeline(prepared) {
        const action = this.task.action;
        if (action.kind !== 'pipeline' || !this.deps.runChild)
            return { ok: false, errorType: 'system', message: 'pipeline tasks cannot run here' };
        const params = {};
        for (const [name, value] of Object.entries(action.with))
            params[name] = typeof value === 'string' ? ((0,render_templates/* renderValue */.AI)(value, prepared.context) ?? value) : value;
        if (this.deps.dryRun) {
            this.deps.reporter.note(`${this.leg.name}: would run pipeline ${action.path}`);
            return { ok: true };
        }
        this.log(`running pipeline ${action.path} with ${Object.entries(params)
            .map(([k, v]) => `${k}=${(0,evaluate/* valueToText */.yq)(v)}`)
            .join(', ') || 'no params'}`);
        const child = await this.deps.runChild(action.path, params, this.leg);
        if (child.runId === undefined) {
            const message = `${action.path} did not start${child.message ? `: ${child.message}` : ''}`;
            return { ok: false, errorType: child.notStarted ?? 'process', message };
        }
        this.leg.state.childRun = child.runId;
        this.log(`child run ${child.runId}: ${child.status}${child.message ? ` (${child.message})` : ''}`);
        if (child.status === 'completed')
            return { ok: true };
        return {
            ok: false,
            errorType: 'process',
            message: `child run ${child.runId} of ${action.path} ended ${child.status}${child.message ? `: ${child.message}` : ''}`,
        };
    }
    // ---- SLA, waiting, logging ----------------------------------------------------------
    /**
     * The SLA is measured from the task's own start; a miss is recorded once and the task goes on.
     * Once for the task: not again for a retry, nor for a resume of a task that missed it before.
     */
    watchSla() {
        const { leg, deps, task } = this;
        if (task.slaMs === undefined || deps.dryRun || leg.state.slaMissed)
            return;
        this.slaTimer = setLongTimeout(() => {
            if (leg.state.status !== 'running')
                return;
            leg.state.slaMissed = true;
            const message = `still running after its SLA of ${formatMs(task.slaMs)}`;
            deps.error({ task: leg.name, type: 'sla', message, fatal: false, at: deps.now().toISOString() });
            deps.reporter.note(`${leg.name}: SLA missed (${formatMs(task.slaMs)})`);
            deps.changed(leg);
        }, task.slaMs, { unref: true });
    }
    sleep(ms) {
        if (ms <= 0 || this.cancelled)
            return Promise.resolve();
        return new Promise((resolve) => {
            const timer = setLongTimeout(done, ms);
            function done() {
                timer.clear();
                resolve();
            }
            this.wakeUp = done;
        });
    }
    /** A warning about the task: in its log, and to whoever watches the run. */
    warn(message) {
        this.log(`warning: ${message}`);
        this.deps.reporter.note(`${this.leg.name}: warning: ${message}`);
    }
    /**
     * Appends one of dagline's own lines to the task's log: the bytes written (0 when none were).
     * Printable, as every line dagline prints: `dagline logs` shows it as it is.
     */
    log(line) {
        if (this.deps.dryRun)
            return 0;
        const text = `[dagline] ${(0,printable/* printable */.g$)(line)}\n`;
        this.logWritten = true;
        try {
            const fd = (0,external_node_fs_.openSync)(this.logPath, append_no_link/* APPEND_NO_LINK */.w);
            try {
                (0,external_node_fs_.writeSync)(fd, text);
            }
            finally {
                (0,external_node_fs_.closeSync)(fd);
            }
        }
        catch {
            return 0; // a log line is never worth failing a task over
        }
        const bytes = Buffer.byteLength(text);
        this.deps.reporter.ownLogLines?.(this.leg, bytes);
        return bytes;
    }
}
function describe(result, timeoutMs) {
    if (result.spawnError)
        return { ok: false, errorType: 'system', message: `could not start: ${result.spawnError}` };
    if (result.timedOut)
        return { ok: false, errorType: 'timeout', message: `timed out after ${formatMs(timeoutMs)}` };
    if (result.cancelled)
        return { ok: false, errorType: 'process', message: 'cancelled' };
    if (result.exitCode === 0)
        return { ok: true };
    if (result.signal)
        return { ok: false, errorType: 'process', message: `killed by ${result.signal}` };
    return { ok: false, errorType: 'process', message: `exit code ${result.exitCode}` };
}
/**
 * A leg's file name: the task id, and for a matrix leg its index and values
 * (`load.0-day`). Task ids hold no `.`, so no two legs share a name.
 */
function legFileName(leg) {
    if (!leg.matrix)
        return leg.task.id;
    const values = Object.values(leg.matrix)
        .map(String)
        .join('-')
        .replace(/[^A-Za-z0-9_-]+/g, '_')
        .slice(0, 60);
    return `${leg.task.id}.${leg.index}${values ? `-${values}` : ''}`;
}
const formatMs = model/* formatDuration */.a3;

;// CONCATENATED MODULE: ./src/run/run-pipeline.ts


















/**
 * Runs a pipeline on this machine. Every run is registered before any task
 * starts (ProcessTracker): on hold after too many failures in a row, refused
 * when `requires` is unmet or its concurrency group is busy (per on-overlap),
 * and recorded as it goes so that a killed run can be resumed.
 */
async function runPipeline(request, env) {
    const resumed = request.resume !== undefined ? loadResumable(request, env) : undefined;
    const pipeline = resumed
        ? env.loadSnapshot(env.store.pipelineSnapshot(resumed.record), resumed.record.file)
        : request.pipeline;
    if (!pipeline)
        throw new dagline_error/* FileError */.f6('no pipeline to run', {}, 'give a pipeline file, or --resume RUN');
    if (resumed && request.pipeline && request.pipeline.source.sha256 !== resumed.record.sha256) {
        // A resumed run is the run it was (as a re-run on GitHub is of the same commit): a fix made
        // to the file since would silently not be used, so say so.
        env.reporter.note(`${request.pipeline.file} has changed since run ${resumed.record.id} started; it resumes as it was (its snapshot). Start a new run to use the file as it is now.`);
    }
    let params;
    if (resumed)
        params = resumed.record.params;
    else {
        const resolved = (0,resolve_params/* resolveParams */.xg)(pipeline, request.params, request.paramsFromText, request.placeOfParam);
        if (!resolved.ok)
            return { exitCode: dagline_error/* ExitCode */.yU.failed, status: 'refused', tasks: [], errors: [], problems: resolved.errors };
        params = resolved.values;
    }
    const selection = resumed?.record.selection ?? request.selection;
    const selected = selection ? (0,graph_select/* selectTasks */.n)((0,graph_dag/* dagOf */.mb)(pipeline), selection) : undefined;
    // Refused before anything is registered: outputs of a left-out task made with other params.
    // (A job of a run on GitHub takes the other tasks' records from their jobs, not from earlier runs.)
    const earlier = selected && !request.job
        ? earlierOutputs({
            pipeline,
            dag: (0,graph_dag/* dagOf */.mb)(pipeline),
            selected,
            params,
            store: env.store,
            ...(resumed && { resumed }),
        })
        : undefined;
    // What the params and static matrix values would fail on when a task starts is found before the
    // first one does. (A resumed run was checked when it started; a job on GitHub, by the plan job.)
    if (!resumed && request.job === undefined) {
        const problems = (0,plan_pipeline/* valueProblems */.ce)(pipeline, {
            params,
            ...(selection && { selection }),
            run: { actor: request.actor, trigger: request.trigger },
        });
        if (problems.length > 0)
            return { exitCode: dagline_error/* ExitCode */.yU.failed, status: 'refused', tasks: [], errors: [], problems };
    }
    const group = (0,render_templates/* concurrencyGroupOf */.CD)(pipeline, params);
    if (request.dryRun) {
        // What the guards would do to a real run now is said first; the walk goes on regardless.
        const preview = (0,external_node_fs_.existsSync)(env.store.root)
            ? previewGuards(pipeline, await env.store.withLock(() => assess(pipeline, group, env.store)))
            : undefined;
        // A dry run of a resume goes through what the resume would run: finished tasks stay finished.
        const record = newRecord(pipeline, request, params, group, selection, env, run_record/* DRY_RUN_ID */.Mr);
        return execute(pipeline, record, params, { selected, earlier }, resumed, request, env, true, preview);
    }
    // Registration: the checks and the write happen under the store lock, so two runs cannot both pass.
    let waitingFor;
    /** Runs cancel-running has sent SIGTERM: once each, since a second one stops their cleanup too. */
    const signalled = new Set();
    // Ctrl-C while queued behind another run: stop waiting; nothing was registered, nothing runs.
    let cancelled = false;
    let wake;
    const stopListening = env.onCancel?.(() => {
        cancelled = true;
        wake?.();
    });
    try {
        for (;;) {
            if (cancelled)
                return {
                    exitCode: dagline_error/* ExitCode */.yU.failed,
                    status: 'cancelled',
                    tasks: [],
                    errors: [],
                    message: `cancelled while ${waitingFor ?? 'starting'}`,
                };
            const decision = await env.store.withLock(() => guard(pipeline, request, params, group, resumed, env, signalled));
            if (decision.kind === 'wait') {
                // Said once for each run it waits for, not at every look.
                if (decision.message !== waitingFor)
                    env.reporter.note(decision.message);
                waitingFor = decision.message;
                await new Promise((resolve) => {
                    const timer = setTimeout(resolve, env.queuePollMs ?? 1000);
                    // A cancel ends the wait now, and leaves no timer to hold the process open.
                    wake = () => {
                        clearTimeout(timer);
                        resolve();
                    };
                });
                continue;
            }
            if (decision.kind === 'stop')
                return decision.outcome;
            stopListening?.(); // from here the run's own cancel takes over
            return await execute(pipeline, decision.record, params, { selected, earlier }, resumed, request, env, false);
        }
    }
    finally {
        stopListening?.();
    }
}
/** What the guards say of a new run now, read from the store (under its lock), before anything is written or signalled. */
function assess(pipeline, group, store) {
    return (0,guards/* assessGuards */.v1)((0,guards/* storeHistory */.SH)(store), pipeline, group);
}
/** What a dry run says a real run would meet now, if not a plain start. */
function previewGuards(pipeline, assessment) {
    switch (assessment.kind) {
        case 'go':
            return undefined;
        case 'on-hold':
            return `a real run now would be put on hold (exit 3): ${assessment.message}`;
        case 'refused':
            return `a real run now would be refused (exit 4): ${assessment.message}`;
        case 'busy': {
            const what = {
                fail: 'be refused (exit 4)',
                skip: 'be skipped (exit 0)',
                queue: 'wait for it',
                'cancel-running': 'cancel it, then run',
            }[pipeline.concurrency?.onOverlap ?? 'fail'];
            return `concurrency group "${assessment.group}" is busy with ${assessment.others}: a real run now would ${what}`;
        }
    }
}
async function guard(pipeline, request, params, group, resumed, env, signalled) {
    const { store } = env;
    const placeOf = (path) => request.placeOf ? { place: request.placeOf(path) } : {};
    // A resumed run meets the guards as a new run does: on hold, requires, the concurrency group.
    // One job of a run on GitHub does not: the plan job met them for the whole run, from GitHub's
    // history, and the job's store is a fresh runner's, empty (its requires would never be met).
    const assessment = request.job ? { kind: 'go' } : await assess(pipeline, group, store);
    if (assessment.kind === 'on-hold' && resumed) {
        // Refused as a new run would be; the run resumed is left as it was, and no run is registered.
        return {
            kind: 'stop',
            outcome: {
                exitCode: dagline_error/* ExitCode */.yU.onHold,
                status: 'on_hold',
                tasks: [],
                errors: [],
                message: assessment.message,
                ...placeOf(assessment.path),
            },
        };
    }
    if (assessment.kind === 'on-hold') {
        const record = newRecord(pipeline, request, params, group, request.selection, env);
        record.status = 'on_hold';
        record.endedAt = record.startedAt;
        record.errors = [{ type: 'system', message: assessment.message, fatal: true, at: record.startedAt }];
        store.register(record, pipeline.source.text);
        return {
            kind: 'stop',
            outcome: {
                exitCode: dagline_error/* ExitCode */.yU.onHold,
                status: 'on_hold',
                record,
                tasks: [],
                errors: record.errors,
                message: assessment.message,
                ...placeOf(assessment.path),
            },
        };
    }
    if (assessment.kind === 'refused')
        return refused(assessment.message, placeOf(assessment.path));
    if (assessment.kind === 'busy') {
        const { others } = assessment;
        const onOverlap = pipeline.concurrency?.onOverlap ?? 'fail';
        switch (onOverlap) {
            case 'fail':
            case 'skip': {
                const verdict = (0,guards/* overlapVerdict */.lS)(onOverlap, assessment);
                if (verdict.kind === 'refused')
                    return refused(verdict.message, placeOf(verdict.path));
                return {
                    kind: 'stop',
                    outcome: {
                        exitCode: dagline_error/* ExitCode */.yU.ok,
                        status: 'skipped',
                        tasks: [],
                        errors: [],
                        message: verdict.message,
                        ...placeOf(verdict.path),
                    },
                };
            }
            case 'queue':
                return { kind: 'wait', message: `waiting for concurrency group "${group}": ${others} is running` };
            case 'cancel-running':
                for (const run of assessment.busy) {
                    if (run.process === undefined || run.process.host !== (0,external_node_os_.hostname)() || signalled.has(run.id))
                        continue;
                    signalled.add(run.id);
                    try {
                        process.kill(run.process.pid, 'SIGTERM');
                    }
                    catch {
                        // already gone: the next look finds it ended
                    }
                }
                return { kind: 'wait', message: `cancelling ${others} of concurrency group "${group}"` };
        }
    }
    if (resumed) {
        // Pruned since it was read (`dagline runs prune` removes under the same lock): nothing to go on with.
        if (!store.hasRun(resumed.record.id))
            throw new dagline_error/* FileError */.f6(`run ${resumed.record.id} was removed from ${store.root} before it could resume`);
        const record = {
            ...resumed.record,
            status: 'running',
            process: (0,process_identity/* currentProcess */.DK)(),
            resumes: resumed.record.resumes + 1,
        };
        delete record.endedAt;
        delete record.tasks;
        delete record.errors;
        delete record.counts;
        store.writeRecord(record);
        return { kind: 'go', record };
    }
    const record = newRecord(pipeline, request, params, group, request.selection, env);
    store.register(record, pipeline.source.text);
    return { kind: 'go', record };
}
function refused(message, where) {
    return {
        kind: 'stop',
        outcome: { exitCode: dagline_error/* ExitCode */.yU.refused, status: 'refused', tasks: [], errors: [], message, ...where },
    };
}
function newRecord(pipeline, request, params, group, selection, env, id) {
    const at = env.now();
    const record = registration(pipeline, {
        id: id ?? request.id ?? env.store.newRunId(pipeline.name, at),
        actor: request.actor,
        trigger: request.trigger,
        params,
        startedAt: at.toISOString(),
        ...(group !== undefined && { group }),
        ...(selection !== undefined && { selection }),
    });
    if (request.parent)
        record.parent = request.parent;
    return record;
}
/**
 * A run's record as it is registered (ProcessTracker): who, with what, the pipeline's labels and
 * lineage, its concurrency group, the part of the pipeline it runs (`--only`, `--from`) and whether
 * it was started with a release. A local run and the action's report both register with it, so a
 * run on GitHub is recorded as a local run is.
 */
function registration(pipeline, run) {
    const record = {
        id: run.id,
        pipeline: pipeline.name,
        file: pipeline.file,
        sources: pipeline.sources,
        targets: pipeline.targets,
        actor: run.actor,
        trigger: run.trigger,
        params: run.params,
        status: 'running',
        startedAt: run.startedAt,
        sha256: pipeline.source.sha256,
        process: (0,process_identity/* currentProcess */.DK)(),
        resumes: 0,
    };
    for (const key of ['description', 'category', 'type', 'tool']) {
        const value = pipeline[key];
        if (value !== undefined)
            record[key] = value;
    }
    if (run.group !== undefined)
        record.concurrencyGroup = run.group;
    const { selection } = run;
    if (selection && ((selection.only?.length ?? 0) > 0 || (selection.from?.length ?? 0) > 0)) {
        record.selection = { only: [...(selection.only ?? [])], from: [...(selection.from ?? [])] };
    }
    if (run.release)
        record.release = true;
    return record;
}
/** The run a --resume continues: failed, cancelled, or killed (marked running, its process gone). */
function loadResumable(request, env) {
    const { store } = env;
    let id;
    store.activeRuns(); // marks killed runs failed
    const given = typeof request.resume === 'string' ? request.resume : undefined;
    // A run id, or its start; a pipeline's name means its latest resumable run, as the file does.
    const byName = given !== undefined && !store.hasRun(given) && !store.runsNewestFirst(given).next().done;
    if (given !== undefined && !byName)
        id = store.findRun(given);
    else {
        const name = byName ? given : request.pipeline?.name;
        if (name === undefined)
            throw new dagline_error/* FileError */.f6('--resume without a run id needs the pipeline file', {}, 'dagline run FILE --resume, or dagline run --resume RUN');
        let last;
        for (const run of store.runsNewestFirst(name))
            if (run.status === 'failed' || run.status === 'cancelled') {
                last = run;
                break;
            }
        if (!last)
            throw new dagline_error/* FileError */.f6(`no failed or cancelled run of "${name}" to resume in ${store.root}`, {}, 'dagline runs lists the runs');
        id = last.id;
    }
    const loaded = store.loadRun(id);
    store.refuseLinksInRun(id);
    const status = loaded.record.status;
    if (status === 'running')
        throw new dagline_error/* FileError */.f6(`run ${id} is still running (pid ${loaded.record.process.pid})`);
    if (status !== 'failed' && status !== 'cancelled')
        throw new dagline_error/* FileError */.f6(`run ${id} ended ${status}: only a failed, cancelled or killed run can be resumed`);
    return loaded;
}
// ---- executing ---------------------------------------------------------------------------
async function execute(pipeline, record, params, 
/** The tasks --only / --from selected, and where the outputs of those left out come from. */
part, resumed, request, env, dryRun, 
/** A dry run's word on what the guards would do to a real run now: said as the run starts. */
guardsPreview) {
    const { store, reporter } = env;
    const runDir = store.runDir(record.id);
    const errors = [...(resumed?.errors ?? [])];
    // The disk refused the journal (full, read-only): the run stops as a cancel stops it (cleanup
    // tasks still run, as they may be what frees the disk), and ends failed with a system error.
    let storeRefused = false;
    const journal = dryRun
        ? undefined
        : store.openJournal(record.id, (error) => {
            storeRefused = true;
            errors.push({
                type: 'system',
                message: `the run's journal could not be written (${error.message}): the run stops; its end is recorded from memory`,
                fatal: true,
                at: env.now().toISOString(),
            });
            reporter.note(`the run's journal could not be written (${error.message}): stopping the run`);
            // After the turn: the journal is flushed from inside the scheduler, as it hands out a leg.
            setImmediate(stop);
        });
    const extracts = dryRun ? undefined : new ExtractRegistry(store, env.now, env.fetchExtracts);
    const lifecycles = new Map();
    const workspace = env.workspaceOf(pipeline.file);
    // Copied once: process.env answers each read from the C++ side, and every task starts from it.
    const baseEnv = {};
    for (const [name, value] of Object.entries(env.baseEnv))
        if (value !== undefined)
            baseEnv[name] = value;
    let finish;
    const allDone = new Promise((resolve) => (finish = resolve));
    const scheduler = new RunScheduler({
        pipeline,
        params,
        run: {
            id: record.id,
            attempt: request.attempt ?? record.resumes + 1,
            actor: record.actor,
            trigger: record.trigger,
        },
        concurrency: Math.max(1, request.concurrency),
        ...(part.selected && { selected: part.selected }),
        ...(request.job && { job: request.job }),
        ...(resumed && { previous: resumed.tasks }),
        earlierLegs: (taskId) => part.earlier?.get(taskId),
    }, {
        now: () => env.now().toISOString(),
        changed: (state) => journal?.append({ task: state }),
        start: (leg) => {
            journal?.flush(); // what finished is recorded before what needs it starts
            const lifecycle = new TaskLifecycle(leg, {
                runner: env.runner,
                reporter,
                runId: record.id,
                runDir,
                workspace,
                baseEnv,
                params,
                pipeline,
                killGraceMs: env.killGraceMs,
                dryRun,
                logsStartEmpty: !resumed,
                ...(extracts && { extracts }),
                ...(!dryRun && { diskFull: () => store.isFull() }),
                runChild: (path, childParams, parentLeg) => env.runChild
                    ? env.runChild(path, childParams, parentLeg)
                    : runChild(path, childParams, parentLeg, pipeline, record, request, env),
                error: (entry) => {
                    errors.push(entry);
                    journal?.append({ error: entry });
                },
                changed: (l, now) => {
                    journal?.append({ task: l.state });
                    if (now)
                        journal?.flush();
                },
                now: env.now,
            });
            lifecycles.set(leg.name, lifecycle);
            lifecycle
                .run()
                .catch((error) => {
                leg.state.status = 'failed';
                leg.state.reason = (0,dagline_error/* asDaglineError */.bT)(error).message; // a disk error says so; anything else is an internal error
            })
                .finally(() => {
                lifecycles.delete(leg.name);
                reporter.legFinished(leg, `${runDir}/${leg.state.log ?? ''}`);
                scheduler.legFinished(leg);
                if (scheduler.finished || scheduler.stalled)
                    finish();
            });
        },
    });
    function stop() {
        for (const leg of scheduler.cancel())
            lifecycles.get(leg.name)?.cancel();
        if (scheduler.finished)
            finish();
    }
    const stopListening = env.onCancel?.(stop);
    reporter.runStarted(record, runDir);
    if (guardsPreview)
        reporter.note(guardsPreview);
    // Outputs taken from earlier runs are said, and which run each came from: never a silent mix.
    for (const [taskId, from] of part.earlier ?? []) {
        if (from)
            reporter.note(`${taskId}: left out of this run; its outputs are those of run ${from.run}`);
        else {
            const declared = pipeline.tasks.get(taskId)?.outputs ?? [];
            reporter.note(`${taskId}: left out of this run, and no earlier run of it succeeded: its outputs (${declared.join(', ')}) read as empty`);
        }
    }
    reporter.watchProgress?.(() => scheduler.progress());
    scheduler.begin();
    if (scheduler.finished || scheduler.stalled)
        finish();
    await allDone;
    if (!scheduler.finished) {
        errors.push({
            type: 'system',
            message: 'internal error: the scheduler stalled with tasks left (a bug in dagline)',
            fatal: true,
            at: env.now().toISOString(),
        });
    }
    stopListening?.();
    journal?.close();
    const tasks = scheduler.states();
    // The run's status comes from its tasks as they stand now: errors of earlier tries (before a resume) are history.
    const failed = tasks.some((t) => (t.status === 'failed' && !t.continuedOnError) || t.status === 'pending') || !scheduler.finished;
    const status = storeRefused
        ? 'failed'
        : scheduler.cancelling
            ? 'cancelled'
            : failed
                ? 'failed'
                : 'completed';
    const final = {
        ...record,
        status,
        endedAt: env.now().toISOString(),
        tasks: Object.fromEntries(tasks.map((t) => [t.leg, t])),
        errors,
    };
    if (!dryRun)
        writeEnded(store, final);
    reporter.runFinished(final, tasks, errors, runDir);
    return { exitCode: status === 'completed' ? dagline_error/* ExitCode */.yU.ok : dagline_error/* ExitCode */.yU.failed, status, record: final, tasks, errors };
}
/**
 * Writes an ended run's record. A disk that refuses it (full) gets it in place with a system error
 * saying so, rather than a record left saying running; if even that is refused, the error is
 * thrown (the next dagline finds the run's process gone and records it failed).
 */
function writeEnded(store, final) {
    try {
        store.writeRecord(final);
    }
    catch (error) {
        if (!(0,dagline_error/* isSystemError */.Or)(error))
            throw error;
        (final.errors ??= []).push({
            type: 'system',
            message: `the run's record could not be written whole (${error.message}): written in place`,
            fatal: true,
            at: new Date().toISOString(),
        });
        if (final.status === 'completed')
            final.status = 'failed';
        store.writeEndedRecordInPlace(final);
    }
}
async function runChild(path, params, leg, parentPipeline, parentRecord, request, env) {
    let child;
    let placeOfParam;
    try {
        ({ pipeline: child, placeOfParam } = env.loadChild(path, parentPipeline));
    }
    catch (error) {
        return { status: 'failed', message: error.message, notStarted: 'data' };
    }
    const given = {};
    for (const [name, value] of Object.entries(params))
        given[name] = value === null || typeof value !== 'object' ? value : JSON.stringify(value);
    const outcome = await runPipeline({
        pipeline: child,
        ...(placeOfParam && { placeOfParam }),
        params: given,
        paramsFromText: false,
        concurrency: request.concurrency,
        actor: request.actor,
        trigger: 'pipeline',
        parent: { run: parentRecord.id, task: leg.name },
    }, 
    // A matrix task's legs each run a child: its lines name the leg (`deploy (eu)/`), else they mingle.
    { ...env, reporter: env.reporter.child?.((0,expand_matrix/* legName */.ue)(child.name, leg.matrix)) ?? quietReporter });
    const message = outcome.message ?? outcome.problems?.map((p) => `${(0,format_error/* formatPlace */.dE)(p)}${p.message}`).join('; ');
    const status = outcome.status === 'refused' || outcome.status === 'skipped' ? 'failed' : outcome.status;
    if (!outcome.record)
        return { status, ...(message && { message }), notStarted: outcome.problems?.length ? 'data' : 'process' };
    return { runId: outcome.record.id, status, ...(message && { message }) };
}

// EXTERNAL MODULE: ./src/pipeline-format/load-pipeline.ts + 2 modules
var load_pipeline = __webpack_require__(6561);
// EXTERNAL MODULE: ./src/cli/io.ts
var cli_io = __webpack_require__(1604);
// EXTERNAL MODULE: ./src/cli/run-output/prefixed-lines.ts
var prefixed_lines = __webpack_require__(3035);
// EXTERNAL MODULE: ./src/cli/run-output/summary.ts
var summary = __webpack_require__(6906);
;// CONCATENATED MODULE: ./src/cli/run-output/plain-reporter.ts




/** One buffer for every read: reporters read one log at a time, and never across an await. */
let readBuffer;
/**
 * Text held for one write goes out at once past this many characters: a task that writes
 * hundreds of megabytes between two polls is shown a read at a time, not gathered whole.
 */
const HELD_CHARS = 256 * 1024;
/**
 * Output for CI and for anything that is not a terminal: each task's output
 * as `[task] line`, read from its log file as it grows (tasks write their
 * logs directly, so output reaches the screen within a poll interval), and
 * a line when a task starts and ends.
 */
class PlainReporter {
    out;
    prefix;
    pollMs;
    followed = new Map();
    /** Start lines held until the end of this turn of the event loop, by leg. */
    starts = new Map();
    timer;
    pending = '';
    constructor(out, prefix = '', pollMs = 200) {
        this.out = out;
        this.prefix = prefix;
        this.pollMs = pollMs;
    }
    /** Lines go out together once per turn of the event loop: one write for many short tasks. */
    write(text) {
        if (!text)
            return;
        if (!this.pending)
            setImmediate(() => this.flush());
        this.pending += text;
        if (this.pending.length > HELD_CHARS)
            this.flush();
    }
    flush() {
        if (!this.pending)
            return;
        const text = this.pending;
        this.pending = '';
        this.out(text);
    }
    runStarted(record) {
        const params = (0,summary/* paramsText */.sN)(record.params, ', ');
        this.write(`[dagline] ${this.prefix}run ${record.id}: ${(0,printable/* printable */.g$)(record.pipeline)} (${(0,printable/* printable */.g$)(record.file)})${params ? `, ${params}` : ''}\n`);
    }
    legStarted(leg, attempt, logPath, logOffset) {
        const name = this.nameOf(leg);
        // A start can come in the turn of the end that freed its slot, before that end is shown: the
        // start waits for the turn to finish, so a log never shows more tasks running than the
        // concurrency allows.
        if (this.starts.size === 0)
            setImmediate(() => this.writeStarts());
        // A leg followed already is being retried; a resumed one starts at the attempt it is on.
        const what = this.followed.has(name) ? 'retry' : 'start';
        const count = attempt.of > 1 ? ` (attempt ${attempt.number} of ${attempt.of})` : '';
        this.starts.set(name, `[dagline] ${what} ${name}${count}\n`);
        this.followed.set(name, { name, path: logPath, offset: logOffset, lines: new prefixed_lines/* PrefixedLines */.d(`[${name}] `) });
        this.timer ??= setInterval(() => this.poll(), this.pollMs);
        this.timer.unref();
    }
    legFinished(leg) {
        const name = this.nameOf(leg);
        this.writeStart(name); // one that could not start ends in the turn it began
        const followed = this.followed.get(name);
        if (followed) {
            this.read(followed);
            this.endLine(followed);
            this.followed.delete(name);
        }
        const s = leg.state;
        const reason = s.status === 'success' ? '' : `: ${(0,printable/* printable */.g$)(s.reason ?? '')}`;
        this.write(`[dagline] ${s.status} ${name} (${(0,summary/* durationOf */.cf)(s.startedAt, s.endedAt)})${reason}\n`);
        if (this.followed.size === 0 && this.timer) {
            clearInterval(this.timer);
            this.timer = undefined;
        }
    }
    note(message) {
        this.poll(); // what tasks printed before the note comes before it
        this.write(`[dagline] ${this.prefix}${(0,printable/* printable */.g$)(message)}\n`);
    }
    /** Shows what the task wrote before dagline's own lines, then steps over them: notes say it. */
    ownLogLines(leg, bytes) {
        const followed = this.followed.get(this.nameOf(leg));
        if (!followed)
            return;
        const size = (0,external_node_fs_.statSync)(followed.path, { throwIfNoEntry: false })?.size ?? 0;
        this.read(followed, size - bytes);
        this.endLine(followed);
        followed.offset = Math.max(followed.offset, size);
    }
    /** What the task wrote after its last newline, shown as a line of its own. */
    endLine(followed) {
        this.write(followed.lines.end());
    }
    runFinished(...args) {
        this.writeStarts();
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
        if (this.prefix) {
            this.write(`[dagline] ${this.prefix}run ${args[0].id}: ${args[0].status}\n`);
        }
        else
            this.write(`\n${(0,summary/* runSummary */.KL)(...args)}`);
        this.flush();
    }
    child(name) {
        return new PlainReporter((text) => this.write(text), `${this.prefix}${(0,printable/* printable */.g$)(name)}/`, this.pollMs);
    }
    /** A leg as its lines name it: its name printable (matrix values are the user's), under a child run's prefix. */
    nameOf(leg) {
        return this.prefix + (0,printable/* printable */.g$)(leg.name);
    }
    poll() {
        for (const followed of this.followed.values())
            this.read(followed);
    }
    writeStarts() {
        for (const line of this.starts.values())
            this.write(line);
        this.starts.clear();
    }
    writeStart(name) {
        const line = this.starts.get(name);
        if (line === undefined)
            return;
        this.write(line);
        this.starts.delete(name);
    }
    /** Shows the log's new lines, up to `end` (a byte offset) when given. */
    read(followed, end) {
        this.writeStart(followed.name); // a task's start comes before anything it printed
        // A stat is one call where open, read and close are three: most polls, and most short tasks, find nothing new.
        const size = end ?? (0,external_node_fs_.statSync)(followed.path, { throwIfNoEntry: false })?.size;
        if (size === undefined || size <= followed.offset)
            return;
        let fd;
        try {
            fd = (0,external_node_fs_.openSync)(followed.path, 'r');
        }
        catch {
            return;
        }
        try {
            const buffer = (readBuffer ??= Buffer.allocUnsafe(64 * 1024));
            for (;;) {
                const n = (0,external_node_fs_.readSync)(fd, buffer, 0, Math.min(buffer.length, size - followed.offset), followed.offset);
                if (n <= 0)
                    break;
                followed.offset += n;
                this.write(followed.lines.push(buffer.subarray(0, n)));
            }
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    }
}

;// CONCATENATED MODULE: ./src/cli/run-output/tty-reporter.ts


/**
 * Output for a person at a terminal: one line for each task that ends, and
 * a status line kept at the bottom (how many done, which run, elapsed time).
 * Task output stays in the log files; the summary names the logs of failures.
 */
class TtyReporter {
    out;
    running = new Set();
    /** Legs between a failed attempt and the next: when the next starts (ms since the epoch). */
    retrying = new Map();
    failed = 0;
    startedAt = Date.now();
    timer;
    progress;
    /** What goes out at the end of this turn of the event loop: finished-task lines, then one status line. */
    pending = '';
    redraw = false;
    scheduled = false;
    constructor(out) {
        this.out = out;
    }
    /** Many short tasks end in one turn: they share one write and one redraw of the status line. */
    write(text) {
        this.pending += text;
        this.schedule();
    }
    schedule() {
        if (this.scheduled)
            return;
        this.scheduled = true;
        setImmediate(() => this.flush());
    }
    flush() {
        this.scheduled = false;
        if (this.redraw) {
            this.redraw = false;
            this.pending += this.statusLine();
        }
        if (!this.pending)
            return;
        const text = this.pending;
        this.pending = '';
        this.out(text);
    }
    runStarted(record) {
        this.startedAt = Date.now();
        this.write(`run ${record.id}: ${(0,printable/* printable */.g$)(record.pipeline)}\n`);
        this.timer = setInterval(() => this.status(), 250);
        this.timer.unref();
    }
    watchProgress(progress) {
        this.progress = progress;
    }
    legStarted(leg) {
        this.retrying.delete(leg.name);
        this.running.add(leg.name);
        this.status();
    }
    legRetrying(leg, delayMs) {
        this.running.delete(leg.name);
        this.retrying.set(leg.name, Date.now() + delayMs);
        this.status();
    }
    legFinished(leg) {
        this.running.delete(leg.name);
        this.retrying.delete(leg.name); // cancelled while it waited
        const s = leg.state;
        const mark = s.status === 'success' ? '\u2713' : s.status === 'cancelled' ? '-' : '\u2717';
        if (s.status === 'failed')
            this.failed++;
        this.clear();
        this.write(`${mark} ${(0,printable/* printable */.g$)(leg.name)}  ${s.status}${s.status === 'success' ? '' : `: ${(0,printable/* printable */.g$)(s.reason ?? '')}`}  ${(0,summary/* durationOf */.cf)(s.startedAt, s.endedAt)}\n`);
        this.status();
    }
    note(message) {
        this.clear();
        this.write(`  ${(0,printable/* printable */.g$)(message)}\n`);
        this.status();
    }
    runFinished(...args) {
        if (this.timer)
            clearInterval(this.timer);
        this.redraw = false;
        this.clear();
        // Task output is not shown on a terminal as it runs: the end of each failed task's log is.
        this.write(`\n${(0,summary/* runSummary */.KL)(...args, summary/* FAILED_LOG_LINES */.br)}`);
        this.flush();
    }
    clear() {
        this.write('\r\x1b[K');
    }
    status() {
        this.redraw = true;
        this.schedule();
    }
    statusLine() {
        const elapsed = Math.round((Date.now() - this.startedAt) / 1000);
        const clock = `${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}`;
        const names = [...this.running].map(printable/* printable */.g$);
        const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '');
        const now = Date.now();
        const waits = [...this.retrying].map(([name, at]) => `${(0,printable/* printable */.g$)(name)} in ${Math.max(0, Math.ceil((at - now) / 1000))}s`);
        // Of how many, where the run says: skipped tasks count as done, and a matrix grows the total when it expands.
        const progress = this.progress?.();
        const parts = [
            ...(progress ? [`${progress.done}/${progress.total} done`] : []),
            ...(this.failed ? [`${this.failed} failed`] : []),
            `${names.length} running${shown ? `: ${shown}` : ''}`,
            ...(waits.length
                ? [
                    `${waits.length} to retry: ${waits.slice(0, 2).join(', ')}${waits.length > 2 ? ` +${waits.length - 2}` : ''}`,
                ]
                : []),
        ];
        const width = process.stdout.columns || 100;
        return `\r\x1b[K${`${clock}  ${parts.join(', ')}`.slice(0, width - 1)}`;
    }
}

// EXTERNAL MODULE: ./src/cli/commands/load-one.ts
var load_one = __webpack_require__(8264);
// EXTERNAL MODULE: ./src/cli/commands/plan.ts
var plan = __webpack_require__(1754);
// EXTERNAL MODULE: ./src/cli/commands/state-store.ts + 2 modules
var state_store = __webpack_require__(3081);
;// CONCATENATED MODULE: ./src/cli/commands/run.ts















/** The signals that cancel a run: the first lets cleanup tasks run, the next stops everything. */
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
async function runCommand(file, flags, limits, io, interactive) {
    const resume = flags.resume === undefined || flags.resume === false ? undefined : flags.resume === true ? true : flags.resume;
    if (resume !== undefined && flags.param.length > 0)
        throw new dagline_error/* UsageError */.eb('--param cannot change a resumed run', {}, 'a resumed run keeps the params it had');
    if (file === undefined && typeof resume !== 'string')
        throw new dagline_error/* UsageError */.eb('give a pipeline file to run', {}, 'dagline run FILE, or dagline run --resume RUN');
    const concurrency = flags.concurrency === undefined ? (0,external_node_os_.availableParallelism)() : Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new dagline_error/* UsageError */.eb(`--concurrency ${flags.concurrency} is not a whole number of 1 or more`);
    const graceText = io.env.DAGLINE_KILL_GRACE_MS ?? '5000';
    const killGraceMs = Number(graceText);
    if (graceText.trim() === '' || !Number.isInteger(killGraceMs) || killGraceMs < 0) {
        throw new dagline_error/* UsageError */.eb(`DAGLINE_KILL_GRACE_MS=${graceText} is not a whole number of milliseconds`, {}, 'e.g. DAGLINE_KILL_GRACE_MS=5000');
    }
    return runWith({ file, flags, resume, concurrency, killGraceMs }, limits, io, interactive);
}
async function runWith(settings, limits, io, interactive) {
    const { file, flags, resume, concurrency, killGraceMs } = settings;
    const loaded = file === undefined ? undefined : (0,load_one.loadOrReport)(file, limits, io, { calls: true });
    const pipeline = loaded?.pipeline;
    const store = (0,state_store.storeFor)(flags.stateDir, io.env, file);
    // Tasks' output is theirs: on GitHub Actions none of its lines may act as a workflow command.
    const taskOutput = (0,cli_io/* untrustedOut */.Xm)(io);
    const reporter = interactive && !io.env.CI ? new TtyReporter(io.out) : new PlainReporter(taskOutput.out);
    const listeners = new Set();
    let signals = 0;
    const onSignal = (signal) => {
        signals++;
        io.err(signals === 1
            ? `\n${signal}: cancelling the run (again to stop cleanup tasks too)\n`
            : `\n${signal}: stopping everything\n`);
        for (const listener of listeners)
            listener();
    };
    // SIGHUP too: a closed terminal or a dropped SSH session cancels the run as Ctrl-C does, rather
    // than killing dagline and leaving its tasks (each in a session of its own) running unrecorded.
    for (const signal of CANCEL_SIGNALS)
        process.on(signal, onSignal);
    const environment = {
        store,
        runner: new ChildProcessRunner(),
        reporter,
        workspaceOf: (pipelineFile) => (0,pipeline_files/* repositoryRoot */.Hn)(pipelineFile),
        loadChild: (path, from) => {
            // Checked with the run's pipelines before it starts; checked again as the file is read.
            const { file, outside } = (0,pipeline_files/* calledPipelineFile */.wd)(from.file, path);
            if (outside !== undefined)
                throw new Error(`${path} is a link to ${outside}, outside the repository`);
            const result = (0,pipeline_files/* readPipelineFile */.Bk)(file, limits);
            if (!result.ok)
                throw new Error(`${path} does not validate: ${result.errors.map(format_error/* formatErrorLine */.AC).join('; ')}`);
            return { pipeline: result.pipeline, placeOfParam: (0,resolve_params/* paramPlaces */.C7)(result.pipeline, result.locator) };
        },
        loadSnapshot: (text, snapshotFile) => loadSnapshot(text, snapshotFile, limits, io),
        baseEnv: io.env,
        killGraceMs,
        onCancel: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        now: () => new Date(),
    };
    let outcome;
    try {
        outcome = await runPipeline({
            ...(loaded && { pipeline: loaded.pipeline, placeOfParam: loaded.placeOfParam, placeOf: loaded.placeOf }),
            params: (0,resolve_params/* parseParamFlags */.sh)(flags.param),
            paramsFromText: true,
            selection: { only: flags.only, from: flags.from },
            ...(resume !== undefined && { resume }),
            dryRun: flags.dryRun ?? false,
            concurrency,
            actor: (0,plan.actorName)(io.env),
            trigger: resume !== undefined ? 'resume' : 'manual',
        }, environment);
    }
    finally {
        for (const signal of CANCEL_SIGNALS)
            process.off(signal, onSignal);
        taskOutput.end();
    }
    if (outcome.problems?.length)
        (0,load_one.reportErrors)(outcome.problems, io);
    if (outcome.message) {
        const where = outcome.record ? ` (run ${outcome.record.id})` : '';
        const prefix = outcome.status === 'skipped' ? '' : 'error: ';
        const place = outcome.place ?? {};
        io.err(`${(0,format_error/* formatPlace */.dE)({ file: place.file ?? pipeline?.file, line: place.line, column: place.column })}${prefix}${(0,printable/* printable */.g$)(outcome.message)}${where}\n`);
    }
    return outcome.exitCode;
}
function loadSnapshot(text, file, limits, io) {
    const result = (0,load_pipeline/* loadPipeline */.B)(text, file, { ...limits, maxBytes: Math.max(limits.maxBytes, text.length * 4) });
    if (!result.ok)
        (0,load_one.reportErrors)(result.errors, io);
    return result.pipeline;
}


/***/ }),

/***/ 3035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ PrefixedLines)
/* harmony export */ });
/* unused harmony export LONGEST_LINE */
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The most of one line held before it is shown: a longer line (a task that prints megabytes
 * without a newline) goes out in pieces of this many characters, each under the prefix, so no
 * line costs more memory than this however long it is.
 */
const LONGEST_LINE = 1024 * 1024;
/**
 * A log's bytes as lines under a prefix (`[task] line`), fed as they are read: what a read cut
 * (a line without its newline yet, a character without all its bytes) waits for the next bytes.
 * Memory stays within one read and one line of at most LONGEST_LINE, whatever the log's size.
 */
class PrefixedLines {
    prefix;
    decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_0__.StringDecoder('utf8');
    /** The last line read, while it has no newline yet. */
    partial = '';
    constructor(prefix) {
        this.prefix = prefix;
    }
    /** The lines these bytes complete, each under the prefix and ended by a newline ('' when none). */
    push(bytes) {
        const text = this.decoder.write(bytes);
        const newline = text.lastIndexOf('\n');
        let out = '';
        if (newline < 0) {
            // Still inside one line: appended (a rope, not a copy), split only once a newline comes,
            // so a long line costs its length once, not once per read.
            this.partial += text;
        }
        else {
            const lines = (this.partial + text.slice(0, newline)).split('\n');
            this.partial = text.slice(newline + 1);
            for (const line of lines)
                out += this.shown(line);
        }
        while (this.partial.length > LONGEST_LINE) {
            const cut = cutAt(this.partial, LONGEST_LINE);
            out += `${this.prefix}${this.partial.slice(0, cut)}\n`;
            this.partial = this.partial.slice(cut);
        }
        return out;
    }
    /** What is left after the last newline, as a line of its own ('' when nothing is). */
    end() {
        const rest = this.partial + this.decoder.end();
        this.partial = '';
        return rest ? this.shown(rest) : '';
    }
    /** One line under the prefix: in pieces of LONGEST_LINE when it is longer. */
    shown(line) {
        let out = '';
        let rest = line;
        while (rest.length > LONGEST_LINE) {
            const cut = cutAt(rest, LONGEST_LINE);
            out += `${this.prefix}${rest.slice(0, cut)}\n`;
            rest = rest.slice(cut);
        }
        return `${out}${this.prefix}${rest}\n`;
    }
}
/** Where to cut a text near `at` without splitting a character made of two UTF-16 units. */
function cutAt(text, at) {
    const code = text.charCodeAt(at - 1);
    return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
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


/***/ })

};
;