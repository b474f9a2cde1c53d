import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { GitHubApiError } from '../errors/dagline-error.js';
import type {
  Artifact,
  CheckRunOutput,
  GitHubClient,
  IssueComment,
  PullFile,
  Repository,
  WorkflowJob,
  WorkflowRun,
} from './client.js';

type Octokit = ReturnType<typeof getOctokit>;

export interface OctokitClientOptions {
  token: string;
  repository: Repository;
  /** GITHUB_API_URL (GitHub Enterprise, or the offline fake in tests); api.github.com by default. */
  baseUrl?: string;
  /** How often a request hit by a rate limit is tried again before it fails. */
  rateLimitRetries?: number;
}

/**
 * The GitHub client over Octokit, as GitHub's own actions make it (`@actions/github`), with the
 * throttling plugin (waits out primary and secondary rate limits, as GitHub asks of integrations)
 * and the retry plugin (server errors tried again). Every failure becomes a GitHubApiError naming
 * the request and, where the status tells, what to do.
 */
export function octokitClient(options: OctokitClientOptions): GitHubClient {
  const retries = options.rateLimitRetries ?? 2;
  const octokit: Octokit = getOctokit(
    options.token,
    {
      ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
      throttle: {
        onRateLimit: (_after: number, _request: unknown, _octokit: unknown, count: number) => count < retries,
        onSecondaryRateLimit: (_after: number, _request: unknown, _octokit: unknown, count: number) => count < retries,
      },
    },
    throttling,
    retry,
  );
  const { owner, repo } = options.repository;
  const call = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (thrown) {
      throw apiError(what, thrown);
    }
  };

  return {
    repository: options.repository,

    async listWorkflowRuns(workflow, query = {}) {
      const { data } = await call(`list the runs of ${workflow}`, () =>
        octokit.rest.actions.listWorkflowRuns({
          owner,
          repo,
          workflow_id: workflow,
          per_page: query.perPage ?? 30,
          page: query.page ?? 1,
          ...(query.status !== undefined && { status: query.status as 'completed' }),
          ...(query.branch !== undefined && { branch: query.branch }),
          ...(query.event !== undefined && { event: query.event }),
        }),
      );
      return data.workflow_runs.map(toWorkflowRun);
    },

    async getWorkflowRun(runId) {
      const { data } = await call(`read workflow run ${runId}`, () =>
        octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }),
      );
      return toWorkflowRun(data);
    },

    async listJobs(runId, filter = 'latest') {
      const jobs = await call(`list the jobs of workflow run ${runId}`, () =>
        octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
          owner,
          repo,
          run_id: runId,
          filter,
          per_page: 100,
        }),
      );
      return jobs.map((job): WorkflowJob => ({
        id: job.id,
        name: job.name,
        status: job.status,
        conclusion: job.conclusion,
        startedAt: job.started_at ?? null,
        completedAt: job.completed_at ?? null,
        ...(job.run_attempt !== undefined && { runAttempt: job.run_attempt }),
      }));
    },

    async listArtifacts(runId, query = {}) {
      const artifacts = await call(`list the artifacts of workflow run ${runId}`, () =>
        octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
          owner,
          repo,
          run_id: runId,
          per_page: 100,
          ...(query.name !== undefined && { name: query.name }),
        }),
      );
      return artifacts.map((artifact): Artifact => ({
        id: artifact.id,
        name: artifact.name,
        sizeInBytes: artifact.size_in_bytes,
        expired: artifact.expired,
        createdAt: artifact.created_at ?? null,
        ...(typeof artifact.workflow_run?.id === 'number' && { workflowRunId: artifact.workflow_run.id }),
      }));
    },

    async downloadArtifact(artifactId) {
      const { data } = await call(`download artifact ${artifactId}`, () =>
        octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifactId, archive_format: 'zip' }),
      );
      return new Uint8Array(data as ArrayBuffer);
    },

    async createCheckRun(input) {
      const { data } = await call(`create check run "${input.name}"`, () =>
        octokit.rest.checks.create({
          owner,
          repo,
          name: input.name,
          head_sha: input.headSha,
          status: input.status,
          ...(input.externalId !== undefined && { external_id: input.externalId }),
          ...(input.detailsUrl !== undefined && { details_url: input.detailsUrl }),
          ...(input.conclusion !== undefined && { conclusion: input.conclusion }),
          ...(input.status === 'completed' && { completed_at: new Date().toISOString() }),
          ...(input.output !== undefined && { output: toOutput(input.output) }),
        }),
      );
      return { id: data.id, htmlUrl: data.html_url ?? '' };
    },

    async updateCheckRun(checkRunId, input) {
      await call(`update check run ${checkRunId}`, () =>
        octokit.rest.checks.update({
          owner,
          repo,
          check_run_id: checkRunId,
          ...(input.status !== undefined && { status: input.status }),
          ...(input.conclusion !== undefined && { conclusion: input.conclusion }),
          ...(input.status === 'completed' && { completed_at: new Date().toISOString() }),
          ...(input.output !== undefined && { output: toOutput(input.output) }),
        }),
      );
    },

    async dispatchWorkflow(workflow, ref, inputs) {
      const response = await call(`dispatch ${workflow} on ${ref}`, () =>
        octokit.rest.actions.createWorkflowDispatch({
          owner,
          repo,
          workflow_id: workflow,
          ref,
          inputs,
          return_run_details: true,
        }),
      );
      const details = response.data as { workflow_run_id?: number; html_url?: string } | undefined;
      if (details?.workflow_run_id === undefined) {
        throw new GitHubApiError(
          `dispatch ${workflow}: GitHub started the run but did not say which (no run details)`,
          response.status,
          'this GitHub (an older GitHub Enterprise Server?) does not return run details; dispatch with the web UI or gh',
        );
      }
      return { runId: details.workflow_run_id, htmlUrl: details.html_url ?? '' };
    },

    async listIssueComments(issueNumber) {
      const comments = await call(`list the comments of #${issueNumber}`, () =>
        octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 }),
      );
      return comments.map(toComment);
    },

    async createIssueComment(issueNumber, body) {
      const { data } = await call(`comment on #${issueNumber}`, () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
      );
      return toComment(data);
    },

    async updateIssueComment(commentId, body) {
      await call(`update comment ${commentId}`, () =>
        octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body }),
      );
    },

    async deleteIssueComment(commentId) {
      await call(`delete comment ${commentId}`, () =>
        octokit.rest.issues.deleteComment({ owner, repo, comment_id: commentId }),
      );
    },

    async listPullFiles(pullNumber) {
      const files = await call(`list the files of pull request #${pullNumber}`, () =>
        octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 }),
      );
      return files.map((file): PullFile => ({
        filename: file.filename,
        status: file.status,
        ...(file.previous_filename !== undefined && { previousFilename: file.previous_filename }),
      }));
    },
  };
}

