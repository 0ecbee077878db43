import type { Paragraph } from '../layout/paragraphs.js';
import { parseVietnameseDate } from '../lexicon/dates.js';
import { DOCUMENT_TYPES } from '../lexicon/document-types.js';
import { parseSectionMarker, startsWithBullet } from '../lexicon/markers.js';


export interface Header {
  number: string | null;
  issuer: string | null;
  place: string | null;
  issuedDate: string | null;
  /** The year printed in the header date, even when the day is blank. */
  headerYear: number | null;
}

export interface Closing {
  recipients: string[];
  signer: { name: string | null; position: string | null; authority: string | null; onBehalfOf: string | null };
}

export interface DocumentParts {
  headerEnd: number;
  /** Index of the type-name paragraph ("KẾ HOẠCH"), or -1. */
  typeIndex: number;
  documentType: string | null;
  title: string | null;
  /** Paragraph index range of the body: [bodyStart, bodyEnd). */
  bodyStart: number;
  bodyEnd: number;
  header: Header;
  closing: Closing;
}

const NATIONAL_MOTTO = /^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc|ĐẢNG CỘNG SẢN VIỆT NAM)/iu;
const NUMBER_LINE = /(?:^|\s)Số\s*:?\s*([^\s,]*\/[^\s,]*|[\d]+[-‑][\p{L}]+\/[^\s,]+)/u;
const PLACE_DATE = /(?:^|\s)([\p{Lu}][\p{L} .'-]{1,40}?),\s*ngày\s+(\d{1,2}|[.…_\s]*)\s*tháng\s+(\d{1,2}|[.…_\s]*)\s*năm\s+(\d{4})/u;

function matchTypeName(text: string): { code: string; rest: string } | null {
  const trimmed = text.trim();
  for (const type of DOCUMENT_TYPES) {
    if (trimmed === type.name) return { code: type.code, rest: '' };
    // "KẾ HOẠCH Thực hiện …": the type name merged with the subject line.
    if (trimmed.startsWith(type.name + ' ')) {
      const rest = trimmed.slice(type.name.length + 1).trim();
      if (/^\p{Lu}\p{Ll}/u.test(rest)) return { code: type.code, rest };
    }
  }
  return null;
}

function parseHeader(paragraphs: Paragraph[]): Header {
  const header: Header = { number: null, issuer: null, place: null, issuedDate: null, headerYear: null };
  const issuerLines: string[] = [];
  for (const { text } of paragraphs) {
    const numberMatch = text.match(NUMBER_LINE);
    if (numberMatch) {
      const printed = numberMatch[1]!.replace(/\s+/g, '');
      // "Số: /KH-UBND": the number is left blank in drafts and e-signed copies.
      header.number = /^[\d]/.test(printed) ? printed : null;
    }
    const dateMatch = text.match(PLACE_DATE);
    if (dateMatch) {
      header.place = dateMatch[1]!.trim();
      header.headerYear = Number(dateMatch[4]);
      const day = Number(dateMatch[2]);
      const month = Number(dateMatch[3]);
      header.issuedDate = day && month ? parseVietnameseDate(day, month, header.headerYear) : null;
    }
    if (!numberMatch && !dateMatch && !NATIONAL_MOTTO.test(text) && text === text.toUpperCase() && /\p{Lu}/u.test(text)) {
      issuerLines.push(text.replace(NATIONAL_MOTTO, '').trim());
    }
  }
  if (issuerLines.length > 0) {
    // Parent body above, issuing body below ("UBND TỈNH ĐỒNG THÁP" / "BAN CHỈ ĐẠO 138"): the issuer is the last line.
    header.issuer = issuerLines.at(-1)!;
  }
  return header;
}

const AUTHORITY = /^(TM|KT|TL|TUQ|Q|T\/M|K\/T|T\/L)\.?\s+(.+)$/u;
const RECIPIENTS = /^Nơi\s+nhận\s*:?\s*/iu;

function looksLikePersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
}

function isUpperCaseLine(text: string): boolean {
  return /\p{Lu}/u.test(text) && text === text.toUpperCase();
}

function parseClosing(paragraphs: Paragraph[]): Closing {
  const closing: Closing = { recipients: [], signer: { name: null, position: null, authority: null, onBehalfOf: null } };
  let inRecipients = false;
  const signatureLines: string[] = [];
  for (const { text } of paragraphs) {
    const recipientsHead = text.match(RECIPIENTS);
    if (recipientsHead) {
      inRecipients = true;
      const rest = text.slice(recipientsHead[0].length).trim();
      if (rest) closing.recipients.push(...splitRecipients(rest));
      continue;
    }
    // Bullets belong to the recipients list even when a two-column layout put signature lines between them.
    if ((inRecipients || closing.recipients.length > 0) && startsWithBullet(text)) {
      closing.recipients.push(...splitRecipients(text));
      continue;
    }
    inRecipients = false;
    signatureLines.push(text);
  }
  const nameIndex = signatureLines.findLastIndex(looksLikePersonName);
  if (nameIndex >= 0) closing.signer.name = signatureLines[nameIndex]!.trim();
  const titleLines = signatureLines.slice(0, nameIndex >= 0 ? nameIndex : signatureLines.length).filter(isUpperCaseLine);
  for (const line of titleLines) {
    const m = line.match(AUTHORITY);
    if (m) {
      const authority = m[1]!.replace(/\//g, '') + '.';
      if (authority === 'TM.') closing.signer.onBehalfOf = m[2]!.trim();
      closing.signer.authority = authority;
    }
  }
  const position = titleLines.filter((l) => !AUTHORITY.test(l)).at(-1);
  if (position) closing.signer.position = position.trim();
  if (!closing.signer.name && !position) closing.signer.authority = null;
  return closing;
}

function splitRecipients(text: string): string[] {
  return text
    .split(/\n/)
    .map((r) => r.replace(/^[-+•–]\s*/, '').replace(/[;,.]\s*$/, '').trim())
    .filter((r) => r.length > 0);
}

function isSignatureLine(text: string): boolean {
  return AUTHORITY.test(text) && isUpperCaseLine(text);
}

/** Splits paragraphs into header, type name, title, body and closing, and reads the metadata they hold. */
export function splitDocumentParts(paragraphs: Paragraph[]): DocumentParts {
  const searchLimit = Math.min(paragraphs.length, 25);
  let typeIndex = -1;
  let documentType: string | null = null;
  let mergedTitle = '';
  for (let i = 0; i < searchLimit; i++) {
    const match = matchTypeName(paragraphs[i]!.text);
    if (match) {
      typeIndex = i;
      documentType = match.code;
      mergedTitle = match.rest;
      break;
    }
  }
  const header = parseHeader(paragraphs.slice(0, Math.max(0, typeIndex)));
  let bodyStart = typeIndex + 1;
  const titleParts: string[] = mergedTitle ? [mergedTitle] : [];
  if (typeIndex >= 0 && !mergedTitle && bodyStart < paragraphs.length) {
    titleParts.push(paragraphs[bodyStart]!.text);
    bodyStart++;
    // A subject wrapped before a capital ("… trên địa bàn" / "Thành phố Hồ Chí Minh năm 2026") splits into short unpunctuated pieces.
    while (bodyStart < paragraphs.length && titleParts.join(' ').length < 300) {
      const next = paragraphs[bodyStart]!.text;
      if (/[.;:]$/.test(titleParts.at(-1)!) || next.length > 90 || parseSectionMarker(next) || /[.;:]$/.test(next) || /^(Căn cứ|Thực hiện|Triển khai|Nhằm|Để)(?=\s)/u.test(next)) break;
      titleParts.push(next);
      bodyStart++;
    }
  } else if (typeIndex < 0) {
    bodyStart = 0;
  }
  // The body ends with the paragraph that closes "./.", else before "Nơi nhận" or the signature block.
  let bodyEnd = paragraphs.length;
  const closeMark = paragraphs.findLastIndex((p) => /\.\s*\/\s*\.\s*$/.test(p.text));
  if (closeMark >= bodyStart) bodyEnd = closeMark + 1;
  else {
    for (let i = bodyStart; i < paragraphs.length; i++) {
      const text = paragraphs[i]!.text;
      if (RECIPIENTS.test(text) || isSignatureLine(text)) {
        bodyEnd = i;
        break;
      }
    }
  }
  const closing = parseClosing(paragraphs.slice(bodyEnd));
  const title = titleParts.length > 0 ? titleParts.join(' ').replace(/\s+/g, ' ').trim() : null;
  return { headerEnd: Math.max(0, typeIndex), typeIndex, documentType, title, bodyStart, bodyEnd, header, closing };
}
