"use strict";
exports.id = 722;
exports.ids = [722];
exports.modules = {

/***/ 3722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   showLogs: () => (/* binding */ showLogs)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1194);
/* harmony import */ var _errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8144);
/* harmony import */ var _pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6561);
/* harmony import */ var _render_printable_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8359);
/* harmony import */ var _state_process_identity_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3219);
/* harmony import */ var _state_run_record_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5788);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1604);
/* harmony import */ var _run_output_prefixed_lines_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3035);










/**
 * `dagline logs RUN [TASK]`: a task's log as the store keeps it, without knowing where. One task or
 * leg: its log, as the task wrote it (the last attempt, or `--attempt N`). A matrix task, or the
 * whole run: every leg's log, each line as `[leg] line`, as `dagline run` prints them in CI.
 * `--follow` goes on while the run runs: one leg until it ends (through its retries), several until
 * the run ends.
 */
async function showLogs(store, runArg, taskArg, flags, io) {
    const attempt = flags.attempt === undefined ? undefined : attemptNumber(flags.attempt);
    // A run whose dagline was killed reads as failed, not running. (No store: nothing created.)
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(store.root))
        await store.withLock(() => store.activeRuns());
    const view = new RunView(store, store.findRun(runArg));
    const selector = selectorFor(view, taskArg);
    if (attempt !== undefined && !selector.single && flags.follow)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('--attempt with --follow needs one task or leg', {}, 'name a leg: load:day, or "load (day)"');
    const printer = new Printer(io, selector.single);
    try {
        if (flags.follow && view.running)
            return await follow(view, selector, attempt, printer, io);
        const legs = legsToShow(view, selector, attempt);
        for (const leg of legs)
            await printer.copy(leg);
        return 0;
    }
    finally {
        await printer.end();
    }
}
function attemptNumber(text) {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`--attempt ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(text)} is not an attempt number`, {}, 'attempts count from 1');
    return n;
}
// ---- the run as it stands ------------------------------------------------------------------
/** A run's record and its legs' states, read again as it goes on (the journal, while it runs). */
class RunView {
    store;
    id;
    record;
    states;
    dir;
    journalOffset;
    journalRest = '';
    taskIds;
    constructor(store, id) {
        this.store = store;
        this.id = id;
        this.dir = store.runDir(id);
        // Read from here on when it changes: entries read twice are applied twice, which changes nothing.
        this.journalOffset = sizeOf((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.dir, 'journal.jsonl'));
        const loaded = store.loadRun(id);
        this.record = loaded.record;
        this.states = loaded.tasks;
    }
    get running() {
        return this.record.status === 'running';
    }
    /** The run's tasks: those of the pipeline as it ran (the run may not have reached them all), and of its states. */
    tasks() {
        if (this.taskIds)
            return this.taskIds;
        const tasks = new Map();
        let text;
        try {
            text = this.store.pipelineText(this.id);
        }
        catch {
            // a run folder without its pipeline: its states say what it had
        }
        const loaded = text === undefined ? undefined : (0,_pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_4__/* .loadPipeline */ .B)(text, this.record.file);
        if (loaded?.ok)
            for (const [id, spec] of loaded.pipeline.tasks)
                tasks.set(id, { matrix: spec.matrix !== undefined });
        for (const state of this.states.values()) {
            const known = tasks.get(state.task);
            tasks.set(state.task, { matrix: (known?.matrix ?? false) || state.matrix !== undefined });
        }
        return (this.taskIds = tasks);
    }
    /** Reads what changed: the record, and the journal's new lines (or the final states, once it ended). */
    refresh() {
        const wasRunning = this.running;
        try {
            this.record = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.dir, 'run.json'), 'utf8'));
        }
        catch {
            return; // being replaced (written atomically): read it next time
        }
        if (!this.running) {
            if (wasRunning)
                for (const [leg, state] of this.store.loadRun(this.id).tasks)
                    this.states.set(leg, state);
            return;
        }
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.dir, 'journal.jsonl');
        const size = sizeOf(path);
        if (size <= this.journalOffset)
            return;
        const text = this.journalRest + readRange(path, this.journalOffset, size).toString('utf8');
        this.journalOffset = size;
        const lines = text.split('\n');
        this.journalRest = lines.pop() ?? ''; // a line still being written
        for (const line of lines) {
            const entry = (0,_state_run_record_js__WEBPACK_IMPORTED_MODULE_6__/* .journalEntryOf */ .x)(line); // none for a line cut short by a killed dagline, or of the wrong shape
            if (entry && 'task' in entry)
                this.states.set(entry.task.leg, entry.task);
        }
    }
    /** The run's dagline is gone without ending the run (killed): nothing more will come. */
    abandoned() {
        return this.running && !(0,_state_process_identity_js__WEBPACK_IMPORTED_MODULE_5__/* .isAlive */ ._n)(this.record.process);
    }
}
/**
 * A leg by its name (`load (day)`), by its values (`load:day`, `build:linux,20`) or by its log's
 * name (`load.0-day`, as the summary's log paths show it); a task by its id (all its legs); no
 * TASK: every leg of the run.
 */
