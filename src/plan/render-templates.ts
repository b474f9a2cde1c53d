import { ExpressionError, type Place } from '../errors/dagline-error.js';
import { evaluateExpression, valueToText, type Value } from '../expressions/evaluate.js';
import { parseExpression, type ContextReference, type ExpressionScope } from '../expressions/parse-expression.js';
import { hasTemplate, splitTemplate, type TemplatePart } from '../expressions/template.js';
import { SCOPES } from '../pipeline-format/check-pipeline.js';
import type { ParamValue, Pipeline, Shell } from '../pipeline-format/model.js';
import { analyzeShellTemplate, renderShellTemplate, UnsafeValueError } from './shell-template.js';

/**
 * The values templates read, and which of them are known. A run knows every
 * value; a plan knows params, env, matrix and pipeline but not the outputs of
 * tasks that have not run, and leaves those templates as written.
 */
export interface TemplateContext {
  values: Record<string, Value | undefined>;
  known(reference: ContextReference): boolean;
  /** Named in errors: `task "load"`. */
  where: string;
  file: string;
}

/** The value of one template, or undefined when it reads something not known yet. */
export function evaluatePart(
  part: TemplatePart & { kind: 'expr' },
  context: TemplateContext,
  scope: ExpressionScope = SCOPES.taskTemplate,
): Value | undefined {
  const parsed = parseExpression(part.source, scope);
  if (!parsed.ok)
    throw new ExpressionError(`${context.where}: ${part.raw}: ${parsed.message}`, { file: context.file }, parsed.hint);
  if (!parsed.expression.references.every((r) => context.known(r))) return undefined;
  try {
    return evaluateExpression(parsed.expression, context.values);
  } catch (error) {
    throw new ExpressionError(
      `${context.where}: ${part.raw} failed: ${error instanceof Error ? error.message : String(error)}`,
      { file: context.file },
    );
  }
}

/** Text with each template replaced by its value as text (env values, `with:`, paths, argv). */
export function renderText(text: string, context: TemplateContext, scope?: ExpressionScope): string {
  if (!hasTemplate(text)) return text;
  const split = splitTemplate(text);
  if (!split.ok) throw new ExpressionError(`${context.where}: ${split.message}`, { file: context.file });
  let out = '';
  for (const part of split.parts) {
    if (part.kind === 'text') out += part.text;
    else {
      const value = evaluatePart(part, context, scope);
      const text = value === undefined ? part.raw : valueToText(value);
      // Text becomes an argument, an environment value or a path, none of which can carry a NUL:
      // said now, at the template, rather than by the process that cannot start.
      if (text.includes('\0'))
        throw new ExpressionError(
          `${context.where}: the value of ${part.raw} holds a NUL character, which no command, argument or environment variable can carry`,
          { file: context.file },
        );
      out += text;
    }
  }
  return out;
}

/**
 * The run's concurrency group, its template rendered with the run's params (none: the pipeline has
 * no `concurrency`). One rendering for a local run, the plan job on GitHub and the compiled
 * workflow's constant groups, so all name a run's group alike.
 */
export function concurrencyGroupOf(
  pipeline: Pick<Pipeline, 'concurrency' | 'name' | 'env' | 'file'>,
  params: Record<string, ParamValue>,
): string | undefined {
  if (!pipeline.concurrency) return undefined;
  return renderText(
    pipeline.concurrency.group,
    {
      values: { params, pipeline: { name: pipeline.name }, env: pipeline.env },
      known: () => true,
      where: 'concurrency.group',
      file: pipeline.file,
    },
    SCOPES.concurrencyGroup,
  );
}

/**
 * A whole-value template keeps its type (`${{ fromJSON(x) }}` gives a list);
 * anything else is text. Used for matrix axes and `with:` values.
 */
export function renderValue(text: string, context: TemplateContext, scope?: ExpressionScope): Value | undefined {
  const split = splitTemplate(text.trim());
  if (split.ok && split.parts.length === 1 && split.parts[0]?.kind === 'expr')
    return evaluatePart(split.parts[0], context, scope);
  return renderText(text, context, scope);
}

/**
 * A `run` script with every known value quoted for where it stands
 * (shell-template.ts). A value that cannot stand where it is (a non-integer
 * in arithmetic, a line that would end a heredoc) is a data error at the
 * place of its template; `placeOf` finds it in the file (`occurrence`: which
 * appearance of the same template text in the script).
 */
export function renderScript(
  script: string,
  shell: Shell,
  context: TemplateContext,
  placeOf?: (raw: string, occurrence: number) => Place,
): string {
  if (!hasTemplate(script) || (shell !== 'bash' && shell !== 'sh')) return script;
  const template = analyzeShellTemplate(script, shell);
  if ('error' in template) throw new ExpressionError(`${context.where}: ${template.error}`, { file: context.file });
  if ('syntaxError' in template)
    throw new ExpressionError(`${context.where}: run: ${template.syntaxError}`, { file: context.file });
  try {
    return renderShellTemplate(template, (part) => {
      const value = evaluatePart(part, context);
      return value === undefined ? undefined : valueToText(value);
    });
  } catch (error) {
    if (error instanceof UnsafeValueError) {
      const occurrence = template.parts
        .slice(0, template.parts.indexOf(error.part))
        .filter((p) => p.kind === 'expr' && p.raw === error.part.raw).length;
      const place = placeOf?.(error.part.raw, occurrence) ?? { file: context.file };
      throw new ExpressionError(
        `${context.where}: ${error.message}`,
        place,
        'check the value before it reaches the script, or pass it through env: and check it there',
      );
    }
    throw error;
  }
}

/**
 * The templates of a `run` script that the shell would evaluate again, each
 * with where it stands: a plan shows them as checked, not as quoted words.
 */
export function evaluatedTemplates(script: string, shell: Shell): { raw: string; where: string }[] {
  if (!hasTemplate(script) || (shell !== 'bash' && shell !== 'sh')) return [];
  const template = analyzeShellTemplate(script, shell);
  if (!('slots' in template)) return [];
  const exprs = template.parts.filter((p): p is TemplatePart & { kind: 'expr' } => p.kind === 'expr');
  return template.slots.flatMap((slot, i) =>
    slot.evaluated ? [{ raw: (exprs[i] as TemplatePart & { kind: 'expr' }).raw, where: slot.evaluated }] : [],
  );
}
