import { describe, expect, it } from 'vitest';
import { isKehoachError, parse } from '../src/index.js';
import { brokenFiles } from './helpers/broken-files.js';

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
