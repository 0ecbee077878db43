import { parseText, type PlanDocument } from '../../src/index.js';

/** The header, type name and subject of a test plan: issued 05/01/2026, for the year 2026. */
export const PLAN_OPENING = ['ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'KẾ HOẠCH', 'Thực hiện công tác thử nghiệm năm 2026'];

/** The closing of a test plan: recipients and the signature. */
export const PLAN_CLOSING = ['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn A'];

/**
 * Wraps body lines in the header, type name and closing every plan has, so
 * that an extractor case reads one sentence in the context it appears in.
 * The plan year is 2026 and the issue date 05/01/2026.
 */
export function planWith(...bodyLines: string[]): PlanDocument {
  const text = [...PLAN_OPENING, '', ...bodyLines, './.', ...PLAN_CLOSING].join('\n');
  return parseText(text, { name: 'case.txt' });
}

/** A plan whose first part holds the given items under "1.". */
export function planWithItems(...items: string[]): PlanDocument {
  return planWith('I. NHIỆM VỤ', '1. Nội dung', ...items);
}

/** Every section as "path/joined:style", in document order. */
export function sectionPaths(document: PlanDocument): string[] {
  const out: string[] = [];
  const walk = (list: PlanDocument['sections']): void => list.forEach((s) => (out.push(`${s.path.join('/')}:${s.style}`), walk(s.children)));
  walk(document.sections);
  return out;
}
