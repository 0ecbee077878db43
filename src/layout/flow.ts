import type { Furniture, IngestedDocument } from '../tree.js';
import { readDocxFlow } from './docx.js';
import type { FlowItem, LayoutLine } from './lines.js';
import { readPdfFlow } from './pdf.js';
import { furnitureOutsideTables, readTextFlow } from './text.js';

/**
 * Each format's reader sees only what its format gives: PDF geometry and
 * rulings, DOCX cells, plain lines. A text table may take back a lone number
 * `cleanLines` set aside as a page number: it was the row's STT.
 */
export function readFlow(document: IngestedDocument, lines: LayoutLine[], furniture: Furniture[]): { flow: FlowItem[]; furniture: Furniture[] } {
  switch (document.format) {
    case 'pdf':
      return { flow: readPdfFlow(lines, document.pages), furniture };
    case 'docx':
      return { flow: readDocxFlow(lines), furniture };
    case 'txt': {
      const flow = readTextFlow(lines, furniture);
      return { flow, furniture: furnitureOutsideTables(flow, furniture) };
    }
  }
}
