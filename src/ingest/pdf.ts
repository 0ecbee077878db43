import { KehoachError } from '../errors.js';
import type { Limits } from '../limits.js';
import { decodeLegacy, detectLegacyEncoding, legacyEncodingWarning, type LegacyEncoding } from '../text/legacy-encodings.js';
import { isSplitWord, toSuperscript } from '../text/joins.js';
import { isHeaderRow } from '../lexicon/columns.js';
import { parseSectionMarker } from '../lexicon/markers.js';
import type { IngestedDocument, Ruling, SourceLine } from '../tree.js';
import { readRulings, type OperatorList } from './pdf-rulings.js';

/**
 * PDF ingestion through pdf.js (legacy build, no eval, no font rendering).
 * A reader only: text items → lines by baseline → segments (runs apart by a
 * wide gap or a table's vertical ruling), legacy fonts decoded, bold faces
 * named, small raised digits made superscript footnote markers. Every
 * segment becomes one positioned `SourceLine`; paragraphs, columns, tables,
 * footnote blocks and page numbers are layout's to decide (src/layout/pdf.ts).
 */

interface Item {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** pdf.js's name for the item's font, to decode legacy-encoded fonts run by run. */
  font: string;
  /** Set in a bold face (from the font's PostScript name). */
  bold: boolean;
}

interface Line {
  y: number;
  size: number;
  items: Item[];
}

interface Segment {
  text: string;
  x: number;
  end: number;
  items: Item[];
}

/** A face whose PostScript name says bold ("TimesNewRomanPS-BoldMT", "Arial,Bold", "LiberationSerif-BoldItalic"). */
const BOLD_FONT_NAME = /bold|black|heavy|demi|semibold/i;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
/**
 * pdf.js's legacy build carries core-js, which on Node 20 replaces
 * Array.prototype.push, JSON.parse and JSON.stringify process-wide with
 * polyfills three to five times slower, for engine edge cases pdf.js never
 * meets. Both bundles are loaded here (the worker's registers itself as
 * `globalThis.pdfjsWorker`, so pdf.js runs it in this thread without a second
 * import) and the natives put back, so neither the later stages nor the
 * application that imported this library pay for them.
 */
async function importPdfJs(): Promise<PdfJs> {
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  try {
    const [library] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
    return library;
  } finally {
    Array.prototype.push = natives.push;
    JSON.parse = natives.parse;
    JSON.stringify = natives.stringify;
  }
}

let pdfjs: Promise<PdfJs> | null = null;
/** pdf.js as ingestion runs it; the benchmark measures the same. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= importPdfJs();
  return pdfjs;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

const round = (v: number): number => Math.round(v * 2) / 2;

/** Groups items into lines by baseline; a small digit raised above a baseline is that line's footnote marker. */
function buildLines(items: Item[], bodySize: number): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  const markers: Item[] = [];
  for (const item of sorted) {
    if (item.size < bodySize * 0.75 && /^\d{1,2}$/.test(item.text.trim())) {
      markers.push(item);
      continue;
    }
    const line = lines.find((l) => Math.abs(l.y - item.y) < Math.max(2, item.size * 0.25));
    if (line) {
      line.items.push(item);
      line.size = Math.max(line.size, item.size);
    } else lines.push({ y: item.y, size: item.size, items: [item] });
  }
  for (const marker of markers) {
    // Raised above a line's baseline by less than a line: a footnote reference in body text, or the number opening a footnote body.
    const host = lines.find((l) => marker.y > l.y && marker.y - l.y < l.size * 0.8 && marker.size < l.size * 0.9 && l.items.some((i) => i.x <= marker.x + 1 || i.x >= marker.x));
    const opensFootnoteBody = host !== undefined && host.size < bodySize * 0.9 && host.items.every((i) => i.x >= marker.x - 1);
    const text = opensFootnoteBody ? marker.text.trim() + ' ' : toSuperscript(marker.text.trim());
    if (host) host.items.push({ ...marker, text });
    else {
      const line = lines.find((l) => Math.abs(l.y - marker.y) < 2);
      if (line) line.items.push(marker);
      else lines.push({ y: marker.y, size: marker.size, items: [marker] });
    }
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines.sort((a, b) => b.y - a.y);
}

