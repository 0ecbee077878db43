import { startsWithBullet } from '../lexicon/markers.js';
import type { PageInfo } from '../tree.js';
import type { FlowItem, LayoutLine } from './lines.js';
import { bodySizeOf, groupRows, joinRow, measure, regroupRows, type PdfMetrics, type PdfRow } from './pdf-geometry.js';
import { borderlessTables, continueTable, finishTable, ruledTables, type DraftTable } from './pdf-tables.js';

/** The flow while tables are drafts, finished once the whole document is read. */
type DraftFlowItem = FlowItem | { kind: 'draft'; draft: DraftTable };

/**
 * PDF reader: what the page geometry says, and only that. Tables come out of
 * the running text (pdf-tables.ts); a small-font block at a page foot opening
 * with a number is footnotes; a two-column block (the header table, the
 * signature) is read column by column; segments sharing a baseline otherwise
 * make one line. A line starts a paragraph where the geometry shows it (a
 * first-line indent, a wider gap, a short line before a bold title giving
 * way, a bullet or a wider gap); where the document has first-line indents,
 * a line at the margin goes on the paragraph. A document with no indents and
 * uniform spacing (printed from plain lines) says nothing either way: its
 * lines are left to the textual cues every format shares (`buildParagraphs`).
 * Page numbers never reach this reader: `cleanLines` labels them furniture.
 */
export function readPdfFlow(lines: LayoutLine[], pages: PageInfo[]): FlowItem[] {
  const isPlaced = (l: LayoutLine): boolean => l.origin.box !== null && l.page !== null;
  const positioned = lines.filter(isPlaced);
  // Lines without a place on a page (none from the PDF reader) pass through untouched, first.
  const loose: FlowItem[] = lines.filter((l) => !isPlaced(l)).map((line) => ({ kind: 'line', line }));
  const pageInfo = new Map(pages.map((p) => [p.number, p]));
  const allRows = groupRows(positioned);
  const rowsByPage = new Map<number, PdfRow[]>();
  for (const row of allRows) {
    const list = rowsByPage.get(row.page);
    if (list) list.push(row);
    else rowsByPage.set(row.page, [row]);
  }
  const bodySize = bodySizeOf(allRows);

  // Tables first: their rows must not count as running text for margins and spacing.
  const tablesByPage = new Map<number, DraftTable[]>();
  const textRowsByPage = new Map<number, PdfRow[]>();
  let inherited: DraftTable | null = null;
  for (const [page, rows] of [...rowsByPage].sort((a, b) => a[0] - b[0])) {
    const info = pageInfo.get(page);
    // Only a page with rulings can hold a ruled table.
    const ruled = info && info.rulings.length > 0 ? ruledTables(info, rows.flatMap((r) => r.lines)) : [];
    const rest = regroupRows(rows, new Set(ruled.flatMap((t) => [...t.lines])));
    const borderless = borderlessTables(rest, page, inherited);
    const textRows = regroupRows(rest, new Set(borderless.flatMap((t) => [...t.lines])));
    const tables = [...ruled, ...borderless].sort((a, b) => a.top - b.top);
    tablesByPage.set(page, tables);
    textRowsByPage.set(page, textRows);
    const last = tables.at(-1);
    // A table whose page goes on below it only in footnotes may go on at the top of the next page.
    inherited = last && textRows.every((r) => r.baseline <= last.top || r.size < bodySize * 0.85) ? last : null;
  }
  const metrics = measure([...textRowsByPage.values()].flat(), (page) => pageInfo.get(page)?.width ?? 595);

  const flow: DraftFlowItem[] = [...loose];
  const reader = new BodyReader(metrics, flow);
  let open: DraftTable | null = null;
  for (const [page, textRows] of [...textRowsByPage].sort((a, b) => a[0] - b[0])) {
    const tables = tablesByPage.get(page) ?? [];
    const items: Array<{ at: number; row?: PdfRow; table?: DraftTable }> = [
      ...textRows.map((row) => ({ at: row.baseline, row })),
      ...tables.map((table) => ({ at: table.top, table })),
    ].sort((a, b) => a.at - b.at);
    const bodyBottom = Math.max(...textRows.filter((r) => r.size >= metrics.bodySize * 0.9).map((r) => r.baseline), ...tables.map((t) => t.bottom));
    // Small-font lines at the page foot are footnotes only when their block opens with a footnote number;
    // otherwise (a recipients list in a smaller font) they are body text.
    const inFootBlock = (row: PdfRow): boolean => row.size < metrics.bodySize * 0.85 && row.baseline >= bodyBottom - 1;
    const footBlock = textRows.filter(inFootBlock);
    const opening = footBlock[0];
    const hasFootnotes =
      opening !== undefined && /^\s*\d{1,2}\s*\S/.test(opening.lines.map((l) => l.text).join(' ')) && !/^\s*\d{1,2}\s*[.)]/.test(opening.lines[0]!.text);
    reader.newPage();
    let firstContent = true;
    let lastWasTable = false;
    for (const item of items) {
      if (item.table) {
        reader.flushColumns();
        if (!(firstContent && open && continueTable(open, item.table))) {
          flow.push({ kind: 'draft', draft: item.table });
          open = item.table;
        }
        reader.afterTable(item.table.bottom);
        firstContent = false;
        lastWasTable = true;
        continue;
      }
      const row = item.row!;
      if (hasFootnotes && inFootBlock(row)) {
        reader.flushColumns();
        flow.push({ kind: 'line', line: { ...joinRow(row), role: 'footnote', startsParagraph: null } });
        continue;
      }
      reader.read(row);
      firstContent = false;
      lastWasTable = false;
    }
    reader.flushColumns();
    if (!lastWasTable) open = null;
  }

  let index = 0;
  return flow.map((item): FlowItem => (item.kind === 'draft' ? { kind: 'table', table: finishTable(item.draft, index++) } : item));
}

