import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanDocumentSchema, parse, parseText, type PlanDocument } from '../src/index.js';
import { checkPlanDocument, compileExactCheck } from '../src/schema/check.js';

// Parsing it is this module's first check; the checks below go past the third, where the check is compiled.
const hueText = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'hue-2026.txt'), 'utf8');
const plan = parseText(hueText, { name: 'hue-2026.txt' });
const copyOf = (document: PlanDocument): PlanDocument => structuredClone(document);
const issuesOf = (document: PlanDocument): string[] => checkPlanDocument(document).issues?.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('checkPlanDocument', () => {
  it('hands out the parsed document itself, before and after its check is compiled', () => {
    for (let i = 0; i < 4; i++) {
      const checked = checkPlanDocument(plan);
      expect(checked.document).toBe(plan);
      expect(checked.issues).toBeNull();
    }
    expect(plan.sections.some((section) => section.children.length > 0) && plan.assignments.length > 0).toBe(true);
    // Handed out as built, it reads as zod's copy did: the same keys in the same order.
    expect(JSON.stringify(plan)).toBe(JSON.stringify(PlanDocumentSchema.parse(plan)));
  });

  it('compiles: zod can compile the strict, unrolled copy of the schema, and it accepts a parsed document', () => {
    expect(compileExactCheck().validate(plan)).toBe(true);
  });

  it.each(['hue-2026.pdf', 'chuyen-doi-so-2025.docx', 'chuyen-doi-so-2025.doc', 'doc-multi-paragraph-cell.doc'])('hands out %s with its keys in the schema\'s order, as zod\'s copy had them', async (file) => {
    const parsed = await parse(join(import.meta.dirname, '..', 'fixtures', file), { isolate: false });
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(PlanDocumentSchema.parse(parsed)));
  });

  it('fails what the schema fails, naming the field: a span ending before it starts, a cell two tables deep, a kind it does not list', () => {
    const backwards = copyOf(plan);
    backwards.deadlines[0]!.span = { start: 10, end: 4 };
    expect(issuesOf(backwards)).toEqual(['deadlines.0.span: span.end must not precede span.start']);

    const nested = copyOf(plan);
    const cell = { table: 0, row: 0, column: 0, rowSpan: 1, colSpan: 1, within: null };
    nested.assignments[0]!.origin.cell = { ...cell, within: { ...cell, table: 1, within: { ...cell, table: 2, row: -1 } } };
    expect(issuesOf(nested)).toEqual([expect.stringMatching(/^assignments\.0\.origin\.cell\.within\.within\.row: /)]);

    const unknownRole = copyOf(plan);
    (unknownRole.assignments[0] as { role: string }).role = 'chair';
    expect(issuesOf(unknownRole)).toEqual([expect.stringMatching(/^assignments\.0\.role: /)]);
  });

  it('hands out zod\'s copy, without it, when the document holds a key the schema does not name', () => {
    const extra = copyOf(plan);
    Object.assign(extra.sections[0]!, { internal: true });
    const { document } = checkPlanDocument(extra);
    expect(document).not.toBe(extra);
    expect(document?.sections[0]).not.toHaveProperty('internal');
    expect(JSON.stringify(document)).toBe(JSON.stringify(plan));
  });

  it('accepts sections nested deeper than the compiled check unrolls, and fails a bad one down there', () => {
    const deep = copyOf(plan);
    let section = deep.sections[0]!;
    for (let level = 0; level < 12; level++) {
      const child = { ...copyOf(section), id: `${section.id}.${level}`, children: [] };
      section.children.push(child);
      section = child;
    }
    expect(checkPlanDocument(deep).document).toBe(deep);
    section.span = { start: 3, end: 1 };
    expect(issuesOf(deep)).toHaveLength(1);
  });

  it('hands out, parse after parse, trees that share no object with each other', () => {
    const objects = (value: unknown, into = new Set<object>()): Set<object> => {
      if (value === null || typeof value !== 'object' || into.has(value)) return into;
      into.add(value);
      for (const child of Object.values(value)) objects(child, into);
      return into;
    };
    const again = parseText(hueText, { name: 'hue-2026.txt' });
    const first = objects(plan);
    expect(first.size).toBeGreaterThan(500);
    expect([...objects(again)].filter((object) => first.has(object))).toEqual([]);
  });
});
