import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parserFingerprint, partPath, readPart, writePart } from '../dist/batch/parts.js';
import { batchOptions, runBatchCli } from '../dist/cli/batch-command.js';
import { DEFAULT_LIMITS, runBatch } from '../dist/index.js';
import { batchCli, cli, entryOf, fixtures, inputFolder, manifestOf, scratch } from './helpers/batch-run.js';

// A stored part stands for a result only under the parser fingerprint it was
// made with (package version, limits, timeout); --force and --retry-errors
// re-parse on demand.

const TEXTS = { 'a.txt': 'hue-2026.txt', 'b.txt': 'tan-binh-2025.txt' };
const resumedOf = (out: string): Record<string, boolean> => Object.fromEntries(manifestOf(out).files.map((f) => [f.file, f.resumed ?? false]));
const OUTPUTS = ['documents.jsonl', 'documents.csv', 'sections.csv', 'targets.csv', 'deadlines.csv', 'legal_references.csv', 'assignments.csv', 'errors.jsonl'];
const outputsOf = (out: string): Record<string, string> => Object.fromEntries(OUTPUTS.map((name) => [name, readFileSync(join(out, name), 'utf8')]));
const partOf = async (out: string, file: string) => (await readPart(out, entryOf(out, file)!.sha256!))!;

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
    expect(await partOf(out, 'a.txt')).toMatchObject({ status: 'ok', fingerprint });
    expect(manifestOf(out).options).toMatchObject({ limits: DEFAULT_LIMITS, force: false, retryErrors: false });
  }, 60_000);
});