function selectorFor(view, text) {
    if (text === undefined)
        return { text: `run ${view.id}`, single: false, matches: () => true };
    const states = [...view.states.values()];
    const leg = (name) => ({ text: name, single: true, matches: (s) => s.leg === name });
    if (states.some((s) => s.leg === text && s.matrix !== undefined))
        return leg(text);
    const byLogName = states.find((s) => s.log === `logs/${text}.log`);
    if (byLogName)
        return leg(byLogName.leg);
    const tasks = view.tasks();
    const task = tasks.get(text);
    if (task)
        return { text, single: !task.matrix, matches: (s) => s.task === text };
    const named = /^(.+?) \((.*)\)$/.exec(text) ?? /^([^:]+):(.*)$/.exec(text);
    if (named && tasks.get(named[1])?.matrix) {
        const values = named[2].split(',').map((value) => value.trim());
        return leg(`${named[1]} (${values.join(', ')})`);
    }
    const names = [...tasks.keys(), ...states.map((s) => s.leg)];
    throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`run ${view.id} has no task "${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(text)}"`, {}, (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_3__/* .didYouMean */ .au)(text, names) ?? `its tasks: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)([...tasks.keys()].join(', ') || 'none')}`);
}
/** The legs a selector names that ran, each with the part of its log to show; an error when none did. */
function legsToShow(view, selector, attempt) {
    const matched = [...view.states.values()].filter(selector.matches);
    const ran = matched.filter((s) => s.attempts.length > 0);
    if (ran.length === 0)
        throw notRun(view, selector, matched);
    if (selector.single)
        return [logOf(view, ran[0], attempt)];
    const withAttempt = ran.filter((s) => attempt === undefined || s.attempts.length >= attempt);
    if (withAttempt.length === 0)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`no leg of ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(selector.text)} has an attempt ${attempt}`, {}, 'leave out --attempt for the last of each');
    return withAttempt.map((s) => logOf(view, s, attempt)).sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
}
function logOf(view, state, attempt) {
    const count = state.attempts.length;
    const n = attempt ?? count;
    if (n > count)
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`"${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(state.leg)}" has ${count} attempt${count === 1 ? '' : 's'}: there is no attempt ${n}`, {}, `--attempt 1 to ${count}`);
    const chosen = state.attempts[n - 1];
    const next = state.attempts[n];
    // A record from before attempts knew where they begin: the whole log.
    const start = chosen?.logOffset ?? 0;
    return {
        leg: state.leg,
        path: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(view.dir, state.log ?? `logs/${state.leg}.log`),
        start,
        ...(next?.logOffset !== undefined && chosen?.logOffset !== undefined && { end: next.logOffset }),
        startedAt: chosen?.startedAt ?? '',
    };
}
/** Why a selector has no log to show: not started yet, did not run, or no such leg. */
function notRun(view, selector, matched) {
    const what = (0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(selector.text);
    const ended = matched.find((s) => _state_run_record_js__WEBPACK_IMPORTED_MODULE_6__/* .FINISHED_TASK */ .fL.has(s.status));
    if (ended)
        return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`"${what}" did not run: ${ended.status}${ended.reason ? `, ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(ended.reason)}` : ''}`, {}, `dagline runs show ${view.id} lists what ran`);
    if (view.running)
        return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`"${what}" has not started yet`, {}, '--follow waits for it');
    const task = /^(.+?) \(/.exec(selector.text)?.[1] ?? selector.text;
    if (matched.length === 0 && view.tasks().has(task) && !view.tasks().get(task)?.matrix)
        return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .FileError */ .f6(`"${what}" did not run: the run ended ${view.record.status} before it started`);
    const legs = [...view.states.values()].filter((s) => s.task === task).map((s) => s.leg);
    return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`run ${view.id} has no leg "${what}"`, {}, (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_3__/* .didYouMean */ .au)(selector.text, legs) ?? (legs.length ? `its legs of ${task}: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)((0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_3__/* .someNames */ .Xq)(legs))}` : undefined));
}
// ---- following --------------------------------------------------------------------------------
/**
 * Prints the selected legs' logs as they grow, woken by changes in the run's folder (and, as a net
 * for a file system that does not say, twice a second). One leg: until it ends, through its
 * retries (one log file holds them all). Several: until the run ends.
 */
