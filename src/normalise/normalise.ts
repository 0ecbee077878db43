import type { IngestedDocument } from '../tree.js';
import { normaliseText } from '../text/vietnamese.js';

/**
 * The normalise stage: every line's text to NFC with modern tone placement,
 * look-alike letters and invisible characters fixed (domain-notes §6).
 * Legacy 8-bit encodings are decoded earlier, by the ingesters, because only
 * they know each run's font. Origins are untouched: they point at the source.
 */
export function normalise(document: IngestedDocument): IngestedDocument {
  // A line already normal is kept as it is, not copied: most lines of a Unicode plan are, and at archive scale the
  // copies were much of what the collector had to carry.
  return {
    ...document,
    lines: document.lines.map((line) => {
      const text = normaliseLine(line.text);
      return text === line.text ? line : { ...line, text };
    }),
  };
}

/** Tabs separate cells in tab-separated tables, so they survive; every other space is normalised. */
function normaliseLine(text: string): string {
  return text.includes('\t') ? text.split('\t').map(normaliseText).join('\t') : normaliseText(text);
}
