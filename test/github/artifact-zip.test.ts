import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readArtifactZip } from '../../src/github/artifact-zip.js';

describe('reading an artifact archive', () => {
  it('gives each file by its path inside the archive', () => {
    const zip = zipSync({ 'run.json': strToU8('{"id":"x"}'), logs: { 'a.log': strToU8('hello') } });
    const files = readArtifactZip(zip);
    expect([...files.keys()].sort()).toEqual(['logs/a.log', 'run.json']);
    expect(new TextDecoder().decode(files.get('logs/a.log'))).toBe('hello');
  });

  it('refuses an entry that would leave the folder', () => {
    const zip = zipSync({ '../escape.txt': strToU8('x') });
    expect(() => readArtifactZip(zip)).toThrow(/outside its folder/);
  });

  it('refuses an archive that unpacks past the limit (a zip bomb)', () => {
    const zip = zipSync({ 'big.bin': new Uint8Array(1024 * 1024) }, { level: 9 });
    expect(zip.length).toBeLessThan(10_000);
    expect(() => readArtifactZip(zip, 1000)).toThrow(/more than 1000 bytes/);
  });
});
