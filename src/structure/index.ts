import { startsWithAgency } from '../lexicon/agencies.js';
import { planYearAndPeriod } from '../lexicon/dates.js';
import { parseSectionMarker } from '../lexicon/markers.js';
import { ATTACHED_TO, parseAppendixHeading } from '../lexicon/parts.js';
import { paragraphsOf, type Block, type DocumentTree, type Paragraph, type PartKind, type PlacedParagraph, type PlacedTable, type StructuredDocument, type Table } from '../tree.js';
import { parseClosing, parseHeader } from './metadata.js';
import { buildSectionTree, type SectionItem } from './sections.js';
import { planColumns, readRowLabel, rowCells } from './tables.js';
import { isUpperCaseLine } from '../text/vietnamese.js';


/** Lays paragraphs into one text, one a line, and keeps where each went. */
class TextWriter {
  text = '';
  readonly paragraphs: PlacedParagraph[] = [];

  place(paragraph: Paragraph, part: PartKind, cell: PlacedParagraph['cell'] = null): PlacedParagraph {
    if (this.text.length > 0) this.text += '\n';
    const placed: PlacedParagraph = {
      text: paragraph.text,
      page: paragraph.page,
      bold: paragraph.bold,
      start: this.text.length,
      end: this.text.length + paragraph.text.length,
      pieces: paragraph.pieces,
      part,
      cell,
    };
    this.text += paragraph.text;
    this.paragraphs.push(placed);
    return placed;
  }
}

/**
 * The appendix heading's title: the rest of its line, else the title lines
 * after it (upper case or bold, not a sentence), up to "(Kèm theo …)" or a table.
 */
