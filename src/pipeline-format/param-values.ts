import { closest } from '../errors/did-you-mean.js';
import type { ParamSpec, ParamValue } from './model.js';

export type CoerceOutcome = { ok: true; value: ParamValue } | { ok: false; message: string; hint?: string };

/**
 * A value for a param, typed by its declaration. `raw` is text from the
 * command line or a dispatch input, or a YAML scalar (a default, a schedule's
 * params, a `with:`). Text converts to number or boolean as a
 * workflow_dispatch input would; a YAML scalar must already have the type.
 */
export function coerceParamValue(spec: ParamSpec, raw: string | number | boolean, fromText: boolean): CoerceOutcome {
  // Every param reaches every task's environment (DAGLINE_PARAM_*), which cannot carry a NUL: refused
  // here, before anything runs, not by the first task that starts.
  if (typeof raw === 'string' && raw.includes('\0'))
    return {
      ok: false,
      message: `the value of param "${spec.name}" holds a NUL character, which no command, argument or environment variable can carry`,
    };
  switch (spec.type) {
    case 'string':
      return typeof raw === 'string' || fromText ? { ok: true, value: String(raw) } : typeError(spec, raw);
    case 'choice': {
      const text = String(raw);
      const options = spec.options ?? [];
      if (options.includes(text)) return { ok: true, value: text };
      const near = closest(text, options);
      return {
        ok: false,
        message: `${JSON.stringify(text)} is not an option of param "${spec.name}" (options: ${options.map((o) => JSON.stringify(o)).join(', ')})`,
        ...(near !== undefined && { hint: `did you mean "${near}"?` }),
      };
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (fromText && /^(true|false)$/.test(String(raw))) return { ok: true, value: String(raw) === 'true' };
      return {
        ok: false,
        message: `param "${spec.name}" is a boolean; got ${JSON.stringify(raw)}`,
        hint: 'use true or false',
      };
    case 'number': {
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: raw };
      const text = String(raw).trim();
      const value = Number(text);
      if (fromText && text !== '' && Number.isFinite(value)) return { ok: true, value };
      const quoted = typeof raw === 'string' && text !== '' && Number.isFinite(value);
      return {
        ok: false,
        message: `param "${spec.name}" is a number; got ${JSON.stringify(raw)}`,
        ...(quoted && { hint: 'remove the quotes to make it a number' }),
      };
    }
  }
}

function typeError(spec: ParamSpec, raw: unknown): CoerceOutcome {
  return {
    ok: false,
    message: `param "${spec.name}" is a ${spec.type}; got ${typeof raw} ${JSON.stringify(raw)}`,
    hint: 'quote the value to make it text',
  };
}
