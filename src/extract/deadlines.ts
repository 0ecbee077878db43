import type { Recurrence, Span } from '../schema/document.js';
import type { BodyParagraph } from '../tree.js';
import { overlapsAny, SpanIndex, type ExtractionContext, type ExtractionWarning, type Deadline } from './context.js';
import { deadlineContextOfColumn } from '../lexicon/columns.js';
import { BY, BY_WORD, COMPLETION_BEFORE, COMPLETION_CLAUSE, EVENT, EVENT_WORD, ON, ONGOING, ONGOING_WORDS, PERIOD_START, RANGE, RANGE_JOINER, hasRangeJoinerAfterWord, RECURRING, TIME_LABEL, TIME_OF_DAY_BEFORE, WITHIN, readPeriod, recurrenceOf, withYear, type DefaultYear, type Period } from '../lexicon/dates.js';
import { withPlanLetters } from '../text/letters.js';
import { allMatches } from '../text/matches.js';

export { readPeriod };

/**
 * Deadlines (domain-notes §4): "trước ngày 25/3/2026", "từ 01/7/2026 đến
 * 30/9/2026", "tháng 7 đến tháng 9/2026", "quý I/2024", "Thời gian thực
 * hiện: Thường xuyên", "Định kỳ hằng quý, 06 tháng, 01 năm". Dates inside
 * legal references, commemoration days and periods in names are left alone,
 * because every deadline here must be introduced by its own grammar.
 */

interface Found {
  kind: Deadline['kind'];
  start: number;
  end: number;
  date: string | null;
  startDate: string | null;
  endDate: string | null;
  recurrence: Recurrence[] | null;
}

/** Reads "X đến (hết) Y" or a single expression at `position`. */
function readRangeAt(text: string, position: number, planYear: DefaultYear): { period: Period; end: number; isRange: boolean } | null {
  const first = readPeriod(text.slice(position), planYear);
  if (!first) return null;
  let end = position + first.length;
  const joiner = text.slice(end).match(/^\s*(?:đến|tới|-|–)\s+(?:hết\s+)?/iu);
  if (joiner) {
    const secondText = text.slice(end + joiner[0].length);
    const second = readPeriod(secondText, planYear);
    if (second) {
      const firstText = text.slice(position, position + first.length);
      // "tháng 7 đến tháng 9/2026": the year printed last applies to both.
      let start = second.hasYear ? withYear(firstText, first, Number(second.end.slice(0, 4))) : first;
      // "từ tháng 10 đến tháng 3/2026": a start that would fall after the end lies in the year before.
      if (second.hasYear && !first.hasYear && start.start > second.end) start = withYear(firstText, first, Number(second.end.slice(0, 4)) - 1);
      end += joiner[0].length + second.length;
      if (start.start <= second.end) return { period: { start: start.start, end: second.end, hasYear: start.hasYear || second.hasYear }, end, isRange: true };
    }
  }
  return { period: first, end, isRange: false };
}

// One constructor per kind: which date fields a kind fills is decided here only.
const onDeadline = (start: number, end: number, date: string): Found => ({ kind: 'on', start, end, date, startDate: null, endDate: null, recurrence: null });
const byDeadline = (start: number, end: number, date: string): Found => ({ kind: 'by', start, end, date, startDate: null, endDate: null, recurrence: null });
const rangeDeadline = (start: number, end: number, from: string, to: string | null): Found => ({ kind: 'range', start, end, date: null, startDate: from, endDate: to, recurrence: null });

/** What any date expression of `readPeriod` contains. */
const MAY_HOLD_PERIOD = /\d|quý|sáu\s+tháng/iu;

/** "Năm 2026 và các năm tiếp theo": from the period on, with no end. */
const AND_THE_YEARS_AFTER = /^\s*và\s+(?:các|những)\s+năm\s+(?:tiếp theo|sau(?:\s+đó)?)/iu;

