import { parseText } from '../src/index.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../src/ingest/text.js';
import { cleanLines, type FlowItem, type LayoutLine } from '../src/layout/lines.js';
import { furnitureOutsideTables, readTextFlow } from '../src/layout/text.js';
import { normalise } from '../src/normalise/normalise.js';
import { paragraphsOf, type Cell, type Furniture, type Table } from '../src/tree.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function prepare(bytes: Uint8Array): { lines: LayoutLine[]; furniture: Furniture[]; source: string } {
  const document = normalise(ingestText(bytes));
  const { lines, furniture } = cleanLines(document.lines);
  return { lines, furniture, source: new TextDecoder().decode(bytes) };
}

function read(bytes: Uint8Array): { flow: FlowItem[]; lines: LayoutLine[]; furniture: Furniture[]; source: string } {
  const prepared = prepare(bytes);
  return { ...prepared, flow: readTextFlow(prepared.lines, prepared.furniture) };
}

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url));
const tablesOf = (flow: FlowItem[]): Table[] => flow.flatMap((item) => (item.kind === 'table' ? [item.table] : []));
const lineTexts = (flow: FlowItem[]): string[] => flow.flatMap((item) => (item.kind === 'line' ? [item.line.text] : []));
const textOf = (cell: Cell | undefined): string => [...paragraphsOf(cell?.blocks ?? [])].map((p) => p.text).join(' ');
const cellAt = (table: Table, row: number, column: number): Cell | undefined => table.rows[row]?.cells.find((c) => c.column === column);
const rowByLabel = (table: Table, label: string): Cell[] => table.rows.find((r) => textOf(r.cells.find((c) => c.column === 0)) === label)!.cells;
const inColumn = (cells: Cell[], column: number): string => textOf(cells.find((c) => c.column === column));

