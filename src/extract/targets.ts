import type { Span } from '../schema/document.js';
import type { BodyParagraph } from '../tree.js';
import { BASELINE, COMMITMENT_BEFORE, MONEY_UNIT, NOT_A_WORK_LEAD, PREPOSITION_IN_LEAD, UNIT_IS_VERB, VERB_AFTER_COUNT, WORK_VERB_OPENING, COMPARATOR_BEFORE, DIRECTION_VERBS, FIGURE, MULTIPLE_BEFORE, NEXT_CLAUSE, RANK, TRAILING_COMPARATORS } from '../lexicon/quantities.js';
import { startsWithAgency } from '../lexicon/agencies.js';
import { inEvaluationPart, overlapsAny, SpanIndex, type ExtractionContext, type Target } from './context.js';
import { allMatches } from '../text/matches.js';

/**
 * Targets: quantified commitments — a figure with its unit, the comparator
 * before it, the direction its verb gives, the indicator it measures and the
 * baseline it is compared with ("kéo giảm ít nhất 10% số vụ phạm tội … so
 * với năm 2023"). A percentage is a commitment by itself; a counted noun
 * ("02 hoạt động/quý") only with a comparator, so that "15 phường",
 * "chính quyền 2 cấp" or "Tổ Công tác 363" stay plain text.
 */

/** Vietnamese number: decimal comma, thousands dot, leading zeros ("1,5" = 1.5, "1.000" = 1000, "05" = 5). */
export function parseVietnameseNumber(raw: string): number {
  const compact = raw.replace(/\s+/g, '');
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(compact)) return Number(compact.replace(/\./g, '').replace(',', '.'));
  return Number(compact.replace(',', '.'));
}

function clauseBounds(text: string, from: number, to: number): { start: number; end: number } {
  const before = text.slice(0, from);
  // The last full stop before the figure ends a sentence when a space follows it ("1.000" is a number).
  const lastStop = before.lastIndexOf('.');
  const sentenceEnd = lastStop >= 0 && /\s/.test(before.charAt(lastStop + 1)) ? lastStop : -1;
  const start = Math.max(before.lastIndexOf(';'), before.lastIndexOf(', '), sentenceEnd >= 0 ? sentenceEnd + 1 : -1, before.lastIndexOf(':')) + 1;
  // The clause runs on over commas ("100% tố giác, tin báo …") until a new clause or the next figure.
  const afterMatch = text
    .slice(to)
    .search(NEXT_CLAUSE);
  return { start, end: to + (afterMatch < 0 ? text.length - to : afterMatch) };
}

/**
 * The few words before a figure, where a comparator or a verb that makes it a
 * commitment ends ("ít nhất", "có thêm"). The patterns that read them are
 * anchored at the end (\s*$); given the whole text before the figure, they
 * scanned it from its start, once for every figure. Paragraph text has its
 * spaces collapsed (text/joins), so the longest of those phrases, with what
 * its lookbehinds read, fits well within this many characters.
 */
const WORDS_BEFORE = 64;
function wordsBefore(text: string, at: number): string {
  return text.slice(Math.max(0, at - WORDS_BEFORE), at);
}

function directionOf(clauseBefore: string): Target['direction'] {
  let best: { index: number; direction: Target['direction'] } | null = null;
  for (const [re, direction] of DIRECTION_VERBS) {
    for (const m of allMatches(re, clauseBefore)) {
      if (!best || m.index! > best.index) best = { index: m.index!, direction };
    }
  }
  return best?.direction ?? 'reach';
}


function rankTargets(paragraph: BodyParagraph): Array<Omit<Target, 'id'>> {
  return allMatches(RANK, paragraph.text).map((m) => {
    const clause = clauseBounds(paragraph.text, m.index!, m.index! + m[0].length);
    const lead = paragraph.text.slice(clause.start).length - paragraph.text.slice(clause.start).trimStart().length;
    return {
      sectionPath: paragraph.sectionPath,
      sectionId: paragraph.section?.id ?? null,
      text: paragraph.text.slice(clause.start, clause.end).trim(),
      indicator: m[0],
      direction: 'reach' as const,
      comparator: 'lte' as const,
      value: Number(m[1] ?? m[2]),
      valueMax: null,
      unit: 'hạng',
      baseline: null,
      span: { start: paragraph.start + clause.start + lead, end: paragraph.start + clause.start + paragraph.text.slice(clause.start, clause.end).trimEnd().length },
      page: paragraph.page,
    };
  });
}

