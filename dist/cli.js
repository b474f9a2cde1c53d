#!/usr/bin/env node
// The `dagline` binary (dist/cli.js, copied as it is by scripts/build.mjs). Compiling the CLI
// bundle is most of dagline's start-up after Node's own, so Node is asked to keep the compiled
// code in its compile cache (Node 22.1 and later; older Nodes have none and compile it each
// time). Node owns that cache (its folder, its checks, NODE_DISABLE_COMPILE_CACHE to turn it off):
// dagline writes nothing there itself. CommonJS, so no ES module loader is started.
'use strict';
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
require('./cli/main.cjs');
