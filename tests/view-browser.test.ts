import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseText, renderPlanView, type PlanDocument } from '../src/index.js';
import { ENTITY_TYPES } from '../src/view/entities.js';
import { closeCheckedPages, launchChromium, openFile, type OpenedPage } from './helpers/browser.js';
import { planWith } from './helpers/plan.js';

/**
 * The plan view in headless Chromium: what a reader sees and can do. Every
 * page opened here must log no error and ask for nothing but itself.
 */

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'kehoach-view-browser-'));

let browser: Browser;
let plan: PlanDocument;
let planPage: string;
const opened: OpenedPage[] = [];
/** How long to wait for the page to draw: a loaded 2-core CI machine can take seconds for what takes milliseconds here. */
const PATIENCE = { timeout: 30_000, interval: 100 };
/** The same for the 200-page plan, whose chunks of rows and list items are each a large layout. */
const BIG_PATIENCE = { timeout: 60_000, interval: 100 };

async function open(file: string, viewport?: { width: number; height: number }): Promise<OpenedPage> {
  const page = await openFile(browser, file, viewport);
  opened.push(page);
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  // Through the command line, as a user would make it.
  const pdf = join(root, 'fixtures', 'chuyen-doi-so-2025.pdf');
  plan = JSON.parse(execFileSync(process.execPath, [cli, 'parse', pdf], { maxBuffer: 1 << 26 }).toString());
  planPage = join(dir, 'chuyen-doi-so-2025.html');
  execFileSync(process.execPath, [cli, 'view', pdf, '-o', planPage], { stdio: 'pipe' });
});

afterEach(() => closeCheckedPages(opened));

afterAll(async () => {
  await browser?.close();
});

/** Per type: the number of distinct highlighted entities, of focusable first pieces, and the entities whose pieces do not spell their span's text. */
async function highlightCounts(opened: OpenedPage, document: PlanDocument) {
  const expected = ENTITY_TYPES.map((t) => ({
    type: t.type,
    letter: t.letter,
    spans: (document[t.field] as { span: { start: number; end: number } }[]).map((e) => document.text.slice(e.span.start, e.span.end).replace(/\s+/g, '')),
  }));
  return opened.page.evaluate((types) => {
    const out: Record<string, { distinct: number; focusable: number; mismatched: string[] }> = {};
    for (const t of types) {
      const pieces = new Map<string, string>();
      document.querySelectorAll(`mark.k-${t.type}[data-e]`).forEach((m) => {
        const key = m.getAttribute('data-e')!;
        pieces.set(key, (pieces.get(key) ?? '') + (m.textContent ?? '').replace(/\s+/g, ''));
      });
      const mismatched = t.spans.map((text, i) => (pieces.get(`${t.letter}${i}`) === text ? null : `${t.letter}${i}`)).filter((x): x is string => x !== null);
      out[t.type] = { distinct: pieces.size, focusable: document.querySelectorAll(`mark.k-${t.type}[tabindex="0"][id]`).length, mismatched };
    }
    return out;
  }, expected);
}

