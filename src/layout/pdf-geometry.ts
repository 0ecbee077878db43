import { unionBox, type LayoutLine } from './lines.js';
import { mode, roundToHalf } from '../measure.js';

/**
 * The geometry PDF layout reads: segments on one baseline gathered into rows,
 * and the document's body font size, margins, line spacing and first-line
 * indent, each taken over the whole document so that a short last page (a
 * signature, an appendix) cannot redefine them.
 */

/** The segments of one baseline of one page, left to right. */
export interface PdfRow {
  page: number;
  /** Baseline, from the page top. */
  baseline: number;
  size: number;
  lines: LayoutLine[];
  x: number;
  end: number;
}

export interface PdfMetrics {
  bodySize: number;
  left: number;
  right: number;
  spacing: number;
  /** Where indented first lines start, when the document has them. */
  indent: number | null;
  textWidth: number;
  middle: number;
}

const baselineOf = (line: LayoutLine): number => (line.origin.box ? line.origin.box.y + line.origin.box.height : 0);
const sizeOf = (line: LayoutLine): number => line.fontSize ?? line.origin.box?.height ?? 0;

const endOf = (line: LayoutLine): number => (line.origin.box ? line.origin.box.x + line.origin.box.width : 0);

/** A row of `lines`, which it sorts left to right and keeps: the caller hands over an array of its own. */
function rowOf(lines: LayoutLine[]): PdfRow {
  lines.sort((a, b) => (a.origin.box?.x ?? 0) - (b.origin.box?.x ?? 0));
  const first = lines[0]!;
  let size = -Infinity;
  let end = -Infinity;
  for (const line of lines) {
    size = Math.max(size, sizeOf(line));
    end = Math.max(end, endOf(line));
  }
  return { page: first.page ?? 0, baseline: baselineOf(first), size, lines, x: first.origin.box?.x ?? 0, end };
}

/** Segments in reading order → rows: consecutive segments of one page sharing a baseline. */
export function groupRows(lines: LayoutLine[]): PdfRow[] {
  const rows: PdfRow[] = [];
  // Each row's segments are sliced out once it ends: an array of its exact size, not one grown segment by segment.
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && !startsNewRow(lines[start]!, lines[i]!)) continue;
    rows.push(rowOf(lines.slice(start, i)));
    start = i;
  }
  return rows;
}

/** Would `groupRows` start a new row at `line`, its current row opening with `first`? */
const startsNewRow = (first: LayoutLine, line: LayoutLine): boolean =>
  first.page !== line.page || Math.abs(baselineOf(first) - baselineOf(line)) >= Math.max(2, sizeOf(line) * 0.25) || !line.origin.box;

/**
 * `groupRows` over the lines of `rows` less those in `without`. Most pages
 * lose no line to a table, and their rows grouped again come out as they
 * were: then `rows` itself is returned, checked, not made again. (Grouping
 * again can differ, where a row's leftmost segment, now its first, sits
 * further from another's baseline than the tolerance; then it is done.)
 */
export function regroupRows(rows: PdfRow[], without: ReadonlySet<LayoutLine>): PdfRow[] {
  if (without.size === 0 && groupsAsBefore(rows)) return rows;
  return groupRows(rows.flatMap((r) => (without.size === 0 ? r.lines : r.lines.filter((l) => !without.has(l)))));
}

function groupsAsBefore(rows: PdfRow[]): boolean {
  let previousFirst: LayoutLine | null = null;
  for (const row of rows) {
    const first = row.lines[0]!;
    if (previousFirst !== null && !startsNewRow(previousFirst, first)) return false;
    for (let k = 1; k < row.lines.length; k++) if (startsNewRow(first, row.lines[k]!)) return false;
    previousFirst = first;
  }
  return true;
}

/** A row's segments as one line: text joined with a space, the first segment's origin over the union box. */
export function joinRow(row: PdfRow): LayoutLine {
  if (row.lines.length === 1) return row.lines[0]!;
  const first = row.lines[0]!;
  let box = first.origin.box;
  for (const line of row.lines.slice(1)) box = unionBox(box, line.origin.box);
  return {
    ...first,
    text: row.lines.map((l) => l.text).join(' '),
    bold: row.lines.every((l) => l.bold),
    fontSize: row.size,
    origin: { ...first.origin, box },
  };
}

/** The commonest size of the segments holding more than a few characters: the body text's. */
export function bodySizeOf(rows: PdfRow[]): number {
  const sizes: number[] = [];
  for (const row of rows) for (const line of row.lines) if (line.text.length > 3) sizes.push(sizeOf(line));
  return mode(sizes);
}

/** Body size, margins, spacing and indent of the document, from its running-text rows. */
export function measure(rows: PdfRow[], pageWidth: (page: number) => number): PdfMetrics {
  const bodySize = bodySizeOf(rows);
  const byPage = new Map<number, PdfRow[]>();
  for (const row of rows) {
    if (row.size < bodySize * 0.9) continue;
    const list = byPage.get(row.page);
    if (list) list.push(row);
    else byPage.set(row.page, [row]);
  }
  const pages = [...byPage].map(([page, pageRows]) => {
    const full = pageRows.filter((r) => r.lines.length === 1);
    const left = full.length ? Math.min(...full.map((r) => roundToHalf(r.x))) : 0;
    const right = full.length ? Math.max(...full.map((r) => r.end)) : pageWidth(page);
    const gaps: number[] = [];
    for (let i = 1; i < pageRows.length; i++) gaps.push(roundToHalf(pageRows[i]!.baseline - pageRows[i - 1]!.baseline));
    const indents = full.map((r) => roundToHalf(r.x)).filter((x) => x > left + 8 && x <= left + 72);
    return { left, right, spacing: gaps.length ? mode(gaps) : 18, indent: indents.length ? mode(indents) : null };
  });
  const indents = pages.flatMap((p) => (p.indent === null ? [] : [p.indent]));
  const left = mode(pages.map((p) => p.left));
  const right = mode(pages.map((p) => roundToHalf(p.right)));
  const textWidth = right - left;
  return {
    bodySize,
    left,
    right,
    spacing: pages.length ? mode(pages.map((p) => p.spacing)) : 18,
    indent: indents.length ? mode(indents) : null,
    textWidth,
    middle: left + textWidth / 2,
  };
}
