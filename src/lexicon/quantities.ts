import type { Target } from '../schema/document.js';
import { withPlanLetters } from '../text/letters.js';

/**
 * The grammar of quantified commitments (output contract, "Target"): numbers
 * with a decimal comma, units as counted nouns, comparator words before a
 * figure, the verbs that set a direction or add what they count, baselines,
 * rankings.
 */

export const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
export const PERCENT_UNIT = String.raw`\s*%(?:\s*\/\s*(?:năm|quý|tháng))?`;
// Counted nouns; time units are durations, not quantities of work.
// A unit's words are never the first syllable of a verb ("15 phường thực hiện", "hộ kinh doanh", "đợt chiến dịch"),
// nor a function word.
const VERB_SYLLABLE = String.raw`trở|và|của|trên|tại|về|được|đã|có|so|trong|theo|đạt|là|sẽ|cần|phải|tham|hoàn|thực|triển|tổ|xây|kinh|chiến|tuyên|kiểm|đăng|sử|tiếp|hưởng|tập|bồi|ra|đến|tới|cho|từ|hoặc|hay|lên|xuống|mỗi|đối|với|nhằm|để|gồm`;
const TWO_SYLLABLE_VERB = String.raw`tổ chức|thực hiện|triển khai|tham gia|ra quân|phối hợp|chủ trì|xây dựng|hoàn thành|tuyên truyền|kiểm tra|bảo đảm|đảm bảo`;
// What divides a rate: "người/năm", "vạn dân", "100.000 dân", "ha": a number, then up to three words, or one word alone.
const DIVISOR = String.raw`\s*\/\s*(?:(?:\d{1,3}(?:\.\d{3})*|vạn|nghìn|ngàn|triệu)\s+[\p{Ll}]+(?:\s+(?!(?:${VERB_SYLLABLE})(?![\p{L}]))[\p{Ll}]+){0,2}|[\p{Ll}]+)`;
export const COUNTED_NOUN = String.raw`(?!(?:năm|tháng|ngày|tuần|giờ|phút|giây|quý|tuổi|lần thứ|cấp|và|các|của|trên|tại|về|được|đã|có|trong|theo|với|để|đến|tới|từ|hoặc|hay|là|lên|xuống|cho)(?![\p{L}]))[\p{Ll}]+(?:[23](?![\d.,]))?(?:\s+(?!(?:${VERB_SYLLABLE})(?![\p{L}]))[\p{Ll}]+)?(?:${DIVISOR}){0,2}`;

export const FIGURE = withPlanLetters(new RegExp(
  String.raw`(?<![\p{L}\d/.,-])(?:(từ)\s+)?(${NUMBER})(?:\s*(?:%\s*)?(?:đến|-|–)\s*(${NUMBER}))?(${PERCENT_UNIT}|\s+${COUNTED_NOUN})(\s+trở lên)?`,
  'gu',
));

export const COMPARATOR_BEFORE: Array<[RegExp, Target['comparator']]> = [
  [/(?:ít nhất|tối thiểu|không (?:ít|thấp) hơn|không dưới|≥|>=)\s*$/iu, 'gte'],
  [/(?:không quá|không vượt quá|tối đa|không cao hơn|không trên|≤|<=)\s*$/iu, 'lte'],
  [/>\s*$/u, 'gt'],
  [/<\s*$/u, 'lt'],
  [withPlanLetters(/(?<![\p{L}])(?:trên|hơn|vượt)\s*$/iu), 'gt'],
  [withPlanLetters(/(?<![\p{L}])dưới\s*$/iu), 'lt'],
];

/** Verbs that add what the count that follows counts: "có thêm 03 trường", "tuyển dụng bổ sung 24 giáo viên", "xây dựng mới 18 phòng học". */
export const COMMITMENT_BEFORE = withPlanLetters(/(?<![\p{L}])(?<!đã\s)(?:có thêm|tăng thêm|xây dựng mới|tuyển dụng(?:\s+bổ sung)?|mở mới|thành lập mới|công nhận thêm)\s*$/iu);
/**
 * A count that is the object of the verb opening its clause is work to do:
 * "- Cứng hóa 3,5 km đường …", "; hỗ trợ xây dựng 05 căn nhà …". One to
 * four syllables of a verb phrase, not a verb that only describes ("gồm 15
 * phường", "có 12 xã") nor a preposition.
 */
export const WORK_VERB_OPENING = withPlanLetters(/^\s*(?:[-+•–]\s*)?(?!(?:gồm|bao gồm|có|là|với|thuộc|trong|tại|trên|của|và|còn|tổng số|toàn)(?![\p{L}]))(?:[\p{Ll}]+|[\p{Lu}][\p{Ll}]*)(?:\s+[\p{Ll}]+){0,3}(?<![\s-](?:và|hoặc|với|của|các|những|cho|tại|ở|trên|dưới|gồm|có|là|số|khoảng))\s*$/u);
/**
 * A lead that reports, measures or labels: "đã tổ chức 120 lớp" is a past
 * result, "Diện tích 25 ha" a measure; a noun
 * that takes an ordinal ("lớp 9", "mũi 2", "khoản 2", "Quận 1", "lần 2",
 * "giai đoạn 2", "cấp độ 3") makes the figure a label, not a count.
 */
