import { KehoachError } from '../errors.js';
import { WORD_STREAM } from './compound-file.js';

export type InputFormat = 'pdf' | 'docx' | 'doc' | 'txt';

/** Sniffs the format from the bytes; the file name only breaks ties for text. */
export function sniffFormat(bytes: Uint8Array, name = ''): InputFormat {
  if (bytes.length === 0) throw new KehoachError('EMPTY_INPUT', 'the file is empty');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) {
    // A ZIP: a DOCX has word/document.xml; other ZIPs (XLSX, archives) are not supported here.
    const latin = Buffer.from(bytes).toString('latin1');
    if (latin.includes('word/document.xml') || latin.includes('word/')) return 'docx';
    throw new KehoachError('UNSUPPORTED_FORMAT', 'a ZIP file that is not a DOCX document (no word/document.xml)');
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // A password-protected DOCX is a compound file that holds an "EncryptedPackage" stream.
    if (Buffer.from(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new KehoachError('ENCRYPTED', 'the Office document is password-protected');
    }
    // A Word 97–2003 document holds a "WordDocument" stream; other compound files (.xls, .msg) are not plans.
    if (Buffer.from(bytes).includes(WORD_STREAM)) return 'doc';
    if (/\.doc$/i.test(name)) throw new KehoachError('CORRUPT_INPUT', 'named doc but holds no Word document stream: damaged or truncated');
    throw new KehoachError('UNSUPPORTED_FORMAT', 'a compound Office file that is not a Word document (an Excel workbook or Outlook message?)');
  }
  if (/\.(pdf|docx)$/i.test(name)) {
    throw new KehoachError('CORRUPT_INPUT', `named ${name.split('.').pop()} but the bytes are not a ${name.split('.').pop()!.toUpperCase()} file`);
  }
  return 'txt';
}
