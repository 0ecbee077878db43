import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type PlanDocument } from '../src/index.js';
import { ingestDocx } from '../src/ingest/docx.js';
import { ingestPdf } from '../src/ingest/pdf.js';
import { ingestText } from '../src/ingest/text.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { normaliseText } from '../src/text/vietnamese.js';
import type { Box, IngestedDocument, Origin } from '../src/tree.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const PLANS = ['hcmc-2026', 'hue-2026', 'tan-binh-2025', 'chuyen-doi-so-2025', 'le-hoi-du-lich', 'giao-duc-nam-hoc'];

/**
 * Text compared without what layout legitimately changes: white space and
 * line breaks, emphasis markers, hyphens of words split at a line end, and
 * footnote markers (fused digits or superscripts) detached from the text.
 */
const comparable = (text: string): string => normaliseText(text).replace(/[\s*⁰¹²³⁴⁵⁶⁷⁸⁹-]+/gu, '');

/** Two words the same, but for a footnote number fused to the source's ("phạm1." for "phạm.", "20302." for "2030."). */
const sameWord = (source: string, word: string): boolean =>
  source === word || source.replace(/(\p{L}|(?:19|20)\d\d)\d{1,2}(?=\P{L}*$)/u, '$1') === word;

/**
 * Does the source hold the entity's text? As one run, or word by word in order where
 * the source interleaves other text (a footnote body or page number inside a paragraph).
 * Inner words must be equal; the first and last may be cut from a longer source word.
 */
function holds(source: string, text: string): boolean {
  if (comparable(source).includes(comparable(text))) return true;
  const sourceWords = normaliseText(source).split(/\s+/).map(comparable).filter(Boolean);
  const words = normaliseText(text).split(/\s+/).map(comparable).filter(Boolean);
  let at = 0;
  for (const [i, word] of words.entries()) {
    const edge = i === 0 || i === words.length - 1;
    while (at < sourceWords.length && !(edge ? sourceWords[at]!.includes(word) : sameWord(sourceWords[at]!, word))) at++;
    if (at === sourceWords.length) return false;
    at++;
  }
  return true;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width + 0.5 && b.x < a.x + a.width + 0.5 && a.y < b.y + b.height + 0.5 && b.y < a.y + a.height + 0.5;

/** The source text an origin points at, read from the ingested source lines. */
function sourceTextAt(source: IngestedDocument, raw: string, origin: Origin): string {
  if (source.format === 'txt') return origin.offset ? raw.slice(origin.offset.start, origin.offset.end) : '';
  if (source.format === 'docx') return source.lines.filter((l) => l.origin.paragraph === origin.paragraph).map((l) => l.text).join(' ');
  return source.lines
    .filter((l) => l.origin.page === origin.page && l.origin.box && origin.box && overlaps(l.origin.box, origin.box))
    .map((l) => l.text)
    .join(' ');
}

async function ingested(file: string, format: string): Promise<{ source: IngestedDocument; raw: string }> {
  const bytes = readFileSync(file);
  if (format === 'pdf') return { source: await ingestPdf(bytes, DEFAULT_LIMITS), raw: '' };
  if (format === 'docx') return { source: await ingestDocx(bytes, DEFAULT_LIMITS), raw: '' };
  const source = ingestText(bytes);
  return { source, raw: bytes.toString('utf8') };
}

const firstLine = (plan: PlanDocument, span: { start: number; end: number }): string => plan.text.slice(span.start, span.end).split('\n')[0]!;

function sectionsOf(list: PlanDocument['sections']): PlanDocument['sections'] {
  return list.flatMap((s) => [s, ...sectionsOf(s.children)]);
}

function entitiesOf(plan: PlanDocument): Array<{ kind: string; id: string; text: string; span: { start: number; end: number }; origin: Origin }> {
  return [
    // Sections and tables run over many paragraphs and pages: their first paragraph is checked.
    ...sectionsOf(plan.sections).map((s) => ({ kind: 'section', id: s.id, text: firstLine(plan, s.span), span: s.span, origin: s.origin! })),
    ...plan.tables.map((t) => ({ kind: 'table', id: t.id, text: firstLine(plan, t.span), span: t.span, origin: t.origin })),
    ...plan.targets.map((e) => ({ kind: 'target', ...e })),
    ...plan.deadlines.map((e) => ({ kind: 'deadline', ...e })),
    ...plan.legalReferences.map((e) => ({ kind: 'legal reference', ...e })),
    // An assignment's span is the clause or the whole agency-headed section (which may run over pages): its first paragraph is checked.
    ...plan.assignments.map((e) => ({ kind: 'assignment', id: e.id, text: firstLine(plan, e.span), span: e.span, origin: e.origin })),
  ];
}

describe('origins: every entity maps back to the source text it was read from', () => {
  for (const name of PLANS) {
    for (const format of ['txt', 'pdf', 'docx']) {
      it(`${name}.${format}`, async () => {
        const file = join(fixtures, `${name}.${format}`);
        const plan = await parse(file);
        const { source, raw } = await ingested(file, format);
        const entities = entitiesOf(plan);
        expect(entities.length).toBeGreaterThan(0);
        const wrong = entities
          .filter((e) => e.text.trim() !== '')
          .filter((e) => {
            const at = sourceTextAt(source, raw, e.origin);
            // An origin must point at the entity's own paragraphs (a footnote body or page number may sit inside them in the source), not at a larger stretch.
            const from = plan.text.lastIndexOf('\n', e.span.start - 1) + 1;
            const to = plan.text.indexOf('\n', e.span.end);
            const paragraphs = (to < 0 ? plan.text.length : to) - from;
            return !holds(at, e.text) || at.length > paragraphs * 2 + 600;
          })
          .map((e) => `${e.kind} ${e.id} "${e.text.slice(0, 60)}" → ${JSON.stringify(e.origin)}`);
        expect(wrong).toEqual([]);
        if (format === 'pdf') expect(entities.every((e) => e.origin.page !== null && e.origin.box !== null)).toBe(true);
        if (format === 'docx') expect(entities.every((e) => e.origin.paragraph !== null)).toBe(true);
        if (format === 'txt') expect(entities.every((e) => e.origin.offset !== null)).toBe(true);
      });
    }
  }
});
