import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseText, type PlanDocument } from '../src/index.js';
import { sectionPaths } from './helpers/plan.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

const opening = ['ỦY BAN NHÂN DÂN', 'QUẬN THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'KẾ HOẠCH', 'Thực hiện công tác thử nghiệm năm 2026', ''];
const closing = ['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An'];

const paths = sectionPaths;

describe('ids and joins by position', () => {
  it('keeps the assignments of a part whose Roman numeral is printed twice', () => {
    const document = parseText(
      [
        ...opening,
        'I. MỤC TIÊU',
        'Bảo đảm an ninh trật tự.',
        'III. NHIỆM VỤ',
        '1. Công tác tuyên truyền',
        '- Tổ chức tuyên truyền pháp luật.',
        'III. TỔ CHỨC THỰC HIỆN',
        '1. Công an quận',
        '- Chủ trì, phối hợp các phòng, ban tổ chức thực hiện Kế hoạch.',
        '2. Phòng Tư pháp',
        '- Phối hợp Công an quận tuyên truyền pháp luật./.',
        ...closing,
      ].join('\n'),
    );
    expect(document.sections.map((s) => s.id)).toEqual(['s-I', 's-III', 's-III~2']);
    // The second "III." is an implementation part by its own heading, not by the first "III."'s.
    expect(document.assignments.map((a) => `${a.sectionPath.join('/')} ${a.agency} ${a.role}`)).toEqual([
      'III/1 Công an quận implement',
      'III/1 Công an quận lead',
      'III/2 Phòng Tư pháp implement',
      'III/2 Phòng Tư pháp support',
    ]);
    // The path is printed twice; the section id tells the parts apart.
    expect(document.assignments.map((a) => a.sectionId)).toEqual(['s-III.1~2', 's-III.1~2', 's-III.2', 's-III.2']);
    expect(document.sections[1]!.children[0]!.id).toBe('s-III.1');
  });
});

describe('appendices are parts after the signature', () => {
  const withAppendix = (appendix: string[]): PlanDocument =>
    parseText([...opening, 'I. NHIỆM VỤ', '1. Công an quận chủ trì thực hiện các nhiệm vụ tại Phụ lục I kèm theo Kế hoạch này./.', ...closing, ...appendix].join('\n'));

  it('ends the signature block where "PHỤ LỤC" begins: signer and recipients stay right', () => {
    const document = withAppendix(['PHỤ LỤC I', 'DANH MỤC NHIỆM VỤ NĂM 2026', '(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân quận)', 'Sở Y tế', 'Công an quận']);
    expect(document.metadata.signer).toEqual({ name: 'Nguyễn Văn An', position: 'CHỦ TỊCH', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' });
    expect(document.metadata.recipients).toEqual(['Như trên', 'Lưu: VT']);
    const appendix = document.sections.at(-1)!;
    expect(appendix).toMatchObject({ path: ['Phụ lục I'], style: 'appendix', heading: 'DANH MỤC NHIỆM VỤ NĂM 2026' });
    // The mention of "Phụ lục I" in the body is not an appendix.
    expect(paths(document)).toEqual(['I:roman', 'I/1:arabic', 'Phụ lục I:appendix']);
  });

  it('reads "Phụ lục số 02" and an unnumbered "PHỤ LỤC", each as its own appendix', () => {
    const document = withAppendix(['Phụ lục số 02', 'DANH MỤC DỰ ÁN', 'PHỤ LỤC', 'BIỂU MẪU BÁO CÁO', '1. Nội dung báo cáo', 'Báo cáo kết quả thực hiện.']);
    expect(paths(document)).toEqual(['I:roman', 'I/1:arabic', 'Phụ lục 02:appendix', 'Phụ lục:appendix', 'Phụ lục/1:arabic']);
  });
});

describe('appendices without a closing, and titled appendices', () => {
  it('opens an appendix that says what it is attached to, even where no "./." or signature precedes it', () => {
    const document = parseText([...opening, 'I. NHIỆM VỤ', 'Các đơn vị thực hiện theo Phụ lục I.', 'PHỤ LỤC I', 'DANH MỤC NHIỆM VỤ', '(Kèm theo Kế hoạch số 12/KH-UBND)', '1. Tuyên truyền pháp luật'].join('\n'));
    expect(paths(document)).toEqual(['I:roman', 'Phụ lục I:appendix', 'Phụ lục I/1:arabic']);
    expect(document.sections[1]!.heading).toBe('DANH MỤC NHIỆM VỤ');
  });

  it('splits "Phụ lục II: Danh mục dự án" off as its own appendix, and takes no sentence for a title', () => {
    const document = parseText(
      [...opening, 'I. NHIỆM VỤ', 'Các đơn vị thực hiện./.', ...closing, 'Phụ lục I', 'Các đơn vị được giao nhiệm vụ báo cáo kết quả.', 'Phụ lục II: Danh mục dự án', '1. Dự án số hóa'].join('\n'),
    );
    expect(paths(document)).toEqual(['I:roman', 'Phụ lục I:appendix', 'Phụ lục II:appendix', 'Phụ lục II/1:arabic']);
    expect(document.sections.map((s) => s.heading)).toEqual(['NHIỆM VỤ', null, 'Danh mục dự án']);
  });
});

describe('task tables come out as data', () => {
  it('ends a table\'s rows with the table: the text and the next table after it stand in their own sections', () => {
    const table = ['| STT | Nội dung | Thời gian |', '|---|---|---|', '| 1 | Tuyên truyền | Quý I/2026 |', '| 2 | Kiểm tra | Quý II/2026 |'];
    const document = parseText([...opening, 'II. NHIỆM VỤ', '1. Nhiệm vụ cụ thể', ...table, 'Sở Nội vụ tổng hợp kết quả trước ngày 15/12/2026.', ...table, 'III. TỔ CHỨC THỰC HIỆN', 'Các đơn vị thực hiện./.', ...closing].join('\n'));
    expect(document.tables.map((t) => [t.sectionPath.join('/'), t.rows.map((r) => r.sectionPath.join('/'))])).toEqual([
      ['II/1', ['II/1', 'II/1/1', 'II/1/2']],
      ['II/1', ['II/1', 'II/1/1', 'II/1/2']],
    ]);
    expect(document.deadlines.find((d) => d.date === '2026-12-15')!.sectionPath).toEqual(['II', '1']);
    // The rows of the second table are new sections with ids of their own.
    const rowIds = document.sections[0]!.children[0]!.children.map((s) => s.id);
    expect(rowIds).toEqual(['s-II.1.1', 's-II.1.2', 's-II.1.1~2', 's-II.1.2~2']);
  });

  for (const format of ['txt', 'pdf', 'docx']) {
    it(`chuyen-doi-so-2025.${format}: the appendix table's rows are sections under their group rows`, async () => {
      const document = await parse(join(fixtures, `chuyen-doi-so-2025.${format}`));
      const appendix = document.sections.find((s) => s.style === 'appendix')!;
      expect(appendix.path).toEqual(['Phụ lục I']);
      expect(appendix.children.map((s) => [s.path.join('/'), s.style, s.children.map((c) => c.path.at(-1))])).toEqual([
        ['Phụ lục I/I', 'row', ['1', '2', '3', '4', '5', '6']],
        ['Phụ lục I/II', 'row', ['7', '8', '9', '10']],
        ['Phụ lục I/III', 'row', ['11', '12', '13', '14', '15', '16']],
      ]);
      expect(appendix.children[0]!.heading).toBe('CHÍNH QUYỀN SỐ');
      expect(appendix.children[0]!.children[2]!.heading).toBe('Xây dựng Kho dữ liệu dùng chung của tỉnh');
      const table = document.tables.find((t) => t.sectionPath[0] === 'Phụ lục I')!;
      expect(table.columnRoles).toEqual(['label', 'task', 'lead', 'support', 'deadline', 'product']);
      const row1 = table.rows.find((r) => r.sectionPath.join('/') === 'Phụ lục I/I/1')!;
      expect(row1.cells[0]).toBe('1');
      expect(row1.cells[2]).toBe('Văn phòng Ủy ban nhân dân tỉnh');
      expect(row1.cells[4]).toBe('Quý II/2025');
      expect(document.metadata.signer.name).toBe('Nguyễn Đình Khoa');
    });
  }

  it('le-hoi-du-lich.docx: the schedule table in the body stands in its section, with its columns', async () => {
    const document = await parse(join(fixtures, 'le-hoi-du-lich.docx'));
    expect(document.tables).toHaveLength(1);
    expect(document.tables[0]).toMatchObject({ sectionPath: ['III', '1'], columnRoles: ['deadline', 'task', 'place', 'implement'] });
    expect(document.tables[0]!.rows.length).toBe(7);
  });
});

it('keeps page numbers and rules out of the text but in the source', () => {
  const text = readFileSync(join(fixtures, 'chuyen-doi-so-2025.txt'), 'utf8');
  expect(text).toMatch(/\n\s*7\s*\n\s*PHỤ LỤC I/);
  const document = parseText(text);
  expect(document.text).not.toMatch(/\n\s*7\s*\n\s*PHỤ LỤC I/);
  expect(document.text).toMatch(/Nguyễn Đình Khoa\nPHỤ LỤC I/);
});
