"use strict";
exports.id = 655;
exports.ids = [655];
exports.modules = {

/***/ 655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dispatchCommand: () => (/* binding */ dispatchCommand)
});

// EXTERNAL MODULE: ./src/errors/dagline-error.ts
var dagline_error = __webpack_require__(1194);
// EXTERNAL MODULE: ./src/fs/pipeline-files.ts
var pipeline_files = __webpack_require__(6247);
// EXTERNAL MODULE: ./src/compile/compile-workflow.ts + 3 modules
var compile_workflow = __webpack_require__(2865);
// EXTERNAL MODULE: ./src/plan/resolve-params.ts
var resolve_params = __webpack_require__(3810);
// EXTERNAL MODULE: ./src/render/printable.ts
var printable = __webpack_require__(8359);
// EXTERNAL MODULE: ./src/plan/render-templates.ts
var render_templates = __webpack_require__(9245);
// EXTERNAL MODULE: ./src/run/guards.ts
var guards = __webpack_require__(9287);
// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(1306);
;// CONCATENATED MODULE: ./src/github/artifact-zip.ts

/** The most an artifact dagline reads may hold once unpacked: records and logs, never a zip bomb. */
const UNZIPPED_LIMIT = 256 * 1024 * 1024;
/**
 * The files of an artifact's zip archive (as the REST API serves it), by their path inside it.
 * Entries that would leave the archive's folder (`..`, absolute paths) are refused, as is an
 * archive that unpacks to more than the limit.
 */
function readArtifactZip(zip, limit = UNZIPPED_LIMIT) {
    let total = 0;
    const files = (0,esm/* unzipSync */.AO)(zip, {
        filter: (entry) => {
            total += entry.originalSize;
            if (total > limit)
                throw new Error(`the artifact unpacks to more than ${limit} bytes`);
            return !entry.name.endsWith('/');
        },
    });
    const out = new Map();
    for (const [name, data] of Object.entries(files)) {
        const parts = name.split('/');
        if (name.startsWith('/') || parts.some((part) => part === '..' || part === '')) {
            throw new Error(`the artifact holds a path outside its folder: ${JSON.stringify(name)}`);
        }
        out.set(name, data);
    }
    return out;
}

// EXTERNAL MODULE: ./src/github/workflow-contract.ts
var workflow_contract = __webpack_require__(3145);
;// CONCATENATED MODULE: ./src/github/run-history.ts





/** How far back one question reads by default: enough for any sensible max-consecutive-failures. */
const HISTORY_RECORDS_PER_QUESTION = 10;
/**
 * A pipeline's history on GitHub, behind the questions the guards ask (src/run/guards.ts): its
 * compiled workflow's completed runs, newest first, each with the run record `report` uploaded
 * (`dagline-run--gh-<run_id>--a<attempt>`: status, params, whether it was a trial or a release),
 * read lazily; a workflow run its plan job stopped before it was a run (refused, skipped) is
 * passed over. A question costs one list request per page of runs plus two per record it reads,
 * and reads at most `maxRecords` records and `maxPages` pages whatever the history's length; what
 * lies further back is taken as not there. A run without a readable record (report did not run,
 * the artifact expired) counts by its conclusion, with no params. Active runs are the workflow's
 * queued and in-progress runs (two requests); their concurrency group is known only from an
 * earlier attempt's record, else taken to be the pipeline's own.
 */
