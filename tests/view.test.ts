import { execFile, type ExecFileException } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, type PlanDocument } from '../src/index.js';
import { Highlighter } from '../src/view/highlight.js';
import { ENTITY_TYPES, type PlacedEntity } from '../src/view/entities.js';
import { buildMatrix, escapeHtml, jsonForScript, renderPlanView } from '../src/view/index.js';
import { PLAN_SCRIPT } from '../src/view/assets/plan-script.js';
import { planWith } from './helpers/plan.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures');
const cli = join(root, 'dist', 'cli', 'main.js');

const FIXTURES = ['chuyen-doi-so-2025.pdf', 'chuyen-doi-so-2025.docx', 'hue-2026.docx', 'le-hoi-du-lich.txt', 'hcmc-2026.pdf', 'domains/y-te-tiem-chung.docx'];
const documents = new Map<string, PlanDocument>();
const pages = new Map<string, string>();

beforeAll(async () => {
  for (const name of FIXTURES) {
    const document = await parse(join(fixtures, name), { isolate: false });
    documents.set(name, document);
    pages.set(name, renderPlanView(document));
  }
});

const unescapeHtml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const squeeze = (s: string): string => s.replace(/\s+/g, '');
const article = (html: string): string => html.slice(html.indexOf('<article'), html.indexOf('</article>'));
/** The article's text as a reader sees it, without the page labels and the gap labels the view adds. */
const articleText = (html: string): string =>
  unescapeHtml(
    article(html)
      .replace(/<span class="(pg|gap-label)"[^>]*>[^<]*<\/span>/g, '')
      .replace(/<[^>]*>/g, ''),
  );

describe('renderPlanView on the corpus', () => {
  it.each(FIXTURES)('%s: one focusable highlight per entity, of its type', (name) => {
    const document = documents.get(name)!;
    const html = pages.get(name)!;
    for (const type of ENTITY_TYPES) {
      const firsts = html.match(new RegExp(`<mark class="e k-${type.type}" data-e="${type.letter}(\\d+)" id="x-${type.letter}\\1" tabindex="0">`, 'g')) ?? [];
      expect(firsts.length, `${name} ${type.field}`).toBe(document[type.field].length);
    }
    expect(html).not.toContain('Không đặt được vào văn bản');
  });

  it.each(FIXTURES)('%s: the page shows the whole text of the plan, in order, once', (name) => {
    expect(squeeze(articleText(pages.get(name)!))).toBe(squeeze(documents.get(name)!.text));
  });

  it('lays tables out as tables, every cell found in the text, and links each row section to its row', () => {
    const document = documents.get('chuyen-doi-so-2025.pdf')!;
    const html = pages.get('chuyen-doi-so-2025.pdf')!;
    expect(document.tables).toHaveLength(1);
    const table = html.slice(html.indexOf('<table class="plan-table">'), html.indexOf('</table>'));
    expect(table.match(/<tr[ >]/g)).toHaveLength(document.tables[0]!.rows.length);
    expect(table).toContain('<thead><tr><th>STT</th><th>Nội dung nhiệm vụ</th>');
    expect(table).not.toContain('class="unplaced"');
    // Row 3 of the appendix: its deadline highlighted inside its cell, inside the row's task.
    expect(table).toMatch(/<td><mark class="e k-task" data-e="k\d+"><mark class="e k-deadline" data-e="d\d+" id="x-d\d+" tabindex="0">Trước 30\/6\/2025<\/mark><\/mark><\/td>/);
    const tree = html.slice(html.indexOf('<ul class="tree">'), html.indexOf('</nav>'));
    const rowLink = tree.match(/<a href="#(x-s\d+)" data-go="\1" title="3 Xây dựng Kho dữ liệu dùng chung của tỉnh">/);
    expect(rowLink).not.toBeNull();
    expect(table).toContain(`<tr id="${rowLink![1]}" tabindex="-1">`);
  });

  it('gives every section a heading linked from the tree, with its page for a PDF', () => {
    const document = documents.get('hcmc-2026.pdf')!;
    const html = pages.get('hcmc-2026.pdf')!;
    let count = 0;
    const walk = (list: PlanDocument['sections']): void => list.forEach((s) => (count++, walk(s.children)));
    walk(document.sections);
    expect(html.match(/<a href="#x-s\d+" data-go="x-s\d+"/g)).toHaveLength(count);
    expect(html.match(/<h[2-6] class="h" id="x-s\d+" tabindex="-1">/g)).toHaveLength(count);
    expect(html).toMatch(/<span class="pg" title="trang 2">tr\. 2<\/span>/);
    expect(pages.get('hue-2026.docx')).toContain('<div class="blk fn"><p>');
  });

  it('writes the same page for the same document', () => {
    expect(renderPlanView(documents.get('hue-2026.docx')!)).toBe(pages.get('hue-2026.docx'));
  });

  it('builds the responsibility matrix from the tasks and the assignments outside them', () => {
    const document = documents.get('chuyen-doi-so-2025.pdf')!;
    const matrix = buildMatrix(document, () => null);
    const rowOf = (anchor: string) => matrix.rows.find((r) => r[0] === anchor)!;
    const task = document.tasks.findIndex((t) => t.text.startsWith('Xây dựng Kho dữ liệu dùng chung của tỉnh'));
    const [, label, page, marks] = rowOf(`x-k${task}`);
    expect(label).toBe('Xây dựng Kho dữ liệu dùng chung của tỉnh');
    expect(page).toBe(7);
    const cells = new Map<string, string>();
    for (let i = 0; i < marks.length; i += 2) cells.set(matrix.agencies[marks[i]!]!, matrix.roles[marks[i + 1]!]!.code);
    expect(Object.fromEntries(cells)).toEqual({ 'Sở Khoa học và Công nghệ': 'C', 'Các sở, ban, ngành': 'P' });
    // Every task is a row; the assignments of part V (outside the tasks) are one row per section.
    expect(matrix.rows.filter((r) => r[0].startsWith('x-k'))).toHaveLength(document.tasks.length);
    expect(matrix.rows.length).toBeGreaterThan(document.tasks.length);
    expect(matrix.agencies[0]).toBe('Sở Khoa học và Công nghệ');
  });
});

