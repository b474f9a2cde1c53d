import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { asDaglineError, ExitCode, FileError } from '../../src/errors/dagline-error.js';
import { formatErrorLine } from '../../src/errors/format-error.js';

describe('asDaglineError', () => {
  it("makes the file system's errors a FileError (exit 2) saying what failed, not a bug in dagline", () => {
    const path = join(tmpdir(), 'dagline-no-such-folder', 'run.json');
    let thrown: unknown;
    try {
      readFileSync(path);
    } catch (error) {
      thrown = error;
    }
    const error = asDaglineError(thrown);
    expect(error).toBeInstanceOf(FileError);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(formatErrorLine(error)).toBe(
      `error: ENOENT: no such file or directory, open '${path}' (check the path: it, or a folder on it, does not exist)`,
    );
  });

  it('gives a hint that fits the cause: a full disk, a read-only one, no permission', () => {
    const fault = (code: string, text: string) =>
      formatErrorLine(asDaglineError(Object.assign(new Error(`${code}: ${text}, write`), { code, syscall: 'write' })));
    expect(fault('ENOSPC', 'no space left on device')).toBe(
      'error: ENOSPC: no space left on device, write (the disk is full: free some space)',
    );
    expect(fault('EROFS', 'read-only file system')).toBe(
      'error: EROFS: read-only file system, write (the file system is read-only)',
    );
    expect(fault('EACCES', 'permission denied')).toBe(
      'error: EACCES: permission denied, write (permission denied: check the owner and permissions of the path)',
    );
  });

  it('keeps anything else an internal error, one line, its stack kept for DAGLINE_DEBUG', () => {
    const error = asDaglineError(new TypeError('x is not a function'));
    expect(error.kind).toBe('internal');
    expect(formatErrorLine(error)).toBe(
      'error: internal error: x is not a function (this is a bug in dagline; DAGLINE_DEBUG=1 shows the stack)',
    );
    expect(asDaglineError(Object.assign(new Error('looks like one'), { code: 'ELOOKS' })).kind).toBe('internal'); // no syscall: not the system's
  });
});
