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

  it('refuses a container whose header or chains would make the reader loop or allocate without bound', async () => {
    const base = readFileSync(join(fixtures, 'hue-2026.doc'));
    const damaged = (edit: (view: DataView) => void): Buffer => {
      const bytes = Buffer.from(base);
      edit(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return bytes;
    };
    const hugeCount = damaged((view) => view.setUint32(0x2c, 800_000, true));
    const loop = damaged((view) => {
      const fat = (view.getUint32(0x4c, true) + 1) * 512;
      view.setUint32(fat + 4, 2, true);
      view.setUint32(fat + 8, 1, true);
    });
    for (const [name, bytes] of [['huge-count.doc', hugeCount], ['loop.doc', loop]] as const) {
      const error = await parse(bytes, { name }).catch((e: unknown) => e);
      expect(isKehoachError(error) && error.code).toBe('CORRUPT_INPUT');
    }
  });

  it('refuses a password-protected Word document as ENCRYPTED', async () => {
    const bytes = Buffer.from(readFileSync(join(fixtures, 'hue-2026.doc')));
    // The Word stream's file information block opens a sector with its magic 0xA5EC; fEncrypted is bit 0x0100 of the flags at 0x0A.
    let fib = -1;
    for (let at = 512; at < bytes.length && fib < 0; at += 512) if (bytes.readUInt16LE(at) === 0xa5ec) fib = at;
    expect(fib).toBeGreaterThan(0);
    bytes.writeUInt16LE(bytes.readUInt16LE(fib + 0x0a) | 0x0100, fib + 0x0a);
    const error = await parse(bytes, { name: 'locked.doc' }).catch((e: unknown) => e);
    expect(isKehoachError(error) && error.code).toBe('ENCRYPTED');
    expect((error as Error).message).toContain('locked.doc');
  });

  it('refuses a compound file that holds no Word document as UNSUPPORTED_FORMAT', async () => {
    const bytes = Buffer.from(readFileSync(join(fixtures, 'hue-2026.doc')));
    bytes.set(Buffer.from('XordDocument', 'utf16le'), bytes.indexOf(Buffer.from('WordDocument', 'utf16le')));
    const error = await parse(bytes, { name: 'sheet.xls' }).catch((e: unknown) => e);
    expect(isKehoachError(error) && error.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('keeps a merged group row inside its table, the rows under it nested', async () => {
    const doc = await parse(join(fixtures, 'doc-merged-group-row.doc'));
    expect(doc.tables).toHaveLength(1);
    expect(doc.tasks.map((t) => t.sectionPath.join('/'))).toEqual(['Phụ lục I/1', 'Phụ lục I/II/2', 'Phụ lục I/II/3']);
  });

  it('keeps a footnote of two paragraphs as one footnote', async () => {
    const doc = await parse(join(fixtures, 'doc-two-paragraph-footnote.doc'));
    expect(doc.footnotes.map((f) => [f.marker, f.text])).toEqual([
      ['1', 'Năm 2025 đạt 80%. Năm 2024 đạt 70%.'],
      ['2', 'Theo Quyết định số 12/QĐ-UBND.'],
    ]);
  });

  it('keeps a row whose cell holds two paragraphs as one row', async () => {
    const doc = await parse(join(fixtures, 'doc-multi-paragraph-cell.doc'));
    expect(doc.tables).toHaveLength(1);
    expect(doc.tasks.map((t) => [t.sectionPath.join('/'), t.lead])).toEqual([
      ['Phụ lục I/1', ['Sở Khoa học và Công nghệ']],
      ['Phụ lục I/2', ['Văn phòng UBND tỉnh']],
      ['Phụ lục I/3', ['Sở Khoa học và Công nghệ']],
    ]);
  });
});
