/**
 * Appends every item to `target`. `target.push(...items)` passes each item as
 * an argument and overflows the call stack past about a hundred thousand:
 * a document of that many lines or paragraphs is large, not invalid.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
