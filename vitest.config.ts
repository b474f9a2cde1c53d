import { defineConfig } from 'vitest/config';

export default defineConfig({
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