describe('readTextFlow: cell-per-line tables (chuyen-doi-so-2025.txt, Phụ lục I)', () => {
  const { flow, lines, furniture, source } = read(fixture('chuyen-doi-so-2025'));
  const tables = tablesOf(flow);
  const table = tables[0]!;

  it('finds one table of six columns under a one-row header, the wrapped title joined', () => {
    expect(tables).toHaveLength(1);
    expect(table.columnCount).toBe(6);
    expect(table.headerRows).toBe(1);
    expect(table.rows[0]!.cells.map(textOf)).toEqual(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm']);
  });

  it('opens a row at each label, the bare numbers cleanLines took for page numbers included', () => {
    const labels = table.rows.slice(1).map((r) => textOf(r.cells.find((c) => c.column === 0)));
    expect(labels).toEqual(['I', '1', '2', '3', '4', '5', '6', 'II', '7', '8', '9', '10', 'III', '11', '12', '13', '14', '15', '16']);
  });

  it('reads row 1 cell by cell', () => {
    const row = rowByLabel(table, '1');
    expect(inColumn(row, 1)).toBe('Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, bảo đảm kết nối, đồng bộ với Cổng Dịch vụ công quốc gia');
    expect(inColumn(row, 2)).toBe('Văn phòng Ủy ban nhân dân tỉnh');
    expect(inColumn(row, 3)).toBe('Sở Khoa học và Công nghệ');
    expect(inColumn(row, 4)).toBe('Quý II/2025');
    expect(inColumn(row, 5)).toBe('Hệ thống được nâng cấp, vận hành ổn định');
    // A short wrapped cell line is no paragraph end inside a cell.
    expect(rowByLabel(table, '8').find((c) => c.column === 5)!.blocks).toHaveLength(1);
  });

  it('lets a group heading span the row after its label', () => {
    const group = rowByLabel(table, 'I');
    expect(group).toHaveLength(2);
    expect(group[1]).toMatchObject({ column: 1, colSpan: 5 });
    expect(textOf(group[1])).toBe('CHÍNH QUYỀN SỐ');
  });

  it('pins the time column on the one period cell when merged cells leave a row short', () => {
    const row = rowByLabel(table, '3');
    expect(inColumn(row, 1)).toBe('Xây dựng Kho dữ liệu dùng chung của tỉnh');
    // "Sở Khoa học và Công" and "Các sở, ban, ngành" were printed on one line: split where the second agency name opens,
    // and the line after it ("nghệ") goes to the first piece.
    expect(inColumn(row, 2)).toBe('Sở Khoa học và Công nghệ');
    expect(inColumn(row, 3)).toBe('Các sở, ban, ngành');
    expect(inColumn(row, 4)).toBe('Trước 30/6/2025');
    expect(inColumn(row, 5)).toBe('Kho dữ liệu dùng chung được đưa vào vận hành');
  });

  it('splits three cells glued on one line, one following line to each, the rest to the last (rows 4–6)', () => {
    expect([1, 2, 3].map((column) => inColumn(rowByLabel(table, '4'), column))).toEqual(['Triển khai hệ thống họp trực tuyến đến 100% xã, phường, thị trấn', 'Sở Khoa học và Công nghệ', 'Ủy ban nhân dân các huyện, thành phố']);
    expect([1, 2, 3].map((column) => inColumn(rowByLabel(table, '5'), column))).toEqual(['Đưa Trung tâm Giám sát, điều hành thông minh (IOC) vào vận hành chính thức', 'Sở Khoa học và Công nghệ', 'Công an tỉnh; Văn phòng Ủy ban nhân dân tỉnh']);
    // "Văn phòng Ủy ban …" is one name: no split after a bare head noun.
    expect([2, 3].map((column) => inColumn(rowByLabel(table, '6'), column))).toEqual(['Sở Khoa học và Công nghệ', 'Văn phòng Ủy ban nhân dân tỉnh; các sở, ban, ngành']);
  });

  it('pins the time column even when a stray cell makes the count come out even (row 16)', () => {
    const row = rowByLabel(table, '16');
    expect(inColumn(row, 4)).toBe('Thường xuyên');
    expect(inColumn(row, 5)).toBe('Báo cáo kết quả giám sát Sở Khoa học và Công nghệ');
  });

  it('drops the column titles repeated after the page break, and keeps one table', () => {
    const body = table.rows.slice(1).flatMap((r) => r.cells.map(textOf));
    expect(body).not.toContain('STT');
    expect(body).not.toContain('Cơ quan phối hợp');
    expect(body.join(' ')).not.toMatch(/Thời gian hoàn thành|Nội dung nhiệm vụ/);
  });

  it('sets each cell line’s origin: table, row, column, span, and the line’s own input offsets', () => {
    table.rows.forEach((row, r) =>
      row.cells.forEach((cell) => {
        for (const p of paragraphsOf(cell.blocks))
          for (const piece of p.pieces) {
            expect(piece.origin.cell).toEqual({ table: 0, row: r, column: cell.column, rowSpan: 1, colSpan: cell.colSpan, within: null });
            const { start, end } = piece.origin.offset!;
            expect(source.slice(start, end).trim()).toBe(p.text.slice(piece.start, piece.end));
          }
      }),
    );
  });

  it('loses no text: every table line is in a cell but the repeated titles and the page number', () => {
    const startAt = lines.findIndex((l) => l.text === 'STT');
    const inCells = new Set(table.rows.flatMap((r) => r.cells.flatMap((c) => [...paragraphsOf(c.blocks)].flatMap((p) => p.pieces.map((x) => x.origin.offset!.start)))));
    const missing = lines.slice(startAt).filter((l) => !l.blank && !inCells.has(l.origin.offset!.start)).map((l) => l.text);
    expect(missing).toEqual(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn', 'thành', 'Sản phẩm']);
  });

  it('passes the lines before the table through unchanged', () => {
    const before = flow.slice(0, flow.findIndex((item) => item.kind === 'table'));
    const upTo = lines.findIndex((l) => l.text === 'STT');
    expect(before.map((item) => (item.kind === 'line' ? item.line : null))).toEqual(lines.slice(0, upTo));
    expect(before.every((item, i) => item.kind === 'line' && item.line === lines[i])).toBe(true);
  });

  it('hands back as furniture only the page numbers no table took as labels', () => {
    expect(furniture.filter((f) => f.kind === 'page-number').length).toBeGreaterThan(10);
    expect(furnitureOutsideTables(flow, furniture).filter((f) => f.kind === 'page-number').map((f) => f.text)).toEqual(['2', '3', '4', '5', '6', '7', '8']);
  });
});

describe('readTextFlow: a schedule table without a label column (le-hoi-du-lich.txt)', () => {
  const { flow, lines } = read(fixture('le-hoi-du-lich'));
  const tables = tablesOf(flow);
  const at = flow.findIndex((item) => item.kind === 'table');

  it('recognises the table by its column titles', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.columnCount).toBe(4);
    expect(tables[0]!.rows[0]!.cells.map(textOf)).toEqual(['Thời gian', 'Nội dung', 'Địa điểm', 'Đơn vị thực hiện']);
  });

  it('keeps every line of the region inside the table, one full-width row per block', () => {
    const table = tables[0]!;
    const first = lines.findIndex((l) => l.text.startsWith('06 giờ 00 ngày'));
    const last = lines.findIndex((l) => l.text === 'Biển' && lines[lines.indexOf(l) - 1]!.text === 'Quảng trường');
    const inCells = new Set(table.rows.flatMap((r) => r.cells.flatMap((c) => [...paragraphsOf(c.blocks)].flatMap((p) => p.pieces.map((x) => x.origin.offset!.start)))));
    const region = lines.slice(first, last + 1).filter((l) => !l.blank);
    expect(region.every((l) => inCells.has(l.origin.offset!.start))).toBe(true);
    expect(table.rows.slice(1).every((r) => r.cells.length === 1 && r.cells[0]!.colSpan === 4)).toBe(true);
    expect(textOf(table.rows.at(-1)!.cells[0])).toBe('Quảng trường Biển');
  });

  it('ends at the next numbered section, which stays outside, as does the sentence before', () => {
    const before = flow[at - 1]!;
    expect(before.kind === 'line' && before.line.text).toBe('huyện và các đơn vị liên quan thực hiện):');
    const after = lineTexts(flow.slice(at + 1)).filter((t) => t !== '');
    expect(after[0]).toBe('2. Các hoạt động hưởng ứng');
    expect(after).toContain('2.1. Chương trình đón đoàn famtrip, presstrip và hội nghị xúc tiến du');
  });
});

