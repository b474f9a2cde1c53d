/**
 * The errors dagline reports. Every problem a user can cause is one of these
 * values, carrying the place it comes from (file, line, column) and, when we
 * can tell, a hint. The faces (CLI, action) turn them into one line each and an
 * exit code; no stack trace reaches a user.
 */

/** Exit codes of the command line (SPEC section 3). */
export const ExitCode = {
  ok: 0,
  /** validation failed, or a run failed */
  failed: 1,
  /** usage or I/O error: bad flag, missing file */
  usage: 2,
  /** the pipeline is on hold */
  onHold: 3,
  /** refused by the concurrency guard or `requires` */
  refused: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A position in a source file. Lines and columns count from 1. */
export interface Place {
  file?: string;
  line?: number;
  column?: number;
}

export type ErrorKind =
  | 'yaml'
  | 'schema'
  | 'graph'
  | 'expression'
  | 'shell'
  | 'param'
  | 'compile'
  | 'usage'
  | 'file'
  | 'github'
  | 'guard'
  | 'internal';

export abstract class DaglineError extends Error {
  abstract readonly kind: ErrorKind;
  abstract readonly exitCode: ExitCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;

  constructor(message: string, place: Place = {}, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.hint = hint;
  }
}

/** A pipeline file that does not hold: exit 1. */
export abstract class ValidationError extends DaglineError {
  readonly exitCode = ExitCode.failed;
}

/** The text is not YAML dagline accepts (syntax, or a YAML hazard of SPEC section 5). */
export class YamlError extends ValidationError {
  readonly kind = 'yaml';
}

/** The document does not fit the pipeline format: unknown key, wrong type, bad value. */
export class SchemaError extends ValidationError {
  readonly kind = 'schema';
}

/** The tasks do not form a DAG: unknown task or stage, self-need, cycle. */
export class GraphError extends ValidationError {
  readonly kind = 'graph';
}

/** An `if` or a `${{ }}` template that does not parse, or names a context that does not exist. */
export class ExpressionError extends ValidationError {
  readonly kind = 'expression';
}

/** A `run` script its shell would not parse: an unclosed quote, a missing `fi`. */
export class ShellError extends ValidationError {
  readonly kind = 'shell';
}

/** A run parameter that does not fit its declaration. */
export class ParamError extends ValidationError {
  readonly kind = 'param';
}

/**
 * A valid pipeline that `dagline compile` cannot write as a GitHub workflow with the same meaning
 * (a condition GitHub cannot evaluate at job level, a GitHub limit): exit 1, at its place.
 */
export class CompileError extends ValidationError {
  readonly kind = 'compile';
}

/** A bad flag or argument on the command line: exit 2. */
export class UsageError extends DaglineError {
  readonly kind = 'usage';
  readonly exitCode = ExitCode.usage;
}

/** A file that cannot be read or written: exit 2. */
export class FileError extends DaglineError {
  readonly kind = 'file';
  readonly exitCode = ExitCode.usage;
}

/**
 * A request to GitHub's API that failed (after the retries the client makes): exit 2, as any I/O.
 * The message names the request and GitHub's answer; the hint says what usually fixes it.
 */
export class GitHubApiError extends DaglineError {
  readonly kind = 'github';
  readonly exitCode = ExitCode.usage;
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, hint?: string) {
    super(message, {}, hint);
    this.status = status;
  }
}

/**
 * A run the guards do not let start, at the key of the pipeline file that says so: on hold after
 * too many failed runs in a row (exit 3), or refused by `requires` or the concurrency guard (exit 4).
 */
export class GuardError extends DaglineError {
  readonly kind = 'guard';

  constructor(
    message: string,
    place: Place,
    readonly exitCode: typeof ExitCode.onHold | typeof ExitCode.refused,
    hint?: string,
  ) {
    super(message, place, hint);
  }
}

/**
 * Something dagline did not expect of itself. It still ends as one line; the
 * stack is kept for `DAGLINE_DEBUG=1`.
 */
export class InternalError extends DaglineError {
  readonly kind = 'internal';
  readonly exitCode = ExitCode.failed;
  readonly causeStack: string | undefined;

  constructor(cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`internal error: ${message}`, {}, 'this is a bug in dagline; DAGLINE_DEBUG=1 shows the stack');
    this.causeStack = cause instanceof Error ? cause.stack : undefined;
  }
}

/**
 * Any thrown value as a DaglineError, so the faces only ever handle one kind of thing. A system
 * error from the file system (no space, no permission, a read-only disk: Node's errors with an
 * errno code and a syscall) is the machine's, not a bug: a FileError (exit 2), which its message
 * already names (`EACCES: permission denied, mkdir '.dagline/runs/x'`).
 */
export function asDaglineError(thrown: unknown): DaglineError {
  if (thrown instanceof DaglineError) return thrown;
  if (isSystemError(thrown)) return new FileError(thrown.message, {}, systemErrorHint(thrown.code));
  return new InternalError(thrown);
}

/** What a file system refusal means for the user, by its code: a full disk is not a permission problem. */
export function systemErrorHint(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: check the owner and permissions of the path';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full: free some space';
    case 'EDQUOT':
      return 'the disk quota is used up: free some space';
    case 'ENOENT':
      return 'check the path: it, or a folder on it, does not exist';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ELOOP':
      return 'the path leads through a link dagline does not follow';
    default:
      return 'check the path, its permissions and the free space';
  }
}

export function isSystemError(thrown: unknown): thrown is NodeJS.ErrnoException {
  const error = thrown as NodeJS.ErrnoException;
  return (
    thrown instanceof Error &&
    typeof error.code === 'string' &&
    /^E[A-Z]+$/.test(error.code) &&
    typeof error.syscall === 'string'
  );
}