function appendixTitle(rest: string, following: Block[]): string | null {
  if (rest) return rest;
  const lines: string[] = [];
  for (const block of following) {
    if (block.kind !== 'paragraph' || ATTACHED_TO.test(block.text) || parseSectionMarker(block.text) || lines.length === 2) break;
    const isTitle = (block.bold || isUpperCaseLine(block.text)) && !/[.;]$/.test(block.text);
    if (!isTitle) break;
    lines.push(block.text);
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

/**
 * The structure stage: lays the tree's paragraphs into the output text, reads
 * the header and closing, and builds the section tree of the preamble, body
 * and appendices, with table rows as sections where their STT cell labels them.
 */
const AGENCY_ROLES = new Set(['lead', 'support', 'implement']);

/**
 * The column a paragraph of a row-spanning cell belongs to, when its content alone shows it: a list of
 * agencies (each ";" item opens with an agency noun) in a table with a single agency column. Otherwise null.
 */
function columnByContent(text: string, roles: readonly string[]): number | null {
  const agencyColumns = roles.flatMap((role, i) => (AGENCY_ROLES.has(role) ? [i] : []));
  if (agencyColumns.length !== 1) return null;
  const items = text.split(';').map((item) => item.trim()).filter((item) => item !== '');
  return items.length > 0 && items.every((item) => startsWithAgency(item) && !/[.:]/u.test(item.replace(/[.]$/, ''))) ? agencyColumns[0]! : null;
}

export function structure(tree: DocumentTree): StructuredDocument {
  const writer = new TextWriter();
  const items: SectionItem[] = [];
  const tables: PlacedTable[] = [];
  const tableRows: Array<{ table: Table; index: number }> = [];

  const placeTable = (table: Table, part: PartKind, sectioned: boolean): void => {
    const index = tables.length;
    const plan = planColumns(table);
    // A row-spanning cell still answers "when" by the table's time column, if it has one.
    const timeColumn = plan.roles.indexOf('deadline');
    const tableTimeHeader = timeColumn >= 0 ? (plan.columns[timeColumn] ?? '') : '';
    const placedTable: PlacedTable = { page: table.page, sectionPath: [], sectionId: null, columns: plan.columns, columnRoles: plan.roles, rows: [], span: { start: 0, end: 0 } };
    tables.push(placedTable);
    tableRows.push({ table, index });
    let first = true;
    table.rows.forEach((row, r) => {
      const inHeader = r < plan.headerRows;
      const paragraphs: PlacedParagraph[] = [];
      for (const cell of [...row.cells].sort((a, b) => a.column - b.column)) {
        for (const paragraph of paragraphsOf(cell.blocks)) {
          // A cell spanning the whole row (a group title, text the reader could not split) holds no one column's content.
          const spansRow = table.columnCount > 1 && cell.colSpan >= table.columnCount;
          const column = spansRow ? columnByContent(paragraph.text, plan.roles) : cell.column;
          const role = column === null ? 'other' : (plan.roles[column] ?? 'other');
          const header = column === null ? '' : (plan.columns[column] ?? '');
          const timeHeader = spansRow ? tableTimeHeader : '';
          const placed = writer.place(paragraph, part, { table: index, row: r, column: cell.column, role, header, inHeader, spansRow, timeHeader });
          if (first) placedTable.span.start = placed.start;
          first = false;
          placedTable.span.end = placed.end;
          paragraphs.push(placed);
        }
      }
      placedTable.rows.push({ sectionPath: [], sectionId: null, cells: rowCells(table, r), header: inHeader });
      if (!sectioned) return;
      const label = inHeader ? { label: null, group: false, heading: null } : readRowLabel(table, r, plan);
      items.push({ kind: 'row', table: index, row: r, ...label, paragraphs });
    });
  };

  const placeBlocks = (blocks: Block[], part: PartKind, sectioned: boolean): PlacedParagraph[] => {
    const placed: PlacedParagraph[] = [];
    for (const block of blocks) {
      if (block.kind === 'table') {
        placeTable(block, part, sectioned);
        continue;
      }
      const p = writer.place(block, part);
      placed.push(p);
      if (sectioned) items.push({ kind: 'paragraph', paragraph: p });
    }
    return placed;
  };

  let headerParagraphs: PlacedParagraph[] = [];
  let titleParagraphs: PlacedParagraph[] = [];
  const closingParagraphs: PlacedParagraph[] = [];
  for (const part of tree.parts) {
    switch (part.kind) {
      case 'header':
        headerParagraphs = placeBlocks(part.blocks, 'header', false);
        break;
      case 'title':
        titleParagraphs = placeBlocks(part.blocks, 'title', false);
        break;
      case 'closing':
        closingParagraphs.push(...placeBlocks(part.blocks, 'closing', false));
        break;
      case 'appendix': {
        // labelParts opens every appendix at its heading paragraph.
        const [headingBlock, ...rest] = part.blocks as [Paragraph, ...Block[]];
        const heading = parseAppendixHeading(headingBlock.text)!;
        const paragraph = writer.place(headingBlock, 'appendix');
        items.push({ kind: 'appendix', paragraph, label: heading.label, heading: appendixTitle(heading.rest, rest) });
        placeBlocks(rest, 'appendix', true);
        break;
      }
      default:
        placeBlocks(part.blocks, part.kind, true);
    }
  }

  const footnotes = tree.footnotes.map((footnote) => {
    writer.text += '\n' + footnote.marker + ' ';
    const start = writer.text.length;
    writer.text += footnote.text;
    return { marker: footnote.marker, text: footnote.text, span: { start, end: writer.text.length }, page: footnote.page, pieces: footnote.pieces };
  });

  const sectionTree = buildSectionTree(items, writer.text);
  for (const { index } of tableRows) {
    const placed = tables[index]!;
    const tableSection = sectionTree.tableSections.get(index) ?? null;
    placed.sectionPath = tableSection?.path ?? [];
    placed.sectionId = tableSection?.id ?? null;
    const rows = sectionTree.rowSections.get(index);
    for (const [r, row] of placed.rows.entries()) {
      const section = rows?.get(r) ?? tableSection;
      row.sectionPath = section?.path ?? [];
      row.sectionId = section?.id ?? null;
    }
  }

  const header = parseHeader(headerParagraphs);
  const title = tree.mergedTitle ?? (titleParagraphs.length > 1 ? titleParagraphs.slice(1).map((p) => p.text).join(' ').replace(/\s+/g, ' ').trim() : null);
  return {
    format: tree.format,
    pageCount: tree.pageCount,
    text: writer.text,
    paragraphs: writer.paragraphs,
    bodyParagraphs: sectionTree.paragraphs,
    sections: sectionTree.sections,
    tables,
    footnotes,
    documentType: tree.documentType,
    title,
    ...planYearAndPeriod(title, header.headerYear),
    header,
    closing: parseClosing(closingParagraphs),
    warnings: tree.warnings,
  };
}
