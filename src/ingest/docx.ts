import mammoth from 'mammoth';
import { KehoachError, libraryCause } from '../errors.js';
import type { Limits } from '../limits.js';
import { decodeLegacy, legacyEncodingOfFont, legacyEncodingWarning, type LegacyEncoding } from '../text/legacy-encodings.js';
import { toSuperscript } from '../text/joins.js';
import { boldStyleIds } from './docx-styles.js';
import { NumberingLabels, paragraphNumberings, styleNumberings, type ParagraphNumbering } from './docx-numbering.js';
import type { CellPosition, IngestedDocument, SourceLine } from '../tree.js';
import { assertSafeXml, decodeXmlText, findDeep, parseOrderedXml, textOf, type OrderedNode } from './xml.js';
import { readZipParts } from './zip.js';
import { reason } from '../messages.js';

/**
 * DOCX ingestion. mammoth reads the body: paragraphs with their styles and
 * list membership, runs with emphasis, tables and footnotes. What mammoth
 * drops is read with fast-xml-parser: the printed labels of automatic
 * numbering (numbering.xml), and the title in docProps/core.xml. Every
 * paragraph becomes one line that opens a paragraph (more where a line break
 * splits it); DOCX has no pages. Tables are emitted row by row, cell by cell,
 * each line carrying its cell's grid position: how to read a table (as a
 * task matrix or as the two-column header) is layout's decision.
 */

// mammoth's document model, as much of it as is read here.
interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  isBold?: boolean;
  font?: string | null;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: unknown;
  noteType?: string;
  noteId?: string;
  body?: MammothNode[];
  colSpan?: number;
  rowSpan?: number;
}
interface MammothDocument extends MammothNode {
  notes?: { resolve(reference: MammothNode): MammothNode | null };
}

/** Word's table grid holds at most 63 columns; a wider span is a broken or hostile file, kept from sizing the grid. */
const MAX_GRID_SPAN = 63;

function span(value: number | undefined, max = Number.MAX_SAFE_INTEGER): number {
  return value !== undefined && Number.isFinite(value) ? Math.min(Math.max(1, Math.trunc(value)), max) : 1;
}

class LineWriter {
  readonly lines: SourceLine[] = [];
  readonly footnotes: SourceLine[] = [];
  private readonly footnoteNumbers = new Map<string, number>();
  private numbered = 0;
  /** Body paragraphs met so far: each line's origin. Footnote bodies are numbered after them. */
  private paragraphIndex = 0;
  /** Tables met so far, in document order (a nested table after its parent). */
  private tableCount = 0;
  /** The cell being read, null outside tables. */
  private cell: CellPosition | null = null;
  readonly legacyEncodings = new Set<LegacyEncoding>();

  constructor(
    private readonly document: MammothDocument,
    private readonly numberings: ParagraphNumbering[],
    private readonly labels: NumberingLabels,
    private readonly boldStyles: Set<string>,
  ) {}

  /** The label of the next numbered paragraph, matched to numbering.xml in document order. */
  private labelFor(paragraph: MammothNode): string {
    if (!paragraph.numbering) return '';
    const reference = this.numberings[this.numbered++];
    return reference ? this.labels.next(reference) : '';
  }

  /** Appends the runs' text; `out.bold` stays true while every run with text is bold, by itself, its style or the paragraph's. */
  private runText(nodes: MammothNode[] | undefined, out: { text: string; bold: boolean; hasText: boolean }, paragraphBold = false): void {
    for (const node of nodes ?? []) {
      if (node.type === 'text') {
        out.text += node.value ?? '';
      } else if (node.type === 'tab') {
        out.text += ' ';
      } else if (node.type === 'break') {
        out.text += '\n';
      } else if (node.type === 'noteReference') {
        out.text += toSuperscript(String(this.footnoteNumber(node)));
      } else if (node.type === 'run') {
        const before = out.text.length;
        this.runText(node.children, out, paragraphBold);
        // A run in a .VnTime (TCVN3) or VNI-Times font stores legacy bytes as Latin-1 characters.
        const legacy = node.font ? legacyEncodingOfFont(node.font) : null;
        if (legacy) {
          out.text = out.text.slice(0, before) + decodeLegacy(out.text.slice(before), legacy);
          this.legacyEncodings.add(legacy);
        }
        if (out.text.slice(before).trim()) {
          out.hasText = true;
          out.bold &&= !!node.isBold || paragraphBold || this.boldStyles.has(node.styleId ?? '');
        }
      } else {
        this.runText(node.children, out, paragraphBold);
      }
    }
  }

  /** Footnotes are numbered by first reference, as Word prints them; their bodies go to the foot. */
  private footnoteNumber(reference: MammothNode): number {
    const key = `${reference.noteType}:${reference.noteId}`;
    const known = this.footnoteNumbers.get(key);
    if (known !== undefined) return known;
    const number = this.footnoteNumbers.size + 1;
    this.footnoteNumbers.set(key, number);
    const note = this.document.notes?.resolve(reference);
    const body = (note?.body ?? [])
      .map((p) => {
        const out = { text: '', bold: true, hasText: false };
        this.runText(p.children, out);
        return out.text.replace(/\s+/g, ' ').trim();
      })
      .filter(Boolean)
      .join(' ');
    // A note's paragraph index is set once the body's count is known (`finish`); its body sits in no cell.
    if (body) this.footnotes.push(this.sourceLine(`${number} ${body}`, 'footnote', null, null));
    return number;
  }

