import { DOCUMENT_TYPES, DOCUMENT_TYPE_TABLE } from '../lexicon/document-types.js';
import { parseSectionMarker } from '../lexicon/markers.js';
import { ATTACHED_TO, AUTHORITY, CLOSE_MARK, NUMBER_LINE, PLACE_DATE_LINE, PREAMBLE_OPENING, RECIPIENTS, parseAppendixHeading } from '../lexicon/parts.js';
import type { Block, Part, PartKind } from '../tree.js';
import { isUpperCaseLine } from '../text/vietnamese.js';

// Asked of every line that may open a paragraph: the names with their space, and their first letters, are made once.
const TYPE_NAMES = DOCUMENT_TYPES.map((type) => ({ ...type, withSpace: `${type.name} ` }));
const FIRST_LETTERS = new Set(DOCUMENT_TYPES.map((type) => type.name[0]));

/** The type name a document is headed with ("KẾ HOẠCH"), alone or followed by the subject on the same line. */
export function matchTypeName(text: string): { code: string; rest: string } | null {
  const trimmed = text.trim();
  if (!FIRST_LETTERS.has(trimmed[0])) return null;
  for (const type of TYPE_NAMES) {
    if (trimmed === type.name) return { code: type.code, rest: '' };
    // "KẾ HOẠCH Thực hiện …": the type name merged with the subject line.
    if (trimmed.startsWith(type.withSpace)) {
      const rest = trimmed.slice(type.withSpace.length).trim();
      // The subject follows in sentence case, or in capitals as web copies print it ("KẾ HOẠCH THỰC HIỆN …").
      if (/^\p{Lu}(?:\p{Ll}|\p{Lu}+\s)/u.test(rest)) return { code: type.code, rest };
    }
  }
  return null;
}

const textOf = (block: Block | undefined): string => (block?.kind === 'paragraph' ? block.text : '');


function isSignatureLine(text: string): boolean {
  return AUTHORITY.test(text) && isUpperCaseLine(text);
}

/** The paragraphs that open the closing: "Nơi nhận" or an authority marker. */
const opensClosing = (block: Block): boolean => block.kind === 'paragraph' && (RECIPIENTS.test(block.text) || isSignatureLine(block.text));

export interface LabelledParts {
  parts: Part[];
  documentType: string | null;
  mergedTitle: string | null;
}

/**
 * Labels the zones of a document's block list: header, title, preamble, body,
 * closing and appendices. The body ends with the paragraph that closes "./.",
 * else before "Nơi nhận" or the signature; an appendix opens at a heading
 * ("PHỤ LỤC I", "Phụ lục số 02", "BIỂU 01") after the closing, and the
 * closing ends there.
 */
export function labelParts(blocks: Block[]): LabelledParts {
  const searchLimit = Math.min(blocks.length, 25);
  let typeIndex = -1;
  let documentType: string | null = null;
  let mergedTitle = '';
  for (let i = 0; i < searchLimit; i++) {
    const match = matchTypeName(textOf(blocks[i]));
    if (match) {
      typeIndex = i;
      documentType = match.code;
      mergedTitle = match.rest;
      break;
    }
  }
  // No type line (a web copy dropped it): the header still ends at its number, place and date, and the number's symbol names the type.
  if (typeIndex < 0) {
    // The header ends at its place-and-date line (or the number line when the date is missing), read from the line start.
    const head = blocks.slice(0, 15);
    const numberAt = head.findIndex((b) => b.kind === 'paragraph' && NUMBER_LINE.test(b.text) && /^Số(?!\p{L})/u.test(b.text.trim()));
    const dateAt = head.findIndex((b, i) => i >= numberAt && b.kind === 'paragraph' && PLACE_DATE_LINE.test(b.text));
    const headerEnd = numberAt < 0 ? -1 : Math.max(numberAt, dateAt);
    const number = numberAt < 0 ? undefined : textOf(blocks[numberAt]).match(NUMBER_LINE)?.[1];
    const code = number ? typeCodeOfSymbol(number) : null;
    if (headerEnd >= 0 && code) {
      typeIndex = headerEnd;
      documentType = code;
      // The subject follows the header directly: read it as the title, the header's last line standing in for the type line.
      let end = headerEnd + 1;
      const subject: string[] = [];
      while (end < blocks.length && blocks[end]!.kind === 'paragraph' && subject.join(' ').length < 300) {
        const next = textOf(blocks[end]);
        // The first line is the subject even when it opens "Thực hiện …", unless it reads as the legal basis (a citation, a clause end).
        const preamble = PREAMBLE_OPENING.test(next) && (subject.length > 0 || /^Căn cứ|\ssố\s+\d|[;:,]$/u.test(next));
        if (parseSectionMarker(next) || preamble || (subject.length > 0 && /[.;:]$/.test(subject.at(-1)!))) break;
        subject.push(next);
        end++;
      }
      mergedTitle = subject.join(' ');
      const parts = buildParts(blocks, headerEnd + 1, end);
      return { parts, documentType, mergedTitle: mergedTitle || null };
    }
  }
  let bodyStart = typeIndex + 1;
  if (typeIndex >= 0 && !mergedTitle && bodyStart < blocks.length && blocks[bodyStart]!.kind === 'paragraph') {
    const titleParts = [textOf(blocks[bodyStart])];
    bodyStart++;
    // A subject wrapped before a capital ("… trên địa bàn" / "Thành phố Hồ Chí Minh năm 2026") splits into short unpunctuated pieces.
    while (bodyStart < blocks.length && blocks[bodyStart]!.kind === 'paragraph' && titleParts.join(' ').length < 300) {
      const next = textOf(blocks[bodyStart]);
      if (/[.;:]$/.test(titleParts.at(-1)!) || next.length > 90 || parseSectionMarker(next) || /[.;:]$/.test(next) || PREAMBLE_OPENING.test(next)) break;
      titleParts.push(next);
      bodyStart++;
    }
  } else if (typeIndex < 0) {
    bodyStart = 0;
  }

  const parts = buildParts(blocks, Math.max(0, typeIndex), bodyStart);
  return { parts, documentType, mergedTitle: mergedTitle || null };
}