describe('resume is never stale', () => {
  it('re-parses a part stored by another package version when the outputs are made again', async () => {
    const base = scratch('fp-version');
    const input = inputFolder(join(base, 'in'), TEXTS);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    const clean = outputsOf(out);
    // As if a.txt's part had been written by an older release, and the outputs were lost since.
    await writePart(out, { ...(await partOf(out, 'a.txt')), fingerprint: parserFingerprint('0.0.1', DEFAULT_LIMITS) });
    rmSync(join(out, 'documents.jsonl'));
    await runBatch({ input, out, jobs: 1 });
    expect(resumedOf(out)).toEqual({ 'a.txt': false, 'b.txt': true });
    expect((await partOf(out, 'a.txt')).fingerprint).toBe(manifestOf(out).fingerprint);
    expect(manifestOf(out).counts).toMatchObject({ ok: 2, documents: 2, resumed: 1 });
    expect(outputsOf(out)).toEqual(clean);
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
    expect(await partOf(out, 'a.pdf')).toMatchObject({ status: 'error', code: 'TIMEOUT' });

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
    // --no-bom makes `bom` true unless it is given.
    expect(command.parse(['--force', '--retry-errors'], { from: 'user' }).opts()).toEqual({ force: true, retryErrors: true, bom: true });
    expect(batchOptions(new Command('batch')).parse([], { from: 'user' }).opts()).toEqual({ bom: true });
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

// The outputs grow as documents finish; a re-run keeps what its inputs share
// with the journal, and appends the rest exactly as a clean run would.
describe('outputs that grow', () => {
  const THREE = { 'a.txt': 'hue-2026.txt', 'b.txt': 'tan-binh-2025.txt', 'c.txt': 'le-hoi-du-lich.txt' };
  const journalOf = (out: string): string => readFileSync(join(out, 'parts', 'journal.jsonl'), 'utf8');
  const cleanRun = async (base: string, files: Record<string, string>): Promise<Record<string, string>> => {
    const out = join(base, `clean-${Object.keys(files).join('-')}`);
    await runBatch({ input: inputFolder(join(base, `in-${Object.keys(files).join('-')}`), files), out, jobs: 1 });
    return outputsOf(out);
  };

  it('a resume with nothing to do writes no output: every file is left as it was', async () => {
    const base = scratch('grow-noop');
    const input = inputFolder(join(base, 'in'), THREE);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 2 });
    const before = Object.fromEntries([...OUTPUTS, 'parts/journal.jsonl'].map((name) => [name, statSync(join(out, name))]));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const summary = await runBatch({ input, out, jobs: 2 });
    expect(summary.counts).toMatchObject({ files: 3, ok: 3, documents: 3, resumed: 3 });
    for (const [name, stats] of Object.entries(before)) {
      const now = statSync(join(out, name));
      expect([name, now.ino, now.size, now.mtimeMs]).toEqual([name, stats.ino, stats.size, stats.mtimeMs]);
    }
  }, 60_000);

  it('appends a new input after the earlier bytes, which stay as they were, and ends as a clean run', async () => {
    const base = scratch('grow-append');
    const input = inputFolder(join(base, 'in'), { 'a.txt': THREE['a.txt'], 'b.txt': THREE['b.txt'] });
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 2 });
    const first = outputsOf(out);
    inputFolder(input, { 'c.txt': THREE['c.txt'] });
    await runBatch({ input, out, jobs: 2 });
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true, 'c.txt': false });
    const grown = outputsOf(out);
    for (const name of OUTPUTS) expect(grown[name]!.startsWith(first[name]!)).toBe(true);
    expect(grown['documents.jsonl']!.length).toBeGreaterThan(first['documents.jsonl']!.length);
    expect(grown).toEqual(await cleanRun(base, THREE));
  }, 60_000);

  it('an input renamed, removed or added before others: outputs are cut back to it and made again from stored parts, as a clean run makes them', async () => {
    const base = scratch('grow-change');
    const input = inputFolder(join(base, 'in'), THREE);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 2 });
    // b.txt becomes 0-b.txt (now first), c.txt goes, d.txt comes.
    renameSync(join(input, 'b.txt'), join(input, '0-b.txt'));
    rmSync(join(input, 'c.txt'));
    inputFolder(input, { 'd.txt': 'giao-duc-nam-hoc.txt' });
    await runBatch({ input, out, jobs: 2 });
    expect(resumedOf(out)).toEqual({ '0-b.txt': true, 'a.txt': true, 'd.txt': false });
    const names = outputsOf(out)['documents.jsonl']!.trim().split('\n').map((line) => (JSON.parse(line) as { source: { name: string } }).source.name);
    expect(names).toEqual(['0-b.txt', 'a.txt', 'd.txt']);
    expect(outputsOf(out)).toEqual(await cleanRun(base, { '0-b.txt': THREE['b.txt'], 'a.txt': THREE['a.txt'], 'd.txt': 'giao-duc-nam-hoc.txt' }));
    expect(journalOf(out).trim().split('\n')).toHaveLength(1 + 3);
  }, 90_000);

  it('a duplicate of a content already written, and the inputs after it, are appended', async () => {
    const base = scratch('grow-duplicate');
    const input = inputFolder(join(base, 'in'), { 'a.txt': THREE['a.txt'] });
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    inputFolder(input, { 'b.txt': THREE['a.txt'], 'c.txt': THREE['c.txt'] });
    await runBatch({ input, out, jobs: 1 });
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.duplicateOf ?? null, f.resumed ?? false])).toEqual([
      ['a.txt', 'ok', null, true],
      ['b.txt', 'ok', 'a.txt', false],
      ['c.txt', 'ok', null, false],
    ]);
    expect(outputsOf(out)).toEqual(await cleanRun(base, { 'a.txt': THREE['a.txt'], 'b.txt': THREE['a.txt'], 'c.txt': THREE['c.txt'] }));
  }, 60_000);

  it('an input removed from the end: its lines and rows are cut off, the rest is left as it was', async () => {
    const base = scratch('grow-shrink');
    const input = inputFolder(join(base, 'in'), THREE);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 2 });
    const before = statSync(join(out, 'documents.jsonl'));
    rmSync(join(input, 'c.txt'));
    await runBatch({ input, out, jobs: 2 });
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true });
    expect(outputsOf(out)).toEqual(await cleanRun(base, { 'a.txt': THREE['a.txt'], 'b.txt': THREE['b.txt'] }));
    expect(statSync(join(out, 'documents.jsonl')).ino).toBe(before.ino);
    expect(journalOf(out).trim().split('\n')).toHaveLength(1 + 2);
  }, 60_000);

  it('cuts off what a killed run wrote past its journal: half lines in the outputs, a half journal line, a whole input not yet journaled', async () => {
    const base = scratch('grow-torn');
    const input = inputFolder(join(base, 'in'), THREE);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    const clean = outputsOf(out);
    // As if killed after c.txt's outputs were appended but before its journal line was whole.
    const lines = journalOf(out).split('\n');
    writeFileSync(join(out, 'parts', 'journal.jsonl'), lines.slice(0, -2).join('\n') + '\n' + lines.at(-2)!.slice(0, 40));
    appendFileSync(join(out, 'documents.jsonl'), '{"schemaVersion":"1","source":{"na');
    appendFileSync(join(out, 'targets.csv'), 'half,a,row');
    await runBatch({ input, out, jobs: 1 });
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true, 'c.txt': true });
    expect(outputsOf(out)).toEqual(clean);
    expect(journalOf(out).endsWith('\n')).toBe(true);
    expect(journalOf(out).trim().split('\n')).toHaveLength(1 + 3);
  }, 60_000);

  it('makes an output that was deleted again from the stored parts, without parsing', async () => {
    const base = scratch('grow-lost');
    const input = inputFolder(join(base, 'in'), THREE);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 2 });
    const clean = outputsOf(out);
    rmSync(join(out, 'targets.csv'));
    await runBatch({ input, out, jobs: 2 });
    expect(resumedOf(out)).toEqual({ 'a.txt': true, 'b.txt': true, 'c.txt': true });
    expect(outputsOf(out)).toEqual(clean);
  }, 60_000);

  it('stores each result once, compactly: a header line, then the outputs brotli-compressed, never JSON inside JSON', async () => {
    const base = scratch('grow-part');
    const input = inputFolder(join(base, 'in'), { 'a.txt': THREE['a.txt'] });
    writeFileSync(join(input, 'broken.pdf'), 'not a pdf at all');
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1 });
    const { brotliDecompressSync } = await import('node:zlib');
    const raw = readFileSync(partPath(out, entryOf(out, 'a.txt')!.sha256!));
    const newline = raw.indexOf(0x0a);
    const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(header).sort()).toEqual(['fingerprint', 'lengths', 'name', 'pageCount', 'sha256', 'status']);
    const outputs = outputsOf(out);
    const csvBody = (name: string): string => outputs[name]!.slice(outputs[name]!.indexOf('\n') + 1);
    const expected = outputs['documents.jsonl']! + ['documents.csv', 'sections.csv', 'targets.csv', 'deadlines.csv', 'legal_references.csv', 'assignments.csv'].map(csvBody).join('');
    expect(brotliDecompressSync(raw.subarray(newline + 1)).toString('utf8')).toBe(expected);
    expect(raw.byteLength).toBeLessThan(Buffer.byteLength(outputs['documents.jsonl']!) / 4);
    // A failure is its header alone.
    const failure = readFileSync(partPath(out, entryOf(out, 'broken.pdf')!.sha256!), 'utf8');
    expect(JSON.parse(failure)).toMatchObject({ status: 'error', code: 'CORRUPT_INPUT' });
    expect(failure.endsWith('}\n')).toBe(true);
  }, 60_000);
});

