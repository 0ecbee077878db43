import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPdf } from '../src/ingest/pdf.js';
import { ingestText } from '../src/ingest/text.js';
import { layout } from '../src/layout/index.js';
import { cleanLines } from '../src/layout/lines.js';
import { readPdfFlow } from '../src/layout/pdf.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { normalise } from '../src/normalise/normalise.js';
import { paragraphsOf, type Block, type DocumentTree, type IngestedDocument, type Table } from '../src/tree.js';
import { PLAN_OPENING } from './helpers/plan.js';
import { TWO_COLUMN_HEADER, buildPdf, grid, textWidth, type PdfText } from './helpers/build-pdf.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

async function readPdf(bytes: Uint8Array): Promise<{ ingested: IngestedDocument; tree: DocumentTree }> {
  const ingested = normalise(await ingestPdf(bytes, DEFAULT_LIMITS));
  return { ingested, tree: layout(ingested) };
}

const blocksOf = (tree: DocumentTree): Block[] => tree.parts.flatMap((part) => part.blocks);
const tablesOf = (tree: DocumentTree): Table[] => blocksOf(tree).filter((b): b is Table => b.kind === 'table');
const cellTexts = (table: Table, row: number): string[] => table.rows[row]!.cells.map((cell) => [...paragraphsOf(cell.blocks)].map((p) => p.text).join(' / '));
const runningText = (tree: DocumentTree): string[] => blocksOf(tree).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('PDF tables in the corpus', () => {
  it('reads the chuyen-doi-so-2025.pdf appendix as one bordered table over two landscape pages', async () => {
    const { ingested, tree } = await readPdf(readFileSync(join(fixtures, 'chuyen-doi-so-2025.pdf')));
    expect(ingested.pages.filter((p) => p.width > p.height).map((p) => p.number)).toEqual([7, 8]);
    expect(ingested.pages[6]!.rulings.length).toBeGreaterThan(20);
    const tables = tablesOf(tree);
    expect(tables).toHaveLength(1);
    const [table] = tables as [Table];
    expect(table).toMatchObject({ page: 7, columnCount: 6, headerRows: 1 });
    expect(cellTexts(table, 0)).toEqual(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm']);
    // 3 group rows and 16 task rows; the header repeated on page 8 is dropped.
    expect(table.rows).toHaveLength(20);
    expect(table.rows.filter((_, r) => cellTexts(table, r)[0] === 'STT')).toHaveLength(1);
    const groups = table.rows.flatMap((row, r) => (row.cells.length === 2 ? [[r, ...cellTexts(table, r)]] : []));
    expect(groups).toEqual([
      [1, 'I', 'CHÍNH QUYỀN SỐ'],
      [8, 'II', 'KINH TẾ SỐ'],
      [13, 'III', 'XÃ HỘI SỐ VÀ AN TOÀN THÔNG TIN MẠNG'],
    ]);
    expect(table.rows[1]!.cells[1]).toMatchObject({ column: 1, colSpan: 5, rowSpan: 1 });
    // Task 3, its wrapped cells joined.
    expect(cellTexts(table, 4).slice(1)).toEqual(['Xây dựng Kho dữ liệu dùng chung của tỉnh', 'Sở Khoa học và Công nghệ', 'Các sở, ban, ngành', 'Trước 30/6/2025', 'Kho dữ liệu dùng chung được đưa vào vận hành']);
    // Task 9 opens page 8, after the repeated header.
    expect(cellTexts(table, 11).slice(1, 3)).toEqual(['Triển khai thanh toán không dùng tiền mặt tại 100% cơ sở khám bệnh, chữa bệnh công lập', 'Sở Y tế']);
    expect(table.rows[11]!.cells[1]!.blocks[0]).toMatchObject({ page: 8 });
    expect(cellTexts(table, 19).slice(1, 3)).toEqual(['Duy trì giám sát an toàn thông tin 24/7 cho các hệ thống thông tin dùng chung của tỉnh', 'Sở Khoa học và Công nghệ']);
    // Each cell's text points back at its cell and its box on the page.
    const piece = table.rows[4]!.cells[2]!.blocks[0]!.kind === 'paragraph' ? table.rows[4]!.cells[2]!.blocks[0]!.pieces[0]! : null;
    expect(piece?.origin).toMatchObject({ page: 7, cell: { table: 0, row: 4, column: 2, rowSpan: 1, colSpan: 1, within: null } });
    expect(piece?.origin.box?.x).toBeCloseTo(334, 0);
    // None of the table's words are left in the running text: on its pages, only the appendix title is.
    expect(blocksOf(tree).flatMap((b) => (b.kind === 'paragraph' && b.page !== null && b.page >= 7 ? [b.text] : []))).toEqual([
      'PHỤ LỤC I',
      'DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025',
      '(Kèm theo Kế hoạch số 45/KH-UBND ngày 08/4/2025 của Ủy ban nhân dân tỉnh Hòa Bình)',
    ]);
  });

  // A number alone mid-page is an STT cell, not a page number: cleanLines labels only those in the page's top or foot band.
  it('keeps the numbers of the STT column in their cells', async () => {
    const { tree } = await readPdf(readFileSync(join(fixtures, 'chuyen-doi-so-2025.pdf')));
    expect(cellTexts(tablesOf(tree)[0]!, 4)[0]).toBe('3');
  });

  it('reads the le-hoi-du-lich.pdf schedule as a table in the body, and the text after it as text', async () => {
    const { tree } = await readPdf(readFileSync(join(fixtures, 'le-hoi-du-lich.pdf')));
    const tables = tablesOf(tree);
    expect(tables).toHaveLength(1);
    const [table] = tables as [Table];
    expect(table).toMatchObject({ page: 2, columnCount: 4, headerRows: 1 });
    expect(table.rows).toHaveLength(7);
    expect(cellTexts(table, 0)).toEqual(['Thời gian', 'Nội dung', 'Địa điểm', 'Đơn vị thực hiện']);
    expect(cellTexts(table, 2)).toEqual(['Từ ngày 29/4 đến ngày 03/5/2025', 'Hội chợ sản phẩm du lịch, ẩm thực và sản phẩm OCOP với 150 gian hàng', 'Công viên Biển Đông', 'Sở Công Thương; Hiệp hội Du lịch thành phố']);
    expect(cellTexts(table, 4)).toEqual(['15 giờ 00 ngày 01/5/2025', 'Lễ hội Cầu ngư và đua thuyền truyền thống', 'Cửa biển Sơn Thủy', 'Ủy ban nhân dân quận Sơn Thủy']);
    expect(cellTexts(table, 6)[0]).toBe('20 giờ 00 ngày 04/5/2025');
    const body = blocksOf(tree);
    const at = body.indexOf(table);
    expect(body[at - 1]).toMatchObject({ kind: 'paragraph', text: expect.stringMatching(/^Các hoạt động chính của Lễ hội .* thực hiện\):$/) });
    expect(body[at + 1]).toMatchObject({ kind: 'paragraph', text: '2. Các hoạt động hưởng ứng' });
  });

  it('labels the corpus page numbers as furniture and keeps them out of the text', async () => {
    const { tree } = await readPdf(readFileSync(join(fixtures, 'le-hoi-du-lich.pdf')));
    expect(tree.furniture.filter((f) => f.kind === 'page-number').map((f) => [f.text, f.origin.page])).toEqual([
      ['2', 2],
      ['3', 3],
      ['4', 4],
      ['5', 5],
    ]);
    expect(runningText(tree)).not.toContain('2');
  });
});

