import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Its source maps point at sources the package does not ship: without this, every test
      // file that loads the parser prints a warning per module.
      name: 'workflow-parser-without-source-maps',
      enforce: 'pre',
      load(id) {
        if (!/\/@actions\/workflow-parser\/dist\/.*\.js$/.test(id.split('?')[0]!)) return undefined;
        return readFileSync(id.split('?')[0]!, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
      },
    },
  ],
  test: {
    // Deadlines only a hang misses: tests start real processes, and on a busy two-core machine one
    // can take many times what it takes on an idle one. Tests wait for events, never for time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    server: {
      deps: {
        // @actions/workflow-parser imports its JSON schema without an import attribute, which Node's
        // own loader refuses: vitest transforms it instead of handing it to Node.
        inline: ['@actions/workflow-parser'],
      },
    },
  },
});
