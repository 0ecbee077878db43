import { paragraphsOf, type Furniture, type Origin } from '../tree.js';
import { thirdQuartileLength, type FlowItem, type LayoutLine } from './lines.js';
import { cellScan, mayOpenCellTable, readCellTable } from './text-cells.js';
import { mayOpenDelimitedRow, readPipeTable, readSideBySide, readTabTable, type FoundTable } from './text-tables.js';
import { appendAll } from '../arrays.js';

/** The length from which a line runs to the margin: most of the text's longer lines. */
function fullLineLength(lines: LayoutLine[]): number {
  const typical = Math.max(40, thirdQuartileLength(lines) ?? 0);
  return Math.round(typical * 0.8);
}

/**
 * The lines with the page numbers cleanLines set apart put back in input
 * order: a bare number alone on its line is also how an extractor prints a
 * table's row label (STT), so the table reader must see them.
 */
function withPageNumbers(lines: LayoutLine[], furniture: readonly Furniture[]): { stream: LayoutLine[]; pageNumbers: Set<LayoutLine> } {
  const pageNumbers = new Set<LayoutLine>();
  const placed = (origin: Origin): boolean => origin.offset !== null || (origin.page !== null && origin.box !== null);
  const numbers = furniture.filter((f) => f.kind === 'page-number' && placed(f.origin));
  if (numbers.length === 0 || lines.some((l) => !placed(l.origin))) return { stream: lines, pageNumbers };
  const extra: LayoutLine[] = numbers.map((f) => ({
    text: f.text,
    raw: f.text,
    blank: false,
    pageStart: false,
    bold: false,
    page: f.origin.page,
    fontSize: null,
    origin: f.origin,
    role: 'body',
    startsParagraph: null,
  }));
  for (const line of extra) pageNumbers.add(line);
  // Each number goes back before the first line that follows it in the source (input offset, or page and height).
  const stream: LayoutLine[] = [];
  let next = 0;
  for (const line of lines) {
    while (next < extra.length && comesBefore(extra[next]!.origin, line.origin)) stream.push(extra[next++]!);
    stream.push(line);
  }
  appendAll(stream, extra.slice(next));
  return { stream, pageNumbers };
}

function comesBefore(a: Origin, b: Origin): boolean {
  if (a.offset && b.offset) return a.offset.start < b.offset.start;
  if (a.page !== b.page) return (a.page ?? 0) < (b.page ?? 0);
  return (a.box?.y ?? 0) < (b.box?.y ?? 0);
}

/**
 * Plain-text reader: finds tables in three shapes (markdown pipe tables,
 * tab-separated rows, and the cell-per-line shape PDF extractors leave,
 * recognised by its header's column words) and puts each in place of its
 * lines; every other line passes through. `furniture` (from cleanLines) lets
 * bare-number row labels taken for page numbers back into their table;
 * page numbers themselves are never emitted as lines.
 */
export function readTextFlow(lines: LayoutLine[], furniture: readonly Furniture[] = []): FlowItem[] {
  const { stream, pageNumbers } = withPageNumbers(lines, furniture);
  const out: FlowItem[] = [];
  const scan = cellScan(pageNumbers, fullLineLength(lines));
  let tables = 0;
  for (let i = 0; i < stream.length; ) {
    const line = stream[i]!;
    if (pageNumbers.has(line)) {
      i++;
      continue;
    }
    const sideBySide = line.blank ? null : readSideBySide(stream, i);
    if (sideBySide) {
      for (const cellLine of sideBySide.lines) out.push({ kind: 'line', line: cellLine });
      i = sideBySide.end;
      continue;
    }
    const found: FoundTable | null = line.blank
      ? null
      : (readPipeTable(stream, i, tables) ?? readTabTable(stream, i, tables) ?? readCellTable(stream, i, tables, scan));
    if (found) {
      out.push({ kind: 'table', table: found.table });
      tables++;
      i = found.end;
    } else {
      out.push({ kind: 'line', line });
      i++;
    }
  }
  return out;
}

/**
 * Could `readTextFlow` find a table (or a header block set side by side) in
 * these lines: does any open a pipe or tab row, or name a column as a title?
 * Where none does, it would give the lines back as they are.
 */
export function mayHoldTextTable(lines: readonly LayoutLine[]): boolean {
  return lines.some((line) => !line.blank && (mayOpenDelimitedRow(line) || mayOpenCellTable(line)));
}

/** The furniture no table took back as a row label: what the tree keeps as furniture. */
export function furnitureOutsideTables(flow: FlowItem[], furniture: readonly Furniture[]): Furniture[] {
  const taken = new Set<string>();
  for (const item of flow) {
    if (item.kind !== 'table') continue;
    for (const p of paragraphsOf([item.table])) for (const piece of p.pieces) taken.add(placeKey(piece.origin));
  }
  return furniture.filter((f) => !taken.has(placeKey(f.origin)));
}

/** Where a line starts in the source: its input offset, or its page and position. Cell lines are copies, so identity will not do. */
function placeKey(origin: Origin): string {
  return origin.offset ? `@${origin.offset.start}` : `${origin.page}:${origin.box?.x}:${origin.box?.y}`;
}