/**
 * A period that answers "when" by itself (a time cell, a "Thời gian …:"
 * label), read by its context (output contract, "Periods as deadlines"):
 * completion → `by` its last day; otherwise a single day → `on`, a longer
 * period → `range`.
 */
function periodAsDeadline(start: number, end: number, period: Period, context: 'completion' | 'execution' | 'none', after = ''): Found {
  const openEnded = after.match(AND_THE_YEARS_AFTER);
  if (openEnded) return rangeDeadline(start, end + openEnded[0].length, period.start, null);
  if (context === 'completion') return byDeadline(start, end, period.end);
  if (period.start === period.end) return onDeadline(start, end, period.start);
  return rangeDeadline(start, end, period.start, period.end);
}

function findInParagraph(paragraph: BodyParagraph, planYear: DefaultYear, headerDate: string | null = null): Found[] {
  const text = paragraph.text;
  const found: Found[] = [];
  const taken: Span[] = [];
  const add = (f: Found): void => {
    if (overlapsAny(f, taken)) return;
    taken.push({ start: f.start, end: f.end });
    found.push(f);
  };
  const addOn = (start: number, end: number, date: string): void => add(onDeadline(start, end, date));
  const addBy = (start: number, end: number, date: string): void => add(byDeadline(start, end, date));
  const addRange = (start: number, end: number, period: Period): void => add(rangeDeadline(start, end, period.start, period.end));

  // "Thời gian thực hiện: …" labels first: their value is a deadline whatever its form.
  for (const m of allMatches(TIME_LABEL, text)) {
    const valueStart = m.index! + m[0].length;
    const value = text.slice(valueStart);
    const ongoing = value.match(ONGOING);
    if (ongoing) {
      add({ kind: 'ongoing', start: m.index!, end: valueStart + ongoing[0].length, date: null, startDate: null, endDate: null, recurrence: null });
      continue;
    }
    // "Thời gian thực hiện: Hằng tháng": the label's value is the recurrence.
    const every = value.match(/^(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm)(?![\p{L}])/iu);
    const recurrence = every ? recurrenceOf(every[0], false) : [];
    if (recurrence.length > 0) {
      add({ kind: 'recurring', start: m.index!, end: valueStart + every![0].length, date: null, startDate: null, endDate: null, recurrence });
      continue;
    }
    const lead = value.match(/^(?:từ\s+|trong\s+)?/iu)![0].length;
    const range = readRangeAt(text, valueStart + lead, planYear);
    // Read as a time column of the same title would be: "Thời gian hoàn thành: Quý II/2025" is due by the quarter's end.
    if (range) add(periodAsDeadline(m.index!, range.end, range.period, range.isRange ? 'none' : deadlineContextOfColumn(m[0]), text.slice(range.end)));
  }

  // Every date expression holds a digit, a quarter or "sáu tháng": without any, only labels, recurrence and "thường xuyên" remain.
  const dated = MAY_HOLD_PERIOD.test(text);
  // "từ 01/7/2026 đến 30/9/2026", "tháng 7 đến tháng 9/2026": only ranges with both ends are deadlines here,
  // read before "đến hết …" so that the closing half of a range is not taken alone.
  // No joiner after a word anywhere ("… đến", "… - "): no range in this paragraph.
  for (const m of dated && hasRangeJoinerAfterWord(text) ? allMatches(RANGE, text) : []) {
    const at = m.index! + m[0].length;
    if (m[0].trim() === '' && /[\p{L}\d]/u.test(text[m.index! - 1] ?? '')) continue;
    // The joiner follows the first date within a few words ("ngày 01 tháng 7 năm 2026 đến"); without one, no range starts here.
    if (!RANGE_JOINER.test(text.slice(at, at + 48))) continue;
    const range = readRangeAt(text, at, planYear);
    if (!range || !range.isRange) continue;
    // A span of whole years is a period in a name ("giai đoạn 2026 - 2030"), not a deadline.
    if (/^năm/iu.test(text.slice(at)) || /giai đoạn|nhiệm kỳ/iu.test(text.slice(Math.max(0, m.index! - 15), m.index!))) continue;
    // An anniversary ("(30/4/1975 - 30/4/2025)": the same day and month years apart), or a span over before the plan was issued.
    const { start: from, end: to } = range.period;
    if (from.slice(5) === to.slice(5) && from.slice(0, 4) !== to.slice(0, 4)) continue;
    if (headerDate && to < headerDate && Number(from.slice(0, 4)) < Number(headerDate.slice(0, 4))) continue;
    addRange(m.index!, range.end, range.period);
  }
  for (const m of dated && BY_WORD.test(text) ? allMatches(BY, text) : []) {
    const at = m.index! + m[0].length;
    const range = readRangeAt(text, at, planYear);
    if (range) addBy(m.index!, range.end, range.period.end);
  }
  for (const m of dated ? allMatches(WITHIN, text) : []) {
    // The clause only: from its last boundary, so that a long paragraph is not read again for every period.
    const clause = text.slice(Math.max(0, text.lastIndexOf(';', m.index!), text.lastIndexOf('.', m.index!), text.lastIndexOf(':', m.index!), text.lastIndexOf('\n', m.index!)), m.index!);
    const completion = COMPLETION_BEFORE.test(clause) || COMPLETION_CLAUSE.test(clause);
    // "trong tháng 6/2026 và tháng 12/2026": every period of the list.
    for (let at = m.index! + m[0].length, start = m.index!; ; ) {
      const range = readRangeAt(text, at, planYear);
      if (!range) break;
      // "hoàn thành trong Quý III/2025": completion within a period is due by its last day.
      if (completion) addBy(start, range.end, range.period.end);
      else addRange(start, range.end, range.period);
      const next = text.slice(range.end).match(/^\s*(?:,|và)\s*(?=(?:tháng|quý)\s+[\dIV])/iu);
      if (!next) break;
      at = start = range.end + next[0].length;
    }
  }
  for (const m of dated && EVENT_WORD.test(text) ? allMatches(EVENT, text) : []) {
    const range = readRangeAt(text, m.index! + m[0].length, planYear);
    // A programme's dates lie ahead; a past one is a report of what happened.
    if (range && !range.isRange && range.period.start === range.period.end && (!headerDate || range.period.start >= headerDate)) addOn(m.index!, range.end, range.period.start);
  }
  for (const m of dated ? allMatches(ON, text) : []) {
    const range = readRangeAt(text, m.index! + m[0].length, planYear);
    if (!range) continue;
    const isYear = /^năm/iu.test(text.slice(m.index! + m[0].length));
    if (isYear) addBy(m.index!, range.end, range.period.end);
    else if (range.isRange) addRange(m.index!, range.end, range.period);
    else addOn(m.index!, range.end, range.period.start);
  }
  for (const m of allMatches(RECURRING, text)) {
    const periodic = m[0].toLowerCase() === 'định kỳ';
    const after = text.slice(m.index! + m[0].length);
    // The periods listed right after "Định kỳ" ("hằng quý I, 06 tháng, 01 năm"), or, when none, those the sentence names.
    const list = after.match(/^[\s,]*(?:\*+)?(?:(?:hằng|hàng|trước ngày \d{1,2}|vào)\s+)?(?:(?:quý\s+(?:IV|I{1,3}|[1-4])|quý|(?:0?\d{1,2}|sáu|một)\s+(?:tháng|năm)|tháng|năm|tuần)(?:\s+(?:đầu|cuối)\s+năm)?(?:[\s,;*]|và(?![\p{L}]))*(?:\([^()]{0,60}\)(?:[\s,;*]|và(?![\p{L}]))*)?)+/iu);
    // "hằng/hàng" alone is a recurrence only before a period word, and not inside an "Định kỳ hằng …" already read.
    if (!periodic && (!list?.[0].trim() || !/^\s*(?:quý|tháng|năm|tuần)/iu.test(after) || /định kỳ\s*$/iu.test(text.slice(0, m.index!)))) continue;
    const end = m.index! + m[0].length + (list ? list[0].replace(/(?:[\s,;*]|và)+$/u, '').length : 0);
    let recurrence = recurrenceOf(text.slice(m.index!, end), true);
    if (recurrence.length === 0 && periodic) {
      const sentence = after.split(/\.\s|\.$/)[0] ?? '';
      recurrence = recurrenceOf(sentence.replace(/năm\s+\d{4}/g, ''), false);
    }
    // "Báo cáo định kỳ 6 tháng (trước ngày 10/6/2025) và năm (…)": the recurrence stands beside the dates it encloses.
    const recurring: Found = { kind: 'recurring', start: m.index!, end, date: null, startDate: null, endDate: null, recurrence };
    if (!overlapsAny(recurring, found.filter((f) => f.kind === 'recurring'))) found.push(recurring);
  }
  return found;
}