async function follow(view, selector, attempt, printer, io) {
    const wake = new Wakeup([view.dir, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(view.dir, 'logs')]);
    const followed = new Map();
    let first = true;
    try {
        for (;;) {
            view.refresh();
            for (const state of view.states.values()) {
                if (followed.has(state.leg) || state.attempts.length === 0 || !selector.matches(state))
                    continue;
                const log = logOf(view, state, attempt);
                delete log.end; // through the retries that follow
                followed.set(state.leg, { ...log, offset: log.start });
                if (selector.single)
                    break;
            }
            const ended = (leg) => !view.running || _state_run_record_js__WEBPACK_IMPORTED_MODULE_6__/* .FINISHED_TASK */ .fL.has(view.states.get(leg)?.status ?? 'running');
            for (const log of followed.values())
                log.offset = await printer.copy(log, log.offset, ended(log.leg));
            // One leg: done when it ended, run or not (a task skipped while the run goes on). Several: when the run ends.
            const done = selector.single && [...view.states.values()].some((s) => selector.matches(s) && ended(s.leg));
            if (done || !view.running)
                break;
            if (first && selector.single && followed.size === 0)
                io.err(`dagline logs: waiting for "${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(selector.text)}" to start\n`);
            first = false;
            if (view.abandoned()) {
                await printer.end();
                io.err(`dagline logs: run ${view.id} stopped without an end: its dagline (pid ${view.record.process.pid}) is gone\n`);
                return 1;
            }
            await wake.wait();
        }
    }
    finally {
        wake.close();
    }
    if (followed.size === 0) {
        view.refresh();
        const matched = [...view.states.values()].filter(selector.matches);
        if (matched.some((s) => s.attempts.length > 0))
            return 0;
        if (selector.single || matched.length > 0)
            throw notRun(view, selector, matched);
    }
    return 0;
}
/** Resolves `wait()` when the watched folders change, or after a while when they say nothing. */
class Wakeup {
    watchers = [];
    timer;
    changed = false;
    waiting;
    constructor(dirs) {
        for (const dir of dirs) {
            try {
                this.watchers.push((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.watch)(dir, () => this.poke()));
            }
            catch {
                // no watcher here (a folder not made yet, no inotify left): the timer still wakes it
            }
        }
        this.timer = setInterval(() => this.poke(), 500);
    }
    poke() {
        this.changed = true;
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.();
    }
    wait() {
        if (this.changed) {
            this.changed = false;
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            this.waiting = () => {
                this.changed = false;
                resolve();
            };
        });
    }
    close() {
        clearInterval(this.timer);
        for (const watcher of this.watchers)
            watcher.close();
    }
}
// ---- printing -----------------------------------------------------------------------------------
/**
 * Writes logs: one leg's bytes as they are, or several legs' lines each under `[leg] `. On GitHub
 * Actions a log is text the runner would read workflow commands from (`::set-output`, `::add-mask`,
 * a line after a lone `\r` too): the output goes between `::stop-commands::` and its end, with a
 * token no log can guess, as GitHub advises for printing untrusted text.
 */
