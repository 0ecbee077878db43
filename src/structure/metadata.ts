import type { Closing, Header } from '../tree.js';
import { parseVietnameseDate } from '../lexicon/dates.js';
import { startsWithBullet } from '../lexicon/markers.js';
import { AUTHORITY, MOTTO_ANYWHERE, NUMBER_LINE, PLACE_DATE, RECIPIENTS, STAMP, isMottoFragment } from '../lexicon/parts.js';
import { isUpperCaseLine } from '../text/vietnamese.js';

/** Reads the header zone: number, issuer, place and date. */
export function parseHeader(paragraphs: Array<{ text: string }>): Header {
  const header: Header = { number: null, issuer: null, place: null, issuedDate: null, headerYear: null };
  const issuerLines: string[] = [];
  for (const [index, { text }] of paragraphs.entries()) {
    const numberMatch = text.match(NUMBER_LINE);
    if (numberMatch) {
      const printed = numberMatch[1]!.replace(/\s+/g, '');
      // "Số: /KH-UBND": the number is left blank in drafts and e-signed copies.
      header.number = /^[\d]/.test(printed) ? printed : null;
    }
    const dateMatch = text.match(PLACE_DATE);
    if (dateMatch) {
      header.place = dateMatch[1]!.trim();
      // A place wrapped before the date line ("Thái" / "Nguyên, ngày …"): the line before holds its first words.
      const before = paragraphs[index - 1]?.text.trim() ?? '';
      if (text.trimStart().startsWith(dateMatch[1]!) && /^\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){0,2}$/u.test(before)) header.place = `${before} ${header.place}`;
      header.headerYear = Number(dateMatch[4]);
      const day = Number(dateMatch[2]);
      const month = Number(dateMatch[3]);
      header.issuedDate = day && month ? parseVietnameseDate(day, month, header.headerYear) : null;
    }
    // A header table read as one line may carry the motto beside the issuer: take the motto out wherever it stands.
    // Merged with the number or the date too, the issuer is what comes before the motto.
    const merged = numberMatch || dateMatch ? text.slice(0, Math.max(0, text.search(MOTTO_ANYWHERE))) : text;
    const rest = merged.replace(MOTTO_ANYWHERE, ' ').replace(/\s+/g, ' ').trim();
    if (/\p{Lu}{2}/u.test(rest) && !NUMBER_LINE.test(rest) && !PLACE_DATE.test(rest) && !isMottoFragment(rest) && !STAMP.test(rest) && rest === rest.toUpperCase()) {
      issuerLines.push(rest);
    }
  }
  // The top-left block, parent line first ("ỦY BAN NHÂN DÂN" / "TỈNH HÒA BÌNH" → "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH").
  if (issuerLines.length > 0) header.issuer = issuerLines.join(' ').replace(/\s+/g, ' ');
  return header;
}



function looksLikePersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w));
}


/** Reads the closing zone: recipients and the signature block. */
export function parseClosing(paragraphs: Array<{ text: string }>): Closing {
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
