import { isHeaderRow } from '../lexicon/columns.js';
import { isHeaderOrSignatureText } from '../lexicon/parts.js';
import { blocksText, paragraphsOf, type Block, type CellPosition, type Row, type Table } from '../tree.js';
import type { FlowItem, LayoutLine } from './lines.js';
import { buildParagraphs } from './paragraphs.js';
import { appendAll } from '../arrays.js';

/**
 * DOCX tables from the ingester's cell-tagged lines. Each line's origin says
 * which cell (and, for a nested table, which outer cell) it sits in; the
 * lines of one table arrive together, row by row, cell by cell.
 */

/** A cell's place in each table around it, outermost first. */
export function cellChain(cell: CellPosition): CellPosition[] {
  const chain: CellPosition[] = [];
  for (let at: CellPosition | null = cell; at; at = at.within) chain.unshift(at);
  return chain;
}

type CellContent = { kind: 'line'; line: LayoutLine } | { kind: 'nested'; table: number; lines: LayoutLine[] };

interface GatheredCell {
  position: CellPosition;
  content: CellContent[];
}

/** The cells of the table at nesting `depth` that hold text, in source order; a nested table's lines stay together in its cell. */
function gatherCells(lines: LayoutLine[], depth: number): GatheredCell[] {
  const cells = new Map<string, GatheredCell>();
  for (const line of lines) {
    const chain = cellChain(line.origin.cell!);
    const position = chain[depth]!;
    const key = `${position.row}:${position.column}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { position, content: [] }));
    const inner = chain[depth + 1];
    if (!inner) {
      cell.content.push({ kind: 'line', line });
      continue;
    }
    const last = cell.content.at(-1);
    if (last?.kind === 'nested' && last.table === inner.table) last.lines.push(line);
    else cell.content.push({ kind: 'nested', table: inner.table, lines: [line] });
  }
  return [...cells.values()];
}

function cellBlocks(content: CellContent[], depth: number): Block[] {
  const blocks: Block[] = [];
  let run: LayoutLine[] = [];
  const flush = (): void => {
    appendAll(blocks, buildParagraphs(run));
    run = [];
  };
  for (const item of content) {
    if (item.kind === 'line') {
      run.push(item.line);
      continue;
    }
    flush();
    // Inside a cell a nested table stays a table, whatever its shape: a cell holds blocks, not loose lines.
    blocks.push(tableOf(gatherCells(item.lines, depth + 1), depth + 1));
  }
  flush();
  return blocks;
}

/** Most words a column title runs to ("Cơ quan, đơn vị chủ trì thực hiện" has eight). */
const MAX_TITLE_WORDS = 15;

/** The largest value, 0 for none; no argument spread, which a table of many thousand cells would overflow. */
const largest = (values: number[]): number => values.reduce((a, b) => Math.max(a, b), 0);


/**
 * Leading rows that are the table's header: a row of column words (with the
 * rows its cells span down over, for a two-level header), a caption row above
 * it spanning the whole table, and a row that only numbers the columns
 * ("1 | 2 | 3 …", "(1) | (2) …") below it.
 */
export function headerRowCount(rows: Row[], columnCount: number): number {
  const texts = rows.map((row) => row.cells.map((cell) => blocksText(cell.blocks)));
  const isHeader = (index: number): boolean => {
    const cells = texts[index];
    // Column titles are a few words; a signature block's recipients list may name "nhiệm vụ" and "thực hiện" too.
    return cells !== undefined && cells.every((text) => text.split(' ').length <= MAX_TITLE_WORDS) && isHeaderRow(cells);
  };
  let first = 0;
  const top = rows[0]?.cells;
  if (top?.length === 1 && columnCount > 1 && top[0]!.colSpan >= columnCount && isHeader(1)) first = 1;
  if (!isHeader(first)) return 0;
  let count = first + Math.max(1, largest(rows[first]!.cells.map((cell) => cell.rowSpan)));
  while (count < rows.length && isHeader(count)) count++;
  if (count < rows.length && numbersColumns(texts[count]!)) count++;
  return Math.min(count, rows.length);
}

function numbersColumns(texts: string[]): boolean {
  return texts.length >= 2 && texts.every((text, i) => new RegExp(`^\\(?${i + 1}\\)?$`).test(text.trim()));
}

function tableOf(cells: GatheredCell[], depth: number): Table {
  const rowCount = largest(cells.map((c) => c.position.row + 1));
  // Rows keep their source index, so row spans still count right past a row with no text.
  const rows: Row[] = Array.from({ length: rowCount }, () => ({ cells: [] }));
  for (const { position, content } of cells) {
    rows[position.row]!.cells.push({ column: position.column, colSpan: position.colSpan, rowSpan: position.rowSpan, blocks: cellBlocks(content, depth) });
  }
  for (const row of rows) row.cells.sort((a, b) => a.column - b.column);
  const columnCount = largest(cells.map((c) => c.position.column + c.position.colSpan));
  return { kind: 'table', page: null, columnCount, headerRows: headerRowCount(rows, columnCount), rows };
}

/**
 * A layout table: the two-column header (issuer and number | motto, place and
 * date) or the signature block (recipients | signer). Told by shape — few rows
 * and few cells a row, no header row of column words — and by holding the
 * words of those zones, so a small data table in the body stays a table.
 * Cells are counted per row rather than on the grid, since Word often splits
 * a header's grid finer than the two halves a reader sees.
 */
function isLayoutTable(table: Table): boolean {
  const cellsPerRow = largest(table.rows.map((row) => row.cells.length));
  if (table.rows.length > 3 || cellsPerRow > 3 || table.headerRows > 0) return false;
  const texts = table.rows.flatMap((row) => row.cells.flatMap((cell) => [...paragraphsOf(cell.blocks)].map((p) => p.text.trim())));
  return texts.some(isHeaderOrSignatureText);
}

/**
 * One table's flow: a data table as a table; a layout table as its lines,
 * column by column (column 0's paragraphs top to bottom, then column 1's), so
 * the issuer and the number stay apart from the motto and the date.
 */
export function readTable(lines: LayoutLine[], depth = 0): FlowItem[] {
  const cells = gatherCells(lines, depth);
  const table = tableOf(cells, depth);
  if (!isLayoutTable(table)) return [{ kind: 'table', table }];
  const ordered = [...cells].sort((a, b) => a.position.column - b.position.column || a.position.row - b.position.row);
  return ordered.flatMap(({ content }) =>
    content.flatMap((item): FlowItem[] => (item.kind === 'line' ? [{ kind: 'line', line: item.line }] : readTable(item.lines, depth + 1))),
  );
}
