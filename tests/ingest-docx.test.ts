import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';
import { ingestDocx } from '../src/ingest/docx.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { expectHueBoldness } from './helpers/hue-boldness.js';
import { buildDocx, cell, p, planOpening, table } from './helpers/build-docx.js';
import type { CellPosition } from '../src/tree.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

const outline = { numId: 1, levels: [{ format: 'upperRoman', text: '%1.' }, { format: 'decimal', text: '%2.' }, { format: 'lowerLetter', text: '%3)' }] };
const bullets = { numId: 2, levels: [{ format: 'bullet', text: '\uF02D' }] };
const item = (text: string, level: number) => p(text, { list: { numId: 1, level } });
const bullet = (text: string) => p(text, { list: { numId: 2, level: 0 } });

describe('DOCX edge cases built by the test', () => {
  it('rebuilds the printed labels of an automatically numbered list', async () => {
    const bytes = await buildDocx({
      body: [
        ...planOpening(),
        item('NHIỆM VỤ', 0),
        item('Tuyên truyền', 1),
        item('Tổ chức hội nghị', 2),
        bullet('Hoàn thành trước ngày 30/6/2026.'),
        item('Tập huấn', 2),
        item('Kiểm tra', 1),
        item('TỔ CHỨC THỰC HIỆN', 0),
        item('Công an tỉnh', 1),
        bullet('Chủ trì, phối hợp với các sở, ban, ngành triển khai Kế hoạch.'),
      ],
      lists: { [outline.numId]: outline.levels, [bullets.numId]: bullets.levels },
    });
    const document = await parse(bytes, { name: 'numbered.docx' });
    const paths: string[] = [];
    const walk = (list: typeof document.sections): void => list.forEach((s) => (paths.push(`${s.path.join('/')} ${s.heading ?? ''}`.trim()), walk(s.children)));
    walk(document.sections);
    // Items without a body of their own are content, not headings.
    expect(paths).toEqual(['I NHIỆM VỤ', 'I/1 Tuyên truyền', 'I/1/a Tổ chức hội nghị', 'I/1/b', 'I/2', 'II TỔ CHỨC THỰC HIỆN', 'II/1 Công an tỉnh']);
    expect(document.text).toContain('\n- Hoàn thành trước ngày 30/6/2026.');
    expect(document.deadlines).toEqual([expect.objectContaining({ date: '2026-06-30', sectionPath: ['I', '1', 'a'], page: null })]);
    expect(document.assignments.map((a) => [a.agency, a.role])).toEqual([
      ['Công an tỉnh', 'implement'],
      ['Công an tỉnh', 'lead'],
    ]);
  });

  it('reads the two-column header table column by column', async () => {
    const document = await parse(await buildDocx({ body: [...planOpening(), item('NHIỆM VỤ', 0), item('Chung', 1)], lists: { 1: outline.levels } }), { name: 'header.docx' });
    expect(document.metadata).toMatchObject({ number: '12/KH-UBND', place: 'Thử Nghiệm', issuedDate: '2026-01-05', title: 'Thực hiện công tác thử nghiệm năm 2026' });
    expect(document.metadata.issuer).toContain('TỈNH THỬ NGHIỆM');
    expect(document.source).toMatchObject({ format: 'docx' });
  });

  it('numbers footnotes by first reference and moves their bodies out of the text', async () => {
    const bytes = await buildDocx({
      body: [...planOpening(), item('NHIỆM VỤ', 0), p('1. Triển khai Chiến lược quốc gia phòng, chống tội phạm.', { footnoteId: 7 }), p('2. Kiểm tra việc thực hiện.')],
      lists: { 1: outline.levels },
      footnotes: { 7: 'Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ.' },
    });
    const document = await parse(bytes, { name: 'footnotes.docx' });
    expect(document.footnotes).toEqual([expect.objectContaining({ marker: '1', page: null, text: 'Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ.' })]);
    expect(document.legalReferences).toEqual([expect.objectContaining({ symbol: '33/QĐ-TTg', inFootnote: true })]);
    expect(document.sections[0]!.children[0]!.text).toBe('1. Triển khai Chiến lược quốc gia phòng, chống tội phạm.');
  });
});

