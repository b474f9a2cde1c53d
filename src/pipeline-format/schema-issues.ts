import type { z } from 'zod';
import { SchemaError } from '../errors/dagline-error.js';
import { closest } from '../errors/did-you-mean.js';
import type { DocPath, SourceLocator } from './source-locator.js';

/**
 * Turns zod's issues into SchemaErrors a person can act on: the place in the
 * file, what was expected against what was found, and a hint where one helps
 * ("did you mean", YAML 1.2 booleans, durations written as bare numbers).
 */
export function schemaErrors(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  schema: z.ZodType,
  locator: SourceLocator,
): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) {
        errors.push(
          new SchemaError(
            `${subject(path)}unknown key "${key}"`,
            locator.at([...path, key], 'key'),
            keyHint(key, known),
          ),
        );
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const key = String(path[path.length - 1]);
      const inner = issue.issues[0];
      const why = inner && isCustom(inner.message) ? inner.message : 'not a valid name';
      errors.push(new SchemaError(`${subject(path.slice(0, -1))}"${key}": ${why}`, locator.at(path, 'key')));
      continue;
    }
    const actual = valueAt(input, path);
    if (actual === undefined && issue.code === 'invalid_type') {
      const parent = path.slice(0, -1);
      errors.push(
        new SchemaError(
          `${subject(parent)}missing required key "${String(path[path.length - 1])}"`,
          locator.at(parent),
        ),
      );
      continue;
    }
    errors.push(
      new SchemaError(`${subject(path)}${problem(issue, actual)}`, locator.at(path), valueHint(issue, actual)),
    );
  }
  return errors;
}

/** `tasks.load.needs[1]: ` — the dotted path of the offending value. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

function subject(path: DocPath): string {
  return path.length === 0 ? '' : `${formatPath(path)}: `;
}

/** Our schema's own messages are lowercase sentences; zod's defaults are not. */
function isCustom(message: string): boolean {
  return !/^(Invalid|Too |Unrecognized|Expected)/.test(message);
}

function problem(issue: z.core.$ZodIssue, actual: unknown): string {
  const got = `, got ${describeValue(actual)}`;
  if (isCustom(issue.message)) return `${issue.message}${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${typeName(issue.expected, issue)}${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}${got}`;
    case 'too_small':
      if (issue.origin === 'array') return `must not be empty`;
      if (issue.origin === 'string') return `must not be empty`;
      return `must be at least ${String(issue.minimum)}${got}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${got}`;
    default:
      return `${issue.message}${got}`;
  }
}

function typeName(expected: string, issue: z.core.$ZodIssue): string {
  if (expected === 'number' && 'format' in issue && issue.format === 'safeint') return 'a whole number';
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping',
    record: 'a mapping',
    array: 'a list',
  };
  return names[expected] ?? expected;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}

function valueHint(issue: z.core.$ZodIssue, actual: unknown): string | undefined {
  if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof actual === 'string') {
    if (/^(yes|no|on|off|y|n)$/i.test(actual)) return 'YAML 1.2 reads yes/no/on/off as text: write true or false';
    if (/^(true|false)$/i.test(actual)) return 'remove the quotes to make it a boolean';
  }
  if (
    issue.code === 'invalid_type' &&
    issue.expected === 'number' &&
    typeof actual === 'string' &&
    actual.trim() !== '' &&
    !Number.isNaN(Number(actual))
  ) {
    return 'remove the quotes to make it a number';
  }
  if (/duration/.test(issue.message) && typeof actual === 'number') return `write ${actual}s or ${actual}m`;
  if (issue.code === 'invalid_value' && typeof actual === 'string') {
    const match = closest(actual, issue.values.map(String));
    return match ? `did you mean "${match}"?` : undefined;
  }
  return undefined;
}

/**
 * Words users bring from GitHub Actions and Airflow, mapped to dagline's.
 * Edit distance alone would not find these.
 */
const synonyms: Record<string, string> = {
  depends_on: 'needs',
  'depends-on': 'needs',
  dependencies: 'needs',
  upstream: 'needs',
  after: 'needs',
  'timeout-minutes': 'timeout',
  execution_timeout: 'timeout',
  retry_delay: 'retry-delay',
  bash_command: 'run',
  script: 'run',
  steps: 'run',
  cmd: 'command',
  args: 'command',
  condition: 'if',
  when: 'if',
  inputs: 'params',
  parameters: 'params',
  default_args: 'defaults',
  strategy: 'matrix',
  jobs: 'tasks',
  dag_id: 'name',
  task_id: 'name',
};

function keyHint(key: string, known: string[]): string | undefined {
  if (key === '<<') return 'merge keys (<<) are YAML 1.1; dagline reads YAML 1.2: use `defaults:` or repeat the keys';
  const synonym = synonyms[key] ?? synonyms[key.toLowerCase()];
  if (synonym && known.includes(synonym)) return `did you mean "${synonym}"?`;
  const match = closest(key, known);
  return match ? `did you mean "${match}"?` : undefined;
}

function valueAt(input: unknown, path: DocPath): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

type AnyDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
};

/** The keys the schema accepts for the mapping at `path`, for "did you mean". */
function knownKeys(schema: z.ZodType, path: DocPath): string[] {
  let node: z.ZodType | undefined = schema;
  for (const segment of path) {
    node = node && child(objectOf(node), segment);
  }
  const object = node && objectOf(node);
  const def = object?._zod.def as AnyDef | undefined;
  return def?.shape ? Object.keys(def.shape) : [];
}

function objectOf(node: z.ZodType): z.ZodType | undefined {
  const def = node._zod.def as AnyDef;
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')
    return def.innerType && objectOf(def.innerType);
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = objectOf(option);
      if (found && ['object', 'record', 'array'].includes((found._zod.def as AnyDef).type)) return found;
    }
    return undefined;
  }
  return node;
}

function child(node: z.ZodType | undefined, segment: string | number): z.ZodType | undefined {
  if (!node) return undefined;
  const def = node._zod.def as AnyDef;
  if (def.type === 'object') return def.shape?.[String(segment)];
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array') return def.element;
  return undefined;
}
