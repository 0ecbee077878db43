import { withPlanLetters } from '../text/letters.js';
/**
 * Section markers of Vietnamese administrative documents (domain-notes §2):
 * "II.", "2.", "2.1.", "14.1.", "a)" … "đ)", "(1)". Bullets are not markers.
 */
export type MarkerStyle = 'part' | 'roman' | 'arabic' | 'decimal' | 'alpha' | 'paren';

export interface SectionMarker {
  /** As printed, with its trailing "." or ")": "II.", "2.1.", "a)", "(1)". */
  marker: string;
  /** The label used in paths: "II", "2.1", "a", "(1)". */
  label: string;
  style: MarkerStyle;
  /** Nesting kind: decimals of different depth nest inside one another. */
  kind: string;
  /** Length of the marker and the spaces after it. */
  length: number;
}

/**
 * A part above I, II: "Phần I", "PHẦN II.", "Phần thứ nhất", "PHẦN A", "Phần 1:".
 * The label keeps the word: "Phần I", "Phần thứ nhất", "Phần A".
 */
const PART = withPlanLetters(/^(?:PHẦN|Phần)\s+((?:THỨ|thứ)\s+\p{L}+|[IVXLC]{1,6}|[A-ZĐ]|\d{1,2})(?:\s*[.:\-–])?(?=\s|$)/u);
const ORDINAL_WORD = /^(?:nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)$/u;
const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))[.\-–](?=\s)/;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)/;
// "1." and, in Party documents, "1-"; some plans write "1)".
const ARABIC = /^(\d{1,2})[.)\-–](?=\s)/;
// Vietnamese alphabet: no f, j, w, z. "a)", and "a-" in Party documents.
const ALPHA = /^([a-eg-ik-vxyđ])[)\-–](?=\s)/;
const PAREN = /^\((\d{1,2}|[a-eg-ik-vxyđ])\)(?=\s)/;

/** What may follow a marker: a capital letter, an opening quote or bracket, or emphasis. */
const SECTION_TEXT_START = /^\s+[\p{Lu}"“(*]/u;

/** What every marker above opens with: "P" of Phần, I V X, a digit, a letter of the alphabet markers, "(". */
const MARKER_START = /^[PIVX\d(a-eg-ik-vxyđ]/u;

/**
 * The marker `m` found at the start of `text`, when a section's text follows
 * it. Its label is the first group unless `labelOf` says otherwise; its kind
 * is its style unless `kindOf` tells kinds of one style apart.
 */
function markerFrom(
  text: string,
  m: RegExpMatchArray | null,
  style: MarkerStyle,
  labelOf: (m: RegExpMatchArray) => string = (found) => found[1]!,
  kindOf: (label: string) => string = () => style,
): SectionMarker | null {
  if (!m || m[0].length === 0) return null;
  const rest = text.slice(m[0].length);
  if (!SECTION_TEXT_START.test(rest)) return null;
  const label = labelOf(m);
  const spaces = rest.match(/^\s+/)![0].length;
  return { marker: m[0], label, style, kind: kindOf(label), length: m[0].length + spaces };
}

function partMarker(text: string): SectionMarker | null {
  const part = text.match(PART);
  if (!part) return null;
  const number = part[1]!;
  const ordinal = number.match(/^(?:THỨ|thứ)\s+(\p{L}+)$/u);
  if (ordinal && !ORDINAL_WORD.test(ordinal[1]!.toLowerCase())) return null;
  const rest = text.slice(part[0].length);
  // A title follows on the line, or the marker stands alone.
  if (rest.trim() !== '' && !SECTION_TEXT_START.test(rest)) return null;
  const label = `Phần ${ordinal ? `thứ ${ordinal[1]!.toLowerCase()}` : number}`;
  return { marker: part[0], label, style: 'part', kind: 'part', length: part[0].length + (rest.match(/^\s*/)![0].length) };
}

export function parseSectionMarker(paragraph: string): SectionMarker | null {
  // Asked of nearly every line and paragraph; most open with none of these, and leave here before any copy is made.
  if (!MARKER_START.test(paragraph) && !/^\s/.test(paragraph)) return null;
  const text = paragraph.trimStart();
  if (!MARKER_START.test(text)) return null;
  // Each marker opens with characters of its own: only the patterns that can match the first one are tried.
  const first = text[0]!;
  if (first === 'P') return partMarker(text);
  if (first === 'I' || first === 'V' || first === 'X') {
    const roman = text.match(ROMAN);
    return roman?.[1] ? markerFrom(text, roman, 'roman') : null;
  }
  if (first === '(') return markerFrom(text, text.match(PAREN), 'paren', (m) => `(${m[1]})`, (label) => (/\d/.test(label) ? 'paren-digit' : 'paren-letter'));
  if (first >= '0' && first <= '9') {
    return (
      markerFrom(text, text.match(DECIMAL), 'decimal', undefined, (label) => `decimal${label.split('.').length}`) ??
      markerFrom(text, text.match(ARABIC), 'arabic', (m) => String(Number(m[1])))
    );
  }
  // A letter of the alphabet markers: "a)", "a-", "a–".
  const second = text[1];
  return second === ')' || second === '-' || second === '–' ? markerFrom(text, text.match(ALPHA), 'alpha') : null;
}

/** Bullets that open items inside a section. */
export const BULLET = /^[-+•–—∙·]\s+/;

export function startsWithBullet(paragraph: string): boolean {
  return BULLET.test(paragraph.trimStart());
}
