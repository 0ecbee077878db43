import { describe, expect, it } from 'vitest';
import { parseVietnameseNumber } from '../src/extract/targets.js';
import { planWithItems } from './helpers/plan.js';

const targetsOf = (...items: string[]) => planWithItems(...items).targets;

describe('Vietnamese numbers', () => {
  it.each([
    ['1,5', 1.5],
    ['05', 5],
    ['1.000', 1000],
    ['12.500,75', 12500.75],
    ['100', 100],
  ])('%s reads as %d', (raw, value) => {
    expect(parseVietnameseNumber(raw)).toBe(value);
  });
});

describe('target comparators', () => {
  it.each([
    ['- Kéo giảm ít nhất 10% số vụ phạm tội.', 'gte', 10, null],
    ['- Tỷ lệ hộ dùng nước sạch đạt từ 95% trở lên.', 'gte', 95, null],
    ['- Tỷ lệ giải quyết tin báo đạt trên 90%.', 'gt', 90, null],
    ['- Tỷ lệ tái phạm dưới 5%.', 'lt', 5, null],
    ['- Số vụ cháy không quá 3,5%.', 'lte', 3.5, null],
    ['- Tỷ lệ hồ sơ trễ hạn tối đa 2%.', 'lte', 2, null],
    ['- Giải quyết 100% tố giác, tin báo về tội phạm.', 'eq', 100, null],
    ['- Mỗi xã tổ chức từ 01 đến 02 hoạt động/quý.', 'between', 1, 2],
  ])('%s', (sentence, comparator, value, valueMax) => {
    const [target] = targetsOf(sentence);
    expect(target).toMatchObject({ comparator, value, valueMax });
  });
});

describe('target units, directions, baselines and indicators', () => {
  it('reads a decrease with its baseline year and indicator', () => {
    const [target] = targetsOf('- Phấn đấu kéo giảm ít nhất 10% số vụ phạm tội về trật tự xã hội so với năm 2025.');
    expect(target).toMatchObject({
      direction: 'decrease',
      unit: '%',
      baseline: 'năm 2025',
      indicator: 'số vụ phạm tội về trật tự xã hội',
    });
  });

  it('reads a counted noun as the unit and "so với đầu kỳ" as the baseline', () => {
    const [target] = targetsOf('- Tăng trên 15 người so với đầu kỳ.');
    expect(target).toMatchObject({ direction: 'increase', comparator: 'gt', value: 15, unit: 'người', baseline: 'đầu kỳ' });
  });

  it('keeps a rate unit "%/năm"', () => {
    const [target] = targetsOf('- Tốc độ tăng trưởng đạt ít nhất 8%/năm.');
    expect(target).toMatchObject({ unit: '%/năm', value: 8, comparator: 'gte', direction: 'reach' });
  });

  it('reads "duy trì" as maintain and drops the bullet from the indicator', () => {
    const [target] = targetsOf('- Duy trì 100% xã, phường đạt chuẩn an toàn.');
    expect(target).toMatchObject({ direction: 'maintain', value: 100 });
    const [reach] = targetsOf('- Tỷ lệ hộ gia đình sử dụng nước sạch đạt từ 95% trở lên.');
    expect(reach!.indicator).toBe('Tỷ lệ hộ gia đình sử dụng nước sạch');
  });

  it('reads every figure of a real corpus sentence', () => {
    const targets = targetsOf(
      'Phấn đấu kiềm chế và kéo giảm ít nhất 10% số vụ phạm tội về trật tự xã hội; tổ chức tiếp nhận, xử lý 100% tố giác, tin báo về tội phạm, trong đó tỷ lệ giải quyết đạt trên 90%; tỷ lệ điều tra khám phá án các loại tội phạm về trật tự xã hội đạt trên 80%.',
    );
    expect(targets.map((t) => [t.direction, t.comparator, t.value])).toEqual([
      ['decrease', 'gte', 10],
      ['reach', 'eq', 100],
      ['reach', 'gt', 90],
      ['reach', 'gt', 80],
    ]);
  });
});

describe('figures that are not commitments', () => {
  it.each([
    '- Kiện toàn Tổ Công tác 363 của tỉnh.',
    '- Triển khai tại 15 phường trên địa bàn.',
    '- Vận hành mô hình chính quyền địa phương 2 cấp.',
    '- Tổng kết giai đoạn 2026 - 2030.',
    '- Thực hiện trong thời hạn 6 tháng.',
    '- Thực hiện Đề án 06 của Chính phủ.',
  ])('%s', (sentence) => {
    expect(targetsOf(sentence)).toEqual([]);
  });

  it('leaves figures inside a cited document alone', () => {
    expect(targetsOf('- Thực hiện Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ.')).toEqual([]);
  });
});
