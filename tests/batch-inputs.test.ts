import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayName } from '../dist/batch/inputs.js';
import { runBatch } from '../dist/index.js';
import { batchCli, canRunAsNobody, entryOf, fixtures, inputFolder, isRoot, manifestOf, scratch } from './helpers/batch-run.js';

// Every entry of an input tree is in the manifest with a status (and a code
// for errors); none stops the batch, none is followed or opened when it is
// not a regular file.

const sha256Of = (fixture: string): string => createHash('sha256').update(readFileSync(join(fixtures, fixture))).digest('hex');
const errorsOf = (out: string): Array<{ file: string; code: string; message: string }> =>
  readFileSync(join(out, 'errors.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; code: string; message: string });

describe('batch over a folder of odd entries', () => {
  const base = scratch('odd');
  const input = join(base, 'in');
  const out = join(base, 'out');
  // "café" in Latin-1: not UTF-8. The file is created, and must be opened, by its bytes.
  const latin1Name = Buffer.concat([Buffer.from(input + '/'), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('-plan.txt')]);
  let stderr = '';
  let code = -1;

  beforeAll(async () => {
    inputFolder(input, { 'plan.txt': 'hue-2026.txt', 'kế-hoạch.txt': 'hcmc-2026.txt' });
    writeFileSync(latin1Name, readFileSync(join(fixtures, 'tan-binh-2025.txt')));
    execFileSync('mkfifo', [join(input, 'pipe.txt')]);
    writeFileSync(join(base, 'outside.txt'), readFileSync(join(fixtures, 'le-hoi-du-lich.txt')));
    symlinkSync('plan.txt', join(input, 'link-inside.txt'));
    symlinkSync(join(base, 'outside.txt'), join(input, 'link-outside.txt'));
    symlinkSync('nowhere.pdf', join(input, 'dangling.pdf'));
    mkdirSync(join(input, 'x.pdf'));
    cpSync(join(fixtures, 'giao-duc-nam-hoc.txt'), join(input, 'x.pdf', 'inner.txt'));
    mkdirSync(join(input, 'empty.docx'));
    symlinkSync('x.pdf', join(input, 'link-to-folder'));
    ({ code, stderr } = await batchCli([input, '--out', out, '--jobs', '2']));
  }, 60_000);

  it('completes with exit code 0 and no stack trace', () => {
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('lists every entry, in byte order of the names', () => {
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code ?? null])).toEqual([
      ['caf\\xE9-plan.txt', 'ok', null],
      ['dangling.pdf', 'skipped', null],
      ['empty.docx/', 'skipped', null],
      ['kế-hoạch.txt', 'ok', null],
      ['link-inside.txt', 'skipped', null],
      ['link-outside.txt', 'skipped', null],
      ['link-to-folder', 'skipped', null],
      ['pipe.txt', 'error', 'UNREADABLE_INPUT'],
      ['plan.txt', 'ok', null],
      ['x.pdf/', 'skipped', null],
      ['x.pdf/inner.txt', 'ok', null],
    ]);
    expect(manifestOf(out).counts).toMatchObject({ files: 11, ok: 4, error: 1, skipped: 6, documents: 4 });
  });

  it('reads a file whose name is not UTF-8 by its bytes and names it with \\xNN escapes', () => {
    expect(entryOf(out, 'caf\\xE9-plan.txt')).toMatchObject({ status: 'ok', sha256: sha256Of('tan-binh-2025.txt') });
    const names = readFileSync(join(out, 'documents.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { source: { name: string } }).source.name);
    expect(names).toContain('caf\\xE9-plan.txt');
    expect(names).toContain('kế-hoạch.txt');
    expect(readFileSync(join(out, 'documents.csv'), 'utf8')).toContain('caf\\xE9-plan.txt');
  });

  it('reports a FIFO as UNREADABLE_INPUT without opening it (the batch does not hang)', () => {
    expect(entryOf(out, 'pipe.txt')).toMatchObject({ status: 'error', code: 'UNREADABLE_INPUT', sha256: null, reason: expect.stringMatching(/FIFO/) as unknown });
    expect(errorsOf(out)).toEqual([{ file: 'pipe.txt', sha256: null, code: 'UNREADABLE_INPUT', message: expect.stringMatching(/FIFO/) as unknown }]);
  });

  it('skips symbolic links without following them, wherever they point', () => {
    for (const [file, target] of [
      ['link-inside.txt', 'plan.txt'],
      ['link-outside.txt', join(base, 'outside.txt')],
      ['dangling.pdf', 'nowhere.pdf'],
      ['link-to-folder', 'x.pdf'],
    ]) {
      expect(entryOf(out, file!)).toEqual({ file, sha256: null, bytes: 0, status: 'skipped', reason: `a symbolic link to ${target}; links are not followed` });
    }
    // Not walked through the link to the folder, and the outside file's content is not parsed.
    expect(manifestOf(out).files.some((f) => f.file.startsWith('link-to-folder/'))).toBe(false);
    expect(manifestOf(out).files.some((f) => f.sha256 === sha256Of('le-hoi-du-lich.txt'))).toBe(false);
  });

  it('reports a folder named like a plan file, and parses the files in it', () => {
    expect(entryOf(out, 'x.pdf/')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/folder named like a \.pdf file/) as unknown });
    expect(entryOf(out, 'empty.docx/')).toMatchObject({ status: 'skipped', sha256: null });
    expect(entryOf(out, 'x.pdf/inner.txt')).toMatchObject({ status: 'ok', sha256: sha256Of('giao-duc-nam-hoc.txt') });
  });

  it('resumes over the same odd tree', async () => {
    const again = await batchCli([input, '--out', out, '--jobs', '2']);
    expect(again.code).toBe(0);
    expect(manifestOf(out).counts).toMatchObject({ files: 11, ok: 4, error: 1, skipped: 6, resumed: 4 });
  }, 60_000);
});

describe('unreadable entries (EACCES, EIO)', () => {
  it('reports files and folders that cannot be read and goes on (simulated: tests may run as root)', async () => {
    const base = scratch('eacces-sim');
    const input = inputFolder(join(base, 'in'), { 'a.txt': 'hue-2026.txt', 'secret.txt': 'tan-binh-2025.txt', 'flaky.txt': 'hcmc-2026.txt', 'locked/b.txt': 'giao-duc-nam-hoc.txt' });
    const out = join(base, 'out');
    const failure = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });
    const summary = await runBatch({
      input,
      out,
      jobs: 1,
      inputFileSystem: {
        readFile: async (path: Buffer) => {
          const name = path.toString();
          if (name.endsWith('secret.txt')) throw failure('EACCES');
          if (name.endsWith('flaky.txt')) throw failure('EIO');
          return new Uint8Array(readFileSync(path));
        },
        readdir: async (path: Buffer) => {
          if (path.toString().endsWith('locked')) throw failure('EACCES');
          const { readdir } = await import('node:fs/promises');
          return readdir(path, { withFileTypes: true, encoding: 'buffer' });
        },
      },
    });
    expect(summary.counts).toMatchObject({ files: 4, ok: 1, error: 3 });
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code ?? null, f.reason ?? null])).toEqual([
      ['a.txt', 'ok', null, null],
      ['flaky.txt', 'error', 'UNREADABLE_INPUT', expect.stringMatching(/input\/output error.*\(EIO\)/) as unknown],
      ['locked/', 'error', 'UNREADABLE_INPUT', 'the folder cannot be listed: permission denied (EACCES)'],
      ['secret.txt', 'error', 'UNREADABLE_INPUT', 'permission denied (EACCES)'],
    ]);
  }, 60_000);

  it.runIf(!isRoot || canRunAsNobody())('reports a real chmod 000 file and folder (run as nobody when the tests run as root)', async () => {
    const base = scratch('eacces');
    chmodSync(base, 0o755);
    const input = inputFolder(join(base, 'in'), { 'a.txt': 'hue-2026.txt', 'secret.txt': 'tan-binh-2025.txt', 'locked/b.txt': 'hcmc-2026.txt' });
    chmodSync(join(input, 'secret.txt'), 0o000);
    chmodSync(join(input, 'locked'), 0o000);
    const out = join(base, 'out');
    mkdirSync(out);
    if (isRoot) chownSync(out, 65534, 65534);
    const result = await batchCli([input, '--out', out, '--jobs', '1'], isRoot ? { uid: 65534, gid: 65534 } : {});
    expect(result.code).toBe(0);
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code ?? null, f.reason ?? null])).toEqual([
      ['a.txt', 'ok', null, null],
      ['locked/', 'error', 'UNREADABLE_INPUT', 'the folder cannot be listed: permission denied (EACCES)'],
      ['secret.txt', 'error', 'UNREADABLE_INPUT', 'permission denied (EACCES)'],
    ]);
  }, 60_000);
});

