import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubHarness } from '../github/harness.js';
import { compiledHarness, FIRST_BUNDLE_TIMEOUT } from './action-repo.js';

const PIPELINE = `name: small
params:
  who: { type: string, default: world }
tasks:
  hello:
    run: |
      echo "::set-output name=greeting::pwned"
      echo "::error file=x.yml,line=1::injected"
      echo "greeting=hello \${{ params.who }}" >> "$DAGLINE_OUTPUT"
      echo "::add-mask::s3cr3t-value"
      echo "the secret is s3cr3t-value"
      mkdir -p out && echo "made by hello" > out/hello.txt
      seen=$(env | cut -d= -f1 | grep -E '^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|GITHUB_(OUTPUT|ENV|PATH|STATE|STEP_SUMMARY)$)' | sort | tr '\\n' ' ' || true)
      echo "step-variables=[$seen]" >> "$DAGLINE_OUTPUT"
    outputs: [greeting, step-variables]
    produces: [{ path: out/hello.txt }]
  legs:
    needs: [hello]
    matrix: { n: [1, 2] }
    run: echo "value=\${{ matrix.n }}:\${{ needs.hello.outputs.greeting }}" >> "$DAGLINE_OUTPUT"
    outputs: [value]
  sum:
    needs: [legs]
    run: echo "all=$DAGLINE_NEEDS_LEGS_LEGS" >> "$DAGLINE_OUTPUT"
    outputs: [all]
  use:
    needs: [hello]
    consumes: [{ path: out/hello.txt }]
    run: echo "read=$(cat out/hello.txt)" >> "$DAGLINE_OUTPUT"
    outputs: [read]
`;

describe('the action: run-task', { timeout: 300_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness({ 'pipelines/small.yml': PIPELINE }, ['pipelines/small.yml']);
  });
  afterAll(() => gh.close());

  it(
    "runs each task in its job: outputs as job outputs, every leg's outputs to a dependent, extracts between jobs, no workflow command from a task",
    async () => {
      const before = gh.api.requests.length;
      const run = await (await gh.dispatch('dagline-small.yml', { inputs: { who: 'octo' } })).execute();
      expect(run.conclusion).toBe('success');
      const hello = run.job('hello');
      // The task saw none of the step's own: its inputs (the token), runtime tokens, step files.
      expect(hello.outputs).toEqual({ greeting: 'hello octo', 'step-variables': '[]' });
      // What the task printed reached the log, but none of it was a workflow command.
      const log = hello.legs[0]!.log.join('\n');
      expect(log).toContain('[hello] ::set-output name=greeting::pwned');
      expect(log).toContain('[hello] ::error file=x.yml,line=1::injected');
      expect(hello.legs[0]!.annotations.map((a) => a.message)).not.toContain('injected');
      // The value the task masked is masked in the job log and in the uploaded log and record.
      expect(log).toContain('the secret is ***');
      expect(log).not.toContain('s3cr3t-value');

      const key = `gh-${run.id}`;
      const names = run.artifacts.map((a) => a.name).sort();
      expect(names).toEqual(
        [
          `dagline-extract--${key}--hello-----a1`,
          `dagline-run--${key}--a1`,
          `dagline-task--${key}--hello-----a1`,
          ...run
            .job('legs')
            .legs.map(() => expect.stringMatching(new RegExp(`^dagline-task--${key}--legs--[0-9a-f]{12}--a1$`))),
          `dagline-task--${key}--sum-----a1`,
          `dagline-task--${key}--use-----a1`,
        ].sort((a, b) => (typeof a === 'string' && typeof b === 'string' ? (a < b ? -1 : 1) : 0)),
      );
      const helloRecord = run.artifacts.find((a) => a.name === `dagline-task--${key}--hello-----a1`)!;
      const logText = helloRecord.files.get('log.txt')!.toString();
      expect(logText).toContain('the secret is ***');
      expect(logText + helloRecord.files.get('task.json')!.toString()).not.toContain('s3cr3t-value');
      const record = JSON.parse(helloRecord.files.get('task.json')!.toString()) as Record<string, unknown>;
      expect(record).toMatchObject({
        runKey: key,
        pipeline: 'small',
        runAttempt: 1,
        state: { task: 'hello', leg: 'hello', status: 'success', outputs: { greeting: 'hello octo' } },
        extracts: [{ path: 'out/hello.txt', name: 'hello.txt', status: 'ready' }],
      });

      // A matrix job's outputs on GitHub are one leg's: the dependent reads every leg's from the records.
      const all = JSON.parse(run.job('sum').outputs.all!) as Record<string, { outputs: { value: string } }>;
      expect(Object.fromEntries(Object.entries(all).map(([leg, v]) => [leg, v.outputs.value]))).toEqual({
        'legs (1)': '1:hello octo',
        'legs (2)': '2:hello octo',
      });
      expect(run.job('use').outputs).toEqual({ read: 'made by hello' });

      // REST: the check run, then the one consumed extract (found by name, downloaded); nothing per task.
      expect(gh.api.requests.slice(before).map((r) => r.operationId)).toEqual([
        'checks/create',
        'actions/list-workflow-run-artifacts',
        'actions/download-artifact',
        'checks/update',
      ]);
    },
    FIRST_BUNDLE_TIMEOUT,
  );
});