function gitHubHistory(options) {
    const { client } = options;
    const workflowOf = options.workflowOf ?? workflow_contract/* workflowFileOf */.hr;
    const maxRecords = options.maxRecords ?? HISTORY_RECORDS_PER_QUESTION;
    const maxPages = options.maxPages ?? 2;
    const perPage = options.perPage ?? 20;
    const { owner, repo } = client.repository;
    /** Records already read, by workflow run and attempt: two questions about one run pay once. */
    const records = new Map();
    const recordOf = (run, attempt) => {
        const key = `${run.id}/${attempt}`;
        let record = records.get(key);
        if (!record) {
            record = readRunRecord(client, run.id, attempt);
            records.set(key, record);
        }
        return record;
    };
    return {
        where: `on GitHub (${owner}/${repo})`,
        async *runsNewestFirst(pipeline) {
            let read = 0;
            for (let page = 1; page <= maxPages; page++) {
                const runs = await listRuns(client, workflowOf(pipeline), { status: 'completed', perPage, page });
                for (const run of runs) {
                    if (run.id === options.currentRunId)
                        continue;
                    if (read >= maxRecords)
                        return;
                    read++;
                    const record = await recordOf(run, run.runAttempt);
                    // Stopped before it was a run (refused, skipped): a local history would not hold it.
                    if (record?.stopped !== undefined)
                        continue;
                    yield record ?? byConclusion(run);
                }
                if (runs.length < perPage)
                    return;
            }
        },
        releasedAt: () => undefined,
        howToRelease: (pipeline) => `a run of ${workflowOf(pipeline)} is dispatched with ${workflow_contract/* RELEASE_INPUT */.fv}: true`,
        async activeRuns(pipeline) {
            const workflow = workflowOf(pipeline);
            const runs = [
                ...(await listRuns(client, workflow, { status: 'in_progress', perPage: 100, page: 1 })),
                ...(await listRuns(client, workflow, { status: 'queued', perPage: 100, page: 1 })),
            ].filter((run) => run.id !== options.currentRunId);
            const active = [];
            let read = 0;
            for (const run of runs) {
                // A re-run's earlier attempt recorded the params, hence the group; a first attempt has not yet.
                const earlier = run.runAttempt > 1 && read++ < maxRecords ? await recordOf(run, run.runAttempt - 1) : undefined;
                active.push({
                    id: (0,workflow_contract/* githubRunId */.IS)(run.id),
                    pipeline,
                    ...(earlier?.concurrencyGroup !== undefined
                        ? { concurrencyGroup: earlier.concurrencyGroup }
                        : earlier
                            ? {}
                            : { groupUnknown: true }),
                    label: `${(0,workflow_contract/* githubRunId */.IS)(run.id)} (${run.htmlUrl || run.status})`,
                });
            }
            return active;
        },
    };
}
/**
 * The plan job's guards on GitHub: on hold (lifted by a release dispatch), `requires`, and the
 * overlap guard for on-overlap `fail` and `skip` (the run's group rendered with its params, asked
 * of the workflow's queued and running runs), read through the history. `queue` and
 * `cancel-running` are GitHub's own to keep (the workflow's `concurrency:`): not asked here.
 */
function gitHubGuards(options) {
    const { ownWorkflow, ...historyOptions } = options;
    const compiled = options.workflowOf ?? workflowFileOf;
    return {
        async check(pipeline, params, release) {
            const history = gitHubHistory({
                ...historyOptions,
                workflowOf: (name) => (ownWorkflow !== undefined && name === pipeline.name ? ownWorkflow : compiled(name)),
            });
            const onOverlap = pipeline.concurrency?.onOverlap;
            const asked = onOverlap === 'fail' || onOverlap === 'skip' ? onOverlap : undefined;
            const group = asked ? concurrencyGroupOf(pipeline, params) : undefined;
            const verdict = await assessGuards(history, pipeline, group, { release });
            if (verdict.kind !== 'busy')
                return verdict;
            return asked ? overlapVerdict(asked, verdict) : { kind: 'go' };
        },
    };
}
/** A workflow's runs; a workflow GitHub does not know (never compiled, or not pushed yet) has none. */
async function listRuns(client, workflow, query) {
    try {
        return await client.listWorkflowRuns(workflow, query);
    }
    catch (error) {
        if (error instanceof dagline_error/* GitHubApiError */.OS && error.status === 404)
            return [];
        throw error;
    }
}
/** The run record of one attempt of a workflow run, from its artifact; none when it is not there. */
async function readRunRecord(client, workflowRunId, attempt) {
    const name = (0,workflow_contract/* runArtifactName */.nc)((0,workflow_contract/* githubRunId */.IS)(workflowRunId), attempt);
    const artifact = (await client.listArtifacts(workflowRunId, { name })).find((a) => a.name === name && !a.expired);
    if (!artifact)
        return undefined;
    let files;
    try {
        files = readArtifactZip(await client.downloadArtifact(artifact.id));
    }
    catch {
        return undefined; // not a zip dagline can read: as if there were no record
    }
    // The artifact is a state folder: runs/<id>/run.json beside tasks.json and pipeline.yml.
    const path = [...files.keys()].find((p) => /^(?:runs\/[^/]+\/)?run\.json$/.test(p));
    if (path === undefined)
        return undefined;
    try {
        const record = JSON.parse(new TextDecoder().decode(files.get(path)));
        if (typeof record.status !== 'string' || typeof record.startedAt !== 'string')
            return undefined;
        if (typeof record.params !== 'object' || record.params === null)
            record.params = {};
        return record;
    }
    catch {
        return undefined;
    }
}
/** A run without a record, as its conclusion says: no params known, neither a trial nor a release. */
function byConclusion(run) {
    const status = run.conclusion === 'cancelled'
        ? 'cancelled'
        : run.conclusion === 'failure' || run.conclusion === 'timed_out' || run.conclusion === 'startup_failure'
            ? 'failed'
            : 'completed';
    return { id: (0,workflow_contract/* githubRunId */.IS)(run.id), status, startedAt: run.createdAt, params: {} };
}

;// CONCATENATED MODULE: ./src/github/dispatch.ts








/**
 * Checks and dispatches: the params first (`connect`, which may ask for a token, is called only once
 * they hold), then the guards (a few requests: src/github/run-history.ts), then one dispatch with
 * `return_run_details`. `on-overlap: queue` and `cancel-running` are GitHub's own to apply (the
 * workflow's `concurrency:`), so their group is not asked about.
 */
