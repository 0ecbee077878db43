import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, scoreDocument, type GoldDocument } from '../src/eval/score.js';
import { parse, parseText, type PlanDocument } from '../src/index.js';
import { PLAN_CLOSING, PLAN_OPENING, planWith, sectionPaths } from './helpers/plan.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

const paths = sectionPaths;

describe('numbering of every issuer', () => {
  it('takes "Phần I" / "Phần thứ hai" as a level above I, II, with their titles as headings', () => {
    const document = planWith('Phần I. ĐÁNH GIÁ KẾT QUẢ NĂM 2025', 'I. KẾT QUẢ ĐẠT ĐƯỢC', '1. Quy mô', 'Phần thứ hai', 'NHIỆM VỤ NĂM 2026', 'I. NHIỆM VỤ TRỌNG TÂM', '1. Giáo dục mầm non');
    expect(paths(document)).toEqual(['Phần I:part', 'Phần I/I:roman', 'Phần I/I/1:arabic', 'Phần thứ hai:part', 'Phần thứ hai/I:roman', 'Phần thứ hai/I/1:arabic']);
    expect(document.sections[0]!.heading).toBe('ĐÁNH GIÁ KẾT QUẢ NĂM 2025');
  });

  it('reads Party numbering "I-", "1-", "a-" as levels', () => {
    const document = planWith('I- MỤC ĐÍCH, YÊU CẦU', '1- Mục đích', 'a- Quán triệt sâu sắc nghị quyết.', 'b- Tổ chức thực hiện nghiêm túc.', 'II- NHIỆM VỤ', '1- Công tác tuyên truyền');
    expect(paths(document)).toEqual(['I:roman', 'I/1:arabic', 'I/1/a:alpha', 'I/1/b:alpha', 'II:roman', 'II/1:arabic']);
  });

  it('does not take "Phần lớn …" or "Phần mềm …" for a part', () => {
    const document = planWith('I. NHIỆM VỤ', 'Phần lớn các xã đã hoàn thành.', 'Phần mềm quản lý được nâng cấp.');
    expect(paths(document)).toEqual(['I:roman']);
  });

  it('counts two labels below the "Phần" labels when scoring', () => {
    const document = planWith('Phần II. NHIỆM VỤ', 'I. CHỈ TIÊU', '1. Mầm non', '- Tỷ lệ huy động trẻ ra lớp đạt 100%.');
    const score = scoreDocument(document, {
      metadata: {},
      sections: [],
      targets: [{ path: ['Phần II', 'I', '1'], value: 100, valueMax: null, unit: '%', comparator: 'eq' }],
      deadlines: [],
      legalReferences: [],
      assignments: [],
    });
    expect(score.types.targets.tp).toBe(1);
  });
});

describe('results reported in an evaluation part', () => {
  it('are not targets; the commitments of the next part are', () => {
    const document = planWith('Phần I. ĐÁNH GIÁ KẾT QUẢ NĂM HỌC 2024 - 2025', 'I. KẾT QUẢ ĐẠT ĐƯỢC', 'Tỷ lệ trẻ ra lớp đạt 98,7%.', 'Phần II. NHIỆM VỤ NĂM HỌC 2025 - 2026', 'I. CHỈ TIÊU', '- Tỷ lệ trẻ ra lớp đạt từ 99% trở lên; trẻ từ 3 đến 5 tuổi được học 2 buổi/ngày.');
    expect(document.targets.map((t) => [t.sectionPath.join('/'), t.value, t.unit, t.comparator])).toEqual([['Phần II/I', 99, '%', 'gte']]);
  });
});

