// Plan view: time to write the page, its size, and in headless Chromium the time to paint and load it,
// open the longest list and go to its last entry, and draw the matrix's first rows.
// For the largest plan of the corpus and a 200-page plan (one 8-page plan's text 25 times).
// Alone: npm run build && node scripts/bench/view.mjs; with the others: npm run bench -- --only view (not in the default set).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parse, parseText, renderPlanView } from '../../dist/index.js';
import { fixtures, median } from './common.mjs';

const RUNS = 3;

async function inBrowser(browser, file, document) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(pathToFileURL(file).href);
  const list = document.assignments.length >= document.targets.length ? 'assignment' : 'target';
  // Timed inside the page: each step until the next frame is painted.
  const result = await page.evaluate(async (list) => {
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const timed = async (work) => {
      const started = performance.now();
      work();
      await painted();
      return performance.now() - started;
    };
    const paint = await new Promise((resolve) => {
      new PerformanceObserver((entries, observer) => {
        const first = entries.getEntriesByName('first-contentful-paint')[0];
        if (first) resolve(first.startTime, observer.disconnect());
      }).observe({ type: 'paint', buffered: true });
    });
    const navigation = performance.getEntriesByType('navigation')[0];
    const openList = await timed(() => document.getElementById(`tab-${list}`).click());
    const links = document.querySelectorAll(`#p-${list} .list a`);
    const goTo = await timed(() => links[links.length - 1].click());
    const matrix = await timed(() => document.querySelector('.to-matrix').click());
    return { paint, load: navigation.loadEventEnd, openList, goTo, matrix, nodes: document.getElementsByTagName('*').length };
  }, list);
  await page.close();
  return result;
}

export async function measureView() {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-bench-view-'));
  const largest = await parse(join(fixtures, 'hcmc-2026.pdf'));
  const text = readFileSync(join(fixtures, 'chuyen-doi-so-2025.txt'), 'utf8');
  const big = parseText(Array(25).fill(text).join('\n'), { name: 'chuyen-doi-so-x25.txt' });
  const browser = await chromium.launch({ executablePath: process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium' });
  const rows = [];
  try {
    for (const [name, document] of [['hcmc-2026.pdf (16 pages, largest of the corpus)', largest], ['200-page plan (chuyen-doi-so-2025 × 25)', big]]) {
      const writes = [];
      let html = '';
      for (let i = 0; i < RUNS; i++) {
        const started = process.hrtime.bigint();
        html = renderPlanView(document);
        writes.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const file = join(dir, 'view.html');
      writeFileSync(file, html);
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await inBrowser(browser, file, document));
      const m = (key) => median(runs.map((r) => r[key]));
      const entities = document.targets.length + document.deadlines.length + document.legalReferences.length + document.assignments.length + document.tasks.length;
      rows.push([
        `View: ${name}`,
        `${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB written in ${median(writes).toFixed(0)} ms; first paint ${m('paint').toFixed(0)} ms, loaded ${m('load').toFixed(0)} ms; open a list ${m('openList').toFixed(0)} ms, go to its last entry ${m('goTo').toFixed(0)} ms, draw the matrix ${m('matrix').toFixed(0)} ms`,
        `${document.text.length.toLocaleString('en')} characters, ${entities} entities, ${m('nodes').toLocaleString('en')} elements at the end`,
      ]);
    }
  } finally {
    await browser.close();
  }
  return {
    rows,
    notes: [
      `- View: medians of ${RUNS} runs in headless Chromium (Debian), 1360×820 window, timed in the page: from navigation to the first paint
  and to the load event; each action (a click) until the next frame.
  Lists and matrix rows are drawn 200 at a time; off-screen blocks of the text skip layout (content-visibility).`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows, notes } = await measureView();
  console.log(['| measure | result | note |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
  console.log(`\n${notes.join('\n')}`);
}
