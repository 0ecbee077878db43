import type { Span } from '../schema/document.js';
import { overlapsAny, type ExtractionContext, type LegalReference } from './context.js';
import { FULL_DATE_SOURCE, readFullDate } from '../lexicon/dates.js';
import { startsWithAgency } from '../lexicon/agencies.js';
import { LEGAL_TYPES } from '../lexicon/document-types.js';
import { withPlanLetters } from '../text/letters.js';
import { allMatches } from '../text/matches.js';

/**
 * Legal references (domain-notes §3): "Quyết định số 33/QĐ-TTg ngày
 * 07/01/2026 của Thủ tướng Chính phủ", Party symbols ("02-NQ/TU"), lists
 * sharing a tail ("Kế hoạch số 34, 36, 37/KH-BCĐ"), and laws cited by name.
 */


const typeNames = Object.keys(LEGAL_TYPES).sort((a, b) => b.length - a.length);
/** Each type name by its lower case, the first (longest) kept: a citation's type as the lexicon spells it. */
const typeNameByLowerCase = new Map<string, string>();
for (const name of typeNames) if (!typeNameByLowerCase.has(name.toLowerCase())) typeNameByLowerCase.set(name.toLowerCase(), name);
const TYPE_SOURCE = typeNames.map((t) => t.replace(/ /g, '\\s+')).join('|');

// One symbol's tail after the number: "/QĐ-TTg", "/2020/NĐ-CP", "/2025/QH15", "/KH-BCĐ138/TP", "-NQ/TU".
const SYMBOL_PART = String.raw`[\p{Lu}][\p{L}\d]*`;
const STATE_TAIL = String.raw`(?:\/\d{4})?\/${SYMBOL_PART}(?:-[ \u00a0]?${SYMBOL_PART})*(?:\/${SYMBOL_PART})*`;
// Party symbols may be printed with spaces around the hyphen: "225 - KH/TWĐTN-CTTN".
const PARTY_TAIL = String.raw`-\s?${SYMBOL_PART}\/${SYMBOL_PART}(?:-${SYMBOL_PART})*`;
// A number may carry a letter suffix: "30c/NQ-CP".
const NUMBER = String.raw`\d{1,5}[a-zđ]?`;
const NUMBER_LIST = String.raw`${NUMBER}(?:\s*,\s*${NUMBER})*(?:\s+và\s+${NUMBER})?`;
// A name printed between the type and "số": "Luật Dược số 105/2016/QH13". It
// opens with a capital and runs over words that are neither another type's
// name nor the joining words of a sentence.
const NAME_BEFORE_NUMBER = String.raw`[\p{Lu}][\p{Ll}]*(?:\s+(?!(?:${TYPE_SOURCE}|và|của|ngày|năm|theo|tại|về|đã|được|các|những)(?![\p{L}]))[\p{L}]+){0,8}`;

