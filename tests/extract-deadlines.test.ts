import { describe, expect, it } from 'vitest';
import { readPeriod } from '../src/extract/deadlines.js';
import { readFileSync } from 'node:fs';
import { parseText } from '../src/index.js';
import { PLAN_CLOSING, PLAN_OPENING, planWithItems } from './helpers/plan.js';

const deadlinesOf = (...items: string[]) => planWithItems(...items).deadlines;
const shape = (d: { kind: string; date: string | null; start: string | null; end: string | null }) => [d.kind, d.date, d.start, d.end];

describe('date expressions', () => {
  it.each([
    ['ngày 12 tháng 3 năm 2025', '2025-03-12', '2025-03-12'],
    ['12/3/2025', '2025-03-12', '2025-03-12'],
    ['07-01-2026', '2026-01-07', '2026-01-07'],
    ['14/6', '2026-06-14', '2026-06-14'],
    ['tháng 9/2026', '2026-09-01', '2026-09-30'],
    ['tháng 2 năm 2028', '2028-02-01', '2028-02-29'],
    ['quý I/2024', '2024-01-01', '2024-03-31'],
    ['quý III', '2026-07-01', '2026-09-30'],
    ['quý 4 năm 2026', '2026-10-01', '2026-12-31'],
    ['06 tháng đầu năm', '2026-01-01', '2026-06-30'],
    ['6 tháng cuối năm 2027', '2027-07-01', '2027-12-31'],
    ['năm 2027', '2027-01-01', '2027-12-31'],
  ])('%s', (expression, start, end) => {
    expect(readPeriod(expression, 2026)).toMatchObject({ start, end });
  });

  it.each(['31/2/2026', '30 tháng 2 năm 2026', 'tháng 13/2026', 'quý V'])('rejects the impossible date %s', (expression) => {
    expect(readPeriod(expression, 2026)).toBeNull();
  });
});

describe('deadline kinds', () => {
  it.each([
    ['- Hoàn thành trước ngày 25/3/2026.', ['by', '2026-03-25', null, null]],
    ['- Báo cáo chậm nhất ngày 15 tháng 12 năm 2026.', ['by', '2026-12-15', null, null]],
    ['- Gửi báo cáo trước ngày 14/6.', ['by', '2026-06-14', null, null]],
    ['- Tổ chức ra quân vào ngày 26/3/2026.', ['on', '2026-03-26', null, null]],
    ['- Cao điểm từ 01/7/2026 đến 30/9/2026.', ['range', null, '2026-07-01', '2026-09-30']],
    ['- Cao điểm từ ngày 01/7/2026 đến hết ngày 30/9/2026.', ['range', null, '2026-07-01', '2026-09-30']],
    ['- Triển khai trong tháng 7 đến tháng 9/2026.', ['range', null, '2026-07-01', '2026-09-30']],
    // Completion within a period is due by its last day (output contract, "Periods as deadlines").
    ['- Hoàn thành trong Quý II/2026.', ['by', '2026-06-30', null, null]],
    ['- Sơ kết trong 06 tháng đầu năm 2026.', ['range', null, '2026-01-01', '2026-06-30']],
    ['- Thực hiện từ ngày 01 tháng 02 năm 2026 đến hết năm 2026.', ['range', null, '2026-02-01', '2026-12-31']],
  ])('%s', (sentence, expected) => {
    const found = deadlinesOf(sentence);
    expect(found.map(shape)).toEqual([expected]);
  });

  it('reads "Thời gian thực hiện: Thường xuyên" as ongoing', () => {
    const [deadline] = deadlinesOf('- Tuyên truyền pháp luật.', '+ Thời gian thực hiện: Thường xuyên.');
    expect(deadline).toMatchObject({ kind: 'ongoing', text: 'Thời gian thực hiện: Thường xuyên' });
  });

  it('reads the recurrences a report lists', () => {
    const [deadline] = deadlinesOf('- Báo cáo định kỳ hằng quý, 6 tháng và năm.');
    expect(deadline).toMatchObject({ kind: 'recurring', recurrence: ['quarterly', 'semiannual', 'annual'] });
    const [monthly] = deadlinesOf('- Các đơn vị báo cáo hằng tháng.');
    expect(monthly).toMatchObject({ kind: 'recurring', recurrence: ['monthly'] });
  });

  it('reads a recurrence whose periods each carry a date, and the dates beside it', () => {
    const deadlines = deadlinesOf('- Báo cáo định kỳ 6 tháng (trước ngày 10/6/2026) và năm (trước ngày 10/12/2026) về Sở Khoa học và Công nghệ để tổng hợp.');
    expect(deadlines.map((d) => [d.kind, d.date, d.recurrence])).toEqual([
      ['recurring', null, ['semiannual', 'annual']],
      ['by', '2026-06-10', null],
      ['by', '2026-12-10', null],
    ]);
    expect(deadlines[0]!.text).toBe('định kỳ 6 tháng (trước ngày 10/6/2026) và năm (trước ngày 10/12/2026)');
  });

  it('reads the recurrences of a real corpus sentence', () => {
    const [deadline] = deadlinesOf('2. Định kỳ hằng quý I, 06 tháng, 01 năm, các đơn vị, địa phương báo cáo kết quả.');
    expect(deadline).toMatchObject({ kind: 'recurring', recurrence: ['quarterly', 'semiannual', 'annual'] });
  });

  it('names what is due when the sentence says it', () => {
    const [deadline] = deadlinesOf('- Tổ chức tuyên truyền trước ngày 25/3/2026.');
    expect(deadline!.subject).toBe('Tổ chức tuyên truyền');
  });

  it('warns about a date inferred before the issue date', () => {
    const document = planWithItems('- Hoàn thành trước ngày 02/01.');
    expect(document.deadlines[0]!.date).toBe('2026-01-02');
    expect(document.warnings.map((w) => w.code)).toContain('DEADLINE_BEFORE_ISSUE_DATE');
  });
});

