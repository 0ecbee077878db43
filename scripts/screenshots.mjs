#!/usr/bin/env node
// Screenshots of the plan view for docs/view.md, made in headless Chromium (Debian's `chromium`).
// Usage: npm run build && node scripts/screenshots.mjs
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parse, renderPlanView } from '../dist/index.js';

const root = join(import.meta.dirname, '..');
const executablePath = process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium';

const plan = await parse(join(root, 'fixtures', 'chuyen-doi-so-2025.pdf'));
const file = join(mkdtempSync(join(tmpdir(), 'kehoach-shots-')), 'chuyen-doi-so-2025.pdf.html');
writeFileSync(file, renderPlanView(plan));

const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(pathToFileURL(file).href);

  // The targets list open, one target chosen from it: scrolled to, focused, its fields shown.
  await page.click('#tab-target');
  const target = plan.targets.findIndex((t) => t.value === 80 && t.unit === '%');
  await page.click(`#p-target .list a[data-go="x-t${target}"]`);
  await page.hover(`#x-t${target}`);
  await page.waitForTimeout(1300); // the focus flash fades
  await page.screenshot({ path: join(root, 'docs', 'view.png') });

  // The appendix table and the responsibility matrix.
  await page.click('#tab-toc');
  await page.mouse.move(0, 0);
  await page.click('.to-matrix');
  await page.waitForSelector('#matrix tbody tr');
  await page.screenshot({ path: join(root, 'docs', 'view-matrix.png') });
} finally {
  await browser.close();
}
console.log('wrote docs/view.png and docs/view-matrix.png');
