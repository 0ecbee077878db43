import { GROUP_STT, STT_LABEL, columnRole, isHeaderRow, type ColumnRole } from '../lexicon/columns.js';
import { parseSectionMarker } from '../lexicon/markers.js';
import { blocksText, type Cell, type Table } from '../tree.js';

/** A table's columns as its header names them. */
export interface ColumnPlan {
  headerRows: number;
  columns: string[];
  roles: ColumnRole[];
  /** The STT column, or -1. */
  labelColumn: number;
  /** The task (content) column, or -1. */
  taskColumn: number;
}

export const cellText = (cell: Cell | undefined): string => (cell ? blocksText(cell.blocks).trim() : '');

/** The text of each grid column of a row ('' where no cell starts there). */
export function rowCells(table: Table, rowIndex: number): string[] {
  const cells = Array<string>(table.columnCount).fill('');
  for (const cell of table.rows[rowIndex]?.cells ?? []) if (cell.column < table.columnCount) cells[cell.column] = cellText(cell);
  return cells;
}

export function labelOf(text: string): string | null {
  const label = text.trim().replace(/^\(/, '');
  return STT_LABEL.test(label) ? label.replace(/[.)]$/, '') : null;
}

export function planColumns(table: Table): ColumnPlan {
  let headerRows = table.headerRows;
  if (headerRows === 0 && table.rows.length > 1 && isHeaderRow(rowCells(table, 0))) headerRows = 1;
  const columns = Array<string>(table.columnCount).fill('');
  for (let r = 0; r < headerRows; r++) {
    for (const cell of table.rows[r]!.cells) {
      const text = cellText(cell);
      // A header cell spanning columns names each of them ("Cơ quan thực hiện" over "Chủ trì | Phối hợp").
      for (let c = cell.column; c < Math.min(table.columnCount, cell.column + cell.colSpan); c++) {
        columns[c] = columns[c] && text && !columns[c]!.includes(text) ? `${columns[c]} ${text}` : columns[c] || text;
      }
    }
  }
  // Under a shared parent header the sub-header decides ("Cơ quan thực hiện / Chủ trì").
  const roles = columns.map((name, c) => {
    const sub = headerRows > 1 ? cellText(table.rows[headerRows - 1]!.cells.find((cell) => cell.column === c)) : '';
    const subRole = sub ? columnRole(sub) : 'other';
    return subRole !== 'other' ? subRole : columnRole(name);
  });
  let labelColumn = roles.indexOf('label');
  // Without a header, a first column of STT values is the label column.
  if (labelColumn < 0 && table.columnCount > 1) {
    const values = table.rows.slice(headerRows).map((_, i) => rowCells(table, headerRows + i)[0] ?? '').filter((v) => v !== '');
    if (values.length >= 2 && values.every((v) => labelOf(v) !== null)) labelColumn = 0;
  }
  let taskColumn = roles.indexOf('task');
  if (taskColumn < 0 && labelColumn >= 0 && labelColumn + 1 < table.columnCount) taskColumn = labelColumn + 1;
  return { headerRows, columns, roles, labelColumn, taskColumn };
}

export interface RowLabel {
  label: string | null;
  group: boolean;
  heading: string | null;
}

/**
 * A row's label and whether it groups the rows under it: an STT of "I", "II",
 * "A" in a table whose task rows are numbered, or one cell spanning the table.
 */
export function readRowLabel(table: Table, rowIndex: number, plan: ColumnPlan): RowLabel {
  const row = table.rows[rowIndex]!;
  const cells = rowCells(table, rowIndex);
  const spanning = row.cells.length === 1 && row.cells[0]!.colSpan >= table.columnCount && table.columnCount > 1;
  if (spanning) {
    const text = cells[row.cells[0]!.column]!;
    const marker = parseSectionMarker(text);
    if (marker) return { label: marker.label, group: true, heading: text.slice(marker.length).trim() || null };
    // Without a label there is no path to give it: its text stays with the row above.
    return { label: null, group: false, heading: null };
  }
  // A merged row read as one cell in the first column ("II. NHÓM NHIỆM VỤ …", as .doc and text give it) groups the rows under it.
  const filled = cells.filter((text) => text !== '');
  const merged = filled.length === 1 && cells[0] === filled[0] ? parseSectionMarker(cells[0]!) : null;
  if (merged && GROUP_STT.test(merged.label)) return { label: merged.label, group: true, heading: cells[0]!.slice(merged.length).trim() || null };
  if (plan.labelColumn < 0) return { label: null, group: false, heading: null };
  const label = labelOf(cells[plan.labelColumn] ?? '');
  if (label === null) return { label: null, group: false, heading: null };
  const headingCell = plan.taskColumn >= 0 ? cells[plan.taskColumn] : cells.find((text, c) => c !== plan.labelColumn && text !== '');
  // The group's title may sit in any cell right of the label when it spans the rest of the row.
  const heading = headingCell || cells.find((text, c) => c !== plan.labelColumn && text !== '') || null;
  return { label, group: GROUP_STT.test(label), heading };
}
