import type { Block, Cell, CellPosition, Origin, Table } from '../tree.js';
import { isHeaderRow } from '../lexicon/columns.js';
import { RECIPIENTS, isHeaderOrSignatureText } from '../lexicon/parts.js';
import { collapseSpaces } from '../text/joins.js';
import type { LayoutLine } from './lines.js';
import { buildParagraphs, type BreakEvidence } from './paragraphs.js';
import { allMatches } from '../text/matches.js';

/**
 * Shared pieces of the plain-text table readers: cell lines that carry their
 * cell position, cells built from them, and the two delimited shapes (pipe
 * tables and tab-separated rows). The cell-per-line shape of PDF-extracted
 * text is read in text-cells.ts.
 */

/** A copy of a line with its cell position set (and, optionally, its text and offsets narrowed to the cell). */
export function cellLine(line: LayoutLine, cell: CellPosition, text = line.text, offset: Origin['offset'] = line.origin.offset): LayoutLine {
  return { ...line, text, blank: text === '', origin: { ...line.origin, cell, offset } };
}

export function position(table: number, row: number, column: number, colSpan = 1): CellPosition {
  return { table, row, column, rowSpan: 1, colSpan, within: null };
}

/**
 * Paragraph breaks inside a cell: every cell line is short, so shortness says
 * nothing there; sentence ends, markers and bullets still do.
 */
const CELL_EVIDENCE: BreakEvidence = { shortLine: 0, blanksSeparateParagraphs: false, linesAreParagraphs: false };

/**
 * A cell from its blank-separated blocks of lines. Each block is joined into
 * paragraphs on its own, so text gathered into one cell from several source
 * cells never runs together into one sentence.
 */
export function makeCell(table: number, row: number, column: number, colSpan: number, blocks: LayoutLine[][]): Cell {
  const at = position(table, row, column, colSpan);
  const content: Block[] = blocks.flatMap((lines) => buildParagraphs(lines.map((line) => cellLine(line, at)), CELL_EVIDENCE));
  return { column, colSpan, rowSpan: 1, blocks: content };
}

export function emptyCell(column: number): Cell {
  return { column, colSpan: 1, rowSpan: 1, blocks: [] };
}

// ───────────────────────── delimited rows ─────────────────────────

interface Field {
  text: string;
  /** [start, end) of the trimmed field in the string it was split from. */
  start: number;
  end: number;
}

function trimmedField(s: string, start: number, end: number): Field {
  while (start < end && /\s/.test(s[start]!)) start++;
  while (end > start && /\s/.test(s[end - 1]!)) end--;
  return { text: collapseSpaces(s.slice(start, end)), start, end };
}

/** Splits [from, to) of `s` at each match of the global `separator`. */
function splitFields(s: string, separator: RegExp, from = 0, to = s.length): Field[] {
  const out: Field[] = [];
  const inner = s.slice(from, to);
  let at = 0;
  for (const m of allMatches(separator, inner)) {
    out.push(trimmedField(s, from + at, from + m.index));
    at = m.index + m[0].length;
  }
  out.push(trimmedField(s, from + at, to));
  return out;
}

const PIPE_ROW = /^\|.*\|$/s;
const PIPE = /(?<!\\)\|/g;
const PIPE_SEPARATOR_CELL = /^:?-+:?$/;

/** Does `s` open with a pipe, past spaces and tabs: what every pipe row does. */
function opensWithPipe(s: string): boolean {
  let first = 0;
  while (first < s.length && (s.charCodeAt(first) === 32 || s.charCodeAt(first) === 9)) first++;
  return s[first] === '|';
}

/** Could a pipe or tab-separated row (a table's, or the header block's set side by side) start at this line? */
export function mayOpenDelimitedRow(line: LayoutLine): boolean {
  return opensWithPipe(line.text) || (line.raw !== undefined && line.raw.includes('\t'));
}

