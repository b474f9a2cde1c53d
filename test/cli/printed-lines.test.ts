import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { TtyReporter } from '../../src/cli/run-output/tty-reporter.js';
import { ParamError } from '../../src/errors/dagline-error.js';
import { formatErrorLine } from '../../src/errors/format-error.js';
import { printable, printableJson } from '../../src/render/printable.js';
import type { LegInstance } from '../../src/run/scheduler.js';

/**
 * Every line dagline prints itself, with hostile values in everything it prints that a user
 * chose: param values, matrix values (from params and from a task's outputs), file names, the
 * record's lines in `runs` and `runs show`, `logs` and its prefixes, plan, graph, errors. No
 * line may carry a control character, a bidirectional override, or a workflow command
 * (`::cmd::` after blanks, `##[cmd]` anywhere). The tasks print nothing of the values: what a
 * task prints is its own, under its prefix.
 */

const SEED = 20261206;

const FIXED = [
  '\n::error::newline',
  '\r::warning::return',
  'esc \u001b[2J\u001b]0;title\u0007',
  'nul \u0000 and del \u007f and c1 \u0085\u009b',
  '##[error]legacy',
  '  ::add-mask::leading',
  '\u00a0::notice::nbsp',
  'bidi \u202e reversed \u2066',
  'line\u2028separator\u2029',
  'tab\there',
];

const hostile = fc.string({
  unit: fc.constantFrom(
    ...[':', ':', '#', '#', '[', ']', '\n', '\r', '\u001b', '\u0000', ' ', 'a', '\u202e', '\u2028', '\t', '\u0085'],
  ),
  minLength: 1,
  maxLength: 16,
});

const VALUES = [...FIXED, ...fc.sample(hostile, { numRuns: 12, seed: SEED })];

/** What is wrong with one printed line, or undefined. */
function flaw(line: string): string | undefined {
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(line))
    return 'a control character';
  if (line.trimStart().startsWith('::')) return 'a workflow command';
  if (line.includes('##[')) return 'a legacy workflow command';
  return undefined;
}

function expectPrintable(text: string, what: string): void {
  const flawed = text
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line) => (flaw(line) ? [`${flaw(line)}: ${JSON.stringify(line)}`] : []));
  expect(flawed, what).toEqual([]);
}

async function dagline(dir: string, ...argv: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runCli(argv, {
    out: (chunk) => void (text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()),
    err: (chunk) => void (text += chunk),
    env: { PATH: process.env.PATH ?? '', USER: 'tester', DAGLINE_STATE_DIR: join(dir, '.dagline') },
  });
  return { code, text };
}