async function dispatchPipeline(connect, request) {
    const { pipeline } = request;
    const placeOf = (path) => request.placeOf?.(path) ?? { file: pipeline.file };
    if (request.release && pipeline.maxConsecutiveFailures === undefined)
        return {
            kind: 'not-dispatched',
            errors: [
                new dagline_error/* UsageError */.eb(`pipeline "${pipeline.name}" has no max-consecutive-failures: it is never on hold, and its workflow has no ${workflow_contract/* RELEASE_INPUT */.fv} input`, { file: pipeline.file }, 'dispatch it without release'),
            ],
        };
    const resolved = (0,resolve_params/* resolveParams */.xg)(pipeline, request.given, request.fromText, request.placeOfParam);
    if (!resolved.ok)
        return { kind: 'not-dispatched', errors: resolved.errors };
    const params = resolved.values;
    const client = connect();
    const onOverlap = pipeline.concurrency?.onOverlap;
    const group = onOverlap === 'fail' || onOverlap === 'skip' ? (0,render_templates/* concurrencyGroupOf */.CD)(pipeline, params) : undefined;
    const workflow = (0,workflow_contract/* workflowFileOf */.hr)(pipeline.name);
    const verdict = await (0,guards/* assessGuards */.v1)(gitHubHistory({ client }), pipeline, group, {
        release: request.release ?? false,
    });
    switch (verdict.kind) {
        case 'on-hold':
            return {
                kind: 'not-dispatched',
                errors: [
                    new dagline_error/* GuardError */.U$(verdict.message, placeOf(verdict.path), dagline_error/* ExitCode */.yU.onHold, "once the cause is fixed: dagline dispatch --release, or the action's release: true"),
                ],
            };
        case 'refused':
            return {
                kind: 'not-dispatched',
                errors: [new dagline_error/* GuardError */.U$(verdict.message, placeOf(verdict.path), dagline_error/* ExitCode */.yU.refused)],
            };
        case 'busy': {
            const overlap = (0,guards/* overlapVerdict */.lS)(onOverlap === 'skip' ? 'skip' : 'fail', verdict);
            if (overlap.kind === 'skipped')
                return { kind: 'skipped', message: overlap.message };
            return {
                kind: 'not-dispatched',
                errors: [
                    new dagline_error/* GuardError */.U$(overlap.message, placeOf(overlap.path), dagline_error/* ExitCode */.yU.refused, 'wait for it to end, or cancel it'),
                ],
            };
        }
        case 'go':
            break;
    }
    const inputs = (0,compile_workflow/* dispatchInputs */.Cf)(pipeline, params, { release: request.release ?? false });
    try {
        const run = await client.dispatchWorkflow(workflow, request.ref, inputs);
        return { kind: 'dispatched', workflow, runId: run.runId, htmlUrl: run.htmlUrl };
    }
    catch (error) {
        if (error instanceof dagline_error/* GitHubApiError */.OS && error.status === 404)
            throw new dagline_error/* GitHubApiError */.OS(error.message, 404, `is ${(0,compile_workflow/* workflowPath */.RB)(pipeline.name)} on ${request.ref}? Compile it (npx dagline compile ${pipeline.file}), commit and push it; the token must see the repository`);
        throw error;
    }
}
/**
 * Follows a run until GitHub says it completed, and returns it (its conclusion). Each look is one
 * request for the run and, while it is not done, one for its jobs (per 100 jobs).
 */
