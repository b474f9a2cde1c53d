import { ExpressionError } from '../errors/dagline-error.js';
import { evaluateExpression, valueToText, type Value } from '../expressions/evaluate.js';
import { parseExpression, type ContextReference, type ExpressionScope } from '../expressions/parse-expression.js';
import { hasTemplate, splitTemplate, type TemplatePart } from '../expressions/template.js';
import { SCOPES } from '../pipeline-format/check-pipeline.js';
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
      out += value === undefined ? part.raw : valueToText(value);
    }
  }
  return out;
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

/** A `run` script with every known value quoted for where it stands (shell-template.ts). */
export function renderScript(script: string, context: TemplateContext): string {
  if (!hasTemplate(script)) return script;
  const template = analyzeShellTemplate(script);
  if ('error' in template) throw new ExpressionError(`${context.where}: ${template.error}`, { file: context.file });
  try {
    return renderShellTemplate(template, (part) => {
      const value = evaluatePart(part, context);
      return value === undefined ? undefined : valueToText(value);
    });
  } catch (error) {
    if (error instanceof UnsafeValueError)
      throw new ExpressionError(`${context.where}: ${error.message}`, { file: context.file });
    throw error;
  }
}