describe('task tables: cells by their column roles', () => {
  for (const format of ['docx', 'pdf']) {
    it(`chuyen-doi-so-2025.${format}: a row gives lead and support assignments, a deadline by its column's context, and one task`, async () => {
      const document = await parse(join(fixtures, `chuyen-doi-so-2025.${format}`));
      const row = ['Phụ lục I', 'I', '3'];
      const at = (path: string[]): string => path.join('/');
      expect(document.assignments.filter((a) => at(a.sectionPath) === at(row)).map((a) => [a.agency, a.role])).toEqual([
        ['Sở Khoa học và Công nghệ', 'lead'],
        ['Các sở, ban, ngành', 'support'],
      ]);
      // "Thời gian hoàn thành": a period is due by its last day.
      const quarter = document.deadlines.find((d) => at(d.sectionPath) === 'Phụ lục I/I/1')!;
      expect(quarter).toMatchObject({ text: 'Quý II/2025', kind: 'by', date: '2025-06-30' });
      const task = document.tasks.find((t) => at(t.sectionPath) === at(row))!;
      expect(task).toMatchObject({ text: 'Xây dựng Kho dữ liệu dùng chung của tỉnh', lead: ['Sở Khoa học và Công nghệ'], support: ['Các sở, ban, ngành'], product: 'Kho dữ liệu dùng chung được đưa vào vận hành', budget: null });
      expect(document.deadlines.find((d) => d.id === task.deadlineId)).toMatchObject({ kind: 'by', date: '2025-06-30' });
      // Group rows are headings, not units of work: 16 rows, 16 table tasks.
      expect(document.tasks.filter((t) => t.sectionPath[0] === 'Phụ lục I')).toHaveLength(16);
    });
  }

  it('le-hoi-du-lich.docx: a schedule gives "on" deadlines with their times of day, and its implementers', async () => {
    const document = await parse(join(fixtures, 'le-hoi-du-lich.docx'));
    const schedule = document.deadlines.filter((d) => d.sectionPath.join('/') === 'III/1');
    expect(schedule.map((d) => [d.text, d.kind, d.date ?? `${d.start}..${d.end}`])).toEqual([
      ['06 giờ 00 ngày 29/4/2025', 'on', '2025-04-29'],
      ['Từ ngày 29/4 đến ngày 03/5/2025', 'range', '2025-04-29..2025-05-03'],
      ['19 giờ 30 ngày 30/4/2025', 'on', '2025-04-30'],
      ['15 giờ 00 ngày 01/5/2025', 'on', '2025-05-01'],
      ['Ngày 02/5', 'on', '2025-05-02'],
      ['ngày 03/5/2025', 'on', '2025-05-03'],
      ['20 giờ 00 ngày 04/5/2025', 'on', '2025-05-04'],
    ]);
    expect(document.assignments.filter((a) => a.sectionPath.join('/') === 'III/1' && a.role === 'implement').map((a) => a.agency)).toContain('Trung tâm Văn hóa - Điện ảnh thành phố');
  });

  it('a unit of work that names its own lead in labelled lines is a task, with its time line as deadline', () => {
    const document = parseText(
      [
        ...PLAN_OPENING,
        'I. NHIỆM VỤ',
        '1. Trưng bày, triển lãm ảnh',
        '+ Thời gian thực hiện: từ ngày 28/4/2026 đến ngày 04/5/2026.',
        '+ Đơn vị chủ trì: Bảo tàng tỉnh.',
        '+ Đơn vị phối hợp: Hội Văn học Nghệ thuật tỉnh và Báo Thử Nghiệm.',
        '2. Sở Y tế: bảo đảm công tác y tế./.',
        ...PLAN_CLOSING,
      ].join('\n'),
    );
    expect(document.tasks.map((t) => [t.sectionPath.join('/'), t.lead, t.support])).toEqual([['I/1', ['Bảo tàng tỉnh'], ['Hội Văn học Nghệ thuật tỉnh', 'Báo Thử Nghiệm']]]);
    expect(document.deadlines.find((d) => d.id === document.tasks[0]!.deadlineId)).toMatchObject({ kind: 'range', start: '2026-04-28', end: '2026-05-04' });
  });
});

describe('scoring units', () => {
  it('folds case, tone marks and the spaces around "/", and lets a unit agree with its head noun', async () => {
    const { unitsAgree } = await import('../src/eval/score.js');
    expect(unitsAgree('tổ cấp', 'tổ')).toBe(true);
    expect(unitsAgree('đoàn famtrip', 'đoàn')).toBe(true);
    expect(unitsAgree('buổi / ngày', 'buổi/ngày')).toBe(true);
    expect(unitsAgree('Sản phẩm OCOP', 'sản phẩm')).toBe(true);
    expect(unitsAgree('tổng', 'tổ')).toBe(false);
    expect(unitsAgree('%', '%/năm')).toBe(false);
  });
});