describe('DOCX bold as heading evidence', () => {
  it('takes bold from the run, its paragraph style or the style that one is based on, and a bold labelled paragraph as a title', async () => {
    const bytes = await buildDocx({
      body: [
        ...planOpening(),
        p('I. NHIỆM VỤ', { style: 'Part' }),
        p('1. Nhiệm vụ trọng tâm: tuyên truyền, phòng ngừa', { style: 'Task' }),
        p('- Tổ chức tuyên truyền pháp luật.', { style: 'Body' }),
        p('2. Kiểm tra: theo dõi việc thực hiện', { style: 'TaskRegular' }),
        p('- Kiểm tra việc thực hiện trước ngày 30/6/2026.', { style: 'Body' }),
        p('3. Báo cáo: tổng hợp kết quả', { bold: true }),
        p('- Báo cáo kết quả trước ngày 15/12/2026.'),
      ],
      styles: { Part: { bold: true }, Task: { basedOn: 'Part' }, TaskRegular: { basedOn: 'Part', bold: false }, Body: {} },
    });
    const document = await parse(bytes, { name: 'bold.docx' });
    // With a colon in it, regular text would be a run-in sentence with no title.
    expect(document.sections[0]!.children.map((s) => [s.path.join('/'), s.heading])).toEqual([
      ['I/1', 'Nhiệm vụ trọng tâm: tuyên truyền, phòng ngừa'],
      ['I/2', null],
      ['I/3', 'Báo cáo: tổng hợp kết quả'],
    ]);
  });
});

describe('DOCX in a legacy font', () => {
  it('decodes runs set in .VnTime (TCVN3) and names the encoding', async () => {
    const tcvn3 = (text: string): string => iconv.encode(text, 'tcvn').toString('latin1');
    const bytes = await buildDocx({
      body: [...planOpening(), p('I. NHIỆM VỤ'), p(tcvn3('1. Tổ chức tuyên truyền trước ngày 25/3/2026 tại các phường.'), { font: '.VnTime' })],
    });
    const document = await parse(bytes, { name: 'legacy.docx' });
    expect(document.warnings.map((w) => w.code)).toEqual(['LEGACY_ENCODING_TCVN3']);
    expect(document.sections[0]!.children[0]!.text).toBe('1. Tổ chức tuyên truyền trước ngày 25/3/2026 tại các phường.');
    expect(document.deadlines[0]).toMatchObject({ date: '2026-03-25' });
  });
});

describe('DOCX corpus files', () => {
  it('reads tan-binh-2025.docx with its header table, footnotes and signature table', async () => {
    const document = await parse(join(fixtures, 'tan-binh-2025.docx'));
    expect(document.source.format).toBe('docx');
    expect(document.metadata.issuedDate).toBe('2025-03-12');
    expect(document.metadata.recipients[0]).toBe('CQTT Ban Chỉ đạo 138/TP');
    expect(document.footnotes.length).toBeGreaterThan(0);
    for (const entity of [...document.targets, ...document.deadlines, ...document.assignments]) expect(entity.page).toBeNull();
  });

  it('reads hue-2026.docx titles as bold through their paragraph styles, and its running text as regular', async () => {
    expectHueBoldness((await ingestDocx(readFileSync(join(fixtures, 'hue-2026.docx')), DEFAULT_LIMITS)).lines);
  });
});