/**
 * The deadlines of a table's time cell ("Thời gian hoàn thành", "Thời gian
 * thực hiện", "Thời gian" of a schedule). The cell answers "when" by itself,
 * so a bare period is a deadline, read by the column's context (output
 * contract, "Periods as deadlines"): completion → `by` its last day;
 * execution or no context → a `range`; a single day → `on`, or `by` in a
 * completion column. Cue words ("Trước …", "Từ … đến …") decide first.
 */
function findInTimeCell(paragraph: BodyParagraph, planYear: DefaultYear, headerDate: string | null): Found[] {
  const cued = findInParagraph(paragraph, planYear, headerDate);
  if (cued.length > 0) return cued;
  const text = paragraph.text;
  // The cell answers "when": "Thường xuyên", "Thực hiện thường xuyên, liên tục".
  const ongoing = text.match(ONGOING_WORDS);
  if (ongoing && ongoing.index! < 20) return [{ kind: 'ongoing', start: ongoing.index!, end: ongoing.index! + ongoing[0].length, date: null, startDate: null, endDate: null, recurrence: null }];
  const context = deadlineContextOfColumn(paragraph.cell!.header);
  const found: Found[] = [];
  let from = 0;
  for (const m of allMatches(PERIOD_START, text)) {
    if (m.index! < from) continue;
    const range = readRangeAt(text, m.index!, planYear);
    if (!range) continue;
    const time = text.slice(from, m.index!).match(TIME_OF_DAY_BEFORE);
    const start = time ? m.index! - time[0].length : m.index!;
    found.push(periodAsDeadline(start, range.end, range.period, context, text.slice(range.end)));
    from = range.end;
  }
  return found;
}

