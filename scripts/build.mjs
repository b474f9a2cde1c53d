// Builds the committed bundles with @vercel/ncc: dist/cli/ (the CLI: main.cjs and
// one chunk per group of commands, `N.index.js`, which main.cjs loads when a command
// needs it) and dist/index.js (the GitHub Action, one file); copies dist/cli.js (the
// `dagline` binary, src/cli/bin.cjs, which turns on Node's compile cache and loads
// the CLI bundle); then writes the JSON Schema for editors. CI runs it on a clean
// clone and fails if anything changed.
//
// Every file is CommonJS, and dist/package.json says so: Node starts a CommonJS
// entry without loading its ES module loader.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundles = [
  // The CLI imports each command when it runs (src/cli/main.ts): ncc writes those as chunks.
  { entry: 'src/cli/index.ts', out: 'dist/cli/main.cjs', chunks: true },
  { entry: 'src/action/index.ts', out: 'dist/index.js', chunks: false },
];

// The JSON Schema for editors, from the zod schema (src/pipeline-format/schema.ts).
const { code: schemaCode } = await ncc(join(root, 'src/pipeline-format/schema.ts'), {
  quiet: true,
  target: 'es2022',
  esm: false,
  cache: false,
});
const schemaModule = { exports: {} };
new Function('module', 'exports', 'require', '__filename', '__dirname', schemaCode)(
  schemaModule,
  schemaModule.exports,
  createRequire(import.meta.url),
  '',
  '',
);
const jsonSchema = schemaModule.exports.pipelineJsonSchema();

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
    // No cache: ncc's cache (in ~/.cache/ncc, shared by every checkout) does not key on `esm`,
    // and a bundle built after an ES module build of the same files came out half ES module.
    cache: false,
  });
  // ncc may add a package.json; dist/package.json is written below.
  const extra = Object.entries(assets ?? {}).filter(([name]) => name !== 'package.json');
  const chunks = extra.filter(([name]) => bundle.chunks && /^\d+\.index\.js$/.test(name));
  const unexpected = extra.filter((asset) => !chunks.includes(asset)).map(([name]) => name);
  if (unexpected.length > 0) throw new Error(`${bundle.entry}: unexpected assets ${unexpected.join(', ')}`);
  outputs.push({ out: bundle.out, code });
  for (const [name, asset] of chunks) outputs.push({ out: join(dirname(bundle.out), name), code: asset.source });
}
outputs.push({ out: 'dist/cli.js', code: readFileSync(join(root, 'src/cli/bin.cjs'), 'utf8'), executable: true });
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/package.json'), '{\n  "type": "commonjs"\n}\n');
for (const output of outputs) {
  const file = join(root, output.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, output.code);
  if (output.executable) chmodSync(file, 0o755);
}

// The same JSON Schema, for editors (what `dagline schema` prints).
mkdirSync(join(root, 'schema'), { recursive: true });
writeFileSync(join(root, 'schema/pipeline.schema.json'), `${JSON.stringify(jsonSchema, null, 2)}\n`);
console.log('built dist/cli.js, dist/cli/, dist/index.js, dist/package.json and schema/pipeline.schema.json');
