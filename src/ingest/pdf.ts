import { KehoachError, libraryCause } from '../errors.js';
import { mode, roundToHalf } from '../measure.js';
import type { Limits } from '../limits.js';
import { decodeLegacy, detectLegacyEncoding, legacyEncodingWarning, type LegacyEncoding } from '../text/legacy-encodings.js';
import { isSplitWord, toSuperscript } from '../text/joins.js';
import { isHeaderRow } from '../lexicon/columns.js';
import { parseSectionMarker } from '../lexicon/markers.js';
import type { IngestedDocument, Ruling, SourceLine } from '../tree.js';
import { readRulings, type OperatorList } from './pdf-rulings.js';
import { loadPdfJs, type PdfJs } from './pdfjs.js';
import { reason } from '../messages.js';

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

export { loadPdfJs } from './pdfjs.js';

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
    // The first line whose baseline is within the tolerance. Items come top down, so every line so far sits
    // at or above this item, lowest last: the lines within reach are the last few, and the first of them is it.
    const tolerance = Math.max(2, item.size * 0.25);
    let reached = lines.length;
    while (reached > 0 && lines[reached - 1]!.y - item.y < tolerance) reached--;
    const line = lines[reached];
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

/** An item of spaces and digits, raised or not: a footnote marker, which does not make a segment's size. */
const DIGITS_OR_SPACE = /^[\s⁰¹²³⁴⁵⁶⁷⁸⁹\d]*$/;
/** An item of spaces and raised digits: a footnote marker, which keeps the face of its own run. */
const SUPERSCRIPT_OR_SPACE = /^[\s⁰¹²³⁴⁵⁶⁷⁸⁹]*$/;

/** Every word in a bold face. */
const isBold = (segment: Segment): boolean => segment.items.every((item) => item.bold || SUPERSCRIPT_OR_SPACE.test(item.text));

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

/** A line's runs apart by more than a word space: the cells of a table row, when they line up. */
function wordSpacedRuns(line: Line): Array<{ x: number; text: string }> {
  const runs: Array<{ x: number; text: string }> = [];
  let end: number | null = null;
  for (const item of line.items) {
    if (item.text.trim() === '') continue;
    if (end !== null && item.x - end <= line.size * 0.4) runs[runs.length - 1]!.text += ' ' + item.text;
    else runs.push({ x: item.x, text: item.text });
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
    const runs = wordSpacedRuns(line);
    // A header row has two cells at least: most lines are one run and need no look at their words.
    if (runs.length < 2) continue;
    if (isHeaderRow(runs.map((run) => run.text))) return true;
    for (const x of new Set(runs.slice(1).map((run) => roundToHalf(run.x)))) baselinesAt.set(x, (baselinesAt.get(x) ?? 0) + 1);
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
 * A page's operator list: the names of the fonts it uses (text content names
 * them only by id) and its rulings. Both are empty when pdf.js cannot run
 * the page's content stream: its fonts stay unnamed and it has no rulings,
 * but the document is still read.
 */
async function readOperators(document: PdfDocument, pageNumber: number, { OPS: ops, AnnotationMode }: Pick<PdfJs, 'OPS' | 'AnnotationMode'>): Promise<{ fonts: Map<string, string | null>; rulings: Ruling[] }> {
  const fonts = new Map<string, string | null>();
  let rulings: Ruling[] = [];
  let page: Awaited<ReturnType<PdfDocument['getPage']>> | null = null;
  try {
    page = await document.getPage(pageNumber);
    // The page's own content only: annotations (a signature's widget and its picture) hold no text line or table ruling.
    const list = (await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE })) as OperatorList;
    const viewport = page.getViewport({ scale: 1 }).transform as [number, number, number, number, number, number];
    rulings = readRulings(list, ops, viewport);
    for (let i = 0; i < list.fnArray.length; i++) {
      if (list.fnArray[i] !== ops.setFont) continue;
      const id = (list.argsArray[i] as [string])[0];
      if (!fonts.has(id)) fonts.set(id, page.commonObjs.has(id) ? fontName(page.commonObjs.get(id)) : null);
    }
  } catch {
    // A page or content stream pdf.js cannot run leaves its fonts unnamed and its rulings unread, not the document unread.
  }
  page?.cleanup();
  return { fonts, rulings };
}

