import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasRangeJoinerAfterWord, RANGE, TIME_LABEL } from '../src/lexicon/dates.js';
import { FIGURE } from '../src/lexicon/quantities.js';
import { SpanContainment } from '../src/extract/context.js';
import { OriginUnion, thirdQuartileLength, unionBox, type LayoutLine } from '../src/layout/lines.js';
import type { Origin } from '../src/tree.js';
import { groupRows, regroupRows } from '../src/layout/pdf-geometry.js';
import { mode } from '../src/measure.js';
import { sha256 } from '../src/content-hash.js';
import { isWhiteSpaceCode } from '../src/text/joins.js';
import { detectLegacyEncoding } from '../src/text/legacy-encodings.js';
import { allMatches } from '../src/text/matches.js';
import { fixToneMark, normaliseText } from '../src/text/vietnamese.js';

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

describe('sha256 of a string', () => {
  it('is the SHA-256 of the bytes TextEncoder gives, lone surrogates (written as U+FFFD) included', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(sha256(input)).toBe(createHash('sha256').update(new TextEncoder().encode(input)).digest('hex'));
      }),
      { seed: SEED, numRuns: 300 },
    );
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

// The detector as it read before letters were counted only where the Vietnamese ones leave the answer open.
function detectLegacyEncodingAsBefore(text: string): string | null {
  const share = (value: string, letters: number): number => (value.match(/[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/gi)?.length ?? 0) / letters;
  const head = text.slice(0, 4_000);
  const headLetters = head.match(/\p{L}/gu)?.length ?? 0;
  if (headLetters >= 20 && share(head, headLetters) > 0.02) return null;
  const value = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const letters = value.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20 || share(value, letters) > 0.02) return null;
  const vni = value.match(/[aeiouyAEIOUYôöÔÖ][ùøûõïâêáàåãäéèúüëÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]/g)?.length ?? 0;
  const tcvn = value.match(/[¸¹µ¶·¨©ª«¬®§¤¥¦¢£¡ÆÇÊËÌÍÎÏÑÒÓÕÖ×ØÙÚÛÜÝÞßåæçèéëìíîïñòóôöøùúûüýþÿ]/g)?.length ?? 0;
  if (vni / letters > 0.03 && vni >= tcvn * 0.5) return 'VNI';
  if (tcvn / letters > 0.03) return 'TCVN3';
  return null;
}

