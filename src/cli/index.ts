// The CLI bundle's entry (dist/cli-main.cjs), started by the launcher (dist/cli.js). CommonJS,
// so no top-level await: V8's code cache takes scripts, not ES modules.
import { processIo } from './io.js';
import { runCli } from './main.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