describe('Highlighter', () => {
  const type = (name: (typeof ENTITY_TYPES)[number]['type']) => ENTITY_TYPES.find((t) => t.type === name)!;
  const entity = (name: (typeof ENTITY_TYPES)[number]['type'], index: number, start: number, end: number): PlacedEntity => {
    const t = type(name);
    return { type: t, rank: ENTITY_TYPES.indexOf(t), index, start, end, key: `${t.letter}${index}` };
  };

  it('nests marks for nested spans and splits a span that crosses another', () => {
    // task [0,10) holds target [2,5); deadline [4,8) crosses the target's end.
    const marks = [entity('task', 0, 0, 10), entity('target', 0, 2, 5), entity('deadline', 0, 4, 8)];
    const h = new Highlighter('0123456789ab', marks);
    expect(h.render(0, 12)).toBe(
      '<mark class="e k-task" data-e="k0" id="x-k0" tabindex="0">01' +
        '<mark class="e k-target" data-e="t0" id="x-t0" tabindex="0">23<mark class="e k-deadline" data-e="d0" id="x-d0" tabindex="0">4</mark></mark>' +
        '<mark class="e k-deadline" data-e="d0">567</mark>89</mark>ab',
    );
  });

  it('splits marks at the edges of the rendered ranges (lines, cells) and shows an empty span as an empty mark', () => {
    const h = new Highlighter('ab\ncd', [entity('assignment', 0, 1, 4), entity('legal', 0, 3, 3)]);
    expect(h.render(0, 2)).toBe('a<mark class="e k-assignment" data-e="a0" id="x-a0" tabindex="0">b</mark>');
    expect(h.render(3, 5)).toBe('<mark class="e k-legal" data-e="l0" id="x-l0" tabindex="0"></mark><mark class="e k-assignment" data-e="a0">c</mark>d');
    expect(h.unplaced()).toEqual([]);
  });

  it('escapes the text it writes', () => {
    expect(new Highlighter('<b>&"\'', []).render(0, 6)).toBe('&lt;b&gt;&amp;&quot;&#39;');
  });
});

