import * as nodeFs from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`: the folder and the missing ones above it. Not `mkdirSync(path, { recursive: true })`:
 * Node 20's loops for ever, at full CPU, where the file system answers ENOENT for a folder it will
 * not create under one that exists (`/proc/x`, a state dir mistyped into /proc or /sys). Here each
 * missing level is created once, top down, and a refusal is an error.
 */
export function makeDirs(
  path: string,
  mode?: number,
  fs: Pick<typeof nodeFs, 'mkdirSync' | 'statSync'> = nodeFs,
): void {
  const missing: string[] = [];
  for (let at = resolve(path); ;) {
    const found = fs.statSync(at, { throwIfNoEntry: false });
    if (found) {
      // As the system's own errors are: a code, the call and the path.
      if (!found.isDirectory())
        throw Object.assign(new Error(`ENOTDIR: mkdir '${resolve(path)}': ${at} is not a folder`), {
          code: 'ENOTDIR',
          syscall: 'mkdir',
          path: at,
        });
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const dir of missing.reverse()) {
    try {
      fs.mkdirSync(dir, mode === undefined ? undefined : { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // made meanwhile: fine
    }
  }
}
