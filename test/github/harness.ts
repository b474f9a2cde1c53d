// GitHubHarness: the offline stand-in for GitHub that dagline's GitHub face is proven against. It owns
// a git repository, a fake REST API (fake-github-api.ts), and runs workflows of that repository as
// GitHub runs them (workflow-run.ts, job-runner.ts), for the events a test raises. See README.md.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiRefusal, registerHandlers } from './api-handlers.js';
import { repositoryObject, userObject, type Urls } from './api-objects.js';
import { artifactBytes } from './artifact-actions.js';
import { ConcurrencyGroups } from './concurrency.js';
import { daglineActionFolder, REPOSITORY_ROOT } from './dagline-action.js';
import { child, evaluateText, EvaluationError, type Value } from './expressions.js';
import { FakeGitHubApi, type Json } from './fake-github-api.js';
import { GitHubState, type RunRecord, type UserRecord } from './github-state.js';
import type { RunnerServices } from './job-runner.js';
import {
  defaultPermissions,
  permissionsFrom,
  TokenRegistry,
  type DefaultPermissions,
  type Permissions,
} from './permissions.js';
import { Semaphore } from './processes.js';
import {
  changedFiles,
  commitExists,
  commitFiles,
  currentBranch,
  ensureRepository,
  fullRef,
  git,
  listFilesAt,
  mergeCommit,
  pullRequestFiles,
  readFileAt,
  resolveCommit,
} from './repository.js';
import { loadWorkflow, WorkflowFileError, type LoadedWorkflow } from './workflow-file.js';
import { WorkflowRun, type EventInfo, type RunHost } from './workflow-run.js';

export interface HarnessOptions {
  /** The repository folder; made a git repository (everything committed) when it is not one. */
  repo: string;
  /** `owner/name` the repository has on the fake GitHub (default acme/<folder name>). */
  repository?: string;
  /** `owner/repo@<40 hex>`: the `uses:` that means dagline's action, run from the working tree. */
  daglineAction?: string;
  /** owner/repo -> the full SHA the compiler pins; default: src/compile/pinned-actions.ts when it exists. */
  pinnedActions?: Record<string, string>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** The repository's default GITHUB_TOKEN permissions for jobs that set none (GitHub's default: restricted). */
  defaultPermissions?: DefaultPermissions;
  /** Jobs (legs) running at once on the fake's runners. */
  concurrentJobs?: number;
  /** Milliseconds one `timeout-minutes` minute lasts (tests of timeouts shorten it). */
  minuteMs?: number;
  /** Runs created through the REST API (workflow dispatch): started at once (default) or left queued. */
  onApiDispatch?: 'execute' | 'hold';
  /** The person who raises events and whose token `gh.token` is. */
  actor?: string;
  /** Requests per hour a repository's job tokens may make (GitHub: 1,000). */
  rateLimit?: number;
  /** Variables every step gets, as a self-hosted runner's `.env` gives them (e.g. DAGLINE_POLL_MS). */
  runnerEnv?: Record<string, string>;
}

export const DEFAULT_DAGLINE_ACTION = `dagline/dagline@${'d'.repeat(40)}`;
const BOT: UserRecord = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/** The pins in src/compile/pinned-actions.ts (whatever its shape: every `owner/repo@sha` it exports). */
async function compilerPins(): Promise<Record<string, string>> {
  const pins: Record<string, string> = {};
  let module: Record<string, unknown>;
  try {
    // A variable path: the file does not exist until the compiler lands, and TypeScript must not look for it.
    const path = '../../src/compile/pinned-actions.js';
    module = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
  } catch {
    return pins;
  }
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      const match = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\b/.exec(value);
      if (match) pins[match[1]!] = match[2]!;
    } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  Object.values(module).forEach(visit);
  return pins;
}

export interface DispatchOptions {
  inputs?: Record<string, string | number | boolean>;
  /** A branch or tag (default: the default branch). */
  ref?: string;
}

export class GitHubHarness {
  readonly runs: WorkflowRun[] = [];
  private readonly background: Promise<unknown>[] = [];
  private readonly workflowCache = new Map<string, Promise<LoadedWorkflow>>();
  private readonly host: RunHost;
  readonly actor: UserRecord;
  /** A personal token of the actor with every permission: for the test's own REST calls and the CLI. */
  readonly token: string;
  private readonly tempRoot: string;

