import { unzipSync } from 'fflate';

/** The most an artifact dagline reads may hold once unpacked: records and logs, never a zip bomb. */
export const UNZIPPED_LIMIT = 256 * 1024 * 1024;

/**
 * The files of an artifact's zip archive (as the REST API serves it), by their path inside it.
 * Entries that would leave the archive's folder (`..`, absolute paths) are refused, as is an
 * archive that unpacks to more than the limit.
 */
export function readArtifactZip(zip: Uint8Array, limit = UNZIPPED_LIMIT): Map<string, Uint8Array> {
  let total = 0;
  const files = unzipSync(zip, {
    filter: (entry) => {
      total += entry.originalSize;
      if (total > limit) throw new Error(`the artifact unpacks to more than ${limit} bytes`);
      return !entry.name.endsWith('/');
    },
  });
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    const parts = name.split('/');
    if (name.startsWith('/') || parts.some((part) => part === '..' || part === '')) {
      throw new Error(`the artifact holds a path outside its folder: ${JSON.stringify(name)}`);
    }
    out.set(name, data);
  }
  return out;
}
