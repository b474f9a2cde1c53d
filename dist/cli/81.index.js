"use strict";
exports.id = 81;
exports.ids = [81];
exports.modules = {

/***/ 3081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  storeFor: () => (/* binding */ storeFor)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/fs/pipeline-files.ts
var pipeline_files = __webpack_require__(6247);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(3648);
var proper_lockfile_default = /*#__PURE__*/__webpack_require__.n(proper_lockfile);
// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: ./src/fs/append-no-link.ts
var append_no_link = __webpack_require__(3288);
// EXTERNAL MODULE: ./src/fs/make-dirs.ts
var make_dirs = __webpack_require__(1482);
// EXTERNAL MODULE: ./src/fs/write-atomic.ts
var write_atomic = __webpack_require__(3804);
// EXTERNAL MODULE: ./src/state/process-identity.ts
var process_identity = __webpack_require__(3219);
;// CONCATENATED MODULE: ./src/process/left-behind.ts
// The tasks a killed dagline left running: the next dagline that finds the run killed ends them.
//
// Each attempt's process group is recorded as it starts (its leader's pid, which is the group's
// id, and the leader's start time). A group is ended only when it is provably the one the run
// started, never a stranger's that got the same number since:
// - its leader still runs: the leader's start time must be the one recorded;
// - its leader has ended (a task that left a child behind): Linux does not hand out a pid again
//   while a group of that number has members, so what is in the group is the task's, unless the
//   whole group ended and another process took the number since; a member must therefore carry
//   the run's DAGLINE_RUN_ID in its environment, as every process a task starts inherits it.
// Where there is no /proc (macOS), neither can be checked, and nothing is ended.


/** How long the left-behind groups have after SIGTERM before SIGKILL. */
const LEFT_BEHIND_GRACE_MS = 3000;
const POLL_MS = 20;
/**
 * Ends the groups of a killed run that are still there and provably its own: SIGTERM, then
 * SIGKILL to what is left after the grace. It waits for them (dagline's next run must not start a
 * task beside its own left-behind attempt), blocking: the caller holds the store lock, and this
 * only happens after a kill. Returns the groups it ended.
 */
function endLeftBehindGroups(runId, groups, graceMs = LEFT_BEHIND_GRACE_MS) {
    const ours = groups.filter((group) => isRunsGroup(runId, group));
    if (ours.length === 0)
        return [];
    for (const { pgid } of ours)
        signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    let left = ours;
    for (;;) {
        left = left.filter((group) => groupHasLiveMembers(group.pgid));
        if (left.length === 0 || Date.now() >= deadline)
            break;
        sleepSync(POLL_MS);
    }
    // Checked again: in the grace, the group may have ended and its number gone to another process.
    left = left.filter((group) => isRunsGroup(runId, group));
    for (const { pgid } of left)
        signalGroup(pgid, 'SIGKILL');
    // A killed process is not gone at once: on a busy machine it may still run for a moment, beside
    // the task the caller starts next (regression: a resumed run began while the old attempt lived).
    const killedBy = Date.now() + graceMs;
    while (left.length > 0 && Date.now() < killedBy) {
        sleepSync(POLL_MS);
        left = left.filter((group) => groupHasLiveMembers(group.pgid));
    }
    return ours.map((group) => group.pgid);
}
/** Whether the group is still the one the run started (see the top of this file). */
function isRunsGroup(runId, group) {
    if (!Number.isInteger(group.pgid) || group.pgid <= 1 || group.startTime === undefined)
        return false;
    const leader = (0,process_identity/* procStat */.jW)(group.pgid);
    if (leader !== undefined && leader.state !== 'Z')
        return leader.startTime === group.startTime && leader.pgrp === group.pgid;
    const mark = `DAGLINE_RUN_ID=${runId}`;
    return members(group.pgid).some((pid) => Number((0,process_identity/* procStat */.jW)(pid)?.startTime) >= Number(group.startTime) && environOf(pid).includes(mark));
}
/** The live processes (zombies aside) in a group, from /proc. */
function members(pgid) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)('/proc');
    }
    catch {
        return [];
    }
    const found = [];
    for (const entry of entries) {
        const pid = Number(entry);
        if (!Number.isInteger(pid))
            continue;
        const stat = (0,process_identity/* procStat */.jW)(pid);
        if (stat?.pgrp === pgid && stat.state !== 'Z')
            found.push(pid);
    }
    return found;
}
function groupHasLiveMembers(pgid) {
    const leader = (0,process_identity/* procStat */.jW)(pgid);
    if (leader !== undefined && leader.state !== 'Z' && leader.pgrp === pgid)
        return true;
    return members(pgid).length > 0;
}
/** A process's environment entries; none when it cannot be read (another user's, or gone). */
function environOf(pid) {
    try {
        return (0,external_node_fs_.readFileSync)(`/proc/${pid}/environ`, 'utf8').split('\0');
    }
    catch {
        return [];
    }
}
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
    }
    catch {
        // gone already
    }
}
const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms) {
    Atomics.wait(sleeper, 0, 0, ms);
}

