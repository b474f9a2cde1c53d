import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';

/**
 * Writes a file so that a reader sees the old content or the new one, never a part: a temp file
 * beside it, then a rename. A failed write leaves no temp file behind.
 */
export function writeAtomic(
  path: string,
  content: string | Uint8Array,
  mode?: number,
  fs: Pick<typeof nodeFs, 'writeFileSync' | 'renameSync' | 'rmSync'> = nodeFs,
): void {
  const temp = `${path}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, content, mode === undefined ? undefined : { mode });
    fs.renameSync(temp, path);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
