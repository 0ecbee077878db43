import type { Box, Furniture, Origin, PageInfo, Paragraph, Piece, SourceLine, Table } from '../tree.js';
import { BULLET } from '../lexicon/markers.js';
import { collapseSpaces, isSplitWord } from '../text/joins.js';

/** A source line made ready for layout: trimmed, emphasis markers out, blank and page-start flags set. */
export interface LayoutLine {
  text: string;
  /** The line before white space was collapsed: tab-separated cells show only here. */
  raw: string;
  /** Nothing but white space: a paragraph gap in extracted text. */
  blank: boolean;
  /** Opened with a stray space: the first line of a new page in extracted text. */
  pageStart: boolean;
  bold: boolean;
  page: number | null;
  fontSize: number | null;
  origin: Origin;
  role: 'body' | 'footnote';
  /** Decided by the format (DOCX paragraphs) or a format's layout reader (PDF geometry); null: decide from the text. */
  startsParagraph: boolean | null;
}

/**
 * What a format's reader hands the shared layout: lines in reading order
 * (paragraph starts decided where the format can tell) and tables, in place.
 */
export type FlowItem = { kind: 'line'; line: LayoutLine } | { kind: 'table'; table: Table };

/** Emphasis left by DOCX-to-text conversion: `*…*`, `**…**`, `***…***`. */
function stripEmphasisMarkers(line: string): string {
  if (!line.includes('*')) return line;
  // An emphasised bullet item opens with the markers before its dash.
  return line.replace(/^\s*\*{1,3}(?=[-+•–]\s)|\*{1,3}(?=[\p{L}\p{N}“"(])|(?<=[\p{L}\p{N}.,;:…”")\]])\*{1,3}/gu, '');
}

const PAGE_NUMBER = /^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*[-–])?(?:\s*\/\s*\d{1,3})?$/i;
/** A rule of dashes, underscores or stars under the title or the header: "-----", "_______", "***". */
const SEPARATOR = /^[-–—_=*.·•]{3,}$/u;

/** A whole line in `**…**` or `***…***`: bold as the converter saw it. */
const WHOLE_LINE_BOLD = /^\s*\*{2,3}[^*\s][^*]*[^*\s]\*{2,3}[.:]?\s*$/u;

/** What a line alone on itself is, when it is page furniture rather than content. */
export function furnitureKind(text: string): Furniture['kind'] | null {
  if (PAGE_NUMBER.test(text)) return 'page-number';
  if (SEPARATOR.test(text)) return 'separator';
  return null;
}

/**
 * Cleans normalised source lines for layout. Page numbers and separator rules
 * alone on a line are labelled as furniture and kept apart (their origins
 * survive in the tree); every other line goes on.
 */
export function cleanLines(lines: SourceLine[], pages: PageInfo[] = []): { lines: LayoutLine[]; furniture: Furniture[] } {
  const out: LayoutLine[] = [];
  const furniture: Furniture[] = [];
  const sharesBaseline = baselineNeighbours(lines);
  const runningHead = runningHeads(lines, pages);
  for (const line of lines) {
    const stripped = stripEmphasisMarkers(line.text);
    const trimmed = stripped.trim();
    const kind = line.role === 'body' ? (furnitureKind(trimmed) ?? (runningHead(line) ? 'running-head' : null)) : null;
    // A number in a table cell, or beside other text on its baseline mid-page (a PDF table's STT), is content.
    if (kind === 'page-number' && (line.origin.cell || (!inPageMargin(line, pages) && sharesBaseline(line)))) {
      out.push(toLayoutLine(line, stripped, trimmed));
      continue;
    }
    if (kind) {
      furniture.push({ kind, text: trimmed, origin: line.origin });
      continue;
    }
    out.push(toLayoutLine(line, stripped, trimmed));
  }
  return { lines: out, furniture };
}

/** A line's text with its digits out, so "Trang 2" and "Trang 3", or a title with its page number, compare equal. */
const withoutDigits = (text: string): string => collapseSpaces(/\d/.test(text) ? text.replace(/\d+/g, '#') : text).trim();

