import type { ColumnRole } from '../lexicon/columns.js';
import type { AssignmentRole, Section } from '../schema/document.js';
import type { BodyParagraph } from '../tree.js';
import { CARRY_OUT_THE_PLAN, CLOSING_REMARK } from '../lexicon/parts.js';
import { LOCALITY_AT_END, agencyKey, startsWithAgency } from '../lexicon/agencies.js';
import { ADVISE_VERB, AGENCY_TAIL, CELL_FILLER, CLAUSE_ROLE, COLLECTIVE_CONTINUATION, FUNCTION_VERBS, HEAD_BEFORE_FUNCTION, LABELLED_LINE, LEAD_VERB, MONITOR_VERB, PREDICATE_VERBS, RUN_IN_VERB, SUPPORT_VERB, roleOfVerb } from '../lexicon/roles.js';
import { inEvaluationPart, SpanContainment, type Assignment, type Deadline, type ExtractionContext } from './context.js';
import { withPlanLetters } from '../text/letters.js';
import { collapseSpaces, isWhiteSpaceCode } from '../text/joins.js';
import { allMatches } from '../text/matches.js';

/** A subject that gives its duty to another body: "… giao Sở Y tế …", "… đề nghị …", "… yêu cầu …". */
const ORDERS_ANOTHER = /^(?:giao|đề nghị|yêu cầu)\s/iu;

/**
 * Assignments (domain-notes §2): who must do what. Styles read here:
 * agency-headed sections ("3. Sở Y tế: Phối hợp …", "- Chủ trì, …" bullets),
 * parentheticals ("(Công an thành phố chủ trì, phối hợp các sở, ban, ngành,
 * địa phương thực hiện)"), labelled lines ("+ Đơn vị chủ trì: …"), orders
 * ("Giao X … theo dõi, đôn đốc, kiểm tra"), requests ("Đề nghị X …") and
 * agency-subject clauses in the parts that organise implementation.
 */


/** A separator of agencies starting right at `lastIndex` (sticky): "," or ";" with the spaces around it, or "và". */
const AGENCY_SEPARATOR = /\s*[,;]\s*|\s+và\s+/uy;

/** Splits an agency list on ",", ";", "và" without breaking names or collectives that contain them. */
export function splitAgencyList(list: string): string[] {
  // Separators outside parentheses only: "Bộ Chỉ huy Quân sự tỉnh (Ban Chỉ huy Bộ đội Biên phòng)" is one body.
  const pieces: Array<{ text: string; separator: string }> = [];
  let depth = 0;
  // Pieces are cut out of the list by position, not built a character at a time.
  let pieceStart = 0;
  let separator = '';
  for (let i = 0; i < list.length; i++) {
    const code = list.charCodeAt(i);
    if (code === 0x28) depth++;
    if (code === 0x29) depth = Math.max(0, depth - 1);
    // Every separator opens with a space, a comma or a semicolon: other characters are not tried.
    if (depth === 0 && (code === 0x2c || code === 0x3b || isWhiteSpaceCode(code))) {
      AGENCY_SEPARATOR.lastIndex = i;
      const sep = AGENCY_SEPARATOR.exec(list);
      if (sep) {
        pieces.push({ text: list.slice(pieceStart, i), separator });
        separator = sep[0];
        i += sep[0].length - 1;
        pieceStart = i + 1;
      }
    }
  }
  pieces.push({ text: list.slice(pieceStart), separator });
  const items: string[] = [];
  let collective = false;
  for (const piece of pieces) {
    const text = piece.text.trim();
    if (!text) continue;
    const previous = items.at(-1);
    if (previous !== undefined && collective && COLLECTIVE_CONTINUATION.test(text)) {
      items[items.length - 1] = previous + (piece.separator.includes('và') ? ' và ' : ', ') + text;
      continue;
    }
    // "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh": one office serving two bodies, the place named once, at the end.
    if (previous !== undefined && piece.separator.includes('và') && /^Văn phòng\s/u.test(previous) && !LOCALITY_AT_END.test(previous) && LOCALITY_AT_END.test(text)) {
      items[items.length - 1] = `${previous} và ${text}`;
      continue;
    }
    if (previous !== undefined && !startsWithAgency(text)) {
      // "Sở Giáo dục và Đào tạo", "Phòng Văn hóa, Khoa học và Thông tin": the piece continues the name.
      items[items.length - 1] = previous + (piece.separator.includes('và') ? ' và ' : piece.separator.trim() === ';' ? '; ' : ', ') + text;
      continue;
    }
    items.push(text);
    collective = /(?:^|\s)các\s|^(?:sở|ban|ngành|đơn vị|địa phương)/iu.test(text) && !/\p{Lu}/u.test(text.slice(1).replace(/^.*?các\s/u, ''));
  }
  return items.map(cleanAgency).filter((a) => a.length > 1 && startsWithAgency(a));
}

