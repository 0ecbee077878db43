import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dueDate, planSpan, seriesOf } from '../src/export/dates.js';
import { foldVietnamese, parseText, type PlanDocument } from '../src/index.js';
import { createReportWriter, planRows, type ReportEntry } from '../src/report/index.js';
// @ts-expect-error: a plain .mjs module without types, shared with the benchmark.
import { variedPlan } from '../scripts/bench/report-archive.mjs';
import { closeCheckedPages, launchChromium, openFile, type OpenedPage } from './helpers/browser.js';

/**
 * The archive report in headless Chromium: the file table, the calendar, the
 * matrix and the targets of the six text fixtures, and a report of 5,000
 * plans that opens and draws only the rows in view. Every page opened here
 * must log no error and ask for nothing but itself.
 */

const root = join(import.meta.dirname, '..');
const FIXTURES = ['chuyen-doi-so-2025', 'giao-duc-nam-hoc', 'hcmc-2026', 'hue-2026', 'le-hoi-du-lich', 'tan-binh-2025'];
const tmp = mkdtempSync(join(tmpdir(), 'kehoach-report-browser-'));
/** A loaded 2-core CI machine can take seconds for what takes milliseconds here. */
const PATIENCE = { timeout: 30_000, interval: 100 };
/** For the 5,000-plan report: inflating and parsing its data alone takes seconds there. */
const BIG_PATIENCE = { timeout: 120_000, interval: 250 };
/** Rows a table may hold at once: those in view and a few either side, never the list. */
const MAX_ROWS = 80;

let browser: Browser;
const documents = new Map<string, PlanDocument>();
let corpusReport: string;
const opened: OpenedPage[] = [];
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const entryOf = (name: string, document = documents.get(name)!, file = `kho/${name}.txt`): ReportEntry => ({ file, sha256: sha(file), status: 'ok', document });
const labelOf = (name: string): string => documents.get(name)!.metadata.number ?? `${name}.txt`;

async function open(file: string, viewport = { width: 1360, height: 900 }): Promise<Page> {
  const page = await openFile(browser, file, viewport);
  opened.push(page);
  return page.page;
}

async function ready(page: Page, patience = PATIENCE): Promise<void> {
  await expect.poll(() => page.evaluate(() => !document.getElementById('report')!.hasAttribute('aria-busy')), patience).toBe(true);
}

/** The rows a table has drawn (not its spacers), each as the text of its cells' first lines. */
function drawnRows(page: Page, table: string): Promise<string[][]> {
  return page.$$eval(`${table} tbody tr:not(.pad):not(.none)`, (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.querySelector('.c > span')?.textContent ?? td.textContent ?? '')));
}

beforeAll(async () => {
  browser = await launchChromium();
  for (const name of FIXTURES) documents.set(name, parseText(readFileSync(join(root, 'fixtures', `${name}.txt`), 'utf8'), { name: `${name}.txt` }));
  const dir = join(tmp, 'corpus');
  mkdirSync(dir);
  const writer = createReportWriter(dir, { generatedAt: null });
  for (const name of FIXTURES) writer.add(entryOf(name));
  writer.add({ file: 'kho/hong.pdf', sha256: sha('hong'), status: 'error', error: { code: 'CORRUPT_INPUT', message: 'kho/hong.pdf: <img src=x onerror=alert(1)> is not a PDF' } });
  writer.add({ file: 'kho/anh.png', sha256: null, status: 'skipped', reason: 'not a plan format' });
  corpusReport = (await writer.close()).path;
});

afterEach(() => closeCheckedPages(opened));

afterAll(async () => {
  await browser?.close();
});

