import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every temporary file of a run (the tests' own, and those of the processes they start) goes under one directory,
// removed when the run ends (tests/helpers/remove-temporary.ts): a run leaves nothing in the system's temporary folder.
// Open to all with the sticky bit, as the system's own: the permission tests run their commands as another user.
if (!process.env.KEHOACH_TEST_TMPDIR) {
  process.env.KEHOACH_TEST_TMPDIR = process.env.KEHOACH_TEST_TMPDIR_MADE = mkdtempSync(join(tmpdir(), 'kehoach-tests-'));
  chmodSync(process.env.KEHOACH_TEST_TMPDIR, 0o1777);
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/helpers/remove-temporary.ts'],
    env: {
      // The sandbox child's code cache (src/sandbox/code-cache.ts) is kept in the checkout, not the user's cache directory:
      // made by the test files' documents, it would serve the user's own parses less well.
      KEHOACH_CACHE_DIR: fileURLToPath(new URL('./node_modules/.cache/kehoach', import.meta.url)),
      TMPDIR: process.env.KEHOACH_TEST_TMPDIR,
    },
  },
});
