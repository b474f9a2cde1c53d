// dist/cli.js: the `dagline` binary. It only finds the CLI bundle next to it and runs it through
// V8's code cache (compile-cache.ts): compiling the bundle is most of the CLI's start-up.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCacheDir, runBundleWithCompileCache } from './compile-cache.js';

const bundle = join(dirname(fileURLToPath(import.meta.url)), 'cli-main.cjs');
runBundleWithCompileCache(bundle, compileCacheDir(process.env, process.platform));