/** A plan as a text file gives it: header, title, legal basis, sections, bullets, closing; no blank lines. */
const PLAN_LINES = [
  ...PLAN_OPENING,
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm',
  '2025;',
  'Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  'Nâng cao hiệu quả công tác thử nghiệm trên địa bàn tỉnh, bảo đảm',
  'đúng tiến độ và chất lượng đề ra.',
  '2. Yêu cầu',
  '- Các sở, ngành chủ động triển khai các nhiệm vụ được giao, phối hợp',
  'chặt chẽ với Ủy ban nhân dân các huyện.',
  '- Báo cáo kết quả thực hiện trước ngày 30/6/2026.',
  'II. NHIỆM VỤ',
  '1. Sở Tư pháp chủ trì tổ chức tuyên truyền, phổ biến pháp luật cho',
  'Nhân dân trên địa bàn tỉnh.',
  'a) Tổ chức 05 hội nghị tập huấn.',
  'b) Phấn đấu 100% xã, phường được tuyên truyền.',
  '2. Công an tỉnh chủ trì kiểm tra, đôn đốc việc thực hiện.',
  'Nơi nhận:',
  '- Như trên;',
  '- Lưu: VT.',
  'TM. ỦY BAN NHÂN DÂN',
  'CHỦ TỊCH',
  'Nguyễn Văn A',
];