function cleanAgency(name: string): string {
  return name
    .replace(/\*+/g, '')
    .replace(/^(?:Đề nghị|Giao|Yêu cầu|giao|đề nghị|yêu cầu)\s+/u, '')
    .replace(/\s*[-–]\s*Cơ quan [Tt]hường trực.*$/u, '')
    .replace(/\s*\(\s*\)\s*$/, '')
    // "Thủ trưởng các sở, ban, ngành (bao gồm: Công an …, Sở Y tế …)": the list in brackets spells out the body, it is not its name.
    .replace(/\s*\((?:bao gồm|gồm|trong đó)(?![\p{L}])[^()]*\)\s*$/u, '')
    .replace(/[\s,;:.]+$/, '')
    .trim();
}

/** The longest agency list at the start of `text`, cut before its predicate verb. */
function leadingAgencyList(text: string): { agencies: string[]; rest: string } | null {
  if (!startsWithAgency(text)) return null;
  const functionVerb = text.match(FUNCTION_VERBS);
  const asVerb = functionVerb && !HEAD_BEFORE_FUNCTION.test(text.slice(0, functionVerb.index!)) ? functionVerb : null;
  const verb = [text.match(PREDICATE_VERBS), text.match(RUN_IN_VERB), asVerb].filter((m) => m !== null).sort((a, b) => a.index! - b.index!)[0];
  // "Viện kiểm sát …, Tòa án …: Tiếp tục …": a colon closes the list too, but not one inside brackets ("(bao gồm: …)").
  const colon = text.replace(/\([^()]*\)/gu, (inner) => ' '.repeat(inner.length)).search(/:\s/);
  const end = [verb ? verb.index! : -1, colon].filter((i) => i > 0).reduce((a, b) => Math.min(a, b), Infinity);
  if (!Number.isFinite(end)) return null;
  const agencies = splitAgencyList(text.slice(0, end));
  return agencies.length > 0 ? { agencies, rest: text.slice(end).trim() } : null;
}

interface Draft {
  paragraph: BodyParagraph;
  agency: string;
  role: AssignmentRole;
  requested: boolean;
  task: string;
  start: number;
  end: number;
  /** Set where the text names a unit of work's own lead: a parenthesis, labelled lines ("+ Đơn vị chủ trì: …") or a "X chủ trì, …" clause. */
  namesOwnLead?: NamedDuty['source'];
  /** The naming clause's own words, for a clause. */
  clause?: string;
}

/** A duty the plan gives one unit of work alone: what `tasks` are made of. */
export interface NamedDuty {
  paragraph: BodyParagraph;
  agency: string;
  role: AssignmentRole;
  source: 'parenthesis' | 'labelled' | 'clause';
  /** Where the clause or parenthesis naming it starts in the output text. */
  start: number;
  /** A clause's own words ("Sở Y tế chủ trì, phối hợp … rà soát trang thiết bị"); null for a parenthesis or labelled lines. */
  clause: string | null;
}

