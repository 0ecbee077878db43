import ExcelJS from 'exceljs';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { CSV_TABLES, columnsOf, type CsvTable } from '../batch/exports.js';
import type { PlanDocument } from '../schema/document.js';
import { dateValue, dueDate } from './dates.js';
import { exportWriteError } from './output-error.js';
import { drainInto, type DocumentSink } from './sink.js';

/**
 * The Excel export: one sheet per CSV table, with the same columns
 * (docs/csv-columns.md), and a "Tasks" sheet laid out as the plans' own task
 * appendices. Header rows are frozen and filtered, dates are Excel dates,
 * numbers and symbols of documents are text.
 *
 * exceljs's streaming writer puts each sheet in the zip one after another, so
 * rows written to a later sheet wait in memory until the earlier ones close.
 * The writer therefore keeps each sheet's rows in a temporary file while
 * documents arrive and streams the sheets out one by one on `close()`: memory
 * stays flat however many documents a batch feeds it.
 */

type Cell = string | number | boolean | null;

interface ColumnSpec {
  header: string;
  kind: 'text' | 'number' | 'boolean' | 'date' | 'long-text';
}

interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  rows: (document: PlanDocument) => Cell[][];
}

/** CSV columns whose values are ISO dates: written as Excel dates. */
const DATE_COLUMNS = new Set(['issued_date', 'date', 'start_date', 'end_date']);
const NUMBER_COLUMNS = new Set(['page_count', 'plan_year', 'target_count', 'deadline_count', 'legal_reference_count', 'assignment_count', 'value', 'value_max', 'year', 'page', 'span_start', 'span_end']);
const BOOLEAN_COLUMNS = new Set(['in_footnote', 'requested']);
const LONG_TEXT_COLUMNS = new Set(['title', 'heading', 'text', 'indicator', 'task', 'subject']);

const kindOfCsvColumn = (column: string): ColumnSpec['kind'] =>
  DATE_COLUMNS.has(column) ? 'date' : NUMBER_COLUMNS.has(column) ? 'number' : BOOLEAN_COLUMNS.has(column) ? 'boolean' : LONG_TEXT_COLUMNS.has(column) ? 'long-text' : 'text';

function csvSheet(table: CsvTable): SheetSpec {
  const columns = columnsOf(table);
  return {
    name: table,
    columns: columns.map((header) => ({ header, kind: kindOfCsvColumn(header) })),
    rows: (document) => CSV_TABLES[table](document).map((row) => columns.map((column) => row[column] ?? null)),
  };
}

/** Agencies joined with semicolons: their names hold commas ("các sở, ban, ngành"). */
const agencies = (names: string[]): string | null => (names.length > 0 ? names.join('; ') : null);

/** The plan's task table as its appendices print it, then the columns that place a row among many plans. */
export const TASK_SHEET: SheetSpec = {
  name: 'Tasks',
  columns: [
    { header: 'STT', kind: 'number' },
    { header: 'Nhiệm vụ', kind: 'long-text' },
    { header: 'Chủ trì', kind: 'text' },
    { header: 'Phối hợp', kind: 'text' },
    { header: 'Thời gian', kind: 'text' },
    { header: 'Sản phẩm', kind: 'text' },
    { header: 'Kinh phí', kind: 'text' },
    { header: 'Hạn', kind: 'date' },
    { header: 'Mục', kind: 'text' },
    { header: 'Số văn bản', kind: 'text' },
    { header: 'document_id', kind: 'text' },
    { header: 'task_id', kind: 'text' },
  ],
  rows: (document) => {
    const deadlines = new Map(document.deadlines.map((d) => [d.id, d]));
    return document.tasks.map((task, index) => {
      const deadline = task.deadlineId ? deadlines.get(task.deadlineId) : undefined;
      return [
        index + 1,
        task.text,
        agencies(task.lead),
        agencies(task.support),
        deadline?.text ?? null,
        task.product,
        task.budget,
        deadline ? dueDate(deadline) : null,
        task.sectionPath.join('/'),
        document.metadata.number,
        document.source.sha256,
        task.id,
      ];
    });
  },
};

/** Every sheet of the workbook, in order: the CSV tables, then the tasks. */
export const SHEETS: SheetSpec[] = [...(Object.keys(CSV_TABLES) as CsvTable[]).map(csvSheet), TASK_SHEET];

const WIDTH: Record<ColumnSpec['kind'], number> = { text: 18, number: 10, boolean: 10, date: 12, 'long-text': 60 };
/** '@' keeps "12/KH-UBND" or "05" text when a cell is edited, instead of letting Excel read it as a date or number. */
const FORMAT: Partial<Record<ColumnSpec['kind'], string>> = { text: '@', 'long-text': '@', date: 'dd/mm/yyyy' };

