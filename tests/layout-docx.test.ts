import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestDocx } from '../src/ingest/docx.js';
import { readDocxFlow } from '../src/layout/docx.js';
import { cleanLines, type FlowItem } from '../src/layout/lines.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { normalise } from '../src/normalise/normalise.js';
import { paragraphsOf, type Block, type Row, type Table } from '../src/tree.js';
import { buildDocx, cell, p, table } from './helpers/build-docx.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/** The DOCX reader as the layout stage runs it: ingest, normalise, clean, read. */
async function flowOf(bytes: Uint8Array): Promise<FlowItem[]> {
  return readDocxFlow(cleanLines(normalise(await ingestDocx(bytes, DEFAULT_LIMITS)).lines).lines);
}
const flowOfFixture = (name: string): Promise<FlowItem[]> => flowOf(readFileSync(join(fixtures, name)));

const tablesOf = (flow: FlowItem[]): Table[] => flow.flatMap((item) => (item.kind === 'table' ? [item.table] : []));
const linesOf = (flow: FlowItem[]): string[] => flow.flatMap((item) => (item.kind === 'line' ? [item.line.text] : []));
const textOf = (blocks: Block[]): string => [...paragraphsOf(blocks)].map((paragraph) => paragraph.text).join(' / ');
const rowTexts = (row: Row): string[] => row.cells.map((c) => textOf(c.blocks));
/** The text of the cell at grid `column` of a row. */
const at = (row: Row, column: number): string | undefined => {
  const found = row.cells.find((c) => c.column === column);
  return found && textOf(found.blocks);
};
/** The lines from `first` up to and including `last`. */
const between = (lines: string[], first: string, last: string): string[] => lines.slice(lines.indexOf(first), lines.indexOf(last) + 1);