describe('legacy-encoding detection', () => {
  it('answers as it did when it counted every letter first', () => {
    // Legacy tell-tales (VNI pairs, TCVN3 characters) with a few Unicode Vietnamese letters: all three answers come up.
    const legacy = fc.constantFrom('a', 'o', 'ö', 'ù', '¸', '©', 'µ', 'e', 'x', 'n', ' ', '1', '😀', 'Ω', 'eá', 'aâ', 'oà', 'uû');
    const vietnamese = fc.constantFrom('ă', 'Ă', 'đ', 'Đ', 'ạ', 'Ạ', 'ỹ', 'Ỹ');
    const input = fc.tuple(fc.array(legacy, { minLength: 10, maxLength: 300, size: 'max' }), fc.array(vietnamese, { maxLength: 8, size: 'max' })).map(([l, v]) => l.join('') + v.join(''));
    fc.assert(
      fc.property(input, (sample) => {
        expect(detectLegacyEncoding(sample)).toBe(detectLegacyEncodingAsBefore(sample));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('still tells Unicode Vietnamese, TCVN3 and VNI apart (letters counted without an array of them)', () => {
    const unicode = 'Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện chuyển đổi số năm 2026 trên địa bàn tỉnh.';
    expect(detectLegacyEncoding(unicode)).toBeNull();
    // "Uû ban nhaân daân tænh …" as VNI text reads in Latin-1.
    expect(detectLegacyEncoding('UÛy ban nhaân daân tænh ban haønh Keá hoaïch thöïc hieän chuyeån ñoåi soá naêm 2026 treân ñòa baøn tænh.')).toBe('VNI');
    // The same sentence in TCVN3, read as Latin-1.
    expect(detectLegacyEncoding('Uû ban nh©n d©n tØnh ban hµnh KÕ ho¹ch thùc hiÖn chuyÓn ®æi sè n¨m 2026 trªn ®Þa bµn tØnh.')).toBe('TCVN3');
  });
});

describe('tone placement', () => {
  it('moves the tone of every word as fixToneMark does, words without a toned vowel beside another passed over', () => {
    // Toned letters that are no vowel ("ñ", "ń") and letters with other marks too ("ǘ", "ḉ") are in the mix, and toned
    // ă â ê ô ơ ư, whose words are passed over unless another of these follows.
    const letter = fc.constantFrom(...'aoeuyihngtqđâêôăơưAOUĐÂƠàáảãạòóọùủỳýÀÓỦñńÑçǘǖḉẽỹẫấờởệốứừắỚỨỆ');
    const word = fc.array(letter, { minLength: 1, maxLength: 7 }).map((l) => l.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const expected = words.map((w) => {
          const fixed = fixToneMark(w);
          return fixed.length === w.length ? fixed : w;
        });
        expect(normaliseText(words.join(' '))).toBe(expected.join(' '));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(normaliseText('Hoà thuỷ hoàng')).toBe('Hòa thủy hoàng');
    // On the last of ă â ê ô ơ ư in its word a tone stays; on ư before ơ it moves to ơ. A word with two tones is left as it is.
    expect(normaliseText('ngưởi ngườì')).toBe('ngưởi ngườì');
    expect(normaliseText('ửơi')).toBe('ưởi');
  });
});

describe('SpanContainment', () => {
  it('finds what Array.find finds: the first item, in the items’ order, lying within a range', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(15)).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span.map((s) => ({ span: s })), { maxLength: 25 }), fc.nat(70), fc.nat(30), (items, start, length) => {
        const end = start + length;
        expect(new SpanContainment(items).firstWithin(start, end)).toBe(items.find((item) => item.span.start >= start && item.span.end <= end));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('OriginUnion', () => {
  it('gives what folding unionBox over the list gave, to the last bit of every float', () => {
    const coordinate = fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constantFrom(0.1, 0.2, 0.3, 595.2755905511812));
    const box = fc.option(fc.record({ x: coordinate, y: coordinate, width: coordinate, height: coordinate }), { nil: null });
    const offset = fc.option(fc.tuple(fc.nat(500), fc.nat(50)).map(([start, length]) => ({ start, end: start + length })), { nil: null });
    const origin = fc.record({ page: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), box, paragraph: fc.option(fc.nat(9), { nil: null }), cell: fc.option(fc.record({ table: fc.nat(3), row: fc.nat(9), column: fc.nat(5), rowSpan: fc.constant(1), colSpan: fc.constant(1), within: fc.constant(null) }), { nil: null }), offset });
    // The fold it replaced.
    const folded = (origins: Origin[]): Origin => {
      const first = origins[0];
      if (!first) return { page: null, box: null, paragraph: null, cell: null, offset: null };
      let merged = first.box;
      let span = first.offset;
      for (const o of origins.slice(1)) {
        if (o.page === first.page) merged = unionBox(merged, o.box);
        if (o.offset && span) span = { start: Math.min(span.start, o.offset.start), end: Math.max(span.end, o.offset.end) };
      }
      return { ...first, box: merged, offset: span };
    };
    fc.assert(
      fc.property(fc.array(origin, { maxLength: 12 }), (origins) => {
        const union = new OriginUnion();
        for (const origin of origins) union.add(origin);
        expect(union.origin()).toStrictEqual(folded(origins));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('regroupRows', () => {
  it('gives the rows grouping the remaining segments again gives', () => {
    // Baselines a few points apart around a handful of rows, so that rows straddle the tolerance now and then.
    const segment = fc.record({ page: fc.integer({ min: 1, max: 2 }), row: fc.nat(3), drift: fc.integer({ min: -25, max: 25 }).map((tenths) => tenths / 10), x: fc.nat(500), size: fc.constantFrom(8, 12, 13, 14), boxed: fc.boolean() });
    const line = ({ page, row, drift, x, size, boxed }: { page: number; row: number; drift: number; x: number; size: number; boxed: boolean }, i: number) =>
      ({ text: `s${i}`, page, fontSize: size, origin: { page, box: boxed ? { x, y: row * 20 + drift, width: 30, height: size } : null, paragraph: null, cell: null, offset: null } }) as LayoutLine;
    fc.assert(
      // Every `dropEvery`-th segment taken by a table; half the cases none, as on most pages.
      fc.property(fc.array(segment, { maxLength: 30 }), fc.constantFrom(0, 0, 2, 3), (segments, dropEvery) => {
        // In reading order, as segments come: page by page, row by row.
        const rows = groupRows([...segments].sort((a, b) => a.page - b.page || a.row - b.row).map(line));
        const without = new Set(rows.flatMap((r) => r.lines).filter((_, i) => dropEvery > 0 && i % dropEvery === 0));
        expect(regroupRows(rows, without)).toStrictEqual(groupRows(rows.flatMap((r) => r.lines.filter((l) => !without.has(l)))));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('isWhiteSpaceCode', () => {
  it('answers as /\\s/ does, for every code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) if (isWhiteSpaceCode(code) !== /\s/.test(String.fromCharCode(code))) differing.push(code);
    expect(differing).toEqual([]);
  });
});

describe('mode', () => {
  it('gives what counting in a Map gave: the most frequent value, the first met on a tie', () => {
    const counted = (values: number[]): number => {
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      let best = values[0] ?? 0;
      let bestCount = 0;
      for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
      return best;
    };
    const value = fc.oneof(fc.constantFrom(0, -0, 12, 12.5, 13, -3.5, NaN, Infinity), fc.integer({ min: -5, max: 5 }).map((n) => n / 2), fc.double());
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        expect(Object.is(mode(values), counted(values))).toBe(true);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('thirdQuartileLength', () => {
  it('is the length at ⌊0.75·n⌋ of the sorted non-blank lengths, as sorting gives it', () => {
    const line = fc.record({ length: fc.nat(200), blank: fc.boolean() }).map(({ length, blank }) => ({ text: 'x'.repeat(length), blank }) as LayoutLine);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const sorted = lines.filter((l) => !l.blank).map((l) => l.text.length).sort((a, b) => a - b);
        expect(thirdQuartileLength(lines)).toBe(sorted[Math.floor(sorted.length * 0.75)]);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
