"use strict";
exports.id = 264;
exports.ids = [264,247];
exports.modules = {

/***/ 8264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadOrReport: () => (/* binding */ loadOrReport),
/* harmony export */   reportErrors: () => (/* binding */ reportErrors)
/* harmony export */ });
/* harmony import */ var _errors_format_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8943);
/* harmony import */ var _fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6247);
/* harmony import */ var _pipeline_format_check_repository_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2363);
/* harmony import */ var _plan_resolve_params_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3810);
/* harmony import */ var _reported_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2315);





/**
 * Loads the one pipeline a command works on, printing every error (to stderr) if it does not load.
 * With `calls`, the pipelines it runs through `pipeline:` tasks are checked too, at any depth: a run
 * never starts to fail halfway on a child that is missing, invalid or given the wrong params.
 */
function loadOrReport(file, limits, io, options = {}) {
    const result = (0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readPipelineFile */ .Bk)(file, limits);
    if (!result.ok)
        reportErrors(result.errors, io);
    const { pipeline, locator } = result;
    if (options.calls && [...pipeline.tasks.values()].some((task) => task.action.kind === 'pipeline')) {
        const resolveTarget = (0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_0__/* .pipelineTargetResolver */ .gL)(limits);
        const errors = (0,_pipeline_format_check_repository_js__WEBPACK_IMPORTED_MODULE_1__/* .checkRepository */ .n)((0,_pipeline_format_check_repository_js__WEBPACK_IMPORTED_MODULE_1__/* .withCalledPipelines */ .z)({ pipeline, locator }, resolveTarget), resolveTarget);
        if (errors.length > 0)
            reportErrors(errors, io);
    }
    return {
        pipeline,
        placeOfParam: (0,_plan_resolve_params_js__WEBPACK_IMPORTED_MODULE_2__/* .paramPlaces */ .C7)(pipeline, locator),
        placeOf: (path) => locator.at(path, 'key'),
        locator,
    };
}
function reportErrors(errors, io) {
    for (const error of errors)
        io.err(`${(0,_errors_format_error_js__WEBPACK_IMPORTED_MODULE_4__/* .formatErrorLine */ .AC)(error)}\n`);
    throw new _reported_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ReportedErrors */ .b(errors[0]?.exitCode ?? 1);
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

/***/ 2363:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ checkRepository),
/* harmony export */   z: () => (/* binding */ withCalledPipelines)
/* harmony export */ });
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1194);
/* harmony import */ var _errors_format_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8943);
/* harmony import */ var _errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8144);
/* harmony import */ var _expressions_template_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(725);
/* harmony import */ var _param_values_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7118);





/**
 * A pipeline and every pipeline it runs through `pipeline:` tasks, at any
 * depth, each once: what `run` and `plan` check before anything starts, so a
 * child that is missing, does not validate or is called with the wrong params
 * fails the run before its first task rather than halfway through.
 */
function withCalledPipelines(root, resolveTarget) {
    const found = new Map([[root.pipeline.file, root]]);
    // A Map's iteration reaches what is added while it runs: children, then theirs.
    for (const { pipeline } of found.values()) {
        for (const task of pipeline.tasks.values()) {
            if (task.action.kind !== 'pipeline')
                continue;
            const target = resolveTarget(pipeline, task.action.path);
            if (target.status === 'ok' && !found.has(target.pipeline.file))
                found.set(target.pipeline.file, { pipeline: target.pipeline, locator: target.locator });
        }
    }
    return [...found.values()];
}
/**
 * Checks across the pipelines of a repository: names are unique, `pipeline:`
 * tasks name files that exist and validate, their `with:` fits the child's
 * params, and `requires` fits the required pipeline when it is among them.
 * `resolveTarget` is the edge's: it finds and loads the file a task names.
 */
