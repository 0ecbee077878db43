import { gunzipSync } from 'node:zlib';

/**
 * The data of a report page as the page's script reads it: its two parts
 * inflated and joined, and helpers that read the flat tables by column name.
 */
export interface ReportData {
  columns: Record<string, string[]>;
  names: string[];
  agencies: string[];
  planTexts: string[];
  texts: string[];
  roles: string[];
  statuses: string[];
  kinds: string[];
  recurrences: string[];
  directions: string[];
  comparators: string[];
  [table: string]: unknown;
}

export function reportData(html: string): ReportData {
  const start = html.indexOf('id="data">') + 'id="data">'.length;
  const encoded = html.slice(start, html.indexOf('</script>', start));
  const [first, second] = encoded.split('\n').map((part) => JSON.parse(gunzipSync(Buffer.from(part, 'base64')).toString('utf8')));
  return { ...first, ...second };
}

/** Rows of a table as objects keyed by column, string references resolved where `strings` names the column. */
export function rowsOf(data: ReportData, table: string, strings: string[] = []): Record<string, number | string>[] {
  const columns = data.columns[table]!;
  const values = data[table] as number[];
  const texts = table === 'plans' ? data.planTexts : data.texts;
  const str = (ref: number): string => (ref >= 0 ? texts[ref]! : ref === -1 ? '' : data.names[-2 - ref]!);
  const rows: Record<string, number | string>[] = [];
  for (let at = 0; at < values.length; at += columns.length) {
    const row: Record<string, number | string> = {};
    columns.forEach((column, i) => (row[column] = strings.includes(column) ? str(values[at + i]!) : values[at + i]!));
    rows.push(row);
  }
  return rows;
}

/** ISO date of a day number. */
export const isoDay = (day: number): string | null => (day < 0 ? null : new Date(day * 86_400_000).toISOString().slice(0, 10));
