import { foldVietnamese } from '../text/vietnamese.js';
import type { Recurrence } from '../schema/document.js';
import { withPlanLetters } from '../text/letters.js';

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

/** Period grammar: one date expression ("ngày 12 tháng 3", "12/3/2025", "tháng 7/2026", "quý II/2025", "năm 2025", "6 tháng đầu năm"). */
export interface Period {
  start: string;
  end: string;
  /** The expression named its year (else the plan year or the other end's year was used). */
  hasYear: boolean;
}

const YEAR_TAIL = String.raw`(?:\s*[/-]\s*(\d{4})|\s+năm\s+(\d{4}))?`;
// Each alternative is one date expression; the groups are read by `readPeriod`.
const DATE_EXPRESSION = [
  String.raw`(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?`,
  String.raw`(?:ngày\s+)?(\d{1,2})([/-])(\d{1,2})(?:\5(\d{4}))?(?![\d/])`,
  String.raw`(?:ngày\s+)?(\d{1,2})\.(\d{1,2})\.(\d{4})`,
  String.raw`tháng\s+(\d{1,2})${YEAR_TAIL}`,
  String.raw`quý\s+(IV|I{1,3}|[1-4])${YEAR_TAIL}`,
  String.raw`năm\s+(\d{4})`,
  String.raw`(?:0?6|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?`,
].map((source) => `(?:${source})`);

const EXPRESSION = new RegExp(`^(?:${DATE_EXPRESSION.join('|')})`, 'iu');

/** Reads one date expression at the start of `text`. */
/**
 * The year a date printed without one takes: the plan year, or, in a school-year
 * plan, the first year for months 8–12 and the second for months 1–7.
 */
export type DefaultYear = number | null | ((month: number) => number | null);

export function readPeriod(text: string, defaultYear: DefaultYear): (Period & { length: number }) | null {
  const m = text.match(EXPRESSION);
  if (!m) return null;
  const g = m.slice(1);
  const length = m[0].length;
  const pick = (year: string | undefined, month = 1): { year: number | null; hasYear: boolean } =>
    year ? { year: Number(year), hasYear: true } : { year: typeof defaultYear === 'function' ? defaultYear(month) : defaultYear, hasYear: false };
  const day = (d: string, mo: string, y: string | undefined): (Period & { length: number }) | null => {
    const { year, hasYear } = pick(y, Number(mo));
    if (year === null || !isValidDate(year, Number(mo), Number(d))) return null;
    const iso = isoDate(year, Number(mo), Number(d));
    return { start: iso, end: iso, hasYear, length };
  };
  if (g[0]) return day(g[0], g[1]!, g[2]);
  if (g[3]) return day(g[3], g[5]!, g[6]);
  if (g[7]) return day(g[7], g[8]!, g[9]);
  if (g[10]) {
    const month = Number(g[10]);
    const { year, hasYear } = pick(g[11] ?? g[12], month);
    if (year === null || month < 1 || month > 12) return null;
    return { start: isoDate(year, month, 1), end: lastDayOfMonth(year, month), hasYear, length };
  }
  if (g[13]) {
    const quarter = quarterNumber(g[13]);
    const { year, hasYear } = pick(g[14] ?? g[15], quarter === null ? 1 : quarter * 3);
    if (year === null || quarter === null) return null;
    return { start: isoDate(year, quarter * 3 - 2, 1), end: lastDayOfMonth(year, quarter * 3), hasYear, length };
  }
  if (g[16]) {
    const year = Number(g[16]);
    return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), hasYear: true, length };
  }
  if (g[17]) {
    const { year, hasYear } = pick(g[18]);
    if (year === null) return null;
    const firstHalf = g[17].toLowerCase() === 'đầu';
    return { start: isoDate(year, firstHalf ? 1 : 7, 1), end: lastDayOfMonth(year, firstHalf ? 6 : 12), hasYear, length };
  }
  return null;
}

/** Re-reads a period that lacked a year with the year of the period it is paired with. */
export function withYear(text: string, period: Period, year: number): Period {
  return period.hasYear ? period : (readPeriod(text, year) ?? period);
}


