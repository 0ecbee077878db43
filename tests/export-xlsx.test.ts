// The Excel export on real plans: sheets, headers, a known row, real dates, text kept text.
import ExcelJS from 'exceljs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_TABLES, columnsOf, type CsvTable } from '../src/batch/exports.js';
import { createWorkbookWriter, writeWorkbook } from '../src/export/xlsx.js';
import type { PlanDocument } from '../src/index.js';
import { plan, scratchDir } from './helpers/export-fixtures.js';

const TABLES = Object.keys(CSV_TABLES) as CsvTable[];
const headerOf = (sheet: ExcelJS.Worksheet): unknown[] => (sheet.getRow(1).values as unknown[]).slice(1);
/** The data rows of a sheet as objects keyed by its header. */
function rowsOf(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.Cell>> {
  const header = headerOf(sheet) as string[];
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) rows.push(Object.fromEntries(header.map((name, i) => [name, sheet.getRow(r).getCell(i + 1)])));
  return rows;
}

describe('the workbook of chuyen-doi-so-2025 and hue-2026', () => {
  let digital: PlanDocument;
  let hue: PlanDocument;
  let workbook: ExcelJS.Workbook;
  let dir: string;

  beforeAll(async () => {
    [digital, hue] = await Promise.all([plan('chuyen-doi-so-2025.txt'), plan('hue-2026.txt')]);
    dir = scratchDir('xlsx');
    // Fed one by one, as a batch would: an async generator.
    await writeWorkbook(
      (async function* () {
        yield digital;
        yield hue;
      })(),
      join(dir, 'plans.xlsx'),
    );
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'plans.xlsx'));
  });

  it('has a sheet per CSV table, then Tasks, each headed by the CSV columns', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...TABLES, 'Tasks']);
    for (const table of TABLES) expect(headerOf(workbook.getWorksheet(table)!)).toEqual(columnsOf(table));
    expect(headerOf(workbook.getWorksheet('Tasks')!).slice(0, 6)).toEqual(['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Sản phẩm']);
  });

  it('freezes and filters every header row, the filter spanning all rows', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
      const lastColumn = sheet.getRow(1).cellCount;
      expect(sheet.autoFilter).toBe(`A1:${sheet.getColumn(lastColumn).letter}${sheet.rowCount}`);
    }
  });

  it('holds one row per entity of both plans, in document order', () => {
    expect(workbook.getWorksheet('documents')!.rowCount).toBe(1 + 2);
    expect(workbook.getWorksheet('deadlines')!.rowCount).toBe(1 + digital.deadlines.length + hue.deadlines.length);
    expect(workbook.getWorksheet('assignments')!.rowCount).toBe(1 + digital.assignments.length + hue.assignments.length);
    expect(workbook.getWorksheet('Tasks')!.rowCount).toBe(1 + digital.tasks.length + hue.tasks.length);
    const ids = rowsOf(workbook.getWorksheet('documents')!).map((row) => row.document_id!.value);
    expect(ids).toEqual([digital.source.sha256, hue.source.sha256]);
  });

  it('writes the issue date as an Excel date and the number as text', () => {
    const [row] = rowsOf(workbook.getWorksheet('documents')!);
    expect(row!.issued_date!.type).toBe(ExcelJS.ValueType.Date);
    expect(row!.issued_date!.value).toEqual(new Date('2025-04-08T00:00:00Z'));
    expect(row!.issued_date!.numFmt).toBe('dd/mm/yyyy');
    expect(row!.number!.type).toBe(ExcelJS.ValueType.String);
    expect(row!.number!.value).toBe('45/KH-UBND');
    expect(row!.number!.numFmt).toBe('@');
    expect(row!.plan_year!.value).toBe(2025);
    expect(row!.title!.value).toBe('Chuyển đổi số tỉnh Hòa Bình năm 2025');
  });

  it('keeps legal references symbols as text, their dates as dates', () => {
    const resolution = rowsOf(workbook.getWorksheet('legal_references')!).find((row) => row.symbol!.value === '57-NQ/TW')!;
    expect(resolution.symbol!.type).toBe(ExcelJS.ValueType.String);
    expect(resolution.issued_date!.value).toEqual(new Date('2024-12-22T00:00:00Z'));
    expect(resolution.in_footnote!.type).toBe(ExcelJS.ValueType.Boolean);
  });

  it('writes a range deadline with its two dates and leaves missing ones empty', () => {
    const deadlines = rowsOf(workbook.getWorksheet('deadlines')!);
    const range = deadlines.find((row) => row.text!.value === 'từ tháng 6 đến tháng 10/2025')!;
    expect(range.kind!.value).toBe('range');
    expect(range.start_date!.value).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(range.end_date!.value).toEqual(new Date('2025-10-31T00:00:00Z'));
    expect(range.date!.value).toBeNull();
    const monthly = deadlines.find((row) => row.recurrence!.value === 'monthly')!;
    expect(monthly.kind!.value).toBe('recurring');
  });

  it('lays out the tasks as the appendix does: the training task, led by Sở Nội vụ, due by the end of Q3', () => {
    const tasks = rowsOf(workbook.getWorksheet('Tasks')!);
    const training = tasks.find((row) => String(row['Nhiệm vụ']!.value).startsWith('Bồi dưỡng kiến thức, kỹ năng số cho tối thiểu 400 học viên'))!;
    expect(training['Chủ trì']!.value).toBe('Sở Nội vụ');
    expect(String(training['Phối hợp']!.value).split('; ')).toContain('Sở Khoa học và Công nghệ');
    expect(training['Thời gian']!.value).toMatch(/Quý III\/2025$/);
    expect(training['Hạn']!.type).toBe(ExcelJS.ValueType.Date);
    expect(training['Hạn']!.value).toEqual(new Date('2025-09-30T00:00:00Z'));
    expect(training['Mục']!.value).toBe('III/1/1.2');
    expect(training['Số văn bản']!.value).toBe('45/KH-UBND');
    // STT counts the plan's tasks from 1; the second plan starts again.
    expect(tasks.map((row) => row.STT!.value)).toEqual([...digital.tasks.map((_, i) => i + 1), ...hue.tasks.map((_, i) => i + 1)]);
  });
});

describe('the workbook writer', () => {
  it('refuses a path it cannot write at once, with a typed error naming the file, and leaves nothing behind', async () => {
    const dir = scratchDir('xlsx-bad');
    const file = join(dir, 'missing', 'plans.xlsx');
    await expect(createWorkbookWriter(file)).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE', file });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing until close, and nothing at all when aborted', async () => {
    const document = await plan('hue-2026.txt');
    const dir = scratchDir('xlsx-abort');
    const spools = scratchDir('xlsx-spools');
    const file = join(dir, 'plans.xlsx');
    const writer = await createWorkbookWriter(file, { tmpDir: spools });
    await writer.add(document);
    expect(existsSync(file)).toBe(false);
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(spools)).toEqual([]);
  });

  it('writes a workbook with headers only when given no document', async () => {
    const file = join(scratchDir('xlsx-empty'), 'empty.xlsx');
    await writeWorkbook([], file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.rowCount)).toEqual(workbook.worksheets.map(() => 1));
  });
});