/** A cell as exceljs writes it: ISO dates in date columns become Dates (Excel date serials). */
const excelValue = (value: Cell, kind: ColumnSpec['kind']): ExcelJS.CellValue => (kind === 'date' && typeof value === 'string' ? dateValue(value) : value);

export type WorkbookWriter = DocumentSink;

/**
 * A workbook fed one document at a time, for `parse` (one) and `batch`
 * (thousands): `const w = await createWorkbookWriter('plans.xlsx'); await
 * w.add(doc); … await w.close()`. The file appears whole at `close()` (written
 * under a temporary name, then renamed). Write failures are typed errors
 * (OUTPUT_NOT_WRITABLE, NO_SPACE) naming the file.
 */
export async function createWorkbookWriter(file: string, options: { tmpDir?: string } = {}): Promise<WorkbookWriter> {
  // The output is opened first, so that a path that cannot be written fails now, before any work.
  const partial = `${file}.${process.pid}.tmp`;
  const output = createWriteStream(partial);
  // Any failure of the output ends the wait for the workbook (exceljs only listens for one at its very end).
  const outputFailed = new Promise<never>((_, reject) => output.once('error', reject));
  outputFailed.catch(() => undefined);
  try {
    await Promise.race([once(output, 'open'), outputFailed]);
  } catch (error) {
    throw exportWriteError(error, file);
  }
  let spoolDir: string;
  try {
    spoolDir = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'kehoach-xlsx-'));
  } catch (error) {
    output.destroy();
    await rm(partial, { force: true });
    throw exportWriteError(error, options.tmpDir ?? tmpdir());
  }
  const spools = SHEETS.map((_, index) => new Spool(join(spoolDir, `${index}.jsonl`)));
  let finished = false;
  const cleanUp = async (): Promise<void> => {
    finished = true;
    await Promise.all(spools.map((spool) => spool.end().catch(() => undefined)));
    await rm(spoolDir, { recursive: true, force: true });
  };

  return {
    async add(document) {
      if (finished) throw new Error('the workbook is already closed');
      try {
        for (const [index, sheet] of SHEETS.entries()) for (const row of sheet.rows(document)) await spools[index]!.write(row);
      } catch (error) {
        throw exportWriteError(error, spoolDir);
      }
    },

    async close() {
      if (finished) throw new Error('the workbook is already closed');
      try {
        for (const spool of spools) await spool.end();
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
        const write = async (): Promise<void> => {
          for (const [index, sheet] of SHEETS.entries()) await writeSheet(workbook, sheet, spools[index]!);
          await workbook.commit();
        };
        await Promise.race([write(), outputFailed]);
        await rename(partial, file);
      } catch (error) {
        output.destroy();
        await rm(partial, { force: true });
        throw exportWriteError(error, file);
      } finally {
        await cleanUp();
      }
    },

    async abort() {
      output.destroy();
      await rm(partial, { force: true });
      await cleanUp();
    },
  };
}

/** A sheet's rows kept on disk as JSON lines until the sheet's turn comes. */
class Spool {
  rows = 0;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    // Kept for the next write or close to throw: an 'error' event with no listener would end the process.
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async write(row: Cell[]): Promise<void> {
    if (this.failure) throw this.failure;
    this.rows++;
    if (!this.stream.write(JSON.stringify(row) + '\n')) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    if (!this.stream.writableEnded && !this.stream.destroyed) {
      this.stream.end();
      await once(this.stream, 'close');
    }
    if (this.failure) throw this.failure;
  }
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetSpec, spool: { path: string; rows: number }): Promise<void> {
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((column) => ({
    header: column.header,
    width: Math.max(WIDTH[column.kind], column.header.length + 2),
    style: FORMAT[column.kind] ? { numFmt: FORMAT[column.kind]! } : {},
  }));
  const header = worksheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  const lines = createInterface({ input: createReadStream(spool.path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    const cells = JSON.parse(line) as Cell[];
    worksheet.addRow(cells.map((value, i) => excelValue(value, sheet.columns[i]!.kind))).commit();
  }
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: spool.rows + 1, column: sheet.columns.length } };
  worksheet.commit();
}

/** Writes every document of `documents` (an array, a generator, a stream of parsed plans) into one workbook at `file`. */
export async function writeWorkbook(documents: Iterable<PlanDocument> | AsyncIterable<PlanDocument>, file: string): Promise<void> {
  await drainInto(documents, await createWorkbookWriter(file));
}