/** The words that introduce a deadline (domain-notes §4): ranges, "trước", "vào", "trong", "Thời gian thực hiện:", recurrence, ongoing. */
export const RANGE = withPlanLetters(/(?<![\p{L}])(?:(?:từ|trong thời gian từ|thời gian từ)\s+)?(?=(?:ngày|tháng|quý|\d))/giu);
export const RANGE_JOINER = /đến|tới|[-–]/iu;
const SPACED_RANGE_JOINER = /(?:đến|tới|[-–])\s/iu;
/**
 * A range joiner after a word ("… đến ", "… - "), as /\S\s*(?:đến|tới|[-–])\s/
 * reads it, found by the joiner: that pattern, opening on "any character but a
 * space", was tried at nearly every position of every paragraph. A joiner
 * follows a word when anything but spaces comes before it; when only spaces
 * come before the first, any later one follows that first.
 */
export function hasRangeJoinerAfterWord(text: string): boolean {
  const first = SPACED_RANGE_JOINER.exec(text);
  if (!first) return false;
  return text.slice(0, first.index).trim() !== '' || SPACED_RANGE_JOINER.test(text.slice(first.index + 1));
}
export const BY = withPlanLetters(/(?<![\p{L}])(?:hoàn thành\s+|xong\s+|gửi\s+)?(?:trước|chậm nhất(?:\s+là)?|không muộn hơn|hạn chót(?:\s+là)?|hạn cuối(?:\s+là)?|đến hết|muộn nhất)\s+(?=(?:ngày|tháng|quý|năm|\d))/giu);
/** An event of a programme or school year with its date: "tựu trường ngày 01/9/2025", "khai mạc lúc 19 giờ 30 ngày 30/4/2025" (an `on` deadline). */
export const EVENT = withPlanLetters(/(?<![\p{L}])(?<!(?:đã|kỷ niệm|năm|ngày)\s)(?:tựu trường|khai giảng|bế giảng|khai mạc|bế mạc|ra quân|mít tinh|diễu hành|lễ ra mắt)(?:\s+(?:lúc|vào))?\s+(?:\d{1,2}\s*giờ(?:\s*\d{1,2}(?:\s*phút)?)?,?\s+)?(?=ngày)/giu);
/**
 * Cheap tests of a word every match of BY / EVENT holds. Their lookbehinds and optional openings leave the
 * regex engine no literal to search for, so it tries every position; a paragraph without the word is skipped.
 */
export const BY_WORD = /trước|chậm nhất|muộn|hạn c|đến hết/iu;
export const EVENT_WORD = /tựu trường|khai giảng|bế giảng|khai mạc|bế mạc|ra quân|mít tinh|diễu hành|lễ ra mắt/iu;
export const ON = withPlanLetters(/(?<![\p{L}])vào\s+(?=(?:ngày|năm|\d))/giu);
export const WITHIN = withPlanLetters(/(?<![\p{L}])trong\s+(?=(?:tháng|quý)\s+[\dIV]|(?:0?6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm)/giu);
export const TIME_LABEL = withPlanLetters(/(?<![\p{L}])thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai|báo cáo))?\s*:\s*/giu);
export const RECURRING = withPlanLetters(/(?<![\p{L}])(?:định kỳ|hằng|hàng)(?=[\s,])/giu);
export const ONGOING = withPlanLetters(/^(?:thường xuyên|liên tục|hằng ngày|hàng ngày)(?:[\s,;.]+(?:liên tục|lâu dài))?(?![\p{L}])/iu);
/** The same words anywhere in a short answer to "when" ("Thực hiện thường xuyên, liên tục"). */
export const ONGOING_WORDS = withPlanLetters(new RegExp(`(?<![\\p{L}])${ONGOING.source.slice(1)}`, 'iu'));

/** The period tokens a recurrence lists: "hằng quý", "quý I", "06 tháng", "01 năm", "hằng tháng". */
const RECURRENCE_ORDER: Recurrence[] = ['weekly', 'monthly', 'quarterly', 'semiannual', 'annual'];