describe('the lines dagline prints', () => {
  it('printable() leaves no flaw in any value, and changes no ordinary text', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary' })), (value) => {
        expect(flaw(printable(value))).toBeUndefined();
        expect(printable(value).includes('\n')).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(printable('load (day) 2026-12-01: a b, c=d; x::y')).toBe('load (day) 2026-12-01: a b, c=d; x::y');
    expect(printableJson({ v: '##[error]x' })).toBe('{\n  "v": "#\\u0023[error]x"\n}\n');
    expect(JSON.parse(printableJson({ v: '##[error]x' }))).toEqual({ v: '##[error]x' });
  });

  it('error lines: their file, message and hint', () => {
    for (const value of VALUES) {
      const error = new ParamError(`"${value}" is not an option`, { file: value, line: 3 }, `did you mean "${value}"?`);
      expectPrintable(formatErrorLine(error), JSON.stringify(value));
    }
  });

  it('plan, run, runs, runs show, logs, graph and validate, with values in params, matrices built from params and from outputs, and file names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dagline-printed-'));
    mkdirSync(join(dir, '.git'));
    const file = join(dir, 'p.yml');
    writeFileSync(
      file,
      `name: printed
params:
  p: { type: string }
  list: { type: string }
tasks:
  gen:
    outputs: [list]
    env: { LIST: "\${{ params.list }}" }
    run: printf 'list=%s\\n' "$LIST" >> "$DAGLINE_OUTPUT"
  from-params:
    name: "\${{ params.p }}"
    matrix: { v: "\${{ fromJSON(params.list) }}" }
    run: 'v=\${{ matrix.v }}; p=\${{ params.p }}; exit 1'
  from-outputs:
    needs: [gen]
    matrix: { v: "\${{ fromJSON(needs.gen.outputs.list) }}" }
    command: [bash, -c, 'exit 0', _, "\${{ matrix.v }}", "\${{ params.p }}"]
`,
    );
    // A NUL cannot reach a process: such values refuse the run, in lines of their own.
    const runnable = VALUES.filter((value) => !value.includes('\0'));
    const params = ['--param', `p=${VALUES[0]}${VALUES[4]}`, '--param', `list=${JSON.stringify(runnable)}`];
    const refused = await dagline(dir, 'run', file, '--param', 'p=x', '--param', `list=${JSON.stringify(VALUES)}`);
    expect(refused.code).toBe(1);
    expect(refused.text).toContain('holds a NUL');
    const outputs: [string, { code: number; text: string }][] = [
      ['refused run', refused],
      ['plan', await dagline(dir, 'plan', file, ...params)],
      ['plan json', await dagline(dir, 'plan', file, ...params, '--format', 'json')],
      ['run', await dagline(dir, 'run', file, ...params)],
      ['runs', await dagline(dir, 'runs')],
      ['runs json', await dagline(dir, 'runs', '--format', 'json')],
      ['runs show', await dagline(dir, 'runs', 'show', 'printed')],
      ['logs', await dagline(dir, 'logs', 'printed')],
      ['logs of a leg', await dagline(dir, 'logs', 'printed', `from-params (${VALUES[0]})`)],
      ['a leg that is not there', await dagline(dir, 'logs', 'printed', VALUES[1] as string)],
      ['an unknown param', await dagline(dir, 'plan', file, '--param', `${VALUES[2]}=${VALUES[3]}`)],
      ['graph dot', await dagline(dir, 'graph', file, '--format', 'dot')],
      ['graph json', await dagline(dir, 'graph', file, '--format', 'json')],
      ['an unknown option', await dagline(dir, 'plan', file, `--${VALUES[1]}`)],
    ];
    const ran = outputs[3]?.[1] as { code: number; text: string };
    expect(ran.code, ran.text).toBe(1); // the legs from params fail: their lines name them
    expect(ran.text).toContain('[dagline] failed from-params (\\x0a::error::newline) ');
    expect(outputs[6]?.[1].text).toContain('from-outputs (#\\x23[error]legacy)');
    for (const [what, { text }] of outputs) expectPrintable(text, what);

    // File names: every one of them is a file of its own, each with an error that names it.
    const folder = join(dir, 'pipelines');
    mkdirSync(folder);
    for (const [i, value] of VALUES.entries())
      writeFileSync(join(folder, `${i}${value.replace(/[/\0]/g, '_')}.yml`), 'name: [\n');
    for (const format of ['text', 'json'])
      expectPrintable((await dagline(dir, 'validate', folder, '--format', format)).text, `validate ${format}`);
  });

  it('the terminal reporter: names in its lines and its status line, its own cursor codes aside', () => {
    let out = '';
    const reporter = new TtyReporter((text) => (out += text));
    const leg = (name: string, status: string) =>
      ({
        name,
        state: { status, reason: name, startedAt: '2026-11-25T00:00:00.000Z', endedAt: '2026-11-25T00:00:01.000Z' },
      }) as unknown as LegInstance;
    for (const value of VALUES) {
      reporter.legStarted(leg(value, 'running'));
      reporter.legRetrying(leg(value, 'running'), 1000);
      reporter.note(value);
      reporter.legFinished(leg(value, 'failed'));
    }
    (reporter as unknown as { flush(): void }).flush();
    reporter.legStarted(leg(VALUES[0] as string, 'running'));
    (reporter as unknown as { flush(): void }).flush();
    expectPrintable(out.replace(/\r\u001b\[K/g, '\n'), 'tty');
  });
});