/** Every word in a bold face; a footnote marker keeps the face of its own run. */
const isBold = (segment: Segment): boolean => segment.items.every((item) => item.bold || /^[\s⁰¹²³⁴⁵⁶⁷⁸⁹]*$/.test(item.text));

/**
 * Joins a line's items; a wide horizontal gap separates columns, and so does
 * a vertical ruling between two items (table cells set close together).
 * `walls` are the x positions of the vertical rulings crossing this baseline.
 */
function segmentsOf(line: Line, walls: number[] = []): Segment[] {
  const segments: Segment[] = [];
  for (const item of line.items) {
    // Whitespace items span column gaps; spaces are restored from the gaps between words instead.
    if (item.text.trim() === '') continue;
    const last = segments.at(-1);
    const gap = last ? item.x - last.end : 0;
    const walled = last !== undefined && walls.some((x) => x >= last.end - 1 && x <= item.x + 1);
    if (last && gap < line.size * 2.5 && !walled) {
      // No space inside a symbol split into two items ("QĐ-" + "TTg").
      const needsSpace = gap > line.size * 0.15 && !isSplitWord(last.text, item.text) && !last.text.endsWith(' ') && !item.text.startsWith(' ') && !/^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(item.text);
      last.text += (needsSpace ? ' ' : '') + item.text;
      last.end = Math.max(last.end, item.x + item.width);
      last.items.push(item);
    } else segments.push({ text: item.text, x: item.x, end: item.x + item.width, items: [item] });
  }
  return segments;
}

/** Runs of a line apart by more than a word space: the cells of a table row, when they line up. */
function columnStarts(line: Line): number[] {
  const starts: number[] = [];
  let end: number | null = null;
  for (const item of line.items) {
    if (item.text.trim() === '') continue;
    if (end !== null && item.x - end > line.size * 0.4) starts.push(round(item.x));
    end = Math.max(end ?? -Infinity, item.x + item.width);
  }
  return starts;
}

/** The texts of a line's runs apart by more than a word space. */
function runTexts(line: Line): string[] {
  const runs: string[] = [];
  let end: number | null = null;
  for (const item of line.items) {
    if (item.text.trim() === '') continue;
    if (end !== null && item.x - end <= line.size * 0.4) runs[runs.length - 1] += ' ' + item.text;
    else runs.push(item.text);
    end = Math.max(end ?? -Infinity, item.x + item.width);
  }
  return runs;
}

/**
 * Can this page hold a table? Its rulings come with the operator list, which
 * costs about what the page's text did, so only pages that look tabular ask
 * for it: a landscape page (appendix tables), a line reading as a table's
 * header row, or runs starting at one x on three baselines or more (cells
 * of one column, left-aligned).
 */
function mayHoldTable(lines: Line[], width: number, height: number): boolean {
  if (width > height) return true;
  const baselinesAt = new Map<number, number>();
  for (const line of lines) {
    if (line.items.length < 2) continue;
    if (isHeaderRow(runTexts(line))) return true;
    for (const x of new Set(columnStarts(line))) baselinesAt.set(x, (baselinesAt.get(x) ?? 0) + 1);
  }
  return [...baselinesAt.values()].some((count) => count >= 3);
}

/**
 * Legacy-encoded fonts (.VnTime is TCVN3, VNI-Times is VNI) print Vietnamese
 * through Latin-1 code points. Each font's text is tested on its own, so a
 * Unicode header over a TCVN3 body is decoded only where it needs to be.
 */