describe('readTextFlow: no false tables in plans without any', () => {
  for (const name of ['hcmc-2026', 'hue-2026', 'tan-binh-2025', 'giao-duc-nam-hoc']) {
    it(`${name}.txt: every line passes through, none taken into a table`, () => {
      const { flow, lines } = read(fixture(name));
      expect(tablesOf(flow)).toEqual([]);
      expect(flow.map((item) => (item.kind === 'line' ? item.line : null))).toEqual(lines);
    });
  }
});

describe('readTextFlow: pipe tables', () => {
  const text = [
    'Phân công như sau:',
    '| STT | Nội dung | Cơ quan chủ trì |',
    '|---|:---:|---|',
    '| 1 | Tuyên truyền pháp luật | Sở Tư pháp |',
    '| 2 | Kiểm tra  việc thực hiện | |',
    'Đoạn sau bảng.',
  ].join('\n');
  const { flow, source } = read(encode(text));

  it('reads rows and cells; the rule under the header is no row', () => {
    const [table] = tablesOf(flow);
    expect(table).toMatchObject({ columnCount: 3, headerRows: 1 });
    expect(table!.rows.map((r) => r.cells.map(textOf))).toEqual([
      ['STT', 'Nội dung', 'Cơ quan chủ trì'],
      ['1', 'Tuyên truyền pháp luật', 'Sở Tư pháp'],
      ['2', 'Kiểm tra việc thực hiện', ''],
    ]);
    expect(lineTexts(flow)).toEqual(['Phân công như sau:', 'Đoạn sau bảng.']);
  });

  it('narrows a cell’s offsets to its slice of the input', () => {
    const table = tablesOf(flow)[0]!;
    const piece = [...paragraphsOf(cellAt(table, 1, 2)!.blocks)][0]!.pieces[0]!;
    expect(source.slice(piece.origin.offset!.start, piece.origin.offset!.end)).toBe('Sở Tư pháp');
    expect(piece.origin.cell).toEqual({ table: 0, row: 1, column: 2, rowSpan: 1, colSpan: 1, within: null });
    // "Kiểm tra  việc": the raw line keeps its double space, so the cell still maps exactly.
    const collapsed = [...paragraphsOf(cellAt(table, 2, 1)!.blocks)][0]!.pieces[0]!;
    expect(source.slice(collapsed.origin.offset!.start, collapsed.origin.offset!.end)).toBe('Kiểm tra  việc thực hiện');
  });

  it('without the rule, a first row is a header only when it names columns', () => {
    const plain = tablesOf(read(encode('| a | b |\n| c | d |')).flow);
    expect(plain[0]).toMatchObject({ columnCount: 2, headerRows: 0 });
    const titled = tablesOf(read(encode('| STT | Nội dung | Thời gian |\n| 1 | Tuyên truyền | Quý I/2026 |')).flow);
    expect(titled[0]).toMatchObject({ columnCount: 3, headerRows: 1 });
  });

  it('takes one pipe line alone for text', () => {
    expect(tablesOf(read(encode('Ghi chú | xem phụ lục\n| a | b |\nĐoạn.')).flow)).toEqual([]);
  });
});