/** The cells between the outer pipes of `| a | b |`, or null when the line is not a pipe row. */
function pipeFields(s: string): Field[] | null {
  // Most lines are prose: look at the first character before splitting anything (called for every line twice).
  if (!opensWithPipe(s)) return null;
  const bounds = trimmedField(s, 0, s.length);
  if (bounds.end - bounds.start < 2 || !PIPE_ROW.test(s.slice(bounds.start, bounds.end))) return null;
  return splitFields(s, PIPE, bounds.start + 1, bounds.end - 1);
}

/** Cell fields of a tab-separated row (runs of tabs count as one: converters align with several). */
function tabFields(raw: string): Field[] | null {
  if (!raw.includes('\t')) return null;
  const bounds = trimmedField(raw, 0, raw.length);
  const fields = splitFields(raw, /\t+/g, bounds.start, bounds.end);
  return fields.length >= 2 && fields.every((f) => f.text !== '') ? fields : null;
}

/**
 * The string whose indices map one-to-one onto the line's input offsets: the
 * raw line, or the cleaned text when cleaning changed nothing; null when
 * trimming, collapsed spaces or normalisation moved characters.
 */
function exactSource(line: LayoutLine): string | null {
  const span = line.origin.offset;
  if (!span) return null;
  const length = span.end - span.start;
  const raw = line.raw;
  if (raw !== undefined && raw.length === length) return raw;
  return line.text.length === length ? line.text : null;
}

/** A row's cells as text, each with its input offsets (the whole line's when they cannot be mapped exactly). */
function delimitedCells(line: LayoutLine, cells: Field[], split: (s: string) => Field[] | null): Array<{ text: string; offset: Origin['offset'] }> {
  const source = exactSource(line);
  const mapped = source === null ? null : split(source);
  const span = line.origin.offset;
  return cells.map((cell, i) => {
    const m = mapped && mapped.length === cells.length ? mapped[i]! : null;
    return { text: cell.text, offset: m && span ? { start: span.start + m.start, end: span.start + m.end } : span };
  });
}

/** Cells of one delimited row, padded with empty cells to the grid's width. */
function delimitedRow(table: number, row: number, line: LayoutLine, cells: Array<{ text: string; offset: Origin['offset'] }>, columnCount: number): Cell[] {
  const out: Cell[] = cells.map((cell, column) => {
    if (cell.text === '') return emptyCell(column);
    const at = position(table, row, column);
    return { column, colSpan: 1, rowSpan: 1, blocks: buildParagraphs([cellLine(line, at, cell.text, cell.offset)], CELL_EVIDENCE) };
  });
  for (let column = out.length; column < columnCount; column++) out.push(emptyCell(column));
  return out;
}

export interface FoundTable {
  table: Table;
  /** Index of the first line after the table. */
  end: number;
}

/**
 * A markdown pipe table at `start`: consecutive `| … |` lines, the
 * `|---|` rule after the header not being a row. Without the rule, the first
 * row is a header only when its words name task-table columns.
 */
export function readPipeTable(lines: LayoutLine[], start: number, tableIndex: number): FoundTable | null {
  // A run is read from its first line only: what it rejects there, its tail does not make a table.
  const before = lines[start - 1];
  if (before && !before.blank && pipeFields(before.text)) return null;
  const rows: Array<{ line: LayoutLine; fields: Field[] }> = [];
  let separatorAt = -1;
  let end = start;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    const fields = line.blank ? null : pipeFields(line.text);
    if (!fields) break;
    if (separatorAt < 0 && fields.every((f) => PIPE_SEPARATOR_CELL.test(f.text.replace(/\s/g, '')))) separatorAt = rows.length;
    else rows.push({ line, fields });
  }
  const columnCount = Math.max(0, ...rows.map((r) => r.fields.length));
  // One pipe line alone, or a one-column run without the rule, reads as text.
  if (rows.length === 0 || end - start < 2 || (columnCount < 2 && separatorAt < 0)) return null;
  const headerRows = separatorAt > 0 ? separatorAt : isHeaderRow(rows[0]!.fields.map((f) => f.text)) ? 1 : 0;
  const table: Table = {
    kind: 'table',
    page: rows[0]!.line.page,
    columnCount,
    headerRows,
    rows: rows.map(({ line, fields }, row) => ({
      cells: delimitedRow(tableIndex, row, line, delimitedCells(line, fields.map((f) => ({ ...f, text: f.text.replace(/\\\|/g, '|') })), pipeFields), columnCount),
    })),
  };
  return { table, end };
}

