#!/usr/bin/env node
// Benchmark: text pipeline throughput, pdf.js alone vs the full PDF parse, batch scaling and peak memory.
// Usage: npm run bench [-- --copies N] [-- --write docs/benchmark.md]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parse, parseText } from '../dist/index.js';
import { PDF_DOCUMENT_OPTIONS, loadPdfJs, pageTextContents } from '../dist/ingest/pdf.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures');
const names = ['hcmc-2026', 'hue-2026', 'tan-binh-2025'];
const argument = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const copies = Number(argument('--copies', '20'));
const writeTo = argument('--write', null);

const READING_NOTES = `## Reading the figures

- **Batch scaling is bounded by this machine, not by the pool.** On this
  2-vCPU machine, two *independent* \`node\` processes each parsing the same
  24 documents take 7.5–7.9 s against 5.0 s for one alone (1.27× aggregate),
  while a pure integer loop scales 2.0×. A single parse already uses about
  1.15 cores (V8's garbage collector works on helper threads), and the two
  vCPUs share caches and memory bandwidth. The batch adds little on top: the
  main thread only reads, hashes and concatenates text the workers serialised.
- Peak RSS is that of the batch process and its documents' child processes
  together, their VmRSS summed from \`/proc\` every 50 ms. It does not grow with the
  archive: documents never reach the main thread, and the final outputs are
  streamed from the stored parts one at a time.
- Single-thread figures are steady state, after a second of warm-up. The
  tone-mark fixer caches per word; plans share their vocabulary, so a cold
  archive sees the same benefit after its first few documents.
- **What the PDF ratio compares.** "pdf.js alone" runs the very function
  ingestion uses to read page text (eight pages in flight, so one page is
  parsed while another's streams inflate off the main thread), with pdf.js
  loaded as ingestion loads it. The full parse adds the operator list of one or
  two short pages per document, which is how pdf.js names its fonts (bold faces
  are heading evidence), and the pipeline after ingestion. Measured on their
  own, those operator lists cost about 5 points of the ratio; over runs on
  this machine the ratio has ranged from 0.63 to 0.71.
- **pdf.js and the rest of the process.** pdf.js's legacy build brings
  core-js, which on Node 20 replaces \`Array.prototype.push\`, \`JSON.parse\`
  and \`JSON.stringify\` process-wide with polyfills three to five times
  slower. Ingestion puts the natives back once pdf.js has loaded; this made
  pdf.js itself about 30% faster, so the ratio now sets the pipeline against
  a quicker baseline than before.
- Figures vary by ±10% between runs on this shared machine.
`;

/** Repeats `work` until `seconds` have passed, after a second of warm-up (steady-state JIT); returns runs and elapsed seconds. */
async function timed(work, seconds = 3) {
  const warmUp = Date.now();
  while (Date.now() - warmUp < 1000) await work();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    await work();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { runs, elapsed };
}

// (a) Text pipeline, one thread.
const texts = names.map((n) => readFileSync(join(fixtures, `${n}.txt`), 'utf8'));
const textBytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
const text = await timed(() => texts.forEach((t, i) => parseText(t, { name: `${names[i]}.txt` })));
const textMbPerSecond = (textBytes * text.runs) / text.elapsed / 1e6;
const textDocsPerSecond = (texts.length * text.runs) / text.elapsed;

