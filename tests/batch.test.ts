import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenFiles } from './helpers/broken-files.js';

// The batch runs worker threads from the built package: `npm test` builds first.
const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const run = promisify(execFile);
const batch = (...args: string[]) => run(process.execPath, [cli, 'batch', ...args], { maxBuffer: 1 << 24 });

interface Manifest {
  files: Array<{ file: string; sha256: string | null; status: string; code?: string; duplicateOf?: string; resumed?: boolean }>;
  counts: Record<string, number>;
}
const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
const OUTPUTS = ['documents.jsonl', 'errors.jsonl', 'documents.csv', 'sections.csv', 'targets.csv', 'deadlines.csv', 'legal_references.csv', 'assignments.csv'];
const outputsOf = (out: string): Record<string, string> => Object.fromEntries(OUTPUTS.map((name) => [name, readFileSync(join(out, name), 'utf8')]));

describe('batch over a folder of good, broken and unsupported files', () => {
  const root = mkdtempSync(join(tmpdir(), 'kehoach-batch-'));
  const input = join(root, 'in');
  const out = join(root, 'out');
  let broken: Awaited<ReturnType<typeof brokenFiles>>;

  beforeAll(async () => {
    broken = await brokenFiles();
    mkdirSync(join(input, 'broken'), { recursive: true });
    for (const name of ['hue-2026.txt', 'hue-2026.pdf', 'tan-binh-2025.docx']) cpSync(join(fixtures, name), join(input, name));
    cpSync(join(fixtures, 'hue-2026.txt'), join(input, 'copy-of-hue.txt'));
    writeFileSync(join(input, 'notes.md'), '# not a plan format');
    for (const file of broken) writeFileSync(join(input, 'broken', file.name), file.bytes);
    await batch(input, '--out', out, '--jobs', '2');
  }, 120_000);

  it('accounts for every input file in the manifest', () => {
    const manifest = manifestOf(out);
    const onDisk = ['copy-of-hue.txt', 'hue-2026.pdf', 'hue-2026.txt', 'notes.md', 'tan-binh-2025.docx', ...broken.map((f) => `broken/${f.name}`)].sort();
    expect(manifest.files.map((f) => f.file).sort()).toEqual(onDisk);
    expect(manifest.counts.files).toBe(onDisk.length);
    for (const file of manifest.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.files.find((f) => f.file === 'notes.md')).toMatchObject({ status: 'skipped' });
    expect(manifest.files.find((f) => f.file === 'hue-2026.txt')).toMatchObject({ status: 'ok', duplicateOf: 'copy-of-hue.txt' });
  });

  it('reports each broken file with its documented code in errors.jsonl', () => {
    const errors = readFileSync(join(out, 'errors.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string; code: string });
    const expected = broken.filter((f) => f.code !== null).map((f) => ({ file: `broken/${f.name}`, code: f.code }));
    expect(errors.map((e) => ({ file: e.file, code: e.code })).sort((a, b) => a.file.localeCompare(b.file))).toEqual(expected.sort((a, b) => a.file.localeCompare(b.file)));
  });

  it('writes one document line and one documents.csv row per distinct plan', () => {
    const documents = readFileSync(join(out, 'documents.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: { name: string; sha256: string } });
    expect(documents.map((d) => d.source.name).sort()).toEqual(['broken/good.docx', 'broken/javascript.pdf', 'copy-of-hue.txt', 'hue-2026.pdf', 'tan-binh-2025.docx']);
    const rows = readFileSync(join(out, 'documents.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^document_id,source_name,format,/);
    expect(rows).toHaveLength(documents.length + 1);
    const targets = readFileSync(join(out, 'targets.csv'), 'utf8').trim().split('\n');
    expect(targets[0]).toBe('document_id,target_id,section_path,indicator,direction,comparator,value,value_max,unit,baseline,text,page,span_start,span_end');
    expect(targets.length).toBeGreaterThan(5);
  });

  it('resumes: a second run parses nothing and writes the same outputs', async () => {
    const before = outputsOf(out);
    await batch(input, '--out', out, '--jobs', '2');
    expect(outputsOf(out)).toEqual(before);
    const manifest = manifestOf(out);
    expect(manifest.counts.resumed).toBe(manifest.files.filter((f) => f.sha256 && f.status !== 'skipped' && !f.duplicateOf).length);
  });
});

describe('batch killed part-way and re-run', () => {
  it('ends with the same outputs as an uninterrupted run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kehoach-kill-'));
    const input = join(root, 'in');
    mkdirSync(input);
    const pdf = readFileSync(join(fixtures, 'hcmc-2026.pdf'));
    // Distinct contents: a comment after %%EOF changes the hash, not the plan.
    for (let i = 0; i < 16; i++) writeFileSync(join(input, `plan-${String(i).padStart(2, '0')}.pdf`), Buffer.concat([pdf, Buffer.from(`%copy ${i}\n`)]));
    const clean = join(root, 'clean');
    await batch(input, '--out', clean, '--jobs', '1');

    const killed = join(root, 'killed');
    const child = spawn(process.execPath, [cli, 'batch', input, '--out', killed, '--jobs', '1'], { stdio: 'ignore' });
    const parts = join(killed, 'parts');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(parts) && readdirSync(parts).filter((f) => f.endsWith('.part')).length >= 3) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(join(killed, 'manifest.json'))).toBe(false);
    await batch(input, '--out', killed, '--jobs', '1');
    expect(outputsOf(killed)).toEqual(outputsOf(clean));
    expect(manifestOf(killed).counts.resumed).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

describe('batch over a .zip archive', () => {
  it('reports a damaged entry as an error of that file and goes on with the others', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kehoach-badzip-'));
    const zip = new JSZip();
    zip.file('a-damaged.txt', readFileSync(join(fixtures, 'hue-2026.txt')));
    zip.file('b-good.txt', readFileSync(join(fixtures, 'tan-binh-2025.txt')));
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    // Scramble the first entry's compressed data, past its 30-byte local header and name.
    for (let i = 200; i < 260; i++) bytes[i]! ^= 0x5a;
    const archive = join(root, 'damaged.zip');
    writeFileSync(archive, bytes);
    const out = join(root, 'out');
    await batch(archive, '--out', out);
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code])).toEqual([
      ['a-damaged.txt', 'error', 'CORRUPT_INPUT'],
      ['b-good.txt', 'ok', undefined],
    ]);
  }, 60_000);

  it('streams entries, keeps hostile entry names as names, and splits into shards', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kehoach-zip-'));
    const zip = new JSZip();
    zip.file('plans/hue-2026.txt', readFileSync(join(fixtures, 'hue-2026.txt')));
    zip.file('plans/tan-binh-2025.docx', readFileSync(join(fixtures, 'tan-binh-2025.docx')));
    zip.file('../../escape.txt', readFileSync(join(fixtures, 'hcmc-2026.txt')));
    zip.file('readme.html', '<p>index</p>');
    const archive = join(root, 'archive.zip');
    writeFileSync(archive, await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));

    const out = join(root, 'out');
    await batch(archive, '--out', out);
    const manifest = manifestOf(out);
    expect(manifest.files.map((f) => [f.file, f.status])).toEqual([
      ['plans/hue-2026.txt', 'ok'],
      ['plans/tan-binh-2025.docx', 'ok'],
      ['../../escape.txt', 'ok'],
      ['readme.html', 'skipped'],
    ]);
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual([...OUTPUTS, 'manifest.json', 'parts'].sort());

    const shards = await Promise.all([0, 1].map(async (i) => {
      const shardOut = join(root, `shard-${i}`);
      await batch(archive, '--out', shardOut, '--shard', `${i}/2`);
      return manifestOf(shardOut).files.filter((f) => f.status === 'ok').map((f) => f.file);
    }));
    expect([...shards[0]!, ...shards[1]!].sort()).toEqual(['../../escape.txt', 'plans/hue-2026.txt', 'plans/tan-binh-2025.docx'].sort());
  }, 60_000);
});

describe('what the batch stores of a document', () => {
  it('is serialised in the child that parsed it, exactly as the batch process would serialise the document, and sent as UTF-8', async () => {
    const { parse, parseToOutputs } = await import('../src/parse.js');
    const { serialise } = await import('../src/batch/exports.js');
    for (const name of ['hue-2026.pdf', 'tan-binh-2025.docx', 'giao-duc-nam-hoc.txt']) {
      const bytes = new Uint8Array(readFileSync(join(fixtures, name)));
      const document = await parse(bytes, { name });
      const stored = await parseToOutputs(bytes, { name });
      const text = (chunk: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(chunk);
      expect(stored.documentLine).toBeInstanceOf(Uint8Array);
      expect({ pageCount: stored.pageCount, documentLine: text(stored.documentLine), csvRows: Object.fromEntries(Object.entries(stored.csvRows).map(([table, rows]) => [table, text(rows)])) }).toEqual({
        pageCount: document.source.pageCount,
        ...serialise(document),
      });
      expect(stored.documentLine.byteLength).toBeGreaterThan(1000);
    }
  });
});