const MAX_BLOCK_ROWS = 8;

/**
 * The header block or the signature set side by side in pipe or tab rows
 * ("| ỦY BAN NHÂN DÂN TỈNH … | CỘNG HÒA XÃ HỘI … |"): layout, not a table.
 * Its cells come back as lines, column after column (the issuer's block,
 * then the motto's), each its own paragraph, so the header reads as printed.
 */
export function readSideBySide(lines: LayoutLine[], start: number): { lines: LayoutLine[]; end: number } | null {
  const split = (line: LayoutLine): Field[] | null => pipeFields(line.text) ?? (line.raw === undefined ? null : tabFields(line.raw));
  // From a run's first line only, and only when that first row is the header's or the signature's (motto, number,
  // place and date, authority marker): a table whose column is titled "Nơi nhận" or "Số hộ" stays a table.
  const before = lines[start - 1];
  if (before && !before.blank && split(before)) return null;
  const firstFields = split(lines[start]!);
  if (!firstFields || !firstFields.some((f) => isHeaderOrSignatureText(f.text) && !RECIPIENTS.test(f.text.trim()))) return null;
  const rows: Array<{ line: LayoutLine; cells: Array<{ text: string; offset: Origin['offset'] }> }> = [];
  let end = start;
  // A header or signature block is a few rows: what runs on is a table after it.
  for (; end < lines.length && end - start < MAX_BLOCK_ROWS; end++) {
    const line = lines[end]!;
    const fields = line.blank ? null : split(line);
    if (!fields) break;
    if (fields.every((f) => PIPE_SEPARATOR_CELL.test(f.text.replace(/\s/g, '')) || f.text === '')) continue;
    const piped = pipeFields(line.text) !== null;
    rows.push({ line, cells: delimitedCells(line, fields, piped ? pipeFields : (raw) => tabFields(raw)) });
  }
  if (rows.length === 0) return null;
  const columns = Math.max(...rows.map((r) => r.cells.length));
  const out: LayoutLine[] = [];
  for (let column = 0; column < columns; column++) {
    for (const { line, cells } of rows) {
      const cell = cells[column];
      if (!cell || cell.text === '') continue;
      out.push({ ...line, text: cell.text, raw: cell.text, startsParagraph: true, origin: { ...line.origin, offset: cell.offset } });
    }
  }
  return { lines: out, end };
}

/** Fields of the header block and the signature, which converters also lay out with tabs. */
/**
 * Tab-separated rows at `start`: two or more consecutive lines with the same
 * number (≥ 2) of non-empty tab-separated fields. Read from the raw line
 * (cleaning turns tabs into spaces); runs holding the document header or the
 * signature block, which converters set side by side with tabs, are not tables.
 */
export function readTabTable(lines: LayoutLine[], start: number, tableIndex: number): FoundTable | null {
  // From the run's first line only: the tail of a signature block must not read as a table.
  const before = lines[start - 1];
  const raw = before && !before.blank ? before.raw : undefined;
  if (raw !== undefined && tabFields(raw)) return null;
  const rows: Array<{ line: LayoutLine; fields: Field[] }> = [];
  let end = start;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    const raw = line.raw;
    const fields = line.blank || raw === undefined ? null : tabFields(raw);
    if (!fields || (rows.length > 0 && fields.length !== rows[0]!.fields.length)) break;
    rows.push({ line, fields });
  }
  if (rows.length < 2) return null;
  if (rows.some((r) => r.fields.some((f) => isHeaderOrSignatureText(f.text)))) return null;
  const columnCount = rows[0]!.fields.length;
  const table: Table = {
    kind: 'table',
    page: rows[0]!.line.page,
    columnCount,
    headerRows: isHeaderRow(rows[0]!.fields.map((f) => f.text)) ? 1 : 0,
    rows: rows.map(({ line, fields }, row) => ({ cells: delimitedRow(tableIndex, row, line, delimitedCells(line, fields, tabFields), columnCount) })),
  };
  return { table, end };
}
