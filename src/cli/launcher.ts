// dist/cli.js: the `dagline` binary. It only finds the CLI bundle next to it and runs it through
// V8's code cache (compile-cache.ts): compiling the bundle is most of the CLI's start-up.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCacheDir, runBundleWithCompileCache } from './compile-cache.js';

const bundle = join(dirname(fileURLToPath(import.meta.url)), 'cli-main.cjs');
const args = process.argv.slice(2);
const { save } = runBundleWithCompileCache(
  bundle,
  compileCacheDir(process.env, process.platform),
  args.find((arg) => !arg.startsWith('-')) ?? '',
);
// At exit, not before the bundle runs: V8 compiles most functions when they first run, and the
// cache holds only what was compiled when it is made. 'exit' comes on process.exit too.
if (save) process.once('exit', save);
