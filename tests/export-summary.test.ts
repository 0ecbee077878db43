// `parse --format summary`: the text on real plans with a fixed today, and the CLI options around the exports.
import ExcelJS from 'exceljs';
import { execFile, type ExecFileException } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nearestDeadlines, summary } from '../src/export/summary.js';
import type { PlanDocument } from '../src/index.js';
import { fixtures, plan, scratchDir } from './helpers/export-fixtures.js';

const section = (text: string, heading: string): string[] => {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start + 1, end);
};

describe('the summary of chuyen-doi-so-2025', () => {
  let document: PlanDocument;
  let text: string;

  beforeAll(async () => {
    document = await plan('chuyen-doi-so-2025.txt');
    text = summary(document, { today: '2025-06-01' });
  });

  it('opens with the type, number, issuer, date and subject', () => {
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Loại văn bản: Kế hoạch (KH)',
      'Số: 45/KH-UBND',
      'Cơ quan ban hành: ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH',
      'Ngày ban hành: 08/04/2025, tại Hòa Bình',
      'Trích yếu: Chuyển đổi số tỉnh Hòa Bình năm 2025',
    ]);
  });

  it('counts every entity type', () => {
    const counts = section(text, 'Số lượng:');
    expect(counts).toContain(`  Chỉ tiêu: ${document.targets.length}`);
    expect(counts).toContain(`  Văn bản dẫn chiếu: ${document.legalReferences.length}`);
    expect(counts).toContain(`  Phân công: ${document.assignments.length}`);
    expect(counts).toContain(`  Nhiệm vụ: ${document.tasks.length}`);
    const recurring = document.deadlines.filter((d) => d.kind === 'recurring').length;
    expect(counts.find((l) => l.startsWith('  Thời hạn: '))).toMatch(new RegExp(`^  Thời hạn: ${document.deadlines.length} \\(có ngày: \\d+, định kỳ: ${recurring}, `));
    expect(document.legalReferences.length).toBe(10);
  });

  it('lists the five deadlines nearest after today, soonest first', () => {
    const lines = section(text, 'Thời hạn gần nhất');
    expect(text).toContain('Thời hạn gần nhất (từ ngày 01/06/2025):');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^ {2}10\/06\/2025 {2}trước ngày 10\/6\/2025/);
    // Then the end of June: the data warehouse, and the monthly and quarterly reports falling due that day.
    expect(lines.slice(1).every((l) => l.startsWith('  30/06/2025  '))).toBe(true);
    expect(lines.some((l) => l.includes('Hoàn thành xây dựng Kho dữ liệu dùng chung của tỉnh'))).toBe(true);
  });

  it('lists the latest deadlines when none lies ahead of today', () => {
    const { ahead, items } = nearestDeadlines(document, '2027-01-01');
    expect(ahead).toBe(false);
    expect(items[0]!.deadline.text).toBe('trước ngày 31/3/2026');
    expect(summary(document, { today: '2027-01-01' })).toContain('Thời hạn gần nhất (đã qua trước ngày 01/01/2027):');
  });

  it('keeps a range current until its last day', () => {
    const { items } = nearestDeadlines(document, '2025-10-15', 20);
    expect(items.map((i) => i.label)).toContain('01/06/2025–31/10/2025');
  });

  it('groups the targets by direction, with their figures', () => {
    const lines = section(text, 'Chỉ tiêu theo xu hướng:');
    const decreasing = document.targets.filter((t) => t.direction === 'decrease');
    expect(lines).toContain(`  Giảm (${decreasing.length}):`);
    expect(lines).toContain('    - chi phí tuân thủ thủ tục hành chính: 20%');
    const reaching = document.targets.filter((t) => t.direction === 'reach').length;
    expect(lines).toContain(`  Đạt (${reaching}):`);
    expect(lines).toContain(`    … và ${reaching - 5} chỉ tiêu khác`);
    // Figures as Vietnamese prints them: a decimal comma ("tăng 1,2 lần").
    expect(lines).toContain(`  Tăng (${document.targets.filter((t) => t.direction === 'increase').length}):`);
    expect(lines.some((l) => l.endsWith(': 1,2 lần'))).toBe(true);
  });

  it('is the same text for the same day', () => {
    expect(summary(document, { today: '2025-06-01' })).toBe(text);
  });
});

describe('kehoach parse with export options', () => {
  const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [cli, 'parse', ...args], { maxBuffer: 1 << 24 }, (error: ExecFileException | null, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout: String(stdout), stderr: String(stderr) });
      });
    });

  it('prints the summary and writes the workbook and the calendar', async () => {
    const dir = scratchDir('parse-exports');
    const result = await run([join(fixtures, 'chuyen-doi-so-2025.txt'), '--format', 'summary', '--today', '2025-06-01', '--xlsx', join(dir, 'p.xlsx'), '--ics', join(dir, 'p.ics')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Số: 45/KH-UBND');
    expect(result.stdout).toContain('  10/06/2025  trước ngày 10/6/2025');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'p.xlsx'));
    expect(workbook.getWorksheet('documents')!.getRow(2).getCell('F').value).toBe('45/KH-UBND');
    expect(readFileSync(join(dir, 'p.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*X-WR-CALNAME:45\/KH-UBND\r\n[\s\S]*END:VCALENDAR\r\n$/);
  });

  it('still prints JSON by default', async () => {
    const result = await run([join(fixtures, 'hue-2026.txt'), '--compact']);
    expect(JSON.parse(result.stdout).metadata.title).toBe('Thực hiện công tác phòng, chống tội phạm năm 2026');
  });

  it('rejects an unknown format, a bad date and an unwritable file', async () => {
    const plan = join(fixtures, 'hue-2026.txt');
    expect(await run([plan, '--format', 'xml'])).toMatchObject({ code: 1, stderr: expect.stringContaining('expected one of json, summary') });
    expect(await run([plan, '--format', 'summary', '--today', '2025-02-31'])).toMatchObject({ code: 1, stderr: expect.stringContaining('YYYY-MM-DD') });
    const file = join(scratchDir('parse-bad'), 'no', 'p.xlsx');
    expect(await run([plan, '--xlsx', file])).toMatchObject({ code: 12, stdout: '', stderr: `kehoach: OUTPUT_NOT_WRITABLE: ${file}: cannot be written: its folder does not exist or was removed (ENOENT)\n` });
  });
});
