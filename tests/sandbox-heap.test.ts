import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';
import { parseToOutputs } from '../src/parse.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/** The command lines of this process's children that run the sandbox, by pid, from /proc. */
function sandboxChildren(): Map<number, string[]> {
  const children = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && commandLine.some((arg) => arg.endsWith('launch.cjs'))) children.set(Number(entry), commandLine);
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

describe.skipIf(!existsSync('/proc/self/stat'))('the heap of the sandbox\'s children', () => {
  it('grows as an uncapped heap for a parse, and stays compact for a batch\'s documents (its memory aim)', async () => {
    const before = new Set(sandboxChildren().keys());
    const bytes = readFileSync(join(fixtures, 'hue-2026.txt'));
    // Each child is kept idle after its document, so both are still there to be read.
    const document = await parse(bytes, { name: 'single.txt' });
    const stored = await parseToOutputs(bytes, { name: 'archived.txt' });
    expect(document.source.name).toBe('single.txt');
    expect(stored.pageCount).toBe(document.source.pageCount);
    const started = [...sandboxChildren()].filter(([pid]) => !before.has(pid)).map(([, commandLine]) => commandLine.filter((arg) => arg.startsWith('--')));
    // Both capped by the same default limits. Sorted: a parse's child, then a batch's.
    expect(started.sort((a, b) => a.join(' ').localeCompare(b.join(' ')))).toEqual([
      ['--max-old-space-size=1024', '--heap-growing-percent=300'],
      ['--max-old-space-size=1024', '--max-semi-space-size=4'],
    ]);
  });
});
