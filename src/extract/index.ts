import type { Assignment, Deadline, LegalReference, Target } from '../schema/document.js';
import { extractAssignments } from './assignments.js';
import type { ExtractionContext, ExtractionWarning } from './context.js';
import { extractDeadlines } from './deadlines.js';
import { extractLegalReferences } from './legal-references.js';
import { extractTargets } from './targets.js';

export interface ExtractedEntities {
  entities: { targets: Target[]; deadlines: Deadline[]; legalReferences: LegalReference[]; assignments: Assignment[] };
  warnings: ExtractionWarning[];
}

/** Runs the extractors; legal references first, since deadlines and targets skip the spans they cover. */
export function extractEntities(context: ExtractionContext): ExtractedEntities {
  const warnings: ExtractionWarning[] = [];
  const legalReferences = extractLegalReferences(context);
  const citedSpans = legalReferences.citedSpans;
  const deadlines = extractDeadlines(context, citedSpans, warnings);
  const targets = extractTargets(context, citedSpans);
  const assignments = extractAssignments(context, deadlines);
  return { entities: { targets, deadlines, legalReferences: legalReferences.references, assignments }, warnings };
}