/**
 * Which of pdf.js's font ids are bold faces, among those that can decide a
 * heading: the faces of lines opening with a section marker. Their PostScript
 * names reach this side with a page's operator list, which costs about what
 * the page's text did. Fonts already named by the pages read for their
 * rulings are not asked again; for the rest, the pages asked are those naming
 * the most of these faces for their size: a plan costs one short page (often
 * the signature page), not one per page. The pages are chosen before any is
 * read (what a page names is known from its text) and asked for at once, so
 * one page's content stream inflates off this thread while another's
 * operators are read.
 */
async function boldFonts(
  named: Map<string, string | null>,
  pages: Array<{ items: Item[]; lines: Segment[][] }>,
  read: (pageIndex: number) => Promise<Map<string, string | null>>,
): Promise<Set<string>> {
  const characters = new Map<string, number>();
  for (const { items } of pages) for (const item of items) characters.set(item.font, (characters.get(item.font) ?? 0) + item.text.trim().length);
  const faces = new Set([...characters].filter(([, count]) => count >= MIN_FONT_CHARACTERS).map(([font]) => font));
  // A single face gives no contrast between headings and body.
  if (faces.size < 2) return new Set();
  const wanted = new Set<string>();
  for (const { lines } of pages) {
    for (const segments of lines) {
      if (segments.length === 0 || !parseSectionMarker(segments[0]!.text)) continue;
      for (const segment of segments) for (const item of segment.items) if (faces.has(item.font)) wanted.add(item.font);
    }
  }
  const fontsByPage = pages.map(({ items }) => new Set(items.filter((i) => wanted.has(i.font)).map((i) => i.font)));
  // Greedy cover: each page asked names every wanted face it shows, so the next page is chosen for the faces left.
  const covered = new Set([...wanted].filter((font) => named.has(font)));
  const chosen: number[] = [];
  while (covered.size < wanted.size) {
    let best = -1;
    let bestScore = 0;
    for (const [index, fonts] of fontsByPage.entries()) {
      let count = 0;
      for (const font of fonts) if (!covered.has(font)) count++;
      const score = count / (pages[index]!.items.length + 1);
      if (score > bestScore) [best, bestScore] = [index, score];
    }
    if (best < 0) break;
    chosen.push(best);
    for (const font of fontsByPage[best]!) covered.add(font);
  }
  const answers = await Promise.all(chosen.map(read));
  for (const [i, fonts] of answers.entries()) for (const font of fontsByPage[chosen[i]!]!) if (!named.has(font)) named.set(font, fonts.get(font) ?? null);
  return new Set([...named].filter(([font, name]) => wanted.has(font) && name !== null && BOLD_FONT_NAME.test(name)).map(([font]) => font));
}

/**
 * Where pdf.js installs the fonts of a page whose operator list is asked
 * for: a document that keeps nothing. With `disableFontFace: true`, pdf.js
 * instead compiles the outline of every glyph the page shows and sends each
 * one over (what a renderer without font faces needs); in Node, without a
 * document, it falls back to the same. Given this one, it sends each font
 * once, named, which is all the bold-face lookup and the ruling reader use,
 * and no font program is ever compiled or installed. Should a later pdf.js
 * ask more of the document, its font loading fails and it falls back to the
 * outlines: slower, never wrong.
 */
const FONTS_INSTALLED_NOWHERE = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/**
 * How pdf.js is run: no eval, no font faces installed, no system fonts, no
 * XFA, no image decoded (docs/security.md); the benchmark uses the same.
 * An operator list decodes every image its page paints (the seal and the
 * signature on a plan's last page, the very page the bold-face lookup
 * prefers); with `maxImageSize: 0` each image is dropped from the list
 * unread, as over-size images are: only text and strokes are used here.
 */