async function followRun(client, runId, options) {
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    let last = '';
    for (;;) {
        const run = await client.getWorkflowRun(runId);
        if (run.status === 'completed')
            return run;
        const progress = progressOf(run, await client.listJobs(runId));
        const key = `${progress.status} ${progress.done}/${progress.total}`;
        if (key !== last)
            options.onProgress?.(progress);
        last = key;
        await sleep(options.pollMs);
    }
}
function progressOf(run, jobs) {
    return { status: run.status, done: jobs.filter((job) => job.status === 'completed').length, total: jobs.length };
}
/** The line that says a progress: `run 123: 2 of 7 jobs done`, or its status before any job. */
function progressLine(runId, progress) {
    const text = progress.total === 0
        ? progress.status.replace(/_/g, ' ')
        : `${progress.done} of ${progress.total} job${progress.total === 1 ? '' : 's'} done`;
    return (0,printable/* printable */.g$)(`run ${runId}: ${text}`);
}
/** A completed run's conclusion as an exit code: 0 for success, 1 for anything else (failure, cancelled, timed out). */
function conclusionExitCode(conclusion) {
    return conclusion === 'success' ? dagline_error/* ExitCode */.yU.ok : dagline_error/* ExitCode */.yU.failed;
}
/** Between two looks at a followed run, unless DAGLINE_POLL_MS says otherwise: a few requests a minute. */
const DEFAULT_POLL_MS = 15_000;
/** DAGLINE_POLL_MS (milliseconds, for tests and impatient people), else the default. */
function pollMsFrom(env) {
    const text = env.DAGLINE_POLL_MS;
    if (text === undefined || text === '')
        return DEFAULT_POLL_MS;
    const ms = Number(text);
    if (!Number.isInteger(ms) || ms < 0)
        throw new dagline_error/* UsageError */.eb(`DAGLINE_POLL_MS=${text} is not a whole number of milliseconds`, {}, 'e.g. DAGLINE_POLL_MS=15000');
    return ms;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/github/octokit-client.ts




/**
 * The GitHub client over Octokit, as GitHub's own actions make it (`@actions/github`), with the
 * throttling plugin (waits out primary and secondary rate limits, as GitHub asks of integrations)
 * and the retry plugin (server errors tried again). Every failure becomes a GitHubApiError naming
 * the request and, where the status tells, what to do.
 */
function octokitClient(options) {
    const retries = options.rateLimitRetries ?? 2;
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
        throttle: {
            onRateLimit: (_after, _request, _octokit, count) => count < retries,
            onSecondaryRateLimit: (_after, _request, _octokit, count) => count < retries,
        },
    }, plugin_throttling_dist_bundle/* throttling */.A, dist_bundle/* retry */.L);
    const { owner, repo } = options.repository;
    const call = async (what, request) => {
        try {
            return await request();
        }
        catch (thrown) {
            throw apiError(what, thrown);
        }
    };
    return {
        repository: options.repository,
        async listWorkflowRuns(workflow, query = {}) {
            const { data } = await call(`list the runs of ${workflow}`, () => octokit.rest.actions.listWorkflowRuns({
                owner,
                repo,
                workflow_id: workflow,
                per_page: query.perPage ?? 30,
                page: query.page ?? 1,
                ...(query.status !== undefined && { status: query.status }),
                ...(query.branch !== undefined && { branch: query.branch }),
                ...(query.event !== undefined && { event: query.event }),
            }));
            return data.workflow_runs.map(toWorkflowRun);
        },
        async getWorkflowRun(runId) {
            const { data } = await call(`read workflow run ${runId}`, () => octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }));
            return toWorkflowRun(data);
        },
        async listJobs(runId, filter = 'latest') {
            const jobs = await call(`list the jobs of workflow run ${runId}`, () => octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
                owner,
                repo,
                run_id: runId,
                filter,
                per_page: 100,
            }));
            return jobs.map((job) => ({
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
            const artifacts = await call(`list the artifacts of workflow run ${runId}`, () => octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
                owner,
                repo,
                run_id: runId,
                per_page: 100,
                ...(query.name !== undefined && { name: query.name }),
            }));
            return artifacts.map((artifact) => ({
                id: artifact.id,
                name: artifact.name,
                sizeInBytes: artifact.size_in_bytes,
                expired: artifact.expired,
                createdAt: artifact.created_at ?? null,
                ...(typeof artifact.workflow_run?.id === 'number' && { workflowRunId: artifact.workflow_run.id }),
            }));
        },
        async downloadArtifact(artifactId) {
            const { data } = await call(`download artifact ${artifactId}`, () => octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifactId, archive_format: 'zip' }));
            return new Uint8Array(data);
        },
        async createCheckRun(input) {
            const { data } = await call(`create check run "${input.name}"`, () => octokit.rest.checks.create({
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
            }));
            return { id: data.id, htmlUrl: data.html_url ?? '' };
        },
        async updateCheckRun(checkRunId, input) {
            await call(`update check run ${checkRunId}`, () => octokit.rest.checks.update({
                owner,
                repo,
                check_run_id: checkRunId,
                ...(input.status !== undefined && { status: input.status }),
                ...(input.conclusion !== undefined && { conclusion: input.conclusion }),
                ...(input.status === 'completed' && { completed_at: new Date().toISOString() }),
                ...(input.output !== undefined && { output: toOutput(input.output) }),
            }));
        },
        async dispatchWorkflow(workflow, ref, inputs) {
            const response = await call(`dispatch ${workflow} on ${ref}`, () => octokit.rest.actions.createWorkflowDispatch({
                owner,
                repo,
                workflow_id: workflow,
                ref,
                inputs,
                return_run_details: true,
            }));
            const details = response.data;
            if (details?.workflow_run_id === undefined) {
                throw new dagline_error/* GitHubApiError */.OS(`dispatch ${workflow}: GitHub started the run but did not say which (no run details)`, response.status, 'this GitHub (an older GitHub Enterprise Server?) does not return run details; dispatch with the web UI or gh');
            }
            return { runId: details.workflow_run_id, htmlUrl: details.html_url ?? '' };
        },
        async listIssueComments(issueNumber) {
            const comments = await call(`list the comments of #${issueNumber}`, () => octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 }));
            return comments.map(toComment);
        },
        async createIssueComment(issueNumber, body) {
            const { data } = await call(`comment on #${issueNumber}`, () => octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }));
            return toComment(data);
        },
        async updateIssueComment(commentId, body) {
            await call(`update comment ${commentId}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body }));
        },
        async deleteIssueComment(commentId) {
            await call(`delete comment ${commentId}`, () => octokit.rest.issues.deleteComment({ owner, repo, comment_id: commentId }));
        },
        async listPullFiles(pullNumber) {
            const files = await call(`list the files of pull request #${pullNumber}`, () => octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 }));
            return files.map((file) => ({
                filename: file.filename,
                status: file.status,
                ...(file.previous_filename !== undefined && { previousFilename: file.previous_filename }),
            }));
        },
    };
}
function toWorkflowRun(run) {
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
function toComment(comment) {
    return { id: comment.id, body: comment.body ?? '', author: comment.user?.login ?? '', htmlUrl: comment.html_url };
}
function toOutput(output) {
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
function apiError(what, thrown) {
    const status = thrown.status;
    const answer = thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown);
    const hints = {
        401: 'the token is missing, expired or wrong: set GITHUB_TOKEN (or GH_TOKEN)',
        403: "the token lacks a permission this needs (see docs/github.md, 'Permissions'), or a fork's read-only token",
        404: 'not found, or not visible to this token: check the repository, the workflow file name and the token',
        422: 'GitHub refused the request as sent: check the inputs, the ref and the workflow file',
    };
    return new dagline_error/* GitHubApiError */.OS(`GitHub API: could not ${what}: ${answer}`, status, status !== undefined ? hints[status] : 'check the network and GITHUB_API_URL');
}

// EXTERNAL MODULE: ./src/git/git-files.ts
var git_files = __webpack_require__(4406);
;// CONCATENATED MODULE: ./src/github/target.ts


/** The token: GITHUB_TOKEN, else GH_TOKEN (gh's). */
function tokenFrom(env) {
    const token = env.GITHUB_TOKEN || env.GH_TOKEN;
    if (!token)
        throw new dagline_error/* UsageError */.eb('no GitHub token: set GITHUB_TOKEN or GH_TOKEN', {}, 'a token that may write actions on the repository, e.g. GH_TOKEN=$(gh auth token)');
    return token;
}
/**
 * owner/name of a remote URL on `host` (github.com, or the host of GITHUB_SERVER_URL): the https
 * and ssh forms (`https://github.com/o/r.git`, `ssh://git@github.com/o/r`, `git@github.com:o/r.git`).
 */
function repositoryFromRemote(url, host = 'github.com') {
    const match = /^(?:https?|ssh|git|git\+ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url) ??
        /^(?:[^@/:]+@)?([^/:]+):([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
    if (!match || match[1].toLowerCase() !== host.toLowerCase())
        return undefined;
    return { owner: match[2], repo: match[3] };
}
/** The repository: GITHUB_REPOSITORY (owner/name), else the GitHub repository `origin` points at. */
function repositoryFrom(env, cwd) {
    const named = env.GITHUB_REPOSITORY;
    if (named) {
        const [owner, repo, extra] = named.split('/');
        if (!owner || !repo || extra !== undefined)
            throw new dagline_error/* UsageError */.eb(`GITHUB_REPOSITORY=${JSON.stringify(named)} is not owner/name`);
        return { owner, repo };
    }
    const url = (0,git_files/* remoteUrl */.gX)('origin', cwd);
    const host = serverHost(env);
    const repository = url === undefined ? undefined : repositoryFromRemote(url, host);
    if (!repository)
        throw new dagline_error/* UsageError */.eb(url === undefined
            ? 'no repository: GITHUB_REPOSITORY is not set and this folder has no git remote "origin"'
            : `no repository: GITHUB_REPOSITORY is not set and the remote "origin" (${url}) is not on ${host}`, {}, 'set GITHUB_REPOSITORY=owner/name');
    return repository;
}
/**
 * The ref a dispatch runs on when none is given: in a workflow, the branch or tag it runs for
 * (a master pipeline's children run the same version of the repository); elsewhere the
 * repository's default branch as the clone knows it (`origin/HEAD`), as `gh workflow run` does.
 */
function defaultRef(env, cwd) {
    if (env.GITHUB_ACTIONS === 'true') {
        const ref = /^refs\/(?:heads|tags)\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
        if (ref)
            return ref;
    }
    return (0,git_files/* remoteDefaultBranch */.Ki)('origin', cwd);
}
function serverHost(env) {
    try {
        return env.GITHUB_SERVER_URL ? new URL(env.GITHUB_SERVER_URL).host : 'github.com';
    }
    catch {
        return 'github.com';
    }
}

// EXTERNAL MODULE: ./src/cli/commands/load-one.ts
var load_one = __webpack_require__(8264);
;// CONCATENATED MODULE: ./src/cli/commands/dispatch.ts








/**
 * `dagline dispatch FILE --param k=v`: a run of the pipeline's compiled workflow on GitHub
 * (src/github/dispatch.ts checks and starts it); prints its id and URL, and with `--wait` follows
 * it and exits with its result.
 */
async function dispatchCommand(file, flags, limits, io) {
    const { pipeline, placeOfParam, placeOf } = (0,load_one.loadOrReport)(file, limits, io);
    const given = (0,resolve_params/* parseParamFlags */.sh)(flags.param);
    const root = (0,pipeline_files/* repositoryRoot */.Hn)(file);
    const repository = repositoryFrom(io.env, root);
    const ref = flags.ref ?? defaultRef(io.env, root);
    if (ref === undefined)
        throw new dagline_error/* UsageError */.eb('no ref to run on: origin/HEAD does not name the default branch', {}, 'give --ref BRANCH, or run git remote set-head origin --auto');
    const pollMs = pollMsFrom(io.env);
    // The token is asked for only once the params hold: a bad param is the user's to fix whatever the token.
    let client;
    const connect = () => (client ??= octokitClient({
        token: tokenFrom(io.env),
        repository,
        ...(io.env.GITHUB_API_URL && { baseUrl: io.env.GITHUB_API_URL }),
    }));
    const outcome = await dispatchPipeline(connect, {
        pipeline,
        given,
        fromText: true,
        placeOfParam,
        placeOf,
        ref,
        release: flags.release ?? false,
    });
    if (outcome.kind === 'not-dispatched')
        (0,load_one.reportErrors)(outcome.errors, io);
    if (outcome.kind === 'skipped') {
        io.out(`${(0,printable/* printable */.g$)(outcome.message)}\n`);
        return 0;
    }
    io.out(`${(0,printable/* printable */.g$)(`dispatched ${outcome.workflow} on ${ref}: run ${outcome.runId} ${outcome.htmlUrl}`)}\n`);
    if (!flags.wait)
        return 0;
    const run = await followRun(connect(), outcome.runId, {
        pollMs,
        ...(io.sleep && { sleep: (ms) => io.sleep(ms) }),
        onProgress: (progress) => io.out(`${progressLine(outcome.runId, progress)}\n`),
    });
    io.out(`${(0,printable/* printable */.g$)(`run ${run.id}: ${run.conclusion ?? 'no conclusion'}`)}\n`);
    return conclusionExitCode(run.conclusion);
}


/***/ }),

/***/ 4406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ki: () => (/* binding */ remoteDefaultBranch),
/* harmony export */   gX: () => (/* binding */ remoteUrl),
/* harmony export */   kC: () => (/* binding */ readPipelineAt),
/* harmony export */   w0: () => (/* binding */ parseRefPath)
/* harmony export */ });
/* unused harmony exports hasCommit, existsAt, changedFiles */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1194);
/* harmony import */ var _pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6561);
/* harmony import */ var _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2842);




