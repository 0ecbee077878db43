import { describe, expect, it } from 'vitest';
import { parseText } from '../src/index.js';
import { planWith } from './helpers/plan.js';

const referencesIn = (...preamble: string[]) => planWith(...preamble, 'I. NHIỆM VỤ', '1. Chung', '- Tổ chức thực hiện.').legalReferences;

describe('numbering forms', () => {
  it.each([
    ['Căn cứ Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ;', { type: 'Quyết định', typeCode: 'QĐ', symbol: '33/QĐ-TTg', number: '33', year: null, issuerCode: 'TTg', issuedDate: '2026-01-07', issuer: 'Thủ tướng Chính phủ' }],
    ['Căn cứ Nghị định số 49/2020/NĐ-CP ngày 17 tháng 4 năm 2020 của Chính phủ;', { type: 'Nghị định', typeCode: 'NĐ', symbol: '49/2020/NĐ-CP', number: '49', year: 2020, issuerCode: 'CP', issuedDate: '2020-04-17' }],
    ['Căn cứ Nghị quyết số 263/2025/QH15 ngày 14/11/2025 của Quốc hội;', { typeCode: 'NQ', symbol: '263/2025/QH15', year: 2025, issuerCode: 'QH15', issuer: 'Quốc hội' }],
    ['Thực hiện Chỉ thị số 48-CT/TW ngày 22/10/2010 của Bộ Chính trị;', { type: 'Chỉ thị', typeCode: 'CT', symbol: '48-CT/TW', number: '48', issuerCode: 'TW', issuer: 'Bộ Chính trị' }],
    ['Thực hiện Nghị quyết số 02-NQ/TU của Tỉnh ủy;', { typeCode: 'NQ', symbol: '02-NQ/TU', number: '02', issuedDate: null, issuer: 'Tỉnh ủy' }],
  ])('%s', (sentence, expected) => {
    const [reference] = referencesIn(sentence);
    expect(reference).toMatchObject({ ...expected, inFootnote: false, sectionPath: null });
  });

  it('reads the title after "về"', () => {
    const [reference] = referencesIn('Căn cứ Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ về phê duyệt Chiến lược quốc gia phòng, chống tội phạm;');
    expect(reference!.title).toBe('về phê duyệt Chiến lược quốc gia phòng, chống tội phạm');
    expect(reference!.text).toBe('Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ');
  });

  it('splits a list sharing one tail into one reference each', () => {
    const references = referencesIn('Thực hiện các Kế hoạch số 34, 36, 37/KH-BCĐ ngày 20/02/2024 của Ban Chỉ đạo;');
    expect(references.map((r) => [r.symbol, r.issuedDate])).toEqual([
      ['34/KH-BCĐ', '2024-02-20'],
      ['36/KH-BCĐ', '2024-02-20'],
      ['37/KH-BCĐ', '2024-02-20'],
    ]);
  });

  it('joins a symbol broken across lines', () => {
    const [reference] = referencesIn('Căn cứ Quyết định số 33/QĐ-', 'TTg ngày 07/01/2026 của Thủ tướng Chính phủ;');
    expect(reference!.symbol).toBe('33/QĐ-TTg');
  });

  it('cites laws and codes by name', () => {
    const references = referencesIn('Căn cứ Luật Phòng, chống ma túy năm 2021; Bộ luật Hình sự năm 2015;');
    expect(references.map((r) => [r.type, r.typeCode, r.symbol, r.title])).toEqual([
      ['Luật', 'Luật', null, 'Luật Phòng, chống ma túy'],
      ['Bộ luật', 'BLuật', null, 'Bộ luật Hình sự'],
    ]);
  });

  it('reads symbols with a letter suffix, spaces around a Party hyphen, and a hyphen a PDF dropped', () => {
    const references = referencesIn('Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ; Kế hoạch số 225 - KH/TWĐTN-CTTN của Ban Bí thư; Quyết định số 12/QĐUBND ngày 02/01/2026;');
    expect(references.map((r) => [r.symbol, r.number, r.typeCode, r.issuerCode])).toEqual([
      ['30c/NQ-CP', '30c', 'NQ', 'CP'],
      ['225-KH/TWĐTN-CTTN', '225', 'KH', 'TWĐTN-CTTN'],
      ['12/QĐ-UBND', '12', 'QĐ', 'UBND'],
    ]);
  });

  it('keeps a code that merely starts like the type code as printed', () => {
    const [reference] = referencesIn('Căn cứ Thông tư số 01/TTLT-BCA ngày 02/01/2020;');
    expect(reference!.symbol).toBe('01/TTLT-BCA');
  });

  it('reads a law named, then numbered, with its name as title', () => {
    const references = referencesIn('Căn cứ Luật Dược số 105/2016/QH13 ngày 06/4/2016 và Nghị định số 54/2017/NĐ-CP;');
    expect(references.map((r) => [r.typeCode, r.symbol, r.title])).toEqual([
      ['Luật', '105/2016/QH13', 'Luật Dược'],
      ['NĐ', '54/2017/NĐ-CP', null],
    ]);
  });

  it('reads documents the title cites, outside any section', () => {
    const document = parseText(['ỦY BAN NHÂN DÂN', 'TỈNH THỬ NGHIỆM', 'Số: 12/KH-UBND', 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', 'KẾ HOẠCH', 'Triển khai Chỉ thị số 05-CT/TU của Tỉnh ủy', 'I. NHIỆM VỤ', '1. Chung', '- Tổ chức thực hiện.'].join('\n'), { name: 'case.txt' });
    expect(document.legalReferences.map((r) => [r.symbol, r.sectionPath])).toEqual([['05-CT/TU', null]]);
  });

  it('gives references in the body their section', () => {
    const document = planWith('I. NHIỆM VỤ', '1. Chung', '- Triển khai Kế hoạch số 15/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh.');
    expect(document.legalReferences[0]).toMatchObject({ symbol: '15/KH-UBND', sectionPath: ['I', '1'], issuer: 'Ủy ban nhân dân tỉnh' });
  });
});
