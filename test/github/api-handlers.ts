// The fake's answers, one handler per REST operation dagline calls. Add an operation by adding a
// handler here (or, for one test, with `gh.api.handle(operationId, handler)`): the request and the
// response are checked against GitHub's description whatever the handler does.
import {
  annotationObject,
  artifactObject,
  checkRunObject,
  commentObject,
  diffEntryObject,
  jobObject,
  workflowObject,
  workflowRunObject,
  type Urls,
} from './api-objects.js';
import {
  errorBody,
  notFound,
  paginate,
  unprocessable,
  type ApiRequest,
  type ApiResponse,
  type FakeGitHubApi,
  type Json,
} from './fake-github-api.js';
import type {
  AnnotationRecord,
  ArtifactRecord,
  CheckRunRecord,
  Conclusion,
  JobRecord,
  RunRecord,
  RunStatus,
  UserRecord,
  WorkflowRecord,
} from './github-state.js';

/** A request GitHub refuses with a message (a 422 for a dispatch whose inputs do not hold). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the handlers need from the rest of the harness. */
export interface ApiHooks {
  /** Creates (and, unless held, starts) a run of a workflow_dispatch; throws ApiRefusal when GitHub would refuse. */
  dispatch(
    workflow: WorkflowRecord,
    ref: string,
    inputs: Record<string, Json>,
    actor: UserRecord,
  ): Promise<RunRecord> | RunRecord;
  /** Cancels a queued or running run. */
  cancel(run: RunRecord): void;
  /** Whether a commit is in the repository (check runs name one). */
  commitExists(sha: string): boolean;
  /** The zip GitHub serves for an artifact. */
  artifactZip(artifact: ArtifactRecord): Buffer;
  /** The user a token acts as. */
  actorOf(holder: string): UserRecord;
}

function urlsOf(api: FakeGitHubApi, request: ApiRequest): Urls {
  return { api: request.baseUrl, repository: api.state.repository };
}

/** Runs matching the list filters GitHub offers, newest first. */
function filterRuns(runs: RunRecord[], params: Record<string, Json>): RunRecord[] {
  let result = [...runs].sort((a, b) => b.id - a.id);
  if (params.actor !== undefined) result = result.filter((r) => r.actor.login === params.actor);
  if (params.branch !== undefined) result = result.filter((r) => r.headBranch === params.branch);
  if (params.event !== undefined) result = result.filter((r) => r.event === params.event);
  if (params.head_sha !== undefined) result = result.filter((r) => r.headSha === params.head_sha);
  if (params.check_suite_id !== undefined) result = result.filter((r) => r.checkSuiteId === params.check_suite_id);
  if (params.status !== undefined) {
    const wanted = String(params.status);
    result = result.filter((r) => r.status === wanted || r.conclusion === wanted);
  }
  if (params.created !== undefined) result = result.filter((r) => inDateRange(r.createdAt, String(params.created)));
  return result;
}

/** GitHub's date search syntax: `>=D`, `<=D`, `>D`, `<D`, `D..D`, or one day. */
function inDateRange(iso: string, range: string): boolean {
  const t = Date.parse(iso);
  const day = (d: string, end: boolean) =>
    Date.parse(d.length <= 10 ? `${d}T${end ? '23:59:59.999' : '00:00:00'}Z` : d);
  let m: RegExpMatchArray | null;
  if ((m = range.match(/^(.+)\.\.(.+)$/))) return t >= day(m[1]!, false) && t <= day(m[2]!, true);
  if ((m = range.match(/^>=(.+)$/))) return t >= day(m[1]!, false);
  if ((m = range.match(/^<=(.+)$/))) return t <= day(m[1]!, true);
  if ((m = range.match(/^>(.+)$/))) return t > day(m[1]!, true);
  if ((m = range.match(/^<(.+)$/))) return t < day(m[1]!, false);
  return t >= day(range, false) && t <= day(range, true);
}

/** The jobs attempt N shows: per job name the newest record of attempts up to N. */
export function jobsOfAttempt(run: RunRecord, attempt: number): JobRecord[] {
  const latest = new Map<string, JobRecord>();
  for (const job of run.jobs) {
    if (job.attempt > attempt) continue;
    const seen = latest.get(job.name);
    if (!seen || seen.attempt < job.attempt) latest.set(job.name, job);
  }
  return run.jobs.filter((job) => latest.get(job.name) === job);
}

