// dagline's own action, as a runner runs it: action.yml from the working tree, and dist/index.js
// freshly bundled with ncc from src/action/index.ts (never the committed dist/, which may lag the
// sources). The bundle is cached by a hash of what goes into it (src/, action.yml, the lock file),
// so a test run builds it at most once, and parallel test files share one build.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else hash.update(path.slice(REPOSITORY_ROOT.length)).update(readFileSync(path));
  }
}

let building: Promise<string> | undefined;

function buildInBackground(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, ...args], {
      cwd: REPOSITORY_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc could not bundle src/action/index.ts:\n${stderr}`)),
    );
  });
}

/** The folder of the action as built from the working tree: action.yml and dist/index.js. */
export function daglineActionFolder(): Promise<string> {
  building ??= Promise.resolve().then(async () => {
    const hash = createHash('sha256');
    hashTree(hash, join(REPOSITORY_ROOT, 'src'));
    for (const file of ['action.yml', 'package-lock.json']) hash.update(readFileSync(join(REPOSITORY_ROOT, file)));
    const key = hash.digest('hex').slice(0, 20);
    const folder = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'dagline-github-harness', `action-${key}`);
    if (existsSync(join(folder, 'dist', 'index.js'))) return folder;
    // Build beside, then rename: a parallel build of the same sources loses the race harmlessly.
    const temporary = `${folder}.${process.pid}.${Date.now()}`;
    mkdirSync(join(temporary, 'dist'), { recursive: true });
    const script = `
const ncc = require('@vercel/ncc');
const { writeFileSync } = require('node:fs');
ncc(process.argv[1], { minify: false, sourceMap: false, quiet: true, target: 'es2022', esm: false, cache: false, license: '' })
  .then(({ code }) => writeFileSync(process.argv[2], code))
  .catch((error) => { console.error(error); process.exit(1); });
`;
    // In a child process, asynchronously: the tests of the file go on while it builds.
    await buildInBackground(script, [
      join(REPOSITORY_ROOT, 'src/action/index.ts'),
      join(temporary, 'dist', 'index.js'),
    ]);
    writeFileSync(join(temporary, 'dist', 'package.json'), '{\n  "type": "commonjs"\n}\n');
    cpSync(join(REPOSITORY_ROOT, 'action.yml'), join(temporary, 'action.yml'));
    try {
      renameSync(temporary, folder);
    } catch {
      rmSync(temporary, { recursive: true, force: true });
    }
    return folder;
  });
  return building;
}

export interface NodeActionMetadata {
  folder: string;
  /** Input name -> default (undefined: none); `required` inputs without a value fail in the action itself. */
  inputs: Record<string, { default: string | undefined; required: boolean }>;
  outputs: string[];
  using: string;
  main: string;
}

/** The runtimes GitHub's runners run JavaScript actions with (node20 is being removed in 2026). */
export const NODE_RUNTIMES = ['node20', 'node24'];

export function readActionMetadata(folder: string): NodeActionMetadata {
  const doc = parse(readFileSync(join(folder, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown; required?: boolean }>;
    outputs?: Record<string, unknown>;
    runs?: { using?: string; main?: string; pre?: string; post?: string };
  };
  const runs = doc.runs ?? {};
  if (!runs.using || !NODE_RUNTIMES.includes(runs.using))
    throw new Error(
      `action.yml: runs.using "${runs.using}" is not a JavaScript runtime runners have (${NODE_RUNTIMES.join(', ')})`,
    );
  if (runs.pre || runs.post) throw new Error('action.yml: pre and post scripts are not emulated');
  if (!runs.main) throw new Error('action.yml: runs.main is missing');
  return {
    folder,
    inputs: Object.fromEntries(
      Object.entries(doc.inputs ?? {}).map(([name, input]) => [
        name,
        {
          default: input?.default === undefined ? undefined : String(input.default),
          required: input?.required === true,
        },
      ]),
    ),
    outputs: Object.keys(doc.outputs ?? {}),
    using: runs.using,
    main: runs.main,
  };
}
