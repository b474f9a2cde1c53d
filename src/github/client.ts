/**
 * What dagline asks of GitHub, as one small interface (STYLE: GitHub's own state is reached
 * through one client, so a run reads its history the same way from `.dagline/` or from GitHub,
 * and tests put the offline fake behind the same calls). The Octokit implementation is
 * `octokit-client.ts`; nothing else in dagline imports Octokit.
 */

export interface Repository {
  owner: string;
  repo: string;
}

export type WorkflowRunStatus =
  'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending' | 'action_required';

export interface WorkflowRun {
  id: number;
  runNumber: number;
  runAttempt: number;
  status: WorkflowRunStatus | string;
  /** success, failure, cancelled, skipped, timed_out, neutral, action_required, stale; null while running. */
  conclusion: string | null;
  /** The run's `run-name` as GitHub rendered it. */
  title: string;
  event: string;
  headSha: string;
  headBranch: string | null;
  createdAt: string;
  htmlUrl: string;
  /** The workflow file the run comes from (`.github/workflows/x.yml`), when GitHub says. */
  path?: string;
}

export interface WorkflowJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  runAttempt?: number;
}

export interface Artifact {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
  createdAt: string | null;
  workflowRunId?: number;
}

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
  level: AnnotationLevel;
  message: string;
  title?: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  /** At most 50 per request (GitHub's limit): `check-run.ts` sends more in further updates. */
  annotations?: CheckAnnotation[];
}

export type CheckConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface IssueComment {
  id: number;
  body: string;
  /** The login of who wrote it. */
  author: string;
  htmlUrl: string;
}

export interface PullFile {
  filename: string;
  status: string;
  previousFilename?: string;
}

export interface GitHubClient {
  readonly repository: Repository;
  /** Runs of one workflow (its file name, `dagline-x.yml`), newest first; one page. */
  listWorkflowRuns(
    workflow: string,
    options?: { status?: string; branch?: string; event?: string; perPage?: number; page?: number },
  ): Promise<WorkflowRun[]>;
  getWorkflowRun(runId: number): Promise<WorkflowRun>;
  /** The jobs of a run's latest attempt (or of every attempt). */
  listJobs(runId: number, filter?: 'latest' | 'all'): Promise<WorkflowJob[]>;
  listArtifacts(runId: number, options?: { name?: string }): Promise<Artifact[]>;
  /** The artifact's zip archive. */
  downloadArtifact(artifactId: number): Promise<Uint8Array>;
  createCheckRun(input: {
    name: string;
    headSha: string;
    status: 'queued' | 'in_progress' | 'completed';
    externalId?: string;
    detailsUrl?: string;
    conclusion?: CheckConclusion;
    output?: CheckRunOutput;
  }): Promise<{ id: number; htmlUrl: string }>;
  updateCheckRun(
    checkRunId: number,
    input: { status?: 'in_progress' | 'completed'; conclusion?: CheckConclusion; output?: CheckRunOutput },
  ): Promise<void>;
  /** workflow_dispatch; GitHub answers with the new run (`return_run_details`). */
  dispatchWorkflow(
    workflow: string,
    ref: string,
    inputs: Record<string, string>,
  ): Promise<{ runId: number; htmlUrl: string }>;
  listIssueComments(issueNumber: number): Promise<IssueComment[]>;
  createIssueComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateIssueComment(commentId: number, body: string): Promise<void>;
  deleteIssueComment(commentId: number): Promise<void>;
  listPullFiles(pullNumber: number): Promise<PullFile[]>;
}