function runOf(api: FakeGitHubApi, request: ApiRequest): RunRecord | undefined {
  return api.state.run(Number(request.params.run_id));
}

function checkRunOf(api: FakeGitHubApi, request: ApiRequest): CheckRunRecord | undefined {
  return api.state.checkRuns.find((c) => c.id === Number(request.params.check_run_id));
}

type CheckRunBody = {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: RunStatus;
  started_at?: string;
  conclusion?: Conclusion;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: AnnotationRecord[] };
};

/** Applies a create or update body to a check run, with GitHub's rules on status and conclusion. */
function writeCheckRun(api: FakeGitHubApi, check: CheckRunRecord, body: CheckRunBody): ApiResponse | undefined {
  if (body.completed_at !== undefined && body.conclusion === undefined && check.conclusion === null)
    return unprocessable('conclusion is required when completed_at is given');
  if (body.status === 'completed' && body.conclusion === undefined && check.conclusion === null)
    return unprocessable('conclusion is required when status is completed');
  if (body.output && (body.output.title === undefined || body.output.summary === undefined))
    return unprocessable('output needs a title and a summary');
  for (const annotation of body.output?.annotations ?? []) {
    if (annotation.start_line > annotation.end_line) return unprocessable('an annotation ends before it starts');
    if (
      (annotation.start_column !== undefined || annotation.end_column !== undefined) &&
      annotation.start_line !== annotation.end_line
    )
      return unprocessable('start_column and end_column are only for annotations on one line');
  }
  if (body.name !== undefined) check.name = body.name;
  if (body.details_url !== undefined) check.detailsUrl = body.details_url;
  if (body.external_id !== undefined) check.externalId = body.external_id;
  if (body.started_at !== undefined) check.startedAt = body.started_at;
  if (body.status !== undefined) check.status = body.status;
  if (body.conclusion !== undefined) {
    check.conclusion = body.conclusion;
    check.status = 'completed';
    check.completedAt = body.completed_at ?? api.state.clock.now();
  }
  if (check.status === 'in_progress' && check.startedAt === null) check.startedAt = api.state.clock.now();
  if (body.output) {
    check.output = {
      title: body.output.title ?? check.output.title,
      summary: body.output.summary ?? check.output.summary,
      text: body.output.text ?? check.output.text,
    };
    // Annotations are appended, 50 at most per request (the description's maxItems).
    check.annotations.push(...(body.output.annotations ?? []));
  }
  check.writes += 1;
  return undefined;
}