function decodeLegacyFonts(items: Item[]): IngestedDocument['warnings'] {
  const byFont = new Map<string, Item[]>();
  for (const item of items) {
    const list = byFont.get(item.font);
    if (list) list.push(item);
    else byFont.set(item.font, [item]);
  }
  const found = new Set<LegacyEncoding>();
  for (const fontItems of byFont.values()) {
    const encoding = detectLegacyEncoding(fontItems.map((i) => i.text).join(' '));
    if (!encoding) {
      // What pdf.js would have done: compatibility forms (ligatures, full-width digits) to plain letters.
      for (const item of fontItems) item.text = item.text.normalize('NFKC');
      continue;
    }
    found.add(encoding);
    for (const item of fontItems) {
      // TCVN3 puts "ư" at 0xAD, which a WinAnsi font names "hyphen": pdf.js gives "tr-íc" for "trước".
      const text = encoding === 'TCVN3' ? item.text.replace(/(?<=[a-z\u0080-\u00FF])-(?=[a-z\u0080-\u00FF])/g, '\u00AD') : item.text;
      item.text = decodeLegacy(text, encoding);
    }
  }
  return [...found].map(legacyEncodingWarning);
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

const fontName = (font: unknown): string | null => (font as { name?: string } | null)?.name ?? null;

/** A face carrying less text than this (a symbol, a marker) cannot set a title apart. */
const MIN_FONT_CHARACTERS = 8;

/**
 * Which of pdf.js's font ids are bold faces, among those that can decide a
 * heading: the faces of lines opening with a section marker. Text content
 * names fonts only by id; their PostScript names reach this side with a
 * page's operator list, which costs about what the page's text did. So the
 * pages asked are those naming the most of these faces for their size: a
 * plan costs one short page (often the signature page), not one per page.
 */
async function boldFonts(document: PdfDocument, pages: Array<{ items: Item[]; lines: Array<{ segments: Segment[] }> }>): Promise<Set<string>> {
  const characters = new Map<string, number>();
  for (const { items } of pages) for (const item of items) characters.set(item.font, (characters.get(item.font) ?? 0) + item.text.trim().length);
  const faces = [...characters].filter(([, count]) => count >= MIN_FONT_CHARACTERS).map(([font]) => font);
  // A single face gives no contrast between headings and body.
  if (faces.length < 2) return new Set();
  const wanted = new Set<string>();
  for (const { lines } of pages) {
    for (const { segments } of lines) {
      if (!parseSectionMarker(segments[0]!.text)) continue;
      for (const item of segments.flatMap((s) => s.items)) if (faces.includes(item.font)) wanted.add(item.font);
    }
  }
  const fontsByPage = pages.map(({ items }) => new Set(items.filter((i) => wanted.has(i.font)).map((i) => i.font)));
  const named = new Map<string, string | null>();
  while (named.size < wanted.size) {
    let best = -1;
    let bestScore = 0;
    for (const [index, fonts] of fontsByPage.entries()) {
      let count = 0;
      for (const font of fonts) if (!named.has(font)) count++;
      const score = count / (pages[index]!.items.length + 1);
      if (score > bestScore) [best, bestScore] = [index, score];
    }
    if (best < 0) break;
    const page = await document.getPage(best + 1);
    try {
      await page.getOperatorList();
    } catch {
      // A content stream pdf.js cannot run leaves its fonts unnamed, not the document unread.
    }
    for (const font of fontsByPage[best]!) {
      if (!named.has(font)) named.set(font, page.commonObjs.has(font) ? fontName(page.commonObjs.get(font)) : null);
    }
    page.cleanup();
  }
  return new Set([...named].filter(([, name]) => name !== null && BOLD_FONT_NAME.test(name)).map(([font]) => font));
}

/** How pdf.js is run: no eval, no font faces or system fonts, no XFA (docs/security.md); the benchmark uses the same. */
export const PDF_DOCUMENT_OPTIONS = { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false, verbosity: 0, stopAtErrors: false } as const;
// Raw code points: pdf.js's NFKC would turn TCVN3's µ ("à") into μ before decoding.
export const TEXT_CONTENT_OPTIONS = { disableNormalization: true } as const;

/** Pages whose text is asked for at once. */
const PAGES_IN_FLIGHT = 8;

/**
 * Every page's text content and size, in page order. pdf.js inflates content
 * streams off the main thread, so with several pages in flight this thread
 * parses one page while another inflates. The benchmark's "pdf.js alone" runs
 * this same function.
 */
export async function pageTextContents(document: PdfDocument) {
  const out = [];
  for (let first = 1; first <= document.numPages; first += PAGES_IN_FLIGHT) {
    const numbers = Array.from({ length: Math.min(PAGES_IN_FLIGHT, document.numPages - first + 1) }, (_, i) => first + i);
    const batch = await Promise.all(
      numbers.map(async (pageNumber) => {
        const page = await document.getPage(pageNumber);
        const { width, height } = page.getViewport({ scale: 1 });
        const content = await page.getTextContent(TEXT_CONTENT_OPTIONS);
        page.cleanup();
        return { content, width, height };
      }),
    );
    out.push(...batch);
  }
  return out;
}

export async function ingestPdf(bytes: Uint8Array, limits: Limits): Promise<IngestedDocument> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({ data: new Uint8Array(bytes), ...PDF_DOCUMENT_OPTIONS });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    // pdf.js does not export its exception classes; their names are stable.
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new KehoachError('ENCRYPTED', 'the PDF is password-protected');
    if (name === 'InvalidPDFException') throw new KehoachError('CORRUPT_INPUT', `not a readable PDF (${(error as Error).message})`);
    throw new KehoachError('CORRUPT_INPUT', `the PDF could not be opened (${(error as Error).message})`);
  }
  try {
    const pageCount = document.numPages;
    if (pageCount === 0) throw new KehoachError('NO_TEXT_LAYER', 'the PDF has no pages', { details: { pageCount } });
    if (pageCount > limits.maxPages) {
      throw new KehoachError('LIMIT_EXCEEDED', `the PDF has ${pageCount} pages, over the maxPages limit of ${limits.maxPages}`, { details: { limit: 'maxPages', value: pageCount } });
    }
    const out: SourceLine[] = [];
    let characters = 0;
    const pages: Array<{ items: Item[]; width: number; height: number }> = [];
    for (const { content, width, height } of await pageTextContents(document)) {
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const [a, b, , , x, y] = raw.transform as number[];
        items.push({ text: raw.str, x: x!, y: y!, width: raw.width, size: round(Math.hypot(a!, b!)), font: raw.fontName, bold: false });
        characters += raw.str.trim().length;
      }
      pages.push({ items, width, height });
    }
    if (characters < 20) {
      throw new KehoachError('NO_TEXT_LAYER', `the PDF has ${pageCount} page(s) but no text layer (a scan?): run OCR first`, { details: { pageCount } });
    }
    const warnings = decodeLegacyFonts(pages.flatMap((p) => p.items));
    // The body font size of the whole document: a last page holding only a signature must not redefine it.
    const bodySize = mode(pages.flatMap((p) => p.items.filter((i) => i.text.trim().length > 3).map((i) => i.size)));
    // Margins and line spacing of the whole document: a short last page cannot tell them.
    const pageLines = pages.map((p) => buildLines(p.items, bodySize).map((line) => ({ line, segments: segmentsOf(line) })).filter((l) => l.segments.length > 0));
    const bold = await boldFonts(document, pages.map((page, i) => ({ items: page.items, lines: pageLines[i]! })));
    for (const page of pages) for (const item of page.items) item.bold = bold.has(item.font);
    const pageLayouts = pageLines.map((lines, i) => pageLayout(lines.filter((l) => l.line.size >= bodySize * 0.9), pages[i]!.width));
    const indents = pageLayouts.flatMap((l) => (l.indent === null ? [] : [l.indent]));
    const layout: PageLayout = {
      left: mode(pageLayouts.map((l) => l.left)),
      right: mode(pageLayouts.map((l) => round(l.right))),
      spacing: mode(pageLayouts.map((l) => l.spacing)),
      indent: indents.length ? mode(indents) : null,
    };
    const textWidth = layout.right - layout.left;
    const middle = layout.left + textWidth / 2;
    for (const [index, { items, height: pageHeight }] of pages.entries()) {
      const pageNumber = index + 1;
      if (items.length === 0) continue;
      const lines = pageLines[index]!;
      const lastBodyY = Math.min(...lines.filter((l) => l.line.size >= bodySize * 0.9).map((l) => l.line.y));
      // Small-font lines at the page foot are footnotes only when their block opens with a footnote number;
      // otherwise (a recipients list in a smaller font) they are body text.
      const inFootBlock = (line: Line): boolean => line.size < bodySize * 0.85 && line.y <= lastBodyY + 1;
      const footBlock = lines.filter((l) => inFootBlock(l.line));
      const hasFootnotes = footBlock.length > 0 && /^\s*\d{1,2}\s*\S/.test(footBlock[0]!.segments.map((s) => s.text).join(' ')) && !/^\s*\d{1,2}\s*[.)]/.test(footBlock[0]!.segments[0]!.text);
      let previousY: number | null = null;
      let previousEnd = layout.right;
      let previousBold = false;
      let columnBlock: Array<{ text: string; column: 0 | 1; bold: boolean; box: Box; size: number }> = [];
      const boxOf = (x: number, end: number, y: number, size: number): Box => ({ x, y: pageHeight - y - size, width: end - x, height: size });
      const line = (text: string, box: Box, startsParagraph: boolean | null, role: 'body' | 'footnote', bold: boolean | null, size: number): SourceLine => ({
        text,
        origin: { page: pageNumber, box, paragraph: null, cell: null, offset: null },
        fontSize: size,
        bold,
        startsParagraph,
        role,
      });
      const flushColumns = (): void => {
        // A two-column block (header or signature table) is read column by column, one line a paragraph,
        // except a line going on in lower case: a wrapped item ("… trên địa bàn thành" / "phố;").
        for (const column of [0, 1] as const) {
          for (const part of columnBlock.filter((p) => p.column === column)) {
            out.push(line(part.text, part.box, !/^\p{Ll}/u.test(part.text), 'body', part.bold, part.size));
          }
        }
        columnBlock = [];
      };
      for (const { line: baseline, segments } of lines) {
        const lineBox = boxOf(segments[0]!.x, segments.at(-1)!.end, baseline.y, baseline.size);
        const text = segments.map((s) => s.text).join(' ');
        const isFootnote = hasFootnotes && inFootBlock(baseline);
        // A lone number at the top or foot of a page is its page number.
        if (!isFootnote && /^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$/.test(text) && (baseline.y > pageHeight * 0.85 || baseline.y < pageHeight * 0.1)) continue;
        if (isFootnote) {
          flushColumns();
          out.push(line(text, lineBox, null, 'footnote', null, baseline.size));
          continue;
        }
        const width = segments.at(-1)!.end - segments[0]!.x;
        // A block in the right half only (signature) or a split line (header table) opens a two-column block.
        const isColumnLine = segments.length > 1 || (width < textWidth * 0.6 && (columnBlock.length > 0 || segments[0]!.x > middle));
        if (isColumnLine) {
          for (const s of segments) columnBlock.push({ text: s.text, column: (s.x + s.end) / 2 < middle ? 0 : 1, bold: isBold(s), box: boxOf(s.x, s.end, baseline.y, baseline.size), size: baseline.size });
          previousY = baseline.y;
          continue;
        }
        flushColumns();
        const x = segments[0]!.x;
        const gap = previousY === null ? Infinity : previousY - baseline.y;
        // A short first line at the paragraph indent can sit near the middle by chance; it is indented, not centred.
        const atIndent = layout.indent !== null && Math.abs(x - layout.indent) < 1.5;
        const centered = !atIndent && Math.abs((x + segments.at(-1)!.end) / 2 - middle) < 12 && width < textWidth * 0.9 && x > layout.left + 15;
        const indented = x > layout.left + 8 && !centered;
        const bold = segments.every(isBold);
        // A short last line ends a paragraph when a wider gap follows, a bold title gives way to regular text,
        // or a bullet item opens at the margin (a recipients list, set tighter than the body).
        const afterShortLine = previousEnd < layout.right - textWidth * 0.25 && x <= layout.left + 8 && (gap > layout.spacing * 1.05 || (previousBold && !bold) || startsWithBullet(text));
        const startsParagraph = previousY === null ? true : indented || gap > layout.spacing * 1.15 || (!centered && afterShortLine);
        out.push(line(text, lineBox, startsParagraph, 'body', bold, baseline.size));
        previousY = baseline.y;
        previousEnd = segments.at(-1)!.end;
        previousBold = bold;
      }
      flushColumns();
    }
    return { format: 'pdf', pageCount, lines: out, pages: pages.map((p, i) => ({ number: i + 1, width: p.width, height: p.height, rulings: [] })), warnings };
  } finally {
    await document.destroy();
  }
}
