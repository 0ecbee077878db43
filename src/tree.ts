/**
 * The document model: what each stage of the pipeline hands the next.
 * Read this file first.
 *
 *   ingest     bytes            → IngestedDocument  (positioned source lines, page rulings)
 *   normalise  IngestedDocument → IngestedDocument  (same lines, Vietnamese text normalised)
 *   layout     IngestedDocument → DocumentTree      (parts of paragraphs and tables, footnotes, furniture)
 *   structure  DocumentTree     → StructuredDocument (one output text, sections, metadata, placed tables)
 *   extract    StructuredDocument → Entities          (targets, deadlines, references, assignments)
 *   assemble   everything       → PlanDocument      (ids, origins, schema validation)
 *
 * Every piece of text keeps an `Origin` back to the source file, so that any
 * span of the output text can be traced to a page and box (PDF), a paragraph
 * and table cell (DOCX) or input offsets (text).
 */

import type { ColumnRole } from './lexicon/columns.js';
import type { Section } from './schema/document.js';

/** A rectangle on a PDF page, in PDF points, measured from the page's top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A table cell's place in its table: grid row and column, and how far it spans. */
export interface CellPosition {
  /** The table's index in document order (0-based; a nested table counts after its parent). */
  table: number;
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  /** For a nested table: the cell of the outer table that holds it; null at the top level. */
  within: CellPosition | null;
}

/** Where a piece of text came from in the source file. Fields a format does not know are null. */
export interface Origin {
  /** 1-based page (PDF; null for DOCX and text, which have no pages). */
  page: number | null;
  /** PDF: the text's box on its page. */
  box: Box | null;
  /** DOCX: 0-based index of the source paragraph (`w:p`) in document order, footnotes after the body. */
  paragraph: number | null;
  /** The table cell the text sits in, when it does. */
  cell: CellPosition | null;
  /** Text input: UTF-16 offsets into the decoded input text. */
  offset: { start: number; end: number } | null;
}

export const NO_ORIGIN: Origin = { page: null, box: null, paragraph: null, cell: null, offset: null };

// ───────────────────────────── ingest ─────────────────────────────

/** A line of source text as the file gives it, before any layout decision. */
export interface SourceLine {
  text: string;
  origin: Origin;
  /** Font size in points (PDF), when known. */
  fontSize: number | null;
  /** Set in bold, when the format tells; null when it does not. */
  bold: boolean | null;
  /** DOCX: every paragraph opens one (true). PDF and text: null, layout decides. */
  startsParagraph: boolean | null;
  /** `footnote` for a footnote body the file itself keeps apart (DOCX notes part). */
  role: 'body' | 'footnote';
}

