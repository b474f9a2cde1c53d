import { describe, expect, it } from 'vitest';
import { showRun } from '../../src/cli/commands/runs.js';
import { Repo } from '../run/harness.js';

async function shown(repo: Repo, id: string): Promise<string> {
  let text = '';
  await showRun(repo.store, id, 'text', { out: (t) => void (text += String(t)), err: () => {}, env: {} });
  return text;
}

describe('dagline runs show', () => {
  it("shows a run's concurrency group, with its control characters escaped, and the part of the pipeline it ran", async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'p.yml',
      "name: grouped\nparams: { day: { type: string, default: d1 } }\nconcurrency: 'g-${{ params.day }}'\ntasks:\n  a: { run: 'true' }\n  b: { needs: [a], run: 'true' }\n",
    );
    const outcome = await repo.run(p, { params: { day: 'd2\u001b[31m' }, selection: { only: ['b'] } });
    const text = await shown(repo, outcome.record!.id);
    expect(text).toContain('\ngroup     g-d2\\x1b[31m\npart      only b\n');
    expect(text).not.toContain('release');
  });
});
