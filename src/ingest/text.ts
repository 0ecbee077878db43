import { KehoachError } from '../errors.js';
import { decodeBytes } from '../text/iconv.js';
import { decodeLegacy, detectLegacyEncoding, legacyEncodingWarning } from '../text/legacy-encodings.js';
import type { IngestedDocument, SourceLine } from '../tree.js';
import { reason } from '../messages.js';

/** Decodes text bytes: BOMs, UTF-8, else a legacy 8-bit Vietnamese encoding, with a warning naming it. */
export function decodeTextBytes(bytes: Uint8Array): { text: string; warnings: IngestedDocument['warnings'] } {
  const warnings: IngestedDocument['warnings'] = [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  // Set when the Latin-1 reading of non-UTF-8 bytes already showed legacy text, so it is not tested twice.
  let legacy: ReturnType<typeof detectLegacyEncoding> | undefined;
  if (buffer[0] === 0xff && buffer[1] === 0xfe) text = decodeBytes(buffer.subarray(2), 'utf16le');
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = decodeBytes(buffer.subarray(2), 'utf16be');
  else {
    const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // Not UTF-8: single-byte text. Read as Latin-1 and let the legacy detector choose.
      text = decodeBytes(body, 'latin1');
      legacy = detectLegacyEncoding(text);
      if (!legacy) {
        text = decodeBytes(body, 'windows1258');
        warnings.push({ code: 'ENCODING_WINDOWS_1258', message: 'Text is not UTF-8; decoded as Windows-1258.' });
      }
    }
  }
  legacy ??= detectLegacyEncoding(text);
  if (legacy) {
    text = decodeLegacy(text, legacy);
    warnings.push(legacyEncodingWarning(legacy));
  }
  return { text, warnings };
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let suspicious = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) suspicious++;
  }
  return suspicious / Math.max(1, sample.length) > 0.05;
}

export function ingestText(bytes: Uint8Array): IngestedDocument {
  if (looksBinary(bytes) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new KehoachError('UNSUPPORTED_FORMAT', reason('binaryNotText'));
  }
  const { text, warnings } = decodeTextBytes(bytes);
  return linesOfText(text, warnings);
}

/**
 * The text a caller already holds as a string, read as its UTF-8 bytes would be
 * (no byte-order mark, well-formed): the bytes are needed only for the hash, not decoded again.
 */
export function ingestTextString(text: string): IngestedDocument {
  // As UTF-8 encoding then decoding would give it: the BOM dropped, lone surrogates replaced.
  const wellFormed = text.replace(/^\uFEFF/, '').toWellFormed();
  const legacy = detectLegacyEncoding(wellFormed);
  return legacy ? linesOfText(decodeLegacy(wellFormed, legacy), [legacyEncodingWarning(legacy)]) : linesOfText(wellFormed, []);
}

function linesOfText(text: string, warnings: IngestedDocument['warnings']): IngestedDocument {
  const lines: SourceLine[] = [];
  // Each line keeps its offsets into the decoded text: the origin of everything read from it.
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); ; m = breaks.exec(text)) {
    const end = m ? m.index : text.length;
    lines.push({
      text: text.slice(start, end),
      origin: { page: null, box: null, paragraph: null, cell: null, offset: { start, end } },
      fontSize: null,
      bold: null,
      startsParagraph: null,
      role: 'body',
    });
    if (!m) break;
    start = m.index + m[0].length;
  }
  return { format: 'txt', pageCount: null, lines, pages: [], warnings };
}