describe('the output folder inside the input folder', () => {
  it('is reported and not walked, on the first run and when resuming', async () => {
    const base = scratch('out-inside');
    const input = inputFolder(join(base, 'in'), { 'a.txt': 'hue-2026.txt' });
    const out = join(input, 'results');
    for (let run = 0; run < 2; run++) {
      expect((await batchCli([input, '--out', out])).code).toBe(0);
      expect(manifestOf(out).files.map((f) => [f.file, f.status, f.reason ?? null])).toEqual([
        ['a.txt', 'ok', null],
        ['results/', 'skipped', 'the batch output folder (--out) is not read as input'],
      ]);
    }
  }, 60_000);
});

describe('a .zip with a folder entry named like a file', () => {
  it('reports "x.pdf/" as skipped and parses the entries in it', async () => {
    const base = scratch('zip-folder');
    const zip = new JSZip();
    zip.folder('x.pdf');
    zip.file('x.pdf/a.txt', readFileSync(join(fixtures, 'hue-2026.txt')));
    const archive = join(base, 'a.zip');
    writeFileSync(archive, await zip.generateAsync({ type: 'uint8array' }));
    const out = join(base, 'out');
    expect((await batchCli([archive, '--out', out])).code).toBe(0);
    expect(manifestOf(out).files.map((f) => [f.file, f.status])).toEqual([
      ['x.pdf/', 'skipped'],
      ['x.pdf/a.txt', 'ok'],
    ]);
  }, 60_000);
});

