import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKehoachError, parse } from '../src/index.js';
import { brokenFiles } from './helpers/broken-files.js';
import { buildDocx, p } from './helpers/build-docx.js';
import { buildPdf } from './helpers/build-pdf.js';

const files = await brokenFiles();

describe('broken and hostile input gets its documented answer', () => {
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, file) => {
    let code: string | null = null;
    try {
      const document = await parse(file.bytes, { name: file.name, limits: { maxXmlDepth: 256 } });
      expect(document.source.name).toBe(file.name);
    } catch (error) {
      if (!isKehoachError(error)) throw error;
      expect(error.file).toBe(file.name);
      expect(error.message).toContain(file.name);
      code = error.code;
    }
    expect(code).toBe(file.code);
  });
});

describe('limits give LIMIT_EXCEEDED naming the limit', () => {
  const limitOf = async (work: Promise<unknown>): Promise<unknown> => {
    try {
      await work;
      return 'no error';
    } catch (error) {
      if (!isKehoachError(error)) throw error;
      return { code: error.code, limit: error.details.limit };
    }
  };

  it('a DOCX that inflates past maxDocxUncompressedBytes (a zip bomb)', async () => {
    const bomb = await buildDocx({ body: [p('KẾ HOẠCH')], extraParts: { 'word/media/padding.xml': `<x>${' '.repeat(3_000_000)}</x>` } });
    expect(bomb.byteLength).toBeLessThan(50_000);
    expect(await limitOf(parse(bomb, { name: 'bomb.docx', limits: { maxDocxUncompressedBytes: 1_000_000 } }))).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxDocxUncompressedBytes' });
  });

  it('a DOCX with more entries than maxDocxEntries', async () => {
    const many = await buildDocx({ body: [p('KẾ HOẠCH')], extraParts: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`word/media/${i}.xml`, '<x/>'])) });
    expect(await limitOf(parse(many, { name: 'many.docx', limits: { maxDocxEntries: 20 } }))).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxDocxEntries' });
  });

  it('a PDF with more pages than maxPages', async () => {
    const pages = buildPdf([[{ text: 'KẾ HOẠCH', x: 270, y: 760 }], [], []]);
    expect(await limitOf(parse(pages, { name: 'pages.pdf', limits: { maxPages: 2 } }))).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'maxPages' });
  });

  it('a document over its time', async () => {
    const pdf = join(import.meta.dirname, '..', 'fixtures', 'hcmc-2026.pdf');
    expect(await limitOf(parse(pdf, { limits: { timeoutMs: 5 } }))).toEqual({ code: 'TIMEOUT', limit: 'timeoutMs' });
  });
});