// "… gửi về Công an thành phố để tổng hợp, tham mưu báo cáo …": the body reports go to advises.
// A deadline may come between: "gửi Sở Tài chính trước ngày 15/7/2025 để tổng hợp, tham mưu".
const REPORT_TO_ADVISER = /gửi (?:về\s+)?(.{3,120}?)\s+(?:\([^()]*\)\s+)?(?:(?:trước|chậm nhất|trong)\s[^.;]{0,30}?\s+)?để\s+[^.;]{0,60}?tham mưu/u;
// The pattern runs only on text that says "tham mưu": its lazy list backtracks at every "gửi" of a text that does not.
const matchReportToAdviser = (text: string): RegExpMatchArray | null => (text.includes('tham mưu') ? text.match(REPORT_TO_ADVISER) : null);
const withoutReportToAdviser = (text: string): string => (text.includes('tham mưu') ? text.replace(REPORT_TO_ADVISER, '') : text);

/** Roles an agency-headed section gives its agency from the verbs of its items. */
function rolesInOwnText(text: string): Set<AssignmentRole> {
  const roles = new Set<AssignmentRole>(['implement']);
  // An item that orders another body ("Giao Văn phòng … theo dõi, đôn đốc") gives the heading agency no role.
  const clauses = text
    .split(/(?:;\s+|\.\s+|\n|^)(?=[-+•]?\s*\p{L})/u)
    .map((raw) => raw.replace(/^[-+•]\s*/, ''))
    .filter((clause) => !ORDERS_ANOTHER.test(clause));
  for (const clause of clauses) {
    if (LEAD_VERB.test(clause) || /^chủ trì/iu.test(clause)) roles.add('lead');
    // The item's own verb: "Phối hợp …", "Chủ động phối hợp …"; deeper in, "phối hợp" has another subject ("huy động đoàn viên … phối hợp với …").
    const support = allMatches(SUPPORT_VERB, clause).find((m) => {
      const before = clause.slice(0, m.index!);
      // An opener of manner does not count: "căn cứ chức năng, nhiệm vụ được giao phối hợp …".
      const verbPhrase = before.replace(/^\s*(?:căn cứ|theo|trong phạm vi)\s+(?:chức năng|nhiệm vụ)[\p{L}\s,]*?(?:được giao|của (?:mình|đơn vị|ngành))\s*,?\s*/iu, '');
      return verbPhrase.trim().split(/\s+/u).filter(Boolean).length <= 3 && !/(?:tham mưu|chỉ đạo|đề nghị|hướng dẫn)[^;]*$/iu.test(before) && !/chủ trì,?\s*$/iu.test(before);
    });
    if (support) roles.add('support');
    // "… gửi Sở Tài chính để tổng hợp, tham mưu": the body reports go to advises, not the subject.
    if (withoutReportToAdviser(clause).search(ADVISE_VERB) >= 0) roles.add('advise');
    if (MONITOR_VERB.test(clause)) roles.add('monitor');
  }
  return roles;
}

/** Is the paragraph in a part that organises implementation? Its top-level section is found by position, never by label. */
function isAgencyPart(paragraph: BodyParagraph): boolean {
  const root = paragraph.root;
  return !!root?.heading && /PHÂN CÔNG|TRÁCH NHIỆM|TỔ CHỨC THỰC HIỆN/u.test(root.heading.toUpperCase());
}

