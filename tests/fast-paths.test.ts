import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasRangeJoinerAfterWord, RANGE, TIME_LABEL } from '../src/lexicon/dates.js';
import { FIGURE } from '../src/lexicon/quantities.js';
import { detectLegacyEncoding } from '../src/text/legacy-encodings.js';
import { allMatches } from '../src/text/matches.js';

// The faster forms of a few hot spots give what the plain forms they replaced give, on any text.
const SEED = 20261202;

// Characters the patterns react to, surrogates (paired and lone) and spaces of every kind among them.
const text = fc
  .array(fc.oneof(fc.constantFrom('đến', 'tới', '-', '–', ' ', '  ', '\n', '\t', '\u00a0', 'ngày', 'tháng', '10', '5%', 'từ', 'Thời gian thực hiện:', 'x', '😀', '\ud83d', '\ude00'), fc.string({ maxLength: 4 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('allMatches', () => {
  it('yields what matchAll yields, empty matches and astral characters included', () => {
    const patterns = [RANGE, TIME_LABEL, FIGURE, /(?:)/gu, /(?:)/g, /\s*/gu, /(?=\d)/g, /[\s,]+/gu];
    fc.assert(
      fc.property(text, (input) => {
        for (const pattern of patterns) {
          const expected = [...input.matchAll(pattern)].map((m) => [m.index, ...m]);
          expect(allMatches(pattern, input).map((m) => [m.index, ...m])).toEqual(expected);
          expect(pattern.lastIndex).toBe(0);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => allMatches(/x/u, 'x')).toThrow(TypeError);
  });
});

describe('hasRangeJoinerAfterWord', () => {
  it('answers as /\\S\\s*(?:đến|tới|[-–])\\s/iu does', () => {
    const plain = /\S\s*(?:đến|tới|[-–])\s/iu;
    fc.assert(
      fc.property(text, (input) => {
        expect(hasRangeJoinerAfterWord(input)).toBe(plain.test(input));
      }),
      { seed: SEED, numRuns: 1000 },
    );
    expect(hasRangeJoinerAfterWord('- đến 2026')).toBe(true);
    expect(hasRangeJoinerAfterWord('  - 2026')).toBe(false);
    expect(hasRangeJoinerAfterWord('từ 01/7 ĐẾN 30/9')).toBe(true);
  });
});

describe('legacy-encoding detection', () => {
  it('still tells Unicode Vietnamese, TCVN3 and VNI apart (letters counted without an array of them)', () => {
    const unicode = 'Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện chuyển đổi số năm 2026 trên địa bàn tỉnh.';
    expect(detectLegacyEncoding(unicode)).toBeNull();
    // "Uû ban nhaân daân tænh …" as VNI text reads in Latin-1.
    expect(detectLegacyEncoding('UÛy ban nhaân daân tænh ban haønh Keá hoaïch thöïc hieän chuyeån ñoåi soá naêm 2026 treân ñòa baøn tænh.')).toBe('VNI');
    // The same sentence in TCVN3, read as Latin-1.
    expect(detectLegacyEncoding('Uû ban nh©n d©n tØnh ban hµnh KÕ ho¹ch thùc hiÖn chuyÓn ®æi sè n¨m 2026 trªn ®Þa bµn tØnh.')).toBe('TCVN3');
  });
});
