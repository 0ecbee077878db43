import type { ColumnRole } from '../lexicon/columns.js';
import type { Section } from '../schema/document.js';
import type { BodyParagraph } from '../tree.js';
import { TIME_LABEL_LINE } from '../lexicon/dates.js';
import { LABELLED_LINE } from '../lexicon/roles.js';
import { listedAgencies, type NamedDuty } from './assignments.js';
import type { Deadline, Task } from './context.js';

/**
 * Tasks (output contract, "Appendices and task tables"): units of work whose
 * lead the plan names for that unit alone. One per labelled row of a task
 * table (its cells give lead, support, time, product, budget); one per
 * section whose labelled lines name its lead ("+ Đơn vị chủ trì: …"); one
 * per paragraph whose parenthesis does ("(Sở Y tế chủ trì, phối hợp …)");
 * one per clause that does ("Sở Tài chính chủ trì, phối hợp … thẩm định …").
 * An agency-headed section is not a task: its duties are assignments.
 */

/** Agencies once each, without the "Đề nghị" a request opens with. */
const unique = (list: string[]): string[] => [...new Set(list.map((agency) => agency.replace(/^Đề nghị\s+/u, '')))];
const within = (deadline: Deadline, paragraphs: BodyParagraph[]): boolean => paragraphs.some((p) => deadline.span.start >= p.start && deadline.span.end <= p.end);

/** Items grouped by a key, each group in the items' order. */
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** What the task readers look up by section, indexed once: a paragraph's deadlines carry its section's id. */
interface BySection {
  paragraphs: Map<Section | null, BodyParagraph[]>;
  deadlines: Map<string | null, Deadline[]>;
}

function rowTasks(paragraphs: BodyParagraph[], bySection: BySection): Array<Omit<Task, 'id'>> {
  const rows = groupBy(
    paragraphs.filter((p) => p.cell && !p.cell.inHeader && p.section?.style === 'row'),
    (p) => p.section!,
  );
  const tasks: Array<Omit<Task, 'id'>> = [];
  for (const [section, cells] of rows) {
    const of = (role: ColumnRole): BodyParagraph[] => cells.filter((p) => p.cell!.role === role);
    const text = of('task').map((p) => p.text).join(' ').trim();
    const lead = unique(of('lead').flatMap((p) => listedAgencies(p.text)));
    const implement = unique(of('implement').flatMap((p) => listedAgencies(p.text)));
    const support = unique(of('support').flatMap((p) => listedAgencies(p.text)));
    const times = of('deadline');
    // A group row ("I | CHÍNH QUYỀN SỐ") names no one and no time: it is a heading, not a unit of work.
    if (text === '' || (lead.length === 0 && implement.length === 0 && support.length === 0 && times.length === 0)) continue;
    const joined = (role: ColumnRole): string | null => of(role).map((p) => p.text).join(' ').trim() || null;
    tasks.push({
      sectionPath: section.path,
      sectionId: section.id,
      text,
      lead: lead.length > 0 ? lead : implement,
      support,
      deadlineId: (bySection.deadlines.get(section.id) ?? []).find((d) => within(d, times))?.id ?? null,
      product: joined('product'),
      budget: joined('budget'),
      span: { start: cells[0]!.start, end: cells.at(-1)!.end },
      page: cells[0]!.page,
    });
  }
  return tasks;
}

/** A unit of work's deadline: its "Thời gian thực hiện:" line first, then any but a recurring report. */
function deadlineOf(candidates: Deadline[]): string | null {
  const labelled = candidates.find((d) => TIME_LABEL_LINE.test(d.text));
  return (labelled ?? candidates.find((d) => d.kind !== 'recurring') ?? candidates[0])?.id ?? null;
}

function namedTasks(duties: NamedDuty[], bySection: BySection): Array<Omit<Task, 'id'>> {
  // Labelled lines name the lead of their whole section; a parenthesis, of its own paragraph; a clause, of itself.
  const groups = new Map<string, NamedDuty[]>();
  for (const duty of duties) {
    const { paragraph } = duty;
    if (!paragraph.section || paragraph.section.style === 'row' || paragraph.cell) continue;
    const key = duty.source === 'labelled' ? `s:${paragraph.section.id}` : duty.source === 'clause' ? `c:${duty.start}` : `p:${paragraph.start}`;
    const list = groups.get(key) ?? [];
    list.push(duty);
    groups.set(key, list);
  }
  const tasks: Array<Omit<Task, 'id'>> = [];
  for (const [key, group] of groups) {
    const { paragraph } = group[0]!;
    const section = paragraph.section!;
    const named = (role: string): string[] => unique(group.filter((d) => d.role === role).map((d) => d.agency));
    const lead = named('lead').length > 0 ? named('lead') : named('implement');
    if (lead.length === 0) continue;
    const scope = key.startsWith('s:') ? (bySection.paragraphs.get(section) ?? [paragraph]) : [paragraph];
    // The work itself: a clause's own words; the section's first item (its heading when it has none); the paragraph without its parenthesis.
    const work = key.startsWith('s:') ? (scope.find((p) => !p.labelled && !LABELLED_LINE.test(p.text) && !TIME_LABEL_LINE.test(p.text)) ?? scope[0]!) : paragraph;
    const workText = group[0]!.clause ?? work.text.slice(work.contentStart - work.start);
    tasks.push({
      sectionPath: section.path,
      sectionId: section.id,
      text: workText.replace(/\s*\([^()]*\)/gu, '').replace(/^[-+•]\s*/u, '').replace(/[\s;.]+$/u, '').trim(),
      lead,
      support: named('support'),
      deadlineId: deadlineOf((bySection.deadlines.get(section.id) ?? []).filter((d) => within(d, scope))),
      product: null,
      budget: null,
      span: { start: scope[0]!.start, end: scope.at(-1)!.end },
      page: scope[0]!.page,
    });
  }
  return tasks;
}

/** The task extractor: task-table rows, then units of work that name their own lead, in text order. */
export function extractTasks(paragraphs: BodyParagraph[], deadlines: Deadline[], duties: NamedDuty[]): Task[] {
  const bySection: BySection = { paragraphs: groupBy(paragraphs, (p) => p.section), deadlines: groupBy(deadlines, (d) => d.sectionId) };
  return [...rowTasks(paragraphs, bySection), ...namedTasks(duties, bySection)]
    .sort((a, b) => a.span.start - b.span.start)
    .map((task, i) => ({ id: `k-${i + 1}`, ...task }));
}
