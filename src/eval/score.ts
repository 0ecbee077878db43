import type { PlanDocument, Section } from '../schema/document.js';
import { expandAbbreviations } from '../lexicon/agencies.js';
import { foldVietnamese } from '../text/vietnamese.js';

/**
 * Scores a PlanDocument against a gold annotation by the rules of
 * gold-format.md: per entity type precision / recall / F1, with optional gold
 * items neither rewarded nor penalised, and metadata field by field.
 */
export interface GoldItem {
  optional?: boolean;
  [field: string]: unknown;
}

export interface GoldDocument {
  document?: string;
  metadata: Record<string, unknown>;
  sections: GoldItem[];
  targets: GoldItem[];
  deadlines: GoldItem[];
  legalReferences: GoldItem[];
  assignments: GoldItem[];
  /** Absent in gold files made before tasks were scored: their tasks are not measured. */
  tasks?: GoldItem[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface TypeScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
  /** Attribute accuracy over matches (direction for targets, issuedDate for references). */
  attributeAccuracy?: number;
  /** Keys of false positives and misses, for reading what went wrong. */
  falsePositives: string[];
  misses: string[];
}

export const ENTITY_TYPES = ['sections', 'targets', 'deadlines', 'legalReferences', 'assignments', 'tasks'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface DocumentScore {
  types: Record<EntityType, TypeScore>;
  metadata: { correct: number; total: number; wrong: Array<{ field: string; expected: unknown; actual: unknown }> };
}

export function ratios(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The first two labels, counted below any "Phần …" labels, which are kept on top (gold-format "Scoring"). */
const head = (path: unknown): string => {
  if (!Array.isArray(path)) return '';
  const parts = path.filter((label) => typeof label === 'string' && /^Phần\s/u.test(label));
  return [...parts, ...path.slice(parts.length, parts.length + 2)].join('/');
};
const collapse = (v: unknown): string => String(v ?? '').replace(/\s+/g, ' ').trim();

export function normaliseAgencyForScoring(agency: string): string {
  return foldVietnamese(expandAbbreviations(collapse(agency)))
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function titleKey(title: unknown): string {
  return foldVietnamese(collapse(title)).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

interface Keyed {
  key: string;
  /** Where a key is a prefix and a unit, the unit compared by `unitsAgree` (targets). */
  unit?: string;
  /** What makes two predictions the same item when a type is scored as a set (defaults to `key`). */
  identity?: string;
  attribute?: unknown;
}

/** One-to-one matching: required gold first, then optional gold (ignored), else a false positive. */
/**
 * Units compare after folding case, tone marks and the spaces around "/",
 * and a unit agrees with its head noun: "tổ" with "tổ cấp cứu" (gold-format "Scoring").
 */
export function unitsAgree(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const fold = (unit: string): string => foldVietnamese(unit).replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ').trim();
  const [x, y] = [fold(a), fold(b)];
  // A head noun may have more than one syllable ("sản phẩm" of "sản phẩm OCOP"), so a whole-word prefix agrees.
  return x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `);
}

function matchKeys(predicted: Keyed[], gold: Array<Keyed & { optional: boolean }>, dedupe: boolean): TypeScore {
  const used = new Array<boolean>(gold.length).fill(false);
  let tp = 0;
  let fp = 0;
  let attributeHits = 0;
  let attributeTotal = 0;
  const falsePositives: string[] = [];
  const seen = new Set<string>();
  for (const p of predicted) {
    if (dedupe) {
      const identity = p.identity ?? p.key;
      if (seen.has(identity)) continue;
      seen.add(identity);
    }
    let index = gold.findIndex((g, i) => !used[i] && !g.optional && g.key === p.key && unitsAgree(g.unit, p.unit));
    if (index >= 0) {
      used[index] = true;
      tp++;
      if (gold[index]!.attribute !== undefined) {
        attributeTotal++;
        if (gold[index]!.attribute === p.attribute) attributeHits++;
      }
      continue;
    }
    index = gold.findIndex((g, i) => !used[i] && g.optional && g.key === p.key && unitsAgree(g.unit, p.unit));
    if (index >= 0) {
      used[index] = true;
      continue;
    }
    fp++;
    falsePositives.push(p.unit === undefined ? p.key : `${p.key}|${p.unit}`);
  }
  const misses = gold.filter((g, i) => !used[i] && !g.optional).map((g) => (g.unit === undefined ? g.key : `${g.key}|${g.unit}`));
  const counts = { tp, fp, fn: misses.length };
  return {
    ...counts,
    ...ratios(counts),
    ...(attributeTotal > 0 ? { attributeAccuracy: attributeHits / attributeTotal } : {}),
    falsePositives,
    misses,
  };
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

const targetKey = (path: unknown, t: { value: unknown; valueMax: unknown; comparator: unknown }): string =>
  `${head(path)}|${t.value}|${t.valueMax ?? null}|${t.comparator}`;

const deadlineKey = (path: unknown, d: { kind: unknown; date: unknown; start: unknown; end: unknown; recurrence: unknown }): string => {
  const recurrence = d.kind === 'recurring' && Array.isArray(d.recurrence) ? [...d.recurrence].sort().join('+') : '';
  return `${head(path)}|${d.kind}|${d.date ?? null}|${d.start ?? null}|${d.end ?? null}|${recurrence}`;
};

const referenceKey = (r: { symbol: unknown; typeCode: unknown; title: unknown }): string =>
  r.symbol ? `symbol:${String(r.symbol).toLowerCase().replace(/\s+/g, '')}` : `named:${r.typeCode}|${titleKey(r.title)}`;

const assignmentKey = (path: unknown, agency: unknown, role: unknown): string => `${head(path)}|${normaliseAgencyForScoring(String(agency))}|${role}`;

/** Tasks match on the full path, the lead set and the deadline (gold-format "Appendices and tables"); support is an attribute. */
const agencySet = (agencies: unknown): string => (Array.isArray(agencies) ? agencies.map((a) => normaliseAgencyForScoring(String(a))).sort().join(';') : '');
const taskDeadlineKey = (d: { kind: unknown; date: unknown; start: unknown; end: unknown } | null | undefined): string =>
  d ? `${d.kind}|${d.date ?? null}|${d.start ?? null}|${d.end ?? null}` : 'none';
const taskKey = (path: unknown, lead: unknown, deadline: Parameters<typeof taskDeadlineKey>[0]): string =>
  `${Array.isArray(path) ? path.join('/') : ''}|${agencySet(lead)}|${taskDeadlineKey(deadline)}`;

const optional = (g: GoldItem): boolean => g.optional === true;

export function scoreDocument(document: PlanDocument, gold: GoldDocument): DocumentScore {
  const sections = matchKeys(
    flatten(document.sections).map((s) => ({ key: s.path.join('/') })),
    gold.sections.map((g) => ({ key: (g.path as string[]).join('/'), optional: optional(g) })),
    false,
  );
  const targets = matchKeys(
    document.targets.map((t) => ({ key: targetKey(t.sectionPath, t), unit: t.unit, attribute: t.direction })),
    gold.targets.map((g) => ({ key: targetKey(g.path, g as never), unit: String(g.unit), attribute: g.direction, optional: optional(g) })),
    false,
  );
  const deadlines = matchKeys(
    document.deadlines.map((d) => ({ key: deadlineKey(d.sectionPath, d) })),
    gold.deadlines.map((g) => ({ key: deadlineKey(g.path, g as never), optional: optional(g) })),
    false,
  );
  const legalReferences = matchKeys(
    document.legalReferences.map((r) => ({ key: referenceKey(r), attribute: r.issuedDate })),
    gold.legalReferences.map((g) => ({ key: referenceKey(g as never), attribute: g.issuedDate, optional: optional(g) })),
    true,
  );
  const assignments = matchKeys(
    // A set of (path, agency, role) triples on the full path, matched on the first two levels of the path.
    document.assignments.map((a) => ({ key: assignmentKey(a.sectionPath, a.agency, a.role), identity: `${a.sectionPath.join('/')}|${assignmentKey([], a.agency, a.role)}` })),
    gold.assignments.map((g) => ({ key: assignmentKey(g.path, g.agency, g.role), optional: optional(g) })),
    true,
  );

  const deadlineById = new Map(document.deadlines.map((d) => [d.id, d]));
  const tasks = gold.tasks
    ? matchKeys(
        document.tasks.map((t) => ({ key: taskKey(t.sectionPath, t.lead, t.deadlineId ? deadlineById.get(t.deadlineId) : null), attribute: agencySet(t.support) })),
        gold.tasks.map((g) => ({ key: taskKey(g.path, g.lead, g.deadline as never), attribute: agencySet(g.support), optional: optional(g) })),
        false,
      )
    : matchKeys([], [], false);

  const m = document.metadata;
  const actual: Record<string, unknown> = {
    documentType: m.documentType,
    number: m.number,
    issuer: m.issuer,
    place: m.place,
    issuedDate: m.issuedDate,
    planYear: m.planYear,
    title: m.title,
    signerName: m.signer.name,
    signerAuthority: m.signer.authority,
  };
  const wrong: DocumentScore['metadata']['wrong'] = [];
  let correct = 0;
  const fields = Object.keys(gold.metadata);
  for (const field of fields) {
    const expected = gold.metadata[field] ?? null;
    const got = actual[field] ?? null;
    if (collapse(expected) === collapse(got) && (expected === null) === (got === null)) correct++;
    else wrong.push({ field, expected, actual: got });
  }
  return { types: { sections, targets, deadlines, legalReferences, assignments, tasks }, metadata: { correct, total: fields.length, wrong } };
}
