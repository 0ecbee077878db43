import { foldVietnamese } from '../text/vietnamese.js';

/**
 * Column words of task tables (domain-notes §2, output contract "Appendices
 * and task tables"): STT | Nội dung / Nhiệm vụ | Cơ quan chủ trì | Cơ quan
 * phối hợp | Thời gian hoàn thành | Sản phẩm | Kinh phí | Ghi chú, in any
 * order and subset. Matched on folded text (no tones, lower case), so
 * "THỜI GIAN HOÀN THÀNH" and "Thời gian hoàn thành" read alike.
 */
export type ColumnRole = 'label' | 'task' | 'lead' | 'support' | 'implement' | 'deadline' | 'product' | 'budget' | 'target' | 'place' | 'note' | 'other';

export const COLUMN_ROLES: readonly ColumnRole[] = ['label', 'task', 'lead', 'support', 'implement', 'deadline', 'product', 'budget', 'target', 'place', 'note', 'other'];

/**
 * Each role's words. A header is read by the word that comes first, its head
 * noun: "Nội dung thực hiện" is a task, "Kết quả thực hiện" a product,
 * "Thời gian thực hiện" a time, "Đơn vị thực hiện" an implementer.
 */
const COLUMN_WORDS: Array<{ role: ColumnRole; pattern: RegExp }> = [
  { role: 'label', pattern: /^(?:s[oố]\s*)?tt$|^stt$|^so thu tu$|^thu tu$/ },
  { role: 'deadline', pattern: /\b(?:thoi gian|thoi han|tien do|moc thoi gian|thoi diem)\b/ },
  { role: 'lead', pattern: /\b(?:chu tri|chu dau tu)\b/ },
  { role: 'support', pattern: /\bphoi hop\b/ },
  { role: 'implement', pattern: /\b(?:thuc hien|trien khai|trach nhiem)\b|^(?:co quan|don vi|bo phan)$/ },
  { role: 'budget', pattern: /\b(?:kinh phi|nguon von|nguon kinh phi|du toan|tong muc dau tu|von)\b/ },
  { role: 'product', pattern: /\b(?:san pham|ket qua|hinh thuc van ban)\b/ },
  { role: 'target', pattern: /\b(?:chi tieu|chi so|muc tieu)\b/ },
  { role: 'place', pattern: /\bdia diem\b/ },
  { role: 'note', pattern: /\bghi chu\b/ },
  { role: 'task', pattern: /\b(?:noi dung|nhiem vu|du an|de an|hoat dong|cong viec|ten)\b/ },
];

/** The role of a column from its header cell's words (the first known word decides); "other" when none is known. */
export function columnRole(header: string): ColumnRole {
  const folded = foldVietnamese(header).replace(/[^a-z0-9/ ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (folded === '') return 'other';
  let best: { role: ColumnRole; at: number } | null = null;
  for (const { role, pattern } of COLUMN_WORDS) {
    const at = folded.search(pattern);
    if (at >= 0 && (best === null || at < best.at)) best = { role, at };
  }
  return best?.role ?? 'other';
}

/**
 * Does a row read as a task table's header? At least two cells name a known
 * column, one of them the label or the task column.
 */
export function isHeaderRow(cells: string[]): boolean {
  const roles = cells.map(columnRole);
  const known = roles.filter((r) => r !== 'other').length;
  return known >= 2 && (roles.includes('label') || roles.includes('task'));
}

/**
 * What a time column says about its periods (output contract, "Periods as
 * deadlines"): "Thời gian hoàn thành" → completion (`by`), "Thời gian thực
 * hiện" → execution (`range`), a bare "Thời gian" → no context.
 */
export function deadlineContextOfColumn(header: string): 'completion' | 'execution' | 'none' {
  const folded = foldVietnamese(header);
  if (/hoan thanh|thoi han|han chot|cham nhat/.test(folded)) return 'completion';
  if (/thuc hien|trien khai|tien do/.test(folded)) return 'execution';
  return 'none';
}

/**
 * What an STT cell holds: a number ("1"), a decimal ("1.2"), a Roman numeral
 * or capital letter (group rows: "I", "II", "A"), or a small letter, with a
 * trailing "." or ")". Groups: 1 number, 2 decimal, 3 Roman or capital, 4 small letter.
 */
export const STT_LABEL = /^(?:(\d{1,3})|(\d{1,3}(?:\.\d{1,2}){1,3})|([IVXLC]{1,7}|[A-ZĐ])|([a-zđ]))[.)]?$/u;

/** The label of a group row: a Roman numeral or a capital letter. */
export const GROUP_STT = /^(?:[IVXLC]{1,7}|[A-ZĐ])$/u;
