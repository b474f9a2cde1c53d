import { Cron } from 'croner';
import {
  ExpressionError,
  GraphError,
  SchemaError,
  ShellError,
  type Place,
  type ValidationError,
} from '../errors/dagline-error.js';
import { closest, didYouMean, someNames } from '../errors/did-you-mean.js';
import {
  parseExpression,
  type ContextReference,
  type ExpressionScope,
  type ParsedExpression,
} from '../expressions/parse-expression.js';
import { conditionSource, hasTemplate, splitTemplate } from '../expressions/template.js';
import { dagOf, isGate, nodeLabel, orderOf, type Dag } from '../graph/dag.js';
import { findCycles } from '../graph/find-cycles.js';
import { expandMatrix, legName, matrixKeys } from '../plan/expand-matrix.js';
import { analyzeShellTemplate, argumentsRunAsCode } from '../plan/shell-template.js';
import type { Pipeline, TaskSpec } from './model.js';
import { coerceParamValue } from './param-values.js';
import type { PipelineFile } from './schema.js';
import type { DocPath, SourceLocator } from './source-locator.js';

/** Where each kind of expression stands, and what it may read (SPEC 2.1). */
export const SCOPES = {
  stageIf: { contexts: ['params', 'env', 'run', 'pipeline'], statusFunctions: false },
  taskIf: { contexts: ['params', 'env', 'needs', 'run', 'pipeline'], statusFunctions: true },
  taskTemplate: { contexts: ['params', 'env', 'matrix', 'needs', 'run', 'pipeline'], statusFunctions: false },
  matrixAxis: { contexts: ['params', 'env', 'needs', 'run', 'pipeline'], statusFunctions: false },
  pipelineEnv: { contexts: ['params', 'run', 'pipeline'], statusFunctions: false },
  concurrencyGroup: { contexts: ['params', 'env', 'pipeline'], statusFunctions: false },
} as const satisfies Record<string, ExpressionScope>;

export const RUN_CONTEXT_KEYS = ['id', 'attempt', 'actor', 'trigger'];
export const PIPELINE_CONTEXT_KEYS = ['name'];

/** What a reference may name where it stands. */
interface ReferenceRules {
  task?: TaskSpec;
  /** The task `needs.<id>` may read here, if `id` is a direct need (case-insensitive, as GitHub's). */
  need(id: string): TaskSpec | undefined;
  /** The ids `needs.` may read, for suggestions. */
  needIds(): string[];
}

const NO_NEEDS: ReferenceRules = { need: () => undefined, needIds: () => [] };

/**
 * Everything a well-typed pipeline can still get wrong: references to tasks,
 * stages, params, pools and contexts that do not exist, cycles, params whose
 * defaults do not fit, expressions that do not parse, matrices with no legs.
 * Each error carries its place in the file.
 */
export function checkPipeline(pipeline: Pipeline, file: PipelineFile, locator: SourceLocator): ValidationError[] {
  return new PipelineChecker(pipeline, file, locator).check();
}

