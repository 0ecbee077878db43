import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';
import { parseToOutputs } from '../src/parse.js';
import { prestartSandbox } from '../src/sandbox/children.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const MIB = 1024 * 1024;

/** The V8 flags of this process's children that run the sandbox with this heap cap, from /proc. */
function childFlags(heapMb: number): string[][] {
  const flags: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parent !== process.pid || !commandLine.some((arg) => arg.endsWith('launch.cjs'))) continue;
      if (commandLine.includes(`--max-old-space-size=${heapMb}`)) flags.push(commandLine.filter((arg) => arg.startsWith('--')));
    } catch {
      // Gone meanwhile.
    }
  }
  return flags;
}

// Each test's own memory limit, which no other test uses, names its children; each child is kept idle a few seconds
// after its document, so it is still there to be read.
describe.skipIf(!existsSync('/proc/self/stat'))('the heap of the sandbox\'s children', () => {
  const bytes = readFileSync(join(fixtures, 'hue-2026.txt'));

  it('grows as an uncapped heap may for a parse, and stays compact for a batch\'s documents (its memory aim)', async () => {
    const limits = { maxMemoryBytes: 333 * MIB };
    const document = await parse(bytes, { name: 'single.txt', limits });
    const stored = await parseToOutputs(bytes, { name: 'archived.txt', limits });
    expect(document.source.name).toBe('single.txt');
    expect(stored.pageCount).toBe(document.source.pageCount);
    // Sorted: a parse's child, then a batch's.
    expect(childFlags(333).sort((a, b) => a.join(' ').localeCompare(b.join(' ')))).toEqual([
      ['--max-old-space-size=333', '--heap-growing-percent=300'],
      ['--max-old-space-size=333', '--max-semi-space-size=4'],
    ]);
  });

  it('parses in the child the command line starts ahead, not in a second one', async () => {
    const limits = { maxMemoryBytes: 334 * MIB };
    prestartSandbox(limits);
    expect(childFlags(334)).toHaveLength(1);
    await parse(bytes, { name: 'after-prestart.txt', limits });
    expect(childFlags(334)).toEqual([['--max-old-space-size=334', '--heap-growing-percent=300']]);
  });
});
