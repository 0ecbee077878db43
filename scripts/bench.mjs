#!/usr/bin/env node
// Benchmark: text pipeline throughput, pdf.js alone vs the full PDF parse, command-line cold start, batch scaling and peak memory.
// Usage: npm run bench [-- --copies N] [-- --only text,pdf,coldstart,batch] [-- --write docs/benchmark.md]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureBatch } from './bench/batch.mjs';
import { measureColdStart } from './bench/coldstart.mjs';
import { argument, names, root } from './bench/common.mjs';
import { measurePdf } from './bench/pdf.mjs';
import { measureText } from './bench/text.mjs';

const copies = Number(argument('--copies', '20'));
const writeTo = argument('--write', null);
const SECTIONS = ['text', 'pdf', 'coldstart', 'batch'];
const only = new Set(argument('--only', SECTIONS.join(',')).split(','));
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: no section "${name}" (sections: ${SECTIONS.join(', ')})`);
if (writeTo && only.size < SECTIONS.length) throw new Error('--write needs every section; drop --only');

const sections = [];
if (only.has('text')) sections.push(await measureText());
const pdf = only.has('pdf') ? await measurePdf() : null;
if (pdf) sections.push(pdf);
if (only.has('coldstart')) sections.push(await measureColdStart());
const batch = only.has('batch') ? await measureBatch(copies) : null;
if (batch) sections.push(batch);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const report = [
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. Corpus: ${names.length} plans${pdf ? ` (${pdf.pageCount} PDF pages)` : ''}${batch ? `, ${copies} copies of each in 3 formats for the batch` : ''}.`,
  '',
  '| measure | result | note |',
  '|---|---|---|',
  ...sections.flatMap((s) => s.rows).map((r) => `| ${r.join(' | ')} |`),
].join('\n');
console.log(report);
if (writeTo) {
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  const notes = ['## Reading the figures', '', ...sections.flatMap((s) => s.notes), '- Figures vary by ±10% between runs on this shared machine.'].join('\n');
  writeFileSync(join(root, writeTo), `# Benchmark\n\nMeasured with \`npm run bench\` at commit ${commit}, nothing else running.\n\n${report}\n\n${notes}\n`);
}