class PipelineChecker {
  private readonly errors: ValidationError[] = [];
  private readonly paramsLower: Map<string, string>;
  private readonly tasksLower: Map<string, TaskSpec>;
  private readonly dag: Dag;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly file: PipelineFile,
    private readonly locator: SourceLocator,
  ) {
    this.paramsLower = new Map([...pipeline.params.keys()].map((name) => [name.toLowerCase(), name]));
    this.tasksLower = new Map([...pipeline.tasks.values()].map((task) => [task.id.toLowerCase(), task]));
    this.dag = dagOf(pipeline);
  }

  check(): ValidationError[] {
    if (this.pipeline.tasks.size === 0) {
      // As GitHub refuses a workflow without jobs: an empty pipeline is a mistake, not a success.
      this.errors.push(new SchemaError('tasks: a pipeline needs at least one task', this.at(['tasks'], 'key')));
    }
    this.checkParams();
    this.checkPipelineLevel();
    this.checkStages();
    for (const task of this.pipeline.tasks.values()) this.checkTask(task);
    this.checkCycles();
    return this.errors;
  }

  private at(path: DocPath, part: 'key' | 'value' = 'value'): Place {
    return this.locator.at(path, part);
  }

  // ---- params, schedule, requires, concurrency, env -------------------------

  private checkParams(): void {
    for (const param of this.pipeline.params.values()) {
      const path = ['params', param.name];
      if (param.type === 'choice' && !param.options) {
        this.errors.push(
          new SchemaError(
            `params.${param.name}: a choice param needs \`options\``,
            this.at(path, 'key'),
            'list them: options: [a, b]',
          ),
        );
      }
      if (param.type !== 'choice' && param.options) {
        this.errors.push(
          new SchemaError(
            `params.${param.name}: \`options\` are only for choice params`,
            this.at([...path, 'options'], 'key'),
            'set type: choice',
          ),
        );
      }
      param.options?.forEach((option, i) => {
        if (param.options?.indexOf(option) !== i) {
          this.errors.push(
            new SchemaError(
              `params.${param.name}: option ${JSON.stringify(option)} is listed twice`,
              this.at([...path, 'options', i]),
            ),
          );
        }
      });
      if (param.default !== undefined && param.default !== null && (param.type !== 'choice' || param.options)) {
        const outcome = coerceParamValue(param, param.default, false);
        if (!outcome.ok) {
          this.errors.push(
            new SchemaError(
              `params.${param.name}.default: ${outcome.message}`,
              this.at([...path, 'default']),
              outcome.hint,
            ),
          );
        }
      }
    }
  }

  private checkParamValues(values: Record<string, unknown>, path: DocPath): void {
    for (const [name, value] of Object.entries(values)) {
      const spec = this.pipeline.params.get(name);
      if (!spec) {
        this.errors.push(
          new SchemaError(
            `unknown param "${name}"`,
            this.at([...path, name], 'key'),
            didYouMean(name, this.pipeline.params.keys()) ?? 'declare it under params:',
          ),
        );
        continue;
      }
      if (spec.type === 'choice' && !spec.options) continue;
      const outcome = coerceParamValue(spec, value as string, false);
      if (!outcome.ok) this.errors.push(new SchemaError(outcome.message, this.at([...path, name]), outcome.hint));
    }
  }

  private checkPipelineLevel(): void {
    this.pipeline.schedule.forEach((entry, i) => {
      const fields = entry.cron.trim().split(/\s+/);
      let problem: string | undefined;
      if (fields.length !== 5)
        problem = `a cron schedule has 5 fields (minute hour day month weekday); this has ${fields.length}`;
      else {
        try {
          new Cron(entry.cron, { paused: true, timezone: 'UTC' });
        } catch (error) {
          problem = `invalid cron schedule: ${(error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, '')}`;
        }
      }
      if (problem)
        this.errors.push(new SchemaError(`schedule[${i}].cron: ${problem}`, this.at(['schedule', i, 'cron'])));
      this.checkParamValues(entry.params, ['schedule', i, 'params']);
    });
    this.pipeline.requires.forEach((req, i) => {
      if (req.pipeline === this.pipeline.name) {
        this.errors.push(
          new GraphError(`requires: the pipeline requires itself`, this.at(['requires', i, 'pipeline'])),
        );
      }
    });
    for (const [name, value] of Object.entries(this.pipeline.env)) {
      this.checkTemplates(value, ['env', name], SCOPES.pipelineEnv, NO_NEEDS);
    }
    if (this.pipeline.concurrency) {
      const path = typeof this.file.concurrency === 'string' ? ['concurrency'] : ['concurrency', 'group'];
      this.checkTemplates(this.pipeline.concurrency.group, path, SCOPES.concurrencyGroup, NO_NEEDS);
    }
  }

  // ---- stages ---------------------------------------------------------------

  private checkStages(): void {
    for (const stage of this.pipeline.stages.values()) {
      const path = ['stages', stage.name];
      if (this.pipeline.tasks.has(stage.name)) {
        this.errors.push(
          new GraphError(
            `stage "${stage.name}" has the same name as a task`,
            this.at(path, 'key'),
            '`needs` could not tell them apart: rename one',
          ),
        );
      }
      this.checkNeedsList(stage.needs, [...path, 'needs'], `stage "${stage.name}"`, (need) => {
        if (need === stage.name) return `stage "${stage.name}" needs itself`;
        if (this.pipeline.tasks.get(need)?.stage === stage.name)
          return `stage "${stage.name}" needs task "${need}", which belongs to it`;
        return undefined;
      });
      if (stage.if !== undefined) this.checkCondition(stage.if, [...path, 'if'], SCOPES.stageIf, NO_NEEDS);
    }
  }

  // ---- tasks ----------------------------------------------------------------

  private checkTask(task: TaskSpec): void {
    const path = ['tasks', task.id];
    const raw = this.file.tasks[task.id] ?? {};
    const actions = (['run', 'command', 'pipeline'] as const).filter((key) => raw[key] !== undefined);
    if (actions.length === 0) {
      this.errors.push(
        new SchemaError(
          `task "${task.id}" has nothing to do`,
          this.at(path, 'key'),
          'give it `run`, `command` or `pipeline`',
        ),
      );
    } else if (actions.length > 1) {
      this.errors.push(
        new SchemaError(
          `task "${task.id}" has both \`${actions[0]}\` and \`${actions[1]}\``,
          this.at([...path, actions[1] as string], 'key'),
          'a task does one thing: keep one',
        ),
      );
    }
    for (const key of ['with', 'dispatch'] as const) {
      if (raw[key] !== undefined && raw.pipeline === undefined) {
        this.errors.push(
          new SchemaError(
            `\`${key}\` is only for pipeline tasks`,
            this.at([...path, key], 'key'),
            'add `pipeline:`, or remove it',
          ),
        );
      }
    }
    if (raw.shell !== undefined && raw.run === undefined) {
      this.errors.push(
        new SchemaError(
          '`shell` is only for `run` tasks',
          this.at([...path, 'shell'], 'key'),
          '`command` runs without a shell',
        ),
      );
    }
    if (raw['max-parallel'] !== undefined && raw.matrix === undefined) {
      this.errors.push(
        new SchemaError('`max-parallel` is only for matrix tasks', this.at([...path, 'max-parallel'], 'key')),
      );
    }

    if (task.stage !== undefined && !this.pipeline.stages.has(task.stage)) {
      this.errors.push(
        new GraphError(
          `task "${task.id}" is in unknown stage "${task.stage}"`,
          this.at([...path, 'stage']),
          didYouMean(task.stage, this.pipeline.stages.keys()) ?? 'declare it under stages:',
        ),
      );
    }
    this.checkNeedsList(task.needs, [...path, 'needs'], `task "${task.id}"`, (need) => {
      if (need === task.id) return `task "${task.id}" needs itself`;
      if (need === task.stage) return `task "${task.id}" needs its own stage "${need}"`;
      return undefined;
    });

    task.outputs.forEach((name, i) => {
      if (task.outputs.indexOf(name) !== i)
        this.errors.push(new SchemaError(`output "${name}" is listed twice`, this.at([...path, 'outputs', i])));
    });

    if (task.pool !== undefined && !this.pipeline.pools.has(task.pool)) {
      this.errors.push(
        new GraphError(
          `task "${task.id}" uses unknown pool "${task.pool}"`,
          this.at([...path, 'pool']),
          didYouMean(task.pool, this.pipeline.pools.keys()) ?? 'declare it under pools:',
        ),
      );
    }

    const rules = this.referenceRules(task);
    if (task.if !== undefined) this.checkCondition(task.if, [...path, 'if'], SCOPES.taskIf, rules);

    const action = task.action;
    if (action.kind === 'run' && raw.run !== undefined) {
      if (action.shell !== 'bash' && action.shell !== 'sh' && hasTemplate(action.script)) {
        this.errors.push(
          new ExpressionError(
            `\${{ }} templates in \`run\` need a POSIX shell (bash or sh); this task uses ${action.shell}`,
            this.locator.inText([...path, 'run'], '${{'),
            'read the value from the environment instead: params, matrix values and needed outputs are exported',
          ),
        );
      } else {
        this.checkTemplates(action.script, [...path, 'run'], SCOPES.taskTemplate, rules);
        if (action.shell === 'bash' || action.shell === 'sh')
          this.checkShellScript(action.script, action.shell, [...path, 'run']);
      }
    } else if (action.kind === 'command') {
      action.argv.forEach((arg, i) => this.checkTemplates(arg, [...path, 'command', i], SCOPES.taskTemplate, rules));
      this.checkCommandCode(action.argv, [...path, 'command']);
    } else if (action.kind === 'pipeline') {
      if (hasTemplate(action.path)) {
        // The call is part of the DAG, checked before the run and compiled to a workflow call, whose
        // `uses:` GitHub does not let an expression choose either.
        this.errors.push(
          new SchemaError(
            `pipeline: "${action.path}" holds a template; the pipeline a task runs is a fixed path`,
            this.at([...path, 'pipeline']),
            'give each choice a task of its own, with an if on the param',
          ),
        );
      } else if (!/\.ya?ml$/.test(action.path)) {
        this.errors.push(
          new SchemaError(`pipeline "${action.path}" is not a .yml or .yaml file`, this.at([...path, 'pipeline'])),
        );
      } else {
        // A pipeline runs what its repository holds: a path that leaves it would run a file the
        // repository's review never saw (and that its compiled workflow cannot call).
        const problem = pathProblem(action.path);
        if (problem)
          this.errors.push(
            new SchemaError(
              `pipeline "${action.path}" ${problem === 'absolute' ? 'is absolute' : 'leaves the repository'}`,
              this.at([...path, 'pipeline']),
              'pipeline paths are relative to the repository root and stay inside it',
            ),
          );
      }
      for (const [name, value] of Object.entries(action.with)) {
        if (typeof value === 'string') this.checkTemplates(value, [...path, 'with', name], SCOPES.taskTemplate, rules);
      }
    }
    for (const [name, value] of Object.entries(task.env))
      this.checkTemplates(value, [...path, 'env', name], SCOPES.taskTemplate, rules);
    for (const key of ['produces', 'consumes'] as const) {
      task[key].forEach((extract, i) => {
        const at = typeof raw[key]?.[i] === 'string' ? [...path, key, i] : [...path, key, i, 'path'];
        this.checkTemplates(extract.path, at, SCOPES.taskTemplate, rules);
        // An external file comes from outside the repository's work: it may be anywhere.
        if (!hasTemplate(extract.path) && !extract.external) this.checkExtractPath(extract.path, at);
      });
    }
    if (task.matrix) this.checkMatrix(task, rules);
  }

  /**
   * A `run` script must parse (mvdan/sh, as bash or POSIX sh), and no template may stand where no
   * value is safe (after a backslash, in an `eval` or `bash -c` string, as a variable's name).
   */
  private checkShellScript(script: string, shell: 'bash' | 'sh', path: DocPath): void {
    const template = analyzeShellTemplate(script, shell);
    if ('error' in template) return; // reported by checkTemplates
    if ('syntaxError' in template) {
      this.errors.push(
        new ShellError(
          `run: ${shell} syntax error: ${template.syntaxError}`,
          this.placeInScript(path, script, template.offset),
          shell === 'sh' ? 'sh scripts are checked as POSIX sh: use shell: bash for bash syntax' : undefined,
        ),
      );
      return;
    }
    let slot = 0;
    const seen = new Map<string, number>();
    for (const part of template.parts) {
      if (part.kind !== 'expr') continue;
      const occurrence = seen.get(part.raw) ?? 0;
      seen.set(part.raw, occurrence + 1);
      const refused = template.slots[slot++]?.refused;
      if (refused) {
        this.errors.push(
          new ExpressionError(
            `run: ${part.raw} ${refused.message}; no value is safe there`,
            this.locator.inText(path, part.raw, occurrence),
            refused.hint,
          ),
        );
      }
    }
  }

  /**
   * A `command` passes each value as one argument, but a shell it starts runs its `-c` string as
   * code (`[sh, -c, "${{ params.x }}"]`): no value is safe there, as in a `run` script.
   */
  private checkCommandCode(argv: readonly string[], path: DocPath): void {
    // An argument whose first character is fixed is not an option, whatever its template holds.
    const words = argv.map((arg) => {
      if (!hasTemplate(arg)) return arg;
      const fixed = arg.slice(0, arg.indexOf('${{'));
      return fixed !== '' && !/^[-+]/.test(fixed) ? fixed : undefined;
    });
    for (const { index, by } of argumentsRunAsCode(words)) {
      const arg = argv[index] as string;
      if (!hasTemplate(arg)) continue;
      const split = splitTemplate(arg);
      const raw = split.ok ? (split.parts.find((p) => p.kind === 'expr')?.raw ?? '${{') : '${{';
      this.errors.push(
        new ExpressionError(
          `command: ${raw} is run as code by ${by}; no value is safe there`,
          this.locator.inText([...path, index], raw),
          'pass the value as an argument after the code string and read it as "$1", or through env:',
        ),
      );
    }
  }

  /** The place of an offset into a `run` script, found in the file by the text of its line. */
  private placeInScript(path: DocPath, script: string, offset: number): Place {
    const lineStart = script.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = script.indexOf('\n', offset);
    const line = script.slice(lineStart, lineEnd < 0 ? script.length : lineEnd);
    if (line.trim() === '') return this.at(path);
    let occurrence = 0;
    for (let at = script.indexOf(line); at >= 0 && at < lineStart; at = script.indexOf(line, at + 1)) occurrence++;
    return this.locator.inText(path, line, occurrence, offset - lineStart);
  }

  private checkExtractPath(file: string, path: DocPath): void {
    const problem = pathProblem(file);
    if (problem === 'absolute')
      this.errors.push(
        new SchemaError(
          `extract path "${file}" is absolute`,
          this.at(path),
          'extract paths are relative to the working directory',
        ),
      );
    else if (problem === 'leaves')
      this.errors.push(
        new SchemaError(
          `extract path "${file}" leaves the working directory`,
          this.at(path),
          'keep extracts inside the working directory',
        ),
      );
  }

  private checkMatrix(task: TaskSpec, rules: ReferenceRules): void {
    const matrix = task.matrix!;
    const path = ['tasks', task.id, 'matrix'];
    if (matrix.axes.length === 0 && matrix.include.length === 0) {
      this.errors.push(
        new SchemaError(
          `the matrix of task "${task.id}" has no axes`,
          this.at(path, 'key'),
          'add an axis, e.g. period: [day, month]',
        ),
      );
      return;
    }
    let dynamic = false;
    for (const axis of matrix.axes) {
      const axisPath = [...path, axis.name];
      if (typeof axis.values === 'string') {
        dynamic = true;
        const split = splitTemplate(axis.values.trim());
        if (!split.ok || split.parts.length !== 1 || split.parts[0]?.kind !== 'expr') {
          this.errors.push(
            new SchemaError(
              `matrix.${axis.name}: a matrix axis is a list of values, or one \${{ }} expression giving a list`,
              this.at(axisPath),
            ),
          );
          continue;
        }
        this.checkTemplates(axis.values, axisPath, SCOPES.matrixAxis, rules);
        continue;
      }
      const values = axis.values;
      values.forEach((value, i) => {
        if (values.indexOf(value) !== i) {
          this.errors.push(
            new SchemaError(
              `matrix.${axis.name}: value ${JSON.stringify(value)} is listed twice`,
              this.at([...axisPath, i]),
            ),
          );
        }
      });
    }
    const axisNames = matrix.axes.map((a) => a.name);
    matrix.exclude.forEach((entry, i) => {
      for (const key of Object.keys(entry)) {
        if (!axisNames.includes(key)) {
          this.errors.push(
            new SchemaError(
              `matrix.exclude[${i}]: "${key}" is not an axis of the matrix`,
              this.at([...path, 'exclude', i, key], 'key'),
              didYouMean(key, axisNames),
            ),
          );
        }
      }
    });
    for (const [key, list] of [
      ['include', matrix.include],
      ['exclude', matrix.exclude],
    ] as const) {
      list.forEach((entry, i) => {
        if (Object.keys(entry).length === 0)
          this.errors.push(new SchemaError(`matrix.${key}[${i}] is empty`, this.at([...path, key, i])));
      });
    }
    if (!dynamic && expandMatrix(matrix).length === 0) {
      this.errors.push(
        new SchemaError(
          `the matrix of task "${task.id}" has no legs: \`exclude\` removes every combination`,
          this.at(path, 'key'),
        ),
      );
    }
  }

  /**
   * `needs.<id>` may read the direct needs: the tasks a task (or its stage)
   * names, and the tasks of the stages they name. Answered per lookup, not
   * by listing stage members, which would cost a stage's size per task.
   */
  private referenceRules(task: TaskSpec): ReferenceRules {
    const stageNeeds = task.stage === undefined ? [] : (this.pipeline.stages.get(task.stage)?.needs ?? []);
    const declared = (name: string) => task.needs.includes(name) || stageNeeds.includes(name);
    const need = (id: string) => {
      const candidate = this.tasksLower.get(id.toLowerCase());
      if (!candidate) return undefined;
      return declared(candidate.id) || (candidate.stage !== undefined && declared(candidate.stage))
        ? candidate
        : undefined;
    };
    const needIds = () => [...this.pipeline.tasks.values()].filter((t) => need(t.id)).map((t) => t.id);
    return { task, need, needIds };
  }

  private checkNeedsList(
    needs: string[],
    path: DocPath,
    owner: string,
    selfProblem: (need: string) => string | undefined,
  ): void {
    needs.forEach((need, i) => {
      // Places are looked up only for errors: most needs are fine.
      const at = () => this.needsEntryPlace(path, i, needs.length);
      const self = selfProblem(need);
      if (self) {
        this.errors.push(new GraphError(self, at()));
        return;
      }
      if (needs.indexOf(need) !== i) {
        this.errors.push(new GraphError(`${owner} needs "${need}" twice`, at()));
        return;
      }
      if (!this.pipeline.tasks.has(need) && !this.pipeline.stages.has(need)) {
        const hint = didYouMean(
          need,
          [...this.pipeline.tasks.keys(), ...this.pipeline.stages.keys()].filter(
            (name) => !owner.endsWith(`"${name}"`),
          ),
        );
        this.errors.push(new GraphError(`${owner} needs unknown task "${need}"`, at(), hint));
      }
    });
  }

  // ---- cycles ---------------------------------------------------------------

  private checkCycles(): void {
    if (orderOf(this.dag)) return;
    for (const cycle of findCycles(this.dag)) {
      const edges = cycle.map((from, i) => [from, cycle[(i + 1) % cycle.length] as number] as const);
      const places = edges.map(([from, to]) => this.edgePlace(from, to));
      const names = [...cycle, cycle[0] as number].map((node) => nodeLabel(this.dag, node));
      const lines = edges.map(
        ([from, to], i) =>
          `${nodeLabel(this.dag, from)} -> ${nodeLabel(this.dag, to)} at line ${places[i]?.line ?? '?'}`,
      );
      this.errors.push(new GraphError(`cycle: ${names.join(' -> ')}`, places[0] ?? {}, lines.join('; ')));
    }
  }

  /** Where the edge `from -> to` is declared: the `needs` entry (or `stage:`) that makes it. */
  private edgePlace(from: number, to: number): Place {
    const fromName = this.dag.names[from] as string;
    if (isGate(this.dag, to)) return this.at(['tasks', fromName, 'stage']);
    const task = this.pipeline.tasks.get(this.dag.names[to] as string)!;
    const own = task.needs.indexOf(fromName);
    if (own >= 0) return this.needsEntryPlace(['tasks', task.id, 'needs'], own, task.needs.length);
    const stage = task.stage === undefined ? undefined : this.pipeline.stages.get(task.stage);
    const inStage = stage?.needs.indexOf(fromName) ?? -1;
    if (stage && inStage >= 0)
      return this.needsEntryPlace(['stages', stage.name, 'needs'], inStage, stage.needs.length);
    return this.at(['tasks', task.id]);
  }

  private needsEntryPlace(path: DocPath, index: number, count: number): Place {
    return this.at(count === 1 && !Array.isArray(valueAt(this.file, path)) ? path : [...path, index]);
  }

  // ---- expressions ----------------------------------------------------------

  private checkCondition(text: string, path: DocPath, scope: ExpressionScope, rules: ReferenceRules): void {
    if (text === 'true' || text === 'false') return;
    const condition = conditionSource(text);
    if (!condition) {
      this.errors.push(
        new ExpressionError(
          'an `if` must be one expression; text around ${{ }} would make it always true',
          this.at(path),
          'write `if: a == b` or `if: ${{ a == b }}`',
        ),
      );
      return;
    }
    const placeAt = (offset: number) => this.locator.inText(path, condition.source, 0, offset);
    const parsed = parseExpression(condition.source, scope);
    if (!parsed.ok) {
      this.errors.push(new ExpressionError(`if: ${parsed.message}`, placeAt(parsed.offset), parsed.hint));
      return;
    }
    this.checkReferences(parsed.expression, rules, placeAt, 'if');
  }

  private checkTemplates(text: string, path: DocPath, scope: ExpressionScope, rules: ReferenceRules): void {
    if (!hasTemplate(text)) return;
    const field = fieldName(path);
    const split = splitTemplate(text);
    if (!split.ok) {
      this.errors.push(
        new ExpressionError(split.message, this.locator.inText(path, '${{', countBefore(text, '${{', split.offset))),
      );
      return;
    }
    const seen = new Map<string, number>();
    for (const part of split.parts) {
      if (part.kind !== 'expr') continue;
      const occurrence = seen.get(part.raw) ?? 0;
      seen.set(part.raw, occurrence + 1);
      const shift = part.raw.indexOf(part.source);
      const placeAt = (offset: number) => this.locator.inText(path, part.raw, occurrence, shift + offset);
      const parsed = parseExpression(part.source, scope);
      if (!parsed.ok) {
        this.errors.push(new ExpressionError(`${field}: ${parsed.message}`, placeAt(parsed.offset), parsed.hint));
        continue;
      }
      this.checkReferences(parsed.expression, rules, placeAt, field);
    }
  }

  private checkReferences(
    expression: ParsedExpression,
    rules: ReferenceRules,
    placeAt: (offset: number) => Place,
    field: string,
  ): void {
    for (const reference of expression.references) {
      const problem = this.referenceProblem(reference, rules);
      if (problem)
        this.errors.push(new ExpressionError(`${field}: ${problem.message}`, placeAt(reference.offset), problem.hint));
    }
  }

  private referenceProblem(
    reference: ContextReference,
    rules: ReferenceRules,
  ): { message: string; hint?: string } | undefined {
    const [root, first, second, third] = reference.path;
    const named = (s: string | undefined): s is string => s !== undefined && s !== '*';
    switch (root?.toLowerCase()) {
      case 'params':
        if (named(first) && !this.paramsLower.has(first.toLowerCase())) {
          return {
            message: `unknown param "${first}"`,
            hint: didYouMean(first, this.pipeline.params.keys()) ?? 'declare it under params:',
          };
        }
        return undefined;
      case 'needs': {
        if (!named(first)) return undefined;
        const need = rules.need(first);
        if (!need) {
          const owner = rules.task ? `task "${rules.task.id}"` : 'this place';
          if (this.pipeline.tasks.has(first)) {
            return {
              message: `needs.${first}: "${first}" is not among the needs of ${owner}`,
              hint: `add it to needs:`,
            };
          }
          const near = closest(first, rules.needIds());
          return {
            message: `needs.${first}: ${owner} does not need a task "${first}"`,
            ...(near && { hint: `did you mean "${near}"?` }),
          };
        }
        if (second === undefined || second === '*') return undefined;
        if (second === 'result') return undefined;
        if (second === 'legs') return need.matrix ? legsProblem(need, reference.path) : noLegs(need);
        if (second !== 'outputs') {
          const keys = need.matrix ? ['result', 'legs'] : ['result', 'outputs'];
          return {
            message: `needs.${first}.${second}: a need has \`${keys[0]}\` and \`${keys[1]}\``,
            hint: didYouMean(second, keys),
          };
        }
        if (need.matrix) return matrixOutputs(need, third);
        return outputProblem(`needs.${first}.outputs`, need, third);
      }
      case 'matrix': {
        const task = rules.task;
        if (!task?.matrix)
          return {
            message: `matrix${named(first) ? `.${first}` : ''}: task${task ? ` "${task.id}"` : ''} has no matrix`,
          };
        const keys = matrixKeys(task.matrix);
        if (named(first) && !keys.some((k) => k.toLowerCase() === first.toLowerCase())) {
          return {
            message: `matrix.${first}: the matrix has no key "${first}"`,
            hint: didYouMean(first, keys) ?? `its keys: ${keys.join(', ')}`,
          };
        }
        return undefined;
      }
      case 'run':
        if (named(first) && !RUN_CONTEXT_KEYS.includes(first.toLowerCase())) {
          return {
            message: `run.${first}: the run context has ${RUN_CONTEXT_KEYS.join(', ')}`,
            hint: didYouMean(first, RUN_CONTEXT_KEYS),
          };
        }
        return undefined;
      case 'pipeline':
        if (named(first) && !PIPELINE_CONTEXT_KEYS.includes(first.toLowerCase())) {
          return {
            message: `pipeline.${first}: the pipeline context has ${PIPELINE_CONTEXT_KEYS.join(', ')}`,
            hint: didYouMean(first, PIPELINE_CONTEXT_KEYS),
          };
        }
        return undefined;
      default:
        return undefined;
    }
  }
}

