import { KehoachError, libraryCause } from '../errors.js';
import type { Limits } from '../limits.js';
import { decodeLegacy, detectLegacyEncoding, legacyEncodingWarning } from '../text/legacy-encodings.js';
import type { IngestedDocument, SourceLine } from '../tree.js';
import { checkCompoundFile } from './compound-file.js';
import { reason } from '../messages.js';

/**
 * Word 97–2003 (.doc) ingestion through word-extractor, which reads the
 * compound file's text streams. Its body text gives each paragraph on a line
 * and each table cell closed by a tab, so a line of two or more tab-closed
 * cells is a table row: its cells become lines tagged with their table, row
 * and column, as DOCX cells are, and layout reads the table the same way.
 * Legacy 8-bit text (TCVN3, VNI) is decoded as in plain text.
 */

type WordExtractorModule = typeof import('word-extractor');

/** The cells of a table-row line ("1\tNâng cấp …\tSở Y tế\t"), or null for a plain paragraph. */
function rowCells(line: string): string[] | null {
  if (!line.endsWith('\t')) return null;
  const cells = line.slice(0, -1).split('\t');
  return cells.filter((cell) => cell.trim() !== '').length >= 2 ? cells : null;
}

/** How many lines a row whose cells hold several paragraphs may run over before its tabs are taken for plain ones. */
const MAX_ROW_LINES = 12;

/**
 * Rejoins a table row that a cell of several paragraphs split over lines:
 * from a line holding a tab that does not close the row, up to the line that
 * does (ends with a tab), joined with "\n" so each cell keeps its paragraphs.
 */
function rowsOverLines(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (!text.includes('\t') || text.endsWith('\t')) {
      out.push(text);
      continue;
    }
    const close = lines.slice(i + 1, i + 1 + MAX_ROW_LINES).findIndex((next) => next.endsWith('\t'));
    if (close < 0) {
      out.push(text);
      continue;
    }
    out.push(lines.slice(i, i + 2 + close).join('\n'));
    i += 1 + close;
  }
  return out;
}

export async function ingestDoc(bytes: Uint8Array, limits: Limits): Promise<IngestedDocument> {
  if (bytes.byteLength > limits.maxInputBytes) {
    throw new KehoachError('LIMIT_EXCEEDED', reason('inputTooLarge', { size: bytes.byteLength, limit: limits.maxInputBytes }), { details: { limit: 'maxInputBytes', value: bytes.byteLength } });
  }
  if (checkCompoundFile(bytes).wordEncrypted) throw new KehoachError('ENCRYPTED', reason('docEncrypted'));
  const { default: WordExtractor } = (await import('word-extractor')) as { default: WordExtractorModule };
  let body: string;
  let notes: string;
  try {
    const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = document.getBody();
    notes = document.getFootnotes();
  } catch (error) {
    throw new KehoachError('CORRUPT_INPUT', reason('docUnreadable'), libraryCause(error));
  }
  const warnings: IngestedDocument['warnings'] = [];
  const legacy = detectLegacyEncoding(body);
  if (legacy) {
    body = decodeLegacy(body, legacy);
    notes = decodeLegacy(notes, legacy);
    warnings.push(legacyEncodingWarning(legacy));
  }

  const lines: SourceLine[] = [];
  let paragraph = 0;
  let table = -1;
  let row = 0;
  let inTable = false;
  const line = (text: string, role: SourceLine['role'], cell: SourceLine['origin']['cell']): SourceLine => ({
    text,
    origin: { page: null, box: null, paragraph, cell, offset: null },
    fontSize: null,
    bold: null,
    startsParagraph: true,
    role,
  });
  const bodyLines = rowsOverLines(body.split('\n'));
  for (const text of bodyLines) {
    // Inside a table a merged row ("II. NHÓM NHIỆM VỤ …" across the table) closes with a tab too.
    const cells = rowCells(text) ?? (inTable && text.endsWith('\t') && text.trim() !== '' ? text.slice(0, -1).split('\t') : null);
    if (!cells) {
      inTable = false;
      // A tab left in a paragraph (a two-column header set with tabs) separates words, not cells.
      if (text.trim() !== '') lines.push(line(text.replace(/\t+/g, ' '), 'body', null));
      paragraph++;
      continue;
    }
    if (!inTable) {
      table++;
      row = 0;
      inTable = true;
    }
    cells.forEach((cell, column) => {
      // A cell of several paragraphs keeps them apart, in the same cell.
      for (const cellParagraph of cell.split('\n')) {
        if (cellParagraph.trim() !== '') lines.push(line(cellParagraph, 'body', { table, row, column, rowSpan: 1, colSpan: 1, within: null }));
        paragraph++;
      }
    });
    row++;
  }
  // Each note opens with the space its removed reference mark leaves; a line without it continues the note before.
  const bodies: string[] = [];
  for (const noteLine of notes.split('\n')) {
    if (noteLine.trim() === '') continue;
    if (noteLine.startsWith(' ') || bodies.length === 0) bodies.push(noteLine.trim());
    else bodies[bodies.length - 1] += ` ${noteLine.trim()}`;
  }
  bodies.forEach((note, i) => {
    lines.push(line(`${i + 1} ${note}`, 'footnote', null));
    paragraph++;
  });
  if (lines.length === 0) throw new KehoachError('NO_TEXT_LAYER', reason('docNoText'));
  return { format: 'doc', pageCount: null, lines, pages: [], warnings };
}
