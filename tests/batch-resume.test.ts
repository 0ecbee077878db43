import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parserFingerprint, partPath } from '../dist/batch/parts.js';
import { batchOptions, runBatchCli } from '../dist/cli/batch-command.js';
import { DEFAULT_LIMITS, runBatch } from '../dist/index.js';
import { batchCli, cli, entryOf, inputFolder, manifestOf, scratch } from './helpers/batch-run.js';

// A stored part stands for a result only under the parser fingerprint it was
// made with (package version, limits, timeout); --force and --retry-errors
// re-parse on demand.

const TEXTS = { 'a.txt': 'hue-2026.txt', 'b.txt': 'tan-binh-2025.txt' };
const resumedOf = (out: string): Record<string, boolean> => Object.fromEntries(manifestOf(out).files.map((f) => [f.file, f.resumed ?? false]));
const partOf = (out: string, file: string): { status: string; fingerprint: string; code?: string } =>
  JSON.parse(readFileSync(partPath(out, entryOf(out, file)!.sha256!), 'utf8')) as { status: string; fingerprint: string; code?: string };

describe('parser fingerprint', () => {
  it('changes with the version, any limit and the timeout, and not with the order of the limits', () => {
    const base = parserFingerprint('0.1.0', DEFAULT_LIMITS);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(parserFingerprint('0.1.0', { ...DEFAULT_LIMITS })).toBe(base);
    expect(parserFingerprint('0.1.0', Object.fromEntries(Object.entries(DEFAULT_LIMITS).reverse()) as typeof DEFAULT_LIMITS)).toBe(base);
    expect(parserFingerprint('0.1.1', DEFAULT_LIMITS)).not.toBe(base);
    expect(parserFingerprint('0.1.0', { ...DEFAULT_LIMITS, maxPages: 10 })).not.toBe(base);
    expect(parserFingerprint('0.1.0', { ...DEFAULT_LIMITS, timeoutMs: 1 })).not.toBe(base);
  });

  it('is stored in every part and in the manifest', async () => {
    const base = scratch('fp');
    const out = join(base, 'out');
    await runBatch({ input: inputFolder(join(base, 'in'), TEXTS), out, jobs: 1 });
    const fingerprint = manifestOf(out).fingerprint;
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(partOf(out, 'a.txt')).toMatchObject({ status: 'ok', fingerprint });
    expect(manifestOf(out).options).toMatchObject({ limits: DEFAULT_LIMITS, force: false, retryErrors: false });
  }, 60_000);
});

describe('resume is never stale', () => {
  it('re-parses a part stored by another package version', async () => {
    const base = scratch('fp-version');
    const input = inputFolder(join(base, 'in'), TEXTS);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    // As if a.txt's part had been written by an older release.
    const path = partPath(out, entryOf(out, 'a.txt')!.sha256!);
    const part = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...part, fingerprint: parserFingerprint('0.0.1', DEFAULT_LIMITS) }));
    await runBatch({ input, out, jobs: 1 });
    expect(resumedOf(out)).toEqual({ 'a.txt': false, 'b.txt': true });
    expect(partOf(out, 'a.txt').fingerprint).toBe(manifestOf(out).fingerprint);
    expect(manifestOf(out).counts).toMatchObject({ ok: 2, documents: 2, resumed: 1 });
  }, 60_000);

  it('re-parses everything when a limit changes, and resumes again under the same limits', async () => {
    const base = scratch('fp-limits');
    const input = inputFolder(join(base, 'in'), TEXTS);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    const before = manifestOf(out).fingerprint;
    await runBatch({ input, out, jobs: 1, limits: { maxPages: 100 } });
    expect(manifestOf(out).fingerprint).not.toBe(before);
    expect(resumedOf(out)).toEqual({ 'a.txt': false, 'b.txt': false });
    await runBatch({ input, out, jobs: 1, limits: { maxPages: 100 } });
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true });
  }, 60_000);

  it('retries a TIMEOUT when the timeout changes, and keeps it while the timeout stays', async () => {
    const base = scratch('timeout');
    // A PDF and a DOCX: their parse awaits real I/O, so a 1 ms timeout always fires (a short text can parse before any timer runs).
    const input = inputFolder(join(base, 'in'), { 'a.pdf': 'hue-2026.pdf', 'b.docx': 'tan-binh-2025.docx' });
    const out = join(base, 'out');
    expect((await batchCli([input, '--out', out, '--timeout', '1'])).code).toBe(0);
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code])).toEqual([
      ['a.pdf', 'error', 'TIMEOUT'],
      ['b.docx', 'error', 'TIMEOUT'],
    ]);
    expect(partOf(out, 'a.pdf')).toMatchObject({ status: 'error', code: 'TIMEOUT' });

    // Same timeout: the stored TIMEOUT stands (same options, same answer).
    await batchCli([input, '--out', out, '--timeout', '1']);
    expect(manifestOf(out).files.map((f) => [f.file, f.code, f.resumed])).toEqual([
      ['a.pdf', 'TIMEOUT', true],
      ['b.docx', 'TIMEOUT', true],
    ]);

    // A longer timeout: parsed again, and now they parse.
    expect((await batchCli([input, '--out', out, '--timeout', '60000'])).code).toBe(0);
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.resumed ?? false])).toEqual([
      ['a.pdf', 'ok', false],
      ['b.docx', 'ok', false],
    ]);
    expect(readFileSync(join(out, 'errors.jsonl'), 'utf8')).toBe('');
  }, 60_000);
});