describe('DOCX paragraphs and table cells, in document order', () => {
  /** A line's text, source paragraph and cell as "table:row:column rowSpan×colSpan", with the outer cell of a nested table after "<". */
  const where = (cell: CellPosition | null): string =>
    cell ? `${cell.table}:${cell.row}:${cell.column} ${cell.rowSpan}x${cell.colSpan}${cell.within ? ` < ${where(cell.within)}` : ''}` : '-';

  it('tags every paragraph with its paragraph index and grid cell, nested tables inside their cell, footnotes after the body', async () => {
    const bytes = await buildDocx({
      body: [
        p('Mở đầu.'),
        table([
          [[p('STT')], [p('Nội dung')], [p('Thời gian')]],
          [cell([p('Nhóm A')], { vMerge: 'restart' }), cell([p('Tuyên truyền')], { gridSpan: 2 })],
          [cell([p('')], { vMerge: 'continue' }), [p('Kiểm tra'), table([[[p('Đợt 1')], [p('Tháng 3')]]]), p('Báo cáo.', { footnoteId: 4 })], []],
          [[p('Nhóm B')], [], [p('Quý IV')]],
        ]),
        p('Dòng một\nDòng hai'),
        table([[[p('Nơi nhận:')], [p('CHỦ TỊCH')]]]),
      ],
      footnotes: { 4: 'Theo Kế hoạch số 10/KH-UBND.' },
    });
    const { lines } = await ingestDocx(bytes, DEFAULT_LIMITS);
    expect(lines.map((l) => [l.text, l.origin.paragraph, where(l.origin.cell), l.role])).toEqual([
      ['Mở đầu.', 0, '-', 'body'],
      ['STT', 1, '0:0:0 1x1', 'body'],
      ['Nội dung', 2, '0:0:1 1x1', 'body'],
      ['Thời gian', 3, '0:0:2 1x1', 'body'],
      ['Nhóm A', 4, '0:1:0 2x1', 'body'],
      ['Tuyên truyền', 5, '0:1:1 1x2', 'body'],
      // The merged cell below "Nhóm A" is dropped; "Kiểm tra" still sits in grid column 1.
      ['Kiểm tra', 6, '0:2:1 1x1', 'body'],
      ['Đợt 1', 7, '1:0:0 1x1 < 0:2:1 1x1', 'body'],
      ['Tháng 3', 8, '1:0:1 1x1 < 0:2:1 1x1', 'body'],
      ['Báo cáo.¹', 9, '0:2:1 1x1', 'body'],
      // Paragraph 10 is the empty third cell of row 2, paragraph 12 the empty middle cell of row 3.
      ['Nhóm B', 11, '0:3:0 1x1', 'body'],
      ['Quý IV', 13, '0:3:2 1x1', 'body'],
      // One paragraph split by a line break: two lines, one paragraph index.
      ['Dòng một', 14, '-', 'body'],
      ['Dòng hai', 14, '-', 'body'],
      ['Nơi nhận:', 15, '2:0:0 1x1', 'body'],
      ['CHỦ TỊCH', 16, '2:0:1 1x1', 'body'],
      ['1 Theo Kế hoạch số 10/KH-UBND.', 17, '-', 'footnote'],
    ]);
    expect(lines.every((l) => l.startsParagraph === true && l.origin.page === null)).toBe(true);
  });

  it('keeps the STT column of the chuyen-doi-so-2025 task table in grid column 0, group titles spanning five columns', async () => {
    const { lines } = await ingestDocx(readFileSync(join(fixtures, 'chuyen-doi-so-2025.docx')), DEFAULT_LIMITS);
    const cellOf = (text: string): string => where(lines.find((l) => l.text === text)?.origin.cell ?? null);
    expect(cellOf('STT')).toBe('2:0:0 1x1');
    expect(cellOf('1')).toBe('2:2:0 1x1');
    expect(cellOf('CHÍNH QUYỀN SỐ')).toBe('2:1:1 1x5');
    expect(cellOf('Quý II/2025')).toBe('2:2:4 1x1');
    // The header block is table 0, the signature block table 1; paragraphs count in document order.
    expect(cellOf('Số: 45/KH-UBND')).toBe('0:0:0 1x1');
    expect(cellOf('Nguyễn Đình Khoa')).toBe('1:0:1 1x1');
    const paragraphs = lines.map((l) => l.origin.paragraph!);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
  });
});
