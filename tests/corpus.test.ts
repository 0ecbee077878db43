import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, type PlanDocument } from '../src/index.js';
import { ENTITY_TYPES, ratios, scoreDocument, type EntityType, type GoldDocument } from '../src/eval/score.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const gold = (name: string): GoldDocument => JSON.parse(readFileSync(join(fixtures, 'gold', `${name}.gold.json`), 'utf8')) as GoldDocument;
const flatPaths = (d: PlanDocument): string[] => {
  const out: string[] = [];
  const walk = (list: PlanDocument['sections']): void => list.forEach((s) => (out.push(s.path.join('/')), walk(s.children)));
  walk(d.sections);
  return out;
};

describe.each(['hcmc-2026', 'hue-2026', 'tan-binh-2025'])('%s.txt against its gold', (name) => {
  let document: PlanDocument;
  beforeAll(async () => {
    document = await parse(join(fixtures, `${name}.txt`));
  });

  it('meets the issue thresholds', () => {
    const score = scoreDocument(document, gold(name));
    expect(score.types.sections.f1).toBeGreaterThanOrEqual(0.97);
    expect(score.types.targets.f1).toBeGreaterThanOrEqual(0.9);
    expect(score.types.deadlines.f1).toBeGreaterThanOrEqual(0.9);
    expect(score.types.legalReferences.f1).toBeGreaterThanOrEqual(0.95);
    expect(score.types.assignments.f1).toBeGreaterThanOrEqual(0.85);
    expect(score.metadata.correct / score.metadata.total).toBeGreaterThanOrEqual(0.9);
  });

  it('gives every entity a span that reads its text', () => {
    for (const list of [document.targets, document.deadlines, document.legalReferences]) {
      for (const entity of list) {
        expect(entity.span.end).toBeLessThanOrEqual(document.text.length);
        expect(document.text.slice(entity.span.start, entity.span.end)).toContain(entity.text.slice(0, 10));
      }
    }
    for (const f of document.footnotes) expect(document.text.slice(f.span.start, f.span.end)).toBe(f.text);
  });

  it('never makes a section of a footnote body or a page number', () => {
    for (const path of flatPaths(document)) expect(path).toMatch(/^(?:[IVX]+)(?:\/(?:\d+|\d+\.\d+|[a-zđ]|\(\d+\)))*$/);
  });
});

describe('hue-2026.txt details', () => {
  let d: PlanDocument;
  beforeAll(async () => {
    d = await parse(join(fixtures, 'hue-2026.txt'));
  });

  it('reads the signature block', () => {
    expect(d.metadata.signer).toEqual({ name: 'Nguyễn Thanh Bình', position: 'PHÓ CHỦ TỊCH', authority: 'KT.', onBehalfOf: 'ỦY BAN NHÂN DÂN' });
    expect(d.metadata.recipients[0]).toBe('Bộ Công an');
    expect(d.metadata.recipients.at(-1)).toBe('Lưu: VT, NC');
  });

  it('pulls the three footnotes out and detaches their fused markers', () => {
    expect(d.footnotes.map((f) => f.marker)).toEqual(['1', '2', '3']);
    expect(d.footnotes[2]!.text).toContain('04/2019/QĐ-TTg');
    expect(d.text).toContain('giai đoạn 2025 - 2030.');
    expect(d.text).not.toContain('20302');
    expect(d.text).toContain('chống tội phạm. Xác định');
  });

  it('marks references found in footnotes', () => {
    const ref = d.legalReferences.find((r) => r.symbol === '70-CT/TU')!;
    expect(ref).toMatchObject({ inFootnote: true, sectionPath: null, issuedDate: '2025-08-29', typeCode: 'CT', issuerCode: 'TU' });
  });

  it('reads "(hoàn thành trước ngày 25/3/2026)" as a by-deadline in II.9', () => {
    const deadline = d.deadlines.find((x) => x.date === '2026-03-25')!;
    expect(deadline).toMatchObject({ kind: 'by', sectionPath: ['II', '9'], text: 'hoàn thành trước ngày 25/3/2026' });
  });

  it('reads a parenthetical assignment with lead and support', () => {
    const inD = d.assignments.filter((a) => a.sectionPath.join('/') === 'II/1/d').map((a) => `${a.role}:${a.agency}`);
    expect(inD).toEqual(expect.arrayContaining(['lead:Công an thành phố', 'support:các sở, ban, ngành, địa phương']));
  });
});

describe('tan-binh-2025.txt details', () => {
  let d: PlanDocument;
  beforeAll(async () => {
    d = await parse(join(fixtures, 'tan-binh-2025.txt'));
  });

  it('reads the header place and date and keeps both "III." parts', () => {
    expect(d.metadata).toMatchObject({ place: 'Tân Bình', issuedDate: '2025-03-12', planYear: 2025, number: null });
    expect(d.sections.map((s) => s.path[0])).toEqual(['I', 'II', 'III', 'III']);
    expect(new Set(d.sections.map((s) => s.id)).size).toBe(4);
  });

  it('reads targets with their comparators', () => {
    const first = d.targets[0]!;
    expect(first).toMatchObject({ comparator: 'gte', value: 5, unit: '%', direction: 'decrease', indicator: 'số vụ phạm tội về trật tự xã hội' });
    expect(d.targets.find((t) => t.value === 60)).toMatchObject({ comparator: 'gte' });
  });

  it('reads the recurring report deadline', () => {
    const recurring = d.deadlines.find((x) => x.kind === 'recurring' && x.recurrence!.length > 0)!;
    expect(new Set(recurring.recurrence)).toEqual(new Set(['quarterly', 'semiannual', 'annual']));
    expect(recurring.sectionPath).toEqual(['III', '2']);
  });

  it('heads agency sections and requests "Đề nghị" bodies', () => {
    const iii11 = d.assignments.filter((a) => a.sectionPath.join('/') === 'III/11');
    expect(iii11.map((a) => a.agency)).toContain('Viện kiểm sát nhân dân quận');
    expect(iii11.every((a) => a.requested)).toBe(true);
  });
});

describe('PDF and DOCX against the text rendition', () => {
  const names = ['hcmc-2026', 'hue-2026', 'tan-binh-2025'];
  const overall = async (format: string): Promise<Record<EntityType, number>> => {
    const totals = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<EntityType, { tp: number; fp: number; fn: number }>;
    for (const name of names) {
      const score = scoreDocument(await parse(join(fixtures, `${name}.${format}`)), gold(name));
      for (const t of ENTITY_TYPES) for (const k of ['tp', 'fp', 'fn'] as const) totals[t][k] += score.types[t][k];
    }
    return Object.fromEntries(ENTITY_TYPES.map((t) => [t, ratios(totals[t]).f1])) as Record<EntityType, number>;
  };

  it.each(['pdf', 'docx'])('%s scores within 0.02 F1 of .txt for every entity type', async (format) => {
    const [text, other] = [await overall('txt'), await overall(format)];
    for (const t of ENTITY_TYPES) expect(other[t], t).toBeGreaterThanOrEqual(text[t] - 0.02);
  });

  // The PDF sets recipients tighter than the body, at the margin, and wraps one of hue's onto a line of its own.
  it.each(names)('%s: the recipients list reads the same in all three formats', async (name) => {
    const [text, pdf, docx] = await Promise.all(['txt', 'pdf', 'docx'].map(async (format) => (await parse(join(fixtures, `${name}.${format}`))).metadata.recipients));
    expect(text!.length).toBeGreaterThan(5);
    expect(pdf).toEqual(text);
    expect(docx).toEqual(text);
  });
});
