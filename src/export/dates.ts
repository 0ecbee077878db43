import type { Deadline, PlanDocument, Recurrence } from '../schema/document.js';

/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), done in UTC so that the
 * machine's time zone never moves a deadline by a day.
 */

const DAY_MS = 86_400_000;

const utc = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date): string => date.toISOString().slice(0, 10);

/** The date as an Excel or JavaScript value: midnight UTC of that day. */
export const dateValue = utc;

export const addDays = (date: string, days: number): string => iso(new Date(utc(date).getTime() + days * DAY_MS));

/** dd/mm/yyyy, as Vietnamese documents print dates. */
export const vietnameseDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The last day of a month (1-12) of a year. */
const monthEnd = (year: number, month: number): string => iso(new Date(Date.UTC(year, month, 0)));

/** Today on the machine's calendar, as the person at it would read it. */
export function localToday(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The days a plan runs: from its issue date (else the first day of its
 * period or year) to the last day of its period or year (else of the year it
 * was issued). Null when the plan names neither a date nor a year.
 */
export function planSpan(document: PlanDocument): { start: string; end: string } | null {
  const { issuedDate, planPeriod, planYear } = document.metadata;
  const firstYear = planPeriod?.start ?? planYear;
  const lastYear = planPeriod?.end ?? planYear ?? (issuedDate ? Number(issuedDate.slice(0, 4)) : null);
  const start = issuedDate ?? (firstYear !== null ? `${firstYear}-01-01` : null);
  if (start === null || lastYear === null) return null;
  const end = `${lastYear}-12-31`;
  return start <= end ? { start, end } : null;
}

/** How an iCalendar RRULE repeats one frequency. */
export interface RepeatRule {
  freq: 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  /** Each occurrence on the last day of its month (BYMONTHDAY=-1). */
  lastDayOfMonth: boolean;
}

/** One frequency of a recurring deadline laid on the plan's days. */
export interface Series {
  recurrence: Recurrence;
  rule: RepeatRule;
  /** Every occurrence, in order; the first is the series' start. */
  dates: string[];
}

/** Months that close each period: a quarterly report falls due at each quarter's last day. */
const PERIOD_MONTHS: Record<Exclude<Recurrence, 'weekly'>, { months: number; rule: RepeatRule }> = {
  monthly: { months: 1, rule: { freq: 'MONTHLY', interval: 1, lastDayOfMonth: true } },
  quarterly: { months: 3, rule: { freq: 'MONTHLY', interval: 3, lastDayOfMonth: true } },
  semiannual: { months: 6, rule: { freq: 'MONTHLY', interval: 6, lastDayOfMonth: true } },
  annual: { months: 12, rule: { freq: 'YEARLY', interval: 1, lastDayOfMonth: false } },
};

/**
 * The occurrences of a recurring deadline within the plan's days, one series
 * per frequency it names ("định kỳ 6 tháng, hằng năm" is two). A periodic
 * duty falls due at the close of each period (the last day of the month,
 * quarter, half-year or year) from the first that closes on or after the
 * plan's start; a weekly one on the plan's start day each week. Empty when the
 * deadline names no frequency or the plan no days.
 */
export function seriesOf(deadline: Deadline, span: { start: string; end: string } | null): Series[] {
  if (deadline.kind !== 'recurring' || !deadline.recurrence || span === null) return [];
  const series: Series[] = [];
  for (const recurrence of deadline.recurrence) {
    const dates: string[] = [];
    if (recurrence === 'weekly') {
      for (let date = span.start; date <= span.end; date = addDays(date, 7)) dates.push(date);
      series.push({ recurrence, rule: { freq: 'WEEKLY', interval: 1, lastDayOfMonth: false }, dates });
      continue;
    }
    const { months, rule } = PERIOD_MONTHS[recurrence];
    for (let year = Number(span.start.slice(0, 4)); year <= Number(span.end.slice(0, 4)); year++) {
      for (let month = months; month <= 12; month += months) {
        const date = monthEnd(year, month);
        if (date >= span.start && date <= span.end) dates.push(date);
      }
    }
    if (dates.length > 0) series.push({ recurrence, rule, dates });
  }
  return series;
}

/** The day a dated deadline falls due: its date, else the end of its range, else its start. */
export const dueDate = (deadline: Deadline): string | null => deadline.date ?? deadline.end ?? deadline.start;
