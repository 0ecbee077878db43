import { DOCUMENT_TYPE_TABLE } from '../lexicon/document-types.js';
import type { Deadline, PlanDocument, Section, Target, Task } from '../schema/document.js';
import { dueDate, planSpan, seriesOf, vietnameseDate } from './dates.js';
import { dueWork, shorten, tasksByDeadline } from './wording.js';

/**
 * `kehoach parse --format summary`: a plan in a dozen lines, with Vietnamese
 * labels: what it is, how much was found, what falls due next, and its
 * targets by direction. Pure: the same document and `today` give the same text.
 */

export interface SummaryOptions {
  /** The day the nearest deadlines are counted from (ISO date). */
  today: string;
  /** How many deadlines to list (5). */
  deadlines?: number;
  /** How many targets to list under each direction before "… và N chỉ tiêu khác" (5). */
  targetsPerDirection?: number;
}

const DIRECTIONS: Array<[Target['direction'], string]> = [
  ['increase', 'Tăng'],
  ['decrease', 'Giảm'],
  ['maintain', 'Duy trì'],
  ['reach', 'Đạt'],
];

const COMPARATORS: Record<Target['comparator'], string> = { gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ', eq: '', between: '' };

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

/** "≥ 10%", "30.000 lượt người", "80–90%": as the plan would print the figure. */
function figure(target: Target): string {
  const value = target.comparator === 'between' && target.valueMax !== null ? `${number.format(target.value)}–${number.format(target.valueMax)}` : number.format(target.value);
  const unit = target.unit === '' ? '' : target.unit === '%' ? '%' : ` ${target.unit}`;
  return `${COMPARATORS[target.comparator]}${value}${unit}`;
}

/** Every section of the tree, subsections included. */
export const countSections = (sections: Section[]): number => sections.reduce((n, s) => n + 1 + countSections(s.children), 0);

/** A deadline placed on the calendar: the day it is ordered by (a recurring one's occurrence nearest to today). */
interface Dated {
  deadline: Deadline;
  /** The day the list is ordered by: when it falls due (a range: its end). */
  day: string;
  /** The days as printed: one day, or a range's first and last. */
  label: string;
}

function datedDeadlines(document: PlanDocument, today: string): Dated[] {
  const span = planSpan(document);
  const out: Dated[] = [];
  for (const deadline of document.deadlines) {
    const day = dueDate(deadline);
    if (day !== null) {
      const ranged = deadline.kind === 'range' && deadline.start !== null && deadline.end !== null && deadline.start !== deadline.end;
      out.push({ deadline, day, label: ranged ? `${vietnameseDate(deadline.start!)}–${vietnameseDate(deadline.end!)}` : vietnameseDate(day) });
      continue;
    }
    for (const series of seriesOf(deadline, span)) {
      const next = series.dates.find((date) => date >= today) ?? series.dates.at(-1)!;
      out.push({ deadline, day: next, label: vietnameseDate(next) });
    }
  }
  return out;
}

/**
 * The deadlines nearest to `today`: those still ahead (a range until its
 * end), soonest first; when none is ahead, the latest ones, latest first.
 */
export function nearestDeadlines(document: PlanDocument, today: string, count = 5): { ahead: boolean; items: Dated[] } {
  const dated = datedDeadlines(document, today);
  const ahead = dated.filter((d) => d.day >= today).sort((a, b) => a.day.localeCompare(b.day));
  if (ahead.length > 0) return { ahead: true, items: ahead.slice(0, count) };
  return { ahead: false, items: dated.sort((a, b) => b.day.localeCompare(a.day)).slice(0, count) };
}

function deadlineLine({ deadline, label }: Dated, tasks: Map<string, Task>): string {
  const work = dueWork(deadline, tasks);
  const where = deadline.sectionPath.length > 0 ? ` (mục ${deadline.sectionPath.join('/')})` : '';
  return `  ${label}  ${deadline.text}${work ? ` — ${shorten(work, 70)}` : ''}${where}`;
}

export function summary(document: PlanDocument, options: SummaryOptions): string {
  const { metadata } = document;
  const typeName = DOCUMENT_TYPE_TABLE.find((t) => t.code === metadata.documentType)?.name;
  const unknown = '(không rõ)';
  const signer = [metadata.signer.authority, metadata.signer.position, metadata.signer.name].filter(Boolean).join(' ');
  const lines = [
    `Loại văn bản: ${typeName ? `${typeName} (${metadata.documentType})` : (metadata.documentType ?? unknown)}`,
    `Số: ${metadata.number ?? unknown}`,
    `Cơ quan ban hành: ${metadata.issuer ?? unknown}`,
    `Ngày ban hành: ${metadata.issuedDate ? vietnameseDate(metadata.issuedDate) : unknown}${metadata.place ? `, tại ${metadata.place}` : ''}`,
    `Trích yếu: ${metadata.title ?? unknown}`,
    ...(signer ? [`Người ký: ${signer}`] : []),
    `Tệp: ${document.source.name} (${document.source.format}${document.source.pageCount ? `, ${document.source.pageCount} trang` : ''})`,
    '',
  ];

  const kinds = (kind: Deadline['kind']): number => document.deadlines.filter((d) => d.kind === kind).length;
  lines.push(
    'Số lượng:',
    `  Mục: ${countSections(document.sections)}`,
    `  Chỉ tiêu: ${document.targets.length}`,
    `  Thời hạn: ${document.deadlines.length} (có ngày: ${kinds('by') + kinds('on') + kinds('range')}, định kỳ: ${kinds('recurring')}, thường xuyên: ${kinds('ongoing')})`,
    `  Văn bản dẫn chiếu: ${document.legalReferences.length}`,
    `  Phân công: ${document.assignments.length}`,
    `  Nhiệm vụ: ${document.tasks.length}`,
    `  Bảng: ${document.tables.length}`,
    '',
  );

  const nearest = nearestDeadlines(document, options.today, options.deadlines ?? 5);
  if (nearest.items.length === 0) lines.push('Thời hạn gần nhất: không có thời hạn nào ghi ngày.');
  else {
    lines.push(nearest.ahead ? `Thời hạn gần nhất (từ ngày ${vietnameseDate(options.today)}):` : `Thời hạn gần nhất (đã qua trước ngày ${vietnameseDate(options.today)}):`);
    const tasks = tasksByDeadline(document);
    for (const item of nearest.items) lines.push(deadlineLine(item, tasks));
  }
  lines.push('');

  lines.push('Chỉ tiêu theo xu hướng:');
  if (document.targets.length === 0) lines.push('  (không có chỉ tiêu)');
  const perDirection = options.targetsPerDirection ?? 5;
  for (const [direction, label] of DIRECTIONS) {
    const targets = document.targets.filter((t) => t.direction === direction);
    if (targets.length === 0) continue;
    lines.push(`  ${label} (${targets.length}):`);
    for (const target of targets.slice(0, perDirection)) lines.push(`    - ${shorten(target.indicator, 70)}: ${figure(target)}`);
    if (targets.length > perDirection) lines.push(`    … và ${targets.length - perDirection} chỉ tiêu khác`);
  }
  return lines.join('\n') + '\n';
}
