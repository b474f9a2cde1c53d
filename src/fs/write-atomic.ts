import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes a file so that a reader sees the old content or the new one, never a part: a temp file
 * beside it, then a rename. A failed write leaves no temp file behind.
 */
export function writeAtomic(path: string, content: string | Uint8Array, mode?: number): void {
  const temp = `${path}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content, mode === undefined ? undefined : { mode });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
