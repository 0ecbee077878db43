import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_TABLES, columnsOf, type CsvTable } from '../dist/batch/exports.js';
import { runBatch, type PlanDocument } from '../dist/index.js';
import { CODE_COLUMNS, docBlocks, duckDbProblems, runDuckDb, statements } from '../scripts/check-data-examples.mjs';
import { inputFolder, manifestOf, scratch } from './helpers/batch-run.js';

// The CSV files as the readers see them: Excel needs the UTF-8 byte order
// mark, the data tools skip it, and codes such as the "06" of a cited 06/CP
// must reach them as text.

const TABLES = Object.keys(CSV_TABLES) as CsvTable[];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Every text fixture of the corpus, under its base name. */
const TEXTS: Record<string, string> = Object.fromEntries(
  ['chuyen-doi-so-2025', 'giao-duc-nam-hoc', 'hcmc-2026', 'hue-2026', 'le-hoi-du-lich', 'tan-binh-2025'].map((name) => [`${name}.txt`, `${name}.txt`]).concat(
    ['huyen-uy-chuyen-doi-so', 'xa-nong-thon-moi', 'y-te-tiem-chung'].map((name) => [`${name}.txt`, `domains/${name}.txt`]),
  ),
);
const TWO = { 'a.txt': 'hue-2026.txt', 'b.txt': 'domains/y-te-tiem-chung.txt' };

