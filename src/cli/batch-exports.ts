import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { PlanDocument } from '../schema/document.js';

/** The files a batch writes beside its outputs when asked, named once here (docs/batch.md lists them; report.html is the report writer's). */
export const BATCH_EXPORT_FILES = { xlsx: 'plans.xlsx', ics: 'deadlines.ics' } as const;

export interface BatchExportOptions {
  xlsx?: boolean;
  ics?: boolean;
  report?: boolean;
}

interface ManifestEntry {
  file: string;
  sha256: string | null;
  status: 'ok' | 'error' | 'skipped';
  code?: string;
  reason?: string;
  duplicateOf?: string;
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
  if (options.report) written.push(await writeBatchReport(out));
  return written;
}

/**
 * report.html of the whole archive: every manifest entry in its order, each
 * distinct plan read back from documents.jsonl as it comes (the lines are the
 * manifest's first occurrences of each content, in the same order).
 */
async function writeBatchReport(out: string): Promise<string> {
  const { createReportWriter } = await import('../report/index.js');
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
  const report = createReportWriter(out);
  const documents = storedDocuments(out);
  try {
    for (const entry of manifest.files) {
      const base = { file: entry.file, sha256: entry.sha256, status: entry.status };
      if (entry.status === 'error') report.add({ ...base, error: { code: entry.code ?? 'CORRUPT_INPUT', message: entry.reason ?? '' } });
      else if (entry.status === 'skipped') report.add({ ...base, ...(entry.reason ? { reason: entry.reason } : {}) });
      else if (entry.duplicateOf) report.add({ ...base, duplicateOf: entry.duplicateOf });
      else {
        const next = await documents.next();
        if (next.done || next.value.source.sha256 !== entry.sha256) throw new Error(`documents.jsonl does not follow manifest.json at ${entry.file}`);
        report.add({ ...base, document: next.value });
      }
    }
  } catch (error) {
    await report.abort();
    throw error;
  }
  return (await report.close()).path;
}
