import { isHeaderRow } from '../lexicon/columns.js';
import { isHeaderOrSignatureText } from '../lexicon/parts.js';
import { parseSectionMarker, startsWithBullet } from '../lexicon/markers.js';
import type { Cell, PageInfo, Ruling, Table } from '../tree.js';
import { groupRows, joinRow, type PdfRow } from './pdf-geometry.js';
import type { LayoutLine } from './lines.js';
import { buildParagraphs } from './paragraphs.js';
import { appendAll } from '../arrays.js';

/**
 * Tables on PDF pages. A ruled table is a grid of the page's ruling lines:
 * cell boundaries at the rulings' positions, a missing ruling between two
 * grid cells merging them (colSpan, rowSpan). A borderless table is found
 * from a row reading as a task table's header (lexicon/columns) and the rows
 * below whose segments fall under its columns. A table that goes on at the
 * top of the next page with the same columns is one table, its repeated
 * header row dropped.
 */

export interface DraftCell {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
  lines: LayoutLine[];
}

export interface DraftTable {
  page: number;
  /** Top and bottom of the table on its last page, from the page top. */
  top: number;
  bottom: number;
  /** Column boundaries (columnCount + 1 of them) or, for a borderless table, each column's [start, end]. */
  columns: Array<[number, number]>;
  rows: DraftCell[][];
  headerRows: number;
  /** Every line the table took out of the running text. */
  lines: Set<LayoutLine>;
  ruled: boolean;
}

/** Rulings closer than this are one line (a border drawn as a thin rectangle has two edges). */
const SAME_LINE = 2.5;

const center = (line: LayoutLine): { x: number; y: number } => {
  const box = line.origin.box!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Positions closer than SAME_LINE merged, sorted. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= SAME_LINE) last.push(v);
    else out.push([v]);
  }
  return out.map((group) => group.reduce((s, v) => s + v, 0) / group.length);
}

const isHorizontal = (r: Ruling): boolean => r.y1 === r.y2;

/** Rulings that touch or cross one another: each connected set may be one table's grid. */
function connectedRulings(rulings: Ruling[]): Ruling[][] {
  const parent = rulings.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const touches = (a: Ruling, b: Ruling): boolean =>
    a.x1 - SAME_LINE <= b.x2 && b.x1 - SAME_LINE <= a.x2 && a.y1 - SAME_LINE <= b.y2 && b.y1 - SAME_LINE <= a.y2;
  for (let i = 0; i < rulings.length; i++) for (let j = i + 1; j < rulings.length; j++) if (touches(rulings[i]!, rulings[j]!)) parent[find(i)] = find(j);
  const groups = new Map<number, Ruling[]>();
  for (const [i, r] of rulings.entries()) {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(r);
    else groups.set(root, [r]);
  }
  return [...groups.values()];
}

/**
 * Does a grid read as a layout block (the header or signature set in a ruled
 * table) rather than a table? Small, without column titles, and holding the
 * words of those zones: a small data table in the body stays a table.
 */
function isLayoutBlock(rows: DraftCell[][], columnCount: number, headerRows: number): boolean {
  if (headerRows > 0 || rows.length > 3 || columnCount > 3) return false;
  return rows.some((row) => row.some((cell) => cell.lines.some((line) => isHeaderOrSignatureText(line.text))));
}

const cellText = (cell: DraftCell): string => cell.lines.map((l) => l.text).join(' ');