/**
 * Files as git has them, read with the `git` of the machine (a pull request's base version of a
 * pipeline, with no second checkout). Arguments go to git as argv, never through a shell, and a
 * ref or path that could be read as an option is refused.
 */
/** `REF:PATH` (git's own spelling of a file at a commit): the ref and the path, or undefined. */
function parseRefPath(text) {
    // Git refuses `:` in ref names, so the first one ends the ref.
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1)
        return undefined;
    return { ref: text.slice(0, colon), path: text.slice(colon + 1) };
}
/** Loads the pipeline at `path` as commit `ref` has it; it is named `REF:PATH` in messages. */
function readPipelineAt(ref, path, limits = _pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultYamlLimits */ .DF, cwd = process.cwd()) {
    const shown = `${ref}:${path}`;
    const bytes = showFile(ref, path, limits.maxBytes, cwd);
    if (bytes === 'too large')
        return { ok: false, errors: [(0,_pipeline_format_read_yaml_js__WEBPACK_IMPORTED_MODULE_3__/* .fileTooLarge */ .ME)(blobSize(ref, path, cwd), limits, shown)] };
    return (0,_pipeline_format_load_pipeline_js__WEBPACK_IMPORTED_MODULE_2__/* .loadPipeline */ .B)(bytes, shown, limits);
}
/** Whether the repository at `cwd` has this commit (a shallow clone may not have the base). */
function hasCommit(sha, cwd = process.cwd()) {
    if (sha.startsWith('-'))
        return false;
    return spawnSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, stdio: 'ignore' }).status === 0;
}
/** Whether `path` exists at commit `ref`. */
function existsAt(ref, path, cwd = process.cwd()) {
    refuseOption(ref);
    return spawnSync('git', ['cat-file', '-e', `${ref}:${path}`], { cwd, stdio: 'ignore' }).status === 0;
}
/**
 * The files `head` changes since it left `base`: `git diff base...head`, against their merge base,
 * as GitHub lists a pull request's files (a commit the base branch gained meanwhile is not the
 * pull request's). Renames are found as git finds them.
 */
