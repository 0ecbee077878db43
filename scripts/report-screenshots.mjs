#!/usr/bin/env node
// Screenshot of the archive report for docs/report.md, made in headless Chromium (Debian's `chromium`):
// a report of 600 plans (the six text fixtures with their numbers varied) and two failed inputs,
// the deadline calendar at June 2025 with one day chosen.
// Usage: npm run build && node scripts/report-screenshots.mjs
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parseText } from '../dist/index.js';
import { createReportWriter } from '../dist/report/index.js';
import { variedPlan } from './bench/report-archive.mjs';

const root = join(import.meta.dirname, '..');
const executablePath = process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium';
const NAMES = ['chuyen-doi-so-2025', 'giao-duc-nam-hoc', 'hcmc-2026', 'hue-2026', 'le-hoi-du-lich', 'tan-binh-2025'];
const documents = NAMES.map((name) => parseText(readFileSync(join(root, 'fixtures', `${name}.txt`), 'utf8'), { name: `${name}.txt` }));

const dir = mkdtempSync(join(tmpdir(), 'kehoach-report-shots-'));
const writer = createReportWriter(dir, { generatedAt: null });
for (let i = 0; i < 600; i++) {
  const copy = Math.floor(i / NAMES.length);
  writer.add({ file: `kho-ke-hoach/${2025 + (copy % 6)}/${NAMES[i % NAMES.length]}-${copy}.txt`, sha256: `${i}`.padStart(64, '0'), status: 'ok', document: variedPlan(documents[i % NAMES.length], copy) });
}
writer.add({ file: 'kho-ke-hoach/2025/ban-scan.pdf', sha256: 'f'.repeat(64), status: 'error', error: { code: 'NO_TEXT_LAYER', message: 'the PDF has no text layer (a scan)' } });
writer.add({ file: 'kho-ke-hoach/2025/anh-chup.jpg', sha256: null, status: 'skipped', reason: 'not a plan format' });
const { path } = await writer.close();

const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(pathToFileURL(path).href);
  await page.waitForFunction(() => !document.getElementById('report').hasAttribute('aria-busy'));
  await page.click('#tab-calendar');
  await page.fill('#c-month', '2025-06');
  await page.dispatchEvent('#c-month', 'change');
  await page.fill('#c-agency', 'Sở Khoa học và Công nghệ');
  await page.waitForTimeout(400); // the filter waits for typing to pause
  await page.click('#c-grid td[data-date="2025-06-30"] button');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(root, 'docs', 'report.png') });
} finally {
  await browser.close();
}
console.log('wrote docs/report.png');
