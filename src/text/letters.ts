import { LETTER } from './letter-classes.js';

/**
 * Letters, as the patterns that run over every paragraph see them.
 *
 * `\p{L}` spans every script of Unicode. In a large pattern, and more so
 * one that ignores case, V8 compiles it into code that costs more than
 * reading a one-page plan: a fresh process spent some 30 ms on it before
 * its first document was done. Plans are written in Latin letters with
 * Vietnamese diacritics, with the odd Greek or Cyrillic symbol, so those
 * patterns take their letters from these scripts' blocks instead
 * (./letter-classes.ts): within the blocks exactly Unicode's letters; a
 * letter of another script (Chinese, Arabic…) is not one to them.
 * Capitals and small letters (`\p{Lu}`, `\p{Ll}`) stay Unicode's: written
 * out for these blocks they are hundreds of single letters, slower to match
 * than V8's own tables, paragraph after paragraph.
 */
export function withPlanLetters(pattern: RegExp): RegExp {
  // Without the u flag \p{L} is no property; with v, a class may hold set operations this rewriting does not read.
  if (!pattern.unicode) throw new TypeError(`withPlanLetters reads u-flag patterns only: /${pattern.source}/${pattern.flags}`);
  const source = pattern.source;
  if (!source.includes('\\p{L}')) return pattern;
  // Tokens that matter: the property, any other escape (\] stays inside a class), and the class brackets.
  let inClass = false;
  const out = source.replace(/\\p\{L\}|\\[\s\S]|[[\]]/g, (token) => {
    if (token === '\\p{L}') return inClass ? LETTER : `[${LETTER}]`;
    if (token === '[') inClass = true;
    else if (token === ']') inClass = false;
    return token;
  });
  return new RegExp(out, pattern.flags);
}
