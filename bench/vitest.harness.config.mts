// The heavy runs of bench/*.harness.mts, through the offline GitHub harness: too slow for the unit
// suite, so its own config.   npx vitest run --config bench/vitest.harness.config.mts
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    root: fileURLToPath(new URL('..', import.meta.url)),
    test: { include: ['bench/*.harness.mts'], testTimeout: 4 * 3_600_000 },
  }),
);