function headingAgencies(section: Section, paragraph: BodyParagraph): { agencies: string[]; requested: boolean; headingRole: AssignmentRole | null } | null {
  let heading = section.heading;
  if (!heading) {
    // "9. Các cơ quan, đơn vị … còn lại tổ chức phổ biến …": the agency opens the paragraph.
    const lead = leadingAgencyList(paragraph.text.slice(paragraph.contentStart - paragraph.start));
    // "2. Ủy ban nhân dân tỉnh giao Sở Y tế …": the body that orders is not the one the section is about.
    return lead && !ORDERS_ANOTHER.test(lead.rest) ? { agencies: lead.agencies, requested: false, headingRole: null } : null;
  }
  const requested = /^Đề nghị\s/u.test(heading);
  if (!startsWithAgency(heading)) return null;
  heading = heading.replace(/^Đề nghị\s+/u, '').replace(/\s*\([^()]*\)\s*$/u, '');
  // A heading that is a whole sentence ("Đề nghị X và Y phối hợp tuyên truyền.") names its agencies before the verb.
  const lead = leadingAgencyList(heading);
  if (lead && ORDERS_ANOTHER.test(lead.rest)) return null;
  if (lead && lead.rest && !lead.rest.startsWith(':')) return { agencies: lead.agencies, requested, headingRole: roleOfVerb(lead.rest) };
  return { agencies: splitAgencyList(heading), requested, headingRole: null };
}

const PARENTHETICAL = /\(([^()]{3,400})\)/gu;

/** "(X chủ trì, phối hợp Y thực hiện)", "(X tham mưu; Y thực hiện)". */
function parentheticalAssignments(paragraph: BodyParagraph): Draft[] {
  const drafts: Draft[] = [];
  for (const m of allMatches(PARENTHETICAL, paragraph.text)) {
    const inner = m[1]!.replace(/\*+/g, '').trim();
    // The sentence before the bracket, read only for a bracket that names a duty: most brackets do not.
    let task: string | null = null;
    const add = (list: string | string[], role: AssignmentRole): void => {
      task ??= paragraph.text.slice(0, m.index!).split(/(?<=[.;])\s+(?=\p{Lu})/u).at(-1)!.trim();
      for (const agency of Array.isArray(list) ? list : splitAgencyList(list)) {
        drafts.push({ paragraph, agency, role, requested: false, task, start: paragraph.start + m.index!, end: paragraph.start + m.index! + m[0].length, namesOwnLead: 'parenthesis' });
      }
    };
    // Each ";" segment is a clause of its own: "(X chủ trì, phối hợp Y thực hiện; Z theo dõi, đôn đốc; thời gian thực hiện: …)".
    for (const segment of inner.split(/;\s*/)) {
      const clause = /(?:thực hiện|chủ trì|tham mưu|triển khai)\s*\.?$/u.test(segment) ? segment.match(CLAUSE_ROLE) : null;
      if (clause) {
        add(clause[1]!, roleOfVerb(clause[2]!));
        // The partners the clause gives the duty to: named bodies, or a plural noun phrase by its place ("phối hợp với các doanh nghiệp viễn thông thực hiện").
        if (clause[3]) add(partnerAgencies(clause[3]), 'support');
        continue;
      }
      const monitor = leadingAgencyList(segment);
      if (monitor && MONITOR_VERB.test(monitor.rest)) add(monitor.agencies, 'monitor');
    }
  }
  return drafts;
}

/** "+ Đơn vị chủ trì: Công an tỉnh." / "+ Đơn vị phối hợp: …". */
function labelledAssignments(paragraph: BodyParagraph, taskOf: (p: BodyParagraph) => string): Draft[] {
  const m = paragraph.text.match(LABELLED_LINE);
  if (!m) return [];
  const role = roleOfVerb(m[1]!);
  return listedAgencies(m[2]!).map((agency) => ({ paragraph, agency, role, requested: false, task: taskOf(paragraph), start: paragraph.start, end: paragraph.end, namesOwnLead: 'labelled' as const }));
}


function reportAdviser(paragraph: BodyParagraph): Draft[] {
  const m = matchReportToAdviser(paragraph.text);
  if (!m) return [];
  return splitAgencyList(m[1]!).map((agency) => ({ paragraph, agency, role: 'advise' as const, requested: false, task: m[0], start: paragraph.start + m.index!, end: paragraph.start + m.index! + m[0].length }));
}

