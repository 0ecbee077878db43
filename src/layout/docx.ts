import { cellChain, readTable } from './docx-tables.js';
import type { FlowItem, LayoutLine } from './lines.js';
import { appendAll } from '../arrays.js';

/**
 * DOCX reader. Paragraph starts come from the file; lines outside tables pass
 * through. The lines of each top-level table (nested tables inside) become a
 * table, or, for the header and signature blocks, lines read column by column.
 */
export function readDocxFlow(lines: LayoutLine[]): FlowItem[] {
  const flow: FlowItem[] = [];
  const tableOf = (line: LayoutLine): number | null => (line.origin.cell ? cellChain(line.origin.cell)[0]!.table : null);
  for (let i = 0; i < lines.length; ) {
    const table = tableOf(lines[i]!);
    if (table === null) {
      flow.push({ kind: 'line', line: lines[i++]! });
      continue;
    }
    const start = i;
    while (i < lines.length && tableOf(lines[i]!) === table) i++;
    appendAll(flow, readTable(lines.slice(start, i)));
  }
  return flow;
}
