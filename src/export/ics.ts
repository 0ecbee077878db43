import ical, { ICalCalendarMethod, ICalEventRepeatingFreq, foldLines, type ICalCalendar } from 'ical-generator';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { AssignmentRole, Deadline, PlanDocument, Task } from '../schema/document.js';
import { addDays, planSpan, seriesOf, type RepeatRule } from './dates.js';
import { exportWriteError } from './output-error.js';
import { dueWork, planLabel, shorten, tasksByDeadline } from './wording.js';
import { drainInto, type DocumentSink } from './sink.js';

/**
 * The calendar export: one all-day event per dated deadline of a plan, and
 * one repeating event per frequency of a recurring one. UIDs are built from
 * the document's sha256, the deadline's id and its date, so importing the
 * calendar of the same file again updates its events instead of adding copies.
 */

/** A calendar event, before iCalendar syntax: dates are ISO days, `end` the day after the last (exclusive). */
export interface CalendarEvent {
  uid: string;
  deadlineId: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  /** How the event repeats (recurring deadlines only), with the number of occurrences. */
  repeat: (RepeatRule & { count: number }) | null;
}

const ROLE_LABELS: Record<AssignmentRole, string> = {
  lead: 'Chủ trì',
  support: 'Phối hợp',
  implement: 'Thực hiện',
  advise: 'Tham mưu',
  monitor: 'Theo dõi, giám sát',
};

/** Who answers for a deadline: the leads and supports of the tasks due by it, then the agencies assigned with it, by role. */
function agenciesOf(document: PlanDocument, deadline: Deadline): Map<AssignmentRole, string[]> {
  const byRole = new Map<AssignmentRole, string[]>();
  const add = (role: AssignmentRole, agency: string): void => {
    const list = byRole.get(role) ?? [];
    if (!list.some((a) => a.toLocaleLowerCase('vi') === agency.toLocaleLowerCase('vi'))) list.push(agency);
    byRole.set(role, list);
  };
  for (const task of document.tasks.filter((t) => t.deadlineId === deadline.id)) {
    task.lead.forEach((agency) => add('lead', agency));
    task.support.forEach((agency) => add('support', agency));
  }
  for (const assignment of document.assignments.filter((a) => a.deadlineId === deadline.id)) add(assignment.role, assignment.agency);
  return byRole;
}

