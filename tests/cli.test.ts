import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('the command line in the user’s language', () => {
  const kehoach = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', ...env } });

  it('speaks Vietnamese under a Vietnamese locale, the error code unchanged', () => {
    const missing = kehoach(['parse', join(root, 'fixtures', 'no-such-plan.pdf')], { LANG: 'vi_VN.UTF-8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('kehoach: FILE_NOT_FOUND: no-such-plan.pdf: không có tệp này\n');
    const help = kehoach(['batch', '--help'], { LANG: 'vi_VN.UTF-8' });
    expect(help.stdout).toContain('đọc mọi kế hoạch trong một thư mục hoặc tệp .zip');
  });

  it('takes --lang over the locale, and speaks English otherwise', () => {
    const english = kehoach(['parse', join(root, 'fixtures', 'no-such-plan.pdf'), '--lang', 'en'], { LANG: 'vi_VN.UTF-8' });
    expect(english.stderr).toBe('kehoach: FILE_NOT_FOUND: no-such-plan.pdf: no such file\n');
    const vietnamese = kehoach(['parse', join(root, 'fixtures', 'no-such-plan.pdf'), '--lang=vi'], { LANG: 'C.UTF-8' });
    expect(vietnamese.stderr).toBe('kehoach: FILE_NOT_FOUND: no-such-plan.pdf: không có tệp này\n');
    const help = kehoach(['--help'], { LANG: 'en_US.UTF-8' });
    expect(help.stdout).toContain('Vietnamese administrative plans');
  });

  it('reports a batch in Vietnamese: the closing line and an output error', () => {
    const input = mkdtempSync(join(tmpdir(), 'kehoach-lang-'));
    copyFileSync(join(root, 'fixtures', 'hue-2026-page1.txt'), join(input, 'plan.txt'));
    const done = kehoach(['batch', input, '--out', mkdtempSync(join(tmpdir(), 'kehoach-lang-out-'))], { LANG: 'vi_VN' });
    expect(done.status).toBe(0);
    expect(done.stderr).toMatch(/kehoach: 1 tệp: 1 đọc được \(1 văn bản, 0 trang PDF, 0 từ lần chạy trước\), 0 lỗi, 0 bỏ qua\. Danh mục: /);
    const refused = kehoach(['batch', input, '--out', join(input, 'plan.txt')], { LANG: 'vi_VN' });
    expect(refused.status).toBe(12);
    expect(refused.stderr).toBe(`kehoach: OUTPUT_NOT_WRITABLE: ${join(input, 'plan.txt')}: --out phải là một thư mục, đây lại là một tệp có sẵn; hãy chọn --out khác\n`);
  });
});

describe('kehoach batch --no-bom', () => {
  it('writes the CSV files with the UTF-8 byte order mark by default, and without it when asked', () => {
    const input = mkdtempSync(join(tmpdir(), 'kehoach-bom-'));
    copyFileSync(join(root, 'fixtures', 'hue-2026-page1.txt'), join(input, 'plan.txt'));
    const [withMark, without] = [mkdtempSync(join(tmpdir(), 'kehoach-bom-out-')), mkdtempSync(join(tmpdir(), 'kehoach-nobom-out-'))];
    expect(spawnSync(process.execPath, [cli, 'batch', input, '--out', withMark], { timeout: 60_000 }).status).toBe(0);
    expect(spawnSync(process.execPath, [cli, 'batch', input, '--out', without, '--no-bom'], { timeout: 60_000 }).status).toBe(0);
    expect([...readFileSync(join(withMark, 'documents.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(join(without, 'documents.csv'), 'utf8').startsWith('document_id,')).toBe(true);
  });
});
