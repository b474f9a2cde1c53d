// A local, stateful stand-in for api.github.com that jobs reach through GITHUB_API_URL. Every request
// is matched to an operation of GitHub's OpenAPI description and checked against it (parameters,
// body), every response the fake sends is checked too, and both are counted per operation. A request
// that matches no operation, breaks its schema, or reaches an operation the fake does not answer is a
// contract violation: the run that made it fails (see GitHubHarness), whatever the client did with
// the error answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_VERSIONS,
  checkRequest,
  checkResponse,
  DEFAULT_API_VERSION,
  matchOperation,
  pathExists,
  type OperationIndexEntry,
} from './openapi-contract.js';
import { accessNeeded, grants, requiredScopes, type TokenGrant, type TokenRegistry } from './permissions.js';
import type { GitHubState } from './github-state.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ApiRequest {
  operation: OperationIndexEntry;
  /** Path and query parameters, typed by the description. */
  params: Record<string, Json>;
  body: Json | undefined;
  grant: TokenGrant;
  apiVersion: string;
  /** The fake's own base URL (what GITHUB_API_URL is). */
  baseUrl: string;
  /** The request's path and query, as sent. */
  path: string;
  query: URLSearchParams;
}

export interface ApiResponse {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

export type ApiHandler = (request: ApiRequest, api: FakeGitHubApi) => ApiResponse | Promise<ApiResponse>;

export interface RecordedRequest {
  operationId: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  status: number;
  /** Who made it: a job's name (`<run id>/<job>`) or the test's token holder. */
  holder: string;
  body: Json | undefined;
}

export interface ContractViolation {
  method: string;
  url: string;
  operationId?: string;
  holder?: string;
  problems: string[];
}

/** GitHub's error body. */
export function errorBody(message: string, status: number): Json {
  return {
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: String(status),
  };
}

export function notFound(): ApiResponse {
  return { status: 404, body: errorBody('Not Found', 404) };
}

export function unprocessable(message: string): ApiResponse {
  return { status: 422, body: errorBody(message, 422) };
}

/**
 * GitHub's pagination: `per_page` (default 30, at most 100) and `page`, with a Link header
 * naming the next, last, first and previous pages.
 */
export function paginate<T>(items: T[], request: ApiRequest): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(request.params.per_page ?? 30), 100);
  const page = Math.max(Number(request.params.page ?? 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(request.query);
    q.set('page', String(p));
    return `<${request.baseUrl}${request.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

export interface FakeApiOptions {
  /** Requests per hour a repository's GITHUB_TOKENs may make together (GitHub: 1,000). */
  rateLimit?: number;
}

export class FakeGitHubApi {
  readonly requests: RecordedRequest[] = [];
  private readonly violationList: ContractViolation[] = [];
  private readonly handlers = new Map<string, ApiHandler>();
  private readonly blobs = new Map<string, { data: Buffer; contentType: string }>();
  private jobTokenRequests = 0;
  private server!: Server;
  url = '';

  private constructor(
    readonly state: GitHubState,
    readonly tokens: TokenRegistry,
    private readonly options: FakeApiOptions,
  ) {}

  static async start(state: GitHubState, tokens: TokenRegistry, options: FakeApiOptions = {}): Promise<FakeGitHubApi> {
    const api = new FakeGitHubApi(state, tokens, options);
    api.server = createServer((req, res) => {
      api.serve(req, res).catch((error: unknown) => {
        api.violationList.push({
          method: req.method ?? '',
          url: req.url ?? '',
          problems: [`the fake failed: ${(error as Error).stack ?? String(error)}`],
        });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody('fake failure', 500)));
      });
    });
    // Jobs poll (dispatch --wait): keep-alive sockets must not hold close() up.
    api.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  /** Answers an operation (or replaces the answer the fake gives): tests extend the fake with this. */
  handle(operationId: string, handler: ApiHandler): void {
    this.handlers.set(operationId, handler);
  }

  /** Serves bytes at a signed-looking URL outside the API, as GitHub's blob storage does; returns the URL. */
  putBlob(key: string, data: Buffer, contentType: string): string {
    this.blobs.set(key, { data, contentType });
    return `${this.url}/_blob/${key}?sig=${Buffer.from(key).toString('hex').slice(0, 16)}`;
  }

  /** Requests counted per operation id. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests) counts[request.operationId] = (counts[request.operationId] ?? 0) + 1;
    return counts;
  }

  count(operationId: string): number {
    return this.requests.filter((r) => r.operationId === operationId).length;
  }

  get violations(): readonly ContractViolation[] {
    return this.violationList;
  }

  /** The violations recorded so far, which are then forgotten (a test that provokes one takes it). */
  takeViolations(): ContractViolation[] {
    return this.violationList.splice(0);
  }

  violationCount(): number {
    return this.violationList.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private violation(v: ContractViolation): void {
    this.violationList.push(v);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);

    if (url.pathname.startsWith('/_blob/')) {
      const blob = this.blobs.get(url.pathname.slice('/_blob/'.length));
      if (!blob) return send(res, 404, { 'content-type': 'text/plain' }, 'BlobNotFound');
      return send(res, 200, { 'content-type': blob.contentType }, blob.data);
    }

    const reply = (status: number, body: Json | undefined, headers: Record<string, string> = {}) =>
      send(
        res,
        status,
        { ...(body !== undefined && { 'content-type': 'application/json; charset=utf-8' }), ...headers },
        body === undefined ? undefined : JSON.stringify(body),
      );

    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const matched = matchOperation(method, url.pathname);
    const operationId = matched?.entry.operationId;
    const record = (status: number, holder: string, body: Json | undefined) =>
      this.requests.push({
        operationId: operationId ?? '(none)',
        method,
        url: url.pathname + url.search,
        status,
        holder,
        body,
      });

    if (!auth) {
      this.violation({
        method,
        url: req.url ?? '',
        operationId,
        problems: ['no Authorization header (token or bearer)'],
      });
      record(401, '(anonymous)', undefined);
      return reply(401, errorBody('Requires authentication', 401));
    }
    const grant = this.tokens.get(auth[1]!);
    if (!grant || grant.expired) {
      // A job token used after its job ended, or a made-up one: GitHub's answer, and a bug in the caller.
      this.violation({
        method,
        url: req.url ?? '',
        operationId,
        problems: [grant ? `token of ${grant.holder} used after its job ended` : 'unknown token'],
      });
      record(401, grant?.holder ?? '(unknown)', undefined);
      return reply(401, errorBody('Bad credentials', 401));
    }

    if (!matched) {
      this.violation({
        method,
        url: req.url ?? '',
        holder: grant.holder,
        problems: [
          pathExists(url.pathname)
            ? `${method} is not an operation of ${url.pathname}`
            : `${method} ${url.pathname} matches no operation of GitHub's REST API`,
        ],
      });
      record(404, grant.holder, undefined);
      return reply(404, errorBody('Not Found', 404));
    }
    const { entry, params: pathParams } = matched;

    const apiVersion = String(req.headers['x-github-api-version'] ?? DEFAULT_API_VERSION);
    if (!(API_VERSIONS as readonly string[]).includes(apiVersion)) {
      this.violation({
        method,
        url: req.url ?? '',
        operationId,
        holder: grant.holder,
        problems: [`API version ${apiVersion} is not one GitHub answers`],
      });
      record(400, grant.holder, undefined);
      return reply(400, errorBody(`Unsupported 'X-GitHub-Api-Version' header: ${apiVersion}`, 400));
    }

    let body: Json | undefined;
    if (raw.length > 0) {
      const type = req.headers['content-type'] ?? '';
      try {
        if (!/json/i.test(type)) throw new Error(`content-type ${type || '(none)'} is not JSON`);
        body = JSON.parse(raw.toString('utf8')) as Json;
      } catch (error) {
        this.violation({
          method,
          url: req.url ?? '',
          operationId,
          holder: grant.holder,
          problems: [`body: ${(error as Error).message}`],
        });
        record(400, grant.holder, undefined);
        return reply(400, errorBody('Problems parsing JSON', 400));
      }
    }

    const checked = checkRequest(entry, pathParams, url.searchParams, body, apiVersion);
    if (checked.problems.length > 0) {
      this.violation({ method, url: req.url ?? '', operationId, holder: grant.holder, problems: checked.problems });
      record(422, grant.holder, body);
      return reply(422, { ...(errorBody('Validation Failed', 422) as object), errors: checked.problems } as Json);
    }

    const repo = this.state.repository;
    if (
      'owner' in pathParams &&
      (String(pathParams.owner).toLowerCase() !== repo.owner.login.toLowerCase() ||
        String(pathParams.repo).toLowerCase() !== repo.name.toLowerCase())
    ) {
      record(404, grant.holder, body);
      return reply(404, errorBody('Not Found', 404));
    }

    const scopes = requiredScopes(entry.category, entry.operationId);
    if (!scopes) {
      this.violation({
        method,
        url: req.url ?? '',
        operationId,
        holder: grant.holder,
        problems: [`no token permission is known for category "${entry.category}": add it to permissions.ts`],
      });
      record(500, grant.holder, body);
      return reply(500, errorBody('fake: unknown permission', 500));
    }
    if (!grants(grant.permissions, scopes, accessNeeded(method))) {
      record(403, grant.holder, body);
      return reply(403, errorBody('Resource not accessible by integration', 403));
    }

    if (grant.token.startsWith('ghs_')) {
      this.jobTokenRequests += 1;
      if (this.jobTokenRequests > (this.options.rateLimit ?? 1000)) {
        record(403, grant.holder, body);
        return reply(403, errorBody('API rate limit exceeded for installation.', 403), {
          'x-ratelimit-limit': String(this.options.rateLimit ?? 1000),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        });
      }
    }

    const handler = this.handlers.get(entry.operationId);
    if (!handler) {
      this.violation({
        method,
        url: req.url ?? '',
        operationId,
        holder: grant.holder,
        problems: [
          `${entry.operationId} is GitHub's, but the fake does not answer it: add a handler (api-handlers.ts)`,
        ],
      });
      record(501, grant.holder, body);
      return reply(501, errorBody('Not implemented by the fake', 501));
    }
    const response = await handler(
      {
        operation: entry,
        params: checked.params,
        body,
        grant,
        apiVersion,
        baseUrl: this.url,
        path: url.pathname,
        query: url.searchParams,
      },
      this,
    );
    const headers: Record<string, string> = {
      'x-github-api-version-selected': apiVersion,
      'x-ratelimit-limit': String(this.options.rateLimit ?? 1000),
      'x-ratelimit-remaining': String(Math.max((this.options.rateLimit ?? 1000) - this.jobTokenRequests, 0)),
      ...Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const problems = checkResponse(entry, response.status, headers, response.body, apiVersion);
    if (problems.length > 0)
      this.violation({
        method,
        url: req.url ?? '',
        operationId,
        holder: grant.holder,
        problems: problems.map((p) => `fake's ${p}`),
      });
    record(response.status, grant.holder, body);
    return reply(response.status, response.body, headers);
  }
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): void {
  res.writeHead(status, headers);
  res.end(body);
}