const ORDER = withPlanLetters(/(?<![\p{L}])(Giao|Đề nghị|đề nghị|giao|yêu cầu|Yêu cầu)\s+/gu);

/** "Giao X chịu trách nhiệm theo dõi, đôn đốc …", "Đề nghị X …", "Căn cứ …, yêu cầu X, Y xây dựng …". */
function orderAssignments(paragraph: BodyParagraph): Draft[] {
  const drafts: Draft[] = [];
  const text = paragraph.text;
  let listEnd = 0;
  for (const m of allMatches(ORDER, text)) {
    if (m.index! < listEnd) continue;
    const after = text.slice(m.index! + m[0].length);
    const lead = leadingAgencyList(after);
    if (!lead) continue;
    const requested = /đề nghị/iu.test(m[1]!);
    const isGiao = /giao/iu.test(m[1]!);
    // The order's own sentence and the subject-less sentences after it.
    const scope = lead.rest;
    const roles = new Set<AssignmentRole>();
    const firstClause = scope.split(/[;]/)[0]!;
    if (/^chủ trì/iu.test(firstClause)) roles.add('lead');
    if (scope.search(ADVISE_VERB) >= 0) roles.add('advise');
    if (MONITOR_VERB.test(isGiao ? scope : firstClause)) roles.add('monitor');
    if (roles.size === 0) roles.add(roleOfVerb(firstClause));
    const task = firstClause.trim();
    const start = paragraph.start + m.index!;
    for (const agency of lead.agencies) {
      for (const role of roles) drafts.push({ paragraph, agency, role, requested, task, start, end: start + m[0].length + after.length - lead.rest.length });
    }
    // "Giao X chủ trì, phối hợp A và đề nghị B thực hiện": the partners share the duty; the "đề nghị" inside the list is no order of its own.
    const partners = roles.has('lead') ? partnersOfLead(scope) : null;
    for (const partner of partners?.partners ?? []) drafts.push({ paragraph, agency: partner.agency, role: 'support', requested: partner.requested, task, start, end: start + m[0].length + after.length - lead.rest.length });
    if (partners) listEnd = m.index! + m[0].length + (after.length - scope.length) + partners.length;
  }
  return drafts;
}

/** Every predicate verb of a clause at once; built once, since a pattern this long is costly to look up by its source. */
const EVERY_PREDICATE_VERB = new RegExp(PREDICATE_VERBS.source, 'gu');

function stripOpener(clause: string): string {
  const basis = clause.match(/^Căn cứ[^,]{0,160},\s*/u);
  if (basis) return clause.slice(basis[0].length);
  if (!/^Định kỳ/u.test(clause)) return clause;
  for (const m of allMatches(/[\s,]+/gu, clause)) {
    // Only the period words are skipped: after a verb ("Định kỳ tham mưu cho Ban Chỉ đạo …") the agency is an object.
    // `match` with a global pattern starts from 0 and leaves lastIndex at 0: the shared pattern keeps no state.
    const verbs = ` ${clause.slice(0, m.index!)}`.match(EVERY_PREDICATE_VERB) ?? [];
    if (verbs.some((verb) => !/^\s*(?:trước|chậm nhất)/u.test(verb))) break;
    const rest = clause.slice(m.index! + m[0].length);
    if (startsWithAgency(rest)) return rest;
  }
  return clause;
}

