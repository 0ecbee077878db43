import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KehoachError, parse, parseText } from '../src/index.js';

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