/** A straight ruling line drawn on a page (a table border), in the same coordinates as `Box`. */
export interface Ruling {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageInfo {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  /** Horizontal and vertical ruling lines (rectangle edges and line segments), when read. */
  rulings: Ruling[];
}

export interface IngestedDocument {
  format: 'pdf' | 'docx' | 'doc' | 'txt';
  pageCount: number | null;
  lines: SourceLine[];
  /** PDF pages with their sizes and rulings; empty for other formats. */
  pages: PageInfo[];
  warnings: Array<{ code: string; message: string }>;
  /** Document title from file properties (DOCX core.xml, PDF info), when present. */
  propertiesTitle?: string | null;
}

// ───────────────────────────── layout ─────────────────────────────

/** A stretch of a paragraph's text and where it came from. */
export interface Piece {
  /** [start, end) in the paragraph's `text`. */
  start: number;
  end: number;
  origin: Origin;
}

/** A paragraph of running text (or of a table cell): wrapped lines joined, page furniture out. */
export interface Paragraph {
  kind: 'paragraph';
  text: string;
  page: number | null;
  /** Wholly bold, where the format tells (heading evidence). */
  bold: boolean;
  /** A list item: the bullet that opens it ("-", "+", "•"); null for a plain paragraph. */
  bullet: string | null;
  /** Where each stretch of `text` came from, in order, covering the whole text. */
  pieces: Piece[];
}

export interface Cell {
  column: number;
  colSpan: number;
  rowSpan: number;
  /** The cell's content: paragraphs, and nested tables where the source has them. */
  blocks: Block[];
}

export interface Row {
  cells: Cell[];
}

/** A table as read: rows of cells on a grid of `columnCount` columns. */
export interface Table {
  kind: 'table';
  page: number | null;
  columnCount: number;
  /** How many leading rows are the header (column titles). */
  headerRows: number;
  rows: Row[];
}

export type Block = Paragraph | Table;

/** Page furniture: labelled, kept out of the running text, never deleted. */
export interface Furniture {
  kind: 'page-number' | 'running-head' | 'separator';
  text: string;
  origin: Origin;
}

export interface FootnoteBody {
  marker: string;
  text: string;
  page: number | null;
  pieces: Piece[];
}

export type PartKind = 'header' | 'title' | 'preamble' | 'body' | 'closing' | 'appendix';

/**
 * A zone of the document (GROBID-style: zones first, then each reader sees its zone):
 * header (issuer, number, motto, place and date), title (type name and subject),
 * preamble (legal basis before "I."), body, closing (recipients, signature), and
 * each appendix after the signature.
 */
export interface Part {
  kind: PartKind;
  blocks: Block[];
}

export interface DocumentTree {
  format: IngestedDocument['format'];
  pageCount: number | null;
  parts: Part[];
  footnotes: FootnoteBody[];
  furniture: Furniture[];
  /** The document type code ("KH") read from the title part, or null when no type line was found. */
  documentType: string | null;
  /** The subject (trích yếu) when printed on the type line itself ("KẾ HOẠCH Thực hiện …"). */
  mergedTitle: string | null;
  warnings: Array<{ code: string; message: string }>;
  propertiesTitle: string | null;
}

/** The text of a block list (a cell's content), paragraphs joined by spaces. */
export function blocksText(blocks: Block[]): string {
  return [...paragraphsOf(blocks)].map((p) => p.text).join(' ');
}

/** Every paragraph of a block list, in reading order, cell paragraphs included. */
export function* paragraphsOf(blocks: Block[]): Generator<Paragraph> {
  for (const block of blocks) {
    if (block.kind === 'paragraph') yield block;
    else for (const row of block.rows) for (const cell of row.cells) yield* paragraphsOf(cell.blocks);
  }
}

// ───────────────────────────── structure ─────────────────────────────

/** A paragraph placed in the output text: [start, end) in `StructuredDocument.text`. */
export interface PlacedParagraph {
  text: string;
  page: number | null;
  bold: boolean;
  start: number;
  end: number;
  /** Pieces with offsets relative to this paragraph's text. */
  pieces: Piece[];
  part: PartKind;
  /** Set for a paragraph inside a table cell. */
  cell: PlacedCell | null;
}

export interface PlacedCell {
  /** Index into `StructuredDocument.tables`. */
  table: number;
  /** Index of the row in the table's `rows` (header rows included). */
  row: number;
  column: number;
  /** What the column holds, from its header words. */
  role: ColumnRole;
  /** The column's header text ("Thời gian hoàn thành"), '' when the table has none. */
  header: string;
  /** This row is one of the table's header rows. */
  inHeader: boolean;
  /**
   * The cell spans the whole row: a group title, or a row whose columns the reader could not split
   * (plain text that printed a row's cells line by line). Its words may belong to any column; `role`
   * then names a column only when the content alone shows which.
   */
  spansRow: boolean;
  /** For a cell spanning the row, the table's time column header ('' when it has none): dates there are still the row's when. */
  timeHeader: string;
}

/** A paragraph of the preamble, body or an appendix, with the section that holds it. */
export interface BodyParagraph extends PlacedParagraph {
  sectionPath: string[];
  /** The innermost section holding the paragraph (null in the preamble). */
  section: Section | null;
  /** The top-level section holding it (a part "III." below any "Phần …", an appendix), by position: a label printed twice stays two parts. */
  root: Section | null;
  /** Every section holding it, outermost first ("Phần I", "I", "1"). */
  ancestors: Section[];
  /** Where the paragraph's own text starts, after its section marker. */
  contentStart: number;
  /** true for the paragraph that carries the section marker. */
  labelled: boolean;
}

export interface PlacedTable {
  page: number | null;
  /** The section holding the table (the appendix, or the body section it stands in). */
  sectionPath: string[];
  sectionId: string | null;
  columns: string[];
  columnRoles: ColumnRole[];
  rows: Array<{ sectionPath: string[]; sectionId: string | null; cells: string[]; header: boolean }>;
  span: { start: number; end: number };
}

export interface Header {
  number: string | null;
  issuer: string | null;
  place: string | null;
  issuedDate: string | null;
  /** The year printed in the header date, even when the day is blank. */
  headerYear: number | null;
}

export interface Closing {
  recipients: string[];
  signer: { name: string | null; position: string | null; authority: string | null; onBehalfOf: string | null };
}

export interface StructuredDocument {
  format: IngestedDocument['format'];
  pageCount: number | null;
  /** The output text: every paragraph on its own line, footnote bodies at the end. */
  text: string;
  /** Every paragraph of every part, in text order. */
  paragraphs: PlacedParagraph[];
  /** Preamble, body and appendix paragraphs with their sections: what the extractors read. */
  bodyParagraphs: BodyParagraph[];
  sections: Section[];
  tables: PlacedTable[];
  footnotes: Array<{ marker: string; text: string; span: { start: number; end: number }; page: number | null; pieces: Piece[] }>;
  documentType: string | null;
  title: string | null;
  /** The single year the title names (a school year's first year); null for a period or no year. */
  planYear: number | null;
  /** The period the title names (a school year, "giai đoạn 2026 - 2030"), else null. */
  planPeriod: { start: number; end: number } | null;
  header: Header;
  closing: Closing;
  warnings: Array<{ code: string; message: string }>;
}
