import { foldVietnamese } from '../text/vietnamese.js';
import { withPlanLetters } from '../text/letters.js';

/**
 * The words that open and close the zones of a document (Decree 30/2020,
 * domain-notes §1): the national motto, the number line, the place and
 * date, the closing "./.", "Nơi nhận", authority markers, and appendices.
 */

export const NATIONAL_MOTTO = /^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc|ĐẢNG CỘNG SẢN VIỆT NAM)/iu;
export const NUMBER_LINE = withPlanLetters(/(?:^|\s)Số\s*:?\s*([^\s,]*\/[^\s,]*|[\d]+[-‑][\p{L}]+\/[^\s,]+)/u);
/** A line that is the header's place and date and nothing else before it ("Hà Nội, ngày 05 tháng 01 năm 2026"). */
export const PLACE_DATE_LINE = withPlanLetters(/^\s*[\p{Lu}][\p{L} .'-]{1,40}?,\s*ngày\s+(?:\d{1,2}|[.…_\s]*)\s*tháng\s+(?:\d{1,2}|[.…_\s]*)\s*năm\s+\d{4}\s*$/u);
export const PLACE_DATE = withPlanLetters(/(?:^|\s)([\p{Lu}][\p{L} .'-]{1,40}?),\s*ngày\s+(\d{1,2}|[.…_\s]*)\s*tháng\s+(\d{1,2}|[.…_\s]*)\s*năm\s+(\d{4})/u);

/** The body's last paragraph ends "./.". */
export const CLOSE_MARK = /\.\s*\/\s*\.\s*$/;
export const RECIPIENTS = /^Nơi\s+nhận\s*:?\s*/iu;
/**
 * The closing remark after the last section ("Trên đây là Kế hoạch …"). Its
 * call to carry the plan out ("yêu cầu các cơ quan … nghiêm túc triển khai
 * thực hiện") gives no duty of its own; its orders and report dates do.
 */
export const CLOSING_REMARK = /^Trên đây là\s/u;
export const CARRY_OUT_THE_PLAN = /^(?:(?:nghiêm túc|khẩn trương|tích cực|chủ động)\s+)?(?:(?:triển khai|tổ chức)\s+)?thực hiện(?:\s+(?:nghiêm túc|có hiệu quả|hiệu quả|tốt|Kế hoạch(?:\s+này)?))*[\s.,;/]*$/iu;
/** Authority markers stacked above a signer's position: TM., KT., TL., TUQ., Q.; Party bodies write T/M, K/T, T/L. */
export const AUTHORITY = /^(TM|KT|TL|TUQ|Q|T\/M|K\/T|T\/L)\.?\s+(.+)$/u;

/** Text only the header and signature blocks hold: the motto, the number, place and date, "Nơi nhận", an authority marker. */
export function isHeaderOrSignatureText(text: string): boolean {
  const trimmed = text.trim();
  return NATIONAL_MOTTO.test(trimmed) || NUMBER_LINE.test(trimmed) || PLACE_DATE.test(trimmed) || RECIPIENTS.test(trimmed) || AUTHORITY.test(trimmed);
}

/**
 * A part that reports last period's results, not this plan's commitments:
 * "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN …", "KẾT QUẢ ĐẠT ĐƯỢC", "TÌNH HÌNH THỰC HIỆN …", "TỔNG KẾT …" — but not a
 * heading that also sets out what comes ("… VÀ NHIỆM VỤ …", "KẾT QUẢ CẦN ĐẠT", "MỤC TIÊU").
 */
export function isEvaluationHeading(heading: string): boolean {
  return EVALUATION_OPENING.test(heading) && !FORWARD_LOOKING.test(heading);
}
// A situation report ("ĐẶC ĐIỂM TÌNH HÌNH", "THỰC TRẠNG …") describes, it commits to nothing either.
const EVALUATION_OPENING = withPlanLetters(/^(?:ĐÁNH GIÁ(?:\s+(?:KẾT QUẢ|TÌNH HÌNH))?|KẾT QUẢ\s+(?:THỰC HIỆN|ĐẠT ĐƯỢC)|TÌNH HÌNH(?:\s+THỰC HIỆN|\s+KẾT QUẢ)?|ĐẶC ĐIỂM(?:\s+TÌNH HÌNH)?|THỰC TRẠNG|TỔNG KẾT|SƠ KẾT)(?![\p{L}])/iu);
const FORWARD_LOOKING = /(?:VÀ|,)\s+(?:NHIỆM VỤ|PHƯƠNG HƯỚNG|GIẢI PHÁP|KẾ HOẠCH)|CẦN ĐẠT|DỰ KIẾN|MỤC TIÊU/iu;

/** What opens the body's legal basis or purpose, never part of the subject line. */
export const PREAMBLE_OPENING = /^(Căn cứ|Thực hiện|Triển khai|Nhằm|Để|Theo đề nghị)(?=\s)/u;

/**
 * An appendix heading after the signature: "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC SỐ 02",
 * "Phụ lục 1: Danh mục …", "BIỂU 01". Groups: the word, its number as printed, the rest.
 */
export const APPENDIX_HEADING = /^(PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu|BIỂU|Biểu)(?:\s+(?:SỐ|số|Số)\s*)?(?:\s*([0-9]{1,2}[a-z]?|[IVXLC]{1,6}[a-z]?)(?=$|[\s.:–-]))?\s*[.:–-]?\s*(.*)$/u;
/** "(Kèm theo Kế hoạch số 45/KH-UBND ngày 08/4/2025 của …)": what an appendix is attached to. */
export const ATTACHED_TO = /^\(?\s*(?:Kèm theo|Ban hành kèm theo)\b/iu;

export interface AppendixHeading {
  /** The path label: "Phụ lục I", "Phụ lục", "Biểu 01". */
  label: string;
  /** Title printed on the heading line after the number, if any. */
  rest: string;
}

export function parseAppendixHeading(text: string): AppendixHeading | null {
  const m = text.trim().match(APPENDIX_HEADING);
  if (!m) return null;
  const word = m[1]!;
  const number = m[2] ?? null;
  const rest = m[3]!.trim();
  // "Biểu" is also a common noun ("BIỂU MẪU BÁO CÁO", a form's title): it opens an appendix only with its number.
  if (/^(?:BIỂU|Biểu|PHỤ BIỂU|Phụ biểu)$/u.test(word) && !number) return null;
  // A heading, not a sentence that mentions an appendix ("Phụ lục I kèm theo Kế hoạch này").
  if (rest && /^\p{Ll}/u.test(rest)) return null;
  const lower = word.toLowerCase();
  const name = lower.charAt(0).toUpperCase() + lower.slice(1);
  return { label: number ? `${name} ${number}` : name, rest };
}

/** Marks stamped on a header that name no body: a draft, secrecy, urgency. */
export const STAMP = /^(?:DỰ THẢO|MẬT|TỐI MẬT|TUYỆT MẬT|KHẨN|HỎA TỐC|THƯỢNG KHẨN)$/u;
export const MOTTO_ANYWHERE = /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc|ĐẢNG CỘNG SẢN VIỆT NAM/giu;
export const MOTTO_WORDS = foldVietnamese('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ĐỘC LẬP TỰ DO HẠNH PHÚC ĐẢNG CỘNG SẢN VIỆT NAM').split(' ');

/** A piece of the motto wrapped onto a line of its own ("CHỦ NGHĨA VIỆT NAM"): every word is a motto word. */
export function isMottoFragment(text: string): boolean {
  const words = foldVietnamese(text).replace(/[^a-z ]+/g, ' ').split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((word) => MOTTO_WORDS.includes(word));
}
