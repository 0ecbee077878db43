import type { Cell, Row, Table } from '../tree.js';
import { endsWithGenericHead, startsWithAgency } from '../lexicon/agencies.js';
import { STT_LABEL, columnRole, isHeaderRow, type ColumnRole } from '../lexicon/columns.js';
import { isTimePhrase } from '../lexicon/dates.js';
import { parseSectionMarker, startsWithBullet } from '../lexicon/markers.js';
import { AUTHORITY, NATIONAL_MOTTO, RECIPIENTS, parseAppendixHeading } from '../lexicon/parts.js';
import { foldVietnamese } from '../text/vietnamese.js';
import type { LayoutLine } from './lines.js';
import { makeCell, type FoundTable } from './text-tables.js';
import { appendAll } from '../arrays.js';
import { allMatches } from '../text/matches.js';

/**
 * The cell-per-line shape PDF extractors leave: every table cell on its own
 * line(s), cells set apart by blank lines, the header's column titles first.
 * Side-by-side cells are sometimes merged on one line and, across a page
 * break, cells can come out of order; what cannot be placed is kept in the
 * row's last cell, never dropped.
 */

// ───────────────────────────── header ─────────────────────────────

/** A header cell: short, no sentence punctuation, not a numbered item or bullet. */
function couldBeHeaderLine(text: string): boolean {
  return text.length <= 50 && wordCountAtMost(text, 6) && !/[.;:!?,]$/.test(text) && !parseSectionMarker(text) && !startsWithBullet(text);
}

/** A header cell that is no row label: a row label ("1", "I", "A") is where the body begins. */
const couldBeTitle = (text: string): boolean => couldBeHeaderLine(text) && !STT_LABEL.test(text);

/** `text.split(' ').length <= words`, without the array. */
function wordCountAtMost(text: string, words: number): boolean {
  let spaces = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) if (++spaces >= words) return false;
  return true;
}

const MAX_HEADER_LINES = 60;
const MAX_COLUMNS = 20;

/** What the cell-table reader keeps over one text: the page-number lines, the margin length, each line's title reading. */
export interface CellScan {
  furniture: ReadonlySet<LayoutLine>;
  /** The length from which a line reads as running to the margin. */
  fullLine: number;
  titles: Map<LayoutLine, ColumnRole>;
}

export function cellScan(furniture: ReadonlySet<LayoutLine>, fullLine: number): CellScan {
  return { furniture, fullLine, titles: new Map() };
}

/**
 * The column a line names when it could be a header title; null when it
 * cannot. A title's reading is kept: every start rescans the lines after it.
 * Most lines are no title, which their length or shape tells at once.
 */
function titleRole(scan: CellScan, line: LayoutLine): ColumnRole | null {
  if (scan.furniture.has(line) || !couldBeTitle(line.text)) return null;
  let role = scan.titles.get(line);
  if (role === undefined) {
    role = columnRole(line.text);
    scan.titles.set(line, role);
  }
  return role;
}

/** Could a cell-per-line table's header start at this line: a title naming a known column? */
export function mayOpenCellTable(line: LayoutLine): boolean {
  return !line.blank && couldBeTitle(line.text) && columnRole(line.text) !== 'other';
}

/** A title cell's column: its one line's reading, or its wrapped lines' joined. */
function cellRole(scan: CellScan, cell: LayoutLine[]): ColumnRole {
  return (cell.length === 1 ? titleRole(scan, cell[0]!) : null) ?? columnRole(cellText(cell));
}

interface HeaderRead {
  cells: LayoutLine[][];
  /** Index after the header's last line. */
  end: number;
}

const cellText = (lines: LayoutLine[]): string => lines.map((l) => l.text).join(' ');

/**
 * Column titles from `start`, one cell per line; a line opening in lower
 * case right under a title (no blank between) wraps it: "Thời gian hoàn" +
 * "thành". Lines naming no known column are taken tentatively and dropped
 * again when no known title follows them.
 */
