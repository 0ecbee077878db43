// The calendar export on real plans, read back by an independent iCalendar parser (ical.js).
import ICAL from 'ical.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarEvents, calendarText, writeCalendar } from '../src/export/ics.js';
import type { PlanDocument } from '../src/index.js';
import { datedDeadlines, plan, scratchDir } from './helpers/export-fixtures.js';

interface ReadEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
  recurring: boolean;
  /** Every occurrence's day (one for a single event). */
  days: string[];
}

/** Parses iCalendar text as a calendar program would, expanding repeating events. */
function readCalendar(text: string): ReadEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const days: string[] = [];
    const occurrences = event.iterator();
    for (let next = occurrences.next(); next && days.length < 1000; next = occurrences.next()) days.push(next.toString());
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      recurring: event.isRecurring(),
      days,
    };
  });
}

describe('the calendar of chuyen-doi-so-2025', () => {
  let document: PlanDocument;
  let events: ReadEvent[];

  beforeAll(async () => {
    document = await plan('chuyen-doi-so-2025.txt');
    const file = join(scratchDir('ics'), 'plan.ics');
    await writeCalendar([document], file, { stamp: new Date('2025-04-10T00:00:00Z') });
    events = readCalendar(readFileSync(file, 'utf8'));
  });

  it('has one all-day event per dated deadline, on its dates', () => {
    const single = events.filter((e) => !e.recurring);
    expect(single).toHaveLength(datedDeadlines(document).length);
    expect(single.length).toBeGreaterThan(15);
    expect(events.every((e) => e.allDay)).toBe(true);
    for (const deadline of datedDeadlines(document)) {
      const event = single.find((e) => e.uid.includes(`-${deadline.id}-`))!;
      expect(event.start).toBe(deadline.date ?? deadline.start);
    }
  });

  it('names the plan and the deadline, and describes the task, its section and its agencies', () => {
    const training = events.find((e) => e.description.includes('Bồi dưỡng kiến thức, kỹ năng số cho tối thiểu 400 học viên'))!;
    expect(training.summary).toMatch(/^45\/KH-UBND: (hoàn thành )?trong Quý III\/2025 — Bồi dưỡng kiến thức/);
    expect(training.start).toBe('2025-09-30');
    expect(training.end).toBe('2025-10-01');
    const lines = training.description.split('\n');
    expect(lines).toContain('Kế hoạch: 45/KH-UBND — Chuyển đổi số tỉnh Hòa Bình năm 2025');
    expect(lines).toContain('Mục: III/1/1.2');
    expect(lines).toContain('Chủ trì: Sở Nội vụ');
    expect(lines.find((l) => l.startsWith('Phối hợp: '))!.split('; ')).toContain('Phối hợp: Sở Khoa học và Công nghệ');
  });

  it('spans a range from its first day to the day after its last (DTEND is exclusive)', () => {
    const range = events.find((e) => e.summary.startsWith('45/KH-UBND: từ tháng 6 đến tháng 10/2025'))!;
    expect([range.start, range.end]).toEqual(['2025-06-01', '2025-11-01']);
  });

  it('repeats a recurring deadline at the close of each period until the end of the plan year', () => {
    const recurring = events.filter((e) => e.recurring);
    const expected = document.deadlines.filter((d) => d.kind === 'recurring').reduce((n, d) => n + (d.recurrence?.length ?? 0), 0);
    expect(recurring).toHaveLength(expected);
    const quarterly = recurring.find((e) => e.summary.startsWith('45/KH-UBND: hằng quý'))!;
    // Issued 08/04/2025: the first quarter to close after it is Q2.
    expect(quarterly.days).toEqual(['2025-06-30', '2025-09-30', '2025-12-31']);
    const monthly = recurring.find((e) => e.summary.startsWith('45/KH-UBND: định kỳ hằng tháng'))!;
    expect(monthly.days).toEqual(['2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31']);
  });

  it('gives every event a distinct UID that does not change from one run to the next', () => {
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.every((uid) => uid.startsWith(document.source.sha256.slice(0, 16)))).toBe(true);
    const again = readCalendar(calendarText([document], { stamp: new Date('2026-01-01T00:00:00Z') })).map((e) => e.uid);
    expect(again).toEqual(uids);
  });
});

describe('the calendar of hue-2026 (no issue date: the plan year bounds recurring events)', () => {
  it('repeats "định kỳ 6 tháng, hằng năm" as two events in 2026 and skips "định kỳ" with no period', async () => {
    const document = await plan('hue-2026.txt');
    const events = readCalendar(calendarText([document]));
    expect(events.filter((e) => !e.recurring)).toHaveLength(datedDeadlines(document).length);
    const recurring = events.filter((e) => e.recurring).map((e) => e.days);
    expect(recurring).toEqual([['2026-06-30', '2026-12-31'], ['2026-12-31']]);
    expect(calendarEvents(document).every((e) => e.summary.startsWith('hue-2026.txt: '))).toBe(true);
  });
});

describe('the calendar writer', () => {
  it('reports a folder that does not exist as OUTPUT_NOT_WRITABLE and leaves nothing behind', async () => {
    const dir = scratchDir('ics-bad');
    const file = join(dir, 'missing', 'plan.ics');
    await expect(writeCalendar([await plan('hue-2026.txt')], file)).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE', file });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes a valid empty calendar for no documents', () => {
    const text = calendarText([]);
    expect(readCalendar(text)).toEqual([]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
