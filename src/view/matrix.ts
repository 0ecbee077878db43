import type { Assignment, AssignmentRole, PlanDocument } from '../schema/document.js';
import { foldVietnamese } from '../text/vietnamese.js';
import { shorten } from './entities.js';

/**
 * The plan's responsibility matrix: one row per task (its lead and support
 * agencies, and the agencies assigned to work inside its text), then one row
 * per section for the assignments no task holds; one column per agency.
 */
export interface Matrix {
  /** Column labels, most involved agency first. */
  agencies: string[];
  /** Role codes, strongest first; a cell holds the index of its role here. */
  roles: { code: string; role: AssignmentRole }[];
  rows: MatrixRow[];
}

/** [element id to link to, label, page, flattened (column, role index) pairs]. */
export type MatrixRow = [anchor: string, label: string, page: number | null, marks: number[]];

/** Strongest first: a cell an agency holds in two roles shows the stronger one. */
export const MATRIX_ROLES: Matrix['roles'] = [
  { code: 'C', role: 'lead' },
  { code: 'T', role: 'implement' },
  { code: 'P', role: 'support' },
  { code: 'TM', role: 'advise' },
  { code: 'TD', role: 'monitor' },
];
const ROLE_INDEX = new Map(MATRIX_ROLES.map((r, i) => [r.role, i] as const));

/** One row of the matrix before its columns are fixed: each agency (by key) with its strongest role. */
export interface MatrixDraft {
  /** Where the row's text starts: rows are in text order. */
  at: number;
  anchor: string;
  label: string;
  page: number | null;
  /** The task's section path, or the section's of the assignments outside every task. */
  sectionPath: string[];
  /** True for a task's row, false for a section's assignments outside every task. */
  task: boolean;
  /** Agency key → index in MATRIX_ROLES. */
  cells: Map<string, number>;
}

/** The matrix's rows in text order, each agency by its key, and one spelling per key. */
export interface MatrixDrafts {
  drafts: MatrixDraft[];
  names: Map<string, string>;
}

/**
 * The matrix's rows before its columns are fixed: the plan view lays them out
 * as one plan's matrix, the archive report counts them across plans.
 * @param fallbackKey the key of an agency no assignment names (a task's lead or support only).
 */
export function matrixDrafts(
  document: PlanDocument,
  sectionInfo: (sectionId: string) => { anchor: string | null; label: string } | null,
  fallbackKey: (name: string) => string = (name) => foldVietnamese(name).replace(/\s+/g, ' ').trim(),
): MatrixDrafts {
  const keyOf = new Map(document.assignments.map((a) => [a.agency, a.agencyKey] as const));
  const names = new Map<string, string>();
  const agencyKey = (name: string): string => {
    const key = keyOf.get(name) ?? fallbackKey(name);
    // One spelling per column: the first seen, or the first capitalised one ("Các sở" over "các sở").
    const held = names.get(key);
    if (held === undefined || (held[0] !== held[0]?.toUpperCase() && name.trim()[0] === name.trim()[0]?.toUpperCase())) names.set(key, name.trim());
    return key;
  };
  const mark = (draft: MatrixDraft, name: string, role: AssignmentRole): void => {
    if (!name.trim()) return;
    const key = agencyKey(name);
    const index = ROLE_INDEX.get(role)!;
    const held = draft.cells.get(key);
    if (held === undefined || index < held) draft.cells.set(key, index);
  };

  // Assignments by start, to find those inside each task's span by binary search.
  const assignments = document.assignments.map((a, i) => ({ a, i })).sort((x, y) => x.a.span.start - y.a.span.start);
  const firstAtOrAfter = (offset: number): number => {
    let low = 0;
    let high = assignments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (assignments[mid]!.a.span.start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };

  const drafts: MatrixDraft[] = [];
  const inTask = new Set<number>();
  document.tasks.forEach((task, index) => {
    const draft: MatrixDraft = { at: task.span.start, anchor: `x-k${index}`, label: shorten(task.text, 90), page: task.page, sectionPath: task.sectionPath, task: true, cells: new Map() };
    for (const name of task.lead) mark(draft, name, 'lead');
    for (const name of task.support) mark(draft, name, 'support');
    for (let j = firstAtOrAfter(task.span.start); j < assignments.length && assignments[j]!.a.span.start < task.span.end; j++) {
      const { a, i } = assignments[j]!;
      if (a.span.end > task.span.end) continue;
      mark(draft, a.agency, a.role);
      inTask.add(i);
    }
    drafts.push(draft);
  });

  // The assignments outside every task, one row per section.
  const bySection = new Map<string, MatrixDraft>();
  document.assignments.forEach((a: Assignment, i) => {
    if (inTask.has(i)) return;
    const group = a.sectionId ?? '';
    let draft = bySection.get(group);
    if (!draft) {
      const section = a.sectionId ? sectionInfo(a.sectionId) : null;
      draft = {
        at: a.span.start,
        anchor: section?.anchor ?? `x-a${i}`,
        label: section?.label ?? (a.sectionPath.join('.') || '—'),
        page: a.page,
        sectionPath: a.sectionPath,
        task: false,
        cells: new Map(),
      };
      bySection.set(group, draft);
      drafts.push(draft);
    }
    mark(draft, a.agency, a.role);
  });
  drafts.sort((x, y) => x.at - y.at);
  return { drafts, names };
}

/**
 * @param sectionInfo by section id: the element id of its heading or row where the page has one, and a label.
 */
export function buildMatrix(document: PlanDocument, sectionInfo: (sectionId: string) => { anchor: string | null; label: string } | null): Matrix {
  const { drafts, names } = matrixDrafts(document, sectionInfo);
  // Columns: agencies in most rows first.
  const rowCount = new Map<string, number>();
  for (const draft of drafts) for (const key of draft.cells.keys()) rowCount.set(key, (rowCount.get(key) ?? 0) + 1);
  const keys = [...rowCount.keys()].sort((x, y) => rowCount.get(y)! - rowCount.get(x)! || names.get(x)!.localeCompare(names.get(y)!, 'vi'));
  const column = new Map(keys.map((k, i) => [k, i] as const));
  const rows = drafts.map((d): MatrixRow => {
    const marks = [...d.cells].map(([key, role]) => [column.get(key)!, role] as const).sort((x, y) => x[0] - y[0]);
    return [d.anchor, d.label, d.page, marks.flat()];
  });
  return { agencies: keys.map((k) => names.get(k)!), roles: MATRIX_ROLES, rows };
}