describe('archive report of the six text fixtures', () => {
  it('lists every file with its status, error and counts; an error code filters the table', async () => {
    const page = await open(corpusReport);
    await ready(page);
    expect(await page.textContent('#f-count')).toBe('8 tệp');
    const rows = await drawnRows(page, '#f-table');
    expect(rows.map((r) => [r[0], r[1]])).toEqual([...FIXTURES.map((name) => [`kho/${name}.txt`, 'đọc được']), ['kho/hong.pdf', 'lỗi'], ['kho/anh.png', 'bỏ qua']]);
    const document = documents.get('chuyen-doi-so-2025')!;
    // Kế hoạch, then Mục, Chỉ tiêu, Thời hạn, VB, Phân công, Nhiệm vụ, Cảnh báo, Trang.
    expect(rows[0]!.slice(3)).toEqual(['45/KH-UBND', '50', '31', '32', '10', '73', '24', '2', '']);
    expect(document.deadlines).toHaveLength(32);
    expect(rows[6]![2]).toBe('CORRUPT_INPUT');
    expect(await page.locator('#f-table tbody tr:nth-child(8) td:nth-child(3)').innerText()).toContain('<img src=x onerror=alert(1)> is not a PDF');
    await page.click('.codes .code');
    await expect.poll(() => page.textContent('#f-count'), PATIENCE).toBe('1 / 8 tệp');
    expect((await drawnRows(page, '#f-table')).map((r) => r[0])).toEqual(['kho/hong.pdf']);
  });

  it('shows the deadlines of a chosen month on its days and in the list, recurring ones at the close of each period', async () => {
    const page = await open(corpusReport, { width: 1360, height: 1300 });
    await ready(page);
    await page.click('#tab-calendar');
    await page.fill('#c-month', '2025-06');
    await page.dispatchEvent('#c-month', 'change');
    await expect.poll(() => page.textContent('#c-month-name'), PATIENCE).toBe('Tháng 6/2025');
    // Expected from the documents, as the calendar export lays them out (src/export/dates.ts).
    const expected: [string, string, string][] = [];
    for (const name of FIXTURES) {
      const document = documents.get(name)!;
      for (const deadline of document.deadlines) {
        const days = deadline.recurrence?.length ? [...new Set(seriesOf(deadline, planSpan(document)).flatMap((s) => s.dates))] : [dueDate(deadline)];
        for (const day of days) if (day?.startsWith('2025-06')) expected.push([day, labelOf(name), deadline.text]);
      }
    }
    expect(expected.length).toBe(13);
    // A range shows its first and last day; it falls due on the last.
    const shown = (await drawnRows(page, '#c-table')).map(([date, plan, , text]) => [`${date!.slice(-4)}-${date!.slice(-7, -5)}-${date!.slice(-10, -8)}`, plan, text]);
    const sorted = (list: string[][]) => [...list].sort((a, b) => a.join('|').localeCompare(b.join('|')));
    expect(sorted(shown)).toEqual(sorted(expected));
    expect(await page.textContent('#c-count')).toBe('13 thời hạn trong tháng');
    expect(shown).toContainEqual(['2025-06-30', '45/KH-UBND', 'Trước 30/6/2025']);
    expect(shown).toContainEqual(['2025-06-10', '45/KH-UBND', 'trước ngày 10/6/2025']);
    // The days of the grid: 10 June holds one deadline, 30 June the twelve others.
    const counts = await page.$$eval('#c-grid td[data-date] .n', (list) => list.map((n) => [n.closest('td')!.getAttribute('data-date'), n.textContent]));
    expect(counts).toEqual([
      ['2025-06-10', '1'],
      ['2025-06-30', '12'],
    ]);
    expect(await page.locator('#c-grid td[data-date="2025-06-30"] .chip').count()).toBe(3);
    expect(await page.textContent('#c-grid td[data-date="2025-06-30"] .more')).toBe('+9 khác');
    // A day chosen: the list holds that day only.
    await page.click('#c-grid td[data-date="2025-06-10"] button');
    await expect.poll(() => page.textContent('#c-count'), PATIENCE).toBe('1 thời hạn ngày 10/06/2025');
    expect((await drawnRows(page, '#c-table')).map((r) => r[3])).toEqual(['trước ngày 10/6/2025']);
  });

  it('narrows the deadline list to an agency’s deadlines', async () => {
    const page = await open(corpusReport);
    await ready(page);
    await page.click('#tab-calendar');
    await page.selectOption('#c-scope', 'all');
    const total = FIXTURES.reduce((n, name) => n + documents.get(name)!.deadlines.length, 0);
    await expect.poll(() => page.textContent('#c-count'), PATIENCE).toBe(`${total} thời hạn`);
    const wanted = foldVietnamese('Sở Nội vụ');
    const expected = FIXTURES.flatMap((name) => planRows(entryOf(name)).deadlines.filter((d) => d.agencies.some((a) => foldVietnamese(a.name).includes(wanted))).map((d) => d.text));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(total / 4);
    await page.fill('#c-agency', 'Sở Nội vụ');
    await expect.poll(() => page.textContent('#c-count'), PATIENCE).toBe(`${expected.length} thời hạn`);
    // The suggestions under the filter: the agencies that match what is typed.
    await expect.poll(() => page.$$eval('#agency-list option', (list) => list.map((o) => (o as HTMLOptionElement).value)), PATIENCE).toContain('Sở Nội vụ');
    for (const agency of await page.$$eval('#agency-list option', (list) => list.map((o) => (o as HTMLOptionElement).value))) expect(foldVietnamese(agency)).toContain(wanted);
    const rows = await drawnRows(page, '#c-table');
    expect(rows.map((r) => r[3]).sort()).toEqual([...expected].sort());
    for (const row of rows) expect(foldVietnamese(row[4]!)).toContain(wanted);
  });

  it('counts each agency’s tasks per plan by role, and a cell shows those tasks', async () => {
    const page = await open(corpusReport);
    await ready(page);
    await page.click('#tab-matrix');
    await expect.poll(() => page.textContent('#m-count'), PATIENCE).toBe('6 kế hoạch');
    await page.fill('#m-plan', 'chuyen-doi-so');
    await page.fill('#m-agency', 'Sở Khoa học và Công nghệ');
    await expect.poll(() => page.textContent('#m-count'), PATIENCE).toBe('1 / 6 kế hoạch');
    const rows = planRows(entryOf('chuyen-doi-so-2025')).responsibilities.filter((r) => r.agencies.some((a) => a.key === 'so-khoa-hoc-va-cong-nghe'));
    const byRole = new Map<string, number>();
    for (const r of rows) {
      const role = r.agencies.find((a) => a.key === 'so-khoa-hoc-va-cong-nghe')!.role;
      byRole.set(role, (byRole.get(role) ?? 0) + 1);
    }
    const cell = page.locator('#m-table td.cell[title^="Sở Khoa học và Công nghệ ·"] button');
    const codes: Record<string, string> = { lead: 'C', implement: 'T', support: 'P', advise: 'TM', monitor: 'TD' };
    const label = ['lead', 'implement', 'support', 'advise', 'monitor'].filter((r) => byRole.has(r)).map((r) => `${codes[r]}${byRole.get(r)}`).join(' ');
    expect(await cell.textContent()).toBe(label);
    expect(label).toMatch(/^C\d+/);
    await cell.click();
    await expect.poll(() => page.locator('#m-detail li').count(), PATIENCE).toBe(rows.length);
    expect(await page.textContent('#m-detail h2')).toBe('Sở Khoa học và Công nghệ');
    const items = await page.$$eval('#m-detail li', (list) => list.map((li) => li.childNodes[1]!.textContent!.trim()));
    expect(items).toEqual(rows.map((r) => r.label));
    expect(items).toContain('Xây dựng Kho dữ liệu dùng chung của tỉnh');
  });

  it('filters the targets by plan, direction, unit, comparator and text', async () => {
    const page = await open(corpusReport);
    await ready(page);
    await page.click('#tab-targets');
    const all = FIXTURES.flatMap((name) => planRows(entryOf(name)).targets.map((t) => ({ ...t, plan: name })));
    await expect.poll(() => page.textContent('#t-count'), PATIENCE).toBe(`${all.length} chỉ tiêu`);
    const percent = all.filter((t) => t.unit === '%');
    await page.selectOption('#t-unit', { label: `% (${percent.length})` });
    await page.selectOption('#t-direction', 'increase');
    const increase = percent.filter((t) => t.direction === 'increase');
    await expect.poll(() => page.textContent('#t-count'), PATIENCE).toBe(`${increase.length} / ${all.length} chỉ tiêu`);
    await page.selectOption('#t-direction', '');
    await page.selectOption('#t-comparator', 'gte');
    await page.fill('#t-plan', '45/KH-UBND');
    const chosen = percent.filter((t) => t.comparator === 'gte' && t.plan === 'chuyen-doi-so-2025');
    await expect.poll(() => page.textContent('#t-count'), PATIENCE).toBe(`${chosen.length} / ${all.length} chỉ tiêu`);
    await page.fill('#t-search', 'trực tuyến toàn trình');
    const found = chosen.filter((t) => `${t.indicator} ${t.text ?? ''}`.toLowerCase().includes('trực tuyến toàn trình'));
    expect(found.length).toBeGreaterThan(0);
    await expect.poll(() => page.textContent('#t-count'), PATIENCE).toBe(`${found.length} / ${all.length} chỉ tiêu`);
    const rows = await drawnRows(page, '#t-table');
    expect(rows.map((r) => r[2])).toEqual(found.map((t) => t.indicator));
    expect(rows).toContainEqual(['45/KH-UBND', 'II › 2 › 2.1', 'hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình', '≥ 80%', 'đạt']);
  });
});

