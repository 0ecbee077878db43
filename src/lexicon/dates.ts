/** Calendar helpers shared by the date-reading extractors. */

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO date, or null when the parts do not make a real calendar date. */
export function parseVietnameseDate(day: number, month: number, year: number): string | null {
  return isValidDate(year, month, day) ? isoDate(year, month, day) : null;
}

export function lastDayOfMonth(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

/** Roman (I–IV) or arabic quarter number. */
export function quarterNumber(value: string): number | null {
  const roman: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
  const upper = value.toUpperCase();
  if (roman[upper]) return roman[upper]!;
  const n = Number(value);
  return n >= 1 && n <= 4 ? n : null;
}

/** "ngày 12 tháng 3 năm 2025", "12/3/2025", "12-3-2025", "12.3.2025" (same separator twice). */
export const FULL_DATE_SOURCE = String.raw`(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|(\d{1,2})([/.-])(\d{1,2})\5(\d{4})`;

export function readFullDate(match: RegExpMatchArray, offset = 1): string | null {
  const day = match[offset] ?? match[offset + 3];
  const month = match[offset + 1] ?? match[offset + 5];
  const year = match[offset + 2] ?? match[offset + 6];
  if (!day || !month || !year) return null;
  return parseVietnameseDate(Number(day), Number(month), Number(year));
}
