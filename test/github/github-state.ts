// What the fake GitHub knows: the repository, its workflows, their runs and jobs, artifacts, check
// runs, pull requests and their comments. The workflow runner writes runs, jobs and artifacts; the
// REST fake reads and writes the rest. Plain records: how GitHub shows them is api-objects.ts.

export type RunStatus = 'queued' | 'pending' | 'waiting' | 'in_progress' | 'completed';
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | 'neutral' | 'timed_out' | 'action_required';

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface RepositoryRecord {
  owner: UserRecord;
  name: string;
  id: number;
  defaultBranch: string;
  private: boolean;
}

export interface WorkflowRecord {
  id: number;
  name: string;
  /** `.github/workflows/x.yml` */
  path: string;
  createdAt: string;
}

export interface PullRequestRef {
  id: number;
  number: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
}

export interface StepRecord {
  name: string;
  number: number;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: Conclusion | null;
  startedAt: string | null;
  completedAt: string | null;
}

/** One job as GitHub lists it: a matrix leg and a called workflow's job are each one. */
export interface JobRecord {
  id: number;
  runId: number;
  attempt: number;
  name: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  createdAt: string;
  startedAt: string;
  completedAt: string | null;
  steps: StepRecord[];
  labels: string[];
  workflowName: string;
  headBranch: string | null;
  headSha: string;
}

export interface RunRecord {
  id: number;
  runNumber: number;
  workflowId: number;
  path: string;
  /** The workflow's `name:` (or its path). */
  name: string;
  /** `run-name:` as GitHub rendered it. */
  displayTitle: string;
  event: string;
  headBranch: string | null;
  headSha: string;
  actor: UserRecord;
  triggeringActor: UserRecord;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  attempt: number;
  /**
   * Jobs of every attempt, each with its own attempt number. Attempt N shows, for each job name,
   * the newest record of attempts <= N: a job a re-run kept is listed with the attempt it ran in.
   */
  jobs: JobRecord[];
  pullRequests: PullRequestRef[];
  checkSuiteId: number;
}

export interface ArtifactRecord {
  id: number;
  name: string;
  runId: number;
  attempt: number;
  /** The job (leg) that uploaded it. */
  jobId: number;
  /** Files by their path inside the artifact (forward slashes, no leading slash). */
  files: Map<string, Buffer>;
  sizeInBytes: number;
  digest: string;
  createdAt: string;
  expiresAt: string;
  /** false when uploaded with `archive: false` (one file, served as it is). */
  archived: boolean;
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  /** Every request that wrote it, in order: what tests assert the handful of requests with. */
  writes: number;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
}

export interface DiffEntryRecord {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  additions: number;
  deletions: number;
  sha: string | null;
  previousFilename?: string;
  patch?: string;
}

export interface PullRequestRecord extends PullRequestRef {
  title: string;
  /** From a fork: its workflow runs get a read-only token and no secrets. */
  fromFork: boolean;
  files: DiffEntryRecord[];
}

/** A fixed clock would hide ordering bugs; a real one with strictly increasing ticks keeps "newest" well defined. */
export class Clock {
  private last = 0;
  now(): string {
    const t = Math.max(Date.now(), this.last + 1);
    this.last = t;
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  /** Milliseconds, strictly increasing: completion order of jobs and legs. */
  tick(): number {
    this.last = Math.max(Date.now(), this.last + 1);
    return this.last;
  }
}

export class GitHubState {
  readonly clock = new Clock();
  readonly workflows: WorkflowRecord[] = [];
  readonly runs: RunRecord[] = [];
  readonly artifacts: ArtifactRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly comments: CommentRecord[] = [];
  readonly pullRequests: PullRequestRecord[] = [];
  /** Ids from one counter, as GitHub's are unique across kinds in practice; they only grow, so "newest" is "largest". */
  private lastId = 1000;

  constructor(readonly repository: RepositoryRecord) {}

  nextId(): number {
    this.lastId += 1 + (this.lastId % 7); // not consecutive: code that assumes id + 1 is the next fails
    return this.lastId;
  }

  workflow(idOrFile: string | number): WorkflowRecord | undefined {
    return this.workflows.find(
      (w) => w.id === Number(idOrFile) || w.path === idOrFile || w.path.split('/').pop() === idOrFile,
    );
  }

  workflowFor(path: string): WorkflowRecord {
    let workflow = this.workflows.find((w) => w.path === path);
    if (!workflow) {
      workflow = { id: this.nextId(), name: path, path, createdAt: this.clock.now() };
      this.workflows.push(workflow);
    }
    return workflow;
  }

  run(id: number): RunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }
}
