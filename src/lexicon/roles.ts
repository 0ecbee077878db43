import type { AssignmentRole } from '../schema/document.js';
import { withPlanLetters } from '../text/letters.js';

/**
 * Role grammar (output contract, "Assignment"): the verbs and labels that give
 * an agency its duty. "chủ trì" → lead; "phối hợp" → support; "thực hiện",
 * "Đơn vị thực hiện" → implement; "tham mưu" → advise; "theo dõi, đôn đốc,
 * kiểm tra" → monitor; and the nouns that continue a collective.
 */

// "các tổ chức chính trị - xã hội" is a collective, not the verb "tổ chức".
// A run-in heading ("14.1. Hội Liên hiệp phụ nữ Thành phố Phối hợp với …") starts its task with a capital.
// Not inside a name before "và" ("Công chức Địa chính Nông nghiệp - Xây dựng và Môi trường xã").
export const RUN_IN_VERB = /\s+(?:Chủ trì|Phối hợp|Tham mưu|Thực hiện|Triển khai|Tổ chức|Xây dựng|Chỉ đạo|Tiếp tục|Chủ động|Tăng cường|Đẩy mạnh|Hướng dẫn)\s+(?!và\s)\p{Ll}/u;

export const PREDICATE_VERBS = withPlanLetters(
  /(?<!(?:^|\s)(?:các|những))\s+(?:chủ trì|phối hợp|tham mưu|thực hiện|triển khai|tổ chức|xây dựng|ban hành|báo cáo|cập nhật|vận động|đề xuất|theo dõi|chịu trách nhiệm|có trách nhiệm|căn cứ|chủ động|tiếp tục|quán triệt|phổ biến|hướng dẫn|gửi|tăng cường|đẩy mạnh|lồng ghép|rà soát|kiểm tra|đôn đốc|theo chức năng|theo nhiệm vụ|theo thẩm quyền|theo lĩnh vực|theo quy định|trong phạm vi|thường xuyên|nghiên cứu|bảo đảm|đảm bảo|phát huy|quan tâm|giúp|bố trí|phân bổ|cân đối|khẩn trương|kịp thời|tham gia|phụ trách|phân công|hoàn thành|nghiêm túc|tích cực|không để|không được|trước ngày|trước tháng|trước quý|chậm nhất|để|giao(?!\s+(?:thông|dịch|lưu|tiếp))|đề nghị|yêu cầu)(?![\p{L}])/u,
);

/**
 * Verbs that also name a body's function ("Hội đồng thẩm định", "Ban giám
 * sát …", "Đội tuyên truyền lưu động", "Phòng Kế hoạch tổng hợp"): they end an
 * agency name only when they do not follow a head noun within two words.
 */
export const FUNCTION_VERBS = withPlanLetters(/(?<!(?:^|\s)(?:các|những|thành|độc|thiết))\s+(?:thẩm định|giám sát|chỉ đạo|tuyên truyền|tổng hợp|lập)(?![\p{L}])/u);
export const HEAD_BEFORE_FUNCTION = /(?:^|\s)(?:Hội đồng|Ban|Đội|Tổ|Phòng|Bộ phận|Nhóm|Tiểu ban|Trung tâm)(?:\s+\S+){0,2}$/u;

// Case-sensitive on purpose: the partner after "phối hợp" must be a name or a collective, not "giữa …".
export const SUPPORT_VERB = withPlanLetters(/(?<![\p{L}])(?<![Cc]hủ trì,?\s)[Pp]hối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+(?=các\s|lực lượng|sở|\p{Lu})/gu);

export const ADVISE_VERB = withPlanLetters(/(?<!(?:lực lượng|công tác|cơ quan|Phòng|phòng)\s)(?<![\p{L}])[Tt]ham mưu(?![\p{L}])/u);

// "- Là đơn vị thường trực, chủ trì tổ chức …": after a comma too, where the clause goes on with the item's own verb.
export const LEAD_VERB = withPlanLetters(/(?:^|[;.:,]\s*|^[-+•]\s*)chủ trì(?![\p{L}])/imu);

export const MONITOR_VERB = /theo dõi[^.;]{0,40}đôn đốc|đôn đốc[^.;]{0,40}(?:theo dõi|kiểm tra)|kiểm tra[^.;]{0,20}đôn đốc/iu;

export const LABELLED_LINE = /(?:^|[+\-•]\s*)Đơn vị\s+(chủ trì|phối hợp|thực hiện|tham mưu|theo dõi)\s*:\s*([^\n]+?)\s*\.?$/iu;

// Bare type nouns that continue a collective: "các sở, ban, ngành, địa phương", "Ủy ban nhân dân các xã, phường".
export const COLLECTIVE_CONTINUATION = /^(?:sở|ban|ngành|địa phương|đoàn thể|cơ quan|đơn vị|tổ chức|hội|phường|xã|thị trấn|đặc khu|phòng|huyện|quận|thị xã|thành phố|khu phố|ấp|thôn|tổ dân phố)(?:\s+(?:liên quan|có liên quan|cấp thành phố|cấp tỉnh|cấp huyện|cấp quận|cấp xã|cấp \S+|thành phố|tỉnh|quận|huyện|còn lại))*$/u;

/** Role from a clause's leading verb: "Chủ trì" lead, "Phối hợp" support, "Tham mưu" advise, "theo dõi, đôn đốc" monitor. */
export function roleOfVerb(text: string): AssignmentRole {
  const t = text.trim().toLowerCase();
  if (t.startsWith('chủ trì')) return 'lead';
  if (t.startsWith('phối hợp')) return 'support';
  if (t.startsWith('tham mưu')) return 'advise';
  if (/^(?:theo dõi|đôn đốc|giám sát)/u.test(t)) return 'monitor';
  return 'implement';
}

/** "(X chủ trì, phối hợp Y thực hiện)": the agencies before the role verb, and the partners after "phối hợp". */
export const CLAUSE_ROLE = /^(.*?)\s+(chủ trì|tham mưu|thực hiện|triển khai|theo dõi|phối hợp thực hiện)(?:,?\s*(?:phối hợp\s+(?:với\s+)?(.*?))?\s*(?:thực hiện|triển khai)?)?\s*\.?$/u;

/** What a table's agency cell may hold that names no one: "Như trên", "x", "-", "Không". */
export const CELL_FILLER = /^(?:như trên|x|không|không có|[-–—/])$/iu;

/** Words that follow an agency list without belonging to it: "… theo chức năng, nhiệm vụ được giao". */
export const AGENCY_TAIL = /\s+(?:theo|trong phạm vi)\s+chức năng[^;]*$/u;
