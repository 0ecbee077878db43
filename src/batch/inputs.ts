import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { KehoachError } from '../errors.js';
import { nextZipEntry, readZipEntry } from '../ingest/zip.js';

/**
 * Batch inputs: every file under a folder, or every entry of a .zip read as a
 * stream. Entry names stay names (the manifest's keys); nothing from an
 * archive is ever written to a path built from its entry name.
 */

export const SUPPORTED_EXTENSIONS = new Set(['.pdf', '.docx', '.doc', '.txt']);

export interface BatchInput {
  /** Path under the folder, or the entry name inside the archive, with "/" separators. */
  name: string;
  size: number;
  /** Reads the bytes; null when the file is over the size limit (it is then reported, not read). */
  read(): Promise<Uint8Array | null>;
}

export function isSupported(name: string): boolean {
  return SUPPORTED_EXTENSIONS.has(extname(name).toLowerCase());
}

async function* walk(root: string, dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(root, path);
    else if (entry.isFile()) yield path;
  }
}

/** Files under a folder, in a stable (sorted) order. */
export async function* folderInputs(root: string, maxBytes: number): AsyncGenerator<BatchInput> {
  for await (const path of walk(root, root)) {
    const { size } = await stat(path);
    yield { name: relative(root, path).split(sep).join('/'), size, read: async () => (size > maxBytes ? null : new Uint8Array(await readFile(path))) };
  }
}

export async function countFolderFiles(root: string): Promise<number> {
  let count = 0;
  for await (const _ of walk(root, root)) count++;
  return count;
}

/** Entries of a .zip archive, one at a time; each entry is inflated only when read. `total` counts the archive's entries. */
export async function openZipInputs(path: string, maxBytes: number): Promise<{ inputs: AsyncGenerator<BatchInput>; total: number }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // decodeStrings off: yauzl would reject a whole archive for one "../" name; names are decoded here and only ever used as text.
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: false }, (error, file) =>
      error ? reject(new KehoachError('CORRUPT_INPUT', `the archive cannot be read: ${error.message}`, { file: path, cause: error })) : resolve(file!),
    ),
  );
  return { inputs: zipEntries(zip, maxBytes), total: zip.entryCount };
}

async function* zipEntries(zip: yauzl.ZipFile, maxBytes: number): AsyncGenerator<BatchInput> {
  for (let entry = await nextZipEntry(zip); entry; entry = await nextZipEntry(zip)) {
    const rawName = entry.fileName as unknown as Buffer;
    // Bit 11 marks UTF-8 names; older archivers wrote CP437.
    const name = entry.generalPurposeBitFlag & 0x800 ? rawName.toString('utf8') : iconv.decode(rawName, 'cp437');
    if (name.endsWith('/')) continue;
    const current = entry;
    const tooLarge = (): Error => new Error(`${name} inflates past the maxInputBytes limit of ${maxBytes}`);
    const read = async (): Promise<Uint8Array | null> =>
      current.uncompressedSize > maxBytes ? null : new Uint8Array(await readZipEntry(zip, current, maxBytes, tooLarge));
    yield { name, size: current.uncompressedSize, read };
  }
}
