import type { Footnote, Span } from '../schema/document.js';
import type { BodyParagraph } from '../structure/sections.js';

/** What every extractor reads: the output text, the body paragraphs with their sections, and the footnotes. */
export interface ExtractionContext {
  text: string;
  paragraphs: BodyParagraph[];
  footnotes: Footnote[];
  /** The year the plan covers: dates printed without a year take it. */
  planYear: number | null;
  headerDate: string | null;
}

export type ExtractionWarning = { code: string; message: string };

/** Does `span` share at least one code unit with any of `spans`? */
export function overlapsAny(span: Span, spans: Span[]): boolean {
  return spans.some((s) => span.start < s.end && s.start < span.end);
}
