import { UsageError } from '../errors/dagline-error.js';
import { defaultYamlLimits, MIB, type YamlLimits } from '../pipeline-format/read-yaml.js';

/** Commander collector for repeatable flags; `a,b` counts as two values. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** Commander collector for repeatable flags kept whole (values may hold commas). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1000,
  kib: 1024,
  m: 1000 ** 2,
  mb: 1000 ** 2,
  mib: MIB,
  g: 1000 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** `--max-file-size 4MiB` to YAML limits. */
export function yamlLimits(maxFileSize: string | undefined): YamlLimits {
  if (maxFileSize === undefined) return defaultYamlLimits;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(maxFileSize.trim());
  const unit = match ? SIZE_UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new UsageError(
      `--max-file-size ${JSON.stringify(maxFileSize)} is not a size`,
      {},
      'write e.g. 4MiB, 500KB or 2000000',
    );
  }
  return { ...defaultYamlLimits, maxBytes: Math.floor(Number(match[1]) * unit) };
}
