import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DocumentSink } from '../export/sink.js';
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
 * The workbook, the calendar and the report of a whole batch, rebuilt from
 * its outputs after each run (a resumed run included), in one pass over
 * manifest.json and documents.jsonl: each distinct plan is read and parsed
 * once and handed to every writer asked for (each loaded only then). The
 * lines of documents.jsonl are the manifest's first occurrences of each
 * content, in the same order.
 */
export async function writeBatchExports(out: string, options: BatchExportOptions): Promise<string[]> {
  const sinks: Array<{ file: string; sink: DocumentSink }> = [];
  if (options.xlsx) {
    const { createWorkbookWriter } = await import('../export/xlsx.js');
    const file = join(out, BATCH_EXPORT_FILES.xlsx);
    sinks.push({ file, sink: await createWorkbookWriter(file) });
  }
  if (options.ics) {
    const { createCalendarWriter } = await import('../export/ics.js');
    const file = join(out, BATCH_EXPORT_FILES.ics);
    sinks.push({ file, sink: createCalendarWriter(file, { name: 'kehoach' }) });
  }
  const report = options.report ? (await import('../report/index.js')).createReportWriter(out) : null;
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
  const documents = storedDocuments(out);
  try {
    for (const entry of manifest.files) {
      const base = { file: entry.file, sha256: entry.sha256, status: entry.status };
      if (entry.status === 'error') report?.add({ ...base, error: { code: entry.code ?? 'CORRUPT_INPUT', message: entry.reason ?? '' } });
      else if (entry.status === 'skipped') report?.add({ ...base, ...(entry.reason ? { reason: entry.reason } : {}) });
      else if (entry.duplicateOf) report?.add({ ...base, duplicateOf: entry.duplicateOf });
      else {
        const next = await documents.next();
        if (next.done || next.value.source.sha256 !== entry.sha256) throw new Error(`documents.jsonl does not follow manifest.json at ${entry.file}`);
        report?.add({ ...base, document: next.value });
        for (const { sink } of sinks) await sink.add(next.value);
      }
    }
  } catch (error) {
    await Promise.all([...sinks.map(({ sink }) => sink.abort()), report?.abort()]);
    throw error;
  }
  const written: string[] = [];
  for (const [i, { file, sink }] of sinks.entries()) {
    try {
      await sink.close();
    } catch (error) {
      // The writers not yet closed leave no temporary file behind.
      await Promise.all([...sinks.slice(i + 1).map((rest) => rest.sink.abort()), report?.abort()]);
      throw error;
    }
    written.push(file);
  }
  if (report) written.push((await report.close()).path);
  return written;
}