export function recurrenceOf(text: string, isList: boolean): Recurrence[] {
  const found = new Set<Recurrence>();
  let rest = text;
  const take = (re: RegExp, value: Recurrence): void => {
    if (re.test(rest)) {
      found.add(value);
      rest = rest.replace(re, ' ');
    }
  };
  take(/(?:0?6|sáu)\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?/giu, 'semiannual');
  take(/(?<![\p{L}])quý(?![\p{L}])/giu, 'quarterly');
  take(/(?:0?1|một)\s+năm|(?:hằng|hàng|cả|cuối)\s+năm|tổng kết năm/giu, 'annual');
  take(/(?:hằng|hàng)\s+tháng/giu, 'monthly');
  take(/(?:hằng|hàng)\s+tuần/giu, 'weekly');
  // In a list of periods ("hằng quý, 6 tháng và năm") a bare "năm" is the yearly report.
  if (isList) take(/(?<![\p{L}])năm(?![\p{L}])/giu, 'annual');
  return RECURRENCE_ORDER.filter((r) => found.has(r));
}

const FOLDED_PERIOD_START = /^(?:(?:truoc|trong|tu|den|cuoi|dau|giua|sau|het)\s+)*(?:ngay|thang|quy|nam|tuan|giai doan|hoc ky|\d{1,2}[/.-]\d{1,2}|(?:19|20)\d\d\b)/;
const FOLDED_RECURRING = /^(?:thuong xuyen|hang (?:nam|quy|thang|tuan|ngay)|dinh ky|lien tuc|ca nam)\b/;

/** A short text that is only a time or period ("Quý II/2025", "Trước 30/6/2025", "Thường xuyên"), as a table's time cell holds. */
export function isTimePhrase(text: string): boolean {
  const folded = foldVietnamese(text.trim());
  if (folded.length > 40) return false;
  return FOLDED_RECURRING.test(folded) || (FOLDED_PERIOD_START.test(folded) && /\d/.test(folded));
}

/**
 * The year and period a plan covers, from its title (output contract, "Plan
 * year, plan period"): one year named ("năm 2026", "NĂM 2026") → that year;
 * a school year ("năm học 2025 - 2026") → its first year, and the period; a
 * period ("giai đoạn 2026 - 2030", "2026 - 2030", "đến năm 2030") → no single
 * year, and the period.
 */
export function planYearAndPeriod(title: string | null, issueYear: number | null): { planYear: number | null; planPeriod: { start: number; end: number } | null } {
  if (!title) return { planYear: null, planPeriod: null };
  const schoolYear = title.match(/năm\s+học\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)/iu);
  if (schoolYear) return { planYear: Number(schoolYear[1]), planPeriod: { start: Number(schoolYear[1]), end: Number(schoolYear[2]) } };
  const span = title.match(/((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)/u);
  if (span) return { planYear: null, planPeriod: { start: Number(span[1]), end: Number(span[2]) } };
  const until = title.match(/đến\s+năm\s+((?:19|20)\d\d)/iu);
  if (until) return { planYear: null, planPeriod: { start: issueYear ?? Number(until[1]), end: Number(until[1]) } };
  const single = title.match(/năm\s+((?:19|20)\d\d)/iu);
  return { planYear: single ? Number(single[1]) : null, planPeriod: null };
}

/** Completion words just before "trong …": the period that follows is a deadline by its end. */
export const COMPLETION_BEFORE = /(?:hoàn thành|xong|kết thúc)\s*$/iu;
/** A clause whose verb is "Hoàn thành" ("b- Hoàn thành số hóa 100% hồ sơ … trong quý III/2026"): its period is a completion date. */
export const COMPLETION_CLAUSE = withPlanLetters(/(?:^|[;.:]\s+)(?:[-+•]\s*|[\p{L}\d]{1,4}[-.)]\s*)?hoàn thành(?![\p{L}])[^;.]*$/iu);

/** A time of day printed before a date ("19 giờ 30 ngày 30/4/2025"): part of the deadline's text. */
export const TIME_OF_DAY_BEFORE = /(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*)$/iu;
/** Where a bare date expression may start in a time cell. */
export const PERIOD_START = withPlanLetters(/(?<![\p{L}\d/.-])(?=(?:ngày|tháng|quý|năm|\d))/giu);

/** A "+ Thời gian thực hiện: …" line. */
export const TIME_LABEL_LINE = /^[-+•]?\s*thời (?:gian|hạn)(?:\s+\p{Ll}+){0,2}\s*:/iu;
