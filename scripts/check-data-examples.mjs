#!/usr/bin/env node
// Runs the DuckDB and pandas examples of docs/batch.md on a real batch and
// checks that every query returns rows and that codes stay text ("06" of a
// cited 06/CP is not 6).
//
//   npm run build && node scripts/check-data-examples.mjs [input=fixtures]
//
// DuckDB runs through @duckdb/node-api (a dev dependency). pandas runs in
// $PYTHON (default /usr/bin/python3; on Debian `apt-get install
// python3-pandas`); without it that half is reported as skipped.
// tests/batch-csv.test.ts runs the DuckDB half on every test run.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');

/** Columns that hold codes, not quantities: both readers must give them as text. */
export const CODE_COLUMNS = ['document_id', 'section_id', 'parent_id', 'target_id', 'deadline_id', 'reference_id', 'assignment_id', 'number', 'symbol', 'issuer_code', 'path', 'section_path', 'marker'];

/** The fenced code blocks of one language in docs/batch.md, in order. */
export function docBlocks(language, file = join(root, 'docs', 'batch.md')) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm'))].map((match) => match[1]);
}

/** SQL text split into statements (the examples hold no `;` inside strings). */
export function statements(sql) {
  return sql
    .split(/;[ \t]*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}

/** `kehoach batch` into `<base>/out`, and the same input in two shards into `<base>/results/shard-i`. */
export function batchOutputs(input, base) {
  const run = (...args) => execFileSync(process.execPath, [cli, 'batch', input, '--jobs', '2', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  run('--out', join(base, 'out'));
  for (const shard of [0, 1]) run('--out', join(base, 'results', `shard-${shard}`), '--shard', `${shard}/2`);
  return base;
}

/**
 * Runs the documentation's SQL in a fresh in-memory DuckDB whose relative
 * paths are read from `base`. Returns each statement with its row count, and
 * the column types of the tables it created.
 */
export async function runDuckDb(sqlBlocks, base) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET file_search_path = '${base.replaceAll("'", "''")}'`);
    const results = [];
    for (const statement of sqlBlocks.flatMap(statements)) {
      const reader = await connection.runAndReadAll(statement);
      results.push({ statement, kind: statement.split(/\s/)[0].toUpperCase(), rows: reader.getRowObjectsJson() });
    }
    const types = {};
    const tables = (await connection.runAndReadAll('SELECT table_name, column_name, data_type FROM information_schema.columns')).getRowObjectsJson();
    for (const { table_name: table, column_name: column, data_type: type } of tables) (types[table] ??= {})[column] = type;
    return { results, types };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What the DuckDB run gets wrong: empty results, codes that are not VARCHAR. */
export function duckDbProblems({ results, types }) {
  const problems = [];
  for (const { statement, kind, rows } of results) {
    if (kind !== 'CREATE' && rows.length === 0) problems.push(`no rows: ${statement.split('\n')[0]}`);
  }
  for (const [table, columns] of Object.entries(types)) {
    for (const column of CODE_COLUMNS) if (column in columns && columns[column] !== 'VARCHAR') problems.push(`${table}.${column} is ${columns[column]}, not VARCHAR`);
  }
  return problems;
}

const PANDAS_REPORT = `
import json as _json
_frames = {"documents": documents, "targets": targets, "deadlines": deadlines, "legal_references": legal_references,
           "assignments": assignments, "pct": pct, "q4": q4, "cited": cited, "plans": plans}
_not_text = [f"{name}.{c}" for name, f in _frames.items() if name != "plans" for c in f.columns if c in TEXT and str(f[c].dtype) != "string"]
print(_json.dumps({"rows": {name: len(f) for name, f in _frames.items()}, "notText": _not_text,
                   "leadingZeroNumbers": sorted(set(cited.number.dropna())), "version": pd.__version__}))
`;

/** Runs the documentation's Python in `base`; null when there is no pandas. */
export function runPandas(pythonBlocks, base, python = process.env.PYTHON ?? '/usr/bin/python3') {
  const probe = spawnSync(python, ['-c', 'import pandas'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const run = spawnSync(python, ['-'], { cwd: base, input: pythonBlocks.join('\n') + PANDAS_REPORT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`the pandas example failed:\n${run.stderr}`);
  const lines = run.stdout.trimEnd().split('\n');
  return { printed: lines.slice(0, -1).join('\n'), report: JSON.parse(lines.at(-1)) };
}

async function main() {
  const input = process.argv[2] ?? join(root, 'fixtures');
  const base = batchOutputs(input, mkdtempSync(join(tmpdir(), 'kehoach-data-examples-')));
  console.log(`batch of ${input} in ${base}`);
  const problems = [];

  const duck = await runDuckDb(docBlocks('sql'), base);
  for (const { statement, kind, rows } of duck.results) {
    const single = rows.length === 1 && Object.keys(rows[0]).length === 1 ? ` (${Object.entries(rows[0])[0].join(' = ')})` : '';
    const shown = kind === 'CREATE' ? `${Object.values(rows[0] ?? {})[0] ?? 0} rows loaded` : `${rows.length} rows${single}`;
    console.log(`duckdb: ${shown.padEnd(18)} ${statement.split('\n')[0].slice(0, 90)}`);
  }
  const zeros = Object.keys(duck.types).includes('legal_references') ? await leadingZeros(base) : [];
  console.log(`duckdb: legal_references.number with a leading zero: ${JSON.stringify(zeros)}`);
  problems.push(...duckDbProblems(duck).map((p) => `duckdb: ${p}`));

  const pandas = runPandas(docBlocks('python'), base);
  if (!pandas) console.log('pandas: skipped (no pandas in $PYTHON or /usr/bin/python3; apt-get install python3-pandas)');
  else {
    const { rows, notText, leadingZeroNumbers, version } = pandas.report;
    console.log(`pandas ${version}: rows ${JSON.stringify(rows)}`);
    console.log(`pandas: legal_references.number with a leading zero: ${JSON.stringify(leadingZeroNumbers)}`);
    for (const [name, count] of Object.entries(rows)) if (count === 0) problems.push(`pandas: ${name} is empty`);
    for (const column of notText) problems.push(`pandas: ${column} is not text`);
  }

  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? 'every example returned rows; codes stayed text' : `${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

async function leadingZeros(base) {
  const { results } = await runDuckDb([docBlocks('sql')[0], "SELECT DISTINCT number FROM legal_references WHERE number LIKE '0%' ORDER BY number;"], base);
  return results.at(-1).rows.map((row) => row.number);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