describe('killed again and again', () => {
  it('with --jobs 2 and kill -9 three times, then run to the end: every stored part is reused and the outputs are those of a clean run', async () => {
    const base = scratch('grow-kill');
    const input = join(base, 'in');
    mkdirSync(input);
    const texts = ['hue-2026.txt', 'tan-binh-2025.txt', 'le-hoi-du-lich.txt', 'giao-duc-nam-hoc.txt', 'chuyen-doi-so-2025.txt'];
    for (let i = 0; i < 30; i++) {
      // Distinct contents: trailing newlines change the hash, not the plan.
      writeFileSync(join(input, `plan-${String(i).padStart(2, '0')}.txt`), readFileSync(join(fixtures, texts[i % texts.length]!), 'utf8') + '\n'.repeat(i + 1));
    }
    const clean = join(base, 'clean');
    await runBatch({ input, out: clean, jobs: 2 });
    const killed = join(base, 'killed');
    const journalLines = (): number => (existsSync(join(killed, 'parts', 'journal.jsonl')) ? readFileSync(join(killed, 'parts', 'journal.jsonl'), 'utf8').split('\n').length - 2 : 0);
    for (const after of [3, 10, 18]) {
      const child = spawn(process.execPath, [cli, 'batch', input, '--out', killed, '--jobs', '2'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      while (child.exitCode === null && journalLines() < after) await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill('SIGKILL');
      await exited;
    }
    const stored = readdirSync(join(killed, 'parts')).filter((name) => name.endsWith('.part')).length;
    expect(stored).toBeGreaterThanOrEqual(18);
    await runBatch({ input, out: killed, jobs: 2 });
    expect(manifestOf(killed).counts).toMatchObject({ ok: 30, documents: 30, resumed: stored });
    expect(outputsOf(killed)).toEqual(outputsOf(clean));
  }, 120_000);
});