function changedFiles(base, head, cwd = process.cwd()) {
    refuseOption(base);
    refuseOption(head);
    const out = git(['diff', '--name-status', '-z', '-M', '--no-ext-diff', `${base}...${head}`, '--'], cwd, 64 * 1024 * 1024);
    const fields = out.toString('utf8').split('\0');
    const files = [];
    for (let i = 0; i + 1 < fields.length;) {
        const status = fields[i++];
        if (status.startsWith('R')) {
            const previousPath = fields[i++];
            files.push({ path: fields[i++], status: 'renamed', previousPath });
        }
        else {
            const path = fields[i++];
            files.push({ path, status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified' });
        }
    }
    return files;
}
/** The URL of a remote (`origin`), or undefined when the folder is no clone or has no such remote. */
function remoteUrl(remote, cwd = process.cwd()) {
    refuseOption(remote);
    return gitLine(['config', '--get', `remote.${remote}.url`], cwd);
}
/** The branch a remote's HEAD names (the repository's default branch, as the clone saw it), if known. */
function remoteDefaultBranch(remote, cwd = process.cwd()) {
    refuseOption(remote);
    const ref = gitLine(['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], cwd);
    const prefix = `refs/remotes/${remote}/`;
    return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}
/** git's one line of output, or undefined when git fails or says nothing (not a question worth an error). */
function gitLine(args, cwd) {
    const result = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', args, { cwd, maxBuffer: 64 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    if (result.error || result.status !== 0)
        return undefined;
    return result.stdout.toString('utf8').trim() || undefined;
}
/** The bytes of `path` at `ref`, or 'too large' past `maxBytes`. */
function showFile(ref, path, maxBytes, cwd) {
    refuseOption(ref);
    const result = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['show', '--no-textconv', `${ref}:${path}`], {
        cwd,
        maxBuffer: maxBytes + 1,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.error?.code === 'ENOBUFS')
        return 'too large';
    if (result.error)
        throw gitError(result.error.message, `${ref}:${path}`);
    if (result.status !== 0)
        throw gitError(result.stderr.toString('utf8'), `${ref}:${path}`);
    return result.stdout;
}
function blobSize(ref, path, cwd) {
    return Number(git(['cat-file', '-s', `${ref}:${path}`], cwd, 1024)
        .toString('utf8')
        .trim());
}
function git(args, cwd, maxBuffer) {
    const result = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', args, { cwd, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.error)
        throw gitError(result.error.message, args.join(' '));
    if (result.status !== 0)
        throw gitError(result.stderr.toString('utf8'), args.join(' '));
    return result.stdout;
}
/** git's own reason (`fatal: path 'x' does not exist in 'main'`), as one line naming what was read. */
function gitError(stderr, what) {
    const reason = stderr
        .split('\n')
        .map((line) => line.replace(/^(fatal|error): /, '').trim())
        .find(Boolean) ?? 'git failed';
    return new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(`cannot read ${what} with git: ${reason}`, { file: what });
}
function refuseOption(ref) {
    if (ref.startsWith('-'))
        throw new _errors_dagline_error_js__WEBPACK_IMPORTED_MODULE_1__/* .FileError */ .f6(`"${ref}" is not a git revision`, {}, 'a revision cannot start with -');
}


/***/ }),

/***/ 9287:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SH: () => (/* binding */ storeHistory),
/* harmony export */   iK: () => (/* binding */ runsTheGuardsRead),
/* harmony export */   lS: () => (/* binding */ overlapVerdict),
/* harmony export */   v1: () => (/* binding */ assessGuards)
/* harmony export */ });
/* unused harmony exports onHold, isTrial */
/* harmony import */ var _expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1016);

