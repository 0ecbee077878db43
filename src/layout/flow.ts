import type { Furniture, IngestedDocument } from '../tree.js';
import { readDocxFlow } from './docx.js';
import type { FlowItem, LayoutLine } from './lines.js';
import { readPdfFlow } from './pdf.js';
import { furnitureOutsideTables, mayHoldTextTable, readTextFlow } from './text.js';
import { appendAll } from '../arrays.js';

/**
 * A PDF printed from extracted text carries its tables in the cell-per-line
 * shape, which no ruling or column alignment shows: the text reader's table
 * rules run over the lines the PDF reader left as running text.
 */
function withTextTables(flow: FlowItem[], furniture: Furniture[]): FlowItem[] {
  const out: FlowItem[] = [];
  let run: Array<Extract<FlowItem, { kind: 'line' }>> = [];
  const flush = (): void => {
    const lines = run.map((item) => item.line);
    // Most PDFs hold no such table: then the run's items go on as they are, not read again line by line.
    appendAll(out, mayHoldTextTable(lines) ? readTextFlow(lines, furniture) : run);
    run = [];
  };
  for (const item of flow) {
    if (item.kind === 'line') run.push(item);
    else {
      flush();
      out.push(item);
    }
  }
  flush();
  return out;
}

/**
 * Each format's reader sees only what its format gives: PDF geometry and
 * rulings, DOCX cells, plain lines. A text table may take back a lone number
 * `cleanLines` set aside as a page number: it was the row's STT.
 */
export function readFlow(document: IngestedDocument, lines: LayoutLine[], furniture: Furniture[]): { flow: FlowItem[]; furniture: Furniture[] } {
  switch (document.format) {
    case 'pdf': {
      const flow = withTextTables(readPdfFlow(lines, document.pages), furniture);
      return { flow, furniture: furnitureOutsideTables(flow, furniture) };
    }
    // A .doc's table cells arrive tagged like a DOCX's.
    case 'docx':
    case 'doc':
      return { flow: readDocxFlow(lines), furniture };
    case 'txt': {
      const flow = readTextFlow(lines, furniture);
      return { flow, furniture: furnitureOutsideTables(flow, furniture) };
    }
  }
}