function describe(document: PlanDocument, deadline: Deadline, tasks: Map<string, Task>): string {
  const { metadata } = document;
  const task = tasks.get(deadline.id);
  const lines = [
    `Kế hoạch: ${[metadata.number, metadata.title].filter(Boolean).join(' — ') || document.source.name}`,
    metadata.issuer ? `Cơ quan ban hành: ${metadata.issuer}` : null,
    deadline.sectionPath.length > 0 ? `Mục: ${deadline.sectionPath.join('/')}` : null,
    task ? `Nhiệm vụ: ${task.text}` : deadline.subject ? `Nội dung: ${deadline.subject}` : null,
    `Thời hạn: ${deadline.text}`,
    ...[...agenciesOf(document, deadline)].map(([role, names]) => `${ROLE_LABELS[role]}: ${names.join('; ')}`),
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}

/** "45/KH-UBND: trước ngày 30/6/2025 — Hoàn thành xây dựng Kho dữ liệu…": the plan, the deadline, then what is due (the task due by it, else the clause it closes). */
function summarise(document: PlanDocument, deadline: Deadline, tasks: Map<string, Task>): string {
  const due = dueWork(deadline, tasks);
  return `${planLabel(document)}: ${deadline.text}${due ? ` — ${shorten(due, 80)}` : ''}`;
}

const uid = (document: PlanDocument, deadline: Deadline, date: string, suffix = ''): string => `${document.source.sha256.slice(0, 16)}-${deadline.id}-${date.replaceAll('-', '')}${suffix}@kehoach`;

/**
 * The events of one plan, in deadline order: `by` and `on` on their day,
 * `range` from its start to its end, a range with no end on its start day;
 * `recurring` at the close of each period within the plan's days (see
 * `seriesOf`); `ongoing` deadlines and recurring ones naming no frequency
 * have no day and no event.
 */
export function calendarEvents(document: PlanDocument): CalendarEvent[] {
  const span = planSpan(document);
  const tasks = tasksByDeadline(document);
  const events: CalendarEvent[] = [];
  for (const deadline of document.deadlines) {
    const common = { deadlineId: deadline.id, summary: summarise(document, deadline, tasks), description: describe(document, deadline, tasks) };
    const first = deadline.date ?? deadline.start;
    if (first !== null) {
      const last = deadline.kind === 'range' && deadline.end !== null ? deadline.end : first;
      events.push({ ...common, uid: uid(document, deadline, first), start: first, end: addDays(last, 1), repeat: null });
      continue;
    }
    for (const series of seriesOf(deadline, span)) {
      const start = series.dates[0]!;
      events.push({ ...common, uid: uid(document, deadline, start, `-${series.recurrence}`), start, end: addDays(start, 1), repeat: { ...series.rule, count: series.dates.length } });
    }
  }
  return events;
}

const FREQUENCIES: Record<RepeatRule['freq'], ICalEventRepeatingFreq> = {
  WEEKLY: ICalEventRepeatingFreq.WEEKLY,
  MONTHLY: ICalEventRepeatingFreq.MONTHLY,
  YEARLY: ICalEventRepeatingFreq.YEARLY,
};

export interface CalendarOptions {
  /** The calendar's name (X-WR-CALNAME). */
  name?: string;
  /** DTSTAMP of every event; the time of writing by default. Fixed, it makes the output reproducible. */
  stamp?: Date;
}

/** The iCalendar text of one plan's events (VEVENT blocks, folded, CRLF line ends). */
function eventsText(calendar: ICalCalendar, document: PlanDocument, stamp: Date): string {
  let text = '';
  for (const event of calendarEvents(document)) {
    const created = calendar.createEvent({
      id: event.uid,
      allDay: true,
      start: event.start,
      end: event.end,
      stamp,
      summary: event.summary,
      description: event.description,
      // COUNT rather than UNTIL: with all-day events UNTIL must be a DATE, which the library writes as a date-time.
      repeating: event.repeat
        ? { freq: FREQUENCIES[event.repeat.freq], interval: event.repeat.interval, count: event.repeat.count, ...(event.repeat.lastDayOfMonth ? { byMonthDay: -1 } : {}) }
        : null,
    });
    text += foldLines(created.toString());
  }
  calendar.clear();
  return text;
}

const newCalendar = (options: CalendarOptions): { calendar: ICalCalendar; opening: string } => {
  const calendar = ical({ name: options.name ?? 'kehoach', prodId: { company: 'kehoach', product: 'kehoach', language: 'VI' }, method: ICalCalendarMethod.PUBLISH });
  // The calendar's own opening lines: the events are written after them, one plan at a time.
  return { calendar, opening: calendar.toString().split('END:VCALENDAR')[0]! };
};
const CLOSING = 'END:VCALENDAR\r\n';

export type CalendarWriter = DocumentSink;

/**
 * A calendar file fed one document at a time, so a batch never holds more
 * than one plan's events: `createCalendarWriter('plans.ics')`, `add(document)`
 * for each, then `close()`. The file appears whole at `close()` (written under
 * a temporary name, then renamed); write failures are typed errors
 * (OUTPUT_NOT_WRITABLE, NO_SPACE) naming the file.
 */
export function createCalendarWriter(file: string, options: CalendarOptions = {}): CalendarWriter {
  const { calendar, opening } = newCalendar(options);
  const partial = `${file}.${process.pid}.tmp`;
  const output = createWriteStream(partial);
  let failure: unknown = null;
  // Kept for the next call to throw: an 'error' event with no listener would end the process.
  output.on('error', (error) => (failure ??= error));
  const fail = async (error: unknown): Promise<never> => {
    output.destroy();
    await rm(partial, { force: true });
    throw exportWriteError(error, file);
  };
  const write = async (chunk: string): Promise<void> => {
    if (failure) return fail(failure);
    if (!output.write(chunk)) await once(output, 'drain').catch(fail);
  };
  let opened = false;
  const open = async (): Promise<void> => {
    if (!opened) await write(opening);
    opened = true;
  };
  return {
    async add(document) {
      await open();
      await write(eventsText(calendar, document, options.stamp ?? new Date()));
    },
    async close() {
      await open();
      await write(CLOSING);
      output.end();
      await finished(output).catch(fail);
      if (failure) return fail(failure);
      await rename(partial, file).catch(fail);
    },
    async abort() {
      output.destroy();
      await rm(partial, { force: true });
    },
  };
}

/** Writes the calendar of every document of `documents` (an array, a generator, a stream of parsed plans) to `file`. */
export async function writeCalendar(documents: Iterable<PlanDocument> | AsyncIterable<PlanDocument>, file: string, options: CalendarOptions = {}): Promise<void> {
  await drainInto(documents, createCalendarWriter(file, options));
}

/** The whole calendar of `documents` as one string. */
export function calendarText(documents: Iterable<PlanDocument>, options: CalendarOptions = {}): string {
  const { calendar, opening } = newCalendar(options);
  let text = opening;
  for (const document of documents) text += eventsText(calendar, document, options.stamp ?? new Date());
  return text + CLOSING;
}
