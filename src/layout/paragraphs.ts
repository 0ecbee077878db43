import type { IngestedDocument, SourceLine } from '../ingest/types.js';
import { fromSuperscript, isSplitWord, joinWrapped, toSuperscript } from '../normalise/text-joins.js';
import { normaliseText } from '../normalise/vietnamese.js';
import { parseSectionMarker, startsWithBullet } from '../structure/markers.js';

/** A paragraph of running text, page furniture and footnote bodies removed. */
export interface Paragraph {
  text: string;
  page: number | null;
  bold: boolean;
}

export interface FootnoteBody {
  marker: string;
  text: string;
  page: number | null;
}

export interface Layout {
  paragraphs: Paragraph[];
  footnotes: FootnoteBody[];
}


/** Emphasis left by DOCX-to-text conversion: `*…*`, `**…**`, `***…***`. */
function stripEmphasisMarkers(line: string): string {
  if (!line.includes('*')) return line;
  // An emphasised bullet item opens with the markers before its dash.
  return line.replace(/^\s*\*{1,3}(?=[-+•–]\s)|\*{1,3}(?=[\p{L}\p{N}“"(])|(?<=[\p{L}\p{N}.,;:…”")\]])\*{1,3}/gu, '');
}

interface CleanLine extends SourceLine {
  bold: boolean;
  blank: boolean;
  /** A line that opened with a stray space: the first line of a new page in extracted text. */
  pageStart: boolean;
}

const PAGE_NUMBER = /^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*[-–])?(?:\s*\/\s*\d{1,3})?$/i;

/** A whole line in `**…**` or `***…***`: bold as the converter saw it. */
const WHOLE_LINE_BOLD = /^\s*\*{2,3}[^*\s][^*]*[^*\s]\*{2,3}[.:]?\s*$/u;

function cleanLines(lines: SourceLine[]): CleanLine[] {
  const out: CleanLine[] = [];
  for (const line of lines) {
    const text = normaliseText(line.text);
    const normalised = stripEmphasisMarkers(text);
    const trimmed = normalised.trim();
    // A number alone on a line is a page number (page furniture), never content.
    if (line.role === 'body' && PAGE_NUMBER.test(trimmed)) continue;
    const bold = line.bold ?? WHOLE_LINE_BOLD.test(text);
    out.push({ ...line, text: trimmed.replace(/\s+/g, ' '), bold, blank: trimmed === '', pageStart: /^ \S/.test(normalised) });
  }
  return out;
}