describe('a .zip whose list of entries is damaged part-way', () => {
  it('keeps the entries before the damage and reports the rest as one CORRUPT_INPUT entry', async () => {
    const base = scratch('zip-directory');
    const zip = new JSZip();
    zip.file('a.txt', readFileSync(join(fixtures, 'hue-2026.txt')));
    zip.file('b.txt', readFileSync(join(fixtures, 'tan-binh-2025.txt')));
    const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    // Break the signature of the second central-directory header.
    const second = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1'), bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1')) + 4);
    bytes[second + 3] = 0x7f;
    const archive = join(base, 'damaged.zip');
    writeFileSync(archive, bytes);
    const out = join(base, 'out');
    const result = await batchCli([archive, '--out', out]);
    expect(result.code).toBe(0);
    expect(manifestOf(out).files.map((f) => [f.file, f.status, f.code ?? null])).toEqual([
      ['a.txt', 'ok', null],
      ['damaged.zip (entries after #1)', 'error', 'CORRUPT_INPUT'],
    ]);
  }, 60_000);
});

describe('an input folder that cannot be listed at all', () => {
  it.runIf(!isRoot || canRunAsNobody())('is UNREADABLE_INPUT, exit code 15, with no stack trace', async () => {
    const base = scratch('root-eacces');
    chmodSync(base, 0o755);
    const input = inputFolder(join(base, 'in'), { 'a.txt': 'hue-2026.txt' });
    chmodSync(input, 0o000);
    const out = join(base, 'out');
    mkdirSync(out);
    if (isRoot) chownSync(out, 65534, 65534);
    const result = await batchCli([input, '--out', out], isRoot ? { uid: 65534, gid: 65534 } : {});
    expect(result.code).toBe(15);
    expect(result.stderr).toContain(`kehoach: UNREADABLE_INPUT: ${input}: the input folder cannot be listed: permission denied (EACCES)`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('is refused as --out when it is the input folder itself', async () => {
    const base = scratch('out-is-input');
    const input = inputFolder(join(base, 'in'), { 'a.txt': 'hue-2026.txt' });
    const result = await batchCli([input, '--out', input]);
    expect(result.code).toBe(12);
    expect(result.stderr).toMatch(/OUTPUT_NOT_WRITABLE: .*--out is the input folder itself/);
  });
});

describe('displayName', () => {
  const bytes = (...parts: Array<string | number[]>): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('keeps valid UTF-8 as it is', () => {
    expect(displayName(bytes('Kế hoạch số 12.pdf'))).toBe('Kế hoạch số 12.pdf');
    expect(displayName(bytes([0xef, 0xbb, 0xbf], 'bom.txt'))).toBe('\uFEFFbom.txt');
  });

  it('escapes each byte that is not part of a valid sequence, and nothing else', () => {
    expect(displayName(bytes('caf', [0xe9], '.txt'))).toBe('caf\\xE9.txt');
    expect(displayName(bytes([0xc0, 0xaf], 'x'))).toBe('\\xC0\\xAFx'); // overlong "/"
    expect(displayName(bytes([0xed, 0xa0, 0x80]))).toBe('\\xED\\xA0\\x80'); // a UTF-16 surrogate
    expect(displayName(bytes('ế', [0xe1, 0xba]))).toBe('ế\\xE1\\xBA'); // cut short at the end
    expect(displayName(bytes([0xff], 'ố'))).toBe('\\xFFố');
  });

  it('is lossless: a literal backslash is escaped too, so no two names show the same', () => {
    expect(displayName(bytes('a\\xE9'))).toBe('a\\x5CxE9');
    expect(displayName(bytes('a', [0xe9]))).toBe('a\\xE9');
    expect(displayName(bytes('a\\b'), { escapeBackslash: false })).toBe('a\\b');
  });
});