export function registerHandlers(api: FakeGitHubApi, hooks: ApiHooks): void {
  const state = api.state;

  api.handle('actions/list-repo-workflows', (request) => {
    const { page, headers } = paginate(state.workflows, request);
    return {
      status: 200,
      headers,
      body: {
        total_count: state.workflows.length,
        workflows: page.map((w) => workflowObject(urlsOf(api, request), w)),
      },
    };
  });

  api.handle('actions/get-workflow', (request) => {
    const workflow = state.workflow(String(request.params.workflow_id));
    return workflow ? { status: 200, body: workflowObject(urlsOf(api, request), workflow) } : notFound();
  });

  const listRuns = (request: ApiRequest, runs: RunRecord[]): ApiResponse => {
    const filtered = filterRuns(runs, request.params);
    const { page, headers } = paginate(filtered, request);
    const urls = urlsOf(api, request);
    const excludePulls = request.params.exclude_pull_requests === true;
    return {
      status: 200,
      headers,
      body: {
        total_count: filtered.length,
        workflow_runs: page.map((run) => {
          const object = workflowRunObject(urls, run) as Record<string, Json>;
          if (excludePulls) object.pull_requests = [];
          return object;
        }),
      },
    };
  };

  api.handle('actions/list-workflow-runs', (request) => {
    const workflow = state.workflow(String(request.params.workflow_id));
    if (!workflow) return notFound();
    return listRuns(
      request,
      state.runs.filter((r) => r.workflowId === workflow.id),
    );
  });

  api.handle('actions/list-workflow-runs-for-repo', (request) => listRuns(request, state.runs));

  api.handle('actions/get-workflow-run', (request) => {
    const run = runOf(api, request);
    return run ? { status: 200, body: workflowRunObject(urlsOf(api, request), run) } : notFound();
  });

  api.handle('actions/get-workflow-run-attempt', (request) => {
    const run = runOf(api, request);
    const attempt = Number(request.params.attempt_number);
    if (!run || attempt < 1 || attempt > run.attempt) return notFound();
    return { status: 200, body: workflowRunObject(urlsOf(api, request), run, attempt) };
  });

  const listJobs = (request: ApiRequest, jobs: JobRecord[]): ApiResponse => {
    const { page, headers } = paginate(jobs, request);
    return {
      status: 200,
      headers,
      body: { total_count: jobs.length, jobs: page.map((job) => jobObject(urlsOf(api, request), job)) },
    };
  };

  api.handle('actions/list-jobs-for-workflow-run', (request) => {
    const run = runOf(api, request);
    if (!run) return notFound();
    return listJobs(request, request.params.filter === 'all' ? run.jobs : jobsOfAttempt(run, run.attempt));
  });

  api.handle('actions/list-jobs-for-workflow-run-attempt', (request) => {
    const run = runOf(api, request);
    const attempt = Number(request.params.attempt_number);
    if (!run || attempt < 1 || attempt > run.attempt) return notFound();
    return listJobs(
      request,
      run.jobs.filter((job) => job.attempt === attempt),
    );
  });

  api.handle('actions/cancel-workflow-run', (request) => {
    const run = runOf(api, request);
    if (!run) return notFound();
    if (run.status === 'completed')
      return { status: 409, body: errorBody('Cannot cancel a workflow run that is completed.', 409) };
    hooks.cancel(run);
    return { status: 202, body: {} };
  });

  const listArtifacts = (request: ApiRequest, artifacts: ArtifactRecord[]): ApiResponse => {
    let result = [...artifacts].sort((a, b) => b.id - a.id);
    if (request.params.name !== undefined) result = result.filter((a) => a.name === request.params.name);
    const { page, headers } = paginate(result, request);
    return {
      status: 200,
      headers,
      body: {
        total_count: result.length,
        artifacts: page.map((a) => artifactObject(urlsOf(api, request), a, state.run(a.runId))),
      },
    };
  };

  api.handle('actions/list-workflow-run-artifacts', (request) => {
    const run = runOf(api, request);
    if (!run) return notFound();
    return listArtifacts(
      request,
      state.artifacts.filter((a) => a.runId === run.id),
    );
  });

  api.handle('actions/list-artifacts-for-repo', (request) => listArtifacts(request, state.artifacts));

  api.handle('actions/get-artifact', (request) => {
    const artifact = state.artifacts.find((a) => a.id === Number(request.params.artifact_id));
    return artifact
      ? { status: 200, body: artifactObject(urlsOf(api, request), artifact, state.run(artifact.runId)) }
      : notFound();
  });

  api.handle('actions/download-artifact', (request) => {
    const artifact = state.artifacts.find((a) => a.id === Number(request.params.artifact_id));
    if (!artifact || request.params.archive_format !== 'zip') return notFound();
    // GitHub answers with a short-lived redirect to blob storage; clients follow it.
    const location = api.putBlob(`artifacts/${artifact.id}.zip`, hooks.artifactZip(artifact), 'application/zip');
    return { status: 302, headers: { location } };
  });

  api.handle('actions/create-workflow-dispatch', async (request) => {
    const workflow = state.workflow(String(request.params.workflow_id));
    if (!workflow) return notFound();
    const body = request.body as { ref: string; inputs?: Record<string, Json>; return_run_details?: boolean };
    try {
      const run = await hooks.dispatch(workflow, body.ref, body.inputs ?? {}, hooks.actorOf(request.grant.holder));
      const details = request.apiVersion >= '2026-03-10' || body.return_run_details === true;
      if (!details) return { status: 204 };
      const urls = urlsOf(api, request);
      return {
        status: 200,
        body: {
          workflow_run_id: run.id,
          run_url: `${urls.api}/repos/${urls.repository.owner.login}/${urls.repository.name}/actions/runs/${run.id}`,
          html_url: `https://github.com/${urls.repository.owner.login}/${urls.repository.name}/actions/runs/${run.id}`,
        },
      };
    } catch (error) {
      if (error instanceof ApiRefusal) return { status: error.status, body: errorBody(error.message, error.status) };
      throw error;
    }
  });

  api.handle('checks/create', (request) => {
    const body = request.body as unknown as CheckRunBody & { name: string; head_sha: string };
    if (!hooks.commitExists(body.head_sha)) return unprocessable(`No commit found for SHA: ${body.head_sha}`);
    const check: CheckRunRecord = {
      id: state.nextId(),
      name: body.name,
      headSha: body.head_sha,
      status: 'queued',
      conclusion: null,
      startedAt: null,
      completedAt: null,
      externalId: null,
      detailsUrl: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      writes: 0,
    };
    const refused = writeCheckRun(api, check, body);
    if (refused) return refused;
    state.checkRuns.push(check);
    return { status: 201, body: checkRunObject(urlsOf(api, request), check, state) };
  });

  api.handle('checks/update', (request) => {
    const check = checkRunOf(api, request);
    if (!check) return notFound();
    const refused = writeCheckRun(api, check, request.body as unknown as CheckRunBody);
    if (refused) return refused;
    return { status: 200, body: checkRunObject(urlsOf(api, request), check, state) };
  });

  api.handle('checks/get', (request) => {
    const check = checkRunOf(api, request);
    return check ? { status: 200, body: checkRunObject(urlsOf(api, request), check, state) } : notFound();
  });

  api.handle('checks/list-annotations', (request) => {
    const check = checkRunOf(api, request);
    if (!check) return notFound();
    const { page, headers } = paginate(check.annotations, request);
    return { status: 200, headers, body: page.map((a) => annotationObject(urlsOf(api, request), a)) };
  });

  api.handle('checks/list-for-ref', (request) => {
    const ref = String(request.params.ref);
    let checks = state.checkRuns.filter((c) => c.headSha === ref);
    if (request.params.check_name !== undefined) checks = checks.filter((c) => c.name === request.params.check_name);
    if (request.params.status !== undefined) checks = checks.filter((c) => c.status === request.params.status);
    const { page, headers } = paginate(checks, request);
    return {
      status: 200,
      headers,
      body: { total_count: checks.length, check_runs: page.map((c) => checkRunObject(urlsOf(api, request), c, state)) },
    };
  });

  const issueExists = (number: number) => state.pullRequests.some((p) => p.number === number);

  api.handle('issues/list-comments', (request) => {
    const number = Number(request.params.issue_number);
    if (!issueExists(number)) return notFound();
    let comments = state.comments.filter((c) => c.issueNumber === number);
    if (request.params.since !== undefined)
      comments = comments.filter((c) => Date.parse(c.updatedAt) >= Date.parse(String(request.params.since)));
    const { page, headers } = paginate(comments, request);
    return { status: 200, headers, body: page.map((c) => commentObject(urlsOf(api, request), c)) };
  });

  api.handle('issues/create-comment', (request) => {
    const number = Number(request.params.issue_number);
    if (!issueExists(number)) return notFound();
    const body = (request.body as { body: string }).body;
    if (body.length > 65536) return unprocessable('Body is too long (maximum is 65536 characters)');
    const now = state.clock.now();
    const comment = {
      id: state.nextId(),
      issueNumber: number,
      body,
      user: hooks.actorOf(request.grant.holder),
      createdAt: now,
      updatedAt: now,
    };
    state.comments.push(comment);
    return {
      status: 201,
      headers: {
        location: `${request.baseUrl}/repos/${state.repository.owner.login}/${state.repository.name}/issues/comments/${comment.id}`,
      },
      body: commentObject(urlsOf(api, request), comment),
    };
  });

  const commentOf = (request: ApiRequest) => state.comments.find((c) => c.id === Number(request.params.comment_id));

  api.handle('issues/get-comment', (request) => {
    const comment = commentOf(request);
    return comment ? { status: 200, body: commentObject(urlsOf(api, request), comment) } : notFound();
  });

  api.handle('issues/update-comment', (request) => {
    const comment = commentOf(request);
    if (!comment) return notFound();
    const body = (request.body as { body: string }).body;
    if (body.length > 65536) return unprocessable('Body is too long (maximum is 65536 characters)');
    comment.body = body;
    comment.updatedAt = state.clock.now();
    return { status: 200, body: commentObject(urlsOf(api, request), comment) };
  });

  api.handle('issues/delete-comment', (request) => {
    const comment = commentOf(request);
    if (!comment) return notFound();
    state.comments.splice(state.comments.indexOf(comment), 1);
    return { status: 204 };
  });

  api.handle('pulls/list-files', (request) => {
    const pull = state.pullRequests.find((p) => p.number === Number(request.params.pull_number));
    if (!pull) return notFound();
    // GitHub lists at most 3,000 files of a pull request.
    const files = pull.files.slice(0, 3000);
    const { page, headers } = paginate(files, request);
    return { status: 200, headers, body: page.map((f) => diffEntryObject(urlsOf(api, request), f, pull.headSha)) };
  });
}
