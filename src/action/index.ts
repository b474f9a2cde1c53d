// The action's bundle entry (dist/index.js). CommonJS like every bundle in dist/, so no
// top-level await; run() reports its own failures through core.setFailed.
import { run } from './main.js';

void run();
