// The CLI bundle's entry (dist/cli/main.cjs), loaded by the `dagline` binary (dist/cli.js, from
// bin.cjs). CommonJS, so no top-level await: the binary loads it with a plain require.
import { processIo } from './io.js';
import { runCli } from './main.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
