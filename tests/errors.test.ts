import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KehoachError, parse, parseText } from '../src/index.js';
import { languageOf, reason, REASONS } from '../src/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'kehoach-errors-'));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(KehoachError);
    expect((error as KehoachError).file).not.toBeNull();
    return (error as KehoachError).code;
  }
}

describe('bad input gets a typed error naming the file', () => {
  it('missing file', async () => {
    expect(await codeOf(parse(join(dir, 'nope.txt')))).toBe('FILE_NOT_FOUND');
  });
  it('empty file', async () => {
    expect(await codeOf(parse(file('empty.txt', '')))).toBe('EMPTY_INPUT');
  });
  it('binary garbage', async () => {
    const bytes = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    expect(await codeOf(parse(file('garbage.bin', bytes)))).toBe('UNSUPPORTED_FORMAT');
  });
  it('a text that is not a plan', async () => {
    expect(await codeOf(parse(file('recipe.txt', 'Cách nấu phở bò.\nChuẩn bị xương bò, bánh phở, hành, gừng.\nNinh xương trong 6 giờ.')))).toBe('NOT_A_PLAN');
  });
  it('random bytes named .pdf and .docx', async () => {
    expect(await codeOf(parse(file('fake.pdf', 'not a pdf at all')))).toBe('CORRUPT_INPUT');
    expect(await codeOf(parse(file('fake.docx', 'not a docx at all')))).toBe('CORRUPT_INPUT');
  });
  it('over the size limit', async () => {
    expect(await codeOf(parse(file('big.txt', 'KẾ HOẠCH\n'.repeat(100)), { limits: { maxInputBytes: 50 } }))).toBe('LIMIT_EXCEEDED');
  });
  it('parseText names its input too', () => {
    expect(() => parseText('   ', { name: 'blank.txt' })).toThrow(/blank\.txt/);
  });
});

describe('messages in the user’s language', () => {
  it('reads the language from --lang, then LC_ALL, LC_MESSAGES and LANG, empty values unset', () => {
    expect(languageOf('vi', {})).toBe('vi');
    expect(languageOf(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(languageOf(undefined, { LC_ALL: '', LANG: 'vi_VN' })).toBe('vi');
    expect(languageOf(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'vi_VN' })).toBe('en');
    expect(languageOf(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(languageOf(undefined, { LANG: 'vivid' })).toBe('en');
    expect(languageOf(undefined, {})).toBe('en');
  });

  it('has every reason in both languages, and the Vietnamese one is a translation, not a copy', () => {
    const sample = { size: 1, limit: 2, pages: 3, entries: 4, ms: 5, errno: 'EACCES', kind: 'a FIFO', extension: 'pdf', part: 'word/document.xml', entry: 'a.xml', how: 'SIGKILL', value: '3/2', who: 'pid 7', lock: 'out/.kehoach-batch.lock' };
    for (const [key, sentence] of Object.entries(REASONS)) {
      const en = (sentence.en as (p: typeof sample) => string)(sample);
      const vi = (sentence.vi as (p: typeof sample) => string)(sample);
      expect(en, key).not.toBe('');
      expect(vi, key).not.toBe(en);
      expect(vi, key).not.toMatch(/undefined/);
    }
  });

  it('keeps the code and file whatever the language', () => {
    const error = new KehoachError('LIMIT_EXCEEDED', reason('pdfTooManyPages', { pages: 900, limit: 500 }), { file: 'a.pdf' });
    expect(error.message).toBe('a.pdf: the PDF has 900 pages, over the maxPages limit of 500');
    expect(error.messageIn('vi')).toBe('a.pdf: tệp PDF có 900 trang, vượt giới hạn maxPages (500 trang)');
    expect(error.withFile('b.pdf').messageIn('vi')).toBe('a.pdf: tệp PDF có 900 trang, vượt giới hạn maxPages (500 trang)');
    expect(new KehoachError('NOT_A_PLAN', reason('notAPlan')).withFile('x.txt').messageIn('vi')).toMatch(/^x\.txt: không có dòng tên loại văn bản/);
    expect(error.toJSON()).toMatchObject({ code: 'LIMIT_EXCEEDED', reason: { key: 'pdfTooManyPages', params: { pages: 900, limit: 500 } } });
  });
});

describe('reasons a person can act on', () => {
  it('never quotes a library’s own words: for every broken file the message is a reason of ours, the library’s text stays in details.cause', async () => {
    const { brokenFiles } = await import('./helpers/broken-files.js');
    let quoted = 0;
    for (const broken of await brokenFiles()) {
      try {
        await parse(broken.bytes, { name: broken.name, isolate: false });
      } catch (error) {
        const e = error as KehoachError;
        expect(e.reason, broken.name).not.toBeNull();
        const cause = e.details.cause;
        if (typeof cause === 'string') {
          quoted++;
          expect(e.message, broken.name).not.toContain(cause);
          expect(e.messageIn('vi'), broken.name).not.toContain(cause);
        }
      }
    }
    // The damaged PDF, DOCX and ZIP cases do carry a library's words: they are there, in details only.
    expect(quoted).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