const FOOTNOTE_START = /^(\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s*(?=[\p{Lu}“"(])/u;

/** Does the body text so far carry marker `n`, fused to a word or number ("tội phạm1.", "20302.", "Thành phố¹")? */
function fusedMarkerPattern(n: string): RegExp {
  return new RegExp(`(?:[\\p{Ll}\\p{Lu}”")]|(?:19|20)\\d\\d)${n}(?=[.,;:)\\s]|$)|${toSuperscript(n)}`, 'u');
}

/**
 * Splits footnote bodies out of the line stream. Extracted text puts a
 * footnote body at the page foot, mid-text; it starts with its number and
 * runs until the body text resumes (a new page, a section marker or bullet,
 * or a lower-case continuation after a blank line).
 */
function separateFootnotes(lines: CleanLine[]): { body: CleanLine[]; footnotes: FootnoteBody[] } {
  const body: CleanLine[] = [];
  const footnotes: FootnoteBody[] = [];
  let bodySinceLastFootnote = '';
  let current: FootnoteBody | null = null;
  let sawBlank = false;
  let currentFromFootnoteRole = false;
  for (const line of lines) {
    const start = line.text.match(FOOTNOTE_START);
    const startMarker = start ? (/\d/.test(start[1]!) ? start[1]! : fromSuperscript(start[1]!)) : null;
    const expected = String(footnotes.length + 1);
    // A line the ingester marked as footnote needs only the next number; in running text the body must also carry its marker.
    const opensFootnote =
      startMarker === expected &&
      (line.role === 'footnote' || (!parseSectionMarker(line.text) && fusedMarkerPattern(expected).test(bodySinceLastFootnote)));
    if (opensFootnote) {
      currentFromFootnoteRole = line.role === 'footnote';
      current = { marker: startMarker!, text: line.text.slice(start![0].length).trim(), page: line.page };
      footnotes.push(current);
      bodySinceLastFootnote = '';
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
        current.text = joinWrapped(current.text, line.text);
        sawBlank = false;
        continue;
      }
      current = null;
    }
    if (line.role === 'footnote') {
      // A footnote line the ingester could not attach (no marker seen yet): keep it with the last one.
      const last = footnotes.at(-1);
      if (last) last.text += ' ' + line.text;
      continue;
    }
    body.push(line);
    if (!line.blank) bodySinceLastFootnote += ' ' + line.text;
  }
  return { body, footnotes };
}

/** Removes footnote markers fused to words or numbers, for those footnotes whose bodies were found. */
function detachFusedMarkers(paragraphs: Paragraph[], footnotes: FootnoteBody[]): void {
  let from = 0;
  for (const footnote of footnotes) {
    const sup = toSuperscript(footnote.marker);
    const fused = new RegExp(`([\\p{Ll}\\p{Lu}”")]|(?:19|20)\\d\\d)${footnote.marker}(?=[.,;:)\\s]|$)`, 'u');
    for (let i = from; i < paragraphs.length; i++) {
      const p = paragraphs[i]!;
      if (p.text.includes(sup)) {
        p.text = p.text.replace(sup, '');
        from = i;
        break;
      }
      const m = p.text.match(fused);
      if (m && m.index !== undefined) {
        p.text = p.text.slice(0, m.index + m[1]!.length) + p.text.slice(m.index + m[0].length);
        from = i;
        break;
      }
    }
  }
  // Any superscript digits left are markers of footnotes without a body; drop them from running text.
  for (const p of paragraphs) p.text = p.text.replace(/(?<!⁽)[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?!⁾)/g, '');
}

const TERMINAL = /[.;:!?…]$|\.\/\.$/;

function typicalLineLength(lines: CleanLine[]): number {
  const lengths = lines.filter((l) => !l.blank).map((l) => l.text.length).sort((a, b) => a - b);
  if (lengths.length === 0) return 80;
  return Math.max(40, lengths[Math.floor(lengths.length * 0.75)]!);
}

interface BreakEvidence {
  shortLine: number;
  /** Blank lines mark paragraph ends in this text (not after every line, as some extractors print). */
  blanksSeparateParagraphs: boolean;
  /** Lines far longer than a printed line: the extractor wrote one paragraph per line. */
  linesAreParagraphs: boolean;
}

function isAllCapitals(line: string): boolean {
  return /\p{Lu}{2}/u.test(line) && !/\p{Ll}/u.test(line);
}

/** Does `next` open a new paragraph after `prev`? Used only where the format gives no paragraph boundaries. */
function opensParagraph(prevLine: CleanLine, nextLine: CleanLine, blankBetween: boolean, evidence: BreakEvidence): boolean {
  const { text: prev } = prevLine;
  const { text: next } = nextLine;
  if (parseSectionMarker(next)) return true;
  // A bold title line gives way to regular text: the title has ended.
  if (prevLine.bold && !nextLine.bold) return true;
  // "số 33/QĐ-" / "TTg": a symbol or word split at the line end never ends a paragraph.
  if (isSplitWord(prev, next)) return false;
  const prevEnds = TERMINAL.test(prev) || /[.;:]?["”)]$/.test(prev);
  const prevShort = prev.length < evidence.shortLine;
  if (startsWithBullet(next)) return prevEnds || prevShort || evidence.linesAreParagraphs;
  const nextUpper = /^[\p{Lu}“"(]/u.test(next);
  if (!nextUpper) return false;
  if (prevEnds || prevShort || evidence.linesAreParagraphs) return true;
  // The legal basis opens its own paragraph; mid-sentence the words are lower case.
  if (/^Căn cứ\s/u.test(next)) return true;
  // A change between an all-capitals line (type name, heading, agency) and mixed case is a boundary.
  if (isAllCapitals(prev) !== isAllCapitals(next)) return true;
  // A blank line before a capital, after a line that does not run on (comma, hyphen), ends the paragraph.
  return blankBetween && evidence.blanksSeparateParagraphs && !/[,\-–(]$/.test(prev);
}

function breakEvidence(lines: CleanLine[]): BreakEvidence {
  let transitions = 0;
  let blankTransitions = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.blank) continue;
    transitions++;
    if (lines[i - 1]!.blank) blankTransitions++;
  }
  return {
    shortLine: Math.min(typicalLineLength(lines) * 0.72, 60),
    blanksSeparateParagraphs: transitions > 0 && blankTransitions / transitions < 0.6,
    linesAreParagraphs: typicalLineLength(lines) > 150,
  };
}

function buildParagraphs(lines: CleanLine[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const evidence = breakEvidence(lines);
  let current: Paragraph | null = null;
  let lastLine: CleanLine | null = null;
  let blankBetween = false;
  for (const line of lines) {
    if (line.blank) {
      blankBetween = true;
      continue;
    }
    const startNew = current === null || lastLine === null || (line.startsParagraph ?? opensParagraph(lastLine, line, blankBetween, evidence));
    blankBetween = false;
    if (startNew) {
      current = { text: line.text, page: line.page, bold: line.bold };
      paragraphs.push(current);
    } else {
      current = current!;
      current.text = joinWrapped(current.text, line.text);
      current.bold &&= line.bold;
    }
    lastLine = line;
  }
  return paragraphs;
}

/**
 * Bold is heading evidence only against regular running text: when most
 * unlabelled paragraphs are bold too, the plan is set in bold and says nothing by it.
 */
function ignoreBoldWhenEverywhere(paragraphs: Paragraph[]): void {
  let boldCharacters = 0;
  let characters = 0;
  for (const p of paragraphs) {
    if (parseSectionMarker(p.text)) continue;
    characters += p.text.length;
    if (p.bold) boldCharacters += p.text.length;
  }
  if (boldCharacters > characters / 2) for (const p of paragraphs) p.bold = false;
}

/** The layout stage: lines in, paragraphs and footnote bodies out. */
export function layout(document: IngestedDocument): Layout {
  const lines = cleanLines(document.lines);
  const { body, footnotes } = separateFootnotes(lines);
  const paragraphs = buildParagraphs(body);
  ignoreBoldWhenEverywhere(paragraphs);
  detachFusedMarkers(paragraphs, footnotes);
  for (const f of footnotes) f.text = f.text.replace(/\s+/g, ' ').trim();
  return { paragraphs, footnotes };
}
