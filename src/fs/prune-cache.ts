import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Cache files nobody has rewritten for this long are removed when a new one is written. */
const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Each dagline build (and, for V8's cache, each Node version) leaves its own files in the cache
 * folder. When a new one is written, the others of its kind (`belongs`) not rewritten for a month
 * go, and so do all but the newest `keepOthers` (a developer rebuilding dagline makes a new one
 * each time): the folder stays within a few megabytes.
 */
export function pruneCacheFolder(
  dir: string,
  keep: string,
  belongs: (name: string) => boolean,
  keepOthers: number,
): void {
  try {
    const now = Date.now();
    const others = readdirSync(dir)
      .filter(belongs)
      .map((name) => join(dir, name))
      .filter((path) => path !== keep)
      .map((path) => ({ path, mtimeMs: statSync(path).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    others.forEach(({ path, mtimeMs }, i) => {
      if (i >= keepOthers || now - mtimeMs > STALE_AFTER_MS) unlinkSync(path);
    });
  } catch {
    // a cache folder we cannot tidy is still a cache folder
  }
}
