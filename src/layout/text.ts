import type { FlowItem, LayoutLine } from './lines.js';

/** Plain-text reader: for now every line passes through. */
export function readTextFlow(lines: LayoutLine[]): FlowItem[] {
  return lines.map((line) => ({ kind: 'line', line }));
}