// EXTERNAL MODULE: ./src/state/run-record.ts
var run_record = __webpack_require__(5788);
;// CONCATENATED MODULE: ./src/state/run-store.ts












/**
 * The run records on disk, in `.dagline/` (or --state-dir, DAGLINE_STATE_DIR):
 *
 *   runs/<id>/run.json       the RunRecord: written whole, atomically (temp file + rename)
 *   runs/<id>/tasks.json     when the run has ended: its task states and errors
 *   runs/<id>/pipeline.yml   the pipeline text as it ran
 *   runs/<id>/journal.jsonl  task states and errors, one JSON line per change, appended
 *   runs/<id>/logs/<leg>.log each task's output, every attempt
 *   runs/<id>/outputs/...    the $DAGLINE_OUTPUT file of each attempt
 *   active/<id>.json         runs in progress: what concurrency groups look at
 *   pipelines/<name>.json    per pipeline: when it was last released from on hold
 *   extracts/<hash>.json     the extracts registry, one file per extract
 *   store.lock               held while a run is registered, the registry changes or runs are pruned
 *
 * The journal is what makes a killed run lose no finished task: a task's end
 * is on disk before anything that needs it starts (the run flushes the journal
 * before each start). A line cut short by a crash is ignored when read.
 */
class RunStore {
    fs;
    root;
    /**
     * `fs`: the file system the store reads and writes through, node's own but in tests of the
     * faults a disk can have (no permission, read-only, full), which cannot be made on demand.
     */
    constructor(root, fs = external_node_fs_) {
        this.fs = fs;
        this.root = (0,external_node_path_.resolve)(root);
    }
    /** Runs `fn` holding the store lock, so two dagline processes never interleave a check and a write. */
    async withLock(fn) {
        try {
            (0,make_dirs/* makeDirs */.X)(this.root, undefined, this.fs);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOTDIR')
                throw new dagline_error/* FileError */.f6(`the state store ${this.root} is not a folder`, {}, 'point --state-dir (or DAGLINE_STATE_DIR) at a folder');
            throw new dagline_error/* FileError */.f6(`the state store ${this.root} cannot be created: ${error.message}`, {}, storeHint(code));
        }
        for (const entry of STORE_ENTRIES)
            this.refuseLinks((0,external_node_path_.join)(this.root, entry));
        const options = {
            lockfilePath: (0,external_node_path_.join)(this.root, 'store.lock'),
            stale: 10_000,
            ...(this.fs !== external_node_fs_ && { fs: this.fs }),
        };
        let release;
        try {
            // At once when nobody holds it (the usual case, and ~4 ms sooner than the asynchronous
            // path's first try, which is on every run's way to its first task); else wait for it.
            release =
                lockFree(this.root, options) ??
                    (await proper_lockfile_default().lock(this.root, { ...options, retries: { retries: 200, minTimeout: 10, maxTimeout: 100 } }));
        }
        catch (error) {
            // Held by another dagline only when the lock says so (ELOCKED); a refused mkdir is the disk's.
            const code = error.code;
            throw new dagline_error/* FileError */.f6(`cannot lock the state store ${this.root}: ${error.message}`, {}, code === 'ELOCKED' ? 'another dagline holds it; if none runs, remove store.lock' : storeHint(code));
        }
        try {
            return await fn();
        }
        finally {
            await release();
        }
    }
    newRunId(pipeline, at) {
        const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
        return `${pipeline}-${stamp}-${(0,external_node_crypto_.randomBytes)(2).toString('hex')}`;
    }
    runDir(id) {
        return (0,external_node_path_.join)(this.root, 'runs', id);
    }
    /**
     * Refuses a path of the store that passes through a link (a folder or file of the store replaced
     * by a link to elsewhere, `runs` -> `/etc`): the store writes nothing outside itself. The root
     * itself may be a link: that is where the user put the store.
     */
    refuseLinks(path) {
        let at = this.root;
        for (const part of (0,external_node_path_.relative)(this.root, path).split(external_node_path_.sep)) {
            at = (0,external_node_path_.join)(at, part);
            const found = this.fs.lstatSync(at, { throwIfNoEntry: false });
            if (!found)
                return;
            if (found.isSymbolicLink()) {
                let target = '';
                try {
                    target = ` (to ${this.fs.readlinkSync(at)})`;
                }
                catch {
                    // gone meanwhile: it was a link all the same
                }
                throw new dagline_error/* FileError */.f6(`the state store ${this.root} holds a link: ${(0,external_node_path_.relative)(this.root, at)} is a link${target}, and dagline writes and reads nothing through a link in its store`, {}, 'replace the link with a folder, or point --state-dir (or DAGLINE_STATE_DIR) at the folder it links to');
            }
        }
    }
    /** Creates the run's folder with its record, the pipeline text, and an entry among the active runs. */
    register(record, pipelineText) {
        const dir = this.runDir(record.id);
        this.refuseLinks(dir);
        try {
            (0,make_dirs/* makeDirs */.X)((0,external_node_path_.join)(dir, 'logs'), undefined, this.fs);
            (0,make_dirs/* makeDirs */.X)((0,external_node_path_.join)(dir, 'outputs'), undefined, this.fs);
            this.fs.writeFileSync((0,external_node_path_.join)(dir, 'pipeline.yml'), pipelineText);
            this.writeRecord(record);
        }
        catch (error) {
            // Not registered after all (a full disk, say): no half-made run is left to look running.
            this.fs.rmSync(dir, { recursive: true, force: true });
            this.fs.rmSync((0,external_node_path_.join)(this.root, 'active', `${record.id}.json`), { force: true });
            throw error;
        }
    }
    /**
     * Rewrites the record atomically, and keeps the active index in step with the status. The
     * tasks and errors of an ended run go to tasks.json beside run.json, written first: run.json
     * stays a few hundred bytes however large the run, and the history (`runs`, the on-hold count,
     * `requires`), which reads every run.json of a pipeline, costs the same for 3 tasks or 3,000.
     */
    writeRecord(record) {
        this.refuseLinks(this.runDir(record.id));
        this.refuseLinks((0,external_node_path_.join)(this.root, 'active'));
        const { tasks, errors, ...head } = record;
        if (tasks !== undefined || errors !== undefined) {
            (0,write_atomic/* writeAtomic */.v)((0,external_node_path_.join)(this.runDir(record.id), 'tasks.json'), `${JSON.stringify({ tasks: tasks ?? {}, errors: errors ?? [] }, null, 2)}\n`, undefined, this.fs);
            head.counts = countsOf(tasks, errors);
        }
        (0,write_atomic/* writeAtomic */.v)((0,external_node_path_.join)(this.runDir(record.id), 'run.json'), `${JSON.stringify(head, null, 2)}\n`, undefined, this.fs);
        const active = (0,external_node_path_.join)(this.root, 'active', `${record.id}.json`);
        if (record.status === 'running') {
            (0,make_dirs/* makeDirs */.X)((0,external_node_path_.join)(this.root, 'active'), undefined, this.fs);
            (0,write_atomic/* writeAtomic */.v)(active, JSON.stringify({
                id: record.id,
                pipeline: record.pipeline,
                group: record.concurrencyGroup,
                process: record.process,
            }), undefined, this.fs);
        }
        else
            this.fs.rmSync(active, { force: true });
    }
    /**
     * Writes an ended run's record when the disk refuses a whole one (full: the temp file of an atomic
     * write finds no space): run.json rewritten in place, which reuses its own blocks, with the tasks
     * and errors inside it, or, failing that too, with its errors alone (its tasks are then the
     * journal's). Throws when even that is refused: the record says running until the next dagline
     * finds its process gone and records it failed.
     */
    writeEndedRecordInPlace(record) {
        const path = (0,external_node_path_.join)(this.runDir(record.id), 'run.json');
        this.fs.rmSync((0,external_node_path_.join)(this.runDir(record.id), 'tasks.json'), { force: true });
        this.fs.rmSync((0,external_node_path_.join)(this.root, 'active', `${record.id}.json`), { force: true });
        const whole = { ...record, counts: countsOf(record.tasks, record.errors) };
        try {
            this.fs.writeFileSync(path, `${JSON.stringify(whole)}\n`);
        }
        catch {
            const { tasks: _inJournal, ...head } = whole;
            this.fs.writeFileSync(path, `${JSON.stringify(head)}\n`);
        }
    }
    /** Whether the disk that holds the store has no space left for what dagline and its tasks write. */
    isFull() {
        try {
            const found = this.fs.statfsSync(this.root);
            // root writes into the blocks a file system keeps back for it; anyone else stops before them
            return (process.getuid?.() === 0 ? found.bfree : found.bavail) === 0;
        }
        catch {
            return false;
        }
    }
    /** The journal of a run about to run, once its folder is checked for links. */
    openJournal(id, failed) {
        this.refuseLinksInRun(id);
        return new RunJournal((0,external_node_path_.join)(this.runDir(id), 'journal.jsonl'), this.fs, failed);
    }
    /**
     * Refuses a run's folder that holds a link where the run writes (its journal, logs, outputs,
     * scripts): a resumed run's folder is checked before anything of it is written again.
     */
    refuseLinksInRun(id) {
        const dir = this.runDir(id);
        this.refuseLinks(dir);
        for (const entry of RUN_ENTRIES)
            this.refuseLinks((0,external_node_path_.join)(dir, entry));
        for (const folder of ['logs', 'outputs']) {
            let names = [];
            try {
                names = this.fs.readdirSync((0,external_node_path_.join)(dir, folder));
            }
            catch {
                // not made yet
            }
            for (const name of names)
                this.refuseLinks((0,external_node_path_.join)(dir, folder, name));
        }
    }
    /** The run with its task states and errors: from run.json when it ended, from the journal while it runs. */
    loadRun(id) {
        const dir = this.runDir(id);
        this.refuseLinks(dir);
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'run.json'), 'utf8');
        }
        catch {
            throw new dagline_error/* FileError */.f6(`no run ${id} in ${this.root}`, {}, 'dagline runs lists the runs');
        }
        let record;
        try {
            record = JSON.parse(text);
        }
        catch (error) {
            // Written atomically by dagline, so only something else can have broken it: say so, not "no run".
            throw new dagline_error/* FileError */.f6(`the record of run ${id} is not readable JSON: ${error.message}`, { file: (0,external_node_path_.join)(dir, 'run.json') }, 'restore it, or remove the run folder');
        }
        // Ended: its tasks.json (or, written before there was one, the tasks in run.json). Running, or
        // killed before it could say so: the journal, replayed.
        let ended;
        if (record.status !== 'running') {
            if (record.tasks)
                ended = { tasks: record.tasks, errors: record.errors ?? [] };
            else
                ended = readJsonIfThere((0,external_node_path_.join)(dir, 'tasks.json'));
        }
        const errors = record.errors;
        delete record.tasks;
        delete record.errors;
        if (ended)
            return { record, tasks: new Map(Object.entries(ended.tasks)), errors: ended.errors };
        const replayed = readJournal((0,external_node_path_.join)(dir, 'journal.jsonl'));
        // An ended record written with its errors alone (the disk was full): its tasks are the journal's.
        if (record.status !== 'running' && errors !== undefined)
            return { record, tasks: replayed.tasks, errors };
        return { record, tasks: replayed.tasks, errors: replayed.errors };
    }
    pipelineText(id) {
        return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(this.runDir(id), 'pipeline.yml'), 'utf8');
    }
    /**
     * The pipeline text a run ran, checked against the hash its record keeps: a resumed run runs the
     * pipeline it was, and a snapshot changed since (by hand, by another tool) is refused, not run.
     */
    pipelineSnapshot(record) {
        const path = (0,external_node_path_.join)(this.runDir(record.id), 'pipeline.yml');
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(path, 'utf8');
        }
        catch (error) {
            throw new dagline_error/* FileError */.f6(`run ${record.id} has no readable pipeline snapshot: ${error.message}`, { file: path }, 'start a new run of the pipeline file');
        }
        const sha256 = (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
        if (sha256 !== record.sha256)
            throw new dagline_error/* FileError */.f6(`the pipeline snapshot of run ${record.id} was changed after the run started (its sha256 is ${sha256.slice(0, 12)}, the record says ${record.sha256.slice(0, 12)}): it is not run`, { file: path }, 'a resumed run runs the pipeline as it was; start a new run of the pipeline file');
        return text;
    }
    /** Every run's record, oldest first; `pipeline` narrows to one pipeline's runs. */
    listRuns(pipeline) {
        const dir = (0,external_node_path_.join)(this.root, 'runs');
        if (!(0,external_node_fs_.existsSync)(dir))
            return [];
        const records = [];
        for (const id of (0,external_node_fs_.readdirSync)(dir)) {
            if (pipeline !== undefined && !id.startsWith(`${pipeline}-`))
                continue;
            try {
                const record = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, id, 'run.json'), 'utf8'));
                if (pipeline === undefined || record.pipeline === pipeline)
                    records.push(record);
            }
            catch {
                // a run folder being created right now, or not a run: skip it
            }
        }
        return records.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1);
    }
    /**
     * The runs of one pipeline, newest first, each record read only when reached: what needs the
     * latest few (the on-hold count, the run to resume, a `requires` met lately) stops early,
     * however long the history.
     */
    *runsNewestFirst(pipeline) {
        const dir = (0,external_node_path_.join)(this.root, 'runs');
        if (!(0,external_node_fs_.existsSync)(dir))
            return;
        const ids = (0,external_node_fs_.readdirSync)(dir).filter((id) => id.startsWith(`${pipeline}-`));
        // newRunId ends each id in -YYYYMMDD-HHMMSS-xxxx: by that stamp to the second, then by startedAt.
        const bySecond = new Map();
        for (const id of ids) {
            const stamp = RUN_ID_STAMP.exec(id)?.[1];
            if (stamp === undefined) {
                yield* this.listRuns(pipeline).reverse(); // not all dagline's ids: read them all, and sort
                return;
            }
            const group = bySecond.get(stamp);
            if (group)
                group.push(id);
            else
                bySecond.set(stamp, [id]);
        }
        for (const stamp of [...bySecond.keys()].sort().reverse()) {
            const records = [];
            for (const id of bySecond.get(stamp)) {
                const record = readJsonIfThere((0,external_node_path_.join)(dir, id, 'run.json'));
                if (record?.pipeline === pipeline)
                    records.push(record);
            }
            yield* records.sort((a, b) => a.startedAt > b.startedAt ? -1 : a.startedAt < b.startedAt ? 1 : a.id > b.id ? -1 : 1);
        }
    }
    /** Whether a run of exactly this id is in the store. */
    hasRun(id) {
        return (0,external_node_fs_.existsSync)((0,external_node_path_.join)(this.root, 'runs', id, 'run.json'));
    }
    /** A run by id, the latest run of a pipeline by the pipeline's name, or a run by a prefix of its id. */
    findRun(idOrPrefix) {
        const dir = (0,external_node_path_.join)(this.root, 'runs');
        const ids = (0,external_node_fs_.existsSync)(dir) ? (0,external_node_fs_.readdirSync)(dir) : [];
        if (ids.includes(idOrPrefix))
            return idOrPrefix;
        // Run ids begin with the pipeline's name: `runs show nightly` means its latest run.
        const latest = this.runsNewestFirst(idOrPrefix).next();
        if (!latest.done)
            return latest.value.id;
        const matches = ids.filter((id) => id.startsWith(idOrPrefix)).sort();
        if (matches.length === 1)
            return matches[0];
        if (matches.length > 1) {
            const shown = matches.slice(-3).join(', ');
            throw new dagline_error/* FileError */.f6(`"${idOrPrefix}" matches ${matches.length} runs (${matches.length > 3 ? '..., ' : ''}${shown})`, {}, 'give more of the run id, or a pipeline name for its latest run');
        }
        throw new dagline_error/* FileError */.f6(`no run ${idOrPrefix} in ${this.root}`, {}, 'dagline runs lists the runs');
    }
    /**
     * The disk space a run's folder takes (records, journal, logs, outputs, scripts, and the folders
     * themselves), as `du` counts it, following no link: what removing it frees.
     */
    runSize(id) {
        const sizeOf = (path) => {
            const found = this.fs.lstatSync(path, { throwIfNoEntry: false });
            if (!found)
                return 0;
            // Blocks of 512 bytes where the system says (a small file takes a whole block); else its length.
            const own = found.blocks > 0 ? found.blocks * 512 : found.size;
            if (!found.isDirectory())
                return own;
            return this.fs.readdirSync(path).reduce((sum, name) => sum + sizeOf((0,external_node_path_.join)(path, name)), own);
        };
        return sizeOf(this.runFolder(id));
    }
    /** Removes a run's folder whole (`dagline runs prune`), and its entry among the active runs. */
    removeRun(id) {
        this.fs.rmSync(this.runFolder(id), { recursive: true, force: true });
        this.fs.rmSync((0,external_node_path_.join)(this.root, 'active', `${id}.json`), { force: true });
    }
    /**
     * A run's folder, only as a folder of runs/ by its own name and not a link: an id read from a
     * record (which anything may have edited) never points a removal elsewhere.
     */
    runFolder(id) {
        const runs = (0,external_node_path_.join)(this.root, 'runs');
        const names = (0,external_node_fs_.existsSync)(runs) ? this.fs.readdirSync(runs) : [];
        if (id === '.' || id === '..' || id.includes('/') || id.includes(external_node_path_.sep) || !names.includes(id))
            throw new dagline_error/* FileError */.f6(`no run folder ${JSON.stringify(id)} in ${runs}`, {}, 'a run record names a folder of runs/');
        this.refuseLinks(this.runDir(id));
        return this.runDir(id);
    }
    /**
     * The runs marked running. One whose process is gone was killed: it is
     * marked failed here, with a system error, as ProcessTracker would have it.
     */
    activeRuns() {
        const dir = (0,external_node_path_.join)(this.root, 'active');
        if (!(0,external_node_fs_.existsSync)(dir))
            return [];
        const active = [];
        for (const entry of (0,external_node_fs_.readdirSync)(dir)) {
            const id = entry.replace(/\.json$/, '');
            let loaded;
            try {
                loaded = this.loadRun(id);
            }
            catch {
                (0,external_node_fs_.rmSync)((0,external_node_path_.join)(dir, entry), { force: true });
                continue;
            }
            if (loaded.record.status !== 'running') {
                (0,external_node_fs_.rmSync)((0,external_node_path_.join)(dir, entry), { force: true });
                continue;
            }
            if ((0,process_identity/* isAlive */._n)(loaded.record.process))
                active.push(loaded.record);
            else
                this.markKilled(loaded);
        }
        return active;
    }
    /**
     * Records a run whose process died as failed, keeping every task the journal saw finish, and
     * ends the process groups its running attempts left behind (those still provably its own).
     */
    markKilled(loaded) {
        const at = new Date().toISOString();
        const { record } = loaded;
        const groups = [...loaded.tasks.values()].flatMap((state) => state.attempts.flatMap((attempt) => (attempt.group ? [attempt.group] : [])));
        const ended = endLeftBehindGroups(record.id, groups).length;
        const tasks = {};
        for (const [leg, state] of loaded.tasks) {
            tasks[leg] =
                state.status === 'running' || state.status === 'pending'
                    ? {
                        ...state,
                        status: 'failed',
                        reason: 'dagline was killed while it ran',
                        attempts: state.attempts.map(({ group: _ended, ...attempt }) => attempt),
                    }
                    : state;
        }
        const leftBehind = ended === 0
            ? ''
            : `; the ${ended === 1 ? 'task it left running was' : `${ended} tasks it left running were`} ended`;
        const error = {
            type: 'system',
            message: `the dagline process (pid ${record.process.pid}) ended without finishing the run${leftBehind}`,
            fatal: true,
            at,
        };
        const updated = { ...record, status: 'failed', endedAt: at, tasks, errors: [...loaded.errors, error] };
        this.writeRecord(updated);
        return updated;
    }
    releasedAt(pipeline) {
        try {
            return JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(this.root, 'pipelines', `${pipeline}.json`), 'utf8')).releasedAt;
        }
        catch {
            return undefined;
        }
    }
    release(pipeline, at) {
        (0,make_dirs/* makeDirs */.X)((0,external_node_path_.join)(this.root, 'pipelines'));
        (0,write_atomic/* writeAtomic */.v)((0,external_node_path_.join)(this.root, 'pipelines', `${pipeline}.json`), `${JSON.stringify({ releasedAt: at.toISOString() }, null, 2)}\n`);
    }
    /**
     * The extracts registry: one small file per extract under extracts/, named by its path, so a
     * change reads and writes the extracts it is about, not the whole registry (which grows with
     * every file ever produced).
     */
    readExtracts() {
        const entries = [];
        const dir = (0,external_node_path_.join)(this.root, 'extracts');
        if ((0,external_node_fs_.existsSync)(dir)) {
            for (const name of (0,external_node_fs_.readdirSync)(dir)) {
                if (!name.endsWith('.json'))
                    continue;
                const entry = readJsonIfThere((0,external_node_path_.join)(dir, name));
                if (entry)
                    entries.push(entry);
            }
        }
        const where = (e) => `${e.location}/${e.filename}`;
        return entries.sort((a, b) => (where(a) < where(b) ? -1 : where(a) > where(b) ? 1 : 0));
    }
    /** The registered extracts at these paths (folder and file name), under the store lock. */
    readExtractsAt(paths) {
        const entries = [];
        for (const { location, filename } of paths) {
            const entry = readJsonIfThere(this.extractFile(location, filename));
            if (entry)
                entries.push(entry);
        }
        return entries;
    }
    /** Writes these extracts' entries, each in its own file, under the store lock. */
    writeExtracts(entries) {
        (0,make_dirs/* makeDirs */.X)((0,external_node_path_.join)(this.root, 'extracts'));
        for (const entry of entries)
            (0,write_atomic/* writeAtomic */.v)(this.extractFile(entry.location, entry.filename), `${JSON.stringify(entry, null, 2)}\n`);
    }
    extractFile(location, filename) {
        return (0,external_node_path_.join)(this.root, 'extracts', `${extractKey(location, filename)}.json`);
    }
}
/** An ended run's counts, as the history lists them: tasks by status, and how many errors. */
function countsOf(tasks, errors) {
    const byStatus = {};
    for (const state of Object.values(tasks ?? {}))
        byStatus[state.status] = (byStatus[state.status] ?? 0) + 1;
    return { tasks: byStatus, errors: errors?.length ?? 0 };
}
/** What the store keeps at its root, and in a run's folder: none of them may be a link. */
const STORE_ENTRIES = ['runs', 'active', 'pipelines', 'extracts', 'store.lock'];
const RUN_ENTRIES = ['run.json', 'tasks.json', 'pipeline.yml', 'journal.jsonl', 'logs', 'outputs', 'scripts'];
/** What to do about a store dagline cannot write, by the system's reason. */
function storeHint(code) {
    const elsewhere = 'or point --state-dir (or DAGLINE_STATE_DIR) at a folder dagline can write';
    switch (code) {
        case 'EACCES':
        case 'EPERM':
            return `dagline may not write there: check the folder's owner and permissions, ${elsewhere}`;
        case 'EROFS':
            return `the file system is read-only: ${elsewhere.slice(3)}`;
        case 'ENOENT':
            return `a folder on its path does not exist or cannot hold folders: ${elsewhere.slice(3)}`;
        default:
            return (0,dagline_error/* systemErrorHint */.FH)(code);
    }
}
/** An extract's file name in the registry: a hash of its folder and name, which may hold anything. */
function extractKey(location, filename) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${location}\0${filename}`).digest('hex').slice(0, 32);
}
const RUN_ID_STAMP = /-(\d{8}-\d{6})-[0-9a-f]{4}$/;
function readJsonIfThere(path) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}
/**
 * The append-only journal of one run. Entries are buffered and written
 * together by `flush`, which the run calls before it starts anything: what
 * has finished is on disk before anything that needs it begins. A turn of
 * the event loop never ends with entries unwritten.
 */
class RunJournal {
    path;
    fs;
    failed;
    fd;
    buffered = '';
    scheduled = false;
    /** The write the disk refused: nothing more is written (the run's end record holds it all). */
    refused;
    /** `failed`: told once when the disk refuses a write (full, read-only), which flush never throws. */
    constructor(path, fs = external_node_fs_, failed) {
        this.path = path;
        this.fs = fs;
        this.failed = failed;
    }
    append(entry) {
        this.buffered += `${JSON.stringify(entry)}\n`;
        if (!this.scheduled) {
            this.scheduled = true;
            setImmediate(() => this.flush());
        }
    }
    flush() {
        this.scheduled = false;
        if (!this.buffered || this.refused)
            return;
        const bytes = Buffer.from(this.buffered);
        this.buffered = '';
        try {
            // No link is followed (ELOOP): the store's folder was checked, and this is its last part.
            this.fd ??= this.fs.openSync(this.path, append_no_link/* APPEND_NO_LINK */.w);
            // A disk filling up takes part of a write, then refuses the rest: written on until it refuses.
            for (let at = 0; at < bytes.length;)
                at += this.fs.writeSync(this.fd, bytes, at);
        }
        catch (error) {
            this.refused = error;
            this.failed?.(this.refused);
        }
    }
    close() {
        this.flush();
        if (this.fd !== undefined)
            this.fs.closeSync(this.fd);
        this.fd = undefined;
    }
}
function readJournal(path) {
    const tasks = new Map();
    const errors = [];
    let text = '';
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        return { tasks, errors };
    }
    for (const line of text.split('\n')) {
        if (!line)
            continue;
        // A torn last line (its writer was killed mid-write), or a line of the wrong shape: skipped.
        const entry = (0,run_record/* journalEntryOf */.x)(line);
        if (entry === undefined)
            continue;
        if ('task' in entry)
            tasks.set(entry.task.leg, entry.task);
        else
            errors.push(entry.error);
    }
    return { tasks, errors };
}
/** Takes the lock if nobody holds it: its release, or undefined when it is held. */
function lockFree(root, options) {
    try {
        return proper_lockfile_default().lockSync(root, options);
    }
    catch (error) {
        if (error.code === 'ELOCKED')
            return undefined;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/state-store.ts



/** The state store a command works on: --state-dir, else DAGLINE_STATE_DIR, else .dagline at the repository root. */
function storeFor(stateDir, env, pipelineFile) {
    // By default at the repository root, where tasks run: runs started from any folder of a
    // repository share one history, one on-hold count and one overlap guard.
    const root = pipelineFile === undefined ? (0,pipeline_files/* repositoryRootAbove */.uF)(process.cwd()) : (0,pipeline_files/* repositoryRoot */.Hn)(pipelineFile);
    return new RunStore(stateDir ?? env.DAGLINE_STATE_DIR ?? (0,external_node_path_.join)(root, '.dagline'));
}


/***/ }),

/***/ 3288:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ APPEND_NO_LINK)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

const { O_APPEND, O_CREAT, O_NOFOLLOW, O_WRONLY } = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants;
/**
 * Flags to open a file of the state store for appending (a journal, a log), created if needed and
 * never through a link: a log or journal replaced by a link fails to open (ELOOP) rather than
 * writing wherever the link points.
 */
const APPEND_NO_LINK = O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW;


/***/ }),

/***/ 1482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ makeDirs)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/**
 * `mkdir -p`: the folder and the missing ones above it. Not `mkdirSync(path, { recursive: true })`:
 * Node 20's loops for ever, at full CPU, where the file system answers ENOENT for a folder it will
 * not create under one that exists (`/proc/x`, a state dir mistyped into /proc or /sys). Here each
 * missing level is created once, top down, and a refusal is an error.
 */
function makeDirs(path, mode, fs = node_fs__WEBPACK_IMPORTED_MODULE_0__) {
    const missing = [];
    for (let at = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);;) {
        const found = fs.statSync(at, { throwIfNoEntry: false });
        if (found) {
            // As the system's own errors are: a code, the call and the path.
            if (!found.isDirectory())
                throw Object.assign(new Error(`ENOTDIR: mkdir '${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path)}': ${at} is not a folder`), {
                    code: 'ENOTDIR',
                    syscall: 'mkdir',
                    path: at,
                });
            break;
        }
        missing.push(at);
        const up = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(at);
        if (up === at)
            break;
        at = up;
    }
    for (const dir of missing.reverse()) {
        try {
            fs.mkdirSync(dir, mode === undefined ? undefined : { mode });
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error; // made meanwhile: fine
        }
    }
}


/***/ }),

/***/ 3804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);


/**
 * Writes a file so that a reader sees the old content or the new one, never a part: a temp file
 * beside it, then a rename. A failed write leaves no temp file behind.
 */
function writeAtomic(path, content, mode, fs = node_fs__WEBPACK_IMPORTED_MODULE_1__) {
    const temp = `${path}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}.tmp`;
    try {
        fs.writeFileSync(temp, content, mode === undefined ? undefined : { mode });
        fs.renameSync(temp, path);
    }
    catch (error) {
        fs.rmSync(temp, { force: true });
        throw error;
    }
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