const NUMBERED_REFERENCE = withPlanLetters(new RegExp(
  String.raw`(?<![\p{L}])(${TYPE_SOURCE})(?:\s+(?:của\s+[^,;.]{0,40}?\s+|(${NAME_BEFORE_NUMBER})\s+)?số)?\s*:?\s*(${NUMBER_LIST})\s*(${STATE_TAIL}|${PARTY_TAIL})(?![\p{L}\d/])`,
  'gu',
));
const DATE_AFTER = new RegExp(String.raw`^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?(?:${FULL_DATE_SOURCE})`, 'u');
const ISSUER_AFTER = withPlanLetters(/^\s*,?\s*của\s+((?:[^,;.()]|\.(?=\d))+?)(?=\s+(?:về|ban hành|quy định|hướng dẫn|thực hiện|triển khai|tổ chức|phê duyệt|thành lập|khóa\s+[IVXL]+\s+về)(?![\p{L}])|\s*[,;.(]|\s*$)/u);
const ISSUER_TERM = withPlanLetters(/^\s+khóa\s+[IVXL]+(?![\p{L}])/u);
// A title is read over at most a few hundred characters: a paragraph of a thousand citations is not read again for each.
const TITLE_AFTER = withPlanLetters(/^\s*,?\s*((?:về|ban hành|quy định|hướng dẫn|thực hiện|triển khai|tổ chức|phê duyệt|thành lập)(?![\p{L}])[^;]{0,600})/u);

// Laws and codes cited by name: "Luật Thi hành án hình sự", "Bộ luật Tố tụng hình sự", "Luật Phòng, chống ma túy".
const NAMED_LAW = withPlanLetters(/(?<![\p{L}])(Bộ luật|Luật)\s+((?:Phòng,\s+chống|[\p{Lu}][\p{Ll}]*)(?:\s+(?!(?:về|của|để|theo|và|năm|số|đã|được|nhằm|trong|tại|cho|với|khi|này|ngày|thì|mà|đối|sửa|hiện|quy)(?![\p{L}]))[\p{Ll}\p{Lu}][\p{Ll}]*){0,7})/gu);

interface Mention {
  reference: Omit<LegalReference, 'id'>;
  /** How much the mention says: the richest mention of a document is kept. */
  richness: number;
}

/**
 * Spaces out, "TTG" as printed in capitals back to "TTg", and a hyphen a PDF
 * dropped between the type code and the issuer put back: "30c/NQCP" with
 * type code NQ → "30c/NQ-CP". Only a code part without any hyphen is
 * mended, so "01/TTLT-BCA" stays as printed.
 */
/** A name that is a body: an agency, or the Government and its offices ("Chính phủ", "Thủ tướng Chính phủ", "Quốc hội"). */
function startsWithIssuer(name: string): boolean {
  return startsWithAgency(name) || /^(?:Chính phủ|Thủ tướng|Quốc hội|Bộ Chính trị|Ban Bí thư|Ban Chấp hành|Tỉnh ủy|Thành ủy|Huyện ủy)(?![\p{L}])/u.test(name);
}

function normaliseSymbol(symbol: string, typeCode: string | undefined): string {
  let normalised = symbol.replace(/\s+/g, '').replace(/-TTG$/, '-TTg');
  // State symbols only ("12/QĐUBND", "49/2020/NĐCP"): in a Party symbol ("45-BC/BCĐ") the part after the slash is the issuer.
  if (typeCode && /^\d+[a-zđ]?(?:\/\d{4})?\/[^/-]+$/u.test(normalised)) {
    const glued = normalised.match(/^(.*\/)([^/-]+)$/u);
    if (glued && glued[2]!.startsWith(typeCode) && /^\p{Lu}/u.test(glued[2]!.slice(typeCode.length))) {
      normalised = `${glued[1]}${typeCode}-${glued[2]!.slice(typeCode.length)}`;
    }
  }
  return normalised;
}

function trimTitle(raw: string): string | null {
  let title = raw.trim();
  // A title ends at the end of its sentence.
  const sentenceEnd = title.search(/\.(?:\s+[\p{Lu}]|\s*$)|\.\/\./u);
  if (sentenceEnd >= 0) title = title.slice(0, sentenceEnd);
  // Trailing punctuation off from the end only (an anchored-at-end pattern would try every position).
  title = title.trimEnd();
  while (/[,;:]$/.test(title)) title = title.slice(0, -1).trimEnd();
  if (title.length > 400) title = title.slice(0, 400);
  return title.length > 0 ? title : null;
}

interface Block {
  text: string;
  start: number;
  page: number | null;
  sectionPath: string[] | null;
  sectionId: string | null;
  inFootnote: boolean;
}

function blocksOf(context: ExtractionContext): Block[] {
  const blocks: Block[] = [];
  // The title cites too ("Thực hiện Chỉ thị số 05-CT/TU …"), outside any section, as footnotes are.
  for (const p of context.titleParagraphs) blocks.push({ text: p.text, start: p.start, page: p.page, sectionPath: null, sectionId: null, inFootnote: false });
  for (const p of context.paragraphs) {
    blocks.push({ text: p.text, start: p.start, page: p.page, sectionPath: p.section ? p.sectionPath : null, sectionId: p.section?.id ?? null, inFootnote: false });
  }
  for (const f of context.footnotes) blocks.push({ text: f.text, start: f.span.start, page: f.page, sectionPath: null, sectionId: null, inFootnote: true });
  return blocks;
}

/** Both symbol tails hold a slash before a capital ("/NQ-CP", "-KH/TU"): a paragraph without one cites no numbered document. */
const SYMBOL_SLASH = /\/\p{Lu}/u;

function numberedMentions(block: Block): Mention[] {
  const mentions: Mention[] = [];
  if (!SYMBOL_SLASH.test(block.text)) return mentions;
  for (const match of allMatches(NUMBERED_REFERENCE, block.text)) {
    const typeName = match[1]!.replace(/\s+/g, ' ');
    const type = typeNameByLowerCase.get(typeName.toLowerCase()) ?? typeName;
    const name = match[2] ? `${type} ${match[2].replace(/\s+/g, ' ')}` : null;
    const numbers = match[3]!.split(/\s*(?:,|và)\s*/).filter(Boolean);
    const tail = match[4]!.replace(/\s+/g, '');
    let end = match.index! + match[0].length;
    let rest = block.text.slice(end);
    let issuedDate: string | null = null;
    const date = rest.match(DATE_AFTER);
    if (date) {
      issuedDate = readFullDate(date, 1);
      end += date[0].length;
      rest = block.text.slice(end);
    }
    let issuer: string | null = null;
    const issuerMatch = rest.match(ISSUER_AFTER);
    if (issuerMatch) {
      issuer = issuerMatch[1]!.trim();
      end += issuerMatch[0].length;
      rest = block.text.slice(end);
      const term = rest.match(ISSUER_TERM);
      if (term) {
        issuer += term[0].replace(/\s+/g, ' ');
        end += term[0].length;
        rest = block.text.slice(end);
      }
    }
    // "(BCĐ/TP)": an abbreviation of the issuer, part of the citation.
    const parenthetical = rest.match(/^\s*\([^()]{1,30}\)/u);
    const titleSource = parenthetical ? rest.slice(parenthetical[0].length) : rest;
    const titleMatch = titleSource.match(TITLE_AFTER);
    // "Luật Dược số …": the name is the title; "Nghị định Chính phủ số …", "Quyết định Ủy ban nhân dân tỉnh số …": the issuer.
    const namedIssuer = match[2] && startsWithIssuer(match[2]) ? match[2].replace(/\s+/g, ' ') : null;
    if (namedIssuer && !issuer) issuer = namedIssuer;
    const title = titleMatch ? trimTitle(titleMatch[1]!) : namedIssuer ? null : name;
    for (const number of numbers) {
      const symbol = normaliseSymbol(number + tail, LEGAL_TYPES[type]);
      const year = tail.match(/^\/(\d{4})\//);
      const codes = symbol.slice(number.length).replace(/^\/\d{4}/, '').replace(/^[-/]/, '');
      const [typePart, ...issuerParts] = codes.split(/[-/]/);
      const isPartyOrState = /^[\p{Lu}][\p{L}]*$/u.test(typePart ?? '') && issuerParts.length > 0;
      mentions.push({
        reference: {
          sectionPath: block.sectionPath,
          sectionId: block.sectionId,
          text: block.text.slice(match.index!, end).trim(),
          type,
          typeCode: LEGAL_TYPES[type] ?? typePart ?? type,
          symbol,
          number,
          year: year ? Number(year[1]) : null,
          issuerCode: isPartyOrState ? codes.slice((typePart ?? '').length + 1) : codes,
          issuedDate,
          issuer,
          title,
          inFootnote: block.inFootnote,
          span: { start: block.start + match.index!, end: block.start + end },
          page: block.page,
        },
        richness: (issuedDate ? 2 : 0) + (issuer ? 1 : 0) + (title ? 1 : 0),
      });
    }
  }
  return mentions;
}

function namedLawMentions(block: Block): Mention[] {
  const mentions: Mention[] = [];
  for (const match of allMatches(NAMED_LAW, block.text)) {
    const type = match[1]!;
    const name = `${type} ${match[2]!}`.replace(/\s+/g, ' ').trim();
    // One-word remnants are not law names ("Luật sư", the lawyer, never matches: a name opens with a capital).
    if (name.split(' ').length < 3) continue;
    const start = block.start + match.index!;
    mentions.push({
      reference: {
        sectionPath: block.sectionPath,
        sectionId: block.sectionId,
        text: name,
        type,
        typeCode: LEGAL_TYPES[type]!,
        symbol: null,
        number: null,
        year: null,
        issuerCode: null,
        issuedDate: null,
        issuer: null,
        title: name,
        inFootnote: block.inFootnote,
        span: { start, end: start + name.length },
        page: block.page,
      },
      richness: 0,
    });
  }
  return mentions;
}

/** The legal-reference extractor: one reference per distinct cited document, and every cited span. */
export function extractLegalReferences(context: ExtractionContext): { references: LegalReference[]; citedSpans: Span[] } {
  const byKey = new Map<string, Mention>();
  const order: string[] = [];
  const citedSpans: Span[] = [];
  for (const block of blocksOf(context)) {
    const numbered = numberedMentions(block);
    const numberedSpans = numbered.map((m) => m.reference.span);
    const named = namedLawMentions(block).filter((m) => !overlapsAny({ start: m.reference.span.start, end: m.reference.span.start + 1 }, numberedSpans));
    for (const mention of [...numbered, ...named]) {
      citedSpans.push(mention.reference.span);
      const key = mention.reference.symbol ? `#${mention.reference.symbol.toLowerCase()}` : `@${mention.reference.title!.toLowerCase()}`;
      const known = byKey.get(key);
      if (!known) {
        byKey.set(key, mention);
        order.push(key);
      } else if (mention.richness > known.richness) {
        byKey.set(key, mention);
      }
    }
  }
  const references = order.map((key, i) => ({ id: `l-${i + 1}`, ...byKey.get(key)!.reference }));
  return { references, citedSpans };
}