  private constructor(
    readonly repoDir: string,
    readonly state: GitHubState,
    readonly api: FakeGitHubApi,
    readonly tokens: TokenRegistry,
    private readonly options: HarnessOptions,
    pins: Record<string, string>,
  ) {
    this.tempRoot = mkdtempSync(join(tmpdir(), 'dagline-gh-'));
    this.actor = state.repository.owner;
    this.token = tokens.mint(this.actor.login, permissionsFrom('write-all'), 'ghp_').token;
    const services: RunnerServices = {
      state,
      api,
      tokens,
      repoDir,
      tempRoot: this.tempRoot,
      minuteMs: options.minuteMs ?? 60_000,
      daglineAction: options.daglineAction ?? DEFAULT_DAGLINE_ACTION,
      pinnedActions: pins,
      uploadsByJob: new Map(),
      hostPath: process.env.PATH ?? '/usr/bin:/bin',
      runnerEnv: options.runnerEnv ?? {},
    };
    this.host = {
      services,
      concurrency: new ConcurrencyGroups(),
      runnerSlots: new Semaphore(options.concurrentJobs ?? 4),
      secrets: options.secrets ?? {},
      vars: options.vars ?? {},
      defaultPermissions: defaultPermissions(options.defaultPermissions ?? 'restricted'),
      loadWorkflowAt: (sha, path) => this.workflowAt(sha, path),
      githubContext: (run) => this.githubContext(run),
      contractViolations: () => api.violationCount(),
      describeViolationsSince: (mark) => {
        const list = api.violations.slice(mark);
        return list.length
          ? list
              .map(
                (v) =>
                  `  ${v.method} ${v.url}${v.operationId ? ` (${v.operationId})` : ''} by ${v.holder ?? '?'}: ${v.problems.join('; ')}`,
              )
              .join('\n')
          : undefined;
      },
    };
  }

  static async start(options: HarnessOptions): Promise<GitHubHarness> {
    const [owner, name] = (options.repository ?? `acme/${basename(options.repo)}`).split('/') as [string, string];
    let branch = 'main';
    try {
      branch = currentBranch(options.repo);
    } catch {
      // not a repository yet
    }
    ensureRepository(options.repo, branch);
    const state = new GitHubState({
      owner: { login: owner, id: 5001, type: 'User' },
      name,
      id: 6001,
      defaultBranch: currentBranch(options.repo),
      private: true,
    });
    const tokens = new TokenRegistry();
    const api = await FakeGitHubApi.start(state, tokens, { rateLimit: options.rateLimit ?? 1000 });
    const pins = { ...(await compilerPins()), ...options.pinnedActions };
    const harness = new GitHubHarness(options.repo, state, api, tokens, options, pins);
    // dagline's action is bundled at most once per test run, but the first bundle takes ncc tens of
    // seconds of CPU: start it now, beside whatever runs first, rather than when a job first uses it.
    daglineActionFolder().catch(() => undefined);
    registerHandlers(api, {
      dispatch: async (workflow, ref, inputs, actor) => {
        const run = await harness.createDispatchRun(workflow.path, ref, inputs as Record<string, Json>, actor, true);
        if ((options.onApiDispatch ?? 'execute') === 'execute')
          harness.background.push(run.execute().catch((e: unknown) => e));
        return run.record;
      },
      cancel: (record) => harness.runs.find((r) => r.record === record)?.cancel(),
      commitExists: (sha) => commitExists(options.repo, sha),
      artifactZip: artifactBytes,
      actorOf: (holder) => (tokens.get(holder)?.token.startsWith('ghs_') || holder.includes('/') ? BOT : harness.actor),
    });
    harness.registerWorkflows(state.repository.defaultBranch);
    return harness;
  }

  /** Makes a token with the given permissions (e.g. a fork's read-only one) for the test's own calls. */
  tokenWith(permissions: Partial<Permissions>, holder = 'test'): string {
    return this.tokens.mint(holder, { ...permissionsFrom({}), ...permissions }, 'ghp_').token;
  }

  /** Commits files on a branch (created from the default branch when new); returns the commit's sha. */
  commit(files: Record<string, string | null>, options: { branch?: string; message?: string } = {}): string {
    const branch = options.branch ?? this.state.repository.defaultBranch;
    const current = currentBranch(this.repoDir);
    if (branch !== current)
      git(this.repoDir, [
        'checkout',
        '-q',
        ...(resolveCommit(this.repoDir, `refs/heads/${branch}`) ? [] : ['-b']),
        branch,
      ]);
    try {
      return commitFiles(this.repoDir, files, options.message);
    } finally {
      if (branch !== current) git(this.repoDir, ['checkout', '-q', current]);
    }
  }

