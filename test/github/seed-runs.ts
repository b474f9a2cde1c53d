// Runs of a pipeline's compiled workflow put straight into the REST fake's state, as GitHub would
// hold them after they ran: for tests of the history (run-history.test.ts) and the requests
// benchmark (bench/github.mjs), which need a long history without running it.
import { runArtifactName } from '../../src/github/workflow-contract.js';
import type { RunRecord as DaglineRecord, RunStatus as DaglineStatus } from '../../src/state/run-record.js';
import type { Conclusion, GitHubState, RunRecord } from './github-state.js';

export interface SeededRun {
  /** GitHub's conclusion (null: still queued or running). */
  conclusion: Conclusion | null;
  status?: 'queued' | 'in_progress' | 'completed';
  attempt?: number;
  /** The run record report uploaded (none: report did not run). */
  record?: Partial<DaglineRecord> & { status: DaglineStatus };
}

/** Runs of `dagline-<pipeline>.yml`, oldest first; their ids. */
export function seedRuns(state: GitHubState, pipeline: string, runs: SeededRun[]): number[] {
  const workflow = state.workflowFor(`.github/workflows/dagline-${pipeline}.yml`);
  workflow.name = `dagline / ${pipeline}`;
  return runs.map((seeded) => {
    const at = state.clock.now();
    const id = state.nextId();
    const attempt = seeded.attempt ?? 1;
    const run: RunRecord = {
      id,
      runNumber: state.runs.filter((r) => r.workflowId === workflow.id).length + 1,
      workflowId: workflow.id,
      path: workflow.path,
      name: workflow.name,
      displayTitle: workflow.name,
      event: 'workflow_dispatch',
      headBranch: 'main',
      headSha: 'a'.repeat(40),
      actor: state.repository.owner,
      triggeringActor: state.repository.owner,
      createdAt: at,
      updatedAt: at,
      runStartedAt: at,
      status: seeded.status ?? (seeded.conclusion === null ? 'in_progress' : 'completed'),
      conclusion: seeded.conclusion,
      attempt,
      jobs: [],
      pullRequests: [],
      checkSuiteId: state.nextId(),
    };
    state.runs.push(run);
    if (seeded.record) {
      const key = `gh-${id}`;
      const record: DaglineRecord = {
        id: key,
        pipeline,
        file: `pipelines/${pipeline}.yml`,
        sources: [],
        targets: [],
        actor: 'octocat',
        trigger: 'dispatch',
        params: {},
        startedAt: at,
        endedAt: at,
        sha256: 'b'.repeat(64),
        process: { pid: 1, host: 'runner' },
        resumes: 0,
        ...seeded.record,
      };
      const recordedAttempt = seeded.status === 'completed' || seeded.conclusion !== null ? attempt : attempt - 1;
      const files = new Map<string, Buffer>([
        [`runs/${key}/run.json`, Buffer.from(JSON.stringify(record))],
        [`runs/${key}/tasks.json`, Buffer.from('{"tasks":{},"errors":[]}')],
        [`runs/${key}/pipeline.yml`, Buffer.from(`name: ${pipeline}\n`)],
      ]);
      state.artifacts.push({
        id: state.nextId(),
        name: runArtifactName(key, recordedAttempt),
        runId: id,
        attempt: recordedAttempt,
        jobId: state.nextId(),
        files,
        sizeInBytes: [...files.values()].reduce((n, b) => n + b.length, 0),
        digest: `sha256:${'c'.repeat(64)}`,
        createdAt: at,
        expiresAt: '2099-01-01T00:00:00Z',
        archived: true,
      });
    }
    return id;
  });
}
