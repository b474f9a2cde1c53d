import { describe, expect, it } from 'vitest';
import { formatErrorLine } from '../../src/errors/format-error.js';
import { closest, someNames } from '../../src/errors/did-you-mean.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import { widePipeline } from '../run/wide-pipeline.js';

describe('names in messages', () => {
  it('finds the name meant: case, - against _, a swap, a few typos', () => {
    expect(closest('Extract', ['extract', 'load'])).toBe('extract');
    expect(closest('load_day', ['load-day'])).toBe('load-day');
    expect(closest('laod', ['load'])).toBe('load');
    expect(closest('zzz', ['load'])).toBeUndefined();
  });

  it('lists at most a few, each cut short, with how many there are in all', () => {
    expect(someNames(['a', 'b'])).toBe('a, b');
    expect(someNames(['a', 'b', 'c'], 2)).toBe('a, b, ... (3 in all)');
    expect(someNames(['x'.repeat(100)])).toBe(`${'x'.repeat(57)}...`);
  });

  it("keeps an error about a matrix's legs to one short line, however many and long the legs (regression: every leg was listed whole)", () => {
    const text = widePipeline(`echo "\${{ needs.part.legs['part (nope)'].result }}"`);
    const loaded = loadPipeline(text, 'wide.yml');
    expect(loaded.ok).toBe(false);
    const line = loaded.ok ? '' : formatErrorLine(loaded.errors[0]!);
    expect(line).toMatch(
      /task "part" has no leg "part \(nope\)" \(its legs: part \(0-v+\.\.\., .*, \.\.\. \(40 in all\)\)$/,
    );
    expect(line.length).toBeLessThan(1000);
  });
});
