"use strict";
exports.id = 247;
exports.ids = [247];
exports.modules = {

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


/***/ })

};
;