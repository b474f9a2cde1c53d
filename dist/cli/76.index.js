"use strict";
exports.id = 76;
exports.ids = [76];
exports.modules = {

/***/ 8076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   compileCommand: () => (/* binding */ compileCommand)
/* harmony export */ });
/* unused harmony exports compileFile, compileLoaded, compiledState */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _compile_compile_workflow_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2865);
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1194);
/* harmony import */ var _fs_make_dirs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1482);
/* harmony import */ var _fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6247);
/* harmony import */ var _fs_write_atomic_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3804);
/* harmony import */ var _render_printable_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8359);
/* harmony import */ var _load_one_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8264);









/** Loads FILE (and the pipelines it calls) and compiles it; prints errors and throws ReportedErrors if it cannot. */
function compileFile(file, flags, limits, io) {
    const result = compileLoaded((0,_load_one_js__WEBPACK_IMPORTED_MODULE_7__.loadOrReport)(file, limits, io, { calls: true }), file, flags, limits);
    if (!result.ok)
        (0,_load_one_js__WEBPACK_IMPORTED_MODULE_7__.reportErrors)(result.errors, io);
    return result.compiled;
}
/**
 * A loaded pipeline compiled: the workflow's text, where it goes and the command that writes it,
 * or what the workflow cannot say as errors (values: the action annotates them).
 */
function compileLoaded(loaded, file, flags, limits) {
    const { pipeline, locator } = loaded;
    const root = (0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_5__/* .repositoryRoot */ .Hn)(file);
    const fromRoot = (path) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path)).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
    const pipelineFile = fromRoot(file);
    if (pipelineFile.startsWith('../') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(pipelineFile))
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_3__/* .UsageError */ .eb(`${file} is outside the repository at ${root}`);
    const output = flags.output ?? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, (0,_compile_compile_workflow_js__WEBPACK_IMPORTED_MODULE_2__/* .workflowPath */ .RB)(pipeline.name));
    const command = [
        'npx dagline compile',
        pipelineFile,
        ...(flags.output !== undefined ? ['-o', fromRoot(flags.output)] : []),
        ...(flags.action !== undefined ? ['--action', flags.action] : []),
    ].join(' ');
    const resolveTarget = (0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_5__/* .pipelineTargetResolver */ .gL)(limits);
    const children = new Map();
    for (const task of pipeline.tasks.values()) {
        if (task.action.kind !== 'pipeline')
            continue;
        const target = resolveTarget(pipeline, task.action.path);
        if (target.status === 'ok')
            children.set(task.action.path, target.pipeline);
    }
    const result = (0,_compile_compile_workflow_js__WEBPACK_IMPORTED_MODULE_2__/* .compileWorkflow */ .ZV)({
        pipeline,
        file: pipelineFile,
        placeOf: (path, part) => locator.at(path, part),
        children,
        ...(flags.action !== undefined && { action: flags.action }),
        command,
    });
    if (!result.ok)
        return result;
    return { ok: true, compiled: { text: result.text, output, command, children: [...children.values()], root } };
}
/** Whether the file at the compiled workflow's place holds exactly what compiling gives now. */
function compiledState(compiled) {
    const committed = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(compiled.output) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(compiled.output, 'utf8') : undefined;
    if (committed === undefined)
        return 'missing';
    return committed === compiled.text ? 'up to date' : 'out of date';
}
/**
 * `dagline compile FILE`: writes the pipeline's GitHub workflow (default
 * `.github/workflows/dagline-<name>.yml` at the repository root of FILE); with `--check`,
 * writes nothing and exits 1 when the file there is not what compiling gives now.
 */
function compileCommand(file, flags, limits, io) {
    const compiled = compileFile(file, flags, limits, io);
    const { text, output, command, children, root } = compiled;
    const fromRoot = (path) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path)).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
    const shown = (0,_fs_pipeline_files_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(output);
    // Paths are the user's: printable in dagline's own lines (an error's place is made printable where it is printed).
    const printed = (0,_render_printable_js__WEBPACK_IMPORTED_MODULE_8__/* .printable */ .g$)(shown);
    if (flags.check) {
        const state = compiledState(compiled);
        if (state === 'up to date') {
            io.out(`${printed} is up to date\n`);
            return 0;
        }
        io.err(`${printed}: error: ${state === 'missing' ? 'does not exist' : 'is out of date with its pipeline'} (regenerate it: ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_8__/* .printable */ .g$)(command)})\n`);
        return 1;
    }
    try {
        (0,_fs_make_dirs_js__WEBPACK_IMPORTED_MODULE_4__/* .makeDirs */ .X)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(output));
        (0,_fs_write_atomic_js__WEBPACK_IMPORTED_MODULE_6__/* .writeAtomic */ .v)(output, text);
    }
    catch (error) {
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_3__/* .FileError */ .f6(`cannot write ${shown}: ${error.message}`, { file: shown });
    }
    io.out(`wrote ${printed}\n`);
    for (const child of children) {
        const called = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, (0,_compile_compile_workflow_js__WEBPACK_IMPORTED_MODULE_2__/* .workflowPath */ .RB)(child.name));
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(called))
            io.err(`note: ${printed} calls ${(0,_compile_compile_workflow_js__WEBPACK_IMPORTED_MODULE_2__/* .workflowPath */ .RB)(child.name)}, which does not exist yet: npx dagline compile ${(0,_render_printable_js__WEBPACK_IMPORTED_MODULE_8__/* .printable */ .g$)(fromRoot(child.file))}\n`);
    }
    return 0;
}


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


/***/ })

};
;