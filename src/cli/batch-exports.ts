import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PlanDocument } from '../schema/document.js';

/** The files a batch writes beside its outputs when asked, named once here (docs/batch.md lists them). */
export const BATCH_EXPORT_FILES = { xlsx: 'plans.xlsx', ics: 'deadlines.ics' } as const;

export interface BatchExportOptions {
  xlsx?: boolean;
  ics?: boolean;
}

/**
 * The documents of a finished batch, read back one line at a time from
 * documents.jsonl (complete and in input order once the manifest is written):
 * an archive of any size passes through in constant memory.
 */
async function* storedDocuments(out: string): AsyncGenerator<PlanDocument> {
  const lines = createInterface({ input: createReadStream(join(out, 'documents.jsonl'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as PlanDocument;
}

/**
 * The workbook and the calendar of a whole batch, rebuilt from its outputs
 * after each run (a resumed run included), each writer loaded only when asked for.
 */
export async function writeBatchExports(out: string, options: BatchExportOptions): Promise<string[]> {
  const written: string[] = [];
  if (options.xlsx) {
    const { writeWorkbook } = await import('../export/xlsx.js');
    const file = join(out, BATCH_EXPORT_FILES.xlsx);
    await writeWorkbook(storedDocuments(out), file);
    written.push(file);
  }
  if (options.ics) {
    const { writeCalendar } = await import('../export/ics.js');
    const file = join(out, BATCH_EXPORT_FILES.ics);
    await writeCalendar(storedDocuments(out), file, { name: 'kehoach' });
    written.push(file);
  }
  return written;
}