/** Clauses whose subject is an agency list, in the parts that organise implementation ("…; các đơn vị còn lại tổ chức …"). */
function subjectClauseAssignments(paragraph: BodyParagraph): Draft[] {
  const drafts: Draft[] = [];
  const text = paragraph.text.slice(paragraph.contentStart - paragraph.start);
  const offset = paragraph.contentStart;
  const clauseStarts = [0, ...allMatches(/(?<=;)\s+|(?<=\.)\s+(?=\p{Lu})/gu, text).map((m) => m.index! + m[0].length)];
  for (const clauseStart of clauseStarts) {
    // A subject list may itself run over ";" ("các sở …; các cơ quan …; Ủy ban nhân dân các xã, phường ban hành …").
    const clause = text.slice(clauseStart);
    // Openers before the subject: "Căn cứ Kế hoạch này, ", "Định kỳ hằng quý I, 06 tháng, 01 năm, ".
    const body = stripOpener(clause);
    if (ORDERS_ANOTHER.test(body)) continue;
    const lead = leadingAgencyList(body);
    // "Ủy ban nhân dân tỉnh giao Sở Y tế …": the subject orders; the ordered body's duty is read by the order.
    if (!lead || ORDERS_ANOTHER.test(lead.rest)) continue;
    const role = roleOfVerb(lead.rest);
    for (const agency of lead.agencies) {
      drafts.push({ paragraph, agency, role, requested: false, task: lead.rest.split(/[;.]\s/)[0]!, start: offset + clauseStart, end: offset + clauseStart + clause.slice(0, clause.length - lead.rest.length).trimEnd().length });
    }
  }
  return drafts;
}

/**
 * "Sở Tài chính chủ trì, phối hợp Sở Văn hóa, Thể thao và Du lịch thẩm định
 * …": outside the parts that organise implementation, a clause whose subject
 * is an agency and whose verb is "chủ trì" names the lead of its unit of
 * work, and the partners after "phối hợp (với)" share the duty (support).
 */
function leadClauseAssignments(paragraph: BodyParagraph): Draft[] {
  const drafts: Draft[] = [];
  const text = paragraph.text.slice(paragraph.contentStart - paragraph.start);
  const offset = paragraph.contentStart;
  for (const m of allMatches(/[^;.]+(?:[;.]|$)/gu, text)) {
    const clause = m[0].replace(/^\s*[-+•]\s*/u, '').replace(/^\s+/, '');
    const lead = leadingAgencyList(clause);
    // "Đơn vị chủ trì: …" is a labelled line; a parenthesis before the verb belongs to another clause.
    if (!lead || !/^chủ trì(?![\p{L}])(?!\s*:)/u.test(lead.rest) || clause.slice(0, clause.length - lead.rest.length).includes('(')) continue;
    const start = offset + m.index!;
    const task = lead.rest.replace(/[;.]\s*$/u, '');
    const push = (agency: string, role: AssignmentRole): void => {
      drafts.push({ paragraph, agency, role, requested: false, task, start, end: start + m[0].length, namesOwnLead: 'clause', clause: clause.replace(/[;.]\s*$/u, '').trim() });
    };
    for (const agency of lead.agencies) push(agency, 'lead');
    for (const partner of partnersOfLead(lead.rest)?.partners ?? []) push(partner.agency, 'support');
  }
  return drafts;
}

/**
 * The partners a lead clause gives a share of its duty: "chủ trì, phối hợp
 * (với) A, B và đề nghị C thực hiện" → A and B, and C as requested, since
 * the issuer can only ask it. `length` is how much of `rest` the list covers.
 */
function partnersOfLead(rest: string): { partners: Array<{ agency: string; requested: boolean }>; length: number } | null {
  const opener = rest.match(/^chủ trì,?\s+phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+/u);
  if (!opener) return null;
  const partners: Array<{ agency: string; requested: boolean }> = [];
  let at = opener[0].length;
  let requested = false;
  for (;;) {
    const after = rest.slice(at);
    const listed = leadingAgencyList(after);
    if (!listed) break;
    const listText = after.slice(0, after.length - listed.rest.length).replace(/(?:,|\s+và)\s*$/u, '');
    partners.push(...listedAgencies(splitAgencyList(listText).join('; ')).map((agency) => ({ agency, requested })));
    at += after.length - listed.rest.length;
    // "… và đề nghị Ủy ban Mặt trận …": the list goes on with bodies the issuer can only ask.
    const request = listed.rest.match(/^đề nghị\s+/iu);
    if (!request) break;
    at += request[0].length;
    requested = true;
  }
  return partners.length > 0 ? { partners, length: at } : null;
}