  run(id: number): WorkflowRun {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw new Error(`no run ${id}`);
    return run;
  }

  /** Runs created by a REST workflow dispatch (e.g. by dagline dispatch), in the order they were made. */
  runsOf(workflowFile: string): WorkflowRun[] {
    return this.runs.filter((r) => r.workflow.path.endsWith(`/${workflowFile}`) || r.workflow.path === workflowFile);
  }

  /** A workflow_dispatch run of a workflow file, queued (call `run.execute()` to run it). */
  dispatch(workflowFile: string, options: DispatchOptions = {}): Promise<WorkflowRun> {
    return this.createDispatchRun(
      workflowFile.includes('/') ? workflowFile : `.github/workflows/${workflowFile}`,
      options.ref ?? this.state.repository.defaultBranch,
      options.inputs ?? {},
      this.actor,
      false,
    );
  }

  /** A scheduled run of a workflow file for one of its crons (queued). */
  async schedule(workflowFile: string, cron: string): Promise<WorkflowRun> {
    const path = workflowFile.includes('/') ? workflowFile : `.github/workflows/${workflowFile}`;
    const branch = this.state.repository.defaultBranch;
    const sha = resolveCommit(this.repoDir, `refs/heads/${branch}`)!;
    const workflow = await this.workflowAt(sha, path);
    const crons = (workflow.template.events.schedule ?? []).map((s) => s.cron);
    if (!crons.includes(cron))
      throw new Error(`${path} has no schedule "${cron}" (it has: ${crons.join(', ') || 'none'})`);
    return this.createRun(
      workflow,
      branchEvent(
        'schedule',
        { schedule: cron, repository: this.repositoryPayload(), workflow: path },
        `refs/heads/${branch}`,
        sha,
      ),
      {},
      this.actor,
    );
  }

  /** A push of a branch (its current head): runs of every workflow whose push trigger it matches (queued). */
  async push(options: { branch?: string; before?: string } = {}): Promise<WorkflowRun[]> {
    const branch = options.branch ?? this.state.repository.defaultBranch;
    const sha = resolveCommit(this.repoDir, `refs/heads/${branch}`);
    if (!sha) throw new Error(`no branch ${branch}`);
    const before = options.before ?? resolveCommit(this.repoDir, `${sha}~1`);
    const files = changedFiles(this.repoDir, before, sha);
    const runs: WorkflowRun[] = [];
    for (const path of this.workflowFiles(sha, 'push')) {
      const workflow = await this.workflowAt(sha, path);
      const push = workflow.template.events.push;
      if (!push || !branchMatches(push, branch) || !pathsMatch(push, files)) continue;
      runs.push(
        await this.createRun(
          workflow,
          branchEvent(
            'push',
            {
              ref: `refs/heads/${branch}`,
              before: before ?? '0'.repeat(40),
              after: sha,
              created: false,
              deleted: false,
              forced: false,
              base_ref: null,
              commits: [],
              head_commit: { id: sha, message: 'change', timestamp: this.state.clock.now() },
              repository: this.repositoryPayload(),
              pusher: { name: this.actor.login, email: null },
              sender: this.sender(this.actor),
            },
            `refs/heads/${branch}`,
            sha,
          ),
          {},
          this.actor,
        ),
      );
    }
    return runs;
  }

