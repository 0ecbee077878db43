import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LETTER, UNICODE_VERSION } from '../src/text/letter-classes.js';
import { withPlanLetters } from '../src/text/letters.js';
// @ts-expect-error: a plain script, without declarations
import { PLAN_SCRIPT_BLOCKS, letterClassesSource } from '../scripts/letter-classes.mjs';

const blocks = PLAN_SCRIPT_BLOCKS as Array<[number, number, string]>;
const everyCodePoint = (test: (char: string) => void): void => {
  for (const [first, last] of blocks) for (let code = first; code <= last; code++) test(String.fromCharCode(code));
};

// The table holds the letters of one Unicode version; a Node built on another may count a few more or fewer.
describe.skipIf(process.versions.unicode !== UNICODE_VERSION)(`letters of the plans’ scripts, against Unicode ${UNICODE_VERSION}`, () => {
  it('are this Node’s Unicode classes (else run node scripts/letter-classes.mjs)', () => {
    expect(readFileSync(new URL('../src/text/letter-classes.ts', import.meta.url), 'utf8')).toBe(letterClassesSource());
  });

  it.each([
    ['a letter alone', /\p{L}/u],
    ['letters outside and inside classes', /^\p{L}[\p{L}\d]$/u],
    ['word edges, ignoring case', /(?<![\p{L}])x(?![\p{L}])/iu],
  ])('match as Unicode’s within the blocks: %s', (_what, pattern) => {
    const narrowed = withPlanLetters(pattern);
    expect(narrowed.source).not.toContain('\\p{L}');
    expect(narrowed.flags).toBe(pattern.flags);
    const differ: string[] = [];
    everyCodePoint((char) => {
      for (const text of [char, `${char}1`, `A${char}`, `x${char}`, `${char}x`]) if (narrowed.test(text) !== pattern.test(text)) differ.push(text);
    });
    expect(differ).toEqual([]);
  });

});

describe('letters of the plans’ scripts', () => {
  it('Vietnamese letters are letters; a Chinese one is not', () => {
    const word = withPlanLetters(/^\p{L}+$/u);
    expect(word.test('Đường')).toBe(true);
    expect(word.test('ỶĐỹ')).toBe(true);
    expect(/^\p{L}$/u.test('中')).toBe(true);
    expect(word.test('中')).toBe(false);
  });

  it('leaves escaped backslashes, capitals, small letters and other properties as they are', () => {
    expect(withPlanLetters(/\\p\{L\}x\p{L}/u).source).toBe(String.raw`\\p\{L\}x[${LETTER}]`);
    expect(withPlanLetters(/[\]\p{N}\p{Lu}]\p{Ll}\p{L}/u).source).toBe(String.raw`[\]\p{N}\p{Lu}]\p{Ll}[${LETTER}]`);
    const plain = /abc/u;
    expect(withPlanLetters(plain)).toBe(plain);
  });

  it('refuses a pattern without the u flag, where \\p{L} is no property, and one with v, whose classes hold set operations', () => {
    expect(() => withPlanLetters(/\p{L}/)).toThrow(TypeError);
    expect(() => withPlanLetters(new RegExp(String.raw`[\p{L}--[a-z]]`, 'v'))).toThrow(TypeError);
  });
});