export const PDF_DOCUMENT_OPTIONS = {
  isEvalSupported: false,
  disableFontFace: false,
  ownerDocument: FONTS_INSTALLED_NOWHERE,
  maxImageSize: 0,
  useSystemFonts: false,
  enableXfa: false,
  verbosity: 0,
  stopAtErrors: false,
} as const;
// Raw code points: pdf.js's NFKC would turn TCVN3's µ ("à") into μ before decoding.
export const TEXT_CONTENT_OPTIONS = { disableNormalization: true } as const;

let boldFaceLookup = true;
/**
 * For the benchmark, which measures what the bold-face lookup costs: turned
 * off, no operator list is asked for fonts' names and every line reads as
 * regular type.
 */
export function setBoldFaceLookup(enabled: boolean): void {
  boldFaceLookup = enabled;
}

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
        // One damaged page (a broken content stream, a missing object) costs that page, not the document.
        try {
          const page = await document.getPage(pageNumber);
          const { width, height, transform } = page.getViewport({ scale: 1 });
          const content = await page.getTextContent(TEXT_CONTENT_OPTIONS);
          page.cleanup();
          return { content, width, height, transform: transform as number[], unreadable: null };
        } catch (error) {
          return { content: null, width: 595, height: 842, transform: [1, 0, 0, -1, 0, 842], unreadable: (error as Error).message };
        }
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
    if (name === 'PasswordException') throw new KehoachError('ENCRYPTED', reason('pdfEncrypted'));
    if (name === 'InvalidPDFException') throw new KehoachError('CORRUPT_INPUT', reason('pdfInvalid'), libraryCause(error));
    throw new KehoachError('CORRUPT_INPUT', reason('pdfCannotOpen'), libraryCause(error));
  }
  try {
    const pageCount = document.numPages;
    if (pageCount === 0) throw new KehoachError('NO_TEXT_LAYER', reason('pdfNoPages'), { details: { pageCount } });
    if (pageCount > limits.maxPages) {
      throw new KehoachError('LIMIT_EXCEEDED', reason('pdfTooManyPages', { pages: pageCount, limit: limits.maxPages }), { details: { limit: 'maxPages', value: pageCount } });
    }
    let characters = 0;
    const pages: Array<{ items: Item[]; width: number; height: number }> = [];
    const unreadablePages: number[] = [];
    const contents = await pageTextContents(document);
    for (const [index, { content, width, height, transform: [va, vb, vc, vd, ve, vf], unreadable }] of contents.entries()) {
      if (unreadable !== null) unreadablePages.push(index + 1);
      const items: Item[] = [];
      for (const raw of content?.items ?? []) {
        if (!('str' in raw)) continue;
        // Read by index: destructuring goes through the array iterator, which heap sampling showed allocating here.
        const matrix = raw.transform as number[];
        const a = matrix[0]!;
        const b = matrix[1]!;
        const ux = matrix[4]!;
        const uy = matrix[5]!;
        // Through the page's viewport: a rotated page or a crop box off the origin reads like any other page.
        // Items keep PDF's upward y (baselines from the page foot) until they are emitted.
        const x = va! * ux + vc! * uy + ve!;
        const y = height - (vb! * ux + vd! * uy + vf!);
        // A position no page has (a degenerate text matrix) cannot be placed on a line.
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        items.push({ text: raw.str, x, y, width: raw.width, size: roundToHalf(Math.hypot(a, b)), font: raw.fontName, bold: false });
        characters += raw.str.trim().length;
      }
      pages.push({ items, width, height });
    }
    if (characters < 20) {
      throw new KehoachError('NO_TEXT_LAYER', reason('pdfNoTextLayer', { pages: pageCount }), { details: { pageCount } });
    }
    if (unreadablePages.length === pageCount) throw new KehoachError('CORRUPT_INPUT', reason('pdfNoPageReadable'), { details: { cause: contents[0]?.unreadable ?? 'damaged' } });
    const warnings = decodeLegacyFonts(pages.flatMap((p) => p.items));
    if (unreadablePages.length > 0) warnings.push({ code: 'PAGE_UNREADABLE', message: `Page(s) ${unreadablePages.join(', ')} could not be read and were left out; the rest of the document was read.` });
    // Raised small digits are told from the document's body size: a last page holding only a signature must not redefine it.
    const bodySize = mode(pages.flatMap((p) => p.items.filter((i) => i.text.trim().length > 3).map((i) => i.size)));
    const pageLines = pages.map((p) => buildLines(p.items, bodySize));

    const pdfjsLibrary = await loadPdfJs();
    const operators = new Map<number, Promise<{ fonts: Map<string, string | null>; rulings: Ruling[] }>>();
    const readPage = (index: number): Promise<{ fonts: Map<string, string | null>; rulings: Ruling[] }> => {
      let read = operators.get(index);
      if (!read) operators.set(index, (read = readOperators(document, index + 1, pdfjsLibrary)));
      return read;
    };
    const tablePages = pages.flatMap((page, index) => (mayHoldTable(pageLines[index]!, page.width, page.height) ? [index] : []));
    // Asked for all at once: one page's streams inflate off this thread while another's operators are read.
    const tableOperators = await Promise.all(tablePages.map(readPage));
    const named = new Map<string, string | null>();
    const rulings = new Map<number, Ruling[]>();
    for (const [i, { fonts, rulings: pageRulings }] of tableOperators.entries()) {
      for (const [font, name] of fonts) named.set(font, name);
      rulings.set(tablePages[i]!, pageRulings);
    }

    // Without walls a line's segments are final; with them they are cut again below.
    const pageSegments = pageLines.map((lines) => lines.map((line) => segmentsOf(line)));
    // The bold-face lookup's pages are asked for first; the lines are built while those pages' content streams inflate
    // on the thread pool (pdf.js's worker runs on this thread), and their faces are set after.
    const boldLookup = boldFaceLookup
      ? boldFonts(
          named,
          pages.map((page, i) => ({ items: page.items, lines: pageSegments[i]! })),
          async (index) => (await readPage(index)).fonts,
        )
      : null;

    const out: SourceLine[] = [];
    const outSegments: Segment[] = [];
    for (const [index, { height }] of pages.entries()) {
      const pageNumber = index + 1;
      const verticals = (rulings.get(index) ?? []).filter((r) => r.x1 === r.x2);
      for (const [lineIndex, line] of pageLines[index]!.entries()) {
        const top = height - line.y;
        const walls = verticals.filter((r) => r.y1 - 2 <= top && r.y2 + 2 >= top - line.size * 0.5).map((r) => r.x1);
        for (const segment of walls.length === 0 ? pageSegments[index]![lineIndex]! : segmentsOf(line, walls)) {
          // Raised footnote markers do not make a segment's size; the words do.
          let size = -Infinity;
          for (const item of segment.items) if (segment.items.length === 1 || !DIGITS_OR_SPACE.test(item.text)) size = Math.max(size, item.size);
          if (size === -Infinity) size = line.size;
          out.push({
            text: segment.text,
            origin: { page: pageNumber, box: { x: segment.x, y: top - line.size, width: segment.end - segment.x, height: line.size }, paragraph: null, cell: null, offset: null },
            fontSize: size,
            // Faces are not named yet (every item reads regular): set again below where the lookup finds bold ones.
            bold: isBold(segment),
            startsParagraph: null,
            role: 'body',
          });
          outSegments.push(segment);
        }
      }
    }
    if (boldLookup) {
      const bold = await boldLookup;
      if (bold.size > 0) {
        for (const page of pages) for (const item of page.items) item.bold = bold.has(item.font);
        for (const [i, segment] of outSegments.entries()) out[i]!.bold = isBold(segment);
      }
    }
    return {
      format: 'pdf',
      pageCount,
      lines: out,
      pages: pages.map((p, i) => ({ number: i + 1, width: p.width, height: p.height, rulings: rulings.get(i) ?? [] })),
      warnings,
    };
  } finally {
    await document.destroy();
  }
}
