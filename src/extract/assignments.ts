import type { Assignment, Deadline } from '../schema/document.js';
import type { ExtractionContext } from './context.js';
export function extractAssignments(_context: ExtractionContext, _d: Deadline[]): Assignment[] { return []; }
