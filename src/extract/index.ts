import type { DefaultYear } from '../lexicon/dates.js';
import type { StructuredDocument } from '../tree.js';
import { extractAssignments } from './assignments.js';
import type { Assignment, Deadline, ExtractionContext, ExtractionWarning, LegalReference, Target, Task } from './context.js';
import { extractDeadlines } from './deadlines.js';
import { extractLegalReferences } from './legal-references.js';
import { extractTargets } from './targets.js';
import { extractTasks } from './tasks.js';

export interface ExtractedEntities {
  entities: { targets: Target[]; deadlines: Deadline[]; legalReferences: LegalReference[]; assignments: Assignment[]; tasks: Task[] };
  warnings: ExtractionWarning[];
}

/**
 * The year of a date printed without one (output contract, "Plan year"): in a
 * school-year plan months 8–12 take the first year and 1–7 the second; else
 * the plan year; else the issue year.
 */
function yearOfDates({ planYear, planPeriod, header }: StructuredDocument): DefaultYear {
  if (planYear !== null && planPeriod !== null && planPeriod.end === planPeriod.start + 1) {
    return (month) => (month >= 8 ? planPeriod.start : planPeriod.end);
  }
  return planYear ?? header.headerYear;
}

/**
 * The extract stage: one module per entity, each reading the body, preamble
 * and appendix paragraphs with their sections. Legal references run first,
 * since deadlines and targets skip the spans they cover.
 */
export function extract(document: StructuredDocument): ExtractedEntities {
  const context: ExtractionContext = {
    text: document.text,
    paragraphs: document.bodyParagraphs,
    footnotes: document.footnotes.map(({ marker, text, span, page }) => ({ marker, text, span, page })),
    titleParagraphs: document.paragraphs.filter((p) => p.part === 'title').map(({ text, start, page }) => ({ text, start, page })),
    planYear: yearOfDates(document),
    headerDate: document.header.issuedDate,
  };
  const warnings: ExtractionWarning[] = [];
  const legalReferences = extractLegalReferences(context);
  const citedSpans = legalReferences.citedSpans;
  const deadlines = extractDeadlines(context, citedSpans, warnings);
  const targets = extractTargets(context, citedSpans);
  const { assignments, namedDuties } = extractAssignments(context, deadlines);
  const tasks = extractTasks(context.paragraphs, deadlines, namedDuties);
  return { entities: { targets, deadlines, legalReferences: legalReferences.references, assignments, tasks }, warnings };
}