describe('--force and --retry-errors', () => {
  it('are options of the batch command', () => {
    const command = batchOptions(new Command('batch').exitOverride());
    expect(command.parse(['--force', '--retry-errors'], { from: 'user' }).opts()).toEqual({ force: true, retryErrors: true });
    expect(batchOptions(new Command('batch')).parse([], { from: 'user' }).opts()).toEqual({});
  });

  it('--force re-parses every input, even those stored under the same fingerprint', async () => {
    const base = scratch('force');
    const input = inputFolder(join(base, 'in'), TEXTS);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    const stored = statSync(partPath(out, entryOf(out, 'a.txt')!.sha256!)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await runBatchCli(input, { out, jobs: 1, force: true })).toBe(0);
    expect(resumedOf(out)).toEqual({ 'a.txt': false, 'b.txt': false });
    expect(manifestOf(out).options).toMatchObject({ force: true });
    expect(statSync(partPath(out, entryOf(out, 'a.txt')!.sha256!)).mtimeMs).toBeGreaterThan(stored);
    // Without --force: resumed again.
    expect(await runBatchCli(input, { out, jobs: 1 })).toBe(0);
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true });
  }, 60_000);

  it('--retry-errors re-parses stored failures only', async () => {
    const base = scratch('retry');
    const input = inputFolder(join(base, 'in'), TEXTS);
    writeFileSync(join(input, 'broken.pdf'), 'not a pdf at all');
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code ?? null])).toEqual([
      ['a.txt', 'ok', null],
      ['b.txt', 'ok', null],
      ['broken.pdf', 'error', 'CORRUPT_INPUT'],
    ]);
    await runBatch({ input, out, jobs: 1 });
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true, 'broken.pdf': true });
    expect(await runBatchCli(input, { out, jobs: 1, retryErrors: true })).toBe(0);
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true, 'broken.pdf': false });
    expect(entryOf(out, 'broken.pdf')).toMatchObject({ status: 'error', code: 'CORRUPT_INPUT' });
    expect(manifestOf(out).options).toMatchObject({ retryErrors: true });
  }, 60_000);

  // Runs once src/cli/main.ts passes the batch command through batchOptions().
  const wired = (() => {
    try {
      return readFileSync(join(cli, '..', 'main.js'), 'utf8').includes('batchOptions');
    } catch {
      return false;
    }
  })();
  it.runIf(wired)('are accepted by `kehoach batch`', async () => {
    const base = scratch('cli-flags');
    const input = inputFolder(join(base, 'in'), TEXTS);
    const out = join(base, 'out');
    expect((await batchCli([input, '--out', out])).code).toBe(0);
    expect((await batchCli([input, '--out', out, '--retry-errors'])).code).toBe(0);
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true });
    expect((await batchCli([input, '--out', out, '--force'])).code).toBe(0);
    expect(resumedOf(out)).toEqual({ 'a.txt': false, 'b.txt': false });
  }, 60_000);
});
