// The fake's records as GitHub's REST API shows them: every field the OpenAPI description
// requires, with GitHub's URL shapes. Responses are checked against the description, so a field
// missing here fails the request that returns it.
import type {
  ArtifactRecord,
  CheckRunRecord,
  CommentRecord,
  DiffEntryRecord,
  GitHubState,
  JobRecord,
  PullRequestRef,
  RepositoryRecord,
  RunRecord,
  UserRecord,
  WorkflowRecord,
} from './github-state.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const WEB_URL = 'https://github.com';

/** Where objects are: the fake's own address stands in for https://api.github.com. */
export interface Urls {
  api: string;
  repository: RepositoryRecord;
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

export function userObject(urls: Urls, user: UserRecord): Json {
  // A bot's login has brackets (github-actions[bot]): GitHub escapes them in its URLs.
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('User', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url:
      user.type === 'Bot' ? `${WEB_URL}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${WEB_URL}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

export function repositoryBase(urls: Urls): string {
  return `${urls.api}/repos/${urls.repository.owner.login}/${urls.repository.name}`;
}

export function htmlBase(urls: Urls): string {
  return `${WEB_URL}/${urls.repository.owner.login}/${urls.repository.name}`;
}

export function repositoryObject(urls: Urls): Json {
  const r = urls.repository;
  const api = repositoryBase(urls);
  const templated = (name: string, suffix: string) => [`${name}_url`, `${api}/${suffix}`] as const;
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: `${r.owner.login}/${r.name}`,
    owner: userObject(urls, r.owner),
    private: r.private,
    html_url: htmlBase(urls),
    description: null,
    fork: false,
    url: api,
    ...Object.fromEntries([
      templated('archive', '{archive_format}{/ref}'),
      templated('assignees', 'assignees{/user}'),
      templated('blobs', 'git/blobs{/sha}'),
      templated('branches', 'branches{/branch}'),
      templated('collaborators', 'collaborators{/collaborator}'),
      templated('comments', 'comments{/number}'),
      templated('commits', 'commits{/sha}'),
      templated('compare', 'compare/{base}...{head}'),
      templated('contents', 'contents/{+path}'),
      templated('contributors', 'contributors'),
      templated('deployments', 'deployments'),
      templated('downloads', 'downloads'),
      templated('events', 'events'),
      templated('forks', 'forks'),
      templated('git_commits', 'git/commits{/sha}'),
      templated('git_refs', 'git/refs{/sha}'),
      templated('git_tags', 'git/tags{/sha}'),
      templated('hooks', 'hooks'),
      templated('issue_comment', 'issues/comments{/number}'),
      templated('issue_events', 'issues/events{/number}'),
      templated('issues', 'issues{/number}'),
      templated('keys', 'keys{/key_id}'),
      templated('labels', 'labels{/name}'),
      templated('languages', 'languages'),
      templated('merges', 'merges'),
      templated('milestones', 'milestones{/number}'),
      templated('notifications', 'notifications{?since,all,participating}'),
      templated('pulls', 'pulls{/number}'),
      templated('releases', 'releases{/id}'),
      templated('stargazers', 'stargazers'),
      templated('statuses', 'statuses/{sha}'),
      templated('subscribers', 'subscribers'),
      templated('subscription', 'subscription'),
      templated('tags', 'tags'),
      templated('teams', 'teams'),
      templated('trees', 'git/trees{/sha}'),
    ]),
  };
}

export function workflowObject(urls: Urls, workflow: WorkflowRecord): Json {
  return {
    id: workflow.id,
    node_id: nodeId('Workflow', workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: 'active',
    created_at: workflow.createdAt,
    updated_at: workflow.createdAt,
    url: `${repositoryBase(urls)}/actions/workflows/${workflow.id}`,
    html_url: `${htmlBase(urls)}/blob/${urls.repository.defaultBranch}/${workflow.path}`,
    badge_url: `${htmlBase(urls)}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

function pullRequestMinimal(urls: Urls, pull: PullRequestRef): Json {
  const repo = { id: urls.repository.id, url: repositoryBase(urls), name: urls.repository.name };
  return {
    id: pull.id,
    number: pull.number,
    url: `${repositoryBase(urls)}/pulls/${pull.number}`,
    head: { ref: pull.headRef, sha: pull.headSha, repo },
    base: { ref: pull.baseRef, sha: pull.baseSha, repo },
  };
}

export function workflowRunObject(urls: Urls, run: RunRecord, attempt = run.attempt): Json {
  const api = `${repositoryBase(urls)}/actions/runs/${run.id}`;
  const repository = repositoryObject(urls);
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.checkSuiteId,
    check_suite_node_id: nodeId('CheckSuite', run.checkSuiteId),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    run_attempt: attempt,
    event: run.event,
    status: attempt === run.attempt ? run.status : 'completed',
    conclusion: attempt === run.attempt ? run.conclusion : (run.conclusion ?? 'failure'),
    workflow_id: run.workflowId,
    url: api,
    html_url: `${htmlBase(urls)}/actions/runs/${run.id}`,
    pull_requests: run.pullRequests.map((p) => pullRequestMinimal(urls, p)),
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: userObject(urls, run.actor),
    triggering_actor: userObject(urls, run.triggeringActor),
    run_started_at: run.runStartedAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${repositoryBase(urls)}/check-suites/${run.checkSuiteId}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: attempt > 1 ? `${api}/attempts/${attempt - 1}` : null,
    workflow_url: `${repositoryBase(urls)}/actions/workflows/${run.workflowId}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha,
      message: 'commit',
      timestamp: run.createdAt,
      // The commit's author is whoever made the commit (repository.ts commits as this identity), not the run's actor.
      author: { name: 'dagline test', email: 'test@example.invalid' },
      committer: { name: 'dagline test', email: 'test@example.invalid' },
    },
    repository,
    head_repository: repository,
    head_repository_id: urls.repository.id,
  };
}

export function jobObject(urls: Urls, job: JobRecord): Json {
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${repositoryBase(urls)}/actions/runs/${job.runId}`,
    run_attempt: job.attempt,
    node_id: nodeId('Job', job.id),
    head_sha: job.headSha,
    url: `${repositoryBase(urls)}/actions/jobs/${job.id}`,
    html_url: `${htmlBase(urls)}/actions/runs/${job.runId}/job/${job.id}`,
    status: job.status === 'pending' ? 'queued' : job.status,
    conclusion: job.conclusion,
    created_at: job.createdAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((step) => ({
      name: step.name,
      status: step.status,
      conclusion: step.conclusion,
      number: step.number,
      started_at: step.startedAt,
      completed_at: step.completedAt,
    })),
    check_run_url: `${repositoryBase(urls)}/check-runs/${job.id}`,
    labels: job.labels,
    runner_id: job.status === 'queued' ? null : 1,
    runner_name: job.status === 'queued' ? null : 'GitHub Actions 1',
    runner_group_id: job.status === 'queued' ? null : 0,
    runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
    workflow_name: job.workflowName,
    head_branch: job.headBranch,
  };
}

export function artifactObject(urls: Urls, artifact: ArtifactRecord, run: RunRecord | undefined): Json {
  const api = `${repositoryBase(urls)}/actions/artifacts/${artifact.id}`;
  return {
    id: artifact.id,
    node_id: nodeId('Artifact', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.sizeInBytes,
    url: api,
    archive_download_url: `${api}/zip`,
    expired: false,
    created_at: artifact.createdAt,
    expires_at: artifact.expiresAt,
    updated_at: artifact.createdAt,
    digest: `sha256:${artifact.digest}`,
    workflow_run: run
      ? {
          id: run.id,
          repository_id: urls.repository.id,
          head_repository_id: urls.repository.id,
          head_branch: run.headBranch ?? '',
          head_sha: run.headSha,
        }
      : null,
  };
}

const ACTIONS_APP = {
  id: 15368,
  slug: 'github-actions',
  name: 'GitHub Actions',
};

export function checkRunObject(urls: Urls, check: CheckRunRecord, state: GitHubState): Json {
  const api = `${repositoryBase(urls)}/check-runs/${check.id}`;
  const owner: UserRecord = { login: 'github', id: 9919, type: 'User' };
  return {
    id: check.id,
    head_sha: check.headSha,
    node_id: nodeId('CheckRun', check.id),
    external_id: check.externalId,
    url: api,
    html_url: `${htmlBase(urls)}/runs/${check.id}`,
    details_url: check.detailsUrl,
    status: check.status,
    conclusion: check.conclusion,
    started_at: check.startedAt,
    completed_at: check.completedAt,
    output: {
      title: check.output.title,
      summary: check.output.summary,
      text: check.output.text,
      annotations_count: check.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: check.name,
    check_suite: { id: state.runs.find((r) => r.headSha === check.headSha)?.checkSuiteId ?? 1 },
    app: {
      id: ACTIONS_APP.id,
      slug: ACTIONS_APP.slug,
      node_id: nodeId('App', ACTIONS_APP.id),
      client_id: 'Iv1.0000000000000000',
      owner: userObject(urls, owner),
      name: ACTIONS_APP.name,
      description: 'Automate your workflow from idea to production',
      external_url: 'https://help.github.com/en/actions',
      html_url: `${WEB_URL}/apps/github-actions`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2019-12-10T19:04:12Z',
      permissions: { actions: 'write', checks: 'write', contents: 'write', metadata: 'read' },
      events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
    },
    pull_requests: [],
  };
}

export function annotationObject(urls: Urls, annotation: CheckRunRecord['annotations'][number]): Json {
  return {
    path: annotation.path,
    start_line: annotation.start_line,
    end_line: annotation.end_line,
    start_column: annotation.start_column ?? null,
    end_column: annotation.end_column ?? null,
    annotation_level: annotation.annotation_level,
    title: annotation.title ?? null,
    message: annotation.message,
    raw_details: annotation.raw_details ?? null,
    blob_href: `${htmlBase(urls)}/blob/HEAD/${annotation.path}`,
  };
}

export function commentObject(urls: Urls, comment: CommentRecord): Json {
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${repositoryBase(urls)}/issues/comments/${comment.id}`,
    html_url: `${htmlBase(urls)}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userObject(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repositoryBase(urls)}/issues/${comment.issueNumber}`,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'OWNER',
  };
}

export function diffEntryObject(urls: Urls, entry: DiffEntryRecord, headSha: string): Json {
  const path = entry.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: entry.sha,
    filename: entry.filename,
    status: entry.status,
    additions: entry.additions,
    deletions: entry.deletions,
    changes: entry.additions + entry.deletions,
    blob_url: `${htmlBase(urls)}/blob/${headSha}/${path}`,
    raw_url: `${htmlBase(urls)}/raw/${headSha}/${path}`,
    contents_url: `${repositoryBase(urls)}/contents/${path}?ref=${headSha}`,
    ...(entry.patch !== undefined && { patch: entry.patch }),
    ...(entry.previousFilename !== undefined && { previous_filename: entry.previousFilename }),
  };
}
