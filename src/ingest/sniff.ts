import { KehoachError } from '../errors.js';
import { WORD_STREAM } from './compound-file.js';
import { reason } from '../messages.js';

export type InputFormat = 'pdf' | 'docx' | 'doc' | 'txt';

/** Sniffs the format from the bytes; the file name only breaks ties for text. */
export function sniffFormat(bytes: Uint8Array, name = ''): InputFormat {
  if (bytes.length === 0) throw new KehoachError('EMPTY_INPUT', reason('emptyFile'));
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) {
    // A ZIP: a DOCX has word/document.xml; other ZIPs (XLSX, archives) are not supported here.
    const latin = Buffer.from(bytes).toString('latin1');
    if (latin.includes('word/document.xml') || latin.includes('word/')) return 'docx';
    throw new KehoachError('UNSUPPORTED_FORMAT', reason('zipNotDocx'));
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // A password-protected DOCX is a compound file that holds an "EncryptedPackage" stream.
    if (Buffer.from(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new KehoachError('ENCRYPTED', reason('officeEncrypted'));
    }
    // A Word 97–2003 document holds a "WordDocument" stream; other compound files (.xls, .msg) are not plans.
    if (Buffer.from(bytes).includes(WORD_STREAM)) return 'doc';
    if (/\.doc$/i.test(name)) throw new KehoachError('CORRUPT_INPUT', reason('docNoWordStream'));
    throw new KehoachError('UNSUPPORTED_FORMAT', reason('compoundNotWord'));
  }
  if (/\.(pdf|docx)$/i.test(name)) {
    throw new KehoachError('CORRUPT_INPUT', reason('extensionMismatch', { extension: name.split('.').pop()!.toLowerCase() }));
  }
  return 'txt';
}
