import { describe, expect, it } from 'vitest';
import { columnRole, deadlineContextOfColumn, isHeaderRow } from '../src/lexicon/columns.js';
import { readdirSync, readFileSync } from 'node:fs';
import { BY, BY_WORD, EVENT, EVENT_WORD, isTimePhrase } from '../src/lexicon/dates.js';
import { parseAppendixHeading } from '../src/lexicon/parts.js';

describe('table column words', () => {
  it.each([
    ['STT', 'label'],
    ['Nội dung nhiệm vụ', 'task'],
    ['Nội dung thực hiện', 'task'],
    ['Tên dự án', 'task'],
    ['Cơ quan chủ trì', 'lead'],
    ['Đơn vị chủ trì thực hiện', 'lead'],
    ['Chủ đầu tư', 'lead'],
    ['Cơ quan phối hợp', 'support'],
    ['Đơn vị thực hiện', 'implement'],
    ['Trách nhiệm thực hiện', 'implement'],
    ['THỜI GIAN HOÀN THÀNH', 'deadline'],
    ['Thời gian thực hiện', 'deadline'],
    ['Kết quả thực hiện', 'product'],
    ['Sản phẩm', 'product'],
    ['Dự kiến kinh phí thực hiện', 'budget'],
    ['Nguồn vốn', 'budget'],
    ['Chỉ tiêu thực hiện', 'target'],
    ['Địa điểm', 'place'],
    ['Ghi chú', 'note'],
    ['Đơn giá', 'other'],
  ])('reads "%s" as %s, by its head noun', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });

  it('takes a header row by its column words, not any row of short cells', () => {
    expect(isHeaderRow(['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian'])).toBe(true);
    expect(isHeaderRow(['1', 'Tuyên truyền pháp luật', 'Sở Tư pháp', 'Quý I/2026'])).toBe(false);
    expect(isHeaderRow(['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'])).toBe(false);
  });

  it('tells completion from execution in a time column', () => {
    expect(deadlineContextOfColumn('Thời gian hoàn thành')).toBe('completion');
    expect(deadlineContextOfColumn('Thời gian thực hiện')).toBe('execution');
    expect(deadlineContextOfColumn('Thời gian')).toBe('none');
  });
});

describe('appendix headings', () => {
  it.each([
    ['PHỤ LỤC I', 'Phụ lục I', ''],
    ['Phụ lục số 02', 'Phụ lục 02', ''],
    ['PHỤ LỤC', 'Phụ lục', ''],
    ['Phụ lục II: Danh mục dự án', 'Phụ lục II', 'Danh mục dự án'],
    ['Phụ lục 1. DANH MỤC NHIỆM VỤ', 'Phụ lục 1', 'DANH MỤC NHIỆM VỤ'],
    ['BIỂU 01', 'Biểu 01', ''],
  ])('reads "%s" as %s', (text, label, rest) => {
    expect(parseAppendixHeading(text)).toEqual({ label, rest });
  });

  it.each(['Phụ lục I kèm theo Kế hoạch này', 'BIỂU MẪU BÁO CÁO', 'Biểu dương các tập thể', 'Phụ lục'.toLowerCase()])('does not read "%s" as a heading', (text) => {
    expect(parseAppendixHeading(text)).toBeNull();
  });
});

describe('time phrases', () => {
  it.each(['Quý II/2025', 'Trước 30/6/2025', 'Thường xuyên', 'Tháng 9/2025', 'Năm 2025', 'Hằng quý'])('"%s" is a time phrase', (text) => {
    expect(isTimePhrase(text)).toBe(true);
  });
  it.each(['Sở Y tế', 'Báo cáo kết quả', '100 học viên', 'Quyết định phê duyệt Kiến trúc'])('"%s" is not', (text) => {
    expect(isTimePhrase(text)).toBe(false);
  });
});

describe('word tests that let the deadline reader skip a paragraph', () => {
  // Every sentence where BY or EVENT matches must hold its word; otherwise a deadline would be silently lost.
  const sentences = readdirSync(new URL('../fixtures/', import.meta.url))
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').split('\n'))
    .concat(['Hoàn thành TRƯỚC ngày 30/6/2026', 'chậm nhất là ngày 15/12', 'không muộn hơn tháng 9/2026', 'Hạn chót là ngày 01/10', 'hạn cuối 5/5', 'đến hết năm 2026', 'muộn nhất ngày 3/3', 'Lễ ra mắt ngày 02/9/2026', 'KHAI MẠC lúc 19 giờ 30 ngày 30/4/2025']);
  it.each([
    ['BY', BY, BY_WORD],
    ['EVENT', EVENT, EVENT_WORD],
  ] as const)('%s: every match holds the word', (_, pattern, word) => {
    const matching = sentences.filter((s) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(s));
    expect(matching.length).toBeGreaterThanOrEqual(3);
    expect(matching.filter((s) => !word.test(s))).toEqual([]);
  });
});