/** The grids drawn on one page, with the page's lines they hold. */
export function ruledTables(page: PageInfo, lines: LayoutLine[]): DraftTable[] {
  const tables: DraftTable[] = [];
  for (const group of connectedRulings(page.rulings)) {
    const horizontals = group.filter(isHorizontal);
    const verticals = group.filter((r) => !isHorizontal(r));
    const ys = cluster(horizontals.map((r) => r.y1));
    const xs = cluster(verticals.map((r) => r.x1));
    if (ys.length < 2 || xs.length < 3) continue;
    const rowCount = ys.length - 1;
    const columnCount = xs.length - 1;
    // A boundary between two grid cells is drawn when a ruling runs along it through the middle of their shared edge.
    const verticalAt = (c: number, r: number): boolean => {
      const mid = (ys[r]! + ys[r + 1]!) / 2;
      return verticals.some((v) => Math.abs(v.x1 - xs[c]!) <= SAME_LINE && v.y1 <= mid && v.y2 >= mid);
    };
    const horizontalAt = (r: number, c: number): boolean => {
      const mid = (xs[c]! + xs[c + 1]!) / 2;
      return horizontals.some((h) => Math.abs(h.y1 - ys[r]!) <= SAME_LINE && h.x1 <= mid && h.x2 >= mid);
    };
    const parent = Array.from({ length: rowCount * columnCount }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let r = 0; r < rowCount; r++) {
      for (let c = 0; c < columnCount; c++) {
        if (c + 1 < columnCount && !verticalAt(c + 1, r)) parent[find(r * columnCount + c)] = find(r * columnCount + c + 1);
        if (r + 1 < rowCount && !horizontalAt(r + 1, c)) parent[find(r * columnCount + c)] = find((r + 1) * columnCount + c);
      }
    }
    const cells = new Map<number, DraftCell>();
    for (let r = 0; r < rowCount; r++) {
      for (let c = 0; c < columnCount; c++) {
        const root = find(r * columnCount + c);
        const cell = cells.get(root);
        if (!cell) cells.set(root, { row: r, column: c, rowSpan: 1, colSpan: 1, lines: [] });
        else {
          cell.rowSpan = Math.max(cell.rowSpan, r - cell.row + 1);
          cell.colSpan = Math.max(cell.colSpan, c - cell.column + 1);
        }
      }
    }
    const taken = new Set<LayoutLine>();
    for (const line of lines) {
      if (!line.origin.box) continue;
      const { x, y } = center(line);
      if (x < xs[0]! || x > xs.at(-1)! || y < ys[0]! || y > ys.at(-1)!) continue;
      const r = Math.max(0, ys.findIndex((v) => v > y) - 1);
      const c = Math.max(0, xs.findIndex((v) => v > x) - 1);
      cells.get(find(Math.min(r, rowCount - 1) * columnCount + Math.min(c, columnCount - 1)))!.lines.push(line);
      taken.add(line);
    }
    if (taken.size === 0) continue;
    const rows: DraftCell[][] = Array.from({ length: rowCount }, () => []);
    for (const cell of cells.values()) rows[cell.row]!.push(cell);
    for (const row of rows) row.sort((a, b) => a.column - b.column);
    // Grid rows with no text anywhere (a double border) are not rows of the table.
    const kept = rows.filter((row) => row.some((cell) => cell.lines.length > 0 || cell.rowSpan > 1));
    const headerRows = kept[0] && isHeaderRow(kept[0].map(cellText)) ? 1 : 0;
    if (isLayoutBlock(kept, columnCount, headerRows)) continue;
    tables.push({
      page: page.number,
      top: ys[0]!,
      bottom: ys.at(-1)!,
      columns: xs.slice(0, -1).map((x, i) => [x, xs[i + 1]!]),
      rows: kept,
      headerRows,
      lines: taken,
      ruled: true,
    });
  }
  return tables.sort((a, b) => a.top - b.top);
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** The column a segment falls under, or null when it straddles two (running text, not a cell). */
function columnOf(line: LayoutLine, columns: Array<[number, number]>): number | null {
  const box = line.origin.box!;
  const overlaps = columns.map(([a, b]) => overlap(box.x, box.x + box.width, a, b));
  const best = overlaps.indexOf(Math.max(...overlaps));
  if (overlaps[best]! <= 0) {
    // Under no header at all: the nearest column, if the segment lies between two.
    const middle = box.x + box.width / 2;
    const distances = columns.map(([a, b]) => Math.min(Math.abs(a - middle), Math.abs(b - middle)));
    return distances.indexOf(Math.min(...distances));
  }
  const second = Math.max(...overlaps.filter((_, i) => i !== best), 0);
  return second > box.width * 0.2 ? null : best;
}

/**
 * Rows of a borderless table under the given columns, from `start`: a row
 * goes on while every segment falls under one column, in the table's font
 * size, without a gap wider than two lines. A new table row opens where the
 * first column has text not going on in lower case.
 */
function borderlessRows(rows: PdfRow[], start: number, columns: Array<[number, number]>, size: number, cells: DraftCell[][], taken: Set<LayoutLine>, previousBaseline: number | null): number {
  const left = columns[0]![0] - size;
  const right = columns.at(-1)![1] + size * 3;
  let last = previousBaseline;
  let i = start;
  for (; i < rows.length; i++) {
    const row = rows[i]!;
    if (Math.abs(row.size - size) > 0.75 || row.x < left || row.end > right) break;
    if (last !== null && row.baseline - last > size * 3) break;
    const placed = row.lines.map((line) => columnOf(line, columns));
    if (placed.some((c) => c === null)) break;
    // A lone segment as wide as most of the table is running text.
    if (row.lines.length === 1 && row.end - row.x > (right - left) * 0.7) break;
    const firstColumn = row.lines.find((_, k) => placed[k] === 0);
    if (cells.length === 0 || (firstColumn && !/^\p{Ll}/u.test(firstColumn.text))) {
      cells.push(columns.map((_, column) => ({ row: cells.length, column, rowSpan: 1, colSpan: 1, lines: [] })));
    }
    const current = cells.at(-1)!;
    row.lines.forEach((line, k) => {
      current[placed[k]!]!.lines.push(line);
      taken.add(line);
    });
    last = row.baseline;
  }
  return i;
}

/** Header-led tables without rulings on one page's rows (those no ruled table took). */
export function borderlessTables(rows: PdfRow[], page: number, inherited: DraftTable | null): DraftTable[] {
  const tables: DraftTable[] = [];
  let i = 0;
  // A borderless table ending the last page may go on at the top of this one, without its header.
  if (inherited && !inherited.ruled && rows.length > 0) {
    const cells: DraftCell[][] = [];
    const taken = new Set<LayoutLine>();
    const size = Math.max(...inherited.rows.flat().flatMap((c) => c.lines.map((l) => l.fontSize ?? 0)));
    const end = borderlessRows(rows, 0, inherited.columns, size, cells, taken, null);
    if (end > 0 && !isHeaderRow(rows[0]!.lines.map((l) => l.text))) {
      tables.push({ page, top: rows[0]!.baseline - size, bottom: rows[end - 1]!.baseline, columns: inherited.columns, rows: cells, headerRows: 0, lines: taken, ruled: false });
      i = end;
    }
  }
  for (; i < rows.length; i++) {
    const header = rows[i]!;
    if (header.lines.length < 2 || !isHeaderRow(header.lines.map((l) => l.text))) continue;
    const columns = header.lines.map((l): [number, number] => [l.origin.box!.x, l.origin.box!.x + l.origin.box!.width]);
    const headerCells: DraftCell[] = columns.map((_, column) => ({ row: 0, column, rowSpan: 1, colSpan: 1, lines: [] }));
    const taken = new Set<LayoutLine>();
    header.lines.forEach((line, k) => {
      headerCells[k]!.lines.push(line);
      taken.add(line);
    });
    // Header cells wrap onto the next baselines until the first column opens a data row.
    let j = i + 1;
    for (; j < rows.length; j++) {
      const row = rows[j]!;
      if (row.baseline - rows[j - 1]!.baseline > header.size * 2) break;
      const placed = row.lines.map((line) => columnOf(line, columns));
      if (placed.some((c) => c === null || c === 0) || Math.abs(row.size - header.size) > 0.75) break;
      row.lines.forEach((line, k) => {
        headerCells[placed[k]!]!.lines.push(line);
        taken.add(line);
      });
    }
    const cells: DraftCell[][] = [headerCells];
    const dataSize = rows[j] ? rows[j]!.size : header.size;
    const end = borderlessRows(rows, j, columns, dataSize, cells, taken, rows[j - 1]!.baseline);
    if (cells.length < 2) continue;
    tables.push({ page, top: header.baseline - header.size, bottom: rows[end - 1]!.baseline, columns, rows: cells, headerRows: 1, lines: taken, ruled: false });
    i = end - 1;
  }
  return tables;
}

const rowText = (row: DraftCell[]): string => row.map(cellText).join(' | ').replace(/\s+/g, ' ').trim();

/** Same columns, to within a few points: one table drawn on two pages. */
function sameColumns(a: DraftTable, b: DraftTable): boolean {
  return a.columns.length === b.columns.length && a.columns.every(([x0, x1], i) => Math.abs(x0 - b.columns[i]![0]) <= 4 && Math.abs(x1 - b.columns[i]![1]) <= 4);
}

/**
 * Joins `next` (opening its page) to `previous` (ending the page before) when
 * it continues it: same columns, and either no header or the same header
 * again, which is dropped. Returns false when they are two tables.
 */
export function continueTable(previous: DraftTable, next: DraftTable): boolean {
  if (previous.ruled !== next.ruled || !sameColumns(previous, next)) return false;
  let rows = next.rows;
  if (next.headerRows > 0) {
    const repeated = next.rows.slice(0, next.headerRows).map(rowText);
    const original = previous.rows.slice(0, previous.headerRows).map(rowText);
    if (repeated.join('\n') !== original.join('\n')) return false;
    rows = rows.slice(next.headerRows);
  }
  appendAll(previous.rows, rows);
  for (const line of next.lines) previous.lines.add(line);
  previous.bottom = next.bottom;
  return true;
}

/** The finished table: each cell's lines in reading order, their origins pointing at the cell, joined into paragraphs. */
export function finishTable(draft: DraftTable, index: number): Table {
  const lineGap = (rows: PdfRow[]): number => {
    const gaps: number[] = [];
    for (let i = 1; i < rows.length; i++) gaps.push(rows[i]!.baseline - rows[i - 1]!.baseline);
    return gaps.length ? Math.min(...gaps) : Infinity;
  };
  const rows = draft.rows.map((row, r) => ({
    cells: row.map((cell): Cell => {
      const position = { table: index, row: r, column: cell.column, rowSpan: cell.rowSpan, colSpan: cell.colSpan, within: null };
      const ordered = [...cell.lines].sort((a, b) => (a.page ?? 0) - (b.page ?? 0) || a.origin.box!.y + a.origin.box!.height - (b.origin.box!.y + b.origin.box!.height) || a.origin.box!.x - b.origin.box!.x);
      const cellRows = groupRows(ordered);
      const pitch = lineGap(cellRows);
      const lines = cellRows.map((cellRow, k): LayoutLine => {
        const line = joinRow(cellRow);
        const gap = k === 0 ? Infinity : cellRow.baseline - cellRows[k - 1]!.baseline;
        // Wrapped lines of a cell sit at its tightest line pitch; a wider gap or a marker opens a paragraph.
        const marked = parseSectionMarker(line.text) !== null || startsWithBullet(line.text);
        const startsParagraph = k === 0 || gap > pitch * 1.4 || cellRow.page !== cellRows[k - 1]!.page ? true : marked ? null : false;
        return { ...line, startsParagraph, origin: { ...line.origin, cell: position } };
      });
      return { column: cell.column, colSpan: cell.colSpan, rowSpan: cell.rowSpan, blocks: buildParagraphs(lines) };
    }),
  }));
  return { kind: 'table', page: draft.page, columnCount: draft.columns.length, headerRows: draft.headerRows, rows };
}
