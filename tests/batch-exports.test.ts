// `kehoach batch --xlsx --ics`: the workbook and the calendar of a whole archive, read back by independent readers.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../src/index.js';
import { datedDeadlines, fixtures, scratchDir } from './helpers/export-fixtures.js';

const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const run = promisify(execFile);

describe('batch --xlsx --ics --report over three plans', () => {
  const root = scratchDir('batch-exports');
  const input = join(root, 'in');
  const out = join(root, 'out');
  let documents: PlanDocument[];

  beforeAll(async () => {
    mkdirSync(input);
    for (const name of ['hue-2026.txt', 'chuyen-doi-so-2025.pdf', 'le-hoi-du-lich.docx']) cpSync(join(fixtures, name), join(input, name));
    await run(process.execPath, [cli, 'batch', input, '--out', out, '--jobs', '2', '--xlsx', '--ics', '--report'], { maxBuffer: 1 << 24 });
    documents = readFileSync(join(out, 'documents.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as PlanDocument);
  }, 180_000);

  it('writes a calendar with one dated event per dated deadline of every plan', () => {
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(out, 'deadlines.ics'), 'utf8')));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const single = events.filter((event) => !event.isRecurring());
    expect(documents).toHaveLength(3);
    expect(single).toHaveLength(documents.reduce((sum, d) => sum + datedDeadlines(d).length, 0));
    // Every plan's events are there: the schedule's opening night of the festival plan among them.
    expect(single.some((event) => event.startDate.toString() === '2025-04-30' && /19 giờ 30/.test(event.summary))).toBe(true);
  });

  it('writes a workbook whose task sheet holds every task of every plan', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'plans.xlsx'));
    const tasks = workbook.worksheets.find((sheet) => /task|nhiệm vụ/i.test(sheet.name))!;
    expect(tasks.actualRowCount - 1).toBe(documents.reduce((sum, d) => sum + d.tasks.length, 0));
    const deadlines = workbook.worksheets.find((sheet) => sheet.name === 'deadlines')!;
    expect(deadlines.actualRowCount - 1).toBe(documents.reduce((sum, d) => sum + d.deadlines.length, 0));
  });

  it('writes the archive report, a self-contained page', () => {
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain('Content-Security-Policy');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/i);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes none of these files unless asked', async () => {
    const plain = join(root, 'plain');
    await run(process.execPath, [cli, 'batch', input, '--out', plain], { maxBuffer: 1 << 24 });
    expect(existsSync(join(plain, 'deadlines.ics'))).toBe(false);
    expect(existsSync(join(plain, 'plans.xlsx'))).toBe(false);
    expect(existsSync(join(plain, 'report.html'))).toBe(false);
  });
});