const csvBytes = (out: string): Record<string, Buffer> => Object.fromEntries(TABLES.map((table) => [table, readFileSync(join(out, `${table}.csv`))]));
const recordsOf = (bytes: Buffer): string[][] => parse(bytes, { bom: true, relax_column_count: false }) as string[][];
const documentsOf = (out: string): PlanDocument[] =>
  readFileSync(join(out, 'documents.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as PlanDocument);
/** A CSV cell as the writer renders a value: empty for null, `true`/`false`, numbers in JavaScript's notation. */
const cell = (value: string | number | boolean | null): string => (value === null ? '' : String(value));
const row = (records: string[][], column: string, value: string): Record<string, string> | undefined => {
  const header = records[0]!;
  const found = records.slice(1).find((r) => r[header.indexOf(column)] === value);
  return found && Object.fromEntries(header.map((name, i) => [name, found[i]!]));
};

describe('CSV files of a batch', () => {
  let out: string;
  beforeAll(async () => {
    const base = scratch('csv');
    out = join(base, 'out');
    await runBatch({ input: inputFolder(join(base, 'in'), TEXTS), out, jobs: 2 });
  }, 120_000);

  it('start with the UTF-8 byte order mark, then the header row; the mark is nowhere else, nor in the JSONL files', () => {
    for (const [table, bytes] of Object.entries(csvBytes(out))) {
      const header = `${columnsOf(table as CsvTable).join(',')}\n`;
      expect([table, bytes.subarray(0, 3 + header.length).toString('latin1')]).toEqual([table, BOM.toString('latin1') + header]);
      expect([table, bytes.indexOf(BOM, 3)]).toEqual([table, -1]);
    }
    expect(readFileSync(join(out, 'documents.jsonl')).subarray(0, 1).toString()).toBe('{');
    expect(readFileSync(join(out, 'parts', 'journal.jsonl'), 'utf8').split('\n')[0]).toContain('"bom":true');
    expect(manifestOf(out).options).toMatchObject({ csvBom: true });
  });

  it('parse back: the header names the columns, and each row holds the values of documents.jsonl', () => {
    const documents = documentsOf(out);
    expect(documents).toHaveLength(Object.keys(TEXTS).length);
    for (const [table, bytes] of Object.entries(csvBytes(out))) {
      const records = recordsOf(bytes);
      const expected = documents.flatMap((d) => CSV_TABLES[table as CsvTable](d).map((r) => Object.values(r).map(cell)));
      expect(records[0]).toEqual(columnsOf(table as CsvTable));
      expect(records.length - 1).toBe(expected.length);
      expect(records.slice(1)).toEqual(expected);
    }
  });

  it('keep codes as written: "06" of the cited Đề án 06/CP, "09/KH-UBND", Vietnamese text', () => {
    const bytes = csvBytes(out);
    const cited = row(recordsOf(bytes.legal_references!), 'symbol', '06/CP');
    expect(cited).toMatchObject({ type: 'Đề án', symbol: '06/CP', number: '06', issuer_code: 'CP' });
    // Unquoted in the file, as a reader's type guess meets it.
    expect(bytes.legal_references!.toString('utf8')).toContain(',06/CP,06,');
    const plan = row(recordsOf(bytes.documents!), 'number', '09/KH-UBND');
    expect(plan).toMatchObject({ source_name: 'xa-nong-thon-moi.txt', number: '09/KH-UBND', document_type: 'KH', place: 'Tân Đông' });
    expect(plan!.issuer).toBe('ỦY BAN NHÂN DÂN XÃ TÂN ĐÔNG');
  });

  it('without the mark (csvBom: false) are the same bytes less the mark; a switch either way remakes them from the parts, as a fresh run', async () => {
    const base = scratch('csv-bom');
    const input = inputFolder(join(base, 'in'), TWO);
    const withMark = join(base, 'with');
    const out = join(base, 'out');
    await runBatch({ input, out: withMark, jobs: 2 });
    const marked = csvBytes(withMark);

    await runBatch({ input, out, jobs: 2, csvBom: false });
    const plain = csvBytes(out);
    for (const table of TABLES) expect([table, plain[table]!.equals(marked[table]!.subarray(3))]).toEqual([table, true]);
    expect(manifestOf(out).options).toMatchObject({ csvBom: false });

    const switched = await runBatch({ input, out, jobs: 2 });
    expect(switched.counts).toMatchObject({ ok: 2, resumed: 2 });
    for (const table of TABLES) expect([table, csvBytes(out)[table]!.equals(marked[table]!)]).toEqual([table, true]);

    await runBatch({ input, out, jobs: 2, csvBom: false });
    for (const table of TABLES) expect([table, csvBytes(out)[table]!.equals(plain[table]!)]).toEqual([table, true]);
  }, 120_000);

  it('written before the journal recorded the mark are taken as without it: kept under --no-bom, remade with the mark by default', async () => {
    const base = scratch('csv-old-journal');
    const input = inputFolder(join(base, 'in'), TWO);
    const out = join(base, 'out');
    await runBatch({ input, out, jobs: 1, csvBom: false });
    const journal = join(out, 'parts', 'journal.jsonl');
    writeFileSync(journal, readFileSync(journal, 'utf8').replace('"bom":false,', ''));
    const before = statSync(join(out, 'targets.csv'));

    await runBatch({ input, out, jobs: 1, csvBom: false });
    expect(statSync(join(out, 'targets.csv')).mtimeMs).toBe(before.mtimeMs);

    writeFileSync(journal, readFileSync(journal, 'utf8').replace('"bom":false,', ''));
    await runBatch({ input, out, jobs: 1 });
    expect(readFileSync(join(out, 'targets.csv')).subarray(0, 3).equals(BOM)).toBe(true);
  }, 120_000);
});

describe('the DuckDB examples of docs/batch.md', () => {
  it('return rows on the corpus, read codes as text, and count the shards as one', async () => {
    const base = scratch('csv-duckdb');
    const input = inputFolder(join(base, 'in'), TEXTS);
    await runBatch({ input, out: join(base, 'out'), jobs: 2 });
    for (const shard of [0, 1]) await runBatch({ input, out: join(base, 'results', `shard-${shard}`), jobs: 2, shard: { index: shard, count: 2 } });

    const run = await runDuckDb(docBlocks('sql'), base);
    expect(duckDbProblems(run)).toEqual([]);
    const kinds = run.results.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'CREATE')).toHaveLength(TABLES.length);
    expect(kinds.filter((k) => k !== 'CREATE').length).toBeGreaterThanOrEqual(5);
    const targets = recordsOf(readFileSync(join(base, 'out', 'targets.csv'))).length - 1;
    const shardCount = run.results.find((r) => r.statement.includes('results/shard-*'))!.rows[0]!;
    expect(Number(shardCount.targets)).toBe(targets);
    const zeros = await runDuckDb([docBlocks('sql')[0]!, "SELECT number FROM legal_references WHERE symbol = '06/CP';"], base);
    expect(zeros.results.at(-1)!.rows[0]).toEqual({ number: '06' });
  }, 180_000);

  it('name the code columns, so a batch whose numbers show no leading zero still reads them as text', async () => {
    const base = scratch('csv-duckdb-guess');
    await runBatch({ input: inputFolder(join(base, 'in'), { 'a.txt': 'chuyen-doi-so-2025.txt' }), out: join(base, 'out'), jobs: 1 });
    // The hazard is real: left to its guess, DuckDB reads these numbers as integers.
    const guessed = await runDuckDb(["SELECT typeof(number) AS type FROM read_csv('out/legal_references.csv', header = true) WHERE number IS NOT NULL LIMIT 1;"], base);
    expect(guessed.results[0]!.rows).toEqual([{ type: 'BIGINT' }]);

    const creates = statements(docBlocks('sql')[0]!).filter((s) => s.startsWith('CREATE'));
    const { types } = await runDuckDb(creates, base);
    expect(Object.keys(types).sort()).toEqual([...TABLES].sort());
    for (const table of TABLES) {
      const codes = columnsOf(table).filter((c) => CODE_COLUMNS.includes(c));
      expect([table, codes.map((c) => types[table]![c])]).toEqual([table, codes.map(() => 'VARCHAR')]);
    }
  }, 120_000);
});

describe('the pandas example of docs/batch.md', () => {
  it('reads every code column as text (pandas itself runs in scripts/check-data-examples.mjs)', () => {
    const [python] = docBlocks('python');
    const text = /TEXT = \{c: "string" for c in \(([^)]*)\)\}/.exec(python!)?.[1];
    const named = [...(text ?? '').matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    const codes = CODE_COLUMNS.filter((c) => TABLES.some((table) => columnsOf(table).includes(c)));
    expect(named.sort()).toEqual(codes.sort());
    expect(python).toContain('dtype=DTYPES');
  });
});
