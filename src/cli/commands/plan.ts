import { userInfo } from 'node:os';
import { summarizePlan, planPipeline, type Plan } from '../../plan/plan-pipeline.js';
import { parseParamFlags, resolveParams, type PlaceOfParam } from '../../plan/resolve-params.js';
import { planToText } from '../../render/plan-text.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import type { CliIo } from '../io.js';
import { reportErrors } from './load-one.js';
import { printableJson } from '../../render/printable.js';

export interface PlanFlags {
  param: string[];
  only: string[];
  from: string[];
}

/** Params from flags, checked; the selection; the plan. Errors are printed and end the command. */
export function planFromFlags(pipeline: Pipeline, flags: PlanFlags, io: CliIo, placeOfParam?: PlaceOfParam): Plan {
  const params = resolveParams(pipeline, parseParamFlags(flags.param), true, placeOfParam);
  if (!params.ok) reportErrors(params.errors, io);
  const plan = planPipeline(pipeline, {
    params: params.values,
    selection: { only: flags.only, from: flags.from },
    run: { actor: actorName(io.env), trigger: 'manual' },
  });
  if (plan.problems) reportErrors(plan.problems, io);
  return plan;
}

export function renderPlan(plan: Plan, format: 'text' | 'json'): string {
  if (format === 'json') return printableJson({ ...plan, summary: summarizePlan(plan) });
  return planToText(plan);
}

/** Who starts a run: DAGLINE_ACTOR, then GitHub's actor, then the login name. */
export function actorName(env: Record<string, string | undefined>): string {
  const named = env.DAGLINE_ACTOR ?? env.GITHUB_ACTOR ?? env.USER ?? env.USERNAME;
  if (named) return named;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
