/**
 * Every match of a global pattern in `text`, from its start: what
 * `text.matchAll(pattern)` yields, without its cost. matchAll copies the
 * pattern on every call, and V8 finds the copy's compiled code by the
 * pattern's source: for a pattern with letter classes written out (some
 * hundreds of characters) that lookup cost more than the search, paragraph
 * after paragraph. Here the pattern itself runs; its lastIndex is 0 again
 * when this returns.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: /${pattern.source}/${pattern.flags}`);
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  try {
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      matches.push(match);
      // An empty match moves on by one character (a whole code point under u or v), as matchAll does.
      if (match[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
    }
  } finally {
    pattern.lastIndex = 0;
  }
  return matches;
}

function nextIndex(text: string, index: number, byCodePoint: boolean): number {
  if (!byCodePoint || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
