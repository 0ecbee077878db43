import yauzl from 'yauzl';
import { KehoachError, libraryCause } from '../errors.js';
import type { Limits } from '../limits.js';
import { reason } from '../messages.js';

/**
 * Reads the parts of a ZIP container (DOCX) into memory under the limits:
 * entry count and total uncompressed size are checked against the central
 * directory before anything is inflated, and again while inflating, because
 * a zip bomb can lie in its directory. Entry names are only ever map keys,
 * never file-system paths.
 */
export async function readZipParts(
  bytes: Uint8Array,
  limits: Limits,
  wanted: (name: string) => boolean,
  optional: (name: string) => boolean = () => false,
): Promise<{ parts: Map<string, Buffer>; unreadable: string[] }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(new KehoachError('CORRUPT_INPUT', reason('zipUnreadable'), libraryCause(error))) : resolve(file!),
    );
  });
  if (zip.entryCount > limits.maxDocxEntries) {
    zip.close();
    throw new KehoachError('LIMIT_EXCEEDED', reason('zipTooManyEntries', { entries: zip.entryCount, limit: limits.maxDocxEntries }), {
      details: { limit: 'maxDocxEntries', value: zip.entryCount },
    });
  }
  const parts = new Map<string, Buffer>();
  // Optional parts (document properties) that are damaged: the document is read without them.
  const unreadable: string[] = [];
  let declaredTotal = 0;
  let inflatedTotal = 0;
  const overSize = (value: number): KehoachError =>
    new KehoachError('LIMIT_EXCEEDED', reason('zipTooLarge', { limit: limits.maxDocxUncompressedBytes }), {
      details: { limit: 'maxDocxUncompressedBytes', value },
    });
  try {
    for (let entry = await nextZipEntry(zip); entry; entry = await nextZipEntry(zip)) {
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxDocxUncompressedBytes) throw overSize(declaredTotal);
      if (entry.isEncrypted()) throw new KehoachError('ENCRYPTED', reason('zipEntryEncrypted', { entry: entry.fileName }));
      if (!wanted(entry.fileName) || entry.fileName.endsWith('/')) continue;
      let content: Buffer;
      try {
        content = await readZipEntry(zip, entry, limits.maxDocxUncompressedBytes - inflatedTotal, (bytes) => overSize(inflatedTotal + bytes));
      } catch (error) {
        if (error instanceof KehoachError || !optional(entry.fileName)) throw error;
        unreadable.push(entry.fileName);
        continue;
      }
      inflatedTotal += content.length;
      parts.set(entry.fileName, content);
    }
    return { parts, unreadable };
  } catch (error) {
    zip.close();
    throw error instanceof KehoachError ? error : new KehoachError('CORRUPT_INPUT', reason('zipDamaged'), libraryCause(error));
  }
}

/** The next entry of an archive opened with `lazyEntries`, or null at its end. */
export function nextZipEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(null));
    const onError = (error: Error): void => (cleanup(), reject(error));
    const cleanup = (): void => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/** Inflates one entry, stopping with `tooLarge(bytesSoFar)` once it passes `maxBytes`: a directory's sizes can lie. */
export function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number, tooLarge: (bytes: number) => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          stream.destroy();
          reject(tooLarge(bytes));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
