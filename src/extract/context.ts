import type * as Out from '../schema/document.js';
import type { Span } from '../schema/document.js';
import type { DefaultYear } from '../lexicon/dates.js';
import { isEvaluationHeading } from '../lexicon/parts.js';
import type { BodyParagraph } from '../tree.js';

/** What every extractor reads: the output text, the body paragraphs with their sections, and the footnotes. */
export interface ExtractionContext {
  text: string;
  paragraphs: BodyParagraph[];
  footnotes: Array<{ marker: string; text: string; span: Span; page: number | null }>;
  /** The title's paragraphs: "Thực hiện Nghị quyết số 30c/NQ-CP" cites a document there too. */
  titleParagraphs: Array<{ text: string; start: number; page: number | null }>;
  /** The year the plan covers: dates printed without a year take it. */
  planYear: DefaultYear;
  headerDate: string | null;
}

export type ExtractionWarning = { code: string; message: string };

/** Does `span` share at least one code unit with any of `spans`? */
export function overlapsAny(span: Span, spans: Span[]): boolean {
  return spans.some((s) => span.start < s.end && s.start < span.end);
}

/** In spans sorted by start, the index of the first that starts at or after `from` (their length where none does). */
function firstStartingFrom(sorted: readonly Span[], from: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]!.start < from) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Spans sorted once, so that each paragraph finds those overlapping it by binary search:
 * asking every span of a document for every paragraph grows with the square of its size.
 */
export class SpanIndex {
  private readonly spans: Span[];
  private readonly longest: number;

  constructor(spans: Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
    this.longest = this.spans.reduce((max, s) => Math.max(max, s.end - s.start), 0);
  }

  /** The spans that overlap [start, end), in order of their start. */
  overlapping(start: number, end: number): Span[] {
    // The first span that could reach `start` begins at most `longest` before it.
    const out: Span[] = [];
    for (let i = firstStartingFrom(this.spans, start - this.longest); i < this.spans.length && this.spans[i]!.start < end; i++) {
      if (this.spans[i]!.end > start) out.push(this.spans[i]!);
    }
    return out;
  }
}

/**
 * Items ordered by where their spans start, to find the first of them (in
 * their own order) lying within a range by reading only the items that start
 * inside it, not every item of the document for every question.
 */
export class SpanContainment<T extends { span: Span }> {
  /** The items' indices, and their spans, in order of the spans' start. */
  private readonly order: number[];
  private readonly spans: Span[];

  constructor(private readonly items: readonly T[]) {
    this.order = items.map((_, i) => i).sort((a, b) => items[a]!.span.start - items[b]!.span.start);
    this.spans = this.order.map((i) => items[i]!.span);
  }

  /** The first item, in the items' order, whose span lies within [start, end]. */
  firstWithin(start: number, end: number): T | undefined {
    let first = -1;
    // A span starting past `end` ends past it too.
    for (let i = firstStartingFrom(this.spans, start); i < this.spans.length && this.spans[i]!.start <= end; i++) {
      if (this.spans[i]!.end <= end && (first < 0 || this.order[i]! < first)) first = this.order[i]!;
    }
    return first < 0 ? undefined : this.items[first];
  }
}

/** Entities as the extractors find them; assemble adds each one's origin from its span. */
export type Target = Omit<Out.Target, 'origin'>;
export type Deadline = Omit<Out.Deadline, 'origin'>;
export type LegalReference = Omit<Out.LegalReference, 'origin'>;
export type Assignment = Omit<Out.Assignment, 'origin'>;
export type Task = Omit<Out.Task, 'origin'>;

/** A paragraph in a part that reports results ("Phần I. ĐÁNH GIÁ KẾT QUẢ …"): its figures and duties are past, not commitments. */
export const inEvaluationPart = (paragraph: BodyParagraph): boolean => paragraph.ancestors.some((section) => section.heading !== null && isEvaluationHeading(section.heading));
