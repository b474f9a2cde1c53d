#!/usr/bin/env node
/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = require("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = require("node:url");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = require("node:fs");
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = require("node:module");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = require("node:os");
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = require("node:vm");
;// CONCATENATED MODULE: ./src/fs/make-dirs.ts


/**
 * `mkdir -p`: the folder and the missing ones above it. Not `mkdirSync(path, { recursive: true })`:
 * Node 20's loops for ever, at full CPU, where the file system answers ENOENT for a folder it will
 * not create under one that exists (`/proc/x`, a state dir mistyped into /proc or /sys). Here each
 * missing level is created once, top down, and a refusal is an error.
 */
function makeDirs(path, mode) {
    const missing = [];
    for (let at = (0,external_node_path_namespaceObject.resolve)(path);;) {
        const found = (0,external_node_fs_namespaceObject.statSync)(at, { throwIfNoEntry: false });
        if (found) {
            // As the system's own errors are: a code, the call and the path.
            if (!found.isDirectory())
                throw Object.assign(new Error(`ENOTDIR: mkdir '${(0,external_node_path_namespaceObject.resolve)(path)}': ${at} is not a folder`), {
                    code: 'ENOTDIR',
                    syscall: 'mkdir',
                    path: at,
                });
            break;
        }
        missing.push(at);
        const up = (0,external_node_path_namespaceObject.dirname)(at);
        if (up === at)
            break;
        at = up;
    }
    for (const dir of missing.reverse()) {
        try {
            (0,external_node_fs_namespaceObject.mkdirSync)(dir, mode === undefined ? undefined : { mode });
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error; // made meanwhile: fine
        }
    }
}

;// CONCATENATED MODULE: ./src/fs/prune-cache.ts


/** Cache files nobody has rewritten for this long are removed when a new one is written. */
const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * Each dagline build (and, for V8's cache, each Node version) leaves its own files in the cache
 * folder. When a new one is written, the others of its kind (`belongs`) not rewritten for a month
 * go, and so do all but the newest `keepOthers` (a developer rebuilding dagline makes a new one
 * each time): the folder stays within a few megabytes.
 */
function pruneCacheFolder(dir, keep, belongs, keepOthers) {
    try {
        const now = Date.now();
        const others = (0,external_node_fs_namespaceObject.readdirSync)(dir)
            .filter(belongs)
            .map((name) => (0,external_node_path_namespaceObject.join)(dir, name))
            .filter((path) => path !== keep)
            .map((path) => ({ path, mtimeMs: (0,external_node_fs_namespaceObject.statSync)(path).mtimeMs }))
            .sort((a, b) => b.mtimeMs - a.mtimeMs);
        others.forEach(({ path, mtimeMs }, i) => {
            if (i >= keepOthers || now - mtimeMs > STALE_AFTER_MS)
                (0,external_node_fs_namespaceObject.unlinkSync)(path);
        });
    }
    catch {
        // a cache folder we cannot tidy is still a cache folder
    }
}

;// CONCATENATED MODULE: ./src/fs/write-atomic.ts


/**
 * Writes a file so that a reader sees the old content or the new one, never a part: a temp file
 * beside it, then a rename. A failed write leaves no temp file behind.
 */
function writeAtomic(path, content, mode) {
    const temp = `${path}.${process.pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(3).toString('hex')}.tmp`;
    try {
        (0,external_node_fs_namespaceObject.writeFileSync)(temp, content, mode === undefined ? undefined : { mode });
        (0,external_node_fs_namespaceObject.renameSync)(temp, path);
    }
    catch (error) {
        (0,external_node_fs_namespaceObject.rmSync)(temp, { force: true });
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cli/compile-cache.ts
// Starting the CLI through V8's code cache.
//
// dist/cli.js is a small launcher; the CLI itself is one CommonJS bundle (dist/cli-main.cjs),
// compiled here with the bytecode V8 produced the last time it was compiled on this machine.
// Compiling the 1.2 MB bundle is most of dagline's start-up: webpack wraps every module in
// parentheses, which V8 reads as "call soon" and compiles eagerly. With the cache, `dagline
// validate` of a 300-task file went from ~0.39 s to ~0.27 s here (docs/benchmarks.md).
//
// Why not a library: Node's own `module.enableCompileCache` exists only from Node 22.1, and
// measured slower than this under Node 22 (0.19 s against 0.16 s for the same command);
// v8-compile-cache replaces `Module.prototype._compile` for every module of the process and
// writes its cache without a rename. The cache is one file per bundle content, Node version,
// architecture and Node flags, written atomically as the process exits (so that it holds the
// functions the command ran, which V8 compiles only when they first run); a cache V8 refuses is
// compiled over and replaced, and any failure to read or write it only costs the time it would
// have saved.









/** How many other cache files (other builds, other Node versions) are kept besides the new one. */
const KEEP_OTHERS = 7;
const CACHE_PREFIX = 'cli-';
const CACHE_SUFFIX = '.v8cache';
/**
 * A cache file starts with one line: this marker and the commands whose runs it was made after.
 * The bytecode V8 caches is what was compiled when the cache was made, and V8 compiles a
 * function when it first runs: a cache made after `validate` lacks the scheduler, so the first
 * `run` after it writes the cache again, with both.
 */
const HEADER = 'dagline-v8cache-1 ';
/** A command line whose first word is not a command still gets one rewrite, and so do at most this many. */
const MAX_COMMANDS = 16;
/**
 * Where the cache lives: `DAGLINE_COMPILE_CACHE` (a folder, or `off`), else the user's cache
 * folder (XDG_CACHE_HOME, ~/.cache, or LOCALAPPDATA on Windows). Never the shared temp folder:
 * a cache file is bytecode this process will run, so it must sit where only the user writes.
 */
function compileCacheDir(env, platform, home = external_node_os_namespaceObject.homedir) {
    const chosen = env.DAGLINE_COMPILE_CACHE?.trim();
    if (chosen)
        return ['off', '0', 'false', 'no'].includes(chosen.toLowerCase()) ? undefined : chosen;
    if (platform === 'win32')
        return env.LOCALAPPDATA ? (0,external_node_path_namespaceObject.join)(env.LOCALAPPDATA, 'dagline', 'cache') : undefined;
    if (env.XDG_CACHE_HOME)
        return (0,external_node_path_namespaceObject.join)(env.XDG_CACHE_HOME, 'dagline');
    let dir;
    try {
        dir = home();
    }
    catch {
        return undefined;
    }
    return dir ? (0,external_node_path_namespaceObject.join)(dir, '.cache', 'dagline') : undefined;
}
/**
 * Loads and runs a CommonJS bundle as Node's `require` would, compiling it through the cache.
 * `command`: what this run does (the CLI's first word), so that the cache grows to hold the
 * functions of each command it is used for.
 */
function runBundleWithCompileCache(bundlePath, cacheDir, command = '') {
    const bytes = (0,external_node_fs_namespaceObject.readFileSync)(bundlePath);
    const file = cacheDir === undefined ? undefined : (0,external_node_path_namespaceObject.join)(cacheDir, cacheFileName(bytes));
    const stored = file === undefined ? undefined : readCacheFile(file);
    // The same wrapper Node's CommonJS loader uses, so the bundle sees the usual five names.
    const wrapper = `(function (exports, require, module, __filename, __dirname) { ${stripHashbang(bytes.toString('utf8'))}\n});`;
    const script = new external_node_vm_namespaceObject.Script(wrapper, {
        filename: bundlePath,
        cachedData: stored?.bytecode,
        // Lets an `import()` inside the bundle work as in any module (Node 20.12+; older Nodes have none).
        importModuleDynamically: external_node_vm_namespaceObject.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const cache = file === undefined ? 'off' : stored === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
    const key = commandKey(command);
    const commands = cache === 'used' ? stored.commands : [];
    const save = file === undefined || (cache === 'used' && (commands.includes(key) || commands.length >= MAX_COMMANDS))
        ? undefined
        : () => {
            let bytecode;
            try {
                bytecode = script.createCachedData();
            }
            catch {
                return false; // it runs as the process exits: nothing may reach the user from here
            }
            return writeCache(file, Buffer.concat([Buffer.from(`${HEADER}${[...commands, key].join(',')}\n`), bytecode]));
        };
    const run = script.runInThisContext();
    const module = { exports: {} };
    run.call(module.exports, module.exports, (0,external_node_module_namespaceObject.createRequire)(bundlePath), module, bundlePath, (0,external_node_path_namespaceObject.dirname)(bundlePath));
    return { file, cache, save, exports: module.exports };
}
/** The command as a cache file records it: a word of letters and dashes, or `-` for anything else. */
function commandKey(command) {
    return /^[a-z][a-z-]{0,30}$/.test(command) ? command : '-';
}
/** Names the cache by what V8 compiled and under what: a different bundle, Node or flag set gets its own file. */
function cacheFileName(bundle) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(bundle)
        // The file's format too: launchers of other dagline builds never read each other's files.
        .update(`\0${HEADER}\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`)
        .digest('hex');
    return `${CACHE_PREFIX}${hash.slice(0, 32)}${CACHE_SUFFIX}`;
}
function stripHashbang(source) {
    return source.startsWith('#!') ? source.replace(/^#![^\n]*/, '') : source;
}
/** The cache file's bytecode and the commands it was made after; undefined when there is none, or not one of ours. */
function readCacheFile(file) {
    let content;
    try {
        content = (0,external_node_fs_namespaceObject.readFileSync)(file);
    }
    catch {
        return undefined;
    }
    const newline = content.indexOf(10);
    const header = newline < 0 ? '' : content.subarray(0, newline).toString('latin1');
    if (!header.startsWith(HEADER))
        return undefined;
    return { bytecode: content.subarray(newline + 1), commands: header.slice(HEADER.length).split(',').filter(Boolean) };
}
/** Atomically: a reader sees the old cache or the whole new one, never half of one. */
function writeCache(file, data) {
    try {
        makeDirs((0,external_node_path_namespaceObject.dirname)(file), 0o700);
        writeAtomic(file, data, 0o600);
    }
    catch {
        return false;
    }
    pruneCacheFolder((0,external_node_path_namespaceObject.dirname)(file), file, (name) => name.startsWith(CACHE_PREFIX) && (name.endsWith(CACHE_SUFFIX) || name.endsWith('.tmp')), KEEP_OTHERS);
    return true;
}

;// CONCATENATED MODULE: ./src/cli/launcher.ts
// dist/cli.js: the `dagline` binary. It only finds the CLI bundle next to it and runs it through
// V8's code cache (compile-cache.ts): compiling the bundle is most of the CLI's start-up.



const bundle = (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(require("url").pathToFileURL(__filename).href)), 'cli-main.cjs');
const args = process.argv.slice(2);
const { save } = runBundleWithCompileCache(bundle, compileCacheDir(process.env, process.platform), args.find((arg) => !arg.startsWith('-')) ?? '');
// At exit, not before the bundle runs: V8 compiles most functions when they first run, and the
// cache holds only what was compiled when it is made. 'exit' comes on process.exit too.
if (save)
    process.once('exit', save);

module.exports = __webpack_exports__;
/******/ })()
;