describe('targets of every domain', () => {
  const targetsOf = (...items: string[]): Array<[number, string, string]> =>
    planWith('I. CHỈ TIÊU', '1. Chỉ tiêu cụ thể', ...items).targets.map((t) => [t.value, t.unit, t.comparator]);

  it('reads counts after a verb that adds what they count, and floors with "từ … trở lên"', () => {
    expect(targetsOf('- Có thêm 03 trường đạt chuẩn quốc gia; tuyển dụng bổ sung 24 giáo viên.')).toEqual([
      [3, 'trường', 'eq'],
      [24, 'giáo viên', 'eq'],
    ]);
    expect(targetsOf('- Điểm trung bình các môn đạt từ 6,0 điểm trở lên.')).toEqual([[6, 'điểm', 'gte']]);
    expect(targetsOf('- Số doanh nghiệp công nghệ số tăng 1,2 lần so với năm 2024.')).toEqual([[1.2, 'lần', 'eq']]);
  });

  it('reads a ranking as unit "hạng", at most that rank', () => {
    expect(targetsOf('- Chỉ số DTI của tỉnh nằm trong nhóm 20 tỉnh, thành phố dẫn đầu cả nước.')).toEqual([[20, 'hạng', 'lte']]);
  });

  it('takes no age, and no count that only describes', () => {
    expect(targetsOf('- Trẻ từ 3 đến 5 tuổi được học 2 buổi/ngày; toàn tỉnh có 15 phường.')).toEqual([]);
  });
});

describe('who must do what, in any part', () => {
  it('reads an agency clause with "chủ trì" as lead and its partners as support, and the clause as a task', () => {
    const document = planWith('I. KINH PHÍ', '2. Sở Tài chính chủ trì, phối hợp Sở Văn hóa, Thể thao và Du lịch xây dựng dự toán, trình phê duyệt trước ngày 10/4/2026.');
    expect(document.assignments.map((a) => [a.sectionPath.join('/'), a.agency, a.role])).toEqual([
      ['I/2', 'Sở Tài chính', 'lead'],
      ['I/2', 'Sở Văn hóa, Thể thao và Du lịch', 'support'],
    ]);
    expect(document.tasks.map((t) => [t.sectionPath.join('/'), t.lead, t.support])).toEqual([['I/2', ['Sở Tài chính'], ['Sở Văn hóa, Thể thao và Du lịch']]]);
    expect(document.deadlines.find((d) => d.id === document.tasks[0]!.deadlineId)).toMatchObject({ kind: 'by', date: '2026-04-10' });
  });

  it('reads each segment of a parenthesis on its own: a deadline after it does not hide the lead, a monitor among them', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Hạ tầng số',
      '- Mở rộng vùng phủ sóng 4G (Sở Khoa học và Công nghệ chủ trì, phối hợp với các doanh nghiệp viễn thông thực hiện; hoàn thành trước ngày 30/9/2026).',
      '- Phổ cập kỹ năng số (Ủy ban nhân dân các huyện thực hiện; Sở Khoa học và Công nghệ hướng dẫn, theo dõi, đôn đốc, kiểm tra).',
    );
    expect(document.assignments.map((a) => [a.agency, a.role])).toEqual([
      ['Sở Khoa học và Công nghệ', 'lead'],
      ['các doanh nghiệp viễn thông', 'support'],
      ['Ủy ban nhân dân các huyện', 'implement'],
      ['Sở Khoa học và Công nghệ', 'monitor'],
    ]);
    expect(document.tasks[0]).toMatchObject({ lead: ['Sở Khoa học và Công nghệ'], support: ['các doanh nghiệp viễn thông'] });
  });
});

describe('deadlines of programmes and school years', () => {
  it('reads the dates of a programme\'s events as "on" deadlines', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Kế hoạch thời gian', '- Tựu trường ngày 01/9/2026 (riêng lớp 1 tựu trường ngày 25/8/2026), khai giảng ngày 05/9/2026; khai mạc lúc 19 giờ 30 ngày 30/4/2026.');
    expect(document.deadlines.map((d) => [d.kind, d.date])).toEqual([
      ['on', '2026-09-01'],
      ['on', '2026-08-25'],
      ['on', '2026-09-05'],
      ['on', '2026-04-30'],
    ]);
  });
});

describe('plan year and period from the title', () => {
  it.each([
    ['Thực hiện nhiệm vụ năm học 2025 - 2026', 2025, { start: 2025, end: 2026 }],
    ['Chuyển đổi số giai đoạn 2026 - 2030', null, { start: 2026, end: 2030 }],
    ['THỰC HIỆN CÔNG TÁC PHÒNG, CHỐNG TỘI PHẠM NĂM 2026', 2026, null],
    ['Tổ chức Lễ hội Du lịch biển', null, null],
  ])('"%s" → %s, %j', async (title, planYear, planPeriod) => {
    const { planYearAndPeriod } = await import('../src/lexicon/dates.js');
    expect(planYearAndPeriod(title, 2025)).toEqual({ planYear, planPeriod });
  });
});

