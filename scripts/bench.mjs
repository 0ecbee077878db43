#!/usr/bin/env node
// Benchmark: text pipeline throughput, pdf.js alone vs the full PDF parse, command-line cold start, batch scaling and peak memory.
// Optional sections (not run by default): view, the HTML plan view, and report, the archive report of 5,000 plans, both in headless Chromium (`--only view,report`).
// Usage: npm run bench [-- --copies N] [-- --only text,pdf,coldstart,batch,view,report] [-- --write docs/benchmark.md]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureBatch } from './bench/batch.mjs';
import { measureColdStart } from './bench/coldstart.mjs';
import { argument, names, root } from './bench/common.mjs';
import { measurePdf } from './bench/pdf.mjs';
import { measureText } from './bench/text.mjs';

// 10 copies of the six corpus plans in three formats: 180 files.
const copies = Number(argument('--copies', '10'));
const writeTo = argument('--write', null);
const DEFAULT_SECTIONS = ['text', 'pdf', 'coldstart', 'batch'];
const OPTIONAL_SECTIONS = ['view', 'report'];
const only = new Set(argument('--only', DEFAULT_SECTIONS.join(',')).split(','));
const unknown = [...only].filter((name) => !DEFAULT_SECTIONS.includes(name) && !OPTIONAL_SECTIONS.includes(name));
if (unknown.length) throw new Error(`--only: no section named ${unknown.join(', ')}; sections: ${[...DEFAULT_SECTIONS, ...OPTIONAL_SECTIONS].join(', ')}`);
if (writeTo && !DEFAULT_SECTIONS.every((name) => only.has(name))) throw new Error(`--write needs every default section (${DEFAULT_SECTIONS.join(', ')})`);

const sections = [];
if (only.has('text')) sections.push(await measureText());
const pdf = only.has('pdf') ? await measurePdf() : null;
if (pdf) sections.push(pdf);
if (only.has('coldstart')) sections.push(await measureColdStart());
const batch = only.has('batch') ? await measureBatch(copies) : null;
if (batch) sections.push(batch);
// Loaded only when asked for: it needs playwright-core and a Chromium, which the other sections do not.
if (only.has('view')) sections.push(await (await import('./bench/view.mjs')).measureView());
if (only.has('report')) sections.push(await (await import('./bench/report.mjs')).measureReport());

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
