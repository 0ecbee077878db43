import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { isKehoachError, parse } from '../src/index.js';
import { pdfBomb } from './helpers/pdf-bomb.js';

/**
 * Bounds on one document's work, enforced where the work runs: a worker
 * thread that is ended when the document passes its time or memory.
 */

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const MIB = 1024 * 1024;

async function failure(work: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown>; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isKehoachError(error)).toBe(true);
  const { code, details, message } = error as { code: string; details: Record<string, unknown>; message: string };
  return { code, details, message };
}

describe('memory is bounded per document', () => {
  it('ends a PDF whose stream inflates past the cap, naming the limit', async () => {
    const { code, details, message } = await failure(parse(pdfBomb(768), { name: 'bomb.pdf', limits: { maxMemoryBytes: 192 * MIB } }));
    expect(code).toBe('LIMIT_EXCEEDED');
    expect(details.limit).toBe('maxMemoryBytes');
    expect(message).toContain('bomb.pdf');
    // The sandbox is whole again: the next document parses.
    expect((await parse(join(fixtures, 'hue-2026.txt'))).sections.length).toBeGreaterThan(0);
  }, 60_000);

  it('never reads a DOCX image: a 160 MiB picture parses under a 256 MiB cap', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(fixtures, 'hue-2026.docx')));
    zip.file('word/media/big.png', Buffer.alloc(160 * MIB));
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    zip.file('word/_rels/document.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rIdBig" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/big.png"/></Relationships>'));
    const drawing =
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="100" cy="100"/><wp:docPr id="99" name="big"/>' +
      '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
      '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="99" name="big"/><pic:cNvPicPr/></pic:nvPicPr>' +
      '<pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdBig"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
    const body = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', body.replace('</w:body>', `${drawing}</w:body>`));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const document = await parse(bytes, { name: 'picture.docx', limits: { maxMemoryBytes: 256 * MIB } });
    expect(document.metadata.title).toBe('Thực hiện công tác phòng, chống tội phạm năm 2026');
    expect(document.sections.length).toBe((await parse(join(fixtures, 'hue-2026.docx'))).sections.length);
  }, 60_000);
});

describe('time is bounded per document, for every format', () => {
  it('stops a long text at its timeout: the promise rejects on time and the next parse runs', async () => {
    const text = readFileSync(join(fixtures, 'hcmc-2026.txt'), 'utf8').repeat(60);
    const started = Date.now();
    const { code, details } = await failure(parse(Buffer.from(text), { name: 'long.txt', limits: { timeoutMs: 300 } }));
    expect(code).toBe('TIMEOUT');
    expect(details.limit).toBe('timeoutMs');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await parse(join(fixtures, 'hue-2026.txt'))).sections.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('damage that spares the body', () => {
  it('reads a DOCX whose document properties are damaged without them, with a warning', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(fixtures, 'hue-2026.docx')));
    zip.file('docProps/core.xml', '<cp:coreProperties><dc:title>unclosed');
    zip.file('docProps/app.xml', '\u0000\u0001 not xml <<<');
    const damaged = await parse(await zip.generateAsync({ type: 'uint8array' }), { name: 'damaged.docx' });
    const intact = await parse(join(fixtures, 'hue-2026.docx'));
    expect(damaged.sections.length).toBe(intact.sections.length);
    expect(damaged.assignments.length).toBe(intact.assignments.length);
    expect(damaged.warnings.map((w) => w.code)).toContain('PART_UNREADABLE');
  });
});

describe('size is no error', () => {
  it('parses a text of 150,000 numbered lines (no argument list overflows)', async () => {
    const head = ['ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'KẾ HOẠCH', 'Thực hiện công tác năm 2026', 'I. NHIỆM VỤ'];
    const text = [...head, ...Array.from({ length: 150_000 }, () => '1. Tuyên truyền')].join('\n');
    const document = await parse(Buffer.from(text), { name: 'long.txt' });
    expect(document.sections[0]!.children.length).toBeGreaterThan(1000);
  }, 60_000);
});

describe('a damaged PDF page', () => {
  it('costs that page, with a warning naming it, not the document', async () => {
    const { bodyLines, buildPdf } = await import('./helpers/build-pdf.js');
    const page = (n: number) => [
      { text: 'KẾ HOẠCH', x: 270, y: 760, bold: true },
      { text: 'Thực hiện công tác thử nghiệm năm 2026', x: 170, y: 742, bold: true },
      ...bodyLines([`\tI. NHIỆM VỤ ${n}`, '\t1. Tuyên truyền', '\t- Tổ chức tuyên truyền pháp luật trước ngày 30/6/2026.'], 700),
    ];
    const text = Buffer.from(buildPdf([page(1), page(2), page(3)])).toString('latin1');
    // The second page's entry in the page tree points at an object the file does not hold: pdf.js throws for that page.
    const damaged = text.replace(/\/Kids \[(\d+) 0 R (\d+) 0 R (\d+) 0 R\]/, '/Kids [$1 0 R 999 0 R $3 0 R]');
    const document = await parse(Buffer.from(damaged, 'latin1'), { name: 'damaged.pdf' });
    expect(document.text).toContain('NHIỆM VỤ 1');
    expect(document.warnings.find((w) => w.code === 'PAGE_UNREADABLE')?.message).toContain('Page(s) 2 ');
  });
});

describe('the command line', () => {
  it('takes the memory cap as --max-memory, and a FIFO is UNREADABLE_INPUT, not a hang', async () => {
    const { execFileSync, spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-cli-'));
    const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
    writeFileSync(join(dir, 'bomb.pdf'), pdfBomb(768));
    const bomb = spawnSync(process.execPath, [cli, 'parse', join(dir, 'bomb.pdf'), '--max-memory', '192'], { encoding: 'utf8' });
    expect(bomb.status).toBe(9);
    expect(bomb.stderr).toContain('LIMIT_EXCEEDED');
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const fifo = spawnSync(process.execPath, [cli, 'parse', join(dir, 'pipe.txt')], { encoding: 'utf8', timeout: 20_000 });
    expect(fifo.status).toBe(15);
    expect(fifo.stderr).toContain('UNREADABLE_INPUT');
  }, 60_000);
});

describe('many documents at once', () => {
  it('parses twelve concurrent calls, one process per core at a time, each within its own time', async () => {
    const documents = await Promise.all(Array.from({ length: 12 }, (_, i) => parse(join(fixtures, 'hue-2026.txt'), { name: `copy-${i}.txt`, limits: { timeoutMs: 20_000 } })));
    expect(documents.map((d) => d.source.name)).toEqual(Array.from({ length: 12 }, (_, i) => `copy-${i}.txt`));
    expect(new Set(documents.map((d) => d.sections.length)).size).toBe(1);
  }, 120_000);
});
