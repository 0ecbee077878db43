import type { IngestedDocument } from '../tree.js';
import { readDocxFlow } from './docx.js';
import type { FlowItem, LayoutLine } from './lines.js';
import { readPdfFlow } from './pdf.js';
import { readTextFlow } from './text.js';


/** Each format's reader sees only what its format gives: PDF geometry and rulings, DOCX cells, plain lines. */
export function readFlow(document: IngestedDocument, lines: LayoutLine[]): FlowItem[] {
  switch (document.format) {
    case 'pdf':
      return readPdfFlow(lines, document.pages);
    case 'docx':
      return readDocxFlow(lines);
    case 'txt':
      return readTextFlow(lines);
  }
}
