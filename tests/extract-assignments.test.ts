import { describe, expect, it } from 'vitest';
import { agencyKey } from '../src/lexicon/agencies.js';
import { splitAgencyList } from '../src/extract/assignments.js';
import type { PlanDocument } from '../src/index.js';
import { planWith, planWithItems } from './helpers/plan.js';

const roles = (document: PlanDocument) => document.assignments.map((a) => [a.sectionPath.join('/'), a.agency, a.role, a.requested]);

/** A plan with a first part and an implementation part holding the given lines. */
const implementationPart = (...lines: string[]) => planWith('I. NHIỆM VỤ', '1. Chung', '- Tuyên truyền pháp luật.', 'II. TỔ CHỨC THỰC HIỆN', ...lines);

describe('agency lists', () => {
  it.each([
    ['Sở Giáo dục và Đào tạo, Sở Y tế', ['Sở Giáo dục và Đào tạo', 'Sở Y tế']],
    ['các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, phường', ['các sở, ban, ngành tỉnh', 'Ủy ban nhân dân các xã, phường']],
    ['Sở Văn hóa, Thể thao và Du lịch; Công an tỉnh', ['Sở Văn hóa, Thể thao và Du lịch', 'Công an tỉnh']],
    ['Bộ Chỉ huy Quân sự tỉnh (Ban Chỉ huy Bộ đội Biên phòng), Công an tỉnh', ['Bộ Chỉ huy Quân sự tỉnh (Ban Chỉ huy Bộ đội Biên phòng)', 'Công an tỉnh']],
  ])('%s', (list, agencies) => {
    expect(splitAgencyList(list)).toEqual(agencies);
  });
});

describe('agency keys', () => {
  it('gives spelling variants of one body one key', () => {
    expect(agencyKey('Sở Khoa học - Công nghệ')).toBe(agencyKey('Sở Khoa học và Công nghệ'));
    expect(agencyKey('UBND tỉnh')).toBe(agencyKey('Ủy ban nhân dân tỉnh'));
  });

  it('keeps different bodies apart', () => {
    expect(agencyKey('Sở Y tế')).not.toBe(agencyKey('Sở Tư pháp'));
    expect(agencyKey('Công an tỉnh')).toBe('cong-an-tinh');
  });
});

describe('assignment styles', () => {
  it('reads an agency-headed section and the roles its bullets give', () => {
    const document = implementationPart(
      '1. Công an tỉnh',
      '- Chủ trì, phối hợp với các sở, ban, ngành tỉnh triển khai Kế hoạch.',
      '- Tham mưu Ủy ban nhân dân tỉnh sơ kết, tổng kết.',
      '2. Sở Khoa học - Công nghệ',
      'Phối hợp với Công an tỉnh xây dựng cơ sở dữ liệu.',
    );
    expect(roles(document)).toEqual([
      ['II/1', 'Công an tỉnh', 'implement', false],
      ['II/1', 'Công an tỉnh', 'lead', false],
      ['II/1', 'Công an tỉnh', 'advise', false],
      ['II/2', 'Sở Khoa học - Công nghệ', 'implement', false],
      ['II/2', 'Sở Khoa học - Công nghệ', 'support', false],
    ]);
    expect(document.assignments[3]!.agencyKey).toBe(agencyKey('Sở Khoa học và Công nghệ'));
  });

  it('reads a parenthetical "(X chủ trì, phối hợp Y thực hiện)"', () => {
    const document = planWithItems('- Tổ chức tuyên truyền pháp luật (Sở Tư pháp chủ trì, phối hợp Sở Văn hóa, Thể thao và Du lịch thực hiện).');
    expect(roles(document)).toEqual([
      ['I/1', 'Sở Tư pháp', 'lead', false],
      ['I/1', 'Sở Văn hóa, Thể thao và Du lịch', 'support', false],
    ]);
  });

  it('reads labelled lines and links the task deadline', () => {
    const document = planWithItems(
      '- Rà soát đối tượng.',
      '+ Đơn vị chủ trì: Công an tỉnh.',
      '+ Đơn vị phối hợp: Sở Giáo dục và Đào tạo, Ủy ban nhân dân các xã, phường.',
      '+ Thời gian thực hiện: Trước ngày 30/6/2026.',
    );
    expect(roles(document)).toEqual([
      ['I/1', 'Công an tỉnh', 'lead', false],
      ['I/1', 'Sở Giáo dục và Đào tạo', 'support', false],
      ['I/1', 'Ủy ban nhân dân các xã, phường', 'support', false],
    ]);
    const deadline = document.deadlines.find((d) => d.date === '2026-06-30')!;
    expect(document.assignments.every((a) => a.deadlineId === deadline.id)).toBe(true);
  });

  it('reads "Giao X theo dõi, đôn đốc, kiểm tra" as monitor, not as a role of the section agency', () => {
    const document = implementationPart(
      '1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh phối hợp tuyên truyền.',
      'Giao Văn phòng UBND tỉnh theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này.',
    );
    expect(roles(document)).toEqual([
      ['II/1', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'implement', true],
      ['II/1', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'support', true],
      ['II/1', 'các tổ chức chính trị - xã hội tỉnh', 'implement', true],
      ['II/1', 'các tổ chức chính trị - xã hội tỉnh', 'support', true],
      ['II/1', 'Văn phòng UBND tỉnh', 'monitor', false],
    ]);
  });

  it('marks "Đề nghị X …" in a sentence as requested', () => {
    const document = implementationPart('1. Chung', 'Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh phối hợp thực hiện Kế hoạch này.');
    expect(roles(document)).toEqual([
      ['II/1', 'Viện kiểm sát nhân dân tỉnh', 'support', true],
      ['II/1', 'Tòa án nhân dân tỉnh', 'support', true],
    ]);
  });

  it('reads a real corpus parenthetical with a collective', () => {
    const document = planWithItems('- Tổ chức các hoạt động hưởng ứng (Công an thành phố chủ trì, phối hợp các sở, ban, ngành, địa phương thực hiện).');
    expect(roles(document)).toEqual([
      ['I/1', 'Công an thành phố', 'lead', false],
      ['I/1', 'các sở, ban, ngành, địa phương', 'support', false],
    ]);
  });
});
