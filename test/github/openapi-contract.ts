// GitHub's REST contract, read from its own OpenAPI description (@octokit/openapi, api.github.com):
// which operation a request is, and whether the request and the fake's response hold to it.
//
// The description is 13 MB of JSON (over a second to parse): the list of operations and each
// operation's own schemas (with only the components they reach) are cached on disk beside
// node_modules' other caches, keyed on the package's version, so a test file parses the whole
// description only the first time an operation is used on this machine.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';

const require = createRequire(import.meta.url);
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One operation of the description: what a route is matched and checked with. */
export interface OperationIndexEntry {
  operationId: string;
  method: string;
  path: string;
  /** `x-github.category`, e.g. actions, checks, issues, pulls: the token permission it needs. */
  category: string;
  subcategory: string;
}

/** Everything one operation is checked with, self-contained (its components included). */
interface OperationContract {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { required: boolean; schema: Json };
  /** By status code: the JSON schema of the body (null: no body), and the headers it must have. */
  responses: Record<string, { schema: Json | null; headers: string[] }>;
  /** API versions that change this operation: JSON patches applied to it (GitHub's x-github-breaking-changes). */
  breakingChanges: { version: string; patch: { op: string; path: string; value?: Json }[] }[];
  components: JsonObject;
}

/** The API versions GitHub answers; any other `X-GitHub-Api-Version` gets a 400. */
export const API_VERSIONS = ['2022-11-28', '2026-03-10'] as const;
export const DEFAULT_API_VERSION = '2022-11-28';

const packageJson = require.resolve('@octokit/openapi/package.json');
const packageVersion = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
const cacheDir = join(
  dirname(require.resolve('ajv/package.json')),
  '..',
  '.cache',
  'dagline-github-harness',
  `openapi-${packageVersion}`,
);

let fullDescription: JsonObject | undefined;
function description(): JsonObject {
  fullDescription ??= JSON.parse(
    readFileSync(join(dirname(packageJson), 'generated', 'api.github.com.json'), 'utf8'),
  ) as JsonObject;
  return fullDescription;
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function readCached<T>(file: string, build: () => T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    const value = build();
    writeAtomically(file, JSON.stringify(value));
    return value;
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

let index: OperationIndexEntry[] | undefined;
/** Every operation of api.github.com, with its method and path template. */
export function operationIndex(): OperationIndexEntry[] {
  index ??= readCached(join(cacheDir, 'index.json'), () => {
    const entries: OperationIndexEntry[] = [];
    for (const [path, item] of Object.entries(description().paths as JsonObject)) {
      for (const [method, operation] of Object.entries(item as JsonObject)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const op = operation as JsonObject;
        const github = (op['x-github'] ?? {}) as JsonObject;
        entries.push({
          operationId: op.operationId as string,
          method: method.toUpperCase(),
          path,
          category: String(github.category ?? ''),
          subcategory: String(github.subcategory ?? ''),
        });
      }
    }
    return entries;
  });
  return index;
}

/** Follows `#/components/...` references within the description. */
function resolveRef(root: JsonObject, value: Json): Json {
  let current = value;
  while (current && typeof current === 'object' && !Array.isArray(current) && typeof current.$ref === 'string') {
    current = pointer(root, current.$ref);
  }
  return current;
}

function pointer(root: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: Json = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as JsonObject)[key] as Json;
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return node;
}

/** The components a set of schemas reaches, transitively: what makes them self-contained. */
function reachableComponents(root: JsonObject, values: Json[]): JsonObject {
  const components: JsonObject = {};
  const seen = new Set<string>();
  const visit = (value: Json): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && !seen.has(item)) {
        seen.add(item);
        const [, kind, name] = item.slice(2).split('/');
        if (!kind || !name) throw new Error(`unexpected $ref ${item}`);
        const target = pointer(root, item);
        ((components[kind] ??= {}) as JsonObject)[name] = target;
        visit(target);
      } else visit(item);
    }
  };
  values.forEach(visit);
  return components;
}