describe('headers as web copies give them', () => {
  const body = ['I. MỤC ĐÍCH', 'Bảo đảm an ninh trật tự.', 'II. NHIỆM VỤ', 'Tổ chức tuyên truyền pháp luật./.', ...PLAN_CLOSING];

  it('reads a plan whose "KẾ HOẠCH" line was dropped: the type from the number, the subject after the header', () => {
    const document = parseText(['ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'Thực hiện công tác thử nghiệm năm 2026', ...body].join('\n'));
    expect(document.metadata).toMatchObject({ documentType: 'KH', number: '12/KH-UBND', place: 'Thử Nghiệm', issuedDate: '2026-01-05', title: 'Thực hiện công tác thử nghiệm năm 2026', planYear: 2026 });
    expect(sectionPaths(document)).toEqual(['I:roman', 'II:roman']);
  });

  it('reads "KẾ HOẠCH <SUBJECT>" printed on one line in capitals', () => {
    const document = parseText([...PLAN_OPENING.slice(0, 4), 'KẾ HOẠCH THỰC HIỆN CÔNG TÁC THỬ NGHIỆM NĂM 2026', ...body].join('\n'));
    expect(document.metadata).toMatchObject({ documentType: 'KH', title: 'THỰC HIỆN CÔNG TÁC THỬ NGHIỆM NĂM 2026', planYear: 2026 });
  });
});

describe('the issuer', () => {
  it('is the top-left block, parent line first, never a piece of the motto', () => {
    const document = parseText(
      ['CỘNG HÒA XÃ HỘI', 'ỦY BAN NHÂN DÂN', 'CHỦ NGHĨA VIỆT NAM', 'TỈNH THỬ NGHIỆM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'KẾ HOẠCH', 'Thực hiện công tác thử nghiệm năm 2026', 'I. NHIỆM VỤ', 'Các sở thực hiện./.', ...PLAN_CLOSING].join('\n'),
    );
    expect(document.metadata.issuer).toBe('ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM');
  });
});

describe('rules that must not misfire', () => {
  it('keeps "Phần I: …" inside a section as text, not a part', () => {
    const document = planWith('I. NỘI DUNG', '1. Cấu trúc đề', 'Phần I: Trắc nghiệm khách quan (7,0 điểm).', 'Phần II: Tự luận (3,0 điểm).', '2. Thời gian làm bài', 'II. TỔ CHỨC THỰC HIỆN', '1. Các trường thực hiện.');
    expect(sectionPaths(document)).toEqual(['I:roman', 'I/1:arabic', 'I/2:arabic', 'II:roman', 'II/1:arabic']);
  });

  it('ends a header without a type line at its own place and date, not at a date in the legal basis', () => {
    const document = parseText(
      ['ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'Thực hiện công tác thử nghiệm năm 2026', 'Căn cứ Kết luận của Tỉnh ủy tại buổi làm việc ở Thử Nghiệm, ngày 10 tháng 12 năm 2025;', 'I. NHIỆM VỤ', 'Các sở thực hiện./.', ...PLAN_CLOSING].join('\n'),
    );
    expect(document.metadata).toMatchObject({ place: 'Thử Nghiệm', issuedDate: '2026-01-05', title: 'Thực hiện công tác thử nghiệm năm 2026' });
  });

  it('does not break a sentence at a place and date inside it', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Tuyên truyền', '- Triển khai Kết luận của Hội nghị tổ chức tại Thành phố Huế, ngày 12 tháng 3 năm 2026', 'đến toàn thể cán bộ (Sở Nội vụ chủ trì, phối hợp Sở Tư pháp thực hiện).');
    expect(document.text).toContain('ngày 12 tháng 3 năm 2026 đến toàn thể cán bộ');
  });
});

describe('counter-examples from review: descriptions, names and past events stay what they are', () => {
  it('takes no target from a ranking that is not a goal, a frequency, a budget or a count after a name', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Nội dung',
      '- Tập trung vào nhóm 3 tỉnh có tỷ lệ mắc sốt xuất huyết cao nhất cả nước.',
      '- Thực hiện dạy học 2 buổi/ngày đối với các lớp; bố trí 2.150 triệu đồng từ ngân sách xã.',
      '- Phối hợp với Ủy ban nhân dân 15 phường thực hiện tuyên truyền.',
    );
    expect(document.targets).toEqual([]);
  });

  it('takes the count a clause\'s opening verb works on, its unit never running into the next verb', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Nội dung', '- Cứng hóa 3,5 km đường giao thông nông thôn; hỗ trợ xây dựng 05 căn nhà đại đoàn kết; chuyển đổi 25 ha đất trồng lúa.', '- Toàn tỉnh đạt 33 giường bệnh/vạn dân, 12 bác sĩ/vạn dân; tỷ lệ mắc sởi dưới 1 ca/100.000 dân; không dưới 20% đảng viên; ≥ 95% trẻ được tiêm chủng.');
    expect(document.targets.map((t) => [t.value, t.unit, t.comparator])).toEqual([
      [3.5, 'km đường', 'eq'],
      [5, 'căn nhà', 'eq'],
      [25, 'ha đất', 'eq'],
      [33, 'giường bệnh/vạn dân', 'eq'],
      [12, 'bác sĩ/vạn dân', 'eq'],
      [1, 'ca/100.000 dân', 'lt'],
      [20, '%', 'gte'],
      [95, '%', 'gte'],
    ]);
  });

  it('keeps the targets of a part whose heading sets out what is to be reached', () => {
    const document = planWith('I. KẾT QUẢ CẦN ĐẠT', '- Tỷ lệ tiêm chủng đạt 95%.', 'II. ĐÁNH GIÁ TÌNH HÌNH NĂM 2025 VÀ NHIỆM VỤ NĂM 2026', '- Phấn đấu 100% hồ sơ được xử lý trực tuyến.');
    expect(document.targets.map((t) => t.value)).toEqual([95, 100]);
  });

  it('keeps "chương trình" and "công trình" inside agency names, and "chặt chẽ với" out of partner names', () => {
    const names = planWith('I. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Điều phối chương trình mục tiêu quốc gia tỉnh: theo dõi, tổng hợp kết quả.');
    expect(names.assignments[0]?.agency).toBe('Văn phòng Điều phối chương trình mục tiêu quốc gia tỉnh');
    const partners = planWith('I. NHIỆM VỤ', '1. Tuần tra', '- Tổ chức tuần tra (Công an tỉnh chủ trì, phối hợp chặt chẽ với lực lượng chức năng thực hiện).');
    expect(partners.assignments.map((a) => [a.agency, a.role])).toEqual([['Công an tỉnh', 'lead']]);
  });

  it('takes no past or commemorated event for a deadline', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Kỷ niệm', '- Tổ chức kỷ niệm 50 năm ngày khai giảng ngày 05/9/1975; lễ hội đã khai mạc ngày 02/01/2026.');
    expect(document.deadlines).toEqual([]);
  });
});

