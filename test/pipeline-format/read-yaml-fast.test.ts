import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { stringify, type ToStringOptions } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlFilesUnder } from '../helpers.js';
// @ts-expect-error: the benchmark generators are plain JavaScript
import { layeredPipeline } from '../../bench/generate-layered.mjs';
// @ts-expect-error: the benchmark generators are plain JavaScript
import { generatePipeline } from '../../bench/generate-pipeline.mjs';
import { readYaml } from '../../src/pipeline-format/read-yaml.js';
import { readYamlFast } from '../../src/pipeline-format/read-yaml-fast.js';

const DEPTH = 64;

/** What the `yaml` path makes of the text: the reference the quick reader must match. */
function slow(text: string): unknown {
  const result = readYaml(text, 'test.yml', undefined, 'yaml-only');
  return result.ok ? { value: result.value } : undefined;
}

/** The quick reader either answers exactly as the `yaml` path, or leaves the file to it. */
function expectSameOrLeft(text: string): ReturnType<typeof readYamlFast> {
  const fast = readYamlFast(text, DEPTH);
  if (fast !== undefined) expect(fast).toEqual(slow(text));
  return fast;
}

describe('the quick YAML reader', () => {
  it('reads every example and fixture as the yaml path does, and takes the quick way for the examples', () => {
    for (const file of [...yamlFilesUnder('examples'), ...yamlFilesUnder('test/fixtures')]) {
      const text = readFileSync(file, 'utf8');
      const fast = expectSameOrLeft(text);
      if (file.startsWith('examples') && !text.includes('&')) expect(fast, file).toBeDefined();
    }
  });

  it('reads the benchmark pipelines as the yaml path does', () => {
    for (const text of [layeredPipeline(300) as string, generatePipeline(1000) as string]) {
      expect(expectSameOrLeft(text)).toBeDefined();
    }
  });

  it('leaves to the yaml path what it reports or treats specially', () => {
    const leftAlone = {
      'an alias': 'a: &x 1\nb: *x\n',
      'a tag': 'a: !!str 1\n',
      'an unknown tag': 'a: !shout hello\n',
      'a directive': '%YAML 1.2\n---\na: 1\n',
      'a duplicate key': 'a: 1\nb: 2\na: 3\n',
      'a number as a key': 'a: {1: x}\n',
      'null as a key': '? null\n: x\n',
      'an empty key': ': x\n',
      'true as a key': 'true: x\n',
      'a collection as a key': '? [a, b]\n: x\n',
      'a merge key': 'a: {<<: {b: 1}}\n',
      'two documents': 'a: 1\n---\nb: 2\n',
      'an empty file': '',
      'only a comment': '# nothing\n',
      'a bare scalar': 'hello\n',
      'a tab as indentation': 'a:\n\tb: 1\n',
      'unclosed quotes': 'a: "open\n',
      'nesting near the limit': `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}\n`,
      // Found by fuzzing the two readers against each other: js-yaml took these, differently.
      'an anchor alone': 'a: &:\n',
      'a tab after a block scalar': 'k: >-\n  a\n\t',
      'a carriage return alone': '- \r',
      'a document end marker': '...\r\na: \n',
      'a quoted scalar folded over lines': 'a:\n  "\\\n    \n  "',
      'a node after a flow list on its line': 'a:\n- [] x: 1\n',
      'an indented first line': ' ---\n- \n    0- [',
    };
    const taken = Object.entries(leftAlone).filter(
      ([, text]) => readYamlFast(text, DEPTH) !== undefined && !isSameAsSlow(text),
    );
    expect(taken).toEqual([]);
    for (const [what, text] of Object.entries(leftAlone)) {
      if (what !== 'a merge key') expect(readYamlFast(text, DEPTH), what).toBeUndefined();
    }
  });

  it('gives a merge key no meaning, as YAML 1.2 does', () => {
    expect(readYamlFast('a:\n  <<: {b: 1}\n', DEPTH)).toEqual({ value: { a: { '<<': { b: 1 } } } });
    expect(slow('a:\n  <<: {b: 1}\n')).toEqual({ value: { a: { '<<': { b: 1 } } } });
  });

  it('keeps __proto__ a plain key', () => {
    const fast = readYamlFast('__proto__: {polluted: true}\n', DEPTH)?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
    expect(Object.keys(fast)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resolves plain scalars by the core schema of the yaml package', () => {
    const edges = [
      '0',
      '-0',
      '+1',
      '007',
      '0o17',
      '0o8',
      '0x1F',
      '0X1F',
      '0xg',
      '0b101',
      '1_000',
      '1e3',
      '1E-3',
      '.5',
      '5.',
      '-.5e+2',
      '.inf',
      '-.Inf',
      '+.INF',
      '.nan',
      '.NaN',
      'nan',
      'inf',
      '1e999',
      '9'.repeat(400),
      '12345678901234567890',
      '~',
      'null',
      'Null',
      'NULL',
      'nULL',
      'true',
      'True',
      'TRUE',
      'tRUE',
      'yes',
      'on',
      'off',
      'y',
      'n',
      '2026-11-25',
      '1:2',
      '12:30:00',
      '0.1.2',
      '1..2',
      '- 1',
      '+',
      '-',
      '.',
      'e3',
      '1e',
      '0x',
      '0o',
    ];
    for (const scalar of edges) expectSameOrLeft(`value: ${scalar}\nlist: [${scalar}]\n`);
    fc.assert(
      fc.property(fc.stringMatching(/^[-+.0-9eExXoObB_aAfFiInN~tTrRuUlL]{1,10}$/), (scalar) => {
        expectSameOrLeft(`value: ${scalar}\nlist: [${scalar}, ${scalar}]\n`);
      }),
      { numRuns: 2000 },
    );
  }, 30_000); // thousands of cases: generous on a shared machine

  it('answers as the yaml path does on random YAML-like text, or leaves it to it', () => {
    const heads = fc.constantFrom(
      '',
      'a: ',
      'a:\n  ',
      'a:\n  - ',
      '- ',
      'k: [',
      'k: |\n  ',
      'k: >-\n  ',
      'k: "',
      "k: '",
    );
    const alphabets = [
      [...'abc: -[]{},&*!|>\'"#%@`\n  \t?$=01.\\~'],
      [...'ab: -[]{},\'"#\n\r  ?|>.0~\\é\u2028\u0085\u00a0', '---', '...', '\r\n', '\n- ', '\n  ', ': ', ' #'],
      [
        ...'ab:-[]{},\'"#\n ?|>.0\\',
        '---',
        '\n- ',
        '\n  ',
        '\n    ',
        ': ',
        ' #',
        '\\n',
        '[a]',
        '{a: 1}',
        '? ',
        ', ',
        '- [',
        '- {',
      ],
    ];
    for (const alphabet of alphabets) {
      const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 100 });
      fc.assert(
        fc.property(heads, text, (head, rest) => {
          expectSameOrLeft(head + rest);
        }),
        { numRuns: 3000 },
      );
    }
  }, 60_000);

  it('reads any value written in any style as the yaml path does', () => {
    const leaf = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...' \n\t:#-?[]{},&*!|>\'"%@`\\aé€😀0.1'), maxLength: 20 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.string({ unit: fc.constantFrom(...'ab_-. :#\'"é'), minLength: 1, maxLength: 8 });
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
    }));
    const style: fc.Arbitrary<ToStringOptions> = fc.record({
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      lineWidth: fc.constantFrom(0, 20, 80),
      indent: fc.constantFrom(1, 2, 4),
    });
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), style, (value, options) => {
        const text = stringify(value, options);
        expectSameOrLeft(text);
      }),
      { numRuns: 1500 },
    );
  }, 30_000); // thousands of cases: generous on a shared machine
});

function isSameAsSlow(text: string): boolean {
  try {
    expect(readYamlFast(text, DEPTH)).toEqual(slow(text));
    return true;
  } catch {
    return false;
  }
}
