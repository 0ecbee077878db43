import type { Table } from '../schema/document.js';

/**
 * Where each cell of a table lies in the plan's text. The text holds a table
 * as its cells one after another, separated by line breaks (a cell's own line
 * breaks kept); a cell's string is the same text with its breaks as spaces.
 * Cells are found in order, ignoring whitespace, each after the one before;
 * a cell not found close ahead is left unplaced (shown from its string, without
 * highlights), and text between placed cells that no cell took is a gap (shown
 * after its row, with its highlights, so no entity of the table is lost).
 */
export interface TableLayout {
  /** Per row, per cell: [start, end) in the text, or null when not found. */
  cells: ([number, number] | null)[][];
  /** Text no cell took, by the row it follows (-1: before the first row): [start, end) ranges. */
  gaps: Map<number, [number, number][]>;
  /** Ranges of the text from the table's span, for checking. */
  start: number;
  end: number;
}

/** How far past the last placed cell (in non-space characters) a cell may start: about a row. */
const LOOKAHEAD = 400;

export function layoutTable(text: string, table: Table, start: number, end: number): TableLayout {
  // The table's text without whitespace, and for each of its characters the offset in `text`.
  let squeezed = '';
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) continue;
    squeezed += text[i];
    offsets.push(i);
  }
  const cells: ([number, number] | null)[][] = [];
  const gaps = new Map<number, [number, number][]>();
  let cursor = 0;
  const addGap = (row: number, from: number, to: number): void => {
    if (from >= to) return;
    const range: [number, number] = [offsets[from]!, offsets[to - 1]! + 1];
    const list = gaps.get(row);
    if (list) list.push(range);
    else gaps.set(row, [range]);
  };
  let lastRow = -1;
  table.rows.forEach((row, r) => {
    const placed: ([number, number] | null)[] = [];
    for (const cell of row.cells) {
      const needle = cell.replace(/[\s\u00a0]+/g, '');
      const found = needle ? squeezed.indexOf(needle, cursor) : -1;
      if (found < 0 || found - cursor > LOOKAHEAD) {
        placed.push(null);
        continue;
      }
      addGap(lastRow, cursor, found);
      placed.push([offsets[found]!, offsets[found + needle.length - 1]! + 1]);
      cursor = found + needle.length;
      lastRow = r;
    }
    cells.push(placed);
  });
  addGap(lastRow, cursor, squeezed.length);
  return { cells, gaps, start, end };
}
