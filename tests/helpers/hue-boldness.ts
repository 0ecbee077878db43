import { expect } from 'vitest';
import type { SourceLine } from '../../src/ingest/types.js';

/** hue-2026 sets some section titles in bold and its labelled sentences in regular type, in the PDF and the DOCX alike. */
export function expectHueBoldness(lines: SourceLine[]): void {
  const boldOf = (start: string): boolean | undefined => lines.find((l) => l.text.startsWith(start))?.bold;
  expect(boldOf('II. NHIỆM VỤ, PHÂN CÔNG THỰC HIỆN')).toBe(true);
  expect(boldOf('2.1. Phòng ngừa xã hội')).toBe(true);
  expect(boldOf('a) Tập trung lãnh đạo')).toBe(false);
  expect(boldOf('2. Đẩy mạnh, nâng cao hiệu quả')).toBe(false);
}