/** A day's date: "29/4/2025", "ngày 03/5/2025", "ngày 2 tháng 5 năm 2025". Quarters, months and years are left alone. */
const DAY_DATE = withPlanLetters(/(?<![\d/.])(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{4})?(?![\d/])|(?<![\p{L}])ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?/giu);

/**
 * A cell spanning a row of a table with a time column, because the reader could not split the row
 * (plain text that printed the row's cells line by line, interleaved). The time column's words are in
 * there, in order but with other columns' words between them: "06 giờ 00 ngày Giải Việt dã … 29/4/2025",
 * "Từ ngày 29/4 đến Công viên … ngày 03/5/2025". Cued deadlines are read first; then each day's date
 * still ahead of the issue date is read as the time column would read it, and a "Từ <date> đến" left
 * open is closed by the next date. Quarters, months and years are not read here: in a topic's words
 * ("mở rộng năm 2025") they are no schedule.
 */
function findInSpanningCell(paragraph: BodyParagraph, planYear: DefaultYear, headerDate: string | null): Found[] {
  const found = findInParagraph(paragraph, planYear, headerDate);
  const text = paragraph.text;
  const context = deadlineContextOfColumn(paragraph.cell!.timeHeader);
  const dates: Array<{ start: number; end: number; period: Period }> = [];
  for (const m of allMatches(DAY_DATE, text)) {
    const period = readPeriod(m[0], planYear);
    if (!period || period.length !== m[0].length || (headerDate && period.start < headerDate)) continue;
    if (overlapsAny({ start: m.index!, end: m.index! + m[0].length }, found)) continue;
    dates.push({ start: m.index!, end: m.index! + m[0].length, period });
  }
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i]!;
    const next = dates[i + 1];
    const opensRange = /(?<![\p{L}])từ\s+$/iu.test(text.slice(0, date.start)) && /^\s*(?:đến|tới|[-–])\s/u.test(text.slice(date.end));
    if (opensRange && next && next.period.start >= date.period.start) {
      found.push(periodAsDeadline(date.start, next.end, { start: date.period.start, end: next.period.end, hasYear: next.period.hasYear }, context === 'completion' ? 'completion' : 'none'));
      i++;
    } else found.push(periodAsDeadline(date.start, date.end, date.period, context));
  }
  return found;
}

