// The same layered DAG for the peers of bench/local.mjs, each in its own
// workspace under the run's folder, every task running the same command, caches off, at the
// same concurrency. A peer is offered only where it is installed in bench/node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layeredDag } from './generate-layered.mjs';

function timed(command, args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
    timeout: 180_000,
    ...options,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`exited ${result.status}: ${String(result.stderr || result.stdout).slice(-400)}`);
  return ms;
}

function workspace(dir, benchModules, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof text === 'string' ? text : JSON.stringify(text, null, 2));
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(benchModules, join(dir, 'node_modules'));
}

/** The peers installed, each with a `run()` that times one run of the DAG. */
export function peers(benchDir, runDir, count, concurrency, command = 'true') {
  const modules = join(benchDir, 'node_modules');
  const bin = (name) => join(modules, '.bin', name);
  const dag = layeredDag(count);
  const ids = dag.map((t) => t.id);
  const scripts = Object.fromEntries(ids.map((id) => [id, command]));
  const env = {
    ...process.env,
    CI: 'true',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
  };
  const found = [];

  if (existsSync(bin('wireit'))) {
    const dir = join(runDir, 'wireit');
    const wireit = Object.fromEntries(
      dag.map((t) => [t.id, { command, ...(t.needs.length && { dependencies: t.needs }) }]),
    );
    wireit.all = { dependencies: ids };
    workspace(dir, modules, {
      'package.json': {
        name: 'bench-wireit',
        private: true,
        scripts: { all: 'wireit', ...Object.fromEntries(ids.map((id) => [id, 'wireit'])) },
        wireit,
      },
    });
    found.push({
      name: 'wireit',
      run: () =>
        timed('npm', ['run', '--silent', 'all'], {
          cwd: dir,
          env: { ...env, WIREIT_PARALLEL: String(concurrency), WIREIT_CACHE: 'none', WIREIT_LOGGER: 'quiet' },
        }),
    });
  }

  // turbo, lage and nx work on packages of a monorepo: one package whose scripts are the tasks.
  const monorepo = (name) => ({
    'package.json': { name: `bench-${name}`, private: true, workspaces: ['pkg'], packageManager: 'npm@10.9.0' },
    'pkg/package.json': { name: 'pkg', version: '1.0.0', scripts },
    '.gitignore': 'node_modules\n',
  });
  // lage and turbo ask git what changed: give them a repository with one commit.
  const commit = (dir) => {
    const git = (...args) =>
      spawnSync('git', args, {
        cwd: dir,
        stdio: 'ignore',
        env: {
          ...env,
          GIT_AUTHOR_NAME: 'bench',
          GIT_AUTHOR_EMAIL: 'bench@localhost',
          GIT_COMMITTER_NAME: 'bench',
          GIT_COMMITTER_EMAIL: 'bench@localhost',
        },
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'bench');
  };

  if (existsSync(bin('turbo'))) {
    const dir = join(runDir, 'turbo');
    const tasks = Object.fromEntries(dag.map((t) => [t.id, { cache: false, outputs: [], dependsOn: t.needs }]));
    workspace(dir, modules, {
      ...monorepo('turbo'),
      'turbo.json': { $schema: 'https://turbo.build/schema.json', tasks },
    });
    spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--package-lock-only'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    commit(dir);
    found.push({
      name: 'turbo',
      run: () =>
        timed(bin('turbo'), ['run', ...ids, `--concurrency=${concurrency}`, '--output-logs=none', '--no-daemon'], {
          cwd: dir,
          env,
        }),
    });
  }

  if (existsSync(bin('lage'))) {
    const dir = join(runDir, 'lage');
    const pipeline = Object.fromEntries(dag.map((t) => [t.id, t.needs]));
    workspace(dir, modules, {
      ...monorepo('lage'),
      'lage.config.js': `module.exports = ${JSON.stringify({ pipeline, npmClient: 'npm', cache: false })};\n`,
    });
    spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--package-lock-only'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    commit(dir);
    found.push({
      name: 'lage',
      run: () =>
        timed(bin('lage'), [...ids, '--concurrency', String(concurrency), '--no-cache', '--reporter', 'json'], {
          cwd: dir,
          env,
        }),
    });
  }

  if (existsSync(bin('nx'))) {
    const dir = join(runDir, 'nx');
    const targets = Object.fromEntries(dag.map((t) => [t.id, { dependsOn: t.needs, cache: false }]));
    const files = monorepo('nx');
    files['pkg/package.json'] = { ...files['pkg/package.json'], nx: { targets } };
    workspace(dir, modules, {
      ...files,
      'nx.json': { $schema: './node_modules/nx/schemas/nx-schema.json', useDaemonProcess: false },
    });
    commit(dir);
    found.push({
      name: 'nx',
      run: () =>
        timed(
          bin('nx'),
          ['run-many', '-t', ids.join(','), `--parallel=${concurrency}`, '--skip-nx-cache', '--outputStyle=static'],
          { cwd: dir, env },
        ),
    });
  }
  return found;
}
