import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, scoreDocument, type GoldDocument } from '../src/eval/score.js';
import { parse } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixToneMark, normaliseText, normaliseWithMap } from '../src/text/vietnamese.js';
import { decodeTcvn3, decodeVni, detectLegacyEncoding } from '../src/text/legacy-encodings.js';

describe('tone placement', () => {
  it.each([
    ['hoà', 'hòa'],
    ['uỷ', 'ủy'],
    ['thuỷ', 'thủy'],
    ['qúy', 'quý'],
    ['lựơng', 'lượng'],
    ['khoẻ', 'khỏe'],
    ['HOÀ', 'HÒA'],
  ])('moves the mark in %s to %s', (input, expected) => {
    expect(fixToneMark(input)).toBe(expected);
  });

  it.each(['hoàng', 'khuỷu', 'thuở', 'giữa', 'gì', 'quyết', 'của', 'mùa', 'người', 'Việt', 'ANTT', 'Sê'])('leaves %s alone', (word) => {
    expect(fixToneMark(word)).toBe(word);
  });

  it('fixes "Tỉnh uỷ" inside a sentence', () => {
    expect(normaliseText('Ban Thường vụ Tỉnh uỷ và Thành uỷ')).toBe('Ban Thường vụ Tỉnh ủy và Thành ủy');
  });
});

describe('character normalisation', () => {
  it('composes NFD input', () => {
    const nfd = 'Kế hoạch'.normalize('NFD');
    expect(normaliseText(nfd)).toBe('Kế hoạch');
  });

  it('maps look-alike letters, spaces and invisible characters', () => {
    expect(normaliseText('\u00D0ảng\u00A0bộ\u200B số\u0007 1')).toBe('Đảng bộ số 1');
  });

  it('keeps an offset map into the input', () => {
    const input = 'A \u200Bhoà'.normalize('NFD');
    const { text, map } = normaliseWithMap(input);
    expect(text).toBe('A hòa');
    expect(map).toHaveLength(text.length);
    expect(map[2]).toBe(3);
    expect(map[4]).toBe(5);
  });
});

describe('legacy encodings', () => {
  it('decodes TCVN3 text read as Latin-1', () => {
    expect(decodeTcvn3('KÕ ho¹ch')).toBe('Kế hoạch');
  });

  it('decodes VNI text longest sequence first', () => {
    expect(decodeVni('nöôùc')).toBe('nước');
    expect(decodeVni('Vieät Nam')).toBe('Việt Nam');
  });

  it('detects TCVN3 and leaves Unicode alone', () => {
    const tcvn = 'KÕ ho¹ch thùc hiÖn c«ng t¸c phßng, chèng téi ph¹m n¨m 2026 cña ñy ban nh©n d©n';
    expect(detectLegacyEncoding(tcvn)).toBe('TCVN3');
    expect(detectLegacyEncoding('Kế hoạch thực hiện công tác phòng, chống tội phạm năm 2026')).toBeNull();
  });
});

describe('normaliser properties', () => {
  it('is idempotent, returns NFC and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (input) => {
        const once = normaliseText(input);
        expect(once).toBe(once.normalize('NFC'));
        expect(normaliseText(once)).toBe(once);
      }),
      { numRuns: 300, seed: 20260101 },
    );
  });

  it('places tone marks word by word as a Unicode word pattern would split the words', () => {
    // NFC text without characters pass 1 rewrites, so only the tone pass acts.
    const pieces = fc.constantFrom('hoà', 'Thành uỷ', 'quý', 'thuỷ', 'khoẻ', ' ', ', ', '2026', 'Ωμέγα', 'naïve', '𝐀', 'ĐOÀN', 'x', '-', 'ǅ', 'ʰ');
    const byPattern = (text: string): string =>
      text.replace(/[\p{L}\p{M}]+/gu, (word) => {
        const fixed = fixToneMark(word);
        return fixed.length === word.length ? fixed : word;
      });
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const input = parts.join('');
        expect(normaliseText(input)).toBe(byPattern(input));
      }),
      { numRuns: 500, seed: 20261124 },
    );
  });

  it('gives the same text with and without the offset map', () => {
    // Vietnamese letters, combining marks, spaces and controls mixed, so runs break at every kind of boundary.
    const pieces = fc.constantFrom('Kế hoạch ', 'e\u0301', '\u0300', 'Thành uỷ', '\u00A0', '\u00D0', '\r\n', '\u200B', 'a', ' ', '\u0007', 'Ω\u0301', '😀', '𝐀\u0301', 'x\u0323\u0302');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const input = parts.join('');
        expect(normaliseText(input)).toBe(normaliseWithMap(input).text);
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });
});

describe('a whole plan saved in TCVN3', () => {
  it('scores as its Unicode original, capitals TCVN3 keeps on control codes (Ụ, Ứ, Ỵ …) included', async () => {
    const name = 'chuyen-doi-so-2025';
    const text = readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url), 'utf8').normalize('NFC');
    const gold = JSON.parse(readFileSync(new URL(`../fixtures/gold/${name}.gold.json`, import.meta.url), 'utf8')) as GoldDocument;
    const legacy = await parse(iconv.encode(text, 'tcvn'), { name: `${name}.txt` });
    const unicode = await parse(Buffer.from(text), { name: `${name}.txt` });
    expect(legacy.warnings.map((w) => w.code)).toContain('LEGACY_ENCODING_TCVN3');
    expect(legacy.sections.map((s) => s.heading)).toEqual(unicode.sections.map((s) => s.heading));
    const [a, b] = [scoreDocument(legacy, gold), scoreDocument(unicode, gold)];
    for (const type of ENTITY_TYPES) expect(a.types[type].f1, type).toBe(b.types[type].f1);
  });
});
