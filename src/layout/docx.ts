import type { FlowItem, LayoutLine } from './lines.js';

/** DOCX reader: for now every paragraph passes through. */
export function readDocxFlow(lines: LayoutLine[]): FlowItem[] {
  return lines.map((line) => ({ kind: 'line', line }));
}
