import type { Target } from '../schema/document.js';
import type { ExtractionContext } from './context.js';
import type { Span } from '../schema/document.js';
export function extractTargets(_context: ExtractionContext, _cited: Span[]): Target[] { return []; }