describe('school-year plans', () => {
  it('date months 8–12 in the first year and 1–7 in the second', () => {
    const opening = [...PLAN_OPENING.slice(0, 5), 'Thực hiện nhiệm vụ năm học 2025 - 2026'];
    const document = parseText([...opening, 'I. NHIỆM VỤ', '1. Báo cáo', '- Báo cáo sơ kết trước ngày 15/01; hoàn thành kiểm định trước ngày 30/9.', ...PLAN_CLOSING].join('\n'));
    expect(document.metadata).toMatchObject({ planYear: 2025, planPeriod: { start: 2025, end: 2026 } });
    expect(document.deadlines.map((d) => d.date)).toEqual(['2026-01-15', '2025-09-30']);
  });

  it('date a range whose year is printed only at its end across the new year', () => {
    const opening = [...PLAN_OPENING.slice(0, 5), 'Thực hiện nhiệm vụ năm học 2025 - 2026'];
    const document = parseText([...opening, 'I. NHIỆM VỤ', '1. Bồi dưỡng học sinh giỏi từ tháng 10 đến tháng 3/2026.', ...PLAN_CLOSING].join('\n'));
    expect(document.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([['range', '2025-10-01', '2026-03-31']]);
  });
});

describe('agency cells', () => {
  it('name no one by a filler, drop a trailing "theo chức năng …", and mark a request without keeping its verb', async () => {
    const { listedAgencies } = await import('../src/extract/assignments.js');
    expect(listedAgencies('Như trên')).toEqual([]);
    expect(listedAgencies('x')).toEqual([]);
    expect(listedAgencies('Các sở, ban, ngành theo chức năng, nhiệm vụ được giao')).toEqual(['Các sở, ban, ngành']);
    expect(listedAgencies('Sở Tài chính; Hiệp hội Doanh nghiệp tỉnh')).toEqual(['Sở Tài chính', 'Hiệp hội Doanh nghiệp tỉnh']);
  });
});

describe('lists that spell out a body in brackets', () => {
  it('keep the body named before "(bao gồm: …)" and the agencies after it', () => {
    const document = planWith('I. TỔ CHỨC THỰC HIỆN', '1. Căn cứ Kế hoạch này, Thủ trưởng các sở, ban, ngành Thành phố (bao gồm: Công an Thành phố, Sở Y tế), Ủy ban nhân dân cấp xã xây dựng Kế hoạch triển khai thực hiện.');
    expect(document.assignments.map((a) => a.agency)).toEqual(['Thủ trưởng các sở, ban, ngành Thành phố', 'Ủy ban nhân dân cấp xã']);
  });
});

describe('a lead clause with partners, one of them requested', () => {
  it('gives every partner support, and marks the one after "đề nghị" as requested', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Tuyên truyền', 'Giao Sở Tư pháp chủ trì, phối hợp Ủy ban nhân dân các xã, phường và đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh thực hiện, hoàn thành trước ngày 30/6/2026.');
    expect(document.assignments.map((a) => [a.agency, a.role, a.requested])).toEqual([
      ['Sở Tư pháp', 'lead', false],
      ['Ủy ban nhân dân các xã, phường', 'support', false],
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'support', true],
    ]);
  });

  it('ends an agency name before "theo nhiệm vụ …" and before the verb of its duty', () => {
    const document = planWith('I. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ theo nhiệm vụ được phân công theo dõi, đôn đốc việc thực hiện Kế hoạch này.', '2. Sở Tài chính bố trí kinh phí thực hiện.');
    expect(document.assignments.map((a) => [a.agency, a.role])).toEqual([
      ['Sở Nội vụ', 'implement'],
      ['Sở Nội vụ', 'monitor'],
      ['Sở Tài chính', 'implement'],
    ]);
  });
});

