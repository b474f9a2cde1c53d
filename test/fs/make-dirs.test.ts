import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../../src/fs/make-dirs.js';

describe('makeDirs', () => {
  it('creates the folder and the missing ones above it, and is content with one that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'dagline-dirs-'));
    makeDirs(join(root, 'a', 'b', 'c'), 0o700);
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o700);
    makeDirs(join(root, 'a', 'b'));
    makeDirs(root);
  });

  it('refuses a file in the way', () => {
    const root = mkdtempSync(join(tmpdir(), 'dagline-dirs-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirs(join(root, 'file', 'below'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => makeDirs(join(root, 'file'))).toThrow(/is not a folder$/);
  });

  it.runIf(existsSync('/proc/self'))(
    "fails where the file system will not create the folder (regression: Node's recursive mkdir spun for ever on /proc)",
    () => {
      expect(() => makeDirs('/proc/dagline-cannot-be-here/x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    },
  );
});