/** The roles table columns give the agencies in their cells. */
const CELL_ROLES: Partial<Record<ColumnRole, AssignmentRole>> = { lead: 'lead', support: 'support', implement: 'implement' };

/**
 * The agencies of a list that is known to hold agencies (a table's agency
 * cell, the value of "Đơn vị chủ trì:"): separated by ";" (or listed one a
 * paragraph), each piece split further where it lists named bodies. A piece
 * no agency noun opens ("Các ngân hàng thương mại trên địa bàn", "Bảo tàng
 * thành phố") is kept whole: the column or the label says what it is.
 */
export function listedAgencies(text: string): string[] {
  return text
    // ";" separates agencies; so does ", các …" (a plural noun phrase: "Hiệp hội Du lịch thành phố, các doanh nghiệp lữ hành").
    .split(/\s*;\s*|,\s+(?=các\s)/u)
    .map((piece) => piece.replace(/[\s.,;:/]+$/u, '').replace(AGENCY_TAIL, '').trim())
    // A cell's filler ("Như trên", "x", "-") names no one.
    .filter((piece) => /\p{L}\p{L}/u.test(piece) && !CELL_FILLER.test(piece))
    .flatMap((piece) => {
      const split = splitAgencyList(piece);
      return split.length > 1 ? split : [piece];
    });
}

/** The partners after "phối hợp (chặt chẽ) (với)": named bodies, and "các …" noun phrases, which name bodies by their place. */
function partnerAgencies(list: string): string[] {
  const trimmed = list.replace(/^(?:chặt chẽ|đồng bộ|thường xuyên)\s+(?:với\s+)?/u, '');
  const named = splitAgencyList(trimmed);
  return named.length > 0 ? named : listedAgencies(trimmed).filter((piece) => /^các\s/iu.test(piece));
}

function cellAssignments(paragraph: BodyParagraph, role: AssignmentRole, task: string): Draft[] {
  const drafts: Draft[] = [];
  for (const listed of listedAgencies(paragraph.text)) {
    // "Đề nghị Ủy ban Mặt trận …": a body the issuer can only ask (requested), named without the request.
    const requested = /^Đề nghị\s/u.test(listed);
    const agency = listed.replace(/^Đề nghị\s+/u, '');
    const at = paragraph.text.indexOf(agency);
    const start = paragraph.start + Math.max(0, at);
    drafts.push({ paragraph, agency, role, requested, task, start, end: start + agency.length });
  }
  return drafts;
}

const rowKey = (cell: NonNullable<BodyParagraph['cell']>): string => `${cell.table}:${cell.row}`;

/** The text of each table row's task cell, read once for every agency cell of the row. */
function rowTaskTexts(paragraphs: BodyParagraph[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const p of paragraphs) {
    if (p.cell?.role !== 'task') continue;
    const key = rowKey(p.cell);
    const before = texts.get(key);
    texts.set(key, before === undefined ? p.text : `${before} ${p.text}`);
  }
  return texts;
}