function checkRepository(loaded, resolveTarget) {
    const errors = [];
    const byName = new Map();
    for (const entry of loaded) {
        const first = byName.get(entry.pipeline.name);
        if (first) {
            errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .GraphError */ .h9(`pipeline name "${entry.pipeline.name}" is already used by ${first.pipeline.file}`, entry.locator.at(['name']), 'pipeline names are unique in a repository'));
        }
        else
            byName.set(entry.pipeline.name, entry);
    }
    for (const { pipeline, locator } of loaded) {
        for (const task of pipeline.tasks.values()) {
            if (task.action.kind !== 'pipeline')
                continue;
            const at = (...rest) => locator.at(['tasks', task.id, ...rest]);
            const target = resolveTarget(pipeline, task.action.path);
            if (target.status === 'missing') {
                errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .GraphError */ .h9(`task "${task.id}" runs ${task.action.path}, which does not exist (looked at ${target.file})`, at('pipeline'), 'pipeline paths are relative to the repository root'));
                continue;
            }
            if (target.status === 'outside') {
                errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .GraphError */ .h9(`task "${task.id}" runs ${task.action.path}, a link to ${target.real}, outside the repository`, at('pipeline'), 'a pipeline runs only files its repository holds: copy the file in'));
                continue;
            }
            if (target.status === 'invalid') {
                // Its first error, where it is: the user may not have asked to validate that file.
                const first = target.errors[0];
                const where = first ? `: ${(0,_errors_format_error_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlace */ .dE)({ ...first, file: first.file ?? target.file })}${first.message}` : '';
                errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .GraphError */ .h9(`task "${task.id}" runs ${task.action.path}, which does not validate${where}`, at('pipeline'), `dagline validate ${target.file} lists ${target.errors.length > 1 ? `all ${target.errors.length} errors` : 'it'}`));
                continue;
            }
            if (target.status === 'self') {
                errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .GraphError */ .h9(`task "${task.id}" runs its own pipeline`, at('pipeline'), 'a pipeline cannot run itself'));
                continue;
            }
            const withPlace = (name, part) => locator.at(['tasks', task.id, 'with', ...(name === undefined ? [] : [name])], part);
            errors.push(...checkParamsFor(target.pipeline, task.action.with, withPlace, `task "${task.id}"`, at('pipeline')));
        }
        pipeline.requires.forEach((req, i) => {
            const required = byName.get(req.pipeline);
            if (!required)
                return; // not among the files validated: checked when a run asks
            errors.push(...checkParamsFor(required.pipeline, req.params, (name, part) => locator.at(['requires', i, 'params', ...(name === undefined ? [] : [name])], part), `requires[${i}]`, locator.at(['requires', i, 'pipeline']), false));
        });
    }
    errors.push(...checkCallCycles(loaded, resolveTarget));
    return errors;
}
/**
 * Pipelines that run each other round: a -> b -> a would start child runs
 * for ever. Each cycle is reported once, at the `pipeline:` task that closes
 * it; when that task is in a file not being checked (`validate a.yml` alone),
 * at the last call on the way there that is in one.
 */
function checkCallCycles(loaded, resolveTarget) {
    const errors = [];
    const checked = new Map(loaded.map((entry) => [entry.pipeline.file, entry.locator]));
    const state = new Map();
    /** The calls from the pipeline where the walk began to the one it is in. */
    const calls = [];
    const visit = (pipeline) => {
        state.set(pipeline.file, 'open');
        for (const task of pipeline.tasks.values()) {
            if (task.action.kind !== 'pipeline')
                continue;
            const target = resolveTarget(pipeline, task.action.path);
            if (target.status !== 'ok')
                continue;
            const next = target.pipeline;
            const call = { file: pipeline.file, task: task.id, path: task.action.path };
            const seen = state.get(next.file);
            if (seen === 'open') {
                const way = [...calls, call];
                const start = way.findIndex((c) => c.file === next.file);
                const round = [...way.slice(start).map((c) => c.file), next.file].join(' -> ');
                const at = [...way].reverse().find((c) => checked.has(c.file));
                if (at) {
                    const how = at === call
                        ? 'closing a cycle of pipelines'
                        : way.indexOf(at) >= start
                            ? 'part of a cycle of pipelines'
                            : 'which leads into a cycle of pipelines';
                    const message = `${how}: ${round}`;
                    errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .GraphError */ .h9(`task "${at.task}" runs ${at.path}, ${message}`, checked.get(at.file).at(['tasks', at.task, 'pipeline']), 'pipelines cannot run each other round: break the cycle'));
                }
            }
            else if (seen === undefined) {
                calls.push(call);
                visit(next);
                calls.pop();
            }
        }
        state.set(pipeline.file, 'done');
    };
    for (const { pipeline } of loaded)
        if (!state.has(pipeline.file))
            visit(pipeline);
    return errors;
}
function checkParamsFor(target, values, placeOf, owner, ownerPlace, requireAll = true) {
    const errors = [];
    for (const [name, value] of Object.entries(values)) {
        const spec = target.params.get(name);
        if (!spec) {
            errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SchemaError */ .Ar(`${owner}: pipeline "${target.name}" has no param "${name}"`, placeOf(name, 'key'), (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__/* .didYouMean */ .au)(name, target.params.keys()) ?? `its params: ${[...target.params.keys()].join(', ') || 'none'}`));
            continue;
        }
        if (value === null || (typeof value === 'string' && (0,_expressions_template_js__WEBPACK_IMPORTED_MODULE_4__/* .hasTemplate */ .rJ)(value)))
            continue;
        const outcome = (0,_param_values_js__WEBPACK_IMPORTED_MODULE_2__/* .coerceParamValue */ .A)(spec, value, false);
        if (!outcome.ok)
            errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SchemaError */ .Ar(`${owner}: ${outcome.message}`, placeOf(name, 'value'), outcome.hint));
    }
    if (requireAll) {
        for (const spec of target.params.values()) {
            if (spec.required && spec.default === undefined && !(spec.name in values)) {
                errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .SchemaError */ .Ar(`${owner}: pipeline "${target.name}" requires param "${spec.name}"`, ownerPlace, `add it under with:`));
            }
        }
    }
    return errors;
}


