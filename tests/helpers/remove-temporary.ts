import { rmSync } from 'node:fs';

/** Vitest's global teardown: removes the run's temporary directory (vitest.config.ts) with all the tests left in it. */
export function teardown(): void {
  const directory = process.env.KEHOACH_TEST_TMPDIR;
  if (directory) rmSync(directory, { recursive: true, force: true });
}
