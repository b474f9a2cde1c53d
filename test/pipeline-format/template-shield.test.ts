import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/pipeline-format/read-yaml.js';
import { shieldTemplates } from '../../src/pipeline-format/template-shield.js';
import { errorsOf, pipelineOf } from '../helpers.js';

/** The shape SPEC section 2 writes its extracts and argv in: templates unquoted inside [ ] and { }. */
const flowTemplates = `name: funnel
params:
  dataStage: { type: choice, options: [IaC, Initial data], default: IaC }
tasks:
  create-infra:
    run: echo bucket=b >> "$DAGLINE_OUTPUT"
    outputs: [bucket]
  load:
    needs: [create-infra]
    matrix: { period: [day, month, year] }
    run: ./load.sh \${{ matrix.period }} --bucket \${{ needs.create-infra.outputs.bucket }}
    produces: [{ path: out/\${{ matrix.period }}.csv }]
  report:
    needs: [load]
    command: [python3, report.py, --stage, "\${{ params.dataStage }}", \${{ params.dataStage }}]
`;

describe('templates unquoted inside [ ] and { }', () => {
  it('read as the values they stand in', () => {
    const read = readYaml(flowTemplates, 'funnel.yml');
    expect(read.ok).toBe(true);
    const tasks = (read as { value: { tasks: Record<string, Record<string, unknown>> } }).value.tasks;
    expect(tasks.load!.produces).toEqual([{ path: 'out/${{ matrix.period }}.csv' }]);
    expect(tasks.report!.command).toEqual([
      'python3',
      'report.py',
      '--stage',
      '${{ params.dataStage }}',
      '${{ params.dataStage }}',
    ]);
    expect(read.text).toBe(flowTemplates); // the text recorded with a run is the file's own
  });

  it.each([
    ['a: [a${{ x }}]\n', { a: ['a${{ x }}'] }],
    ['a: {k: v${{ x }}}\n', { a: { k: 'v${{ x }}' } }],
    ['a: [ "q", ${{x}} ]\n', { a: ['q', '${{x}}'] }],
    ['a: [x${{ y }}z, w]\n', { a: ['x${{ y }}z', 'w'] }],
    ['a: [${{ a }}${{ b }}]\n', { a: ['${{ a }}${{ b }}'] }],
  ])('read %j as the values written', (text, value) => {
    expect(readYaml(text, 'f.yml')).toMatchObject({ ok: true, value });
  });

  it('make a pipeline that plans like the quoted form', () => {
    const quoted = flowTemplates
      .replace('[{ path: out/${{ matrix.period }}.csv }]', '[{ path: "out/${{ matrix.period }}.csv" }]')
      .replace(', ${{ params.dataStage }}]', ', "${{ params.dataStage }}"]');
    expect(quoted).not.toBe(flowTemplates);
    const [shielded, plain] = [pipelineOf(flowTemplates), pipelineOf(quoted)];
    expect(shielded.tasks.get('load')).toEqual(plain.tasks.get('load'));
    expect(shielded.tasks.get('report')).toEqual(plain.tasks.get('report'));
  });

  it('keep errors at their places: in a template, and on the lines after one', () => {
    const text = `name: p
tasks:
  a:
    matrix: { period: [day] }
    run: echo
    produces: [out/\${{ matrix.perod }}.csv]
  b:
    run: echo
    retrys: 2
`;
    expect(errorsOf(text)).toEqual([
      'test.yml:6:24: error: produces[0]: matrix.perod: the matrix has no key "perod" (did you mean "period"?)',
      'test.yml:9:5: error: tasks.b: unknown key "retrys" (did you mean "retries"?)',
    ]);
  });

  it('leave a quoted template with quotes in it as YAML reads it, next to a shielded one', () => {
    const read = readYaml(`a: ['\${{ format(''{0}'', x) }}', "\${{ \\"y\\" }}", \${{ z }}]\n`, 'f.yml');
    expect(read).toMatchObject({ ok: true, value: { a: ["${{ format('{0}', x) }}", '${{ "y" }}', '${{ z }}'] } });
  });

  it('put templates back into keys, and keep a __proto__ key a key', () => {
    const read = readYaml(`a: { \${{ k }}: [\${{ v }}], __proto__: { x: \${{ w }} } }\n`, 'f.yml');
    expect(read.ok).toBe(true);
    const a = (read as { value: { a: Record<string, unknown> } }).value.a;
    expect(Object.keys(a)).toEqual(['${{ k }}', '__proto__']);
    expect(a['${{ k }}']).toEqual(['${{ v }}']);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(a, '__proto__')?.value).toEqual({ x: '${{ w }}' });
  });

  it('report only what else is wrong with a file, with its templates as written', () => {
    // Read as it is, the template's braces also break the line; shielded, only the stray ] is left.
    expect(errorsOf('name: p\ntasks:\n  a: [x, ${{ y }}]]\n')).toEqual([
      'test.yml:3:19: error: invalid YAML: unexpected flow-seq-end token in YAML stream: "]"',
    ]);
    expect(errorsOf('name: p\n  ${{ y }}\ntasks: {}\n')[0]).toMatch(/got "p \$\{\{ y \}\}"$/);
  });

  it('still need quotes when the template holds quotes of its own', () => {
    expect(
      errorsOf("name: p\ntasks:\n  a:\n    run: echo\n    produces: [out/${{ format('{0}', params.x) }}.csv]\n"),
    ).toEqual([
      `test.yml:5:21: error: invalid YAML: missing , or : between flow sequence items (inside [ ] or { }, a value whose \${{ }} holds quotes must itself be quoted: ["\${{ x }}"])`,
    ]);
  });
});

describe('shieldTemplates', () => {
  it('replaces each one-line template by a placeholder of its length that YAML reads as text', () => {
    const text = 'a: [${{ x }}, b${{y}}c, ${{ a.b && c }}]\nrun: |\n  echo ${{ d }}\n';
    const shielded = shieldTemplates(text)!;
    expect(shielded.text).toHaveLength(text.length);
    expect(shielded.text.split('\n').map((line) => line.length)).toEqual(text.split('\n').map((line) => line.length));
    expect(shielded.text).not.toContain('{{');
    expect(shielded.restoreText(shielded.text)).toBe(text);
  });

  it('leaves alone templates across lines or with quotes or backslashes, and text that holds its placeholder characters', () => {
    expect(shieldTemplates('a: ${{ x\n}}')).toBeUndefined();
    expect(shieldTemplates('a: [${{ \'x\' }}, ${{ "y" }}, ${{ \\z }}]')).toBeUndefined();
    expect(shieldTemplates('a: [${{ x }}] # \ue000')).toBeUndefined();
    expect(shieldTemplates('no templates')).toBeUndefined();
  });

  it('tells thousands of templates apart', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `k${i}: [\${{ v${i} }}]`).join('\n');
    const shielded = shieldTemplates(text)!;
    const values = shielded.restore(
      Object.fromEntries(
        shielded.text
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf('[') + 1, -1)]),
      ),
    ) as Record<string, string>;
    expect(values.k0).toBe('${{ v0 }}');
    expect(values.k4095).toBe('${{ v4095 }}');
    expect(values.k4096).toBe('${{ v4096 }}');
    expect(values.k4999).toBe('${{ v4999 }}');
  });
});