/**
 * Running heads and feet of a PDF: the same text (digits aside) in the top or
 * bottom band of at least three pages, or of every page from the second on
 * in a shorter document. A line that is content never repeats that way.
 */
function runningHeads(lines: SourceLine[], pages: PageInfo[]): (line: SourceLine) => boolean {
  if (pages.length < 3) return () => false;
  const pagesOf = new Map<string, Set<number>>();
  // Each margin line's key, made once: the question below is asked of the same lines.
  const keys = new Map<SourceLine, string>();
  for (const line of lines) {
    if (line.origin.page === null || !inPageMargin(line, pages)) continue;
    const key = withoutDigits(line.text);
    keys.set(line, key);
    if (line.text.trim().length < 4) continue;
    const set = pagesOf.get(key) ?? new Set<number>();
    set.add(line.origin.page);
    pagesOf.set(key, set);
  }
  const needed = Math.min(3, pages.length - 1);
  return (line) => {
    const key = keys.get(line);
    return key !== undefined && (pagesOf.get(key)?.size ?? 0) >= needed;
  };
}

/** For PDF lines: does another line of the same page sit on the same baseline (the other cells of a table row)? */
function baselineNeighbours(lines: SourceLine[]): (line: SourceLine) => boolean {
  const byPage = new Map<number, SourceLine[]>();
  for (const line of lines) {
    if (line.origin.page === null || !line.origin.box) continue;
    const list = byPage.get(line.origin.page);
    if (list) list.push(line);
    else byPage.set(line.origin.page, [line]);
  }
  const bottom = (box: Box): number => box.y + box.height;
  return (line) => {
    const box = line.origin.box;
    if (!box || line.origin.page === null) return false;
    return (byPage.get(line.origin.page) ?? []).some((other) => other !== line && other.origin.box !== null && Math.abs(bottom(other.origin.box) - bottom(box)) < 2);
  };
}

function toLayoutLine(line: SourceLine, stripped: string, trimmed: string): LayoutLine {
  return {
    text: collapseSpaces(trimmed),
    raw: stripped,
    blank: trimmed === '',
    pageStart: /^ \S/.test(stripped),
    bold: line.bold ?? WHOLE_LINE_BOLD.test(line.text),
    page: line.origin.page,
    fontSize: line.fontSize,
    origin: line.origin,
    role: line.role,
    startsParagraph: line.startsParagraph,
  };
}

/**
 * The length three quarters of the non-blank lines reach at most (the
 * element at ⌊0.75·n⌋ of their sorted lengths); undefined without any. Found
 * by counting lengths rather than sorting them: it is asked of every line of
 * the text, twice.
 */
export function thirdQuartileLength(lines: readonly LayoutLine[]): number | undefined {
  let longest = 0;
  let count = 0;
  for (const line of lines) {
    if (line.blank) continue;
    count++;
    if (line.text.length > longest) longest = line.text.length;
  }
  if (count === 0) return undefined;
  const byLength = new Uint32Array(longest + 1);
  for (const line of lines) if (!line.blank) byLength[line.text.length]!++;
  let rank = Math.floor(count * 0.75);
  for (let length = 0; length <= longest; length++) {
    rank -= byLength[length]!;
    if (rank < 0) return length;
  }
  return longest;
}

/** Is the line in the top or bottom band of its PDF page, where page numbers stand? True where the format has no pages. */
function inPageMargin(line: SourceLine, pages: PageInfo[]): boolean {
  const { box, page } = line.origin;
  const info = page === null ? undefined : pages[page - 1];
  if (!box || !info) return true;
  return box.y < info.height * 0.12 || box.y + box.height > info.height * 0.9;
}

/** The smallest box holding both (null-safe). */
export function unionBox(a: Box | null, b: Box | null): Box | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** A paragraph holding one line. */
export function paragraphOf(line: LayoutLine): Paragraph {
  const bullet = line.text.match(BULLET)?.[0].trim() ?? null;
  return { kind: 'paragraph', text: line.text, page: line.page, bold: line.bold, bullet, pieces: [{ start: 0, end: line.text.length, origin: line.origin }] };
}

