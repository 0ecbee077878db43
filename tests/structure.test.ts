import { describe, expect, it } from 'vitest';
import { planWith } from './helpers/plan.js';
import type { PlanDocument } from '../src/index.js';

const headings = (document: PlanDocument): Array<[string, string | null]> => {
  const out: Array<[string, string | null]> = [];
  const walk = (list: PlanDocument['sections']): void => list.forEach((s) => (out.push([s.path.join('/'), s.heading]), walk(s.children)));
  walk(document.sections);
  return out;
};

describe('section headings', () => {
  it('takes a stand-alone labelled paragraph as a title and a labelled sentence with a run-in colon as body', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Công tác tuyên truyền', '- Tổ chức tuyên truyền pháp luật.', '2. Kiểm tra: theo dõi việc thực hiện', '- Kiểm tra việc thực hiện.', '3. Sở Tư pháp: Chủ trì tuyên truyền pháp luật.');
    expect(headings(document)).toEqual([
      ['I', 'NHIỆM VỤ'],
      ['I/1', 'Công tác tuyên truyền'],
      ['I/2', null],
      ['I/3', 'Sở Tư pháp'],
    ]);
  });

  it('takes a line the text converter marked bold (**…**) as a title, whatever its punctuation', () => {
    const document = planWith('I. NHIỆM VỤ', '**2. Kiểm tra: theo dõi việc thực hiện**', '- Kiểm tra việc thực hiện.');
    expect(headings(document)).toEqual([
      ['I', 'NHIỆM VỤ'],
      ['I/2', 'Kiểm tra: theo dõi việc thực hiện'],
    ]);
    expect(document.text).not.toContain('*');
  });

  it('ends a paragraph where a bold line gives way to regular text', () => {
    const bold = planWith('I. NHIỆM VỤ', '**1. Kiểm tra, giám sát**', 'các sở, ngành kiểm tra việc thực hiện.');
    expect(bold.sections[0]!.children[0]!.heading).toBe('Kiểm tra, giám sát');
    expect(bold.sections[0]!.children[0]!.text).toMatch(/^1\. Kiểm tra, giám sát\ncác sở, ngành/);
    const regular = planWith('I. NHIỆM VỤ', '1. Kiểm tra, giám sát', 'các sở, ngành kiểm tra việc thực hiện.');
    expect(regular.sections[0]!.children[0]!.heading).toBeNull();
    expect(regular.sections[0]!.children[0]!.text).toMatch(/^1\. Kiểm tra, giám sát các sở, ngành/);
  });

  it('gives bold no weight in a plan whose running text is bold too', () => {
    const bullet = '**- Tổ chức tuyên truyền, phổ biến pháp luật về phòng, chống tội phạm cho Nhân dân trên địa bàn tỉnh.**';
    const document = planWith('I. NHIỆM VỤ', '**2. Kiểm tra: theo dõi việc thực hiện**', ...Array<string>(6).fill(bullet));
    expect(headings(document)).toContainEqual(['I/2', null]);
  });
});

describe('paragraph ends in plain text, where lines carry no indentation', () => {
  const assignmentsOf = (document: PlanDocument): string[] => document.assignments.map((a) => `${a.sectionPath.join('/')}|${a.agency}|${a.role}`);

  it('opens an item at a bullet before a capitalised word, even after a full heading line', () => {
    const document = planWith(
      'V. TỔ CHỨC THỰC HIỆN',
      '4. Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố trên địa bàn',
      '- Căn cứ Kế hoạch này, xây dựng kế hoạch chuyển đổi số năm 2026 của cơ quan, đơn',
      'vị, địa phương, hoàn thành trước ngày 30/4/2026.',
    );
    expect(headings(document)).toContainEqual(['V/4', 'Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố trên địa bàn']);
  });

  it('keeps a dash inside a wrapped compound ("chính trị" / "- xã hội") in the line before', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị',
      '- xã hội tỉnh phối hợp tuyên truyền, vận động Nhân dân tham gia thực hiện Kế hoạch.',
    );
    expect(document.sections[0]!.children[0]!.text).toContain('chính trị - xã hội tỉnh');
  });

  it('reads a period wrapped after its noun ("trong Quý" / "IV/2026.") as one sentence', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '- Đưa Trung tâm Giám sát, điều hành thông minh (IOC) của tỉnh vào vận hành chính thức',
      'kết nối dữ liệu từ các hệ thống thông tin chuyên ngành; hoàn thành trong Quý',
      'IV/2026.',
    );
    expect(document.deadlines.map((d) => `${d.kind}|${d.date}`)).toContain('by|2026-12-31');
  });

  it('continues a list of agencies after a label across a line ending in a semicolon', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Tuyên truyền, nâng cao nhận thức về chuyển đổi số',
      '+ Đơn vị chủ trì: Sở Khoa học và Công nghệ.',
      '+ Đơn vị phối hợp: Sở Văn hóa, Thể thao và Du lịch; các cơ quan báo chí của tỉnh;',
      'Ủy ban nhân dân các huyện, thành phố.',
    );
    expect(assignmentsOf(document)).toContain('I/1|Ủy ban nhân dân các huyện, thành phố|support');
  });

  it('continues a bracket left open at a semicolon: the agencies inside are one clause', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Xã hội số',
      '- Phổ cập kỹ năng số cho người dân; ưu tiên người cao tuổi, người dân tộc thiểu số, hộ',
      'kinh doanh cá thể (Ủy ban nhân dân các huyện, thành phố thực hiện;',
      'Sở Khoa học và Công nghệ hướng dẫn, theo dõi, đôn đốc, kiểm tra; thời gian thực',
      'hiện: thường xuyên).',
    );
    expect(assignmentsOf(document)).toEqual(expect.arrayContaining(['I/1|Ủy ban nhân dân các huyện, thành phố|implement', 'I/1|Sở Khoa học và Công nghệ|monitor']));
  });

  it('still ends a paragraph at a semicolon before a capital outside any label list or bracket', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Nội dung',
      'Tổ chức tuyên truyền sâu rộng trong cán bộ, đảng viên và các tầng lớp Nhân dân;',
      'Ủy ban nhân dân tỉnh giao Sở Tư pháp chủ trì thực hiện.',
    );
    const text = document.sections[0]!.children[0]!.text;
    expect(text).toContain('Nhân dân;\nỦy ban nhân dân tỉnh');
  });
});