  private sourceLine(text: string, role: SourceLine['role'], bold: boolean | null, cell = this.cell): SourceLine {
    return { text, origin: { page: null, box: null, paragraph: this.paragraphIndex, cell, offset: null }, fontSize: null, bold, startsParagraph: true, role };
  }

  /** Body lines, then footnote bodies numbered as paragraphs after the body's. */
  finish(): SourceLine[] {
    const notes = this.footnotes.map((line, k) => ({ ...line, origin: { ...line.origin, paragraph: this.paragraphIndex + k } }));
    return [...this.lines, ...notes];
  }

  paragraph(node: MammothNode): void {
    const label = this.labelFor(node);
    const out = { text: '', bold: true, hasText: false };
    this.runText(node.children, out, this.boldStyles.has(node.styleId ?? ''));
    const pieces = out.text.split('\n').map((t) => t.replace(/\s+/g, ' ').trim());
    pieces[0] = [label, pieces[0]].filter(Boolean).join(' ');
    for (const piece of pieces) {
      if (piece) this.lines.push(this.sourceLine(piece, 'body', out.hasText && out.bold));
    }
    this.paragraphIndex++;
  }

  /**
   * Every cell in row order, each paragraph tagged with its cell's place on
   * the table grid. mammoth has resolved gridSpan and vMerge into colSpan and
   * rowSpan and dropped the vMerge continuation cells, so a cell's grid column
   * skips the columns still taken by row-spanning cells above it.
   */
  table(node: MammothNode): void {
    const table = this.tableCount++;
    const within = this.cell;
    /** Per grid column: how many more rows a cell above still covers. */
    const covered: number[] = [];
    const rows = (node.children ?? []).filter((r) => r.type === 'tableRow');
    rows.forEach((row, r) => {
      let column = 0;
      for (const cell of (row.children ?? []).filter((c) => c.type === 'tableCell')) {
        while ((covered[column] ?? 0) > 0) column++;
        const colSpan = span(cell.colSpan, MAX_GRID_SPAN);
        const rowSpan = span(cell.rowSpan);
        for (let c = column; c < column + colSpan; c++) covered[c] = rowSpan;
        // An empty cell emits no line; its grid columns are counted all the same.
        this.cell = { table, row: r, column, rowSpan, colSpan, within };
        this.block(cell.children);
        column += colSpan;
      }
      for (let c = 0; c < covered.length; c++) covered[c] = Math.max(0, (covered[c] ?? 0) - 1);
    });
    this.cell = within;
  }

  block(nodes: MammothNode[] | undefined): void {
    for (const node of nodes ?? []) {
      if (node.type === 'paragraph') this.paragraph(node);
      else if (node.type === 'table') this.table(node);
      else this.block(node.children);
    }
  }
}

export async function ingestDocx(bytes: Uint8Array, limits: Limits): Promise<IngestedDocument> {
  const isProperties = (name: string): boolean => name.startsWith('docProps/');
  const { parts, unreadable } = await readZipParts(bytes, limits, (name) => name.endsWith('.xml') || name.endsWith('.rels'), isProperties);
  if (!parts.has('word/document.xml')) throw new KehoachError('UNSUPPORTED_FORMAT', reason('zipNotDocx'));
  const texts = new Map([...parts].map(([name, content]) => [name, content.toString('utf8')]));
  for (const [name, text] of texts) {
    try {
      assertSafeXml(text, name, limits);
    } catch (error) {
      // Damage in the document properties alone (malformed, nested too deep) costs the title and page count, not the document.
      if (!isProperties(name)) throw error;
      texts.delete(name);
      unreadable.push(name);
    }
  }
  const xml = (name: string): OrderedNode[] | null => {
    const text = texts.get(name);
    if (text === undefined) return null;
    if (!isProperties(name)) return parseOrderedXml(text, name);
    try {
      return parseOrderedXml(text, name);
    } catch {
      unreadable.push(name);
      return null;
    }
  };

  const documentXml = xml('word/document.xml')!;
  const labels = new NumberingLabels(xml('word/numbering.xml'));
  const stylesXml = xml('word/styles.xml');
  const numberings = paragraphNumberings(documentXml, styleNumberings(stylesXml)).filter(
    (n): n is ParagraphNumbering => n !== null && labels.has(n),
  );

  let document: MammothDocument | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (element: MammothDocument) => {
          document = element;
          return element;
        },
        // Images are never read: mammoth would inflate and base64-encode each one into HTML nobody reads.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (error) {
    throw new KehoachError('CORRUPT_INPUT', reason('docxBodyUnreadable'), libraryCause(error));
  }
  if (!document) throw new KehoachError('CORRUPT_INPUT', reason('docxBodyUnreadable'));
  const writer = new LineWriter(document, numberings, labels, boldStyleIds(stylesXml));
  writer.block((document as MammothDocument).children);
  const warnings = [...writer.legacyEncodings].map(legacyEncodingWarning);

  const core = xml('docProps/core.xml');
  const titleNode = core && findDeep(core, 'dc:title');
  const title = titleNode ? decodeXmlText(textOf(titleNode)).trim() : '';
  const app = xml('docProps/app.xml');
  const pagesNode = app && findDeep(app, 'Pages');
  const pages = pagesNode ? Number(textOf(pagesNode)) : NaN;
  for (const name of new Set(unreadable)) warnings.push({ code: 'PART_UNREADABLE', message: `The damaged part ${name} was left out; the document was read without it.` });
  return {
    format: 'docx',
    pageCount: Number.isInteger(pages) && pages > 0 ? pages : null,
    lines: writer.finish(),
    pages: [],
    warnings,
    propertiesTitle: title || null,
  };
}
