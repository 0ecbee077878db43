import { describe, expect, it } from 'vitest';
import { planWith } from './helpers/plan.js';
import type { PlanDocument } from '../src/index.js';

const headings = (document: PlanDocument): Array<[string, string | null]> => {
  const out: Array<[string, string | null]> = [];
  const walk = (list: PlanDocument['sections']): void => list.forEach((s) => (out.push([s.path.join('/'), s.heading]), walk(s.children)));
  walk(document.sections);
  return out;
};

describe('section headings', () => {
  it('takes a stand-alone labelled paragraph as a title and a labelled sentence with a run-in colon as body', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Công tác tuyên truyền', '- Tổ chức tuyên truyền pháp luật.', '2. Kiểm tra: theo dõi việc thực hiện', '- Kiểm tra việc thực hiện.', '3. Sở Tư pháp: Chủ trì tuyên truyền pháp luật.');
    expect(headings(document)).toEqual([
      ['I', 'NHIỆM VỤ'],
      ['I/1', 'Công tác tuyên truyền'],
      ['I/2', null],
      ['I/3', 'Sở Tư pháp'],
    ]);
  });

  it('takes a line the text converter marked bold (**…**) as a title, whatever its punctuation', () => {
    const document = planWith('I. NHIỆM VỤ', '**2. Kiểm tra: theo dõi việc thực hiện**', '- Kiểm tra việc thực hiện.');
    expect(headings(document)).toEqual([
      ['I', 'NHIỆM VỤ'],
      ['I/2', 'Kiểm tra: theo dõi việc thực hiện'],
    ]);
    expect(document.text).not.toContain('*');
  });

  it('ends a paragraph where a bold line gives way to regular text', () => {
    const bold = planWith('I. NHIỆM VỤ', '**1. Kiểm tra, giám sát**', 'các sở, ngành kiểm tra việc thực hiện.');
    expect(bold.sections[0]!.children[0]!.heading).toBe('Kiểm tra, giám sát');
    expect(bold.sections[0]!.children[0]!.text).toMatch(/^1\. Kiểm tra, giám sát\ncác sở, ngành/);
    const regular = planWith('I. NHIỆM VỤ', '1. Kiểm tra, giám sát', 'các sở, ngành kiểm tra việc thực hiện.');
    expect(regular.sections[0]!.children[0]!.heading).toBeNull();
    expect(regular.sections[0]!.children[0]!.text).toMatch(/^1\. Kiểm tra, giám sát các sở, ngành/);
  });

  it('gives bold no weight in a plan whose running text is bold too', () => {
    const bullet = '**- Tổ chức tuyên truyền, phổ biến pháp luật về phòng, chống tội phạm cho Nhân dân trên địa bàn tỉnh.**';
    const document = planWith('I. NHIỆM VỤ', '**2. Kiểm tra: theo dõi việc thực hiện**', ...Array<string>(6).fill(bullet));
    expect(headings(document)).toContainEqual(['I/2', null]);
  });
});
