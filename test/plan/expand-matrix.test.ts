import { describe, expect, it } from 'vitest';
import { expandMatrix, legName } from '../../src/plan/expand-matrix.js';

describe('matrix legs, as GitHub expands them', () => {
  it('takes the product of the axes, first axis slowest', () => {
    const legs = expandMatrix({
      axes: [
        { name: 'os', values: ['linux', 'mac'] },
        { name: 'node', values: [20, 22] },
      ],
      include: [],
      exclude: [],
    });
    expect(legs).toEqual([
      { os: 'linux', node: 20 },
      { os: 'linux', node: 22 },
      { os: 'mac', node: 20 },
      { os: 'mac', node: 22 },
    ]);
  });

  it('removes what exclude matches', () => {
    const legs = expandMatrix({
      axes: [
        { name: 'os', values: ['linux', 'mac'] },
        { name: 'node', values: [20, 22] },
      ],
      include: [],
      exclude: [{ os: 'mac', node: 20 }],
    });
    expect(legs).toHaveLength(3);
    expect(legs).not.toContainEqual({ os: 'mac', node: 20 });
  });

  // The example of GitHub's documentation ("Expanding or adding matrix configurations").
  it('adds include values to the legs they fit, and adds the rest as new legs', () => {
    const legs = expandMatrix({
      axes: [
        { name: 'fruit', values: ['apple', 'pear'] },
        { name: 'animal', values: ['cat', 'dog'] },
      ],
      include: [
        { color: 'green' },
        { color: 'pink', animal: 'cat' },
        { fruit: 'apple', shape: 'circle' },
        { fruit: 'banana' },
        { fruit: 'banana', animal: 'cat' },
      ],
      exclude: [],
    });
    expect(legs).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('uses axes resolved at run time', () => {
    const legs = expandMatrix(
      { axes: [{ name: 'day', values: '${{ fromJSON(needs.a.outputs.days) }}' }], include: [], exclude: [] },
      new Map([['day', ['mon', 'tue']]]),
    );
    expect(legs).toEqual([{ day: 'mon' }, { day: 'tue' }]);
  });

  it('names legs as GitHub names matrix jobs', () => {
    expect(legName('load', { period: 'day' })).toBe('load (day)');
    expect(legName('build', { os: 'linux', node: 20 })).toBe('build (linux, 20)');
    expect(legName('plain', undefined)).toBe('plain');
  });
});