interface RawRun {
  id: number;
  run_number: number;
  run_attempt?: number;
  status: string | null;
  conclusion: string | null;
  display_title: string;
  event: string;
  head_sha: string;
  head_branch: string | null;
  created_at: string;
  html_url: string;
  path?: string;
}

function toWorkflowRun(run: RawRun): WorkflowRun {
  return {
    id: run.id,
    runNumber: run.run_number,
    runAttempt: run.run_attempt ?? 1,
    status: run.status ?? 'queued',
    conclusion: run.conclusion,
    title: run.display_title,
    event: run.event,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    createdAt: run.created_at,
    htmlUrl: run.html_url,
    ...(run.path !== undefined && { path: run.path }),
  };
}

function toComment(comment: {
  id: number;
  body?: string;
  user: { login: string } | null;
  html_url: string;
}): IssueComment {
  return { id: comment.id, body: comment.body ?? '', author: comment.user?.login ?? '', htmlUrl: comment.html_url };
}

function toOutput(output: CheckRunOutput) {
  return {
    title: output.title,
    summary: output.summary,
    ...(output.text !== undefined && { text: output.text }),
    ...(output.annotations !== undefined && {
      annotations: output.annotations.map((a) => ({
        path: a.path,
        start_line: a.startLine,
        end_line: a.endLine,
        // GitHub takes columns only on one line.
        ...(a.startLine === a.endLine && a.startColumn !== undefined && { start_column: a.startColumn }),
        ...(a.startLine === a.endLine && a.endColumn !== undefined && { end_column: a.endColumn }),
        annotation_level: a.level,
        message: a.message,
        ...(a.title !== undefined && { title: a.title }),
      })),
    }),
  };
}

/** What failed, GitHub's answer, and the usual fix for the status. */
function apiError(what: string, thrown: unknown): GitHubApiError {
  const status = (thrown as { status?: number }).status;
  const answer = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
  const hints: Record<number, string> = {
    401: 'the token is missing, expired or wrong: set GITHUB_TOKEN (or GH_TOKEN)',
    403: "the token lacks a permission this needs (see docs/github.md, 'Permissions'), or a fork's read-only token",
    404: 'not found, or not visible to this token: check the repository, the workflow file name and the token',
    422: 'GitHub refused the request as sent: check the inputs, the ref and the workflow file',
  };
  return new GitHubApiError(
    `GitHub API: could not ${what}: ${answer}`,
    status,
    status !== undefined ? hints[status] : 'check the network and GITHUB_API_URL',
  );
}
