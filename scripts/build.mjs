// Builds the committed bundles with @vercel/ncc: dist/cli.js (the `dagline`
// binary: a small launcher), dist/cli-main.cjs (the CLI it runs through V8's code
// cache) and dist/index.js (the GitHub Action), then writes the JSON Schema for
// editors. CI runs it on a clean clone and fails if anything changed.
//
// Every bundle is CommonJS, and dist/package.json says so: V8's code cache takes
// scripts, not ES modules, and Node starts a CommonJS entry without loading its ES
// module loader (~10 ms of every start, measured).
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundles = [
  { entry: 'src/cli/launcher.ts', out: 'dist/cli.js', shebang: true },
  { entry: 'src/cli/index.ts', out: 'dist/cli-main.cjs', shebang: false },
  { entry: 'src/action/index.ts', out: 'dist/index.js', shebang: false },
];

// Compile everything first: a failed build leaves the committed dist/ as it was.
const outputs = [];
for (const bundle of bundles) {
  const { code, assets } = await ncc(join(root, bundle.entry), {
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2022',
    license: '',
    esm: false,
  });
  // ncc may add a package.json; dist/package.json is written below.
  const extra = Object.keys(assets ?? {}).filter((name) => name !== 'package.json');
  if (extra.length > 0) throw new Error(`${bundle.entry}: unexpected assets ${extra.join(', ')}`);
  outputs.push({ ...bundle, code: bundle.shebang ? `#!/usr/bin/env node\n${code}` : code });
}
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/package.json'), '{\n  "type": "commonjs"\n}\n');
for (const output of outputs) {
  const file = join(root, output.out);
  writeFileSync(file, output.code);
  if (output.shebang) chmodSync(file, 0o755);
}

const schema = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'schema'], { encoding: 'utf8' });
mkdirSync(join(root, 'schema'), { recursive: true });
writeFileSync(join(root, 'schema/pipeline.schema.json'), schema);
console.log('built dist/cli.js, dist/cli-main.cjs, dist/index.js, dist/package.json and schema/pipeline.schema.json');