export const NOT_A_WORK_LEAD = withPlanLetters(/^\s*(?:[-+•–]\s*)?(?:diện tích|quy mô|dân số|bình quân|mỗi|tổng|số lượng|tỷ lệ|hiện có|hiện nay|khoảng|thời gian)(?![\p{L}])|(?:^|\s)(?:đã|từng)(?=\s)|(?:^|\s)(?:lớp|mũi|khoản|điều|lần|giai đoạn|cấp độ|cấp|thứ|phường|quận|huyện|xã|tổ|vùng|khu vực|tuyến|ca|đợt|phần|mục|chương|khóa|số|hạng|nhóm|top|tuần|tháng|quý|năm|kỳ|ấp|thôn|khu|đội)\s*$/iu);
/** A "unit" that is a verb: the figure labels what comes before ("Quận 1 tổ chức …", "lớp 9 tham gia …") unless a comparator makes it a count ("ít nhất 03 tổ chức đảng"). */
export const UNIT_IS_VERB = withPlanLetters(new RegExp(String.raw`^\s*(?:${TWO_SYLLABLE_VERB})(?![\p{L}])`, 'u'));
/** The count is the subject of a clause of its own ("Hướng dẫn 15 phường thực hiện"): an order's scope, not a target. */
export const VERB_AFTER_COUNT = withPlanLetters(new RegExp(String.raw`^\s+(?:${TWO_SYLLABLE_VERB}|báo cáo|rà soát|còn lại)(?![\p{L}])`, 'iu'));
/** A preposition in that lead makes the count part of a complement ("Tập trung vào nhóm 3 tỉnh …"), not the verb's object. */
export const PREPOSITION_IN_LEAD = /(?:^|\s)(?:vào|ở|tại|trong|cho|với|của|về|trên|theo|nhóm|top)(?=\s|$)/u;
/** Money: a sum is a budget unless a rate divides it ("75 triệu đồng/người/năm"). */
export const MONEY_UNIT = /^(?:(?:nghìn|ngàn|triệu|tỷ)\s+)?đồng$/u;

/** "tăng 1,2 lần": a change by a multiple is a commitment; "tăng 5 lớp" only describes. */
export const MULTIPLE_BEFORE = withPlanLetters(/(?<![\p{L}])(?<!đã\s)(?:tăng|giảm|gấp)\s*$/iu);

export const DIRECTION_VERBS: Array<[RegExp, Target['direction']]> = [
  [withPlanLetters(/(?<![\p{L}])(?:kéo giảm|giảm|hạ|hạn chế|kiềm chế)(?![\p{L}])/giu), 'decrease'],
  [withPlanLetters(/(?<![\p{L}])(?:tăng(?!\s+(?:cường|trưởng))|nâng(?!\s+cao\s+(?:chất lượng|hiệu quả|năng lực|nhận thức))|mở rộng)(?![\p{L}])/giu), 'increase'],
  [withPlanLetters(/(?<![\p{L}])(?:duy trì|giữ vững|giữ ổn định)(?![\p{L}])/giu), 'maintain'],
];

export const BASELINE = /so với\s+((?:cùng kỳ\s+)?(?:năm\s+\d{4}|năm trước|đầu kỳ|cùng kỳ|kỳ trước|năm \d{4}|giai đoạn [\d\s–-]+)(?:\s+\d{4})?)/iu;

// Words that put a figure in relation: they start the next figure's clause, and trail an indicator read before its figure.
export const COMPARATOR_WORDS = String.raw`ít nhất|tối thiểu|không quá|tối đa|trên|hơn|dưới|từ`;
export const NEXT_CLAUSE = new RegExp(String.raw`[;.](?:\s|$)|,\s+(?:trong đó|tỷ lệ|phấn đấu|đạt|gắn với)|\s+(?:và\s+|,\s*)?(?:${COMPARATOR_WORDS})?\s*\d+(?:,\d+)?\s*%|$`, 'u');
export const TRAILING_COMPARATORS = new RegExp(String.raw`(?:${COMPARATOR_WORDS}|đạt|phấn đấu)(?:\s+(?:${COMPARATOR_WORDS}))*\s*$`, 'iu');

/** A ranking: "trong nhóm 20 tỉnh, thành phố dẫn đầu", "top 10 cả nước" → unit "hạng", at most that rank. */
export const RANK = withPlanLetters(/(?<![\p{L}])(?:(?:nhóm|top)\s+(\d{1,3})\s+(?:(?!có\s|của\s)[^.;()]){0,40}?(?:dẫn đầu|đứng đầu)|top\s+(\d{1,3})\s+(?:cả nước|toàn quốc))(?![\p{L}])/giu);
