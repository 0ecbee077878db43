import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The sandbox child's code cache (src/sandbox/code-cache.ts) is kept in the checkout, not the user's cache directory:
    // made by the test files' documents, it would serve the user's own parses less well.
    env: { KEHOACH_CACHE_DIR: fileURLToPath(new URL('./node_modules/.cache/kehoach', import.meta.url)) },
  },
});
