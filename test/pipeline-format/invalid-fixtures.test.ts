import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatErrorLine } from '../../src/errors/format-error.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';

/**
 * One failing input per error class, each with the exact lines a user sees:
 * file:line:col, message and hint, and the class of error it is.
 */
const fixtures = join(import.meta.dirname, '../fixtures/invalid');

const expected: Record<string, [kind: string, line: string][]> = {
  'expr-after-backslash': [
    [
      'expression',
      'expr-after-backslash.yml:6:16: error: run: ${{ params.x }} follows a backslash, where no value can be quoted safely; no value is safe there (remove the backslash, or put the value in double quotes)',
    ],
  ],
  'expr-command-shell-code': [
    [
      'expression',
      'expr-command-shell-code.yml:5:27: error: command: ${{ params.x }} is run as code by sh; no value is safe there (pass the value as an argument after the code string and read it as "$1", or through env:)',
    ],
    [
      'expression',
      'expr-command-shell-code.yml:6:50: error: command: ${{ params.x }} is run as code by /bin/bash; no value is safe there (pass the value as an argument after the code string and read it as "$1", or through env:)',
    ],
  ],
  'run-syntax-unclosed-quote': [
    ['shell', 'run-syntax-unclosed-quote.yml:6:12: error: run: bash syntax error: reached EOF without closing quote "'],
  ],
  'run-syntax-missing-fi': [
    [
      'shell',
      'run-syntax-missing-fi.yml:6:7: error: run: sh syntax error: if statement must end with "fi" (sh scripts are checked as POSIX sh: use shell: bash for bash syntax)',
    ],
  ],
  'run-template-in-eval': [
    [
      'expression',
      'run-template-in-eval.yml:8:18: error: run: ${{ params.target }} is run as code by eval; no value is safe there (pass the value through env: and read "$NAME" in the script)',
    ],
  ],
  'expr-if-mixed-text': [
    [
      'expression',
      'expr-if-mixed-text.yml:6:9: error: an `if` must be one expression; text around ${{ }} would make it always true (write `if: a == b` or `if: ${{ a == b }}`)',
    ],
  ],
  'expr-if-syntax': [['expression', "expr-if-syntax.yml:4:18: error: if: unexpected end of expression: '=='"]],
  'expr-if-unknown-context': [
    [
      'expression',
      'expr-if-unknown-context.yml:4:9: error: if: unknown context "github" (here: params, env, needs, run, pipeline) (read GitHub\'s values from the environment ($GITHUB_REF, $GITHUB_SHA, ...); run.trigger and run.actor are dagline\'s)',
    ],
  ],
  'expr-matrix-key': [
    [
      'expression',
      'expr-matrix-key.yml:5:19: error: run: matrix.perod: the matrix has no key "perod" (did you mean "period"?)',
    ],
  ],
  'expr-matrix-outputs': [
    [
      'expression',
      `expr-matrix-outputs.yml:9:19: error: run: needs.load.outputs.rows: task "load" is a matrix, and each of its legs (load (day), load (month)) has outputs of its own (read one leg's as needs.load.legs['load (day)'].outputs.rows, or every leg's, in leg order, as needs.load.legs.*.outputs.rows)`,
    ],
  ],
  'expr-matrix-leg': [
    [
      'expression',
      `expr-matrix-leg.yml:13:16: error: run: needs.load.legs['load (dya)']: task "load" has no leg "load (dya)" (did you mean "load (day)"?)`,
    ],
    [
      'expression',
      'expr-matrix-leg.yml:14:16: error: run: needs.load.legs[...].outputs.row: task "load" declares no output "row" (did you mean "rows"?)',
    ],
    [
      'expression',
      'expr-matrix-leg.yml:15:16: error: run: needs.plain.legs: task "plain" has no matrix (read its outputs as needs.plain.outputs.<name>)',
    ],
  ],
  'expr-matrix-without-matrix': [
    ['expression', 'expr-matrix-without-matrix.yml:4:26: error: command[1]: matrix.period: task "a" has no matrix'],
  ],
  'expr-non-posix-shell': [
    [
      'expression',
      'expr-non-posix-shell.yml:7:17: error: ${{ }} templates in `run` need a POSIX shell (bash or sh); this task uses python (read the value from the environment instead: params, matrix values and needed outputs are exported)',
    ],
  ],
  'expr-not-a-need': [
    [
      'expression',
      'expr-not-a-need.yml:7:19: error: run: needs.a: "a" is not among the needs of task "b" (add it to needs:)',
    ],
  ],
  'expr-run-context': [
    [
      'expression',
      'expr-run-context.yml:4:19: error: run: run.number: the run context has id, attempt, actor, trigger',
    ],
  ],
  'expr-stage-if-needs': [
    [
      'expression',
      'expr-stage-if-needs.yml:4:9: error: if: unknown context "needs" (here: params, env, run, pipeline) ("needs" is not available here)',
    ],
  ],
  'expr-status-in-template': [
    ['expression', "expr-status-in-template.yml:4:19: error: run: success() is only allowed in a task's if"],
  ],
  'expr-unclosed': [['expression', 'expr-unclosed.yml:4:15: error: a ${{ is not closed by }}']],
  'expr-undeclared-output': [
    [
      'expression',
      'expr-undeclared-output.yml:10:16: error: run: needs.a.outputs.bukcet: task "a" declares no output "bukcet" (did you mean "bucket"?)',
    ],
  ],
  'expr-unknown-param': [
    ['expression', 'expr-unknown-param.yml:6:19: error: run: unknown param "datastge" (did you mean "dataStage"?)'],
  ],
  'graph-cycle-through-stage': [
    [
      'graph',
      'graph-cycle-through-stage.yml:10:13: error: cycle: start -> fill -> stage load -> start (start -> fill at line 10; fill -> stage load at line 9; stage load -> start at line 6)',
    ],
  ],
  'graph-cycle': [
    [
      'graph',
      'graph-cycle.yml:7:13: error: cycle: extract -> transform -> publish -> extract (extract -> transform at line 7; transform -> publish at line 10; publish -> extract at line 4)',
    ],
  ],
  'graph-duplicate-need': [['graph', 'graph-duplicate-need.yml:5:16: error: task "b" needs "a" twice']],
  'graph-own-stage': [['graph', 'graph-own-stage.yml:7:13: error: task "a" needs its own stage "load"']],
  'graph-self-need': [['graph', 'graph-self-need.yml:4:12: error: task "a" needs itself']],
  'graph-stage-task-clash': [
    [
      'graph',
      'graph-stage-task-clash.yml:3:3: error: stage "load" has the same name as a task (`needs` could not tell them apart: rename one)',
    ],
  ],
  'graph-unknown-need': [
    ['graph', 'graph-unknown-need.yml:6:13: error: task "load" needs unknown task "extarct" (did you mean "extract"?)'],
  ],
  'graph-unknown-pool': [
    ['graph', 'graph-unknown-pool.yml:6:11: error: task "a" uses unknown pool "bigqeury" (did you mean "bigquery"?)'],
  ],
  'graph-unknown-stage': [
    [
      'graph',
      'graph-unknown-stage.yml:6:12: error: task "a" is in unknown stage "infrastructre" (did you mean "infrastructure"?)',
    ],
  ],
  'matrix-duplicate-value': [
    ['schema', 'matrix-duplicate-value.yml:5:28: error: matrix.period: value "day" is listed twice'],
  ],
  'matrix-dynamic-axis': [
    [
      'schema',
      'matrix-dynamic-axis.yml:5:15: error: matrix.period: a matrix axis is a list of values, or one ${{ }} expression giving a list',
    ],
  ],
  'matrix-exclude-unknown-axis': [
    [
      'schema',
      'matrix-exclude-unknown-axis.yml:7:11: error: matrix.exclude[0]: "perod" is not an axis of the matrix (did you mean "period"?)',
    ],
  ],
  'matrix-no-legs': [
    [
      'schema',
      'matrix-no-legs.yml:4:5: error: the matrix of task "a" has no legs: `exclude` removes every combination',
    ],
  ],
  'schema-airflow-key': [
    ['schema', 'schema-airflow-key.yml:6:5: error: tasks.load: unknown key "depends_on" (did you mean "needs"?)'],
  ],
  'schema-bad-cron': [
    ['schema', 'schema-bad-cron.yml:3:11: error: schedule[0].cron: invalid cron schedule: Invalid value for hour: 25'],
  ],
  'schema-bad-duration': [
    [
      'schema',
      'schema-bad-duration.yml:5:14: error: tasks.a.timeout: expected a duration such as 90s, 10m or 1h30m, got "10 min"',
    ],
  ],
  'schema-bad-enum': [
    [
      'schema',
      'schema-bad-enum.yml:5:12: error: tasks.a.shell: expected one of bash, sh, python, node, pwsh, got "zsh" (did you mean "sh"?)',
    ],
  ],
  'schema-bad-name': [
    [
      'schema',
      'schema-bad-name.yml:1:7: error: name: a pipeline name is lowercase letters, digits, - and _, starting with a letter or digit, got "My Pipeline"',
    ],
  ],
  'schema-bad-task-id': [
    [
      'schema',
      'schema-bad-task-id.yml:3:3: error: tasks: "9lives": a task id is letters, digits, - and _, starting with a letter or _',
    ],
  ],
  'schema-choice-default': [
    [
      'schema',
      'schema-choice-default.yml:6:14: error: params.dataStage.default: "iac" is not an option of param "dataStage" (options: "IaC", "Initial data") (did you mean "IaC"?)',
    ],
  ],
  'schema-choice-without-options': [
    [
      'schema',
      'schema-choice-without-options.yml:3:3: error: params.stage: a choice param needs `options` (list them: options: [a, b])',
    ],
  ],
  'schema-extract-absolute': [
    [
      'schema',
      'schema-extract-absolute.yml:6:15: error: extract path "/etc/passwd" is absolute (extract paths are relative to the working directory)',
    ],
  ],
  'schema-extract-outside': [
    [
      'schema',
      'schema-extract-outside.yml:5:16: error: extract path "../secrets.csv" leaves the working directory (keep extracts inside the working directory)',
    ],
  ],
  'schema-pipeline-outside': [
    [
      'schema',
      'schema-pipeline-outside.yml:4:15: error: pipeline "../outside.yml" leaves the repository (pipeline paths are relative to the repository root and stay inside it)',
    ],
    [
      'schema',
      'schema-pipeline-outside.yml:6:15: error: pipeline "/etc/dagline/other.yml" is absolute (pipeline paths are relative to the repository root and stay inside it)',
    ],
    [
      'schema',
      'schema-pipeline-outside.yml:8:15: error: pipeline "pipelines/../../outside.yml" leaves the repository (pipeline paths are relative to the repository root and stay inside it)',
    ],
  ],
  'schema-max-parallel-without-matrix': [
    ['schema', 'schema-max-parallel-without-matrix.yml:5:5: error: `max-parallel` is only for matrix tasks'],
  ],
  'schema-missing-name': [['schema', 'schema-missing-name.yml:1:1: error: missing required key "name"']],
  'schema-no-action': [
    ['schema', 'schema-no-action.yml:3:3: error: task "a" has nothing to do (give it `run`, `command` or `pipeline`)'],
  ],
  'schema-number-duration': [
    [
      'schema',
      'schema-number-duration.yml:5:14: error: tasks.a.timeout: expected a duration such as 90s, 10m or 1h30m, got number 30 (write 30s or 30m)',
    ],
  ],
  'schema-param-default-type': [
    [
      'schema',
      'schema-param-default-type.yml:5:14: error: params.count.default: param "count" is a number; got "3" (remove the quotes to make it a number)',
    ],
  ],
  'schema-schedule-unknown-param': [
    ['schema', 'schema-schedule-unknown-param.yml:6:15: error: unknown param "dya" (did you mean "day"?)'],
  ],
  'schema-two-actions': [
    [
      'schema',
      'schema-two-actions.yml:5:5: error: task "a" has both `run` and `command` (a task does one thing: keep one)',
    ],
  ],
  'schema-unknown-key': [
    ['schema', 'schema-unknown-key.yml:5:5: error: tasks.load: unknown key "retires" (did you mean "retries"?)'],
  ],
  'schema-no-tasks': [['schema', 'schema-no-tasks.yml:2:1: error: tasks: a pipeline needs at least one task']],
  'schema-templated-pipeline-path': [
    [
      'schema',
      'schema-templated-pipeline-path.yml:6:15: error: pipeline: "pipelines/${{ params.which }}.yml" holds a template; the pipeline a task runs is a fixed path (give each choice a task of its own, with an if on the param)',
    ],
  ],
  'schema-with-without-pipeline': [
    [
      'schema',
      'schema-with-without-pipeline.yml:5:5: error: `with` is only for pipeline tasks (add `pipeline:`, or remove it)',
    ],
  ],
  'schema-wrong-type': [
    ['schema', 'schema-wrong-type.yml:5:14: error: tasks.a.retries: expected a number, got "three"'],
  ],
  'schema-yes-boolean': [
    [
      'schema',
      'schema-yes-boolean.yml:5:24: error: tasks.a.continue-on-error: expected true or false, got "yes" (YAML 1.2 reads yes/no/on/off as text: write true or false)',
    ],
  ],
  'yaml-alias-bomb': [
    [
      'yaml',
      'yaml-alias-bomb.yml:6:37: error: aliases expand to more than 100000 nodes (an alias bomb?) (use fewer nested aliases)',
    ],
  ],
  'yaml-colon-in-value': [
    [
      'yaml',
      'yaml-colon-in-value.yml:4:10: error: invalid YAML: nested mappings are not allowed in compact mappings (a value holding ": " must be quoted, or written as a block scalar (key: |))',
    ],
  ],
  'yaml-deep-nesting': [['yaml', 'yaml-deep-nesting.yml:5:71: error: nesting is deeper than 64 levels']],
  'yaml-duplicate-key': [
    [
      'yaml',
      'yaml-duplicate-key.yml:7:3: error: duplicate key "a" (first at line 3) (a key may appear once per mapping)',
    ],
  ],
  'yaml-empty': [['yaml', 'yaml-empty.yml: error: file is empty: a pipeline needs at least `name` and `tasks`']],
  'yaml-merge-key': [
    [
      'schema',
      'yaml-merge-key.yml:6:5: error: tasks.a: unknown key "<<" (merge keys (<<) are YAML 1.1; dagline reads YAML 1.2: use `defaults:` or repeat the keys)',
    ],
  ],
  'yaml-non-string-key': [
    [
      'yaml',
      'yaml-non-string-key.yml:6:7: error: key 1 is a number; keys must be strings (quote it ("1") if you mean the text)',
    ],
  ],
  'yaml-syntax': [
    ['yaml', 'yaml-syntax.yml:5:1: error: invalid YAML: missing closing "quote (a quote or bracket is not closed)'],
  ],
  'yaml-tab-indent': [
    [
      'yaml',
      'yaml-tab-indent.yml:3:1: error: invalid YAML: tabs are not allowed as indentation (indent with spaces, not tabs)',
    ],
    [
      'yaml',
      'yaml-tab-indent.yml:4:1: error: invalid YAML: tabs are not allowed as indentation (indent with spaces, not tabs)',
    ],
  ],
  'yaml-template-in-flow': [
    [
      'yaml',
      'yaml-template-in-flow.yml:5:21: error: invalid YAML: missing , or : between flow sequence items (inside [ ] or { }, a value whose ${{ }} holds quotes must itself be quoted: ["${{ x }}"])',
    ],
  ],
  'yaml-two-documents': [
    [
      'yaml',
      'yaml-two-documents.yml:4:1: error: file holds more than one YAML document; one file is one pipeline (put each pipeline in its own file)',
    ],
  ],
  'yaml-unknown-tag': [
    [
      'yaml',
      'yaml-unknown-tag.yml:4:10: error: invalid YAML: unresolved tag: !shell (dagline reads plain YAML 1.2: remove the tag)',
    ],
  ],
  'yaml-version-directive': [
    [
      'yaml',
      'yaml-version-directive.yml:1:1: error: file asks for YAML 1.1; dagline reads YAML 1.2 only (remove the %YAML directive)',
    ],
  ],
};

describe('invalid pipelines', () => {
  it.each(Object.entries(expected))('%s', (name, lines) => {
    const file = `${name}.yml`;
    const result = loadPipeline(readFileSync(join(fixtures, file)), file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.kind, formatErrorLine(e)])).toEqual(lines);
  });

  it('has an expectation for every fixture file', () => {
    const files = readdirSync(fixtures).map((f) => f.replace(/\.yml$/, ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it('covers every kind of validation error', () => {
    const kinds = new Set(Object.values(expected).flatMap((lines) => lines.map(([kind]) => kind)));
    expect([...kinds].sort()).toEqual(['expression', 'graph', 'schema', 'shell', 'yaml']);
  });
});