/***/ }),

/***/ 3810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ paramPlaces),
/* harmony export */   sh: () => (/* binding */ parseParamFlags),
/* harmony export */   xg: () => (/* binding */ resolveParams)
/* harmony export */ });
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1194);
/* harmony import */ var _errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8144);
/* harmony import */ var _pipeline_format_param_values_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7118);



/** The places of a loaded pipeline's params: its `params:` entries, or the file when it has none. */
function paramPlaces(pipeline, locator) {
    return (param) => pipeline.params.size === 0
        ? { file: pipeline.file }
        : locator.at(param === undefined ? ['params'] : ['params', param], 'key');
}
/**
 * `--param k=v` flags into a map. Only the first `=` splits, so values may
 * hold `=`. A flag without `=` is a usage error (exit 2).
 */
function parseParamFlags(flags) {
    // No prototype: `--param __proto__=x` is a param like any other (unknown, and said so), not the prototype.
    const given = Object.create(null);
    for (const flag of flags) {
        const at = flag.indexOf('=');
        if (at <= 0)
            throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--param ${JSON.stringify(flag)} is not key=value`, {}, 'write --param name=value');
        const name = flag.slice(0, at);
        if (Object.hasOwn(given, name))
            throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`--param ${name} is given twice`);
        given[name] = flag.slice(at + 1);
    }
    return given;
}
/**
 * Every declared param with its typed value: given values checked against
 * their declaration, then defaults, then null for an optional param without
 * one. Returns all problems at once, each a ParamError naming the param.
 */
function resolveParams(pipeline, given, fromText = true, 
/** The file alone by default. */
placeOf = () => ({ file: pipeline.file })) {
    const errors = [];
    for (const name of Object.keys(given)) {
        if (!pipeline.params.has(name)) {
            const declared = [...pipeline.params.keys()];
            errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ParamError */ .sN(`pipeline "${pipeline.name}" has no param "${name}"`, placeOf(), (0,_errors_did_you_mean_js__WEBPACK_IMPORTED_MODULE_1__/* .didYouMean */ .au)(name, declared) ??
                (declared.length ? `its params: ${declared.join(', ')}` : 'it declares no params')));
        }
    }
    const values = {};
    for (const spec of pipeline.params.values()) {
        const raw = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
        if (raw === undefined) {
            if (spec.default !== undefined)
                values[spec.name] = spec.default;
            else if (spec.required) {
                errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ParamError */ .sN(`param "${spec.name}" is required`, placeOf(spec.name), `give it with --param ${spec.name}=...`));
            }
            else
                values[spec.name] = null;
            continue;
        }
        const outcome = (0,_pipeline_format_param_values_js__WEBPACK_IMPORTED_MODULE_2__/* .coerceParamValue */ .A)(spec, raw, fromText);
        if (outcome.ok)
            values[spec.name] = outcome.value;
        else
            errors.push(new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_0__/* .ParamError */ .sN(outcome.message, placeOf(spec.name), outcome.hint));
    }
    return errors.length ? { ok: false, errors } : { ok: true, values };
}


/***/ })

};
;