describe('readTextFlow: tab-separated rows (read from the raw line)', () => {
  /** The pipeline's own lines: normalise keeps tabs, and cleanLines keeps them in `raw`. */
  function withRaw(text: string): { lines: LayoutLine[]; source: string } {
    const { lines } = cleanLines(normalise(ingestText(encode(text))).lines);
    return { lines, source: text };
  }

  it('reads rows of the same number of tab-separated fields, with exact cell offsets', () => {
    const { lines, source } = withRaw('Bảng:\nSTT\tNội dung\tThời gian\n1\tTuyên truyền\tQuý I/2026\n2\tKiểm tra\tNăm 2026\nHết.');
    const flow = readTextFlow(lines);
    const [table] = tablesOf(flow);
    expect(table).toMatchObject({ columnCount: 3, headerRows: 1 });
    expect(table!.rows.map((r) => r.cells.map(textOf))).toEqual([
      ['STT', 'Nội dung', 'Thời gian'],
      ['1', 'Tuyên truyền', 'Quý I/2026'],
      ['2', 'Kiểm tra', 'Năm 2026'],
    ]);
    const piece = [...paragraphsOf(cellAt(table!, 2, 2)!.blocks)][0]!.pieces[0]!;
    expect(source.slice(piece.origin.offset!.start, piece.origin.offset!.end)).toBe('Năm 2026');
    expect(lineTexts(flow)).toEqual(['Bảng:', 'Hết.']);
  });

  it('leaves the signature block, set side by side with tabs, as text', () => {
    const { lines } = withRaw('Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\tKT. CHỦ TỊCH\n- Sở Tư pháp;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\tNguyễn Văn A');
    expect(tablesOf(readTextFlow(lines))).toEqual([]);
  });

  it('reads a tab table through the whole text pipeline', () => {
    const plan = parseText(['KẾ HOẠCH', 'Thử nghiệm năm 2026', 'I. NHIỆM VỤ', 'STT\tNội dung\tThời gian', '1\tTuyên truyền\tQuý I/2026', '2\tKiểm tra\tNăm 2026', 'II. TỔ CHỨC THỰC HIỆN', 'Các sở thực hiện./.'].join('\n'));
    expect(plan.tables).toHaveLength(1);
    expect(plan.tables[0]!).toMatchObject({ sectionPath: ['I'], columnRoles: ['label', 'task', 'deadline'] });
    expect(plan.tables[0]!.rows.map((r) => [r.sectionPath.join('/'), r.cells.join('|')])).toEqual([
      ['I', 'STT|Nội dung|Thời gian'],
      ['I/1', '1|Tuyên truyền|Quý I/2026'],
      ['I/2', '2|Kiểm tra|Năm 2026'],
    ]);
  });
});