function buildContract(entry: OperationIndexEntry): OperationContract {
  const root = description();
  const pathItem = (root.paths as JsonObject)[entry.path] as JsonObject;
  const operation = pathItem[entry.method.toLowerCase()] as JsonObject;
  const parameters = [...((pathItem.parameters ?? []) as Json[]), ...((operation.parameters ?? []) as Json[])].map(
    (parameter) => {
      const p = resolveRef(root, parameter) as JsonObject;
      return { name: String(p.name), in: String(p.in), required: p.required === true, schema: p.schema ?? {} };
    },
  );
  const body = resolveRef(root, operation.requestBody ?? null) as JsonObject | null;
  const bodySchema = body ? ((body.content as JsonObject)?.['application/json'] as JsonObject)?.schema : undefined;
  const responses: OperationContract['responses'] = {};
  for (const [status, response] of Object.entries((operation.responses ?? {}) as JsonObject)) {
    const r = resolveRef(root, response) as JsonObject;
    const content = (r.content ?? {}) as JsonObject;
    const json = (content['application/json'] ?? content['application/scim+json']) as JsonObject | undefined;
    responses[status] = { schema: json?.schema ?? null, headers: Object.keys((r.headers ?? {}) as JsonObject) };
  }
  const breakingChanges = ((operation['x-github-breaking-changes'] ?? []) as JsonObject[]).map((change) => ({
    version: String(change.version),
    patch: change.patch as OperationContract['breakingChanges'][number]['patch'],
  }));
  const contract: Omit<OperationContract, 'components'> = {
    operationId: entry.operationId,
    parameters,
    ...(bodySchema !== undefined && { requestBody: { required: body?.required === true, schema: bodySchema } }),
    responses,
    breakingChanges,
  };
  return {
    ...contract,
    components: reachableComponents(root, [
      contract.parameters.map((p) => p.schema),
      contract.requestBody?.schema ?? null,
      Object.values(responses).map((r) => r.schema),
      // A breaking change may bring a schema of its own.
      breakingChanges.map((change) => change.patch.map((op) => op.value ?? null)),
    ] as Json[]),
  };
}

const contracts = new Map<string, OperationContract>();
function contractOf(entry: OperationIndexEntry): OperationContract {
  let contract = contracts.get(entry.operationId);
  if (!contract) {
    const file = join(
      cacheDir,
      'operations',
      `${createHash('sha256').update(entry.operationId).digest('hex').slice(0, 16)}.json`,
    );
    contract = readCached(file, () => buildContract(entry));
    contracts.set(entry.operationId, contract);
  }
  return contract;
}

/** A JSON patch (the subset GitHub's breaking changes use) applied to a copy of the contract. */
function patched(original: OperationContract, version: string): OperationContract {
  const changes = original.breakingChanges.filter((change) => change.version <= version);
  if (changes.length === 0) return original;
  const contract = structuredClone(original);
  // The patches address the operation as the description writes it; rebuild that shape.
  const operation: JsonObject = {
    responses: Object.fromEntries(
      Object.entries(contract.responses).map(([status, r]) => [
        status,
        { content: r.schema === null ? {} : { 'application/json': { schema: r.schema } }, headers: r.headers },
      ]),
    ),
    ...(contract.requestBody && {
      requestBody: { content: { 'application/json': { schema: contract.requestBody.schema } } },
    }),
  } as JsonObject;
  for (const change of changes) {
    for (const op of change.patch) {
      const keys = op.path
        .slice(1)
        .split('/')
        .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
      const last = keys.pop()!;
      let parent: Json = operation;
      for (const key of keys) parent = (parent as JsonObject | undefined)?.[key] as Json;
      if (!parent || typeof parent !== 'object' || Array.isArray(parent)) continue; // addresses a part not checked here
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value ?? null;
    }
  }
  const responses = operation.responses as JsonObject;
  const requestSchema = (
    ((operation.requestBody as JsonObject | undefined)?.content as JsonObject | undefined)?.[
      'application/json'
    ] as JsonObject
  )?.schema;
  return {
    ...contract,
    requestBody:
      contract.requestBody && requestSchema !== undefined
        ? { ...contract.requestBody, schema: requestSchema }
        : undefined,
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, r]) => {
        const response = r as JsonObject;
        const json = (response.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
        return [status, { schema: json?.schema ?? null, headers: (response.headers ?? []) as string[] }];
      }),
    ),
  };
}

