import yauzl from 'yauzl';
import { KehoachError } from '../errors.js';
import type { Limits } from '../limits.js';

/**
 * Reads the parts of a ZIP container (DOCX) into memory under the limits:
 * entry count and total uncompressed size are checked against the central
 * directory before anything is inflated, and again while inflating, because
 * a zip bomb can lie in its directory. Entry names are only ever map keys,
 * never file-system paths.
 */
export async function readZipParts(bytes: Uint8Array, limits: Limits, wanted: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(new KehoachError('CORRUPT_INPUT', `the ZIP container cannot be read: ${error.message}`, { cause: error })) : resolve(file!),
    );
  });
  if (zip.entryCount > limits.maxDocxEntries) {
    zip.close();
    throw new KehoachError('LIMIT_EXCEEDED', `the archive has ${zip.entryCount} entries, over the maxDocxEntries limit of ${limits.maxDocxEntries}`, {
      details: { limit: 'maxDocxEntries', value: zip.entryCount },
    });
  }
  const parts = new Map<string, Buffer>();
  let declaredTotal = 0;
  let inflatedTotal = 0;
  const overSize = (value: number): KehoachError =>
    new KehoachError('LIMIT_EXCEEDED', `the archive inflates to more than the maxDocxUncompressedBytes limit of ${limits.maxDocxUncompressedBytes} bytes`, {
      details: { limit: 'maxDocxUncompressedBytes', value },
    });

  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      zip.close();
      reject(error instanceof KehoachError ? error : new KehoachError('CORRUPT_INPUT', `the ZIP container is damaged: ${(error as Error).message}`, { cause: error }));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(parts));
    zip.on('entry', (entry: yauzl.Entry) => {
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxDocxUncompressedBytes) return fail(overSize(declaredTotal));
      if (entry.isEncrypted()) return fail(new KehoachError('ENCRYPTED', `the archive entry ${entry.fileName} is encrypted`));
      if (!wanted(entry.fileName) || entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error ?? new Error('no stream'));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          inflatedTotal += chunk.length;
          if (inflatedTotal > limits.maxDocxUncompressedBytes) {
            stream.destroy();
            fail(overSize(inflatedTotal));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', fail);
        stream.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