describe('dates that are not deadlines', () => {
  it.each([
    '- Thường xuyên kiểm tra, đôn đốc các đơn vị.',
    '- Hưởng ứng Ngày toàn dân phòng, chống ma túy - 26/6.',
    '- Tiếp tục thực hiện trong giai đoạn 2026 - 2030.',
    '- Thực hiện Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ.',
  ])('%s', (sentence) => {
    expect(deadlinesOf(sentence)).toEqual([]);
  });

  it('leaves the header date alone', () => {
    expect(planWithItems('- Tổ chức thực hiện.').deadlines).toEqual([]);
  });
});

describe('a schedule table whose rows plain text printed line by line (le-hoi-du-lich.txt)', () => {
  const plan = parseText(readFileSync(new URL('../fixtures/le-hoi-du-lich.txt', import.meta.url), 'utf8'), { name: 'le-hoi-du-lich.txt' });
  const inSchedule = plan.deadlines.filter((d) => d.sectionPath.join('/') === 'III/1');

  it('reads each row’s dates although other columns’ words stand between them', () => {
    expect(inSchedule.map(shape)).toEqual([
      ['on', '2025-04-29', null, null],
      ['range', null, '2025-04-29', '2025-05-03'],
      ['on', '2025-04-30', null, null],
      ['on', '2025-05-01', null, null],
      ['on', '2025-05-02', null, null],
      ['on', '2025-05-03', null, null],
      ['on', '2025-05-04', null, null],
    ]);
  });

  it('takes the cells that list only agencies for the table’s one agency column', () => {
    const agencies = plan.assignments.filter((a) => a.sectionPath.join('/') === 'III/1').map((a) => `${a.agency}|${a.role}`);
    expect(agencies).toEqual(
      expect.arrayContaining(['Sở Công Thương|implement', 'Hiệp hội Du lịch thành phố|implement', 'Bộ Chỉ huy Quân sự thành phố|implement', 'Ủy ban nhân dân quận Sơn Thủy|implement', 'Trung tâm Văn hóa - Điện ảnh thành phố|implement']),
    );
    expect(agencies.some((a) => a.startsWith('Quảng trường'))).toBe(false);
  });
});

describe('row-spanning cells of a table with a time column', () => {
  const header = ['Thời gian', '', 'Nội dung', '', 'Địa điểm', '', 'Đơn vị thực hiện', ''];
  const schedule = (...rows: string[]) => parseText([...PLAN_OPENING, '', 'I. CHƯƠNG TRÌNH', '1. Các hoạt động chính', ...header, ...rows, '', 'II. TỔ CHỨC THỰC HIỆN', '- Các đơn vị triển khai thực hiện.', './.', ...PLAN_CLOSING].join('\n'), { name: 'case.txt' });

  it('leaves past dates (an anniversary) and bare years in a topic’s words alone', () => {
    const plan = schedule('Mít tinh kỷ niệm 50 năm Ngày Giải phóng 30/4/1975 Quảng trường năm 2026', '', 'Sở Văn hóa, Thể thao và Du lịch');
    expect(plan.deadlines.filter((d) => d.sectionPath[0] === 'I')).toEqual([]);
  });

  it('reads a date ahead of the issue date in the same place as the row’s day', () => {
    const plan = schedule('Mít tinh kỷ niệm 50 năm Ngày Giải phóng 30/4/2026 Quảng trường năm 2026', '', 'Sở Văn hóa, Thể thao và Du lịch');
    expect(plan.tables).toHaveLength(1);
    expect(plan.deadlines.filter((d) => d.sectionPath[0] === 'I').map(shape)).toEqual([['on', '2026-04-30', null, null]]);
  });
});
