import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../dist/index.js';
import { entryOf, fixtures, inputFolder, scratch } from './helpers/batch-run.js';
import { pdfBomb } from './helpers/pdf-bomb.js';

describe('a batch bounds each document\'s memory', () => {
  it('stops a PDF whose stream inflates past the cap with LIMIT_EXCEEDED, and parses the others', async () => {
    const base = scratch('memory');
    const input = inputFolder(join(base, 'in'), { 'a-good.txt': 'hue-2026.txt' });
    writeFileSync(join(input, 'b-bomb.pdf'), pdfBomb(768));
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1, limits: { maxMemoryBytes: 192 * 1024 * 1024 } });
    expect(entryOf(out, 'a-good.txt')?.status).toBe('ok');
    expect(entryOf(out, 'b-bomb.pdf')).toMatchObject({ status: 'error', code: 'LIMIT_EXCEEDED' });
  }, 90_000);

  it('stops only the document over its cap: one parsed beside it, at the same time, is not touched', async () => {
    const base = scratch('memory-beside');
    const input = inputFolder(join(base, 'in'), {});
    writeFileSync(join(input, 'a-bomb.pdf'), pdfBomb(768));
    writeFileSync(join(input, 'b-long.txt'), readFileSync(join(fixtures, 'hcmc-2026.txt'), 'utf8').repeat(8));
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 2, limits: { maxMemoryBytes: 192 * 1024 * 1024 } });
    expect(entryOf(out, 'a-bomb.pdf')).toMatchObject({ status: 'error', code: 'LIMIT_EXCEEDED' });
    expect(entryOf(out, 'b-long.txt')?.status).toBe('ok');
  }, 90_000);
});