describe('a "Thời gian hoàn thành:" line', () => {
  it('is due by the last day of the period it names, as a completion column would be', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Rà soát thủ tục hành chính', 'Thời gian hoàn thành: Quý II/2026.', '2. Tuyên truyền', 'Thời gian thực hiện: Quý III/2026.');
    expect(document.deadlines.map((d) => [d.kind, d.date, d.start, d.end])).toEqual([
      ['by', '2026-06-30', null, null],
      ['range', null, '2026-07-01', '2026-09-30'],
    ]);
  });
});

describe('duties read by grammar, not by position alone', () => {
  it('gives the closing remark "Trên đây là Kế hoạch …" no duties', () => {
    const document = planWith('I. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện.', 'Trên đây là Kế hoạch thực hiện công tác thử nghiệm năm 2026. Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện.');
    expect(document.assignments.map((a) => a.agency)).toEqual(['Sở Nội vụ', 'Sở Nội vụ']);
  });

  it('takes "phối hợp" as the heading agency\'s duty only when it is the item\'s own verb', () => {
    const document = planWith(
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Sở Văn hóa',
      '- Căn cứ chức năng, nhiệm vụ được giao phối hợp Công an tỉnh tuyên truyền phòng ngừa tội phạm.',
      '2. Tỉnh Đoàn',
      '- Tiếp tục phát động phong trào huy động đoàn viên ở cơ sở phối hợp với các lực lượng chức năng bóc xóa quảng cáo sai quy định.',
    );
    expect(document.assignments.map((a) => [a.agency, a.role])).toEqual([
      ['Sở Văn hóa', 'implement'],
      ['Sở Văn hóa', 'support'],
      ['Tỉnh Đoàn', 'implement'],
    ]);
  });

  it('reads a subject after an order in the same paragraph, and no object after "Định kỳ tham mưu cho"', () => {
    const document = planWith(
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Căn cứ Kế hoạch này, yêu cầu Thủ trưởng các sở, ngành xây dựng kế hoạch cụ thể; các đơn vị còn lại tổ chức phổ biến nội dung Kế hoạch.',
      '2. Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, kiểm tra, đôn đốc việc thực hiện. Định kỳ tham mưu cho Ban Chỉ đạo tỉnh báo cáo kết quả.',
    );
    expect(document.assignments.map((a) => [a.agency, a.role])).toEqual([
      ['Thủ trưởng các sở, ngành', 'implement'],
      ['các đơn vị còn lại', 'implement'],
      // The sentence after the order has no subject of its own: it is the ordered body's.
      ['Văn phòng Ủy ban nhân dân tỉnh', 'advise'],
      ['Văn phòng Ủy ban nhân dân tỉnh', 'monitor'],
    ]);
  });

  it('names the body reports go to without the deadline between', () => {
    const document = planWith('I. TỔ CHỨC THỰC HIỆN', '1. Các sở, ngành lập dự toán kinh phí gửi Sở Tài chính trước ngày 15/7/2026 để tổng hợp, tham mưu Ủy ban nhân dân tỉnh.');
    expect(document.assignments.filter((a) => a.role === 'advise').map((a) => a.agency)).toEqual(['Sở Tài chính']);
  });
});