describe('archive report of 5,000 plans', () => {
  const PLANS = 5000;
  let report: string;
  let deadlineCount = 0;
  let targetCount = 0;
  /** The plan and text of the last deadline without a day, in input order: the list's last row, sorted by day. */
  let lastUndated: [string, string] = ['', ''];

  beforeAll(async () => {
    const dir = join(tmp, 'big');
    mkdirSync(dir);
    const writer = createReportWriter(dir, { generatedAt: null });
    for (let i = 0; i < PLANS; i++) {
      const name = FIXTURES[i % FIXTURES.length]!;
      const copy = Math.floor(i / FIXTURES.length);
      const document = variedPlan(documents.get(name)!, copy) as PlanDocument;
      deadlineCount += document.deadlines.length;
      for (const d of planRows(entryOf(name, document)).deadlines)
        if (d.due === null || d.recurrence.length) lastUndated = [document.metadata.number ?? `${name}.txt`, d.text];
      targetCount += document.targets.length;
      writer.add(entryOf(name, document, `kho/${copy}/${name}.txt`));
    }
    writer.add({ file: 'kho/hong.pdf', sha256: sha('hong'), status: 'error', error: { code: 'TIMEOUT', message: 'kho/hong.pdf: took too long' } });
    writer.add({ file: 'kho/anh.png', sha256: null, status: 'skipped', reason: 'not a plan format' });
    report = (await writer.close()).path;
  }, 300_000);

  /** Scrolls a table's box to its end and waits for its last row to be drawn. */
  async function scrollToEnd(page: Page, table: string, lastFirstCell: string): Promise<void> {
    await page.$eval(table, (t) => {
      const box = t.parentElement!;
      box.scrollTop = box.scrollHeight;
    });
    await expect.poll(async () => (await drawnRows(page, table)).at(-1)?.[0], BIG_PATIENCE).toBe(lastFirstCell);
  }

  it('opens, and every table draws only the rows near its view, down to the last', async () => {
    const page = await open(report);
    await ready(page, BIG_PATIENCE);
    expect(await page.textContent('#f-count')).toBe('5.002 tệp');
    expect((await drawnRows(page, '#f-table')).length).toBeLessThanOrEqual(MAX_ROWS);
    await scrollToEnd(page, '#f-table', 'kho/anh.png');
    expect((await drawnRows(page, '#f-table')).length).toBeLessThanOrEqual(MAX_ROWS);

    await page.click('#tab-calendar');
    await page.selectOption('#c-scope', 'all');
    await expect.poll(() => page.textContent('#c-count'), BIG_PATIENCE).toBe(`${new Intl.NumberFormat('vi-VN').format(deadlineCount)} thời hạn`);
    const first = await drawnRows(page, '#c-table');
    expect(first.length).toBeLessThanOrEqual(MAX_ROWS);
    // Sorted by day, those without one (ongoing, recurring) last, in input order.
    await page.$eval('#c-table', (t) => (t.parentElement!.scrollTop = t.parentElement!.scrollHeight));
    await expect.poll(async () => (await drawnRows(page, '#c-table')).at(-1)?.filter((_, i) => i === 1 || i === 3), BIG_PATIENCE).toEqual(lastUndated);
    expect((await drawnRows(page, '#c-table')).length).toBeLessThanOrEqual(MAX_ROWS);

    await page.click('#tab-matrix');
    await expect.poll(() => page.textContent('#m-count'), BIG_PATIENCE).toBe('5.000 kế hoạch');
    expect((await drawnRows(page, '#m-table')).length).toBeLessThanOrEqual(MAX_ROWS);

    await page.click('#tab-targets');
    await expect.poll(() => page.textContent('#t-count'), BIG_PATIENCE).toBe(`${new Intl.NumberFormat('vi-VN').format(targetCount)} chỉ tiêu`);
    expect((await drawnRows(page, '#t-table')).length).toBeLessThanOrEqual(MAX_ROWS);
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(5000);
  }, 600_000);

  it('filters 5,000 plans’ deadlines by agency and plan', async () => {
    const page = await open(report);
    await ready(page, BIG_PATIENCE);
    await page.click('#tab-calendar');
    await page.selectOption('#c-scope', 'all');
    await page.fill('#c-plan', 'kho/7/hue-2026.txt');
    await page.fill('#c-agency', 'Công an thành phố');
    const hue = variedPlan(documents.get('hue-2026')!, 7) as PlanDocument;
    const expected = planRows(entryOf('hue-2026', hue)).deadlines.filter((d) => d.agencies.some((a) => a.name === 'Công an thành phố'));
    expect(expected.map((d) => d.text)).toEqual(['định kỳ', 'Định kỳ', 'định kỳ']);
    await expect.poll(() => page.textContent('#c-count'), BIG_PATIENCE).toBe('3 thời hạn');
    expect((await drawnRows(page, '#c-table')).map((r) => r[3])).toEqual(expected.map((d) => d.text));
  }, 300_000);
});