/** The assignment extractor; also the duties that name a unit of work's own lead, for the task extractor. */
export function extractAssignments(context: ExtractionContext, deadlines: Deadline[]): { assignments: Assignment[]; namedDuties: NamedDuty[] } {
  const bySection = new Map<Section, BodyParagraph[]>();
  for (const p of context.paragraphs) {
    if (!p.section) continue;
    const list = bySection.get(p.section) ?? [];
    list.push(p);
    bySection.set(p.section, list);
  }
  const taskOf = (p: BodyParagraph): string => {
    const own = bySection.get(p.section!) ?? [p];
    return own[0]!.text.slice(own[0]!.contentStart - own[0]!.start).trim();
  };

  let drafts: Draft[] = [];
  const rowTasks = rowTaskTexts(context.paragraphs);
  const headed = new Set<Section>();
  for (const [section, own] of bySection) {
    const first = own[0]!;
    if (!first.labelled || !isAgencyPart(first)) continue;
    const found = headingAgencies(section, first);
    if (!found) continue;
    headed.add(section);
    const ownText = own.map((p) => p.text.slice(p.contentStart - p.start)).join('\n');
    // In "3. Sở Y tế: Phối hợp …" the items start after the colon.
    const itemText = section.heading && ownText.startsWith(section.heading) ? ownText.slice(section.heading.length).replace(/^\s*:\s*/, '') : ownText;
    const roles = rolesInOwnText(itemText);
    if (found.headingRole) roles.add(found.headingRole);
    const task = itemText.split('\n', 1)[0]!.slice(0, 300);
    for (const agency of found.agencies) {
      for (const role of roles) {
        drafts.push({ paragraph: first, agency, role, requested: found.requested, task, start: section.span.start, end: section.span.end });
      }
    }
  }
  for (const paragraph of context.paragraphs) {
    if (paragraph.cell) {
      if (paragraph.cell.inHeader) continue;
      // A cell of an agency column names its agencies by position; the row's task cell says what they do.
      const role = CELL_ROLES[paragraph.cell.role];
      if (role) {
        drafts.push(...cellAssignments(paragraph, role, rowTasks.get(rowKey(paragraph.cell)) ?? ''));
        continue;
      }
    }
    drafts.push(...parentheticalAssignments(paragraph));
    drafts.push(...labelledAssignments(paragraph, taskOf));
    drafts.push(...reportAdviser(paragraph));
    const headedOpening = paragraph.labelled && paragraph.section !== null && headed.has(paragraph.section);
    const orders = headedOpening ? [] : orderAssignments(paragraph);
    drafts.push(...orders);
    if (paragraph.section && isAgencyPart(paragraph) && !headed.has(paragraph.section)) {
      drafts.push(...subjectClauseAssignments(paragraph));
    } else if (!headedOpening && orders.length === 0 && !headed.has(paragraph.section!) && !inEvaluationPart(paragraph)) {
      drafts.push(...leadClauseAssignments(paragraph));
    }
  }

  // The closing remark's call to carry the plan out is no duty ("Trên đây là Kế hoạch … yêu cầu X nghiêm túc triển khai thực hiện").
  drafts = drafts.filter((d) => !(CLOSING_REMARK.test(d.paragraph.text) && CARRY_OUT_THE_PLAN.test(d.task.trim())));
  const namedDuties = drafts.flatMap((d): NamedDuty[] => (d.namesOwnLead ? [{ paragraph: d.paragraph, agency: d.agency, role: d.role, source: d.namesOwnLead, start: d.start, clause: d.clause ?? null }] : []));
  const seen = new Set<string>();
  const assignments: Assignment[] = [];
  const deadlinesBySpan = new SpanContainment(deadlines);
  for (const d of drafts) {
    const key = agencyKey(d.agency);
    // Keyed by the section itself, not its printed path: a label printed twice is two sections.
    const identity = `${d.paragraph.section?.id ?? ''}|${key}|${d.role}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    // The first deadline of the section from this paragraph on.
    const deadline = deadlinesBySpan.firstWithin(d.paragraph.start, bySection.get(d.paragraph.section!)?.at(-1)?.end ?? d.paragraph.end);
    assignments.push({
      id: `a-${assignments.length + 1}`,
      sectionPath: d.paragraph.sectionPath,
      sectionId: d.paragraph.section?.id ?? null,
      agency: d.agency,
      agencyKey: key,
      role: d.role,
      requested: d.requested,
      // Spaces collapsed where they are not one plain space already: a long task is copied only when something changes.
      task: collapseSpaces(d.task).trim(),
      deadlineId: deadline?.id ?? null,
      span: { start: d.start, end: Math.max(d.start, d.end) },
      page: d.paragraph.page,
    });
  }
  return { assignments, namedDuties };
}