  /**
   * A pull request event (opened, synchronize...) from `head` into `base`: runs of every workflow
   * whose pull_request trigger matches, on the merge commit GitHub makes (queued). The pull request
   * is created on the first event and updated on later ones.
   */
  async pullRequest(options: {
    number: number;
    head: string;
    base?: string;
    action?: 'opened' | 'synchronize' | 'reopened' | 'edited' | 'closed';
    fromFork?: boolean;
    title?: string;
  }): Promise<WorkflowRun[]> {
    const base = options.base ?? this.state.repository.defaultBranch;
    const action = options.action ?? 'opened';
    const headSha = resolveCommit(this.repoDir, `refs/heads/${options.head}`);
    const baseSha = resolveCommit(this.repoDir, `refs/heads/${base}`);
    if (!headSha || !baseSha)
      throw new Error(`pull request #${options.number}: no branch ${headSha ? base : options.head}`);
    const sha = mergeCommit(this.repoDir, options.number, baseSha, headSha);
    const files = pullRequestFiles(this.repoDir, baseSha, headSha);
    let pull = this.state.pullRequests.find((p) => p.number === options.number);
    if (!pull) {
      pull = {
        id: this.state.nextId(),
        number: options.number,
        title: options.title ?? `pull request ${options.number}`,
        headRef: options.head,
        headSha,
        baseRef: base,
        baseSha,
        fromFork: options.fromFork ?? false,
        files,
      };
      this.state.pullRequests.push(pull);
    } else Object.assign(pull, { headSha, baseSha, files });
    const urls = this.urls();
    const payload: Record<string, Value> = {
      action,
      number: options.number,
      pull_request: {
        id: pull.id,
        number: pull.number,
        title: pull.title,
        state: action === 'closed' ? 'closed' : 'open',
        head: {
          ref: options.head,
          sha: headSha,
          repo: {
            full_name: pull.fromFork
              ? `fork/${urls.repository.name}`
              : `${urls.repository.owner.login}/${urls.repository.name}`,
            fork: pull.fromFork,
          },
        },
        base: {
          ref: base,
          sha: baseSha,
          repo: { full_name: `${urls.repository.owner.login}/${urls.repository.name}`, fork: false },
        },
        user: this.sender(this.actor),
      },
      repository: this.repositoryPayload(),
      sender: this.sender(this.actor),
    };
    const runs: WorkflowRun[] = [];
    for (const path of this.workflowFiles(sha, 'pull_request')) {
      const workflow = await this.workflowAt(sha, path);
      const trigger = workflow.template.events.pull_request;
      if (!trigger) continue;
      const types = trigger.types ?? ['opened', 'synchronize', 'reopened'];
      if (
        !types.includes(action) ||
        !branchMatches(trigger, base) ||
        !pathsMatch(
          trigger,
          files.map((f) => f.filename),
        )
      )
        continue;
      const run = await this.createRun(
        workflow,
        {
          name: 'pull_request',
          payload,
          ref: `refs/pull/${options.number}/merge`,
          sha,
          headRef: options.head,
          baseRef: base,
          fromFork: pull.fromFork,
        },
        {},
        this.actor,
      );
      run.record.pullRequests.push({
        id: pull.id,
        number: pull.number,
        headRef: pull.headRef,
        headSha,
        baseRef: base,
        baseSha,
      });
      runs.push(run);
    }
    return runs;
  }

  /** Waits for runs started by REST dispatches, stops the fake, removes runners' folders; throws on any contract violation left. */
  async close(): Promise<void> {
    await Promise.all(this.background);
    await this.api.close();
    rmSync(this.tempRoot, { recursive: true, force: true });
    const left = this.api.violations;
    if (left.length)
      throw new Error(
        `REST requests broke GitHub's contract:\n${left.map((v) => `  ${v.method} ${v.url}: ${v.problems.join('; ')}`).join('\n')}`,
      );
  }

  private urls(): Urls {
    return { api: this.api.url, repository: this.state.repository };
  }

  private repositoryPayload(): Value {
    return repositoryObject(this.urls()) as Value;
  }

  private sender(user: UserRecord): Value {
    return userObject(this.urls(), user) as Value;
  }

  /** Workflow files at a commit that may have a trigger: a file that never names the event cannot. */
  private workflowFiles(sha: string, event: string): string[] {
    return listFilesAt(this.repoDir, sha, '.github/workflows').filter(
      (p) => /\.ya?ml$/.test(p) && (readFileAt(this.repoDir, sha, p) ?? '').includes(event),
    );
  }

