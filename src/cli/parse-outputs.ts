import type { PlanDocument } from '../schema/document.js';

/** What `kehoach parse` prints on stdout. */
export const PARSE_FORMATS = ['json', 'summary'] as const;
export type ParseFormat = (typeof PARSE_FORMATS)[number];

export interface ParseOutputOptions {
  format: ParseFormat;
  compact?: boolean;
  /** Also write an Excel workbook here. */
  xlsx?: string;
  /** Also write an iCalendar file here. */
  ics?: string;
  /** The summary's reference day (ISO date); the machine's today by default. */
  today?: string;
}

/**
 * Everything `kehoach parse` writes for one parsed plan: the files asked for,
 * then stdout. Each writer is loaded only when asked for, so a plain
 * `kehoach parse` loads neither exceljs nor the calendar library.
 */
export async function writeParseOutputs(document: PlanDocument, options: ParseOutputOptions, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (options.xlsx) {
    const { writeWorkbook } = await import('../export/xlsx.js');
    await writeWorkbook([document], options.xlsx);
  }
  if (options.ics) {
    const { writeCalendar } = await import('../export/ics.js');
    await writeCalendar([document], options.ics, { name: document.metadata.number ?? document.source.name });
  }
  if (options.format === 'summary') {
    const { summary } = await import('../export/summary.js');
    const { localToday } = await import('../export/dates.js');
    stdout.write(summary(document, { today: options.today ?? localToday() }));
  } else {
    stdout.write(JSON.stringify(document, null, options.compact ? undefined : 2) + '\n');
  }
}
