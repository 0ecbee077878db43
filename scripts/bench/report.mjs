// Archive report: writing report.html for N plans (default 5,000: the six text fixtures, numbers varied by
// report-archive.mjs), its size, the writer's heap as plans are added, and in headless Chromium the time to
// show the file table, to have every tab ready, and to open each tab.
// Alone: npm run build && node scripts/bench/report.mjs [--plans 5000]; with the others: npm run bench -- --only report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { parseText } from '../../dist/index.js';
import { createReportWriter } from '../../dist/report/index.js';
import { argument, fixtures, median } from './common.mjs';
import { variedPlan } from './report-archive.mjs';

const RUNS = 3;
const NAMES = ['chuyen-doi-so-2025', 'giao-duc-nam-hoc', 'hcmc-2026', 'hue-2026', 'le-hoi-du-lich', 'tan-binh-2025'];
const MiB = 2 ** 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const heap = () => (gc(), process.memoryUsage().heapUsed);

/** Writes a report of `count` plans into a new folder; the writer's heap growth is measured after 10% and at the end. */
async function writeReport(documents, count, distinct = false) {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-bench-report-'));
  const before = heap();
  const writer = createReportWriter(dir, { generatedAt: null });
  let early = 0;
  let adding = 0n;
  for (let i = 0; i < count; i++) {
    const name = NAMES[i % NAMES.length];
    const copy = Math.floor(i / NAMES.length);
    const document = variedPlan(documents.get(name), copy, { distinct });
    // Only the writer's own work is timed, not the making of the copy.
    const started = process.hrtime.bigint();
    writer.add({ file: `kho/${copy}/${name}.txt`, sha256: `${i}`.padStart(64, '0'), status: 'ok', document });
    adding += process.hrtime.bigint() - started;
    if (i + 1 === Math.ceil(count / 10)) early = heap() - before;
  }
  const late = heap() - before;
  const closing = process.hrtime.bigint();
  const { path, bytes } = await writer.close();
  const done = process.hrtime.bigint();
  return { dir, path, bytes, addMs: Number(adding) / 1e6, closeMs: Number(done - closing) / 1e6, early, late };
}

/** The size of the report's data once inflated, and its gzip ratio. */
function dataSize(path) {
  const html = readFileSync(path, 'utf8');
  const start = html.indexOf('id="data">') + 10;
  const parts = html.slice(start, html.indexOf('</script>', start)).split('\n');
  const raw = parts.reduce((n, part) => n + gunzipSync(Buffer.from(part, 'base64')).length, 0);
  const compressed = parts.reduce((n, part) => n + part.length, 0);
  return { raw, compressed };
}

async function inBrowser(browser, file) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => performance.getEntriesByName('kehoach-report:ready').length > 0, null, { timeout: 300_000, polling: 50 });
  const marks = await page.evaluate(() => ({
    files: performance.getEntriesByName('kehoach-report:files')[0].startTime,
    ready: performance.getEntriesByName('kehoach-report:ready')[0].startTime,
    heap: performance.memory?.usedJSHeapSize ?? null,
  }));
  const tabs = {};
  for (const tab of ['calendar', 'matrix', 'targets']) {
    // Timed inside the page: the click until the next frame is painted.
    tabs[tab] = await page.evaluate(
      (tab) =>
        new Promise((resolve) => {
          const started = performance.now();
          document.getElementById(`tab-${tab}`).click();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
        }),
      tab,
    );
  }
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.close();
  return { ...marks, ...tabs, nodes };
}

export async function measureReport(count = Number(argument('--plans', '5000'))) {
  const documents = new Map(NAMES.map((name) => [name, parseText(readFileSync(join(fixtures, `${name}.txt`), 'utf8'), { name: `${name}.txt` })]));
  const ms = (values) => `${Math.round(median(values))} ms`;
  const mib = (n) => `${(n / MiB).toFixed(1)} MiB`;
  const plans = `${count.toLocaleString('en')} plans`;
  const rows = [];
  const browser = await chromium.launch({ executablePath: process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium' });
  try {
    for (const distinct of [false, true]) {
      const texts = distinct ? 'distinct texts' : 'repeated texts';
      const writes = [];
      for (let i = 0; i < RUNS; i++) writes.push(await writeReport(documents, count, distinct));
      const report = writes.at(-1);
      const size = dataSize(report.path);
      const opens = [];
      try {
        for (let i = 0; i < RUNS; i++) opens.push(await inBrowser(browser, report.path));
      } finally {
        for (const w of writes) rmSync(w.dir, { recursive: true, force: true });
      }
      rows.push(
        [`report: write (${plans}, ${texts})`, `${ms(writes.map((w) => w.addMs))} adding, ${ms(writes.map((w) => w.closeMs))} closing`, `${(median(writes.map((w) => w.addMs)) / count).toFixed(2)} ms a plan`],
        [`report: writer heap (${plans}, ${texts})`, `+${mib(median(writes.map((w) => w.early)))} after 10%, +${mib(median(writes.map((w) => w.late)))} at the end`, 'dictionaries and totals only; rows spooled to files'],
        [`report: size (${plans}, ${texts})`, `${mib(report.bytes)}`, `data ${mib(size.raw)} inflated, ${(size.raw / size.compressed).toFixed(1)}× smaller in the page`],
        [`report: open (${plans}, ${texts})`, `file table ${ms(opens.map((o) => o.files))}, every tab ready ${ms(opens.map((o) => o.ready))}`, `page heap ${mib(median(opens.map((o) => o.heap ?? 0)))}`],
        [`report: first open of a tab (${plans}, ${texts})`, `calendar ${ms(opens.map((o) => o.calendar))}, matrix ${ms(opens.map((o) => o.matrix))}, targets ${ms(opens.map((o) => o.targets))}`, `${Math.round(median(opens.map((o) => o.nodes)))} DOM elements with all four drawn`],
      );
    }
  } finally {
    await browser.close();
  }
  return {
    rows,
    notes: [
      `- Report: ${plans} made from the six text fixtures by scripts/bench/report-archive.mjs: years, numbers and values varied; with distinct texts, every copy's words swapped as well, so that no two plans share a sentence (its data compresses as an archive of different plans would; the repeated corpus compresses far better). Open times are Chromium's, from navigation to the page's own marks; a tab's first open is timed from the click to the next frame.`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, notes } = await measureReport();
  console.log(['| measure | result | note |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), '', ...notes].join('\n'));
}
