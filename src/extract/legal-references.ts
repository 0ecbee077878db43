import type { LegalReference, Span } from '../schema/document.js';
import type { ExtractionContext } from './context.js';
export function extractLegalReferences(_context: ExtractionContext): { references: LegalReference[]; citedSpans: Span[] } { return { references: [], citedSpans: [] }; }
