import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWith } from './run-cli.js';

/** A repository in a temporary folder with these files; runs of it keep their store in its .dagline. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-store-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The command line in-process, its tasks with this machine's PATH. */
const dagline = (...argv: string[]) => cliWith({ PATH: process.env.PATH ?? '' }, ...argv);

const DAILY = `
name: daily
params: { day: { type: string, default: "1" } }
tasks:
  extract: { outputs: [rows], run: 'echo "rows=\${{ params.day }}" >> "$DAGLINE_OUTPUT"' }
  load: { needs: [extract], run: 'echo "loading \${{ needs.extract.outputs.rows }}"' }
`;

describe('outputs reused from an earlier run', () => {
  it('are said as the run starts, shown by runs show, and refused in one line (exit 2) when that run had other params', async () => {
    const dir = repo({ 'daily.yml': DAILY });
    const file = join(dir, 'daily.yml');
    const store = ['--state-dir', join(dir, '.dagline')];
    const full = await dagline('run', file, '-p', 'day=1');
    expect(full.code).toBe(0);
    const fullId = /run (daily-\S+):/.exec(full.stdout)?.[1] as string;

    const part = await dagline('run', file, '-p', 'day=1', '--only', 'load');
    expect(part.code).toBe(0);
    expect(part.stdout).toContain(
      `\n[dagline] extract: left out of this run; its outputs are those of run ${fullId}\n`,
    );
    expect(part.stdout).toContain('\n[load] loading 1\n');
    expect(part.stdout).toMatch(new RegExp(`\\nextract +skipped \\(not selected, outputs of run ${fullId}\\) +0 `));
    const partId = /run (daily-\S+):/.exec(part.stdout)?.[1] as string;
    const shown = await dagline('runs', 'show', partId, ...store);
    expect(shown.stdout).toMatch(new RegExp(`\\nextract +skipped \\(not selected, outputs of run ${fullId}\\) +0 `));
    const json = JSON.parse((await dagline('runs', 'show', partId, '--format', 'json', ...store)).stdout) as {
      tasks: Record<string, { outputsFrom?: string }>;
    };
    expect(json.tasks.extract!.outputsFrom).toBe(fullId);

    const refused = await dagline('run', file, '-p', 'day=2', '--only', 'load');
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: extract is left out of this run, and the run its outputs would come from, ${fullId}, had other params (day=1 there, 2 here) (give the params that run had, or run extract too: \`--only +load\` runs load with what it needs)\n`,
    });
    expect((await dagline('runs', 'daily', ...store)).stdout.trimEnd().split('\n')).toHaveLength(3); // a header, two runs
  });
});