describe('PDF page furniture', () => {
  it('labels a running head repeated at the top of every page, and keeps it out of the text', async () => {
    const pageOf = (n: number, body: string[]): PdfText[] => [
      { text: 'Kế hoạch số 12/KH-UBND ngày 05/01/2026', x: 200, y: 815, size: 10 },
      ...body.map((text, i) => ({ text, x: 57, y: 760 - i * 18, size: 13 })),
      { text: String(n), x: 295, y: 30, size: 10 },
    ];
    const bytes = buildPdf([
      pageOf(1, ['I. NHIỆM VỤ', 'Tổ chức tuyên truyền pháp luật.']),
      pageOf(2, ['II. GIẢI PHÁP', 'Kiểm tra việc thực hiện.']),
      pageOf(3, ['III. TỔ CHỨC THỰC HIỆN', 'Các sở thực hiện.']),
    ]);
    const { tree } = await readPdf(bytes);
    expect(tree.furniture.map((f) => [f.kind, f.text, f.origin.page])).toEqual([
      ['running-head', 'Kế hoạch số 12/KH-UBND ngày 05/01/2026', 1],
      ['page-number', '1', 1],
      ['running-head', 'Kế hoạch số 12/KH-UBND ngày 05/01/2026', 2],
      ['page-number', '2', 2],
      ['running-head', 'Kế hoạch số 12/KH-UBND ngày 05/01/2026', 3],
      ['page-number', '3', 3],
    ]);
    expect(runningText(tree).join(' ')).not.toContain('12/KH-UBND');
  });
});

describe('PDF printed from plain lines', () => {
  it('gives the paragraphs the text input gives, where the geometry says nothing', async () => {
    // One font, one size, every line at the margin, uniform spacing, over two pages.
    const page = (lines: string[]): PdfText[] => lines.map((text, i) => ({ text, x: 57, y: 780 - i * 18, size: 12 }));
    const bytes = buildPdf([page(PLAN_LINES.slice(0, 16)), page(PLAN_LINES.slice(16))]);
    const { ingested, tree } = await readPdf(bytes);
    expect(ingested.lines.every((l) => l.startsParagraph === null && l.role === 'body')).toBe(true);
    const fromText = layout(normalise(ingestText(new TextEncoder().encode(PLAN_LINES.join('\n')))));
    const paragraphs = (t: DocumentTree): string[] => [...paragraphsOf(blocksOf(t))].map((p) => p.text);
    expect(paragraphs(tree)).toEqual(paragraphs(fromText));
    expect(paragraphs(tree)).toContain('1. Sở Tư pháp chủ trì tổ chức tuyên truyền, phổ biến pháp luật cho Nhân dân trên địa bàn tỉnh.');
    expect(paragraphs(tree)).toContain('- Các sở, ngành chủ động triển khai các nhiệm vụ được giao, phối hợp chặt chẽ với Ủy ban nhân dân các huyện.');
  });

  it('decides nothing where the geometry is silent, and what it shows where it is not', async () => {
    const lines: PdfText[] = [
      { text: 'I. NHIỆM VỤ', x: 57, y: 780, size: 12 },
      { text: 'Tổ chức tuyên truyền pháp luật cho Nhân dân trên địa bàn tỉnh, bảo đảm', x: 57, y: 762, size: 12 },
      { text: 'đúng tiến độ.', x: 57, y: 744, size: 12 },
      // A wider gap: a new paragraph, though the text alone would run on.
      { text: 'Kiểm tra việc thực hiện.', x: 57, y: 714, size: 12 },
    ];
    const { ingested } = await readPdf(buildPdf([lines]));
    const flow = readPdfFlow(cleanLines(ingested.lines).lines, ingested.pages);
    expect(flow.map((item) => (item.kind === 'line' ? [item.line.text, item.line.startsParagraph] : null))).toEqual([
      ['I. NHIỆM VỤ', true],
      ['Tổ chức tuyên truyền pháp luật cho Nhân dân trên địa bàn tỉnh, bảo đảm', null],
      ['đúng tiến độ.', null],
      ['Kiểm tra việc thực hiện.', true],
    ]);
  });
});