function targetsIn(paragraph: BodyParagraph, citedIndex: SpanIndex): Array<Omit<Target, 'id'>> {
  const cited = citedIndex.overlapping(paragraph.start, paragraph.end);
  const text = paragraph.text;
  const out: Array<Omit<Target, 'id'>> = rankTargets(paragraph);
  let lastTargetEnd = -1;
  for (const m of allMatches(FIGURE, text)) {
    const [whole, from, rawValue, rawMax, rawUnit, orMore] = m;
    const index = m.index!;
    const figureStart = index;
    const figureEnd = index + whole.length;
    if (overlapsAny({ start: paragraph.start + figureStart, end: paragraph.start + figureEnd }, cited)) continue;
    const isPercent = rawUnit!.includes('%');
    const before = wordsBefore(text, figureStart);
    let comparator: Target['comparator'] = 'eq';
    for (const [re, c] of COMPARATOR_BEFORE) {
      if (re.test(before)) {
        comparator = c;
        break;
      }
    }
    if (rawMax) comparator = 'between';
    else if (orMore) comparator = 'gte';
    // A bare count is a commitment only after "đạt", "phấn đấu" or a verb that adds what it counts ("có thêm 03 trường").
    const multiple = /^\s*lần$/u.test(rawUnit!) && MULTIPLE_BEFORE.test(before);
    const clause = clauseBounds(text, figureStart, figureEnd);
    // What opens the clause before the figure: a verb phrase whose object the count is, or not ("Ủy ban nhân dân 15 phường").
    const lead = text.slice(clause.start, figureStart);
    // A count, not money (a budget), not a frequency ("dạy học 2 buổi/ngày"), not the subject of its own clause.
    const countOfWork = !MONEY_UNIT.test(rawUnit!.trim()) && !/\/\s*(?:ngày|tuần|tháng|quý|năm)$/u.test(rawUnit!) && !VERB_AFTER_COUNT.test(text.slice(figureEnd, figureEnd + 40));
    const workObject =
      countOfWork && WORK_VERB_OPENING.test(lead) && !NOT_A_WORK_LEAD.test(lead) && !PREPOSITION_IN_LEAD.test(lead) && !startsWithAgency(lead.replace(/^\s*[-+•–]\s*/u, ''));
    // "đạt 33 giường bệnh/vạn dân, 12 bác sĩ/vạn dân": a figure listed right after a target is one too.
    const listed = countOfWork && lastTargetEnd >= 0 && /^\s*(?:,|và)\s*$/u.test(text.slice(lastTargetEnd, figureStart));
    if (!isPercent && comparator === 'eq' && !/(?:đạt|phấn đấu)\s*$/iu.test(before) && !COMMITMENT_BEFORE.test(before) && !multiple && !workObject && !listed) continue;
    if (!isPercent && comparator === 'eq' && UNIT_IS_VERB.test(rawUnit!)) continue;
    // "từ 6,0 điểm trở lên" is a floor; "từ 15 giờ" alone is no quantity.
    if (!isPercent && from && !rawMax && !orMore) continue;
    // Years and periods ("2025 - 2030") are not quantities.
    if (!isPercent && /^(?:19|20)\d\d$/.test(rawValue!)) continue;
    const value = parseVietnameseNumber(rawValue!);
    const valueMax = rawMax ? parseVietnameseNumber(rawMax) : null;
    if (!Number.isFinite(value) || (valueMax !== null && !Number.isFinite(valueMax))) continue;
    const unit = isPercent ? rawUnit!.replace(/\s+/g, '') : rawUnit!.trim().replace(/\s*\/\s*/g, '/');
    const clauseBefore = text.slice(clause.start, figureStart);
    const clauseAfter = text.slice(figureEnd, clause.end);
    const baselineMatch = clauseAfter.match(BASELINE);
    let indicator = clauseAfter.split(/\s*so với\s/u)[0]!.replace(/^\s*(?:trở lên)?\s*/u, '').trim();
    if (indicator.startsWith(',')) indicator = '';
    if (!isPercent) indicator = unit + (indicator ? ' ' + indicator : '');
    if (!indicator || /^(?:được|đã|trở)/u.test(indicator)) {
      indicator = clauseBefore
        .replace(TRAILING_COMPARATORS, '')
        .replace(/^\s*(?:[-+•]\s*)?(?:trong đó|phấn đấu)?\s*/iu, '')
        .trim() || indicator;
    }
    const direction = directionOf(clauseBefore);
    lastTargetEnd = figureEnd;
    out.push({
      sectionPath: paragraph.sectionPath,
      sectionId: paragraph.section?.id ?? null,
      text: text.slice(clause.start, clause.end).trim(),
      indicator: indicator.replace(/\s+/g, ' ').trim(),
      direction,
      comparator,
      value,
      valueMax,
      unit,
      baseline: baselineMatch ? baselineMatch[1]!.trim() : null,
      span: { start: paragraph.start + clause.start + (text.slice(clause.start).length - text.slice(clause.start).trimStart().length), end: paragraph.start + clause.start + text.slice(clause.start, clause.end).trimEnd().length },
      page: paragraph.page,
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The target extractor: one target per quantified commitment in the body. */

export function extractTargets(context: ExtractionContext, citedSpans: Span[]): Target[] {
  const cited = new SpanIndex(citedSpans);
  return context.paragraphs.filter((p) => !inEvaluationPart(p)).flatMap((p) => targetsIn(p, cited)).map((t, i) => ({ id: `t-${i + 1}`, ...t }));
}
