import { stringify } from 'csv-stringify/sync';
import type { PlanDocument, Section } from '../schema/document.js';
import { NO_ORIGIN } from '../tree.js';

/**
 * The flat exports: one CSV per entity type with the document's sha256 as
 * `document_id` and the entity's id, so that rows join back to
 * documents.csv and to each other (assignments.deadline_id → deadlines).
 * docs/csv-columns.md describes every column; keep the two in step.
 */

type Row = Record<string, string | number | boolean | null>;

const csv = (rows: Array<Array<string | number | boolean | null>>): string =>
  stringify(rows, { cast: { boolean: (value) => String(value) } });

const path = (p: string[] | null): string | null => (p ? p.join('/') : null);

/** The columns that open an entity's row: its document, its own id under `idColumn`, its section. */
const entityKey = (d: PlanDocument, idColumn: string, entity: { id: string; sectionPath: string[] | null }): Row => ({
  document_id: d.source.sha256,
  [idColumn]: entity.id,
  section_path: path(entity.sectionPath),
});

/** The columns that close every row: where in the document the item stands. */
const position = (item: { page: number | null; span: { start: number; end: number } }): Row => ({ page: item.page, span_start: item.span.start, span_end: item.span.end });

function sectionRows(documentId: string, sections: Section[], parentId: string | null, out: Row[]): void {
  for (const s of sections) {
    out.push({
      document_id: documentId,
      section_id: s.id,
      parent_id: parentId,
      path: path(s.path),
      marker: s.marker,
      style: s.style,
      heading: s.heading,
      ...position(s),
    });
    sectionRows(documentId, s.children, s.id, out);
  }
}

export const CSV_TABLES = {
  documents: (d: PlanDocument): Row[] => [
    {
      document_id: d.source.sha256,
      source_name: d.source.name,
      format: d.source.format,
      page_count: d.source.pageCount,
      document_type: d.metadata.documentType,
      number: d.metadata.number,
      issuer: d.metadata.issuer,
      place: d.metadata.place,
      issued_date: d.metadata.issuedDate,
      title: d.metadata.title,
      plan_year: d.metadata.planYear,
      signer_name: d.metadata.signer.name,
      signer_position: d.metadata.signer.position,
      target_count: d.targets.length,
      deadline_count: d.deadlines.length,
      legal_reference_count: d.legalReferences.length,
      assignment_count: d.assignments.length,
      warning_codes: d.warnings.map((w) => w.code).join(';'),
    },
  ],
  sections: (d: PlanDocument): Row[] => {
    const rows: Row[] = [];
    sectionRows(d.source.sha256, d.sections, null, rows);
    return rows;
  },
  targets: (d: PlanDocument): Row[] =>
    d.targets.map((t) => ({
      ...entityKey(d, 'target_id', t),
      indicator: t.indicator,
      direction: t.direction,
      comparator: t.comparator,
      value: t.value,
      value_max: t.valueMax,
      unit: t.unit,
      baseline: t.baseline,
      text: t.text,
      ...position(t),
    })),
  deadlines: (d: PlanDocument): Row[] =>
    d.deadlines.map((x) => ({
      ...entityKey(d, 'deadline_id', x),
      kind: x.kind,
      date: x.date,
      start_date: x.start,
      end_date: x.end,
      recurrence: x.recurrence ? x.recurrence.join(';') : null,
      subject: x.subject,
      text: x.text,
      ...position(x),
    })),
  legal_references: (d: PlanDocument): Row[] =>
    d.legalReferences.map((r) => ({
      ...entityKey(d, 'reference_id', r),
      type: r.type,
      type_code: r.typeCode,
      symbol: r.symbol,
      number: r.number,
      year: r.year,
      issuer_code: r.issuerCode,
      issued_date: r.issuedDate,
      issuer: r.issuer,
      title: r.title,
      in_footnote: r.inFootnote,
      text: r.text,
      ...position(r),
    })),
  assignments: (d: PlanDocument): Row[] =>
    d.assignments.map((a) => ({
      ...entityKey(d, 'assignment_id', a),
      agency: a.agency,
      agency_key: a.agencyKey,
      role: a.role,
      requested: a.requested,
      task: a.task,
      deadline_id: a.deadlineId,
      ...position(a),
    })),
} as const;

export type CsvTable = keyof typeof CSV_TABLES;

