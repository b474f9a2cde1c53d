import { describe, expect, it } from 'vitest';
import { JobLog } from '../../src/action/job-log.js';

describe("the job log of a task's output", () => {
  it('puts task output between stop-commands with a token, and honours ::add-mask:: outside it, masked', () => {
    let out = '';
    const log = new JobLog((text) => (out += text), ['ghs_token']);
    log.write('[a] ::set-output name=x::pwned\n[a] ::add-mask::hunter2\n[a] the password is hunter2');
    log.write('\n[a] ##[add-mask]other\n');
    log.end();
    const lines = out.trimEnd().split('\n');
    const token = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[0]!)?.[1];
    expect(token).toBeDefined();
    expect(lines.slice(1)).toEqual([
      '[a] ::set-output name=x::pwned',
      `::${token}::`,
      '::add-mask::hunter2',
      expect.stringMatching(/^::stop-commands::[0-9a-f]{32}$/),
      '[a] ::add-mask::***',
      '[a] the password is hunter2',
      expect.stringMatching(/^::[0-9a-f]{32}::$/),
      '::add-mask::other',
      expect.stringMatching(/^::stop-commands::[0-9a-f]{32}$/),
      '[a] ::add-mask::***',
      expect.stringMatching(/^::[0-9a-f]{32}::$/),
    ]);
    // Every block has a token of its own, closed by the same.
    const opened = lines.filter((l) => l.startsWith('::stop-commands::')).map((l) => l.slice(17));
    const closed = lines.filter((l) => /^::[0-9a-f]{32}::$/.test(l)).map((l) => l.slice(2, -2));
    expect(closed).toEqual(opened);
    expect(new Set(opened).size).toBe(opened.length);
    expect(log.mask('hunter2 ghs_token other')).toBe('*** *** ***');
  });

  it('escapes a masked value that would break the command, and masks it as JSON escapes it', () => {
    let out = '';
    const log = new JobLog((text) => (out += text));
    log.write('::add-mask::50% "off"\n');
    log.end();
    expect(out).toContain('::add-mask::50%25 "off"\n');
    expect(log.mask(JSON.stringify({ v: '50% "off"' }))).toBe('{"v":"***"}');
  });
});
