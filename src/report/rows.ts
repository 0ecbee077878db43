import { dueDate, planSpan } from '../export/dates.js';
import { countSections } from '../export/summary.js';
import { dueWork, tasksByDeadline } from '../export/wording.js';
import { agencyKey as lexiconAgencyKey } from '../lexicon/agencies.js';
import type { AssignmentRole, Deadline, PlanDocument, Recurrence, Section, Target } from '../schema/document.js';
import { shorten } from '../view/entities.js';
import { MATRIX_ROLES, matrixDrafts } from '../view/matrix.js';
import { sectionLabel } from '../view/plan.js';

/**
 * What the archive report keeps of one input: a status row, and of a parsed
 * plan only the rows its calendar, matrix and target table show (never the
 * text, sections or spans). Pure: the same entry gives the same rows.
 */

export type ReportStatus = 'ok' | 'error' | 'skipped';

/** One input of the batch, as the batch hands it to the report. */
export interface ReportEntry {
  /** The input's name as the manifest writes it. */
  file: string;
  /** Null for an entry that was not read. */
  sha256: string | null;
  status: ReportStatus;
  /** The parsed plan, for status `ok`. */
  document?: PlanDocument;
  /** For status `error`. */
  error?: { code: string; message: string };
  /** For status `skipped`: why. */
  reason?: string;
  /** The earlier input with the same content: counted in the file table, its entities shown once (under that input). */
  duplicateOf?: string;
}

/** Strongest first, as in the plan view's matrix: index = role code in the report's data. */
export const ROLES: readonly AssignmentRole[] = MATRIX_ROLES.map((r) => r.role);
export const STATUSES: readonly ReportStatus[] = ['ok', 'error', 'skipped'];
export const DEADLINE_KINDS: readonly Deadline['kind'][] = ['by', 'on', 'range', 'ongoing', 'recurring'];
/** A recurring deadline's frequencies as bits: 1 << index. */
export const RECURRENCES: readonly Recurrence[] = ['monthly', 'quarterly', 'semiannual', 'annual', 'weekly'];
export const DIRECTIONS: readonly Target['direction'][] = ['increase', 'decrease', 'reach', 'maintain'];
export const COMPARATORS: readonly Target['comparator'][] = ['gte', 'gt', 'lte', 'lt', 'eq', 'between'];

/** Longest text kept of each field: the report is an index into the plans, not a copy of them. */
export const TEXT_LIMITS = { title: 240, message: 400, deadline: 160, work: 90, indicator: 160, targetText: 240, rowLabel: 90 } as const;

export interface EntityCounts {
  sections: number;
  targets: number;
  deadlines: number;
  legalReferences: number;
  assignments: number;
  tasks: number;
  warnings: number;
}

export interface PlanRow {
  file: string;
  sha256: string | null;
  status: ReportStatus;
  code: string | null;
  /** The error's message, or the reason a file was skipped. */
  message: string | null;
  duplicateOf: string | null;
  number: string | null;
  title: string | null;
  issuer: string | null;
  issuedDate: string | null;
  pages: number | null;
  counts: EntityCounts | null;
  /** The days the plan runs (export/dates planSpan): where its recurring deadlines fall. */
  span: { start: string; end: string } | null;
}

/** An agency as the report joins it across plans: by its key, under one spelling. */
export interface AgencyRole {
  key: string;
  name: string;
  role: AssignmentRole;
}

export interface DeadlineRow {
  section: string;
  text: string;
  /** What falls due: the task due by it, else the clause the deadline closes. */
  work: string | null;
  kind: Deadline['kind'];
  /** The day it falls due (a range: its end); null for ongoing and recurring ones. */
  due: string | null;
  start: string | null;
  end: string | null;
  recurrence: Recurrence[];
  page: number | null;
  /** The agencies assigned to it: assignments and tasks carrying its deadlineId, each agency once in its strongest role. */
  agencies: AgencyRole[];
}

export interface TargetRow {
  section: string;
  indicator: string;
  /** The target's sentence, or null where it is the indicator itself. */
  text: string | null;
  direction: Target['direction'];
  comparator: Target['comparator'];
  unit: string;
  value: number;
  valueMax: number | null;
  page: number | null;
}

/** A row of the plan's responsibility matrix (a task, or a section's assignments outside every task). */
export interface ResponsibilityRow {
  label: string;
  section: string;
  page: number | null;
  task: boolean;
  agencies: AgencyRole[];
}

export interface PlanRows {
  plan: PlanRow;
  deadlines: DeadlineRow[];
  targets: TargetRow[];
  responsibilities: ResponsibilityRow[];
}

const ROLE_RANK = new Map(ROLES.map((role, i) => [role, i] as const));
const sectionText = (path: string[] | null): string => path?.join(' › ') ?? '';

function keyedSections(sections: Section[], into = new Map<string, Section>()): Map<string, Section> {
  for (const s of sections) {
    if (!into.has(s.id)) into.set(s.id, s);
    keyedSections(s.children, into);
  }
  return into;
}

