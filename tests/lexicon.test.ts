import { describe, expect, it } from 'vitest';
import { columnRole, deadlineContextOfColumn, isHeaderRow } from '../src/lexicon/columns.js';
import { isTimePhrase } from '../src/lexicon/dates.js';
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