/**
 * The zones, once the header and title are known: [0, headerEnd) header,
 * [headerEnd, bodyStart) title (the type line and subject), then preamble,
 * body, closing and appendices.
 */
function buildParts(blocks: Block[], headerEnd: number, bodyStart: number): Part[] {
  // Appendices follow the closing: the first appendix heading after "./.", "Nơi nhận" or a signature line,
  // or, in a plan printed without them, one that announces what it is attached to or opens a table.
  let appendixStart = blocks.length;
  let closingSeen = false;
  for (let i = bodyStart; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'paragraph') continue;
    if (isAppendixHeading(blocks, i, closingSeen)) {
      appendixStart = i;
      break;
    }
    if (opensClosing(block) || CLOSE_MARK.test(block.text)) closingSeen = true;
  }

  let bodyEnd = appendixStart;
  let closeMark = -1;
  for (let i = appendixStart - 1; i >= bodyStart; i--) {
    if (CLOSE_MARK.test(textOf(blocks[i]))) {
      closeMark = i;
      break;
    }
  }
  if (closeMark >= bodyStart) bodyEnd = closeMark + 1;
  else {
    const closing = blocks.slice(bodyStart, appendixStart).findIndex(opensClosing);
    if (closing >= 0) bodyEnd = bodyStart + closing;
  }

  // The preamble (legal basis, purpose) runs until the first labelled paragraph.
  let preambleEnd = bodyStart;
  while (preambleEnd < bodyEnd && !(blocks[preambleEnd]!.kind === 'paragraph' && parseSectionMarker(textOf(blocks[preambleEnd])))) preambleEnd++;
  if (preambleEnd === bodyEnd) preambleEnd = bodyStart;

  const parts: Part[] = [];
  const push = (kind: PartKind, from: number, to: number): void => {
    if (to > from) parts.push({ kind, blocks: blocks.slice(from, to) });
  };
  push('header', 0, headerEnd);
  push('title', headerEnd, bodyStart);
  push('preamble', bodyStart, preambleEnd);
  push('body', preambleEnd, bodyEnd);
  push('closing', bodyEnd, appendixStart);
  let from = appendixStart;
  for (let i = appendixStart + 1; i <= blocks.length; i++) {
    if (i === blocks.length || isAppendixHeading(blocks, i, true)) {
      push('appendix', from, i);
      from = i;
    }
  }
  return parts;
}

/** The type code of a document symbol: "12/KH-UBND", "112-KH/TU" → "KH", when it is a known type. */
function typeCodeOfSymbol(symbol: string): string | null {
  const code = symbol.match(/^[\dA-Za-z.]*[/-]([\p{L}]+)[-/]/u)?.[1];
  return code && DOCUMENT_TYPE_TABLE.some((t) => t.code === code) ? code : null;
}

/**
 * An appendix heading stands alone: a short paragraph opening with "Phụ lục",
 * "PHỤ LỤC", "Biểu 01", not a sentence. After the closing that is enough;
 * before it (a plan printed without "./." or a signature) the heading must
 * announce what it is attached to, "(Kèm theo …)", or open a table.
 */
function isAppendixHeading(blocks: Block[], index: number, afterClosing: boolean): boolean {
  const block = blocks[index]!;
  if (block.kind !== 'paragraph' || block.text.length > 160 || /[.;,]$/.test(block.text) || !parseAppendixHeading(block.text)) return false;
  if (afterClosing) return true;
  return blocks.slice(index + 1, index + 4).some((next) => next.kind === 'table' || ATTACHED_TO.test(textOf(next)));
}
