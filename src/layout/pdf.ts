import type { PageInfo } from '../tree.js';
import type { FlowItem, LayoutLine } from './lines.js';

/** PDF reader: for now the ingester's paragraph decisions pass through. */
export function readPdfFlow(lines: LayoutLine[], _pages: PageInfo[]): FlowItem[] {
  return lines.map((line) => ({ kind: 'line', line }));
}