/**
 * What the guards say of a new run of `pipeline` now. `group` is its concurrency group as rendered
 * with its params (none: not asked); `release` lifts on hold for this run (a release dispatch).
 */
async function assessGuards(history, pipeline, group, options = {}) {
    const limit = pipeline.maxConsecutiveFailures;
    if (limit !== undefined && !options.release && (await onHold(history, pipeline.name, limit))) {
        const message = `pipeline "${pipeline.name}" is on hold after ${limit} failed run${limit === 1 ? '' : 's'} in a row; nothing runs until ${history.howToRelease(pipeline.name)}`;
        return { kind: 'on-hold', message, path: ['max-consecutive-failures'] };
    }
    for (const [i, required] of pipeline.requires.entries()) {
        const done = await firstOf(history.runsNewestFirst(required.pipeline), (run) => run.status === 'completed' && paramsMatch(run.params, required.params));
        if (done === undefined) {
            const wanted = Object.entries(required.params)
                .map(([k, v]) => `${k}=${(0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(v)}`)
                .join(', ');
            return {
                kind: 'refused',
                message: `requires a completed run of "${required.pipeline}"${wanted ? ` with ${wanted}` : ''}, and there is none ${history.where}`,
                path: ['requires', i, 'pipeline'],
            };
        }
    }
    if (group === undefined)
        return { kind: 'go' };
    const busy = (await history.activeRuns(pipeline.name)).filter((run) => run.concurrencyGroup === group || (run.groupUnknown === true && run.pipeline === pipeline.name));
    if (busy.length === 0)
        return { kind: 'go' };
    return { kind: 'busy', group, busy, others: busy.map((run) => run.label).join(', ') };
}
/**
 * What on-overlap `fail` and `skip` make of a busy concurrency group (`queue` and `cancel-running`
 * wait for it instead): the run refused, or passed by.
 */