describe('untrusted text', () => {
  const hostile = planWith(
    'I. NHIỆM VỤ <script>window.__pwned = 1</script>',
    '1. Sở Tư pháp chủ trì tuyên truyền </script><img src=x onerror="window.__pwned = 2"> hoàn thành trước ngày 30/6/2026.',
    '2. Phấn đấu 100% hồ sơ <!-- được --> giải quyết đúng hạn ]]> "quoted" \u2028 & \'single\'.',
  );
  const html = renderPlanView(hostile);

  it('is escaped everywhere: only the page’s own two scripts and no element from the plan', () => {
    expect(hostile.text).toContain('<script>window.__pwned = 1</script>');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!-- được');
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(squeeze(articleText(html))).toBe(squeeze(hostile.text));
  });

  it('embeds the data as JSON that no string can break out of', () => {
    const data = html.slice(html.indexOf('<script type="application/json" id="data">') + 42, html.lastIndexOf('</script>', html.lastIndexOf('<script>')));
    expect(data).not.toContain('<');
    expect(JSON.parse(data).types).toHaveLength(5);
    expect(jsonForScript({ s: '</script><!--\u2028' })).toBe('{"s":"\\u003c/script>\\u003c!--\\u2028"}');
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
  });

  it('allows only its own style and script, by hash, and nothing from the network', () => {
    const csp = unescapeHtml(html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1]!);
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const style = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    expect(csp).toBe(`default-src 'none'; style-src ${hash(style)}; script-src ${hash(PLAN_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(html).toContain(`<script>${PLAN_SCRIPT}</script>`);
  });

  it('keeps the page script free of syntax errors', () => {
    expect(() => new Function(PLAN_SCRIPT)).not.toThrow();
  });
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}
const run = (args: string[]): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(process.execPath, [cli, 'view', ...args], { maxBuffer: 1 << 26 }, (error: ExecFileException | null, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });

describe('kehoach view', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-view-'));

  it('writes <file>.html beside the plan by default', async () => {
    const plan = join(dir, 'hue-2026.txt');
    copyFileSync(join(fixtures, 'hue-2026.txt'), plan);
    const result = await run([plan]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^kehoach: wrote .*hue-2026\.txt\.html \(\d+ KiB\)\n$/);
    const html = readFileSync(`${plan}.html`, 'utf8');
    expect(html.startsWith('<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain('<h1>Thực hiện công tác phòng, chống tội phạm năm 2026</h1>');
  });

  it('writes to -o, or to stdout with -o -, and reads the JSON of `kehoach parse`', async () => {
    const json = join(dir, 'plan.json');
    writeFileSync(json, JSON.stringify(documents.get('le-hoi-du-lich.txt')));
    const out = join(dir, 'out.html');
    expect((await run([json, '-o', out])).code).toBe(0);
    const stdout = await run([json, '-o', '-']);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toBe(readFileSync(out, 'utf8'));
    expect(stdout.stdout).toBe(pages.get('le-hoi-du-lich.txt'));
  });

  it('names the file and the reason for bad input and an output it cannot write', async () => {
    const missing = await run([join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('FILE_NOT_FOUND');
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"schemaVersion":');
    const broken = await run([notJson, '-o', '-']);
    expect([broken.code, broken.stderr]).toEqual([5, `kehoach: CORRUPT_INPUT: ${notJson}: not valid JSON\n`]);
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello":1}');
    const wrong = await run([other, '-o', '-']);
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toContain(`${other}: not a kehoach PlanDocument`);
    const unwritable = await run([join(fixtures, 'hue-2026.txt'), '-o', join(dir, 'no-such-folder', 'x.html')]);
    expect(unwritable.code).toBe(12);
    expect(unwritable.stderr).toContain('OUTPUT_NOT_WRITABLE');
    expect(unwritable.stderr).toContain('no-such-folder/x.html');
  });
});
