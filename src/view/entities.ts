import type { Assignment, Deadline, LegalReference, PlanDocument, Span, Target, Task } from '../schema/document.js';

/**
 * The entity types the view highlights, outermost first: where two spans are
 * equal, the earlier type's mark encloses the later one's.
 */
export const ENTITY_TYPES = [
  { type: 'task', field: 'tasks', letter: 'k', label: 'Nhiệm vụ' },
  { type: 'assignment', field: 'assignments', letter: 'a', label: 'Phân công' },
  { type: 'target', field: 'targets', letter: 't', label: 'Chỉ tiêu' },
  { type: 'deadline', field: 'deadlines', letter: 'd', label: 'Thời hạn' },
  { type: 'legal', field: 'legalReferences', letter: 'l', label: 'Văn bản dẫn chiếu' },
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number]['type'];
export type EntityTypeInfo = (typeof ENTITY_TYPES)[number];

/** One entity as the view places it: its type, its index in the document's array, its span clamped to the text. */
export interface PlacedEntity {
  type: EntityTypeInfo;
  /** Position of the type in ENTITY_TYPES: nesting order for equal spans. */
  rank: number;
  index: number;
  start: number;
  end: number;
  /** The element id and `data-e` value: type letter and index, never taken from the input. */
  key: string;
}

function clampSpan(span: Span, length: number): { start: number; end: number } {
  const start = Math.min(Math.max(0, span.start), length);
  return { start, end: Math.min(Math.max(start, span.end), length) };
}

/** Every entity of the document, in document order (start ascending, longer first, outer type first). */
export function placeEntities(document: PlanDocument): PlacedEntity[] {
  const placed: PlacedEntity[] = [];
  ENTITY_TYPES.forEach((type, rank) => {
    const list: readonly { span: Span }[] = document[type.field];
    list.forEach((entity, index) => {
      placed.push({ type, rank, index, ...clampSpan(entity.span, document.text.length), key: `${type.letter}${index}` });
    });
  });
  return placed.sort(compareEntities);
}

/** The order marks nest in: a mark opened earlier encloses the marks opened after it at the same place. */
export function compareEntities(a: PlacedEntity, b: PlacedEntity): number {
  return a.start - b.start || b.end - a.end || a.rank - b.rank || a.index - b.index;
}

/** A field of an entity as shown in its tooltip: the schema's name and the value as text. */
export type Field = [name: string, value: string];

/** What the page's script needs of one entity: a label for the lists, page, section path and fields for the tooltip. */
export interface EntityRecord {
  /** Label in the side panel's list. */
  l: string;
  /** Page (PDF), else null. */
  p: number | null;
  /** Section path, joined. */
  s: string;
  /** Schema fields worth showing, with their values as text; empty ones left out. */
  f: Field[];
}

const COMPARATORS: Record<Target['comparator'], string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=', between: '–' };
const ROLE_LABELS: Record<Assignment['role'], string> = { lead: 'chủ trì', support: 'phối hợp', implement: 'thực hiện', advise: 'tham mưu', monitor: 'theo dõi' };

function fields(entries: [string, unknown][]): Field[] {
  const out: Field[] = [];
  for (const [name, value] of entries) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out.push([name, value.join('; ')]);
    } else out.push([name, String(value)]);
  }
  return out;
}

/** At most `max` characters, cut at a word where one is near. */
export function shorten(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, cut > max * 0.6 ? cut : max - 1)}…`;
}

function targetValue(t: Target): string {
  const value = t.comparator === 'between' && t.valueMax !== null ? `${t.value}–${t.valueMax}` : `${COMPARATORS[t.comparator]} ${t.value}`;
  return `${value}${t.unit ? ` ${t.unit}` : ''}`;
}

function deadlineWhen(d: Deadline): string {
  if (d.date) return d.date;
  if (d.start || d.end) return `${d.start ?? '…'} → ${d.end ?? '…'}`;
  return d.recurrence?.length ? d.recurrence.join(', ') : d.kind;
}

function legalName(l: LegalReference): string {
  const symbol = l.symbol ?? [l.number, l.year].filter((x) => x !== null).join('/');
  return [l.type, symbol].filter(Boolean).join(' ');
}

/** The records of every entity type, in the documents' array order (index = the `key`'s number). */
export function entityRecords(document: PlanDocument): Record<EntityType, EntityRecord[]> {
  const deadlineText = new Map(document.deadlines.map((d) => [d.id, d.text] as const));
  const common = (e: { id: string; page: number | null; sectionPath: string[] | null }): Pick<EntityRecord, 'p' | 's'> => ({
    p: e.page,
    s: e.sectionPath?.join(' › ') ?? '',
  });
  const base = (e: { id: string; page: number | null; sectionPath: string[] | null }): [string, unknown][] => [
    ['id', e.id],
    ['page', e.page],
    ['sectionPath', e.sectionPath?.join(' › ')],
  ];
  return {
    target: document.targets.map((t) => ({
      l: `${targetValue(t)} · ${shorten(t.indicator || t.text, 90)}`,
      ...common(t),
      f: fields([['value', t.value], ['valueMax', t.valueMax], ['comparator', `${t.comparator} (${COMPARATORS[t.comparator]})`], ['unit', t.unit], ['direction', t.direction], ['indicator', t.indicator], ['baseline', t.baseline], ...base(t)]),
    })),
    deadline: document.deadlines.map((d) => ({
      l: `${deadlineWhen(d)} · ${shorten(d.text, 90)}`,
      ...common(d),
      f: fields([['kind', d.kind], ['date', d.date], ['start', d.start], ['end', d.end], ['recurrence', d.recurrence], ['subject', d.subject], ...base(d)]),
    })),
    legal: document.legalReferences.map((l) => ({
      l: `${shorten(legalName(l), 60)}${l.title && l.title !== l.text ? ` · ${shorten(l.title, 80)}` : ''}`,
      p: l.page,
      s: l.sectionPath?.join(' › ') ?? '',
      f: fields([['type', l.type], ['symbol', l.symbol], ['number', l.number], ['year', l.year], ['issuerCode', l.issuerCode], ['issuer', l.issuer], ['issuedDate', l.issuedDate], ['title', l.title], ['inFootnote', l.inFootnote ? 'true' : null], ...base(l)]),
    })),
    assignment: document.assignments.map((a) => ({
      l: `${ROLE_LABELS[a.role]} · ${shorten(a.agency, 90)}`,
      ...common(a),
      f: fields([['agency', a.agency], ['role', `${a.role} (${ROLE_LABELS[a.role]})`], ['requested', a.requested ? 'true' : null], ['task', a.task ? shorten(a.task, 200) : null], ['deadline', a.deadlineId ? `${a.deadlineId}: ${deadlineText.get(a.deadlineId) ?? ''}` : null], ...base(a)]),
    })),
    task: document.tasks.map((k: Task) => ({
      l: shorten(k.text, 110),
      ...common(k),
      f: fields([['lead', k.lead], ['support', k.support], ['deadline', k.deadlineId ? `${k.deadlineId}: ${deadlineText.get(k.deadlineId) ?? ''}` : null], ['product', k.product], ['budget', k.budget], ...base(k)]),
    })),
  };
}

export { ROLE_LABELS };