function overlapVerdict(onOverlap, busy) {
    const path = ['concurrency', 'group'];
    return onOverlap === 'fail'
        ? { kind: 'refused', message: `concurrency group "${busy.group}" is busy: ${busy.others} is running`, path }
        : { kind: 'skipped', message: `skipped: concurrency group "${busy.group}" is busy with ${busy.others}`, path };
}
/**
 * On hold: the latest finished run was put on hold, or the last `limit` finished runs since the
 * last release all failed. Trial runs (`--only`, `--from`: a part of the pipeline) do not count;
 * a run started with a release counts, and nothing before it does. Read newest first, only as far
 * back as that takes.
 */
async function onHold(history, pipeline, limit) {
    let counted = 0;
    for await (const { as } of onHoldReads(history.runsNewestFirst(pipeline), history.releasedAt(pipeline))) {
        if (as === 'hold') {
            if (counted === 0)
                return true;
            continue;
        }
        if (as === 'end')
            return false;
        if (++counted === limit)
            return true;
    }
    return false;
}
/**
 * The runs the on-hold count reads, newest first, and how each counts: a failure, a run put on
 * hold, or the run that ends the count (one that completed or was cancelled). It stops at that
 * run, at a failure started with a release (which counts, and nothing before it), and at the last
 * release; it passes over trial runs and runs still running.
 */
async function* onHoldReads(runs, releasedAt) {
    for await (const run of runs) {
        if (releasedAt !== undefined && run.startedAt <= releasedAt)
            return;
        if (run.status === 'running' || isTrial(run))
            continue;
        if (run.status === 'on_hold')
            yield { run, as: 'hold' };
        else if (run.status !== 'failed') {
            yield { run, as: 'end' };
            return;
        }
        else {
            yield { run, as: 'failure' };
            if (run.release)
                return;
        }
    }
}
/**
 * The runs of one pipeline (newest first) that the guards read, with why: those the on-hold count
 * reads (whatever the pipeline's limit is now), and for `requires` (of any pipeline) its newest
 * completed run with each set of params. Removing them could lift a hold or unmeet a `requires`:
 * `dagline runs prune` keeps them.
 */
async function runsTheGuardsRead(newestFirst, releasedAt) {
    const read = new Map();
    for await (const { run, as } of onHoldReads(newestFirst, releasedAt))
        read.set(run.id, as === 'end'
            ? 'the on-hold count stops at it'
            : `the on-hold count reads it (${as === 'hold' ? 'on hold' : 'failed'})`);
    const paramsSeen = new Set();
    for (const run of newestFirst) {
        if (run.status !== 'completed')
            continue;
        const key = JSON.stringify(Object.keys(run.params)
            .sort()
            .map((name) => [name, (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(run.params[name] ?? null)]));
        if (paramsSeen.has(key))
            continue;
        paramsSeen.add(key);
        if (!read.has(run.id))
            read.set(run.id, 'requires may read it (the newest completed run with its params)');
    }
    return read;
}
/** A run of a part of the pipeline (`--only`, `--from`): a try, not the pipeline's health. */
function isTrial(run) {
    return (run.selection?.only.length ?? 0) > 0 || (run.selection?.from.length ?? 0) > 0;
}
/** The first item that passes, reading no further: histories are read newest first, lazily. */
async function firstOf(items, test) {
    for await (const item of items)
        if (test(item))
            return item;
    return undefined;
}
function paramsMatch(actual, wanted) {
    return Object.entries(wanted).every(([name, value]) => (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(actual[name] ?? null) === (0,_expressions_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .valueToText */ .yq)(value));
}
/**
 * The local store as a history. Made under the store lock: it looks at the active runs once, which
 * also marks a run whose dagline was killed as failed, before anything counts the failures.
 */
function storeHistory(store) {
    const active = store.activeRuns().map((run) => ({
        id: run.id,
        pipeline: run.pipeline,
        ...(run.concurrencyGroup !== undefined && { concurrencyGroup: run.concurrencyGroup }),
        label: `${run.id} (pid ${run.process.pid})`,
        process: run.process,
    }));
    return {
        where: `in ${store.root}`,
        runsNewestFirst: (pipeline) => store.runsNewestFirst(pipeline),
        releasedAt: (pipeline) => store.releasedAt(pipeline),
        howToRelease: (pipeline) => `\`dagline release ${pipeline}\``,
        activeRuns: () => active,
    };
}


/***/ })

};
;