/**
 * Section markers of Vietnamese administrative documents (domain-notes §2):
 * "II.", "2.", "2.1.", "14.1.", "a)" … "đ)", "(1)". Bullets are not markers.
 */
export type MarkerStyle = 'roman' | 'arabic' | 'decimal' | 'alpha' | 'paren';

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

const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))[.\-–](?=\s)/;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)/;
const ARABIC = /^(\d{1,2})\.(?=\s)/;
// Vietnamese alphabet: no f, j, w, z.
const ALPHA = /^([a-eg-ik-vxyđ])\)(?=\s)/;
const PAREN = /^\((\d{1,2}|[a-eg-ik-vxyđ])\)(?=\s)/;

/** What may follow a marker: a capital letter, an opening quote or bracket, or emphasis. */
const SECTION_TEXT_START = /^\s+[\p{Lu}"“(*]/u;

export function parseSectionMarker(paragraph: string): SectionMarker | null {
  const text = paragraph.trimStart();
  const tryMatch = (re: RegExp, style: MarkerStyle, kindOf: (label: string) => string, labelOf = (m: RegExpMatchArray) => m[1]!): SectionMarker | null => {
    const m = text.match(re);
    if (!m || m[0].length === 0) return null;
    const rest = text.slice(m[0].length);
    if (!SECTION_TEXT_START.test(rest)) return null;
    const label = labelOf(m);
    const spaces = rest.match(/^\s+/)![0].length;
    return { marker: m[0], label, style, kind: kindOf(label), length: m[0].length + spaces };
  };
  const roman = text.match(ROMAN);
  if (roman && roman[1]) return tryMatch(ROMAN, 'roman', () => 'roman');
  return (
    tryMatch(DECIMAL, 'decimal', (label) => `decimal${label.split('.').length}`) ??
    tryMatch(ARABIC, 'arabic', () => 'arabic', (m) => String(Number(m[1]))) ??
    tryMatch(ALPHA, 'alpha', () => 'alpha') ??
    tryMatch(PAREN, 'paren', (label) => (/\d/.test(label) ? 'paren-digit' : 'paren-letter'), (m) => `(${m[1]})`)
  );
}

/** Bullets that open items inside a section. */
export const BULLET = /^[-+•–—∙·]\s+/;

export function startsWithBullet(paragraph: string): boolean {
  return BULLET.test(paragraph.trimStart());
}
