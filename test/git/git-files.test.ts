import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFiles, existsAt, hasCommit } from '../../src/git/git-files.js';

/** A repository where `topic` left `main`, and `main` moved on afterwards. */
describe('files as git has them', () => {
  let repo: string;
  let base: string;
  let mainNow: string;
  let topic: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
  };

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'dagline-git-files-'));
    git('init', '-q', '-b', 'main');
    write({
      'pipelines/a.yml': 'name: a\ntasks:\n  x: { run: echo a }\n',
      'pipelines/old-name.yml': 'name: b\ntasks:\n  t: { run: echo one two three four five }\n',
      'pipelines/gone.yml': 'name: gone\ntasks:\n  x: { run: echo gone }\n',
    });
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    base = git('rev-parse', 'HEAD');
    git('checkout', '-q', '-b', 'topic');
    write({ 'pipelines/a.yml': 'name: a\ntasks:\n  x: { run: echo changed }\n', 'pipelines/new.yml': 'name: n\n' });
    git('mv', 'pipelines/old-name.yml', 'pipelines/new-name.yml');
    git('rm', '-q', 'pipelines/gone.yml');
    git('add', '.');
    git('commit', '-q', '-m', 'topic');
    topic = git('rev-parse', 'HEAD');
    git('checkout', '-q', 'main');
    write({ 'pipelines/main-only.yml': 'name: m\n' });
    git('add', '.');
    git('commit', '-q', '-m', 'main moves on');
    mainNow = git('rev-parse', 'HEAD');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('lists what the topic changed since it left main, not what main gained since (base...head)', () => {
    const files = changedFiles(mainNow, topic, repo);
    expect(files.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'pipelines/a.yml', status: 'modified' },
      { path: 'pipelines/gone.yml', status: 'removed' },
      { path: 'pipelines/new-name.yml', status: 'renamed', previousPath: 'pipelines/old-name.yml' },
      { path: 'pipelines/new.yml', status: 'added' },
    ]);
    expect(changedFiles(base, base, repo)).toEqual([]);
  });

  it('says whether a commit and a file at a commit exist, refusing what git would read as an option', () => {
    expect(hasCommit(base, repo)).toBe(true);
    expect(hasCommit('0'.repeat(40), repo)).toBe(false);
    expect(hasCommit('--all', repo)).toBe(false);
    expect(existsAt(topic, 'pipelines/new.yml', repo)).toBe(true);
    expect(existsAt(base, 'pipelines/new.yml', repo)).toBe(false);
    expect(() => changedFiles('--output=x', topic, repo)).toThrow(/not a git revision/);
  });
});
