import type { Span } from '../schema/document.js';
import type { BodyParagraph } from '../tree.js';
import { EVALUATION_HEADING } from '../lexicon/parts.js';
import { overlapsAny, type ExtractionContext, type Target } from './context.js';

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

const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
const PERCENT_UNIT = String.raw`\s*%(?:\s*\/\s*(?:năm|quý|tháng))?`;
// Counted nouns; time units are durations, not quantities of work.
const COUNTED_NOUN = String.raw`(?!(?:năm|tháng|ngày|tuần|giờ|quý|tuổi|lần thứ|cấp|và|các|của|trên|tại|về|được|đã|có|trong|theo|với|để)(?![\p{L}]))[\p{Ll}]+(?:\s+(?!(?:trở|và|của|trên|tại|về|được|đã|có|so|trong|theo)(?![\p{L}]))[\p{Ll}]+)?(?:\s*\/\s*(?:năm|quý|tháng|tuần|người|đơn vị))?`;

const FIGURE = new RegExp(
  String.raw`(?<![\p{L}\d/.,-])(?:(từ)\s+)?(${NUMBER})(?:\s*(?:%\s*)?(?:đến|-|–)\s*(${NUMBER}))?(${PERCENT_UNIT}|\s+${COUNTED_NOUN})(\s+trở lên)?`,
  'gu',
);

const COMPARATOR_BEFORE: Array<[RegExp, Target['comparator']]> = [
  [/(?:ít nhất|tối thiểu|không (?:ít|thấp) hơn)\s*$/iu, 'gte'],
  [/(?:không quá|không vượt quá|tối đa|không cao hơn)\s*$/iu, 'lte'],
  [/(?<![\p{L}])(?:trên|hơn|vượt)\s*$/iu, 'gt'],
  [/(?<![\p{L}])dưới\s*$/iu, 'lt'],
];

const DIRECTION_VERBS: Array<[RegExp, Target['direction']]> = [
  [/(?<![\p{L}])(?:kéo giảm|giảm|hạ|hạn chế|kiềm chế)(?![\p{L}])/giu, 'decrease'],
  [/(?<![\p{L}])(?:tăng(?!\s+(?:cường|trưởng))|nâng(?!\s+cao\s+(?:chất lượng|hiệu quả|năng lực|nhận thức))|mở rộng)(?![\p{L}])/giu, 'increase'],
  [/(?<![\p{L}])(?:duy trì|giữ vững|giữ ổn định)(?![\p{L}])/giu, 'maintain'],
];

const BASELINE = /so với\s+((?:cùng kỳ\s+)?(?:năm\s+\d{4}|năm trước|đầu kỳ|cùng kỳ|kỳ trước|năm \d{4}|giai đoạn [\d\s–-]+)(?:\s+\d{4})?)/iu;

// Words that put a figure in relation: they start the next figure's clause, and trail an indicator read before its figure.
const COMPARATOR_WORDS = String.raw`ít nhất|tối thiểu|không quá|tối đa|trên|hơn|dưới|từ`;
const NEXT_CLAUSE = new RegExp(String.raw`[;.](?:\s|$)|,\s+(?:trong đó|tỷ lệ|phấn đấu|đạt|gắn với)|\s+(?:và\s+|,\s*)?(?:${COMPARATOR_WORDS})?\s*\d+(?:,\d+)?\s*%|$`, 'u');
const TRAILING_COMPARATORS = new RegExp(String.raw`(?:${COMPARATOR_WORDS}|đạt|phấn đấu)(?:\s+(?:${COMPARATOR_WORDS}))*\s*$`, 'iu');

function clauseBounds(text: string, from: number, to: number): { start: number; end: number } {
  const before = text.slice(0, from);
  const sentenceEnd = before.search(/\.\s[^.]*$/);
  const start = Math.max(before.lastIndexOf(';'), before.lastIndexOf(', '), sentenceEnd >= 0 ? sentenceEnd + 1 : -1, before.lastIndexOf(':')) + 1;
  // The clause runs on over commas ("100% tố giác, tin báo …") until a new clause or the next figure.
  const afterMatch = text
    .slice(to)
    .search(NEXT_CLAUSE);
  return { start, end: to + (afterMatch < 0 ? text.length - to : afterMatch) };
}

function directionOf(clauseBefore: string): Target['direction'] {
  let best: { index: number; direction: Target['direction'] } | null = null;
  for (const [re, direction] of DIRECTION_VERBS) {
    for (const m of clauseBefore.matchAll(re)) {
      if (!best || m.index! > best.index) best = { index: m.index!, direction };
    }
  }
  return best?.direction ?? 'reach';
}

function targetsIn(paragraph: BodyParagraph, cited: Span[]): Array<Omit<Target, 'id'>> {
  const text = paragraph.text;
  const out: Array<Omit<Target, 'id'>> = [];
  for (const m of text.matchAll(FIGURE)) {
    const [whole, from, rawValue, rawMax, rawUnit, orMore] = m;
    const index = m.index!;
    const figureStart = index;
    const figureEnd = index + whole.length;
    if (overlapsAny({ start: paragraph.start + figureStart, end: paragraph.start + figureEnd }, cited)) continue;
    const isPercent = rawUnit!.includes('%');
    const before = text.slice(0, figureStart);
    let comparator: Target['comparator'] = 'eq';
    for (const [re, c] of COMPARATOR_BEFORE) {
      if (re.test(before)) {
        comparator = c;
        break;
      }
    }
    if (rawMax) comparator = 'between';
    else if (orMore) comparator = 'gte';
    if (!isPercent && comparator === 'eq' && !/(?:đạt|phấn đấu)\s*$/iu.test(before)) continue;
    if (!isPercent && from && !rawMax) continue;
    // Years and periods ("2025 - 2030") are not quantities.
    if (!isPercent && /^(?:19|20)\d\d$/.test(rawValue!)) continue;
    const value = parseVietnameseNumber(rawValue!);
    const valueMax = rawMax ? parseVietnameseNumber(rawMax) : null;
    if (!Number.isFinite(value) || (valueMax !== null && !Number.isFinite(valueMax))) continue;
    const unit = isPercent ? rawUnit!.replace(/\s+/g, '') : rawUnit!.trim().replace(/\s*\/\s*/g, '/');
    const clause = clauseBounds(text, figureStart, figureEnd);
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
      span: { start: paragraph.start + clause.start + (text.slice(clause.start).length - text.slice(clause.start).trimStart().length), end: paragraph.start + clause.end },
      page: paragraph.page,
    });
  }
  return out;
}

/** The target extractor: one target per quantified commitment in the body. */
/** Figures in a part that reports results ("Phần I. ĐÁNH GIÁ KẾT QUẢ …") are past results, not commitments. */
const inEvaluationPart = (paragraph: BodyParagraph): boolean => paragraph.ancestors.some((section) => section.heading !== null && EVALUATION_HEADING.test(section.heading));

export function extractTargets(context: ExtractionContext, citedSpans: Span[]): Target[] {
  return context.paragraphs.filter((p) => !inEvaluationPart(p)).flatMap((p) => targetsIn(p, citedSpans)).map((t, i) => ({ id: `t-${i + 1}`, ...t }));
}
