import type { Target } from '../schema/document.js';

/**
 * The grammar of quantified commitments (output contract, "Target"): numbers
 * with a decimal comma, units as counted nouns, comparator words before a
 * figure, the verbs that set a direction or add what they count, baselines,
 * rankings.
 */

export const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
export const PERCENT_UNIT = String.raw`\s*%(?:\s*\/\s*(?:năm|quý|tháng))?`;
// Counted nouns; time units are durations, not quantities of work.
export const COUNTED_NOUN = String.raw`(?!(?:năm|tháng|ngày|tuần|giờ|quý|tuổi|lần thứ|cấp|và|các|của|trên|tại|về|được|đã|có|trong|theo|với|để)(?![\p{L}]))[\p{Ll}]+(?:\s+(?!(?:trở|và|của|trên|tại|về|được|đã|có|so|trong|theo|đạt|là|sẽ|cần|phải|tham|hoàn)(?![\p{L}]))[\p{Ll}]+)?(?:\s*\/\s*(?:năm|quý|tháng|tuần|người|đơn vị))?`;

export const FIGURE = new RegExp(
  String.raw`(?<![\p{L}\d/.,-])(?:(từ)\s+)?(${NUMBER})(?:\s*(?:%\s*)?(?:đến|-|–)\s*(${NUMBER}))?(${PERCENT_UNIT}|\s+${COUNTED_NOUN})(\s+trở lên)?`,
  'gu',
);

export const COMPARATOR_BEFORE: Array<[RegExp, Target['comparator']]> = [
  [/(?:ít nhất|tối thiểu|không (?:ít|thấp) hơn)\s*$/iu, 'gte'],
  [/(?:không quá|không vượt quá|tối đa|không cao hơn)\s*$/iu, 'lte'],
  [/(?<![\p{L}])(?:trên|hơn|vượt)\s*$/iu, 'gt'],
  [/(?<![\p{L}])dưới\s*$/iu, 'lt'],
];

/** Verbs that add what the count that follows counts: "có thêm 03 trường", "tuyển dụng bổ sung 24 giáo viên", "xây dựng mới 18 phòng học". */
export const COMMITMENT_BEFORE = /(?<![\p{L}])(?<!đã\s)(?:có thêm|tăng thêm|xây dựng mới|tuyển dụng(?:\s+bổ sung)?|mở mới|thành lập mới|công nhận thêm)\s*$/iu;
/** "tăng 1,2 lần": a change by a multiple is a commitment; "tăng 5 lớp" only describes. */
export const MULTIPLE_BEFORE = /(?<![\p{L}])(?<!đã\s)(?:tăng|giảm|gấp)\s*$/iu;

export const DIRECTION_VERBS: Array<[RegExp, Target['direction']]> = [
  [/(?<![\p{L}])(?:kéo giảm|giảm|hạ|hạn chế|kiềm chế)(?![\p{L}])/giu, 'decrease'],
  [/(?<![\p{L}])(?:tăng(?!\s+(?:cường|trưởng))|nâng(?!\s+cao\s+(?:chất lượng|hiệu quả|năng lực|nhận thức))|mở rộng)(?![\p{L}])/giu, 'increase'],
  [/(?<![\p{L}])(?:duy trì|giữ vững|giữ ổn định)(?![\p{L}])/giu, 'maintain'],
];

export const BASELINE = /so với\s+((?:cùng kỳ\s+)?(?:năm\s+\d{4}|năm trước|đầu kỳ|cùng kỳ|kỳ trước|năm \d{4}|giai đoạn [\d\s–-]+)(?:\s+\d{4})?)/iu;

// Words that put a figure in relation: they start the next figure's clause, and trail an indicator read before its figure.
export const COMPARATOR_WORDS = String.raw`ít nhất|tối thiểu|không quá|tối đa|trên|hơn|dưới|từ`;
export const NEXT_CLAUSE = new RegExp(String.raw`[;.](?:\s|$)|,\s+(?:trong đó|tỷ lệ|phấn đấu|đạt|gắn với)|\s+(?:và\s+|,\s*)?(?:${COMPARATOR_WORDS})?\s*\d+(?:,\d+)?\s*%|$`, 'u');
export const TRAILING_COMPARATORS = new RegExp(String.raw`(?:${COMPARATOR_WORDS}|đạt|phấn đấu)(?:\s+(?:${COMPARATOR_WORDS}))*\s*$`, 'iu');

/** A ranking: "trong nhóm 20 tỉnh, thành phố dẫn đầu", "top 10 cả nước" → unit "hạng", at most that rank. */
export const RANK = /(?<![\p{L}])(?:(?:nhóm|top)\s+(\d{1,3})\s+(?:(?!có\s|của\s)[^.;()]){0,40}?(?:dẫn đầu|đứng đầu)|top\s+(\d{1,3})\s+(?:cả nước|toàn quốc))(?![\p{L}])/giu;
