// The GITHUB_TOKEN's permissions, as GitHub computes them for a job, and what each REST operation
// asks of them. Tokens are minted per job (leg) and registered with the fake API, which answers 403
// ("Resource not accessible by integration") when the token lacks the scope, as GitHub does.
import { randomBytes } from 'node:crypto';

export type Access = 'none' | 'read' | 'write';

/** The scopes a workflow's `permissions:` may name (workflow-parser's permissions-mapping). */
export const PERMISSION_SCOPES = [
  'actions',
  'artifact-metadata',
  'attestations',
  'checks',
  'code-quality',
  'contents',
  'copilot-requests',
  'deployments',
  'discussions',
  'drives',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number] | 'metadata';

export type Permissions = Record<PermissionScope, Access>;

const ORDER: Record<Access, number> = { none: 0, read: 1, write: 2 };

function all(access: Access): Permissions {
  const permissions = { metadata: 'read' } as Permissions;
  for (const scope of PERMISSION_SCOPES) permissions[scope] = access;
  // id-token and copilot-requests have no read level: read-all leaves them without access.
  if (access === 'read') {
    permissions['id-token'] = 'none';
    permissions['copilot-requests'] = 'none';
  }
  // models has no write level.
  if (access === 'write') permissions.models = 'read';
  return permissions;
}

/** The repository's default for jobs that set no `permissions:` (Settings > Actions > Workflow permissions). */
export type DefaultPermissions = 'restricted' | 'permissive';

export function defaultPermissions(setting: DefaultPermissions): Permissions {
  if (setting === 'permissive') return all('write');
  const permissions = all('none');
  permissions.contents = 'read';
  permissions.packages = 'read';
  return permissions;
}

/**
 * A `permissions:` value (already evaluated: `read-all`, `write-all`, `{}` or a mapping) as the
 * token's scopes. Scopes a mapping leaves out get no access; metadata is always readable.
 */
export function permissionsFrom(value: unknown): Permissions {
  if (value === 'read-all') return all('read');
  if (value === 'write-all') return all('write');
  const permissions = all('none');
  if (value && typeof value === 'object') {
    for (const [scope, access] of Object.entries(value as Record<string, string>)) {
      permissions[scope as PermissionScope] = access as Access;
    }
  }
  return permissions;
}

/** The lower of two grants per scope: a called workflow cannot raise what its caller has. */
export function capped(wanted: Permissions, cap: Permissions): Permissions {
  const result = {} as Permissions;
  for (const scope of Object.keys(wanted) as PermissionScope[]) {
    result[scope] = ORDER[wanted[scope]] <= ORDER[cap[scope] ?? 'none'] ? wanted[scope] : (cap[scope] ?? 'none');
  }
  return result;
}

/** A fork's pull request: GitHub gives its runs a token that can at most read. */
export function readOnly(permissions: Permissions): Permissions {
  const result = {} as Permissions;
  for (const scope of Object.keys(permissions) as PermissionScope[])
    result[scope] = permissions[scope] === 'write' ? 'read' : permissions[scope];
  return result;
}

/** The scopes a REST operation needs, by its `x-github` category: any one of them suffices. */
export function requiredScopes(category: string, operationId: string): PermissionScope[] | undefined {
  // Issue comments on a pull request may be written with either scope.
  if (operationId.startsWith('issues/') && operationId.includes('comment')) return ['issues', 'pull-requests'];
  const byCategory: Record<string, PermissionScope> = {
    actions: 'actions',
    checks: 'checks',
    issues: 'issues',
    pulls: 'pull-requests',
    repos: 'contents',
    git: 'contents',
    deployments: 'deployments',
    packages: 'packages',
  };
  const scope = byCategory[category];
  return scope ? [scope] : undefined;
}

export function accessNeeded(method: string): Access {
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

export function grants(permissions: Permissions, scopes: PermissionScope[], needed: Access): boolean {
  return scopes.some((scope) => ORDER[permissions[scope] ?? 'none'] >= ORDER[needed]);
}

/** Who holds a token: a job of a run (GITHUB_TOKEN) or the test itself (a person's token). */
export interface TokenGrant {
  token: string;
  holder: string;
  permissions: Permissions;
  /** A job token stops working when its job ends, as GITHUB_TOKEN does. */
  expired: boolean;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenGrant>();

  mint(holder: string, permissions: Permissions, prefix = 'ghs_'): TokenGrant {
    const grant: TokenGrant = {
      token: `${prefix}${randomBytes(18).toString('base64url')}`,
      holder,
      permissions,
      expired: false,
    };
    this.tokens.set(grant.token, grant);
    return grant;
  }

  get(token: string): TokenGrant | undefined {
    return this.tokens.get(token);
  }
}
