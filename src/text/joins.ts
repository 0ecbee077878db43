/** Small text helpers shared by the ingesters and the layout stage. */

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "12" → "¹²": footnote markers are carried as superscript digits until layout detaches them. */
export const toSuperscript = (digits: string): string => [...digits].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join('');

/** "¹²" → "12". */
export const fromSuperscript = (value: string): string => [...value].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c))).join('');

/** Runs of white space that are not already one plain space: a single space is left alone, so most lines are not copied. */
const SPACE_RUN = /\s{2,}|[^\S ]/g;
/** Whether there is such a run: a test costs a quarter less than a replacement that finds nothing. */
const HAS_SPACE_RUN = /\s\s|[^\S ]/;

/** Is this code unit one `\s` matches? The same set, by number, for loops that read code units. */
export function isWhiteSpaceCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Every run of white space as one plain space. */
export const collapseSpaces = (text: string): string => (HAS_SPACE_RUN.test(text) ? text.replace(SPACE_RUN, ' ') : text);

/** A word or number split at a line or item end: "2025-" + "2030", "QĐ-" + "TTg". */
export function isSplitWord(before: string, after: string): boolean {
  // Only the last two code units matter; testing the whole of a growing paragraph would make joining quadratic.
  return /[\p{L}\d]-$/u.test(before.slice(-3)) && /^[\p{L}\d]/u.test(after);
}

/** Joins a wrapped line, without a space where a word or number was split at the line end. */
export function joinWrapped(before: string, after: string): string {
  return before + (isSplitWord(before, after) ? '' : ' ') + after;
}