describe('DOCX tables in the corpus', () => {
  it('reads the appendix task table of chuyen-doi-so-2025 as a table, group rows spanning the row', async () => {
    const flow = await flowOfFixture('chuyen-doi-so-2025.docx');
    const tables = tablesOf(flow);
    expect(tables).toHaveLength(1);
    const [tasks] = tables as [Table];
    expect(tasks).toMatchObject({ kind: 'table', page: null, columnCount: 6, headerRows: 1 });
    expect(tasks.rows).toHaveLength(20);
    expect(rowTexts(tasks.rows[0]!)).toEqual(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm']);

    // Group rows: the label, then one cell merged (gridSpan) over the five other columns.
    for (const [index, label, title] of [
      [1, 'I', 'CHÍNH QUYỀN SỐ'],
      [8, 'II', 'KINH TẾ SỐ'],
      [13, 'III', 'XÃ HỘI SỐ VÀ AN TOÀN THÔNG TIN MẠNG'],
    ] as const) {
      const row = tasks.rows[index]!;
      expect(row.cells.map((c) => [c.column, c.colSpan, c.rowSpan])).toEqual([
        [0, 1, 1],
        [1, 5, 1],
      ]);
      expect(rowTexts(row)).toEqual([label, title]);
    }

    const first = tasks.rows[2]!;
    expect([1, 2, 3, 4, 5].map((column) => at(first, column))).toEqual([
      'Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh, bảo đảm kết nối, đồng bộ với Cổng Dịch vụ công quốc gia',
      'Văn phòng Ủy ban nhân dân tỉnh',
      'Sở Khoa học và Công nghệ',
      'Quý II/2025',
      'Hệ thống được nâng cấp, vận hành ổn định',
    ]);
    expect(at(tasks.rows[19]!, 4)).toBe('Thường xuyên');
    expect(first.cells.every((c) => c.blocks.every((b) => b.kind === 'paragraph'))).toBe(true);

    // The table sits where the appendix puts it, after its title lines.
    const tableAt = flow.findIndex((item) => item.kind === 'table');
    const before = flow[tableAt - 1];
    expect(before?.kind === 'line' && before.line.text).toMatch(/^\(Kèm theo Kế hoạch số 45\/KH-UBND/);
  });

  it('still reads the header and signature tables of chuyen-doi-so-2025 as lines, column by column', async () => {
    const lines = linesOf(await flowOfFixture('chuyen-doi-so-2025.docx'));
    expect(lines.slice(0, 7)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH HÒA BÌNH',
      'Số: 45/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hòa Bình, ngày 08 tháng 4 năm 2025',
      'KẾ HOẠCH',
    ]);
    const closing = between(lines, 'Nơi nhận:', 'Nguyễn Đình Khoa');
    expect(closing.at(-5)).toBe('- Lưu: VT, KGVX (Ng).');
    expect(closing.slice(-4)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Đình Khoa']);
  });

  it('reads the schedule of le-hoi-du-lich as a four-column table', async () => {
    const flow = await flowOfFixture('le-hoi-du-lich.docx');
    const [schedule, ...rest] = tablesOf(flow);
    expect(rest).toEqual([]);
    expect(schedule).toMatchObject({ columnCount: 4, headerRows: 1 });
    expect(schedule!.rows).toHaveLength(7);
    expect(rowTexts(schedule!.rows[0]!)).toEqual(['Thời gian', 'Nội dung', 'Địa điểm', 'Đơn vị thực hiện']);
    expect(rowTexts(schedule!.rows[1]!)).toEqual(['06 giờ 00 ngày 29/4/2025', 'Giải Việt dã ven biển Hải Tiên mở rộng năm 2025', 'Đường Hoàng Sa - Trường Sa', 'Sở Văn hóa, Thể thao và Du lịch']);
    expect(schedule!.rows[6]!.cells.map((c) => c.column)).toEqual([0, 1, 2, 3]);

    const lines = linesOf(flow);
    expect(lines.slice(0, 6)).toEqual(['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HẢI TIÊN', 'Số: 86/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hải Tiên, ngày 25 tháng 3 năm 2025']);
    expect(between(lines, 'Nơi nhận:', 'Võ Minh Tâm').slice(-3)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Võ Minh Tâm']);
  });

  it.each(['hcmc-2026.docx', 'hue-2026.docx', 'tan-binh-2025.docx'])('keeps every line of %s, its layout tables read column by column', async (name) => {
    const document = normalise(await ingestDocx(readFileSync(join(fixtures, name)), DEFAULT_LIMITS));
    const cleaned = cleanLines(document.lines).lines;
    const flow = readDocxFlow(cleaned);
    expect(tablesOf(flow)).toEqual([]);
    expect(flow).toHaveLength(cleaned.length);
    // Within each layout table: column 0 first, then column 1.
    const byTable = new Map<number, number[]>();
    for (const item of flow) {
      const position = item.kind === 'line' ? item.line.origin.cell : null;
      if (position) byTable.set(position.table, [...(byTable.get(position.table) ?? []), position.column]);
    }
    expect(byTable.size).toBeGreaterThan(0);
    for (const columns of byTable.values()) expect(columns).toEqual([...columns].sort((a, b) => a - b));
  });

  it('reads tan-binh-2025 recipients before the signer, as before', async () => {
    const lines = linesOf(await flowOfFixture('tan-binh-2025.docx'));
    expect(lines).toContain('Tân Bình, ngày 12 tháng 3 năm 2025');
    expect(between(lines, 'Nơi nhận:', '- Lưu: VT, Tổ TH(NC).')).toEqual([
      'Nơi nhận:',
      '- CQTT Ban Chỉ đạo 138/TP;',
      '- TTQU; TTUBND/Q ;',
      '- Đ/c Trưởng BCD138/TP;',
      '- Các thành viên BCD 138/Q;',
      '- Ban Chỉ đạo 138 15 phường;',
      '- Văn phòng UBND Quận;',
      '- Lưu: VT, Tổ TH(NC).',
    ]);
  });
});

describe('DOCX tables built by the test', () => {
  const header = [[p('STT')], [p('Nội dung nhiệm vụ')], [p('Cơ quan chủ trì')], [p('Thời gian hoàn thành')]];

  it('puts cells after a vertical merge in their grid columns', async () => {
    const flow = await flowOf(
      await buildDocx({
        body: [
          table([
            header,
            [cell([p('Nhóm A')], { vMerge: 'restart' }), [p('Tuyên truyền')], [p('Sở Tư pháp')], [p('Quý I/2026')]],
            [cell([p('')], { vMerge: 'continue' }), [p('Tập huấn')], [p('Sở Nội vụ')], [p('Quý II/2026')]],
            [[p('Nhóm B')], [p('Kiểm tra')], [p('Thanh tra tỉnh')], [p('Quý IV/2026')]],
          ]),
        ],
      }),
    );
    const [tasks] = tablesOf(flow);
    expect(tasks).toMatchObject({ columnCount: 4, headerRows: 1 });
    expect(tasks!.rows[1]!.cells[0]).toMatchObject({ column: 0, rowSpan: 2, colSpan: 1 });
    expect(tasks!.rows[2]!.cells.map((c) => [c.column, textOf(c.blocks)])).toEqual([
      [1, 'Tập huấn'],
      [2, 'Sở Nội vụ'],
      [3, 'Quý II/2026'],
    ]);
    expect(tasks!.rows[3]!.cells.map((c) => c.column)).toEqual([0, 1, 2, 3]);
  });

  it('gives a cell merged over two grid columns colSpan 2, and keeps columns right past an empty cell', async () => {
    const flow = await flowOf(
      await buildDocx({
        body: [
          table([
            header,
            [[p('I')], cell([p('CÔNG TÁC TUYÊN TRUYỀN')], { gridSpan: 2 }), [p('Năm 2026')]],
            [[p('Nhóm A')], [], [p('Sở Tư pháp')], [p('Quý I/2026')]],
          ]),
        ],
      }),
    );
    const [tasks] = tablesOf(flow);
    expect(tasks!.rows[1]!.cells.map((c) => [c.column, c.colSpan, textOf(c.blocks)])).toEqual([
      [0, 1, 'I'],
      [1, 2, 'CÔNG TÁC TUYÊN TRUYỀN'],
      [3, 1, 'Năm 2026'],
    ]);
    expect(tasks!.rows[2]!.cells.map((c) => [c.column, textOf(c.blocks)])).toEqual([
      [0, 'Nhóm A'],
      [2, 'Sở Tư pháp'],
      [3, 'Quý I/2026'],
    ]);
  });

  it('keeps a nested table inside its cell, between the cell paragraphs', async () => {
    const nested = table([
      [[p('Đợt 1')], [p('Tháng 3/2026')]],
      [[p('Đợt 2')], [p('Tháng 9/2026')]],
    ]);
    const flow = await flowOf(
      await buildDocx({
        body: [
          p('Bảng phân công:'),
          table([header, [[p('Nhóm A')], [p('Kiểm tra liên ngành'), nested, p('Báo cáo sau mỗi đợt.')], [p('Công an tỉnh')], [p('Năm 2026')]]]),
          p('Kết thúc bảng.'),
        ],
      }),
    );
    expect(flow.map((item) => item.kind)).toEqual(['line', 'table', 'line']);
    const [outer] = tablesOf(flow);
    const holder = outer!.rows[1]!.cells.find((c) => c.column === 1)!;
    expect(holder.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const inner = holder.blocks[1] as Table;
    expect(inner).toMatchObject({ kind: 'table', columnCount: 2, headerRows: 0 });
    expect(inner.rows.map(rowTexts)).toEqual([
      ['Đợt 1', 'Tháng 3/2026'],
      ['Đợt 2', 'Tháng 9/2026'],
    ]);
    expect(textOf(holder.blocks)).toBe('Kiểm tra liên ngành / Đợt 1 / Tháng 3/2026 / Đợt 2 / Tháng 9/2026 / Báo cáo sau mỗi đợt.');
  });

  it('reads a 2×2 header-style table column by column, as lines', async () => {
    const flow = await flowOf(
      await buildDocx({
        body: [
          table([
            [[p('ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM')], [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), p('Độc lập - Tự do - Hạnh phúc')]],
            [[p('Số: 12/KH-UBND')], [p('Thử Nghiệm, ngày 05 tháng 01 năm 2026')]],
          ]),
          p('KẾ HOẠCH'),
        ],
      }),
    );
    expect(tablesOf(flow)).toEqual([]);
    expect(linesOf(flow)).toEqual([
      'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM',
      'Số: 12/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thử Nghiệm, ngày 05 tháng 01 năm 2026',
      'KẾ HOẠCH',
    ]);
  });

  it('keeps a small body table without column words a table: only the header and signature blocks are read as lines', async () => {
    const flow = await flowOf(await buildDocx({ body: [p('Chỉ tiêu năm 2026:'), table([[[p('Tỷ lệ hồ sơ trực tuyến')], [p('80%')]], [[p('Số xã đạt chuẩn')], [p('12 xã')]]])] }));
    expect(tablesOf(flow)).toEqual([expect.objectContaining({ columnCount: 2, headerRows: 0 })]);
    expect(linesOf(flow)).toEqual(['Chỉ tiêu năm 2026:']);
  });

  it('reads a small table with a row of column words as a table, not as a layout block', async () => {
    const flow = await flowOf(await buildDocx({ body: [table([[[p('STT')], [p('Nội dung')], [p('Thời gian')]], [[p('I')], [p('Tập huấn')], [p('Quý I/2026')]]])] }));
    expect(tablesOf(flow)).toEqual([expect.objectContaining({ columnCount: 3, headerRows: 1 })]);
  });

  it('counts a two-level header and a row numbering the columns as header rows', async () => {
    const flow = await flowOf(
      await buildDocx({
        body: [
          table([
            [cell([p('STT')], { vMerge: 'restart' }), cell([p('Nội dung')], { vMerge: 'restart' }), cell([p('Thời gian')], { gridSpan: 2 })],
            [cell([p('')], { vMerge: 'continue' }), cell([p('')], { vMerge: 'continue' }), [p('Bắt đầu')], [p('Kết thúc')]],
            [[p('(1)')], [p('(2)')], [p('(3)')], [p('(4)')]],
            [[p('I')], [p('Tập huấn')], [p('01/3/2026')], [p('30/6/2026')]],
          ]),
        ],
      }),
    );
    const [schedule] = tablesOf(flow);
    expect(schedule).toMatchObject({ columnCount: 4, headerRows: 3 });
    expect(schedule!.rows[1]!.cells.map((c) => [c.column, textOf(c.blocks)])).toEqual([
      [2, 'Bắt đầu'],
      [3, 'Kết thúc'],
    ]);
  });
});
