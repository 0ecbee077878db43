import type { FootnoteBody, Paragraph } from '../tree.js';
import { parseSectionMarker, startsWithBullet } from '../lexicon/markers.js';
import { PLACE_DATE_LINE } from '../lexicon/parts.js';
import { fromSuperscript, isSplitWord, joinWrapped, toSuperscript } from '../text/joins.js';
import { appendLine, paragraphOf, spliceParagraph, thirdQuartileLength, type LayoutLine } from './lines.js';
import { matchTypeName } from './parts.js';

const FOOTNOTE_START = /^(\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s*(?=[\p{Lu}“"(])/u;

/** Does a line carry marker `n`, fused to a word or number ("tội phạm1.", "20302.", "Thành phố¹")? */
function fusedMarkerTest(n: string): (text: string) => boolean {
  const superscript = toSuperscript(n);
  const pattern = new RegExp(`(?:[\\p{Ll}\\p{Lu}”")]|(?:19|20)\\d\\d)${n}(?=[.,;:)\\s]|$)|${superscript}`, 'u');
  // Either form holds the marker's own characters: a plain search passes over most lines before the pattern runs.
  return (text) => (text.includes(n) || text.includes(superscript)) && pattern.test(text);
}

/**
 * Splits footnote bodies out of the line stream. Extracted text puts a
 * footnote body at the page foot, mid-text; it starts with its number and
 * runs until the body text resumes (a new page, a section marker or bullet,
 * or a lower-case continuation after a blank line).
 */
export function separateFootnotes(lines: LayoutLine[]): { body: LayoutLine[]; footnotes: FootnoteBody[] } {
  const body: LayoutLine[] = [];
  const footnotes: FootnoteBody[] = [];
  // The next footnote's number, and whether the body since the last footnote carries it fused to a word: read line
  // by line as the body grows (a fused marker lies within one line), not by searching all of it again at every
  // line that opens with that number.
  let expected = '1';
  let fusedExpected = fusedMarkerTest(expected);
  let expectedInBody = false;
  let current: FootnoteBody | null = null;
  let sawBlank = false;
  let currentFromFootnoteRole = false;
  for (const line of lines) {
    const start = line.text.match(FOOTNOTE_START);
    const startMarker = start ? (/\d/.test(start[1]!) ? start[1]! : fromSuperscript(start[1]!)) : null;
    // A line the ingester marked as footnote needs only the next number; in running text the body must also carry its marker.
    const opensFootnote =
      startMarker === expected &&
      (line.role === 'footnote' || (!parseSectionMarker(line.text) && expectedInBody));
    if (opensFootnote) {
      currentFromFootnoteRole = line.role === 'footnote';
      const text = line.text.slice(start![0].length).trim();
      current = { marker: startMarker!, text, page: line.page, pieces: [{ start: 0, end: text.length, origin: line.origin }] };
      footnotes.push(current);
      expected = String(footnotes.length + 1);
      fusedExpected = fusedMarkerTest(expected);
      expectedInBody = false;
      sawBlank = false;
      continue;
    }
    if (current) {
      if (line.blank) {
        sawBlank = true;
        continue;
      }
      // After a footnote the ingester marked, any body line resumes the body; in plain text, only clear signs do.
      const resumesBody =
        line.role === 'body' &&
        (currentFromFootnoteRole || line.pageStart || parseSectionMarker(line.text) !== null || startsWithBullet(line.text) || (sawBlank && /^[\p{Ll}]/u.test(line.text)));
      if (!resumesBody) {
        appendToFootnote(current, joinWrapped(current.text, line.text), line);
        sawBlank = false;
        continue;
      }
      current = null;
    }
    if (line.role === 'footnote') {
      // A footnote line the ingester could not attach (no marker seen yet): keep it with the last one.
      const last = footnotes.at(-1);
      if (last) appendToFootnote(last, `${last.text} ${line.text}`, line);
      continue;
    }
    body.push(line);
    if (!line.blank && !expectedInBody) expectedInBody = fusedExpected(line.text);
  }
  return { body, footnotes };
}

/** A footnote body grows by a line: `joined` is its text with the line appended. */
function appendToFootnote(footnote: FootnoteBody, joined: string, line: LayoutLine): void {
  footnote.pieces.push({ start: joined.length - line.text.length, end: joined.length, origin: line.origin });
  footnote.text = joined;
}

/** Removes footnote markers fused to words or numbers, for those footnotes whose bodies were found. */
export function detachFusedMarkers(paragraphs: Paragraph[], footnotes: FootnoteBody[]): void {
  let from = 0;
  for (const footnote of footnotes) {
    const sup = toSuperscript(footnote.marker);
    const fused = new RegExp(`([\\p{Ll}\\p{Lu}”")]|(?:19|20)\\d\\d)${footnote.marker}(?=[.,;:)\\s]|$)`, 'u');
    for (let i = from; i < paragraphs.length; i++) {
      const p = paragraphs[i]!;
      const at = p.text.indexOf(sup);
      if (at >= 0) {
        spliceParagraph(p, at, at + sup.length);
        from = i;
        break;
      }
      const m = p.text.includes(footnote.marker) ? p.text.match(fused) : null;
      if (m && m.index !== undefined) {
        spliceParagraph(p, m.index + m[1]!.length, m.index + m[0].length);
        from = i;
        break;
      }
    }
  }
  // Any superscript digits left are markers of footnotes without a body; drop them from running text.
  for (const p of paragraphs) {
    for (let m = p.text.match(/(?<!⁽)[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?!⁾)/); m && m.index !== undefined; m = p.text.match(/(?<!⁽)[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?!⁾)/)) {
      spliceParagraph(p, m.index, m.index + m[0].length);
    }
  }
}

const TERMINAL = /[.;:!?…]$|\.\/\.$/;

function typicalLineLength(lines: LayoutLine[]): number {
  const length = thirdQuartileLength(lines);
  return length === undefined ? 80 : Math.max(40, length);
}

export interface BreakEvidence {
  shortLine: number;
  /** Blank lines mark paragraph ends in this text (not after every line, as some extractors print). */
  blanksSeparateParagraphs: boolean;
  /** Lines far longer than a printed line: the extractor wrote one paragraph per line. */
  linesAreParagraphs: boolean;
}

/** A line in capitals: a heading, type name or agency. A wrapped period ("Quý" / "IV/2025.") has too few letters to be one. */
function isAllCapitals(line: string): boolean {
  return /\p{Lu}{2}/u.test(line) && !/\p{Ll}/u.test(line) && (line.match(/\p{L}/gu)?.length ?? 0) >= 4;
}

/** Does `next` open a new paragraph after `prev`? Used only where the format gives no paragraph boundaries. */
function opensParagraph(prevLine: LayoutLine, nextLine: LayoutLine, blankBetween: boolean, evidence: BreakEvidence, clause: OpenClause): boolean {
  const { text: prev } = prevLine;
  const { text: next } = nextLine;
  if (parseSectionMarker(next)) return true;
  // A bold title line gives way to regular text: the title has ended.
  if (prevLine.bold && !nextLine.bold) return true;
  // The header's place and date ("Hà Nội, ngày 05 tháng 01 năm 2026") is a line of its own.
  if (PLACE_DATE_LINE.test(prev)) return true;
  // "số 33/QĐ-" / "TTg": a symbol or word split at the line end never ends a paragraph.
  if (isSplitWord(prev, next)) return false;
  const prevEnds = TERMINAL.test(prev) || /[.;:]?["”)]$/.test(prev);
  const prevShort = prev.length < evidence.shortLine;
  // A bullet opening a capitalised word ("- Căn cứ …") starts an item even after a full line; a dash inside a
  // wrapped compound ("chính trị\n- xã hội", "KINH TẾ\n- XÃ HỘI") is followed by lower case or capitals only.
  if (startsWithBullet(next)) return prevEnds || prevShort || evidence.linesAreParagraphs || /^\S\s+\p{Lu}\p{Ll}/u.test(next.trimStart());
  // The type name ("KẾ HOẠCH") is a line of its own, even when the subject after it opens in lower case as Party plans print it.
  if (matchTypeName(prev)?.rest === '') return true;
  const nextUpper = /^[\p{Lu}“"(]/u.test(next);
  if (!nextUpper) return false;
  if (!prevShort && !blankBetween && continuesClause(clause, prev)) return false;
  if (prevEnds || prevShort || evidence.linesAreParagraphs) return true;
  // The legal basis opens its own paragraph; mid-sentence the words are lower case.
  if (/^Căn cứ\s/u.test(next) || (/^Thực hiện\s/u.test(next) && !/(?:,|\svà)$/u.test(prev))) return true;
  // A change between an all-capitals line (type name, heading, agency) and mixed case is a boundary.
  if (isAllCapitals(prev) !== isAllCapitals(next)) return true;
  // A blank line before a capital, after a line that does not run on (comma, hyphen), ends the paragraph.
  return blankBetween && evidence.blanksSeparateParagraphs && !/[,\-–(]$/.test(prev);
}

/**
 * A full line that ends inside a clause the paragraph has opened: a bracket not yet closed ("(Ủy ban nhân dân
 * các huyện thực hiện;" / "Sở … hướng dẫn)"), or a list of names after a label, separated by semicolons
 * ("+ Đơn vị phối hợp: Sở …; các cơ quan báo chí của tỉnh;" / "Ủy ban nhân dân …"). The next capital is a name, not a paragraph.
 */
function continuesClause(clause: OpenClause, prev: string): boolean {
  if (clause.openBrackets > 0 && !/[.!?]$/.test(prev)) return true;
  return /;$/.test(prev) && /^\S+\s+[^:;.]{1,40}:\s+\S[^.]*;/u.test(clause.opening) && startsWithBullet(clause.opening);
}

/** What continuesClause needs of the paragraph so far, kept as lines are added: the whole paragraph is never scanned again per line. */
interface OpenClause {
  /** "(" less ")" so far. */
  openBrackets: number;
  /** The paragraph's first few hundred characters: where a label and its list begin. */
  opening: string;
}

const OPENING_LENGTH = 300;

function extendClause(clause: OpenClause, line: string): void {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 40) clause.openBrackets++;
    else if (code === 41) clause.openBrackets--;
  }
  if (clause.opening.length >= OPENING_LENGTH) return;
  // As `${opening} ${line}`.trimStart().slice(0, OPENING_LENGTH), without copying the whole line: a non-empty opening starts with no space.
  if (clause.opening === '') clause.opening = line.trimStart().slice(0, OPENING_LENGTH);
  else clause.opening = `${clause.opening} ${line.slice(0, OPENING_LENGTH - clause.opening.length - 1)}`;
}

export function breakEvidence(lines: LayoutLine[]): BreakEvidence {
  let transitions = 0;
  let blankTransitions = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.blank) continue;
    transitions++;
    if (lines[i - 1]!.blank) blankTransitions++;
  }
  const typical = typicalLineLength(lines);
  return {
    shortLine: Math.min(typical * 0.72, 60),
    blanksSeparateParagraphs: transitions > 0 && blankTransitions / transitions < 0.6,
    linesAreParagraphs: typical > 150,
  };
}

/** Joins lines into paragraphs, where the format left the boundaries open by the textual cues of opensParagraph. */
export function buildParagraphs(lines: LayoutLine[], evidence: BreakEvidence = breakEvidence(lines)): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let lastLine: LayoutLine | null = null;
  let blankBetween = false;
  let clause: OpenClause = { openBrackets: 0, opening: '' };
  for (const line of lines) {
    if (line.blank) {
      blankBetween = true;
      continue;
    }
    const startNew = current === null || lastLine === null || (line.startsParagraph ?? opensParagraph(lastLine, line, blankBetween, evidence, clause));
    blankBetween = false;
    if (startNew) {
      current = paragraphOf(line);
      paragraphs.push(current);
      clause = { openBrackets: 0, opening: '' };
    } else appendLine(current!, line);
    extendClause(clause, line.text);
    lastLine = line;
  }
  return paragraphs;
}

/**
 * Bold is heading evidence only against regular running text: when most
 * unlabelled paragraphs are bold too, the plan is set in bold and says nothing by it.
 */
export function ignoreBoldWhenEverywhere(paragraphs: Paragraph[]): void {
  let boldCharacters = 0;
  let characters = 0;
  for (const p of paragraphs) {
    if (parseSectionMarker(p.text)) continue;
    characters += p.text.length;
    if (p.bold) boldCharacters += p.text.length;
  }
  if (boldCharacters > characters / 2) for (const p of paragraphs) p.bold = false;
}