function readHeaderCells(lines: LayoutLine[], start: number, scan: CellScan): HeaderRead {
  const cells: LayoutLine[][] = [];
  let confirmed = 0;
  let end = start;
  let blankSince = true;
  // A header has a dozen titles at most, each wrapped over a few lines: the scan stops there, whatever the input.
  for (let i = start; i < Math.min(lines.length, start + MAX_HEADER_LINES) && cells.length <= MAX_COLUMNS; i++) {
    const line = lines[i]!;
    if (line.blank) {
      blankSince = true;
      continue;
    }
    let role = titleRole(scan, line);
    if (role === null) break;
    const last = cells.at(-1);
    if (last && !blankSince && /^\p{Ll}/u.test(line.text)) {
      last.push(line);
      role = cellRole(scan, last);
    } else if (/^[\p{Lu}\d(]/u.test(line.text) && (cells.length > 0 || role !== 'other')) {
      // The first title must name a column: a short caption above the table is no column.
      cells.push([line]);
    } else break;
    blankSince = false;
    if (role !== 'other') {
      confirmed = cells.length;
      end = i + 1;
    }
  }
  return { cells: cells.slice(0, confirmed), end };
}

/**
 * A table header at `start`: three or more titles naming at least three
 * different known columns, most titles known, read as a task-table header.
 */
function readHeader(lines: LayoutLine[], start: number, scan: CellScan): HeaderRead | null {
  // Most lines cannot be a column title: no header starts at such a line, and nothing is built to say so.
  if (!lines[start]!.blank && titleRole(scan, lines[start]!) === null) return null;
  const header = readHeaderCells(lines, start, scan);
  const texts = header.cells.map(cellText);
  const known = header.cells.map((cell) => cellRole(scan, cell)).filter((r) => r !== 'other');
  if (texts.length < 3 || texts.length > MAX_COLUMNS || new Set(known).size < 3 || known.length * 2 < texts.length || !isHeaderRow(texts)) return null;
  return header;
}

const headerKey = (text: string): string => foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Page furniture stands just before `i`, past blank lines, or lines were
 * taken out there (a gap in the input offsets): a page break in the extracted text.
 */
function followsPageBreak(lines: LayoutLine[], i: number, furniture: ReadonlySet<LayoutLine>): boolean {
  for (let k = i; k > 0; k--) {
    const here = lines[k]!.origin.offset;
    const before = lines[k - 1]!.origin.offset;
    if (here && before && here.start > before.end + 2) return true;
    if (furniture.has(lines[k - 1]!)) return true;
    if (!lines[k - 1]!.blank) return false;
  }
  return false;
}

/**
 * The table's own column titles printed again at `i` (after a page break, in
 * whole or in part): the index after them, or `i` when there are none. One
 * title alone counts only right after a page break.
 */
function skipRepeatedHeader(lines: LayoutLine[], i: number, titles: Set<string>, scan: CellScan): number {
  const { cells } = readHeaderCells(lines, i, scan);
  let count = 0;
  while (count < cells.length && titles.has(headerKey(cellText(cells[count]!)))) count++;
  if (count === 0 || (count === 1 && !followsPageBreak(lines, i, scan.furniture))) return i;
  const last = cells[count - 1]!.at(-1)!;
  return lines.indexOf(last, i) + 1;
}

// ───────────────────────────── extent ─────────────────────────────

/** A line the document grammar opens outside any table: a numbered section, an appendix, the recipients, the signature. */
function endsTable(text: string): boolean {
  return parseSectionMarker(text) !== null || parseAppendixHeading(text) !== null || RECIPIENTS.test(text) || AUTHORITY.test(text) || NATIONAL_MOTTO.test(text);
}

/**
 * A block of running text after the table: full-width lines ending in
 * sentence punctuation. Extracted cells are narrow; prose lines run to the margin.
 */
function isProse(block: LayoutLine[], fullLine: number): boolean {
  if (block.length < 2) return false;
  return block.slice(0, -1).every((l) => l.text.length >= fullLine) && /[.;:]$/.test(block.at(-1)!.text);
}

// ───────────────────────────── rows ─────────────────────────────

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function romanValue(s: string): number | null {
  if (!/^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = ROMAN_VALUES[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/**
 * The running numbering of the label (STT) column. A bare number is a row
 * label only where the count goes on (or restarts under a group), so a
 * number standing alone in another cell does not open a row.
 */
class LabelCounter {
  private arabic: number | null = null;
  private roman: number | null = null;
  private letter: number | null = null;
  private groupSinceArabic = true;

  /** Takes `text` as the next label when it is one. */
  accept(text: string): boolean {
    const m = text.match(STT_LABEL);
    // Small letters ("a", "b") label sub-items inside a cell, not rows of a cell-per-line table.
    if (!m || m[4]) return false;
    if (m[1]) {
      const n = Number(m[1]);
      const ok = this.arabic === null || n === this.arabic + 1 || (n === 1 && this.groupSinceArabic);
      if (ok) [this.arabic, this.groupSinceArabic] = [n, false];
      return ok;
    }
    if (m[2]) return this.arabic !== null && Number(m[2].split('.')[0]) === this.arabic;
    const word = m[3]!;
    const roman = romanValue(word);
    if (roman !== null && (this.roman === null ? roman === 1 || this.letter === null : roman === this.roman + 1)) {
      [this.roman, this.groupSinceArabic] = [roman, true];
      return true;
    }
    if (word.length !== 1) return false;
    const letter = word.charCodeAt(0) - 64;
    if (this.letter === null ? letter === 1 : letter === this.letter + 1) {
      [this.letter, this.groupSinceArabic] = [letter, true];
      return true;
    }
    return false;
  }
}

/**
 * A whole cell that is a time or period ("Quý II/2025", "Trước 30/6/2025",
 * "Thường xuyên"): where merged cells leave a row short, it pins the time
 * column and the cells on either side of it.
 */
function isPeriodCell(block: LayoutLine[]): boolean {
  return isTimePhrase(cellText(block));
}

/** Blocks into `count` slots in order; what is left over goes into the last slot. */
function inOrder(blocks: LayoutLine[][], count: number): LayoutLine[][][] {
  const slots: LayoutLine[][][] = Array.from({ length: count }, () => []);
  if (count === 0) return slots;
  blocks.forEach((block, i) => slots[Math.min(i, count - 1)]!.push(block));
  return slots;
}

/**
 * The content blocks of a row spread over its content columns. When they
 * match in number (and a lone period cell falls in the time column), one each; otherwise that period cell anchors the time
 * column, the blocks before it fill the columns before it and the rest
 * those after; without that anchor, in order, the overflow in the last cell.
 */
function spread(blocks: LayoutLine[][], roles: ColumnRole[]): LayoutLine[][][] {
  const time = roles.indexOf('deadline');
  const periods = blocks.flatMap((b, i) => (isPeriodCell(b) ? [i] : []));
  const anchored = time >= 0 && periods.length === 1;
  // Equal counts still mislead when a merged cell and a stray one cancel out: the period cell must land on the time column.
  if (blocks.length === roles.length && (!anchored || periods[0] === time)) return blocks.map((b) => [b]);
  if (anchored) {
    const at = periods[0]!;
    const slots: LayoutLine[][][] = roles.map(() => []);
    const before = blocks.slice(0, at);
    const after = blocks.slice(at + 1);
    // Text with no column left on its side of the time column stays next to it, in reading order.
    if (time === 0) slots[0]!.push(...before);
    else inOrder(before, time).forEach((slot, i) => slots[i]!.push(...slot));
    slots[time]!.push(blocks[at]!);
    if (time === roles.length - 1) slots[time]!.push(...after);
    else inOrder(after, roles.length - time - 1).forEach((slot, i) => slots[time + 1 + i]!.push(...slot));
    return slots;
  }
  return inOrder(blocks, roles.length);
}

/**
 * Agency names opening after a space in a line: where the text of a
 * neighbouring column may have been glued on. Never inside a name ("Văn
 * phòng Ủy ban …"), after a list separator (";", ":", "(") or after a word
 * that asks for what follows ("và", "với", "của" …). `afterCapital` marks
 * a start right after a capitalised word, the cut a glued name shows ("…
 * và Công" + "Các sở …"): a name never runs on into another one that way.
 */
function agencyStarts(text: string): Array<{ at: number; afterCapital: boolean }> {
  const starts: Array<{ at: number; afterCapital: boolean }> = [];
  for (const m of allMatches(/ (?=\p{Lu})/gu, text)) {
    const before = text.slice(0, m.index!);
    if (/[;:(]$/u.test(before) || /(?:^|\s)(?:và|với|của|cho|các|tại|thuộc|giữa)$/iu.test(before) || endsWithGenericHead(before)) continue;
    if (startsWithAgency(text.slice(m.index! + 1))) starts.push({ at: m.index! + 1, afterCapital: /(?:^|\s)\p{Lu}[\p{L}\d]*$/u.test(before) });
  }
  return starts;
}

/**
 * Where a block's first line splits into side-by-side cells. A line that
 * opens with an agency splits where another name begins right after a
 * capitalised word ("Sở Khoa học và Công | Các sở, ban, ngành"), never at a
 * comma, which lists co-leads. A line that opens with the task splits only
 * when it holds two more cells, the second cut that way ("Triển khai … xã, |
 * Sở Khoa học và Công | Ủy ban nhân dân các"): one agency name inside a task
 * ("Kiện toàn Ban Chỉ đạo …") is the task's own word.
 */
function gluePoints(text: string, missing: number): number[] {
  const starts = agencyStarts(text);
  if (startsWithAgency(text)) return starts.filter((s) => s.afterCapital).map((s) => s.at).slice(-missing);
  if (missing < 2) return [];
  const last = starts.map((s, i) => ({ ...s, i })).filter((s) => s.afterCapital).at(-1);
  const previous = last && last.i > 0 ? starts[last.i - 1] : undefined;
  return last && previous ? [previous.at, last.at] : [];
}

/** A piece of a line, with its input offsets where the line's text maps onto them one to one. */
function linePiece(line: LayoutLine, start: number, end: number): LayoutLine {
  const span = line.origin.offset;
  const exact = span && span.end - span.start === line.text.length;
  const text = line.text.slice(start, end).trim();
  const lead = line.text.slice(start, end).search(/\S/u);
  const offset = exact ? { start: span.start + start + Math.max(0, lead), end: span.start + start + Math.max(0, lead) + text.length } : span;
  return { ...line, text, raw: text, origin: { ...line.origin, offset } };
}

/**
 * A row short of cells because the extractor glued side-by-side cells onto
 * one line: the first line of a block is split where the next column's
 * agency name begins, and the block's following lines, which the extractor
 * prints column after column, go one to each piece in order. Left as it is
 * when the lines cannot be shared out that way.
 */
function unglue(content: LayoutLine[][], columns: number): LayoutLine[][] {
  let missing = columns - content.length;
  if (missing <= 0) return content;
  const out: LayoutLine[][] = [];
  for (const block of content) {
    const first = block[0]!;
    const continuation = block.slice(1);
    // Glued cells wrap: each leaves a following line. A block of one line is one cell.
    const points = missing > 0 && continuation.length > 0 ? gluePoints(first.text, missing) : [];
    if (points.length === 0) {
      out.push(block);
      continue;
    }
    const bounds = [0, ...points, first.text.length];
    const pieces = bounds.length - 1;
    for (let i = 0; i < pieces; i++) {
      const piece = [linePiece(first, bounds[i]!, bounds[i + 1]!)];
      // One following line to each piece; what remains runs on in the last column.
      piece.push(...(i < pieces - 1 ? continuation.slice(i, i + 1) : continuation.slice(i)));
      out.push(piece);
    }
    missing -= points.length;
  }
  return out;
}

const isAllCapitals = (text: string): boolean => /\p{Lu}{2}/u.test(text) && !/\p{Ll}/u.test(text);

// ───────────────────────────── table ─────────────────────────────

/**
 * The line's text is all its input held: nothing trimmed. A page number
 * pdftotext prints after its form feed ("\f8") is not, a label cell ("8") is.
 */
function isExactLine(line: LayoutLine): boolean {
  const span = line.origin.offset;
  return !!span && span.end - span.start === line.text.length;
}

/** Blank-separated blocks of [start, end). */
function blocksOf(lines: LayoutLine[], start: number, end: number): LayoutLine[][] {
  const blocks: LayoutLine[][] = [];
  let current: LayoutLine[] | null = null;
  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    if (line.blank) current = null;
    else if (current) current.push(line);
    else blocks.push((current = [line]));
  }
  return blocks;
}

/**
 * A cell-per-line table whose header starts at `start`. It runs until a line
 * the document grammar opens outside tables (endsTable), a block of running
 * prose, or the end; repeated column titles inside it are dropped.
 */
export function readCellTable(lines: LayoutLine[], start: number, tableIndex: number, scan: CellScan): FoundTable | null {
  const { furniture, fullLine } = scan;
  const header = readHeader(lines, start, scan);
  if (!header) return null;
  const titles = new Set(header.cells.map((c) => headerKey(cellText(c))));
  // Titles come back printed as before: a cheap first test before reading a repeat in full.
  const firstLines = new Set(header.cells.map((c) => c[0]!.text.toLowerCase()));
  const roles = header.cells.map((cell) => cellRole(scan, cell));

  // The body's lines, repeated titles left out, up to the table's end.
  const body: LayoutLine[] = [];
  let end = header.end;
  let lastContent = header.end;
  for (let i = header.end; i < lines.length; ) {
    const line = lines[i]!;
    if (line.blank) {
      body.push(line);
      i++;
      continue;
    }
    if (furniture.has(line)) {
      // A bare number alone between blank lines, as the file printed it, is a cell (a row label, a count) cleanLines took for a page
      // number; pdftotext prints a real one after its form feed, so its text is not all the line held.
      const alone = lines[i - 1]?.blank !== false && lines[i + 1]?.blank !== false;
      if (alone && isExactLine(line)) {
        body.push(line);
        lastContent = i + 1;
      }
      i++;
      continue;
    }
    if (endsTable(line.text)) break;
    const atBlockStart = i === header.end || lines[i - 1]!.blank || furniture.has(lines[i - 1]!);
    if (atBlockStart) {
      const skipped = firstLines.has(line.text.toLowerCase()) ? skipRepeatedHeader(lines, i, titles, scan) : i;
      if (skipped > i) {
        i = lastContent = skipped;
        continue;
      }
      let blockEnd = i;
      while (blockEnd < lines.length && !lines[blockEnd]!.blank) blockEnd++;
      if (isProse(lines.slice(i, blockEnd), fullLine)) break;
    }
    body.push(line);
    i = lastContent = i + 1;
  }
  end = lastContent;
  // Trailing blank lines stay outside the table.
  while (body.length > 0 && body.at(-1)!.blank) body.pop();
  const blocks = blocksOf(body, 0, body.length);
  if (blocks.every((b) => furniture.has(b[0]!))) return null;

  const rows: Row[] = [{ cells: header.cells.map((lines, column) => makeCell(tableIndex, 0, column, 1, [lines])) }];
  const labelColumn = roles.indexOf('label');
  if (labelColumn >= 0) appendAll(rows, labelledRows(blocks, roles, labelColumn, tableIndex));
  else {
    // No label column to say where a row opens: one row per block, over the full width, so no text is given a column it may not have.
    for (const block of blocks) rows.push({ cells: [makeCell(tableIndex, rows.length, 0, roles.length, [block])] });
  }
  const table: Table = { kind: 'table', page: lines[start]!.page, columnCount: roles.length, headerRows: 1, rows };
  return { table, end };
}

/** Rows opened by their labels; the blocks after a label are its cells. */
function labelledRows(blocks: LayoutLine[][], roles: ColumnRole[], labelColumn: number, tableIndex: number): Row[] {
  const counter = new LabelCounter();
  const groups: Array<{ label: LayoutLine | null; content: LayoutLine[][] }> = [];
  for (const block of blocks) {
    const first = block[0]!;
    if (counter.accept(first.text)) {
      groups.push({ label: first, content: block.length > 1 ? [block.slice(1)] : [] });
    } else if (groups.length > 0) groups.at(-1)!.content.push(block);
    else groups.push({ label: null, content: [block] });
  }
  const contentColumns = roles.map((_, i) => i).filter((i) => i !== labelColumn);
  const contentRoles = contentColumns.map((i) => roles[i]!);
  return groups.map(({ label, content }, index) => {
    const row = index + 1;
    const cells: Cell[] = [];
    if (label) cells.push(makeCell(tableIndex, row, labelColumn, 1, [[label]]));
    // A group heading ("I" + "CHÍNH QUYỀN SỐ") spans the row after its label.
    if (label && content.length === 1 && isAllCapitals(cellText(content[0]!)) && contentColumns.length > 0) {
      const column = contentColumns[0]!;
      cells.push(makeCell(tableIndex, row, column, roles.length - column, content));
      return { cells };
    }
    const slots = label ? spread(unglue(content, contentRoles.length), contentRoles) : inOrder(content, roles.length);
    const columns = label ? contentColumns : roles.map((_, i) => i);
    slots.forEach((slot, i) => {
      if (slot.length > 0) cells.push(makeCell(tableIndex, row, columns[i]!, 1, slot));
    });
    cells.sort((a, b) => a.column - b.column);
    return { cells };
  });
}
