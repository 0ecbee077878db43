import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Gives the owner back every folder under `path` (tests take permissions away to make folders unreadable). */
function makeRemovable(path: string): void {
  try {
    chmodSync(path, 0o700);
    for (const entry of readdirSync(path, { withFileTypes: true })) if (entry.isDirectory()) makeRemovable(join(path, entry.name));
  } catch {
    // Not ours to change (another user's, when tests run commands as one): rmSync says so below, if it matters.
  }
}

/** Vitest's global teardown: removes the run's temporary directory (vitest.config.ts) with all the tests left in it. */
export function teardown(): void {
  const directory = process.env.KEHOACH_TEST_TMPDIR;
  // Only the directory this run made: one named by whoever started the tests is theirs.
  if (!directory || process.env.KEHOACH_TEST_TMPDIR_MADE !== directory) return;
  makeRemovable(directory);
  rmSync(directory, { recursive: true, force: true });
}