// The last line appended to each paragraph: the split-word test reads it, not the paragraph's text, which V8 would
// flatten at every append (a paragraph of thousands of lines would cost time quadratic in its length).
const lastLines = new WeakMap<Paragraph, string>();

/** Appends a wrapped line to a paragraph: no space where a word or number was split at the line end. */
export function appendLine(paragraph: Paragraph, line: LayoutLine): void {
  const joiner = isSplitWord(lastLines.get(paragraph) ?? paragraph.text.slice(-3), line.text) ? '' : ' ';
  lastLines.set(paragraph, line.text);
  const start = paragraph.text.length + joiner.length;
  paragraph.text += joiner + line.text;
  paragraph.pieces.push({ start, end: paragraph.text.length, origin: line.origin });
  paragraph.bold &&= line.bold;
}

/** Replaces [start, end) of a paragraph's text, keeping its pieces aligned with the text. */
export function spliceParagraph(paragraph: Paragraph, start: number, end: number, replacement = ''): void {
  const delta = replacement.length - (end - start);
  paragraph.text = paragraph.text.slice(0, start) + replacement + paragraph.text.slice(end);
  const moved = (offset: number): number => (offset >= end ? offset + delta : offset > start ? start + Math.min(offset - start, replacement.length) : offset);
  paragraph.pieces = paragraph.pieces.map((piece: Piece) => ({ ...piece, start: moved(piece.start), end: moved(piece.end) })).filter((p) => p.end > p.start || paragraph.text.length === 0);
}

/**
 * One origin for text gathered from several, added one at a time: the first
 * one's page, paragraph and cell, the boxes (on its page) and offsets they
 * span. A span can cover thousands of pieces (a whole section), so the union
 * is kept in numbers, not in a new box per origin; a box or offset no other
 * one widened is handed on as it came.
 */
export class OriginUnion {
  private first: Origin | null = null;
  private box: Box | null = null;
  private offset: Origin['offset'] = null;
  private boxWidened = false;
  private offsetWidened = false;
  private x = 0;
  private y = 0;
  private width = 0;
  private height = 0;
  private start = 0;
  private end = 0;

  add(origin: Origin): void {
    if (this.first === null) {
      this.first = origin;
      this.box = origin.box;
      this.offset = origin.offset;
      return;
    }
    const box = origin.box;
    if (origin.page === this.first.page && box) {
      if (this.box === null && !this.boxWidened) this.box = box;
      else this.widenBox(box);
    }
    if (origin.offset && (this.offset || this.offsetWidened)) {
      if (!this.offsetWidened) {
        this.start = this.offset!.start;
        this.end = this.offset!.end;
        this.offsetWidened = true;
      }
      this.start = Math.min(this.start, origin.offset.start);
      this.end = Math.max(this.end, origin.offset.end);
    }
  }

  /** What `unionBox` computes, in the same floating-point operations, so the box is the one it would give. */
  private widenBox(other: Box): void {
    if (!this.boxWidened) {
      const box = this.box!;
      this.x = box.x;
      this.y = box.y;
      this.width = box.width;
      this.height = box.height;
      this.boxWidened = true;
    }
    const x = Math.min(this.x, other.x);
    const y = Math.min(this.y, other.y);
    this.width = Math.max(this.x + this.width, other.x + other.width) - x;
    this.height = Math.max(this.y + this.height, other.y + other.height) - y;
    this.x = x;
    this.y = y;
  }

  origin(): Origin {
    const first = this.first;
    if (!first) return { page: null, box: null, paragraph: null, cell: null, offset: null };
    const box = this.boxWidened ? { x: this.x, y: this.y, width: this.width, height: this.height } : this.box;
    const offset = this.offsetWidened ? { start: this.start, end: this.end } : this.offset;
    return { page: first.page, box, paragraph: first.paragraph, cell: first.cell, offset };
  }
}