// (a') Linear text cost: one plan repeated 1×, 4×, 16× and 64×, time per MB at each size (median of three runs).
const scalingBase = texts[names.indexOf('hcmc-2026')] ?? texts[0];
const scaling = [1, 4, 16, 64].map((copies) => {
  const big = scalingBase.repeat(copies);
  const runs = [0, 1, 2].map(() => {
    const started = process.hrtime.bigint();
    parseText(big, { name: 'scaled.txt' });
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  const ms = runs.sort((a, b) => a - b)[1];
  return { copies, mb: Buffer.byteLength(big) / 1e6, msPerMb: ms / (Buffer.byteLength(big) / 1e6) };
});

// (b) PDF: pdf.js text extraction alone (the same function ingest calls) vs the full parse, same files.
const { getDocument } = await loadPdfJs();
const pdfs = names.map((n) => readFileSync(join(fixtures, `${n}.pdf`)));
let pageCount = 0;
async function pdfjsAlonePass() {
  pageCount = 0;
  for (const bytes of pdfs) {
    const task = getDocument({ data: new Uint8Array(bytes), ...PDF_DOCUMENT_OPTIONS });
    const document = await task.promise;
    await pageTextContents(document);
    pageCount += document.numPages;
    await document.destroy();
  }
}
// On this thread, as pdf.js alone runs: the ratio compares like with like.
async function fullParsePass() {
  for (const [i, bytes] of pdfs.entries()) await parse(new Uint8Array(bytes), { name: `${names[i]}.pdf`, isolate: false });
}
// As `parse` runs by default: in the sandbox's worker thread, the bytes sent there and the document sent back.
async function isolatedParsePass() {
  for (const [i, bytes] of pdfs.entries()) await parse(new Uint8Array(bytes), { name: `${names[i]}.pdf` });
}
// Interleaved rounds and medians: this shared machine drifts, and both sides must see the same drift.
const seconds = async (work) => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (let i = 0; i < 3; i++) await pdfjsAlonePass(), await fullParsePass();
const aloneTimes = [];
const fullTimes = [];
for (let round = 0; round < 15; round++) {
  aloneTimes.push(await seconds(pdfjsAlonePass));
  fullTimes.push(await seconds(fullParsePass));
}
const pdfjsPagesPerSecond = pageCount / median(aloneTimes);
const fullPagesPerSecond = pageCount / median(fullTimes);
for (let i = 0; i < 3; i++) await isolatedParsePass();
const isolatedTimes = [];
for (let round = 0; round < 15; round++) isolatedTimes.push(await seconds(isolatedParsePass));
const isolatedPagesPerSecond = pageCount / median(isolatedTimes);

// (c) Batch over many copies of the corpus (distinct bytes, so that none is a duplicate), jobs 1 vs 2.
const work = mkdtempSync(join(tmpdir(), 'kehoach-bench-'));
const input = join(work, 'in');
mkdirSync(input);
let files = 0;
for (let c = 0; c < copies; c++) {
  for (const n of names) {
    for (const ext of ['txt', 'pdf', 'docx']) {
      const bytes = readFileSync(join(fixtures, `${n}.${ext}`));
      // Change the hash, not the content: a PDF comment after %%EOF, trailing newlines, an extra DOCX part.
      let copy;
      if (ext === 'docx') {
        const zip = await JSZip.loadAsync(bytes);
        zip.file('customXml/copy.txt', String(c));
        copy = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      } else copy = Buffer.concat([bytes, Buffer.from(ext === 'pdf' ? `%copy ${c}\n` : '\n'.repeat(c + 1))]);
      writeFileSync(join(input, `${n}-${c}.${ext}`), copy);
      files++;
    }
  }
}

/** The resident size, in KiB, of a process and every process under it (the batch and its documents' child processes). */
function treeRssKb(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const stack = [pid]; stack.length > 0; ) {
    const current = stack.pop();
    try {
      total += Number(readFileSync(`/proc/${current}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

/** Runs the CLI batch and samples the peak resident size of it and its child processes together. */
function runBatch(jobs) {
  const out = join(work, `out-${jobs}`);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'batch', input, '--out', out, '--jobs', String(jobs)], { stdio: 'ignore' });
    let peakKb = 0;
    const sample = setInterval(() => {
      peakKb = Math.max(peakKb, treeRssKb(child.pid));
    }, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sample);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      if (code !== 0 || manifest.counts.ok !== files) reject(new Error(`batch exited with ${code}, ${manifest.counts.ok}/${files} ok`));
      else resolve({ seconds, docsPerSecond: files / seconds, peakMb: peakKb / 1024 });
    });
  });
}
const one = await runBatch(1);
const two = await runBatch(2);
rmSync(work, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const rows = [
  ['Text pipeline (1 thread)', `${textMbPerSecond.toFixed(2)} MB/s, ${textDocsPerSecond.toFixed(1)} docs/s`, 'aim ≥ 2 MB/s per core'],
  [
    'Text cost by size (one plan repeated)',
    scaling.map((s) => `${s.copies}×: ${s.msPerMb.toFixed(0)} ms/MB`).join(', '),
    `64× / 1× = ${(scaling[3].msPerMb / scaling[0].msPerMb).toFixed(2)} (linear: ≈ 1; ${scaling[3].mb.toFixed(1)} MB at 64×)`,
  ],
  ['pdf.js text extraction alone', `${pdfjsPagesPerSecond.toFixed(1)} pages/s`, ''],
  ['Full PDF parse (same files, same thread)', `${fullPagesPerSecond.toFixed(1)} pages/s`, `ratio ${(fullPagesPerSecond / pdfjsPagesPerSecond).toFixed(2)} (aim ≥ 0.7)`],
  ['Full PDF parse, isolated (the default)', `${isolatedPagesPerSecond.toFixed(1)} pages/s`, 'each document in its own child process, time and memory watched'],
  [`Batch, ${files} files, --jobs 1`, `${one.docsPerSecond.toFixed(1)} docs/s (${one.seconds.toFixed(1)} s), peak RSS ${one.peakMb.toFixed(0)} MB`, ''],
  [`Batch, ${files} files, --jobs 2`, `${two.docsPerSecond.toFixed(1)} docs/s (${two.seconds.toFixed(1)} s), peak RSS ${two.peakMb.toFixed(0)} MB`, `scaling ${(two.docsPerSecond / one.docsPerSecond).toFixed(2)}× (aim ≥ 1.6×); RSS aim < 400 MB`],
];
const report = [
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. Corpus: ${names.length} plans (${pageCount} PDF pages), ${copies} copies of each in 3 formats for the batch.`,
  '',
  '| measure | result | note |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
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
  writeFileSync(join(root, writeTo), `# Benchmark\n\nMeasured with \`npm run bench\` at commit ${commit}, nothing else running.\n\n${report}\n\n${READING_NOTES}`);
}