const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, verbose: false });
addFormats(ajv);
// Formats the description names that JSON Schema has no check for.
for (const format of ['binary', 'int32', 'int64', 'repo.nwo', 'ssh-key', 'ssh-key fingerprint', 'byte', 'password'])
  ajv.addFormat(format, true);

/**
 * OpenAPI 3.0's `nullable: true` allows null even beside an `enum` that does not list it (GitHub's
 * descriptions rely on that: a check run's conclusion); JSON Schema's enum does not. Make it explicit.
 */
function nullableEnums(value: Json): Json {
  if (Array.isArray(value)) return value.map(nullableEnums);
  if (!value || typeof value !== 'object') return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) result[key] = nullableEnums(item);
  if (result.nullable === true && Array.isArray(result.enum) && !result.enum.includes(null))
    result.enum = [...result.enum, null];
  return result;
}

const validators = new Map<string, ValidateFunction>();
/** A validator for one schema of a contract; its `#/components/...` references resolve within the contract. */
function validatorFor(contract: OperationContract, key: string, schema: Json): ValidateFunction {
  const id = `${contract.operationId}|${key}|${createHash('sha256').update(JSON.stringify(schema)).digest('hex')}`;
  let validate = validators.get(id);
  if (!validate) {
    validate = ajv.compile(
      nullableEnums({
        $id: `contract:${id}`,
        components: contract.components,
        ...(schema as JsonObject),
      }) as JsonObject,
    );
    validators.set(id, validate);
  }
  return validate;
}

function describeErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).slice(0, 8).map((error) => {
    const at = `${where}${error.instancePath}`;
    const detail =
      error.keyword === 'additionalProperties'
        ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
        : error.keyword === 'enum'
          ? ` (one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : '';
    return `${at || where}: ${error.message}${detail}`;
  });
}

/** A compiled route: a path template as a regular expression, literal segments ranked first. */
interface Route {
  entry: OperationIndexEntry;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

let routes: Route[] | undefined;
function allRoutes(): Route[] {
  routes ??= operationIndex().map((entry) => {
    const names: string[] = [];
    const segments = entry.path.split('/');
    const source = segments
      .map((segment) =>
        segment.replace(/\{([^}]+)\}|[^{}]+/g, (match, name?: string) => {
          if (name === undefined) return match.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(name);
          // A `{path}` parameter (repos/get-content) spans slashes; every other one is one segment.
          return name === 'path' ? '(.+)' : '([^/]+)';
        }),
      )
      .join('/');
    return {
      entry,
      pattern: new RegExp(`^${source}$`),
      names,
      literalSegments: segments.filter((s) => !s.includes('{')).length,
    };
  });
  return routes;
}

/** The operation a method and path are: the most literal of the matching templates. */
export function matchOperation(
  method: string,
  path: string,
): { entry: OperationIndexEntry; params: Record<string, string> } | undefined {
  let best: { route: Route; match: RegExpMatchArray } | undefined;
  for (const route of allRoutes()) {
    if (route.entry.method !== method) continue;
    const match = path.match(route.pattern);
    if (match && (!best || route.literalSegments > best.route.literalSegments)) best = { route, match };
  }
  if (!best) return undefined;
  const params: Record<string, string> = {};
  best.route.names.forEach((name, i) => (params[name] = decodeURIComponent(best.match[i + 1]!)));
  return { entry: best.route.entry, params };
}

/** Whether any operation has this path (then a 405 rather than a 404 would be the answer). */
export function pathExists(path: string): boolean {
  return allRoutes().some((route) => route.pattern.test(path));
}

/** A query or path value read as its schema's type says, as GitHub reads them. */
function coerce(value: string, schema: Json): Json {
  const type = (schema as JsonObject | null)?.type;
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  if (type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'array') return value.split(',');
  return value;
}

export interface CheckedRequest {
  /** Path and query parameters, typed by their schemas. */
  params: Record<string, Json>;
  problems: string[];
}

/** Checks a request against its operation: path and query parameters, and the JSON body. */
export function checkRequest(
  entry: OperationIndexEntry,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  body: Json | undefined,
  apiVersion: string,
): CheckedRequest {
  const contract = patched(contractOf(entry), apiVersion);
  const problems: string[] = [];
  const params: Record<string, Json> = {};
  const known = new Set<string>();
  for (const parameter of contract.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    known.add(`${parameter.in}:${parameter.name}`);
    const raw = parameter.in === 'path' ? pathParams[parameter.name] : (query.get(parameter.name) ?? undefined);
    if (raw === undefined) {
      if (parameter.required) problems.push(`${parameter.in} parameter "${parameter.name}" is required`);
      continue;
    }
    if (parameter.in === 'query' && query.getAll(parameter.name).length > 1)
      problems.push(`query parameter "${parameter.name}" is given more than once`);
    const value = coerce(raw, parameter.schema);
    const validate = validatorFor(contract, `param:${parameter.name}`, parameter.schema);
    if (!validate(value))
      problems.push(...describeErrors(validate.errors, `${parameter.in} parameter "${parameter.name}"`));
    params[parameter.name] = value;
  }
  for (const name of new Set(query.keys())) {
    if (!known.has(`query:${name}`)) problems.push(`query parameter "${name}" is not one of ${entry.operationId}'s`);
  }
  if (contract.requestBody) {
    if (body === undefined) {
      if (contract.requestBody.required) problems.push('a JSON body is required');
    } else {
      const validate = validatorFor(contract, 'request', contract.requestBody.schema);
      if (!validate(body)) problems.push(...describeErrors(validate.errors, 'body'));
    }
  } else if (body !== undefined) problems.push(`${entry.operationId} takes no body`);
  return { params, problems };
}

/** Checks a response the fake is about to send: a documented status, its schema, its headers. */
export function checkResponse(
  entry: OperationIndexEntry,
  status: number,
  headers: Record<string, string>,
  body: Json | undefined,
  apiVersion: string,
): string[] {
  const contract = patched(contractOf(entry), apiVersion);
  const documented = contract.responses[String(status)];
  if (!documented) {
    // GitHub answers errors an operation does not list (a 403 for a read-only token, a 404):
    // those must still be GitHub's error shape.
    if (status >= 400) {
      const validate = ajv.compile({
        type: 'object',
        required: ['message'],
        properties: { message: { type: 'string' } },
      });
      return validate(body) ? [] : describeErrors(validate.errors, `response ${status} body`);
    }
    return [
      `status ${status} is not a documented response of ${entry.operationId} (documented: ${Object.keys(contract.responses).join(', ')})`,
    ];
  }
  const problems: string[] = [];
  for (const header of documented.headers) {
    // Link is only sent when there is another page.
    if (header.toLowerCase() === 'link') continue;
    if (!(header.toLowerCase() in headers)) problems.push(`response ${status} lacks header ${header}`);
  }
  if (documented.schema === null) {
    if (body !== undefined) problems.push(`response ${status} of ${entry.operationId} has no body, but one was sent`);
    return problems;
  }
  const validate = validatorFor(contract, `response:${status}`, documented.schema);
  if (!validate(body)) problems.push(...describeErrors(validate.errors, `response ${status} body`));
  return problems;
}