/** Whether a relative path is absolute, or leaves the folder it is relative to (`a/../../b`). */
function pathProblem(file: string): 'absolute' | 'leaves' | undefined {
  if (/^([/\\]|[A-Za-z]:)/.test(file)) return 'absolute';
  let depth = 0;
  for (const part of file.split(/[/\\]/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return 'leaves';
  }
  return undefined;
}

/** A declared output of a need, by `<prefix>.<name>`. */
function outputProblem(
  prefix: string,
  need: TaskSpec,
  name: string | undefined,
): { message: string; hint?: string } | undefined {
  if (name === undefined || name === '*') return undefined;
  if (need.outputs.length === 0) {
    return {
      message: `${prefix}.${name}: task "${need.id}" declares no outputs`,
      hint: `list the names it writes under outputs:`,
    };
  }
  if (!need.outputs.some((o) => o.toLowerCase() === name.toLowerCase())) {
    return {
      message: `${prefix}.${name}: task "${need.id}" declares no output "${name}"`,
      hint: didYouMean(name, need.outputs) ?? `its outputs: ${need.outputs.join(', ')}`,
    };
  }
  return undefined;
}

/**
 * A matrix task has no outputs of its own: each leg has its own (on GitHub a matrix job's outputs
 * are whichever leg wrote last). They are read by leg, `needs.<id>.legs`.
 */
function matrixOutputs(need: TaskSpec, name: string | undefined): { message: string; hint: string } {
  const output = name === undefined || name === '*' ? (need.outputs[0] ?? '<name>') : name;
  const legs = staticLegNames(need);
  const shown = legs ? ` (${someNames(legs, 4)})` : '';
  const one = legs?.[0] ?? `${need.id} (...)`;
  return {
    message: `needs.${need.id}.outputs${name === undefined ? '' : `.${name}`}: task "${need.id}" is a matrix, and each of its legs${shown} has outputs of its own`,
    hint: `read one leg's as needs.${need.id}.legs['${one}'].outputs.${output}, or every leg's, in leg order, as needs.${need.id}.legs.*.outputs.${output}`,
  };
}

function noLegs(need: TaskSpec): { message: string; hint: string } {
  return {
    message: `needs.${need.id}.legs: task "${need.id}" has no matrix`,
    hint: `read its outputs as needs.${need.id}.outputs.<name>`,
  };
}

/** `needs.<id>.legs[<leg>].<field>...`: a leg of the matrix, and a leg has `matrix`, `result` and `outputs`. */
function legsProblem(need: TaskSpec, path: (string | undefined)[]): { message: string; hint?: string } | undefined {
  const [, , , leg, field, name] = path;
  const prefix = `needs.${need.id}.legs`;
  const legs = staticLegNames(need);
  if (leg !== undefined && leg !== '*' && legs && !legs.some((name) => name.toLowerCase() === leg.toLowerCase())) {
    return {
      message: `${prefix}['${leg}']: task "${need.id}" has no leg "${leg}"`,
      hint: didYouMean(leg, legs) ?? `its legs: ${someNames(legs)}`,
    };
  }
  if (field === undefined || field === '*') return undefined;
  const fields = ['matrix', 'result', 'outputs'];
  if (!fields.includes(field)) {
    return {
      message: `${prefix}[...].${field}: a leg has matrix, result and outputs`,
      hint: didYouMean(field, fields),
    };
  }
  return field === 'outputs' ? outputProblem(`${prefix}[...].outputs`, need, name) : undefined;
}

/** The leg names of a matrix whose axes are all written out; undefined when one comes from an expression. */
function staticLegNames(task: TaskSpec): string[] | undefined {
  if (!task.matrix || task.matrix.axes.some((axis) => !Array.isArray(axis.values))) return undefined;
  return expandMatrix(task.matrix).map((leg) => legName(task.id, leg));
}

function valueAt(root: unknown, path: DocPath): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** `run`, `command[1]`, `with.scheduler`: the field a template stands in, for messages. */
function fieldName(path: DocPath): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return `${String(path[path.length - 2])}[${last}]`;
  const parent = path[path.length - 2];
  return parent === 'env' || parent === 'with' ? `${parent}.${String(last)}` : String(last);
}

function countBefore(text: string, needle: string, offset: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0 && at < offset; at = text.indexOf(needle, at + 1)) count++;
  return count;
}
