// What a step tells the runner: the files it writes (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH,
// GITHUB_STEP_SUMMARY, GITHUB_STATE), read with the runner's own rules (NAME=VALUE lines and
// NAME<<DELIMITER heredocs), and the workflow commands it prints (::error file=..::, ::add-mask::,
// ::stop-commands::TOKEN ... ::TOKEN::), parsed as actions/runner's ActionCommand does.

/** A file command that does not parse: the runner fails the step with this message. */
export class FileCommandError extends Error {}

/**
 * NAME=VALUE and NAME<<DELIMITER lines, as the runner's EnvFileKeyValuePairs reads them: the
 * heredoc value runs to the first line that equals the delimiter exactly; a missing delimiter,
 * or one not followed by a newline when it is not the last line, is an error.
 */
export function parseKeyValueFile(text: string, what: string): [string, string][] {
  const pairs: [string, string][] = [];
  let index = 0;
  const readLine = (): { line: string; newline: string | null } | null => {
    if (index >= text.length) return null;
    const lf = text.indexOf('\n', index);
    if (lf < 0) {
      const line = text.slice(index);
      index = text.length;
      return { line, newline: null };
    }
    const line = text.slice(index, lf);
    index = lf + 1;
    return { line, newline: '\n' };
  };
  let read = readLine();
  while (read) {
    const { line } = read;
    if (line !== '') {
      const equals = line.indexOf('=');
      const heredoc = line.indexOf('<<');
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        pairs.push([line.slice(0, equals), line.slice(equals + 1)]);
      } else if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
        const name = line.slice(0, heredoc);
        const delimiter = line.slice(heredoc + 2);
        if (!name || !delimiter)
          throw new FileCommandError(
            `${what}: Invalid format '${line}'. Name must not be empty and delimiter must not be empty`,
          );
        const start = index;
        let end = index;
        let next = readLine();
        while (!next || next.line !== delimiter) {
          if (!next) throw new FileCommandError(`${what}: Invalid value. Matching delimiter not found '${delimiter}'`);
          if (next.newline === null) throw new FileCommandError(`${what}: Invalid value. EOF marker missing new line.`);
          end = index - next.newline.length;
          next = readLine();
        }
        pairs.push([name, end > start ? text.slice(start, end) : '']);
      } else {
        throw new FileCommandError(`${what}: Invalid format '${line}'`);
      }
    }
    read = readLine();
  }
  return pairs;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/** GitHub shows at most 10 annotations of each kind per step; the rest are dropped. */
export const ANNOTATIONS_PER_KIND_PER_STEP = 10;

export interface CommandEffects {
  annotations: Annotation[];
  /** Annotations past GitHub's per-step limit, which GitHub does not show. */
  droppedAnnotations: number;
  masks: string[];
  /** Commands GitHub refuses (set-output, set-env, add-path, save-state): each fails the step. */
  refused: string[];
  /** The step's output as GitHub's log shows it: masked, commands consumed. */
  log: string[];
}

const DATA_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const LEGACY_ESCAPES: [string, string][] = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function unescape(text: string, escapes: [string, string][]): string {
  let out = text;
  for (const [escaped, plain] of escapes) out = out.split(escaped).join(plain);
  return out;
}

const KNOWN_COMMANDS = [
  'error',
  'warning',
  'notice',
  'debug',
  'group',
  'endgroup',
  'add-mask',
  'echo',
  'add-matcher',
  'remove-matcher',
  'set-output',
  'set-env',
  'add-path',
  'save-state',
];

interface Command {
  name: string;
  properties: Record<string, string>;
  data: string;
}

/** `k=v` pairs split by `separator`; a pair without a key or a value is dropped, as the runner drops it. */
function readProperties(text: string, separator: string, escapes: [string, string][]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of text.split(separator).filter(Boolean)) {
    const eq = property.indexOf('=');
    if (eq > 0 && eq < property.length - 1)
      properties[property.slice(0, eq).toLowerCase()] = unescape(property.slice(eq + 1), escapes);
  }
  return properties;
}