/** Reads the running-text rows of the pages in order, deciding paragraph starts and column blocks; appends its lines to `flow`. */
class BodyReader {
  private previousBaseline: number | null = null;
  private previousEnd: number;
  private previousBold = false;
  private started = false;
  private columnBlock: Array<{ line: LayoutLine; column: 0 | 1 }> = [];

  constructor(
    private readonly metrics: PdfMetrics,
    private readonly flow: DraftFlowItem[],
  ) {
    this.previousEnd = metrics.right;
  }

  newPage(): void {
    this.previousBaseline = null;
  }

  afterTable(bottom: number): void {
    this.previousBaseline = bottom;
    // Text after a table opens a paragraph: nothing runs on from a cell.
    this.previousEnd = this.metrics.left;
  }

  /** A two-column block (header or signature table) is read column by column, one line a paragraph,
   * except a line going on in lower case: a wrapped item ("… trên địa bàn thành" / "phố;"). */
  flushColumns(): void {
    if (this.columnBlock.length === 0) return;
    for (const column of [0, 1] as const) {
      for (const { line } of this.columnBlock.filter((p) => p.column === column)) this.flow.push({ kind: 'line', line: { ...line, startsParagraph: !/^\p{Ll}/u.test(line.text) } });
    }
    this.columnBlock = [];
  }

  read(row: PdfRow): void {
    const { left, right, spacing, indent, textWidth, middle } = this.metrics;
    const width = row.end - row.x;
    // A block in the right half only (signature) or a split line (header table) opens a two-column block.
    const isColumnLine = row.lines.length > 1 || (width < textWidth * 0.6 && (this.columnBlock.length > 0 || row.x > middle));
    if (isColumnLine) {
      for (const line of row.lines) {
        const box = line.origin.box!;
        this.columnBlock.push({ line, column: box.x + box.width / 2 < middle ? 0 : 1 });
      }
      this.previousBaseline = row.baseline;
      return;
    }
    this.flushColumns();
    const line = joinRow(row);
    const x = row.x;
    const gap = this.previousBaseline === null ? Infinity : row.baseline - this.previousBaseline;
    // A short first line at the paragraph indent can sit near the middle by chance; it is indented, not centred.
    const atIndent = indent !== null && Math.abs(x - indent) < 1.5;
    const centered = !atIndent && Math.abs((x + row.end) / 2 - middle) < 12 && width < textWidth * 0.9 && x > left + 15;
    const indented = x > left + 8 && !centered;
    const bold = line.bold;
    const previousShort = this.previousEnd < right - textWidth * 0.25;
    // A short last line ends a paragraph when a wider gap follows, a bold title gives way to regular text,
    // or a bullet item opens at the margin (a recipients list, set tighter than the body).
    const afterShortLine = previousShort && x <= left + 8 && (gap > spacing * 1.05 || (this.previousBold && !bold) || startsWithBullet(line.text));
    let startsParagraph: boolean | null;
    if (!this.started) startsParagraph = true;
    else if (this.previousBaseline === null) {
      // A page's first line: indented, or after a short last line, it opens a paragraph; at the margin after a
      // full line, it goes on (where the document indents its paragraphs) or is left to the text.
      startsParagraph = indented || (!centered && previousShort) ? true : indent !== null ? true : null;
    } else {
      const opens = indented || gap > spacing * 1.15 || (!centered && afterShortLine);
      startsParagraph = opens ? true : indent !== null ? false : null;
    }
    this.flow.push({ kind: 'line', line: { ...line, startsParagraph } });
    this.started = true;
    this.previousBaseline = row.baseline;
    this.previousEnd = row.end;
    this.previousBold = bold;
  }
}