/** The clause the deadline closes: the words before it back to the previous clause boundary. */
function subjectOf(text: string, start: number): string | null {
  const before = text.slice(0, start);
  const boundary = Math.max(before.lastIndexOf('; '), before.lastIndexOf('. '), before.lastIndexOf('('), before.lastIndexOf(': '));
  const subject = before
    .slice(boundary + 1)
    .replace(/^[\s(:;.]+|[\s(,;:]+$/g, '')
    .replace(/^[-+•–]\s*/u, '')
    .trim();
  if (subject.length < 3) return null;
  return subject.length > 240 ? subject.slice(subject.length - 240).replace(/^\S*\s/, '') : subject;
}

/** The deadline extractor: every occurrence, in document order. */
export function extractDeadlines(context: ExtractionContext, citedSpans: Span[], warnings: ExtractionWarning[]): Deadline[] {
  const deadlines: Deadline[] = [];
  const cited = new SpanIndex(citedSpans);
  for (const paragraph of context.paragraphs) {
    const local = cited.overlapping(paragraph.start, paragraph.end).map((s) => ({ start: s.start - paragraph.start, end: s.end - paragraph.start }));
    // Column titles are not deadlines; a time cell is read as the answer to "when".
    if (paragraph.cell?.inHeader) continue;
    const read = paragraph.cell?.role === 'deadline' ? findInTimeCell : paragraph.cell?.spansRow && paragraph.cell.timeHeader !== '' ? findInSpanningCell : findInParagraph;
    const found = read(paragraph, context.planYear, context.headerDate)
      .filter((f) => !overlapsAny(f, local))
      .sort((a, b) => a.start - b.start);
    for (const f of found) {
      const date = f.date ?? f.startDate;
      if (date && context.headerDate && date < context.headerDate) {
        warnings.push({ code: 'DEADLINE_BEFORE_ISSUE_DATE', message: `Deadline "${paragraph.text.slice(f.start, f.end)}" falls before the issue date ${context.headerDate}.` });
      }
      deadlines.push({
        id: `d-${deadlines.length + 1}`,
        sectionPath: paragraph.sectionPath,
        sectionId: paragraph.section?.id ?? null,
        text: paragraph.text.slice(f.start, f.end).replace(/\*+/g, '').trim(),
        kind: f.kind,
        date: f.date,
        start: f.startDate,
        end: f.endDate,
        recurrence: f.kind === 'recurring' ? f.recurrence : null,
        subject: subjectOf(paragraph.text, f.start),
        span: { start: paragraph.start + f.start, end: paragraph.start + f.end },
        page: paragraph.page,
      });
    }
  }
  return deadlines;
}
