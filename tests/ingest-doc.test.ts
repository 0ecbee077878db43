import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, scoreDocument, type GoldDocument } from '../src/eval/score.js';
import { isKehoachError, parse } from '../src/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const gold = (name: string): GoldDocument => JSON.parse(readFileSync(join(fixtures, 'gold', `${name}.gold.json`), 'utf8')) as GoldDocument;

// The .doc fixtures are the corpus DOCX files saved as Word 97–2003 documents.
describe('Word 97–2003 (.doc) input', () => {
  for (const name of ['chuyen-doi-so-2025', 'hue-2026']) {
    it(`${name}.doc scores within 0.02 F1 of its DOCX for every entity type, with the same metadata`, async () => {
      const doc = await parse(join(fixtures, `${name}.doc`));
      const docx = await parse(join(fixtures, `${name}.docx`));
      expect(doc.source.format).toBe('doc');
      const [a, b] = [scoreDocument(doc, gold(name)), scoreDocument(docx, gold(name))];
      for (const type of ENTITY_TYPES) expect(a.types[type].f1).toBeGreaterThanOrEqual(b.types[type].f1 - 0.02);
      expect(a.metadata.correct).toBe(b.metadata.correct);
      expect(doc.tables.length).toBe(docx.tables.length);
    });
  }

  it('reads the appendix task table of chuyen-doi-so-2025.doc by its cells', async () => {
    const doc = await parse(join(fixtures, 'chuyen-doi-so-2025.doc'));
    expect(doc.tables[0]!.columnRoles).toEqual(['label', 'task', 'lead', 'support', 'deadline', 'product']);
    expect(doc.tasks.find((t) => t.sectionPath.join('/') === 'Phụ lục I/I/3')).toMatchObject({ lead: ['Sở Khoa học và Công nghệ'], support: ['Các sở, ban, ngành'] });
  });

  it('refuses a truncated .doc as CORRUPT_INPUT, naming the file', async () => {
    const bytes = readFileSync(join(fixtures, 'hue-2026.doc'));
    const error = await parse(bytes.subarray(0, 3000), { name: 'cut.doc' }).catch((e: unknown) => e);
    expect(isKehoachError(error) && error.code).toBe('CORRUPT_INPUT');
    expect((error as Error).message).toContain('cut.doc');
  });
});