describe('anniversaries', () => {
  it('are no deadline: a span opening decades before the plan', () => {
    const document = planWith('I. MỤC ĐÍCH', '- Chào mừng kỷ niệm 50 năm Ngày Giải phóng miền Nam (30/4/1975 - 30/4/2025), tổ chức từ ngày 29/4/2026 đến ngày 04/5/2026.');
    expect(document.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([['range', '2026-04-29', '2026-05-04']]);
  });
});

describe('plans of other issuers and domains (fixtures/domains)', () => {
  const domains = join(fixtures, 'domains');
  const domainGold = (name: string) => JSON.parse(readFileSync(join(domains, 'gold', `${name}.gold.json`), 'utf8')) as GoldDocument;
  // Measured: every entity type at least 0.95 F1 in every format, but the commune plan's text, whose body table pdftotext
  // prints with one row's cells out of order: its tasks 0.8, its deadlines 0.94.
  for (const name of ['huyen-uy-chuyen-doi-so', 'y-te-tiem-chung', 'xa-nong-thon-moi']) {
    for (const format of ['txt', 'pdf', 'docx']) {
      it(`${name}.${format} scores at least 0.95 F1 on every entity type, with all metadata`, async () => {
        const score = scoreDocument(await parse(join(domains, `${name}.${format}`)), domainGold(name));
        for (const type of ENTITY_TYPES) {
          const scrambled = format === 'txt' && name === 'xa-nong-thon-moi';
          const floor = scrambled && type === 'tasks' ? 0.8 : scrambled && type === 'deadlines' ? 0.9 : 0.95;
          expect(score.types[type].f1, type).toBeGreaterThanOrEqual(floor);
        }
        expect(score.metadata.correct).toBe(score.metadata.total);
      });
    }
  }

  it('reads the Party plan\'s "I-", "1-", "a-" levels, its number without a colon and its "T/M" signature', async () => {
    const document = await parse(join(domains, 'huyen-uy-chuyen-doi-so.docx'));
    expect(paths(document).slice(0, 4)).toEqual(['I:roman', 'I/1:arabic', 'I/2:arabic', 'II:roman']);
    expect(document.metadata).toMatchObject({ number: '58-KH/HU', issuer: 'ĐẢNG BỘ TỈNH PHÚ THỌ HUYỆN ỦY LẠC HƯNG', signer: { authority: 'TM.', onBehalfOf: 'BAN THƯỜNG VỤ' } });
    expect(document.metadata.title).toBe('đẩy mạnh chuyển đổi số trong hệ thống chính trị huyện năm 2026');
  });
});

describe('headers as web copies and converters give them', () => {
  const body = ['KẾ HOẠCH', 'Thực hiện chuyển đổi số năm 2025', 'I. MỤC ĐÍCH', '1. Phấn đấu 90% hồ sơ được xử lý trực tuyến.'];
  const expected = { number: '120/KH-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN', place: 'Thái Nguyên', issuedDate: '2025-05-15' };

  it('reads a header set out as a pipe table, column by column', () => {
    const header = ['| ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |', '| Số: 120/KH-UBND | Độc lập - Tự do - Hạnh phúc |', '| | Thái Nguyên, ngày 15 tháng 5 năm 2025 |', ''];
    const document = parseText([...header, ...body].join('\n'), { name: 'pipes.txt' });
    expect(document.metadata).toMatchObject(expected);
    expect(document.tables).toEqual([]);
  });

  it('reads a header merged into one line', () => {
    const header = ['ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 120/KH-UBND Thái Nguyên, ngày 15 tháng 5 năm 2025'];
    expect(parseText([...header, ...body].join('\n'), { name: 'merged.txt' }).metadata).toMatchObject(expected);
  });

  it('rejoins a place and a title wrapped mid-name', () => {
    const header = ['ỦY BAN NHÂN DÂN', 'TỈNH THÁI NGUYÊN', 'Số: 120/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Thái', 'Nguyên, ngày 15 tháng 5 năm 2025', 'KẾ HOẠCH', 'THỰC', 'HIỆN CHUYỂN ĐỔI SỐ NĂM 2025'];
    const document = parseText([...header, ...body.slice(2)].join('\n'), { name: 'wrapped.txt' });
    expect(document.metadata).toMatchObject({ ...expected, title: 'THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2025', planYear: 2025 });
  });
});

describe('counter-examples from review of the rules above', () => {
  it('takes no target from labels, measures, past results or an order\'s scope', () => {
    const document = planWith(
      'I. NHIỆM VỤ',
      '1. Nội dung',
      '- Học sinh lớp 9 tham gia kỳ thi tuyển sinh.',
      '- Tiêm mũi 2 vắc xin sởi cho trẻ.',
      '- Hướng dẫn 15 phường thực hiện.',
      '- Sửa đổi khoản 2 điều 3 quy chế.',
      '- Diện tích 25 ha; quy mô 200 người.',
      '- Năm 2025, đã tổ chức 120 lớp tập huấn.',
      '- Quận 1 tổ chức ra quân.',
      '- Đạt 90%; 15 phường còn lại thực hiện sau.',
    );
    expect(document.targets.map((t) => [t.value, t.unit])).toEqual([[90, '%']]);
  });

  it('keeps a body table whose column is titled "Nơi nhận" a table', () => {
    const table = ['| STT | Nội dung báo cáo | Đơn vị thực hiện | Nơi nhận | Thời gian hoàn thành |', '|---|---|---|---|---|', '| 1 | Báo cáo sơ kết | Sở Y tế | Sở Nội vụ | Trước ngày 15/6/2026 |'];
    const document = planWith('I. CHẾ ĐỘ BÁO CÁO', ...table, 'II. TỔ CHỨC THỰC HIỆN', '1. Các sở, ngành thực hiện.');
    expect(document.tables).toHaveLength(1);
    expect(document.deadlines.map((d) => d.date)).toEqual(['2026-06-15']);
    expect(document.sections.map((s) => s.path.join('/'))).toEqual(['I', 'II']);
  });

  it('reads Party symbols whose issuer starts like the type code as printed, and a past span of work', () => {
    const document = planWith('Căn cứ Báo cáo số 45-BC/BCĐ của Ban Chỉ đạo;', 'I. NHIỆM VỤ', '1. Rà soát hồ sơ từ ngày 01/10/2025 đến ngày 30/6/2026.');
    expect(document.legalReferences.map((r) => r.symbol)).toEqual(['45-BC/BCĐ']);
    expect(document.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([['range', '2025-10-01', '2026-06-30']]);
  });

  it('keeps names that hold a function word, and one office serving two bodies', () => {
    const document = planWith(
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Phòng Kế hoạch tổng hợp chủ trì, phối hợp Khoa Dược thực hiện.',
      '2. Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì triển khai.',
      '3. Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh chủ trì tổ chức tiếp công dân.',
    );
    const agencies = document.assignments.map((a) => a.agency);
    expect(agencies).toContain('Phòng Kế hoạch tổng hợp');
    expect(agencies).toContain('Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh');
    expect(agencies).not.toContain('Ủy ban nhân dân tỉnh');
  });

  it('keeps the orders and report dates of the closing remark, not its call to carry the plan out', () => {
    const document = planWith(
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Sở Nông nghiệp chủ trì triển khai.',
      'Trên đây là Kế hoạch năm 2026. Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện; giao Sở Nội vụ theo dõi, đôn đốc, kiểm tra; các đơn vị báo cáo trước ngày 15/12/2026.',
    );
    expect(document.deadlines.map((d) => d.date)).toEqual(['2026-12-15']);
    expect(document.assignments.map((a) => [a.agency, a.role])).toContainEqual(['Sở Nội vụ', 'monitor']);
    expect(document.assignments.map((a) => a.agency)).not.toContain('các cơ quan, đơn vị');
  });
});
