import type { Deadline, Span } from '../schema/document.js';
import type { ExtractionContext, ExtractionWarning } from './context.js';
export function extractDeadlines(_context: ExtractionContext, _cited: Span[], _w: ExtractionWarning[]): Deadline[] { return []; }
