import { paragraphsOf, type Block, type DocumentTree, type IngestedDocument } from '../tree.js';
import { readFlow } from './flow.js';
import { cleanLines, type LayoutLine } from './lines.js';
import { breakEvidence, buildParagraphs, detachFusedMarkers, ignoreBoldWhenEverywhere, separateFootnotes } from './paragraphs.js';
import { labelParts } from './parts.js';
import { appendAll } from '../arrays.js';

/**
 * The layout stage: positioned lines in, a document tree out. Each format's
 * reader decides what only its geometry or markup can tell (columns, tables,
 * paragraph starts); then footnote bodies are set apart, lines are joined
 * into paragraphs by the textual cues every format shares, and the blocks
 * are labelled as header, title, preamble, body, closing and appendices.
 */
export function layout(document: IngestedDocument): DocumentTree {
  const cleaned = cleanLines(document.lines, document.pages);
  const { flow, furniture } = readFlow(document, cleaned.lines, cleaned.furniture);

  const flowLines: LayoutLine[] = [];
  for (const item of flow) if (item.kind === 'line') flowLines.push(item.line);
  const { body, footnotes } = separateFootnotes(flowLines);
  const evidence = breakEvidence(body);

  const blocks: Block[] = [];
  let run: LayoutLine[] = [];
  const flush = (): void => {
    appendAll(blocks, buildParagraphs(run, evidence));
    run = [];
  };
  // The body is the flow's lines less the footnotes', in the same order: a line is kept when it is the body's next.
  let nextBody = 0;
  for (const item of flow) {
    if (item.kind === 'line') {
      if (body[nextBody] === item.line) {
        run.push(item.line);
        nextBody++;
      }
      continue;
    }
    flush();
    blocks.push(item.table);
  }
  flush();

  // Bold says something only against the running text; table cells (bold header rows) are left out of that count.
  ignoreBoldWhenEverywhere(blocks.filter((b) => b.kind === 'paragraph'));
  detachFusedMarkers([...paragraphsOf(blocks)], footnotes);

  const { parts, documentType, mergedTitle } = labelParts(blocks);
  return {
    format: document.format,
    pageCount: document.pageCount,
    parts,
    footnotes,
    furniture,
    documentType,
    mergedTitle,
    warnings: document.warnings,
    propertiesTitle: document.propertiesTitle ?? null,
  };
}