  private registerWorkflows(branch: string): void {
    const sha = resolveCommit(this.repoDir, `refs/heads/${branch}`);
    if (!sha) return;
    for (const path of listFilesAt(this.repoDir, sha, '.github/workflows').filter((p) => /\.ya?ml$/.test(p))) {
      const workflow = this.state.workflowFor(path);
      const text = readFileAt(this.repoDir, sha, path) ?? '';
      const name = /^name:\s*(.+)$/m
        .exec(text)?.[1]
        ?.trim()
        .replace(/^(['"])(.*)\1$/, '$2');
      if (name) workflow.name = name;
    }
  }

  /**
   * A workflow file as it is at a commit, parsed and validated (cached per commit); or, named
   * `owner/repo/path@sha`, a reusable workflow of dagline's repository (below).
   */
  private workflowAt(sha: string, path: string): Promise<LoadedWorkflow> {
    let text: string | undefined;
    try {
      text = this.workflowText(sha, path);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (text === undefined) return Promise.reject(new Error(`${path} does not exist at ${sha}`));
    // The same text parses the same, at any commit, unless it calls other files (which may differ).
    const key = /uses:\s*['"]?\.\//.test(text) ? `${sha}:${path}` : `${path}:${text}`;
    let loaded = this.workflowCache.get(key);
    if (!loaded) {
      loaded = loadWorkflow(path, text, (other) => this.workflowText(sha, other));
      this.workflowCache.set(key, loaded);
    }
    return loaded;
  }

  /**
   * A file of the repository at a commit, or a workflow of another repository. Only dagline's own
   * are emulated (`OWNER/dagline/.github/workflows/run.yml@SHA`, the repository and SHA of dagline's
   * action): read from the working tree, as dagline's action runs from it.
   */
  private workflowText(sha: string, path: string): string | undefined {
    const remote = /^([\w.-]+\/[\w.-]+)\/(.+)@(.+)$/.exec(path);
    if (!remote) return readFileAt(this.repoDir, sha, path);
    const [, repo, file, ref] = remote as unknown as [string, string, string, string];
    const dagline = this.host.services.daglineAction;
    if (`${repo}@${ref}` !== dagline)
      throw new Error(
        `uses: ${path}: the harness runs only local reusable workflows and dagline's own, at the pin of its action (${dagline.replace('@', `/${file}@`)})`,
      );
    const local = join(REPOSITORY_ROOT, file);
    return existsSync(local) ? readFileSync(local, 'utf8') : undefined;
  }

  private async createDispatchRun(
    path: string,
    ref: string,
    given: Record<string, Json>,
    actor: UserRecord,
    throughApi: boolean,
  ): Promise<WorkflowRun> {
    const full = fullRef(this.repoDir, ref);
    if (!full) throw new ApiRefusal(422, `No ref found for: ${ref}`);
    const sha = resolveCommit(this.repoDir, full)!;
    let workflow: LoadedWorkflow;
    try {
      workflow = await this.workflowAt(sha, path);
    } catch (error) {
      if (error instanceof WorkflowFileError && throughApi) throw new ApiRefusal(422, error.message);
      throw error;
    }
    const dispatch = workflow.template.events.workflow_dispatch;
    if (!dispatch) throw new ApiRefusal(422, "Workflow does not have 'workflow_dispatch' trigger");
    const definitions = dispatch.inputs ?? {};
    const unexpected = Object.keys(given).filter((name) => !(name in definitions));
    if (unexpected.length) throw new ApiRefusal(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
    const inputs: Record<string, Value> = {};
    const eventInputs: Record<string, Value> = {};
    for (const [name, definition] of Object.entries(definitions)) {
      let value: Json | undefined = given[name];
      if (value === undefined || value === '') {
        if (definition.required && definition.default === undefined)
          throw new ApiRefusal(422, `Required input '${name}' not provided`);
        value = definition.default ?? (definition.type === 'boolean' ? false : '');
      }
      const text = String(value);
      switch (definition.type) {
        case 'boolean':
          if (text !== 'true' && text !== 'false')
            throw new ApiRefusal(422, `Provided value '${text}' for input '${name}' is not a boolean`);
          inputs[name] = text === 'true';
          break;
        case 'choice':
          if (!(definition.options ?? []).includes(text))
            throw new ApiRefusal(422, `Provided value '${text}' for input '${name}' not in the list of allowed values`);
          inputs[name] = text;
          break;
        case 'number' as string:
          if (text.trim() === '' || Number.isNaN(Number(text)))
            throw new ApiRefusal(422, `Provided value '${text}' for input '${name}' is not a number`);
          inputs[name] = Number(text);
          break;
        default:
          inputs[name] = text;
      }
      eventInputs[name] = text;
    }
    return this.createRun(
      workflow,
      branchEvent(
        'workflow_dispatch',
        {
          inputs: eventInputs,
          ref: full,
          repository: this.repositoryPayload(),
          sender: this.sender(actor),
          workflow: path,
        },
        full,
        sha,
      ),
      inputs,
      actor,
    );
  }

  private async createRun(
    workflow: LoadedWorkflow,
    event: EventInfo,
    inputs: Record<string, Value>,
    actor: UserRecord,
  ): Promise<WorkflowRun> {
    const { state } = this;
    const workflowRecord = state.workflowFor(workflow.path);
    workflowRecord.name = workflow.name;
    const now = state.clock.now();
    const record: RunRecord = {
      id: state.nextId(),
      runNumber: state.runs.filter((r) => r.workflowId === workflowRecord.id).length + 1,
      workflowId: workflowRecord.id,
      path: workflow.path,
      name: workflow.name,
      displayTitle: workflow.name,
      event: event.name,
      headBranch: event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : event.headRef || null,
      headSha:
        event.name === 'pull_request'
          ? String((event.payload.pull_request as Record<string, Record<string, Value>>).head!.sha)
          : event.sha,
      actor,
      triggeringActor: actor,
      createdAt: now,
      updatedAt: now,
      runStartedAt: now,
      status: 'queued',
      conclusion: null,
      attempt: 1,
      jobs: [],
      pullRequests: [],
      checkSuiteId: state.nextId(),
    };
    const run = new WorkflowRun(this.host, workflow, event, record, inputs);
    // run-name, with the github and inputs contexts (GitHub's default: the workflow's name, or the commit message on push).
    const runName = child(workflow.root, 'run-name');
    try {
      record.displayTitle = runName
        ? evaluateText(
            runName,
            { contexts: { github: this.githubContext(run), inputs, vars: this.options.vars ?? {} } },
            'run-name',
          )
        : event.name === 'pull_request'
          ? String((event.payload.pull_request as Record<string, Value>).title)
          : event.name === 'push'
            ? 'change'
            : workflow.name;
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      record.displayTitle = workflow.name;
    }
    state.runs.push(record);
    this.runs.push(run);
    return run;
  }

  private githubContext(run: WorkflowRun): Record<string, Value> {
    const repo = this.state.repository;
    const event = run.event;
    const refName = event.ref.replace(/^refs\/(heads|tags)\//, '');
    return {
      action: '',
      action_path: '',
      action_ref: '',
      action_repository: '',
      actor: run.record.actor.login,
      actor_id: String(run.record.actor.id),
      api_url: this.api.url,
      base_ref: event.baseRef,
      event: event.payload,
      event_name: event.name,
      graphql_url: `${this.api.url}/graphql`,
      head_ref: event.headRef,
      ref: event.ref,
      ref_name: event.name === 'pull_request' ? `${String((event.payload.number as number) ?? '')}/merge` : refName,
      ref_protected: false,
      ref_type: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      repository: `${repo.owner.login}/${repo.name}`,
      repository_id: String(repo.id),
      repository_owner: repo.owner.login,
      repository_owner_id: String(repo.owner.id),
      repositoryUrl: `git://github.com/${repo.owner.login}/${repo.name}.git`,
      retention_days: '90',
      run_attempt: String(run.attempt),
      run_id: String(run.id),
      run_number: String(run.record.runNumber),
      secret_source: 'Actions',
      server_url: 'https://github.com',
      sha: event.sha,
      triggering_actor: run.record.triggeringActor.login,
      workflow: run.workflow.name,
      workflow_ref: `${repo.owner.login}/${repo.name}/${run.workflow.path}@${event.ref}`,
      workflow_sha: event.sha,
    };
  }
}

/** An event on a branch or tag (anything but a pull request). */
function branchEvent(name: string, payload: Record<string, Value>, ref: string, sha: string): EventInfo {
  return { name, payload, ref, sha, headRef: '', baseRef: '', fromFork: false };
}

/** GitHub's branch filters of a push or pull_request trigger (`branches`, `branches-ignore`), as globs. */
function branchMatches(trigger: { branches?: string[]; 'branches-ignore'?: string[] }, branch: string): boolean {
  if (trigger.branches) return trigger.branches.some((pattern) => globMatch(pattern, branch));
  if (trigger['branches-ignore']) return !trigger['branches-ignore'].some((pattern) => globMatch(pattern, branch));
  return true;
}

function pathsMatch(trigger: { paths?: string[]; 'paths-ignore'?: string[] }, files: string[]): boolean {
  if (trigger.paths) {
    // Later patterns win; a `!` pattern excludes what an earlier one included.
    return files.some((file) => {
      let included = false;
      for (const pattern of trigger.paths!) {
        if (pattern.startsWith('!')) {
          if (globMatch(pattern.slice(1), file)) included = false;
        } else if (globMatch(pattern, file)) included = true;
      }
      return included;
    });
  }
  if (trigger['paths-ignore'])
    return files.some((file) => !trigger['paths-ignore']!.some((pattern) => globMatch(pattern, file)));
  return true;
}

/** GitHub's filter pattern syntax: `*` within a segment, `**` across, `?`, `+`, `[]`. */
function globMatch(pattern: string, text: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '.';
    else if (c === '+' || c === '[' || c === ']') source += c;
    else source += c.replace(/[.^$(){}|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(text);
}