/** `::name k=v,k=v::data` (after leading white space) or the legacy `##[name k=v;k=v]data` anywhere in a line. */
function parseCommand(line: string, registered: Set<string>): Command | undefined {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end >= 0) {
      const info = trimmed.slice(2, end);
      const space = info.indexOf(' ');
      const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
      if (registered.has(name)) {
        const properties = space > 0 ? readProperties(info.slice(space + 1).trim(), ',', PROPERTY_ESCAPES) : {};
        return { name, properties, data: unescape(trimmed.slice(end + 2), DATA_ESCAPES) };
      }
    }
  }
  const prefix = line.indexOf('##[');
  if (prefix >= 0) {
    const close = line.indexOf(']', prefix);
    if (close >= 0) {
      const info = line.slice(prefix + 3, close);
      const space = info.indexOf(' ');
      const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
      if (registered.has(name)) {
        const properties = space > 0 ? readProperties(info.slice(space + 1), ';', LEGACY_ESCAPES) : {};
        return { name, properties, data: unescape(line.slice(close + 1), LEGACY_ESCAPES) };
      }
    }
  }
  return undefined;
}

/**
 * Reads a step's output line by line as the runner does. Secrets and masks (shared by the whole job,
 * so a mask added in one step hides the value in the next) replace values with ***.
 */
export class WorkflowCommandReader {
  private stopToken: string | undefined;
  private readonly registered = new Set([...KNOWN_COMMANDS, 'stop-commands']);
  private readonly counts = { error: 0, warning: 0, notice: 0 };
  readonly effects: CommandEffects = { annotations: [], droppedAnnotations: 0, masks: [], refused: [], log: [] };

  constructor(private readonly masks: Set<string>) {}

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is hidden whole.
    for (const secret of [...this.masks].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    return out;
  }

  line(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const command = parseCommand(line, this.registered);
    if (!command) return void this.effects.log.push(this.mask(line));
    if (this.stopToken !== undefined) {
      if (command.name === this.stopToken.toLowerCase()) {
        this.registered.delete(this.stopToken.toLowerCase());
        this.stopToken = undefined;
      }
      return void this.effects.log.push(this.mask(line));
    }
    switch (command.name) {
      case 'stop-commands':
        this.stopToken = command.data;
        this.registered.add(command.data.toLowerCase());
        break;
      case 'add-mask':
        if (command.data.trim() === '') {
          this.annotate({
            level: 'warning',
            message: "Can't add secret mask for empty string in ##[add-mask] command.",
          });
        } else {
          this.masks.add(command.data);
          this.effects.masks.push(command.data);
        }
        return void this.effects.log.push('::add-mask::***');
      case 'error':
      case 'warning':
      case 'notice':
        this.annotate(annotationOf(command));
        break;
      case 'set-output':
        this.effects.refused.push(
          '::set-output is deprecated and refused here: write NAME=VALUE to the file named by $GITHUB_OUTPUT',
        );
        break;
      case 'save-state':
        this.effects.refused.push('::save-state is deprecated and refused here: write to $GITHUB_STATE');
        break;
      case 'set-env':
      case 'add-path':
        // GitHub disabled these in 2020 (ACTIONS_ALLOW_UNSECURE_COMMANDS aside): the step fails.
        this.effects.refused.push(
          `The \`${command.name}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`.`,
        );
        break;
      default:
        break;
    }
    this.effects.log.push(this.mask(line));
  }

  private annotate(annotation: Annotation): void {
    const kind = annotation.level;
    this.counts[kind] += 1;
    if (this.counts[kind] > ANNOTATIONS_PER_KIND_PER_STEP) {
      this.effects.droppedAnnotations += 1;
      return;
    }
    this.effects.annotations.push({ ...annotation, message: this.mask(annotation.message) });
  }
}

function annotationOf(command: Command): Annotation {
  const number = (key: string) => {
    const value = command.properties[key];
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const annotation: Annotation = { level: command.name as Annotation['level'], message: command.data };
  if (command.properties.title !== undefined) annotation.title = command.properties.title;
  if (command.properties.file !== undefined) annotation.file = command.properties.file;
  const line = number('line');
  if (line !== undefined) annotation.line = line;
  const endLine = number('endline');
  if (endLine !== undefined) annotation.endLine = endLine;
  const col = number('col');
  if (col !== undefined) annotation.col = col;
  const endColumn = number('endcolumn');
  if (endColumn !== undefined) annotation.endColumn = endColumn;
  return annotation;
}
