import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const plan = join(root, 'fixtures', 'hue-2026.txt');
/** A pipe holds 64 KiB on Linux: an output longer than it and head's read together meets the closed pipe. */
const PIPE_CAPACITY = 64 * 1024;

describe('kehoach parse on the command line', () => {
  it('exits quietly with status 0 when the reader of its output goes away (| head)', () => {
    const whole = spawnSync(process.execPath, [cli, 'parse', plan], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(whole.status).toBe(0);
    expect(whole.stdout.length).toBeGreaterThan(2 * PIPE_CAPACITY);
    // A real pipe, as a shell makes it: head takes one line and closes its end; the parser's status is the pipe's first.
    const piped = spawnSync('bash', ['-c', `"$0" "$1" parse "$2" | head -n 1; echo "status \${PIPESTATUS[0]}" >&2`, process.execPath, cli, plan], { encoding: 'utf8', timeout: 60_000 });
    expect(piped.stdout).toBe('{\n');
    expect(piped.stderr).toBe('status 0\n');
  });

  it('rejects an invalid --max-memory at once, the child process it started ahead keeping nothing alive', () => {
    const result = spawnSync(process.execPath, [cli, 'parse', plan, '--max-memory', 'lots'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("option '--max-memory <MiB>' argument 'lots' is invalid");
    expect(result.stdout).toBe('');
  });

  it('parses with the memory cap given as --max-memory=<MiB> as well as --max-memory <MiB>', () => {
    for (const args of [['--max-memory=256'], ['--max-memory', '256']]) {
      const result = spawnSync(process.execPath, [cli, 'parse', join(root, 'fixtures', 'hue-2026-page1.txt'), '--compact', ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ source: { name: 'hue-2026-page1.txt', format: 'txt' } });
    }
  });
});
