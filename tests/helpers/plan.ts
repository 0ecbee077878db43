import { parseText, type PlanDocument } from '../../src/index.js';

/**
 * Wraps body lines in the header, type name and closing every plan has, so
 * that an extractor case reads one sentence in the context it appears in.
 * The plan year is 2026 and the issue date 05/01/2026.
 */
export function planWith(...bodyLines: string[]): PlanDocument {
  const text = [
    'ỦY BAN NHÂN DÂN',
    'TỈNH THỬ NGHIỆM',
    'Số: 12/KH-UBND',
    'Thử Nghiệm, ngày 05 tháng 01 năm 2026',
    'KẾ HOẠCH',
    'Thực hiện công tác thử nghiệm năm 2026',
    '',
    ...bodyLines,
    './.',
    'Nơi nhận:',
    '- Như trên;',
    '- Lưu: VT.',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn A',
  ].join('\n');
  return parseText(text, { name: 'case.txt' });
}

/** A plan whose first part holds the given items under "1.". */
export function planWithItems(...items: string[]): PlanDocument {
  return planWith('I. NHIỆM VỤ', '1. Nội dung', ...items);
}