/** Column names of each table, taken from an empty-valued call so the header exists even with no rows. */
export function columnsOf(table: CsvTable): string[] {
  const probe: PlanDocument = {
    schemaVersion: '1',
    source: { name: '', format: 'txt', sha256: '0'.repeat(64), pageCount: null },
    text: '',
    metadata: { documentType: null, number: null, issuer: null, place: null, issuedDate: null, title: null, planYear: null, planPeriod: null, signer: { name: null, position: null, authority: null, onBehalfOf: null }, recipients: [] },
    sections: [{ id: '', path: [], marker: '', style: 'roman', heading: null, text: '', span: { start: 0, end: 0 }, page: null, children: [] }],
    targets: [{ id: '', sectionPath: [], sectionId: null, text: '', indicator: '', direction: 'reach', comparator: 'eq', value: 0, valueMax: null, unit: '', baseline: null, span: { start: 0, end: 0 }, page: null, origin: NO_ORIGIN }],
    deadlines: [{ id: '', sectionPath: [], sectionId: null, text: '', kind: 'by', date: null, start: null, end: null, recurrence: null, subject: null, span: { start: 0, end: 0 }, page: null, origin: NO_ORIGIN }],
    legalReferences: [{ id: '', sectionPath: null, sectionId: null, text: '', type: '', typeCode: '', symbol: null, number: null, year: null, issuerCode: null, issuedDate: null, issuer: null, title: null, inFootnote: false, span: { start: 0, end: 0 }, page: null, origin: NO_ORIGIN }],
    assignments: [{ id: '', sectionPath: [], sectionId: null, agency: '', agencyKey: '', role: 'lead', requested: false, task: '', deadlineId: null, span: { start: 0, end: 0 }, page: null, origin: NO_ORIGIN }],
    footnotes: [],
    tables: [],
    tasks: [],
    warnings: [],
  };
  return Object.keys(CSV_TABLES[table](probe)[0]!);
}

/**
 * How the CSV files are encoded: UTF-8 either way; with `bom` (the default)
 * the header starts with the UTF-8 byte order mark, without which Excel on
 * Windows reads a double-clicked CSV in the ANSI code page and garbles every
 * Vietnamese letter. pandas, DuckDB, R and Python's `utf-8-sig` skip it.
 */
export interface CsvEncoding {
  bom: boolean;
}

export const DEFAULT_CSV_ENCODING: CsvEncoding = { bom: true };

/** A table's header line, as it opens the CSV file (after the byte order mark, when there is one). */
export function csvHeader(table: CsvTable, encoding: CsvEncoding = DEFAULT_CSV_ENCODING): string {
  return stringify([columnsOf(table)], { bom: encoding.bom });
}

/** A document's outputs as text: its JSONL line and its rows in each CSV table. */
export interface SerialisedOutputs {
  documentLine: string;
  csvRows: Record<string, string>;
}

/** A document's outputs as the batch appends them: its JSONL line, and its rows in each CSV table (none: ''). */
export function serialise(document: PlanDocument): SerialisedOutputs {
  const csvRows: Record<string, string> = {};
  for (const table of Object.keys(CSV_TABLES) as CsvTable[]) {
    const rows = CSV_TABLES[table](document);
    csvRows[table] = rows.length > 0 ? csv(rows.map((r) => Object.values(r).map((v) => (v === null ? '' : v)))) : '';
  }
  return { documentLine: JSON.stringify(document) + '\n', csvRows };
}

/** A document's outputs as the batch writes them: UTF-8 bytes. */
export interface EncodedOutputs {
  documentLine: Uint8Array;
  csvRows: Record<string, Uint8Array>;
}

/** The outputs in UTF-8, as they are written. */
export function encodeOutputs({ documentLine, csvRows }: SerialisedOutputs): EncodedOutputs {
  return { documentLine: Buffer.from(documentLine), csvRows: Object.fromEntries(Object.entries(csvRows).map(([table, rows]) => [table, Buffer.from(rows)])) };
}

/**
 * A document as the batch stores it, made in the child process that parsed
 * it: its page count and its outputs as bytes. Bytes, not text, cross to the
 * batch process: they stay outside its JavaScript heap (which text of this
 * size grew from some 15 to 40 MB), and it has no text to encode.
 */
export interface StoredDocument extends EncodedOutputs {
  pageCount: number | null;
}