/**
 * The key of an agency named in a plan: the key its assignments carry, else
 * the lexicon's (a body named only as a task's lead or support), so that one
 * body is one key across plans.
 */
function agencyKeys(document: PlanDocument): (name: string) => string {
  const keyOf = new Map(document.assignments.map((a) => [a.agency, a.agencyKey] as const));
  return (name) => keyOf.get(name) ?? lexiconAgencyKey(name);
}

function deadlineAgencies(document: PlanDocument, keyFor: (name: string) => string): Map<string, AgencyRole[]> {
  const byDeadline = new Map<string, Map<string, AgencyRole>>();
  const add = (deadlineId: string, name: string, role: AssignmentRole, key = keyFor(name)): void => {
    const trimmed = name.trim();
    if (!trimmed) return;
    let agencies = byDeadline.get(deadlineId);
    if (!agencies) byDeadline.set(deadlineId, (agencies = new Map()));
    const held = agencies.get(key);
    if (!held) agencies.set(key, { key, name: trimmed, role });
    else if (ROLE_RANK.get(role)! < ROLE_RANK.get(held.role)!) held.role = role;
  };
  for (const task of document.tasks) {
    if (!task.deadlineId) continue;
    for (const name of task.lead) add(task.deadlineId, name, 'lead');
    for (const name of task.support) add(task.deadlineId, name, 'support');
  }
  for (const a of document.assignments) if (a.deadlineId) add(a.deadlineId, a.agency, a.role, a.agencyKey);
  return new Map([...byDeadline].map(([id, agencies]) => [id, [...agencies.values()].sort((x, y) => ROLE_RANK.get(x.role)! - ROLE_RANK.get(y.role)!)]));
}

function planRow(entry: ReportEntry): PlanRow {
  const document = entry.document;
  const m = document?.metadata;
  return {
    file: entry.file,
    sha256: entry.sha256,
    status: entry.status,
    code: entry.error?.code ?? null,
    message: entry.error ? shorten(entry.error.message, TEXT_LIMITS.message) : entry.reason ? shorten(entry.reason, TEXT_LIMITS.message) : null,
    duplicateOf: entry.duplicateOf ?? null,
    number: m?.number ?? null,
    title: m?.title ? shorten(m.title, TEXT_LIMITS.title) : null,
    issuer: m?.issuer ?? null,
    issuedDate: m?.issuedDate ?? null,
    pages: document?.source.pageCount ?? null,
    counts: document
      ? {
          sections: countSections(document.sections),
          targets: document.targets.length,
          deadlines: document.deadlines.length,
          legalReferences: document.legalReferences.length,
          assignments: document.assignments.length,
          tasks: document.tasks.length,
          warnings: document.warnings.length,
        }
      : null,
    span: document ? planSpan(document) : null,
  };
}

/** The rows the report keeps of one input. A duplicate's entities are left to the input it duplicates. */
export function planRows(entry: ReportEntry): PlanRows {
  const plan = planRow(entry);
  const document = entry.document;
  if (!document || entry.status !== 'ok' || entry.duplicateOf) return { plan, deadlines: [], targets: [], responsibilities: [] };

  const keyFor = agencyKeys(document);
  const agenciesOf = deadlineAgencies(document, keyFor);
  const tasks = tasksByDeadline(document);

  const deadlines = document.deadlines.map((d): DeadlineRow => {
    const work = dueWork(d, tasks);
    return {
      section: sectionText(d.sectionPath),
      text: shorten(d.text, TEXT_LIMITS.deadline),
      work: work ? shorten(work, TEXT_LIMITS.work) : null,
      kind: d.kind,
      due: dueDate(d),
      start: d.start,
      end: d.end,
      recurrence: d.kind === 'recurring' ? (d.recurrence ?? []) : [],
      page: d.page,
      agencies: agenciesOf.get(d.id) ?? [],
    };
  });

  const targets = document.targets.map((t): TargetRow => {
    const indicator = shorten(t.indicator || t.text, TEXT_LIMITS.indicator);
    const text = shorten(t.text, TEXT_LIMITS.targetText);
    return {
      section: sectionText(t.sectionPath),
      indicator,
      text: text === indicator ? null : text,
      direction: t.direction,
      comparator: t.comparator,
      unit: t.unit,
      value: t.value,
      valueMax: t.valueMax,
      page: t.page,
    };
  });

  const sections = keyedSections(document.sections);
  const { drafts, names } = matrixDrafts(
    document,
    (id) => {
      const section = sections.get(id);
      return section ? { anchor: null, label: sectionLabel(section) } : null;
    },
    keyFor,
  );
  const responsibilities = drafts
    .filter((d) => d.cells.size > 0)
    .map(
      (d): ResponsibilityRow => ({
        label: shorten(d.label, TEXT_LIMITS.rowLabel),
        section: sectionText(d.sectionPath),
        page: d.page,
        task: d.task,
        agencies: [...d.cells].map(([key, role]) => ({ key, name: names.get(key)!, role: ROLES[role]! })),
      }),
    );
  return { plan, deadlines, targets, responsibilities };
}
