import type { FlowItem, LayoutLine } from './lines.js';
import { readCellTable } from './text-cells.js';
import { readPipeTable, readTabTable, type FoundTable } from './text-tables.js';

/** The length from which a line runs to the margin: most of the text's longer lines. */
function fullLineLength(lines: LayoutLine[]): number {
  const lengths = lines.filter((l) => !l.blank).map((l) => l.text.length).sort((a, b) => a - b);
  const typical = Math.max(40, lengths[Math.floor(lengths.length * 0.75)] ?? 0);
  return Math.round(typical * 0.8);
}

/**
 * Plain-text reader: finds tables in three shapes (markdown pipe tables,
 * tab-separated rows, and the cell-per-line shape PDF extractors leave,
 * recognised by its header's column words) and puts each in place of its
 * lines; every other line passes through.
 */
export function readTextFlow(lines: LayoutLine[]): FlowItem[] {
  const out: FlowItem[] = [];
  const fullLine = fullLineLength(lines);
  let tables = 0;
  for (let i = 0; i < lines.length; ) {
    const found: FoundTable | null = lines[i]!.blank
      ? null
      : (readPipeTable(lines, i, tables) ?? readTabTable(lines, i, tables) ?? readCellTable(lines, i, tables, fullLine));
    if (found) {
      out.push({ kind: 'table', table: found.table });
      tables++;
      i = found.end;
    } else {
      out.push({ kind: 'line', line: lines[i]! });
      i++;
    }
  }
  return out;
}