describe('plan view of chuyen-doi-so-2025.pdf in Chromium', () => {
  it('renders Vietnamese as UTF-8 with the plan’s title and headings', async () => {
    const { page } = await open(planPage);
    expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');
    expect(await page.textContent('h1')).toBe('Chuyển đổi số tỉnh Hòa Bình năm 2025');
    const headings = await page.$$eval('#doc h2.h', (list) =>
      list.map((h) => [
        h.querySelector('.pg')?.textContent ?? null,
        [...h.childNodes].map((n) => (n.nodeName === 'BR' ? '\n' : (n as Element).classList?.contains('pg') ? '' : n.textContent)).join(''),
      ]),
    );
    expect(headings).toEqual([
      ['tr. 1', 'I. MỤC ĐÍCH, YÊU CẦU'],
      ['tr. 2', 'II. MỤC TIÊU'],
      ['tr. 3', 'III. NHIỆM VỤ, GIẢI PHÁP'],
      [null, 'IV. KINH PHÍ THỰC HIỆN'],
      [null, 'V. TỔ CHỨC THỰC HIỆN'],
      ['tr. 7', 'PHỤ LỤC I\nDANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025'],
    ]);
  });

  it('highlights every entity of the JSON once, by type, over exactly its span', async () => {
    const opened = await open(planPage);
    const counts = await highlightCounts(opened, plan);
    for (const t of ENTITY_TYPES) {
      expect(counts[t.type], t.field).toEqual({ distinct: plan[t.field].length, focusable: plan[t.field].length, mismatched: [] });
    }
    expect(plan.tasks.length).toBeGreaterThan(20);
  });

  it('scrolls to and focuses the highlight of a list item that is clicked, for every list', async () => {
    const { page } = await open(planPage);
    for (const t of ENTITY_TYPES) {
      await page.click(`#tab-${t.type}`);
      const items = page.locator(`#p-${t.type} .list a`);
      expect(await items.count()).toBe(plan[t.field].length);
      for (const i of [0, plan[t.field].length - 1]) {
        await page.evaluate(() => (document.getElementById('main')!.scrollTop = 0));
        await items.nth(i).click();
        const state = await page.evaluate(() => {
          const active = document.activeElement as HTMLElement;
          const rect = active.getBoundingClientRect();
          return { id: active.id, visible: rect.top >= 0 && rect.top < window.innerHeight && rect.left >= 0 };
        });
        expect(state, `${t.type} ${i}`).toEqual({ id: `x-${t.letter}${i}`, visible: true });
      }
    }
  });

  it('shows an entity’s fields on hover and on keyboard focus, its page included', async () => {
    const { page } = await open(planPage);
    const target = plan.targets.findIndex((t) => t.value === 80 && t.unit === '%');
    await page.hover(`#x-t${target}`);
    const tip = page.locator('#tip');
    await expect.poll(() => tip.isVisible(), PATIENCE).toBe(true);
    const text = await tip.innerText();
    expect(text).toContain('Chỉ tiêu');
    expect(text).toMatch(/value\s+80/);
    expect(text).toMatch(/comparator\s+gte \(≥\)/);
    expect(text).toMatch(/unit\s+%/);
    expect(text).toMatch(/page\s+2/);
    expect(text).toMatch(/sectionPath\s+II › 2 › 2\.1/);
    // Keyboard: focus a deadline, Tab to the next highlight; the tip follows the focus.
    await page.mouse.move(0, 0);
    await page.focus('#x-d0');
    expect(await tip.innerText()).toMatch(/kind\s+ongoing/);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement!.getAttribute('data-e'));
    expect(next).toMatch(/^[ktdal]\d+$/);
    expect(next).not.toBe('d0');
    expect(await tip.innerText()).toContain(`page`);
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
  });

  it('moves along the tabs with the arrow keys, showing one panel at a time, round from the last to the first', async () => {
    const { page } = await open(planPage);
    const ids = await page.locator('.tabs [role=tab]').evaluateAll((tabs) => tabs.map((t) => t.id));
    await page.focus(`#${ids[0]}`);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(ids[1]);
    expect(await page.getAttribute(`#${ids[1]}`, 'aria-selected')).toBe('true');
    expect(await page.isHidden(`#${await page.getAttribute(`#${ids[0]}`, 'aria-controls')}`)).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(ids.at(-1));
  });

  it('lists each entity with its page and section path', async () => {
    const { page } = await open(planPage);
    await page.click('#tab-deadline');
    const last = plan.deadlines[plan.deadlines.length - 1]!;
    expect(await page.locator('#p-deadline .list li').last().locator('.where').textContent()).toBe(`tr. ${last.page} · ${last.sectionPath.join(' › ')}`);
    await page.fill('#p-deadline .filter', 'Quý III');
    const filtered = await page.locator('#p-deadline .list a').count();
    expect(filtered).toBe(plan.deadlines.filter((d) => d.text.toLowerCase().includes('quý iii')).length);
    expect(filtered).toBeGreaterThan(2);
  });

  it('links the section tree to headings and table rows, and folds its nodes', async () => {
    const { page } = await open(planPage);
    await page.click('#p-toc a:text-is("2.2. Về kinh tế số")');
    expect(await page.evaluate(() => [document.activeElement!.tagName, document.activeElement!.textContent])).toEqual(['H4', '2.2. Về kinh tế số']);
    await page.click('#p-toc a:text-is("3 Xây dựng Kho dữ liệu dùng chung của tỉnh")');
    expect(await page.evaluate(() => document.activeElement!.tagName)).toBe('TR');
    expect(await page.evaluate(() => document.activeElement!.querySelector('td:nth-child(2)')!.textContent)).toBe('Xây dựng Kho dữ liệu dùng chung của tỉnh');
    const node = page.locator('#p-toc summary:has(a:text-is("III. NHIỆM VỤ, GIẢI PHÁP"))');
    await node.click({ position: { x: 4, y: 6 } });
    expect(await page.locator('#p-toc a:text-is("3. Phát triển chính quyền số")').isVisible()).toBe(false);
  });

  it('draws the table of the appendix as a table', async () => {
    const { page } = await open(planPage);
    const table = plan.tables[0]!;
    expect(await page.locator('#doc table.plan-table tr').count()).toBe(table.rows.length);
    expect(await page.locator('#doc table.plan-table thead th').allTextContents()).toEqual(table.columns);
    const row = await page.locator('#doc table.plan-table tbody tr').nth(3).locator('td').allTextContents();
    expect(row).toEqual(table.rows[4]!.cells);
  });

  it('draws the responsibility matrix: a row per task, lead C and support P under each agency', async () => {
    const { page } = await open(planPage);
    await page.click('.to-matrix');
    const rows = page.locator('#matrix tbody tr');
    await expect.poll(() => rows.count(), PATIENCE).toBeGreaterThan(plan.tasks.length);
    const agencies = await page.locator('#matrix thead th.ag').allTextContents();
    const row = rows.filter({ has: page.locator('th a', { hasText: /^Xây dựng Kho dữ liệu dùng chung của tỉnh$/ }) });
    const cells = await row.locator('td').allTextContents();
    expect(cells[agencies.indexOf('Sở Khoa học và Công nghệ')]).toBe('C');
    expect(cells[agencies.indexOf('Các sở, ban, ngành')]).toBe('P');
    expect(cells.filter(Boolean)).toHaveLength(2);
    await row.locator('th a').click();
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(`x-k${plan.tasks.findIndex((t) => t.text === 'Xây dựng Kho dữ liệu dùng chung của tỉnh')}`);
  });

  it('lists the warnings and hides a type’s highlights from the legend', async () => {
    const { page } = await open(planPage);
    await page.click('.warnings summary');
    expect(await page.locator('.warnings li').count()).toBe(plan.warnings.length);
    expect(await page.locator('.warnings li').first().textContent()).toContain('DEADLINE_BEFORE_ISSUE_DATE');
    const background = () => page.evaluate(() => getComputedStyle(document.getElementById('x-t0')!).backgroundColor);
    const shown = await background();
    await page.click('input[data-hide="target"]');
    expect(await background()).not.toBe(shown);
  });
});

describe('untrusted plan text in Chromium', () => {
  it('shows markup from the plan as text and runs none of it', async () => {
    const hostile = planWith(
      'I. NHIỆM VỤ <script>window.__pwned = 1</script>',
      '1. Sở Tư pháp chủ trì </script><img src=x onerror="window.__pwned = 2"> hoàn thành trước ngày 30/6/2026.',
      '2. Phấn đấu 100% hồ sơ <b onmouseover="window.__pwned = 3">được</b> giải quyết đúng hạn.',
    );
    const file = join(dir, 'hostile.html');
    writeFileSync(file, renderPlanView(hostile));
    const { page } = await open(file);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#doc img, #doc b, #doc script').count()).toBe(0);
    const text = await page.textContent('#doc');
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned = 2">');
  });
});

describe('a 200-page plan in Chromium', () => {
  // chuyen-doi-so-2025 is 8 pages: 25 copies of its text make a 200-page plan.
  let big: PlanDocument;
  let file: string;
  beforeAll(() => {
    const text = readFileSync(join(root, 'fixtures', 'chuyen-doi-so-2025.txt'), 'utf8');
    big = parseText(Array(25).fill(text).join('\n'), { name: 'chuyen-doi-so-x25.txt' });
    file = join(dir, 'big.html');
    writeFileSync(file, renderPlanView(big));
  }, 120_000);

  it('highlights every entity, and draws long lists and the matrix a chunk at a time', { timeout: 180_000 }, async () => {
    expect(big.text.length).toBeGreaterThan(400_000);
    expect(big.assignments.length).toBeGreaterThan(1000);
    expect(big.tasks.length, 'tasks enough for three chunks of matrix rows').toBeGreaterThan(400);
    const opened = await open(file);
    const { page } = opened;
    const counts = await highlightCounts(opened, big);
    for (const t of ENTITY_TYPES) expect(counts[t.type], t.field).toEqual({ distinct: big[t.field].length, focusable: big[t.field].length, mismatched: [] });

    // The assignment list starts with one chunk and grows as it is scrolled.
    await page.click('#tab-assignment');
    const items = page.locator('#p-assignment .list a');
    expect(await items.count()).toBe(200);
    await expect
      .poll(async () => {
        await page.evaluate(() => {
          const panel = document.getElementById('p-assignment')!;
          panel.scrollTop = panel.scrollHeight;
        });
        return items.count();
      }, BIG_PATIENCE)
      .toBe(big.assignments.length);
    const last = big.assignments.length - 1;
    await items.nth(last).click();
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(`x-a${last}`);
    expect(await page.evaluate(() => {
      const rect = document.activeElement!.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= window.innerHeight;
    })).toBe(true);

    // The matrix: its first chunk of rows when shown, more each time its own scroll box is scrolled to the end, down to the last task.
    await page.click('.to-matrix');
    const rows = page.locator('#matrix tbody tr:not(.more)');
    await expect.poll(() => rows.count(), BIG_PATIENCE).toBe(200);
    const scrollMatrixToEnd = () =>
      page.evaluate(() => {
        const scroller = document.querySelector('#matrix .scroll')!;
        scroller.scrollTop = scroller.scrollHeight;
      });
    await scrollMatrixToEnd();
    await expect.poll(() => rows.count(), BIG_PATIENCE).toBeGreaterThan(200);
    // Scrolled again at each look, as a reader would: each look may find a new chunk to scroll past.
    const taskRows = page.locator('#matrix tbody th a[data-go^="x-k"]');
    await expect
      .poll(async () => {
        await scrollMatrixToEnd();
        return taskRows.count();
      }, BIG_PATIENCE)
      .toBe(big.tasks.length);
    await expect.poll(() => page.locator('#matrix tbody tr.more').count(), BIG_PATIENCE).toBe(0);
    expect(await taskRows.last().getAttribute('data-go')).toBe(`x-k${big.tasks.length - 1}`);
  });
});