class Printer {
    io;
    raw;
    lines = new Map();
    output;
    constructor(io, raw) {
        this.io = io;
        this.raw = raw;
        this.output = (0,_io_js__WEBPACK_IMPORTED_MODULE_7__/* .untrustedOut */ .Xm)(io);
    }
    /**
     * Prints a leg's log from `from` (default its start) to its end, or to what is written now;
     * returns where it stopped. `final`: nothing more of it will come, so a last line without a
     * newline is shown too.
     */
    async copy(log, from = log.start, final = true) {
        const size = sizeOf(log.path);
        const end = Math.min(log.end ?? size, size);
        let offset = from;
        if (end > offset) {
            const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(log.path, 'r');
            try {
                const buffer = Buffer.allocUnsafe(64 * 1024);
                while (offset < end) {
                    const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, 0, Math.min(buffer.length, end - offset), offset);
                    if (n <= 0)
                        break;
                    offset += n;
                    this.write(log.leg, buffer.subarray(0, n));
                    await this.io.drained?.();
                }
            }
            finally {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
            }
        }
        if (final)
            this.endLine(log.leg);
        return offset;
    }
    write(leg, bytes) {
        if (this.raw) {
            this.output.out(Buffer.from(bytes));
            return;
        }
        let lines = this.lines.get(leg);
        if (!lines)
            this.lines.set(leg, (lines = new _run_output_prefixed_lines_js__WEBPACK_IMPORTED_MODULE_8__/* .PrefixedLines */ .d(`[${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_9__/* .printable */ .g$)(leg)}] `)));
        this.output.out(lines.push(bytes));
    }
    /** A leg's last line without a newline, once nothing more of it will come. */
    endLine(leg) {
        const text = this.lines.get(leg)?.end();
        this.lines.delete(leg);
        if (text)
            this.output.out(text);
    }
    async end() {
        for (const leg of [...this.lines.keys()])
            this.endLine(leg);
        this.output.end();
        await this.io.drained?.();
    }
}
// ---- small helpers ------------------------------------------------------------------------------
function sizeOf(path) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path, { throwIfNoEntry: false })?.size ?? 0;
}
function readRange(path, start, end) {
    const buffer = Buffer.alloc(end - start);
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, 'r');
    try {
        let read = 0;
        while (read < buffer.length) {
            const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, read, buffer.length - read, start + read);
            if (n <= 0)
                break;
            read += n;
        }
        return buffer.subarray(0, read);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
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

/***/ 3219:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DK: () => (/* binding */ currentProcess),
/* harmony export */   X0: () => (/* binding */ processStartTime),
/* harmony export */   _n: () => (/* binding */ isAlive),
/* harmony export */   jW: () => (/* binding */ procStat)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


function currentProcess() {
    const startTime = processStartTime(process.pid);
    return { pid: process.pid, host: (0,node_os__WEBPACK_IMPORTED_MODULE_1__.hostname)(), ...(startTime !== undefined && { startTime }) };
}
/**
 * False only when we can tell the process is gone. A process on another host
 * (a store on a shared disk) cannot be checked and counts as alive.
 */
function isAlive(identity) {
    if (identity.host !== (0,node_os__WEBPACK_IMPORTED_MODULE_1__.hostname)())
        return true;
    try {
        process.kill(identity.pid, 0);
    }
    catch (error) {
        if (error.code !== 'EPERM')
            return false;
    }
    const stat = procStat(identity.pid);
    // A zombie has ended: only its exit status waits for a parent that may never reap it.
    if (stat?.state === 'Z')
        return false;
    if (identity.startTime === undefined)
        return true;
    return stat === undefined || stat.startTime === identity.startTime;
}
/** When a process started, where the system says (Linux: clock ticks since boot); else undefined. */
function processStartTime(pid) {
    return procStat(pid)?.startTime;
}
/** From /proc/PID/stat: the state (field 3), group (5), session (6), start (22, clock ticks since boot). */
function procStat(pid) {
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) is in parentheses and may hold spaces: count from after it.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return {
            state: fields[0] ?? '',
            pgrp: Number(fields[2]),
            session: Number(fields[3]),
            startTime: fields[19] ?? '',
        };
    }
    catch {
        return undefined;
    }
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