import { decodeBytes } from './iconv.js';
import { toNfc } from './vietnamese.js';

/**
 * Legacy Vietnamese 8-bit encodings. TCVN3 (ABC, ".VnTime" fonts) and VNI
 * ("VNI-Times") text often reaches us already decoded as Latin-1/Windows-1252,
 * so detection works on characters, and decoding re-reads them as bytes.
 */
export type LegacyEncoding = 'TCVN3' | 'VNI';

// VNI: a base letter followed by mark characters. Longest sequences first.
const VNI_PAIRS: Array<[string, string]> = [];
function addVni(base: string, marks: string, results: string): void {
  [...marks].forEach((mark, i) => VNI_PAIRS.push([base + mark, [...results][i]!]));
}
// Lower case: hat (â), breve (ê as second byte), then tones: acute ù, grave ø, hook û, tilde õ, dot ï.
addVni('a', 'âêùøûõïáàåãäéèúüë', 'âăáàảãạấầẩẫậắằẳẵặ');
addVni('e', 'âùøûõïáàåãä', 'êéèẻẽẹếềểễệ');
addVni('o', 'âùøûõïáàåãä', 'ôóòỏõọốồổỗộ');
addVni('u', 'ùøûõï', 'úùủũụ');
addVni('y', 'ùøûõ', 'ýỳỷỹ');
addVni('ô', 'ùøûõï', 'ớờởỡợ');
addVni('ö', 'ùøûõï', 'ứừửữự');
addVni('A', 'ÂÊÙØÛÕÏÁÀÅÃÄÉÈÚÜË', 'ÂĂÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶ');
addVni('E', 'ÂÙØÛÕÏÁÀÅÃÄ', 'ÊÉÈẺẼẸẾỀỂỄỆ');
addVni('O', 'ÂÙØÛÕÏÁÀÅÃÄ', 'ÔÓÒỎÕỌỐỒỔỖỘ');
addVni('U', 'ÙØÛÕÏ', 'ÚÙỦŨỤ');
addVni('Y', 'ÙØÛÕ', 'ÝỲỶỸ');
addVni('Ô', 'ÙØÛÕÏ', 'ỚỜỞỠỢ');
addVni('Ö', 'ÙØÛÕÏ', 'ỨỪỬỮỰ');
const VNI_SINGLES: Record<string, string> = {
  'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
  'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ',
};
const VNI_TABLE = new Map(VNI_PAIRS);

/** Decodes VNI text (already read as Windows-1252 characters), longest match first. */
export function decodeVni(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const pair = VNI_TABLE.get(value.slice(i, i + 2));
    if (pair) {
      out += pair;
      i += 2;
      continue;
    }
    const ch = value[i]!;
    out += VNI_SINGLES[ch] ?? ch;
    i += 1;
  }
  return toNfc(out);
}

/** Decodes TCVN3 text (already read as Latin-1 characters). */
export function decodeTcvn3(value: string): string {
  // Characters above U+00FF cannot be TCVN3 bytes: keep them as they are. TCVN3 puts some capitals on control
  // codes (0x01 Ú, 0x02 Ụ, 0x04–0x06 Ừ Ử Ữ, 0x11–0x17 Ứ … Ỵ): those are letters here, not controls to strip.
  return value.replace(/[\u0001\u0002\u0004-\u0006\u0011-\u0017\u0080-\u00FF]+/g, (run) => decodeBytes(Buffer.from(run, 'latin1'), 'tcvn'));
}

// Characters that are frequent in TCVN3-as-Latin-1 text and rare in Vietnamese Unicode.
const TCVN3_TELLTALES = /[¸¹µ¶·¨©ª«¬®§¤¥¦¢£¡ÆÇÊËÌÍÎÏÑÒÓÕÖ×ØÙÚÛÜÝÞßåæçèéëìíîïñòóôöøùúûüýþÿ]/g;
// VNI mark characters directly after a vowel: "öôù", "aâ", "eá".
const VNI_TELLTALES = /[aeiouyAEIOUYôöÔÖ][ùøûõïâêáàåãäéèúüëÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]/g;
// Letters of Vietnamese Unicode above U+00FF; all in the BMP, so that removing the rest leaves one code unit each.
const NOT_UNICODE_VIETNAMESE = /[^ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]+/gi;

const countUnicodeVietnamese = (value: string): number => value.replace(NOT_UNICODE_VIETNAMESE, '').length;
const countLetters = (value: string): number => value.match(/\p{L}/gu)?.length ?? 0;

/** At least 20 letters, more than 2% of them Vietnamese Unicode letters above U+00FF. */
function isUnicodeVietnamese(value: string): boolean {
  const vietnamese = countUnicodeVietnamese(value);
  // The Vietnamese letters are letters, and there are no more letters than code units: past both bounds the
  // share holds without counting every letter, which costs more than the rest of the test.
  if (vietnamese >= 20 && vietnamese > 0.02 * value.length) return true;
  const letters = countLetters(value);
  return letters >= 20 && vietnamese / letters > 0.02;
}

/**
 * Detects whether a text (or a run of it) is legacy-encoded. Unicode
 * Vietnamese has plenty of precomposed letters above U+00FF; legacy text read
 * as Latin-1 has none and instead has its tell-tale characters.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  // Unicode Vietnamese shows itself within a few lines: most text leaves here, at a fraction of the cost.
  if (isUnicodeVietnamese(text.slice(0, 4_000))) return null;
  // A legacy document is legacy throughout: a sample from its start decides.
  const value = text.length > 20_000 ? text.slice(0, 20_000) : text;
  if (isUnicodeVietnamese(value)) return null;
  const letters = countLetters(value);
  if (letters < 20) return null;
  const vni = value.match(VNI_TELLTALES)?.length ?? 0;
  const tcvn = value.match(TCVN3_TELLTALES)?.length ?? 0;
  if (vni / letters > 0.03 && vni >= tcvn * 0.5) return 'VNI';
  if (tcvn / letters > 0.03) return 'TCVN3';
  return null;
}

export function decodeLegacy(value: string, encoding: LegacyEncoding): string {
  return encoding === 'VNI' ? decodeVni(value) : decodeTcvn3(value);
}

/** Picks a legacy encoding from a font name (".VnTime", ".VnTimeH", "VNI-Times"). */
export function legacyEncodingOfFont(fontName: string): LegacyEncoding | null {
  if (/(^|[^a-z])\.?vn[a-z]*time|^\.vn|abc/i.test(fontName) && !/vni/i.test(fontName)) return 'TCVN3';
  if (/vni[-_ ]/i.test(fontName)) return 'VNI';
  return null;
}

/** The warning every ingester gives for text it decoded from a legacy encoding. */
export function legacyEncodingWarning(encoding: LegacyEncoding): { code: string; message: string } {
  const fonts = encoding === 'VNI' ? 'VNI-Times' : '.VnTime';
  return { code: `LEGACY_ENCODING_${encoding}`, message: `Text in the legacy ${encoding} encoding (fonts such as ${fonts}) was converted to Unicode.` };
}
