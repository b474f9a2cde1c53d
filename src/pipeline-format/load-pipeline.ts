import { SchemaError, type ValidationError } from '../errors/dagline-error.js';
import { buildPipeline } from './build-pipeline.js';
import { checkPipeline } from './check-pipeline.js';
import type { Pipeline } from './model.js';
import { defaultYamlLimits, readYaml, type YamlLimits } from './read-yaml.js';
import { schemaErrors } from './schema-issues.js';
import { EXTENSION_PREFIX, OBJECT_NAMES, pipelineSchemas, type PipelineFile } from './schema.js';
import type { SourceLocator } from './source-locator.js';

export type LoadResult =
  | { ok: true; pipeline: Pipeline; locator: SourceLocator }
  | {
      ok: false;
      errors: ValidationError[];
      /**
       * The model, when the file is well-formed and only its meaning is wrong (a cycle, an unknown
       * need): enough to draw it or compare it with another version, never to plan or run it.
       */
      unchecked?: Pipeline;
    };

/**
 * Text (or bytes) to a checked Pipeline, or every error found, each with its
 * place. Pure: the caller reads the file. It returns errors as values and
 * never throws for anything in the input.
 */
export function loadPipeline(
  input: string | Uint8Array,
  file: string,
  limits: YamlLimits = defaultYamlLimits,
): LoadResult {
  const yaml = readYaml(input, file, limits);
  if (!yaml.ok) return { ok: false, errors: yaml.errors };
  dropExtensionKeys(yaml.value);
  const refused = refusedInput(yaml.value, yaml.locator);
  const { data, errors } = parseWithZod(yaml.value, yaml.locator);
  // A refused name is left out of the rest of the checks: what names it would only repeat the error.
  if (refused.length > 0) return { ok: false, errors: sortByPlace([...refused, ...errors]) };
  if (data === undefined) return { ok: false, errors };
  const pipeline = buildPipeline(data, file, yaml.text);
  errors.push(...checkPipeline(pipeline, data, yaml.locator));
  if (errors.length > 0) return { ok: false, errors: sortByPlace(errors), unchecked: pipeline };
  return { ok: true, pipeline, locator: yaml.locator };
}

/**
 * The zod schema's verdict, with the errors and their places. Unknown keys alone leave a
 * well-typed rest: it is checked too (and is the data), so one pass reports everything.
 * (The schema has no defaults or transforms: a value zod accepts is its own parsed data.)
 */
function parseWithZod(value: unknown, locator: SourceLocator): { data?: PipelineFile; errors: ValidationError[] } {
  const { PipelineSchema } = pipelineSchemas();
  const parsed = PipelineSchema.safeParse(value);
  if (parsed.success) return { data: parsed.data, errors: [] };
  const errors = schemaErrors(parsed.error.issues, value, PipelineSchema, locator);
  if (!parsed.error.issues.every((issue) => issue.code === 'unrecognized_keys')) return { errors };
  for (const issue of parsed.error.issues)
    dropKeys(value, issue.path, issue.code === 'unrecognized_keys' ? issue.keys : []);
  const rest = PipelineSchema.safeParse(value);
  return rest.success ? { data: rest.data, errors } : { errors };
}

/**
 * Top-level keys starting with `x-` are free for the user, as in Compose
 * files: a place to define YAML anchors that tasks then alias.
 */
function dropExtensionKeys(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of Object.keys(value))
    if (key.startsWith(EXTENSION_PREFIX)) delete (value as Record<string, unknown>)[key];
}

/**
 * What no pipeline may hold, found in one walk of the values before zod, each at its place:
 * - a key that is a name every JavaScript object has (schema.ts OBJECT_NAMES): every key of a
 *   pipeline is one of dagline's words or a name the user chose (task, stage, param, env, pool,
 *   matrix axis). Zod drops a key `__proto__` without a word, so it is refused here, and left out
 *   of the value so no later check repeats it (names in lists, as outputs are, the schema refuses);
 * - a NUL character in any text: no command line, environment variable or file name can carry
 *   one, so a script, an env value, a matrix value or a default holding one could only fail when
 *   its task starts, after others have run.
 */
function refusedInput(root: unknown, locator: SourceLocator): SchemaError[] {
  const errors: SchemaError[] = [];
  const path: (string | number)[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.includes('\0'))
        errors.push(
          new SchemaError(
            'this text holds a NUL character, which no command, argument or environment variable can carry',
            locator.at([...path]),
            'remove the \\0',
          ),
        );
    } else if (Array.isArray(value))
      value.forEach((item, i) => {
        path.push(i);
        walk(item);
        path.pop();
      });
    else if (value !== null && typeof value === 'object')
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        path.push(key);
        if (OBJECT_NAMES.has(key.toLowerCase())) {
          errors.push(
            new SchemaError(
              `"${key}" cannot be a name: every JavaScript object has a member of that name`,
              locator.at([...path], 'key'),
              'choose another name',
            ),
          );
          delete (value as Record<string, unknown>)[key];
        } else walk(item);
        path.pop();
      }
  };
  walk(root);
  return errors;
}

function dropKeys(root: unknown, path: readonly PropertyKey[], keys: readonly string[]): void {
  let value = root;
  for (const segment of path) value = (value as Record<PropertyKey, unknown>)[segment];
  for (const key of keys) delete (value as Record<string, unknown>)[key];
}

/** Errors in the order of the file, the order a reader fixes them. */
export function sortByPlace<E extends ValidationError>(errors: E[]): E[] {
  return errors
    .map((error, i) => ({ error, i }))
    .sort(
      (a, b) => (a.error.line ?? 0) - (b.error.line ?? 0) || (a.error.column ?? 0) - (b.error.column ?? 0) || a.i - b.i,
    )
    .map(({ error }) => error);
}
