// The floor for validate and plan (SPEC section 6): a plain YAML parse of the
// file and a topological sort of its tasks, nothing else.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import toposort from 'toposort';
import YAML from 'yaml';

export function floor(text) {
  const doc = YAML.parse(text, { uniqueKeys: false });
  const edges = [];
  for (const [id, task] of Object.entries(doc.tasks)) {
    for (const need of [].concat(task.needs ?? [])) edges.push([need, id]);
  }
  return toposort.array(Object.keys(doc.tasks), edges).length;
}

// Run as a script (the command-line floor), not when imported by validate.mjs.
if (process.argv[1] === fileURLToPath(import.meta.url)) floor(readFileSync(process.argv[2], 'utf8'));