describe('readTextFlow: cell-per-line rules on small texts', () => {
  const header = ['STT', '', 'Nội dung', '', 'Cơ quan chủ trì', '', 'Kinh phí', ''];

  it('opens rows only where the numbering goes on or restarts under a group; a number in another cell is a cell', () => {
    const text = [...header, 'A', '', 'NHIỆM VỤ CHUNG', '', '1', '', 'Tuyên truyền', '', 'Sở Tư pháp', '', '20', '', '2', '', 'Kiểm tra', '', 'Thanh tra tỉnh', '', '5', '', 'B', '', 'NHIỆM VỤ RIÊNG', '', '1', '', 'Báo cáo', '', 'Văn phòng', '', '3'].join('\n');
    const [table] = tablesOf(read(encode(text)).flow);
    expect(table!.rows.slice(1).map((r) => r.cells.map(textOf))).toEqual([
      ['A', 'NHIỆM VỤ CHUNG'],
      ['1', 'Tuyên truyền', 'Sở Tư pháp', '20'],
      ['2', 'Kiểm tra', 'Thanh tra tỉnh', '5'],
      ['B', 'NHIỆM VỤ RIÊNG'],
      ['1', 'Báo cáo', 'Văn phòng', '3'],
    ]);
  });

  it('puts the blocks a row has too many of into its last cell', () => {
    const text = [...header, '1', '', 'Tuyên truyền', '', 'Sở Tư pháp', '', '20', '', 'Ghi thêm'].join('\n');
    const [table] = tablesOf(read(encode(text)).flow);
    expect(table!.rows[1]!.cells.map(textOf)).toEqual(['1', 'Tuyên truyền', 'Sở Tư pháp', '20 Ghi thêm']);
    expect(table!.rows[1]!.cells[3]!.blocks).toHaveLength(2);
  });

  it('ends at a section marker, the appendix heading or "Nơi nhận", which stay outside', () => {
    for (const next of ['II. TỔ CHỨC THỰC HIỆN', 'PHỤ LỤC II', 'Nơi nhận:']) {
      const { flow } = read(encode([...header, '1', '', 'Tuyên truyền', '', 'Sở Tư pháp', '', next, 'Nội dung tiếp.'].join('\n')));
      expect(tablesOf(flow)).toHaveLength(1);
      expect(lineTexts(flow).filter((t) => t !== '')).toEqual([next, 'Nội dung tiếp.']);
    }
  });

  it('ends before a block of running prose', () => {
    const prose = [
      'Các cơ quan, đơn vị được giao nhiệm vụ chủ động triển khai thực hiện, định kỳ báo cáo kết quả',
      'về Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm để tổng hợp.',
    ];
    const { flow } = read(encode([...header, '1', '', 'Tuyên truyền', '', 'Sở Tư pháp', '', ...prose].join('\n')));
    expect(tablesOf(flow)[0]!.rows).toHaveLength(2);
    expect(lineTexts(flow).filter((t) => t !== '')).toEqual(prose);
  });

  it('drops the titles repeated after a page break and goes on as one table', () => {
    const text = [...header, '1', '', 'Tuyên truyền', '', 'Sở Tư pháp', '', '20', '', '\f2', 'STT', '', 'Nội dung', '', '2', '', 'Kiểm tra', '', 'Thanh tra', '', '5'].join('\n');
    const { flow, furniture } = read(encode(text));
    const [table] = tablesOf(flow);
    expect(tablesOf(flow)).toHaveLength(1);
    expect(table!.rows.slice(1).map((r) => r.cells.map(textOf))).toEqual([
      ['1', 'Tuyên truyền', 'Sở Tư pháp', '20'],
      ['2', 'Kiểm tra', 'Thanh tra', '5'],
    ]);
    // The form-fed page number stays furniture.
    expect(furnitureOutsideTables(flow, furniture).map((f) => f.text)).toEqual(['2']);
  });

  it('takes a short caption just above the titles for text, not for a column', () => {
    const { flow } = read(encode(['BẢNG PHÂN CÔNG', ...header, '1', '', 'Tuyên truyền', '', 'Sở Tư pháp', '', '20'].join('\n')));
    expect(lineTexts(flow)).toEqual(['BẢNG PHÂN CÔNG']);
    expect(tablesOf(flow)[0]!.columnCount).toBe(4);
  });

  it('wants three different known column titles: one title repeated is text', () => {
    expect(tablesOf(read(encode('Nội dung\nNội dung\nNội dung\nNội dung')).flow)).toEqual([]);
  });

  it('wants three or more column titles: two short titled lines are text', () => {
    expect(tablesOf(read(encode('STT\n\nNội dung\n\n1\n\nTuyên truyền')).flow)).toEqual([]);
  });
});