describe('PDF tables built by the test', () => {
  const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian'];
  const XS = [60, 110, 420, 620, 780];
  /** A row of cells, each set 4 pt inside its column, its baseline `y`. */
  const cells = (texts: string[], y: number, bold = false): PdfText[] =>
    texts.flatMap((text, c) => (text ? [{ text, x: XS[c]! + 4, y, size: 12, bold }] : []));

  it('reads a ruled table over two landscape pages as one, with a merged group row and the repeated header dropped', async () => {
    const intro: PdfText[] = [
      { text: 'PHỤ LỤC', x: 390, y: 560, size: 13, bold: true },
      { text: 'DANH MỤC NHIỆM VỤ NĂM 2026', x: 300, y: 540, size: 13, bold: true },
    ];
    const page1 = [
      ...intro,
      ...cells(HEADER, 506, true),
      ...cells(['I', 'TUYÊN TRUYỀN'], 482, true),
      ...cells(['1.1', 'Tổ chức hội nghị tuyên truyền pháp luật', 'Sở Tư pháp', 'Quý II/2026'], 458),
      ...cells(['', 'cho cán bộ, công chức'], 444),
      ...cells(['1.2', 'Phát hành tài liệu', 'Sở Thông tin', 'Năm 2026'], 420),
    ];
    const page2 = [
      ...cells(HEADER, 546, true),
      ...cells(['II', 'KIỂM TRA'], 522, true),
      ...cells(['2.1', 'Kiểm tra việc thực hiện', 'Thanh tra tỉnh', 'Tháng 12/2026'], 498),
      { text: 'Giao Sở Tư pháp theo dõi, đôn đốc thực hiện Kế hoạch này.', x: 60, y: 450, size: 13 },
    ];
    const bytes = buildPdf([page1, page2], {
      pageSizes: [
        [842, 595],
        [842, 595],
      ],
      rulings: [
        // Header, group row (its task cell spans three columns), two task rows.
        grid(XS, [520, 496, 472, 434, 410], [
          [2, 1],
          [3, 1],
        ]),
        grid(XS, [560, 536, 512, 488], [
          [2, 1],
          [3, 1],
        ]),
      ],
    });
    const { ingested, tree } = await readPdf(bytes);
    expect(ingested.pages.map((p) => [p.width, p.height])).toEqual([
      [842, 595],
      [842, 595],
    ]);
    // Rulings in the top-left coordinates of boxes: the header's top rule 75 pt below the page top.
    expect(ingested.pages[0]!.rulings).toContainEqual({ x1: 60, y1: 75, x2: 780, y2: 75 });
    const tables = tablesOf(tree);
    expect(tables).toHaveLength(1);
    const [table] = tables as [Table];
    expect(table).toMatchObject({ page: 1, columnCount: 4, headerRows: 1 });
    expect(table.rows.map((_, r) => cellTexts(table, r))).toEqual([
      HEADER,
      ['I', 'TUYÊN TRUYỀN'],
      ['1.1', 'Tổ chức hội nghị tuyên truyền pháp luật cho cán bộ, công chức', 'Sở Tư pháp', 'Quý II/2026'],
      ['1.2', 'Phát hành tài liệu', 'Sở Thông tin', 'Năm 2026'],
      ['II', 'KIỂM TRA'],
      ['2.1', 'Kiểm tra việc thực hiện', 'Thanh tra tỉnh', 'Tháng 12/2026'],
    ]);
    expect(table.rows[1]!.cells[1]).toMatchObject({ column: 1, colSpan: 3 });
    expect(runningText(tree)).toEqual(['PHỤ LỤC', 'DANH MỤC NHIỆM VỤ NĂM 2026', 'Giao Sở Tư pháp theo dõi, đôn đốc thực hiện Kế hoạch này.']);
  });

  it('reads a borderless table from its header words and the columns below them', async () => {
    const header = ['Nội dung', 'Cơ quan chủ trì', 'Thời gian hoàn thành'];
    const xs = [85, 300, 440];
    const row = (texts: string[], y: number): PdfText[] => texts.flatMap((text, c) => (text ? [{ text, x: xs[c]!, y, size: 12 }] : []));
    expect(textWidth(header[0]!, 12) + xs[0]! + 12 * 2.5).toBeLessThan(xs[1]!);
    const page: PdfText[] = [
      { text: 'I. NHIỆM VỤ', x: 85, y: 780, size: 14, bold: true },
      { text: 'Các nhiệm vụ cụ thể như sau:', x: 85, y: 761, size: 14 },
      ...row(header, 730),
      ...row(['Tổ chức tuyên truyền', 'Sở Tư pháp', 'Quý I/2026'], 712),
      ...row(['pháp luật', '', ''], 698),
      ...row(['Kiểm tra thực hiện', 'Thanh tra tỉnh', 'Năm 2026'], 680),
      { text: 'II. TỔ CHỨC THỰC HIỆN', x: 85, y: 640, size: 14, bold: true },
    ];
    const { tree } = await readPdf(buildPdf([page]));
    const [table] = tablesOf(tree) as [Table];
    expect(table).toMatchObject({ columnCount: 3, headerRows: 1 });
    expect(table.rows.map((_, r) => cellTexts(table, r))).toEqual([header, ['Tổ chức tuyên truyền pháp luật', 'Sở Tư pháp', 'Quý I/2026'], ['Kiểm tra thực hiện', 'Thanh tra tỉnh', 'Năm 2026']]);
    expect(runningText(tree)).toEqual(['I. NHIỆM VỤ', 'Các nhiệm vụ cụ thể như sau:', 'II. TỔ CHỨC THỰC HIỆN']);
  });

  it('keeps a small ruled table without column titles in the body a table: it holds no header or signature words', async () => {
    const page: PdfText[] = [
      { text: 'Chỉ tiêu năm 2026:', x: 60, y: 760, size: 13 },
      { text: 'Tỷ lệ hồ sơ trực tuyến', x: 64, y: 730, size: 13 },
      { text: '80%', x: 304, y: 730, size: 13 },
      { text: 'Số xã đạt chuẩn', x: 64, y: 706, size: 13 },
      { text: '12 xã', x: 304, y: 706, size: 13 },
      { text: 'Số trường học số', x: 64, y: 682, size: 13 },
      { text: '30 trường', x: 304, y: 682, size: 13 },
    ];
    // Three rows: the ingester asks for a page's rulings where runs start at one x on three baselines.
    const { tree } = await readPdf(buildPdf([page], { rulings: [grid([60, 300, 500], [745, 721, 697, 673])] }));
    const [table] = tablesOf(tree) as [Table];
    expect(table).toMatchObject({ columnCount: 2, headerRows: 0 });
    expect(table.rows.map((_, r) => cellTexts(table, r))).toEqual([
      ['Tỷ lệ hồ sơ trực tuyến', '80%'],
      ['Số xã đạt chuẩn', '12 xã'],
      ['Số trường học số', '30 trường'],
    ]);
  });

  it('keeps a two-column header block as column-read lines, not a table', async () => {
    const { tree } = await readPdf(buildPdf([TWO_COLUMN_HEADER], { rulings: [[{ x1: 90, y1: 768, x2: 160, y2: 768 }]] }));
    expect(tablesOf(tree)).toEqual([]);
    expect(runningText(tree)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026']);
  });
});
