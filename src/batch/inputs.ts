import { closeSync, constants, fstatSync, openSync, read, readSync, type Dirent, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, extname, sep } from 'node:path';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { KehoachError, type ErrorCode, libraryCause } from '../errors.js';
import { nextZipEntry, readZipEntry } from '../ingest/zip.js';
import { inputError, inputReason } from './fs-errors.js';
import { reason } from '../messages.js';

/**
 * Batch inputs: every entry under a folder, or every entry of a .zip read as
 * a stream. Entry names stay names (the manifest's keys); nothing from an
 * archive is ever written to a path built from its entry name.
 *
 * A folder is walked without ever stopping on an entry: each one is either a
 * regular file to read, or is reported as it stands (see `BatchInput.verdict`):
 * a symbolic link is skipped and never followed (whether it points inside the
 * folder, outside it, or nowhere), a FIFO, socket or device is an
 * UNREADABLE_INPUT error and is never opened, and so is a file or folder that
 * cannot be read (EACCES, EIO…). File names are read as bytes, so a name that
 * is not UTF-8 is still opened by its exact bytes and shown losslessly (see
 * `displayName`).
 */

export const SUPPORTED_EXTENSIONS = new Set(['.pdf', '.docx', '.doc', '.txt']);

export interface BatchInput {
  /** Path under the folder, or the entry name inside the archive, with "/" separators; a folder's name ends in "/". */
  name: string;
  /** Size in bytes. For a file that the folder listing showed as one, known once `read()` has been called. */
  size: number;
  /** Reads the bytes; null when the file is over the size limit (it is then reported, not read). */
  read(): Promise<Uint8Array | null>;
  /** Set for an entry that is not read at all: how the manifest reports it. */
  verdict?: { status: 'error' | 'skipped'; code?: ErrorCode; reason: string };
}

export function isSupported(name: string): boolean {
  return SUPPORTED_EXTENSIONS.has(extname(name).toLowerCase());
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const hexByte = (byte: number): string => `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A file name's bytes as text, losslessly: valid UTF-8 is decoded, each byte
 * that is not part of a valid UTF-8 sequence is written `\xNN`, and (with
 * `escapeBackslash`, the default) a literal backslash is written `\x5C`, so
 * that two different names never show the same.
 */
export function displayName(bytes: Uint8Array, { escapeBackslash = true }: { escapeBackslash?: boolean } = {}): string {
  try {
    const text = strictUtf8.decode(bytes);
    if (!escapeBackslash || !text.includes('\\')) return text;
  } catch {
    // escaped below
  }
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length = utf8Length(lead);
    if (length === 1) {
      text += lead === 0x5c && escapeBackslash ? hexByte(lead) : String.fromCharCode(lead);
      i++;
      continue;
    }
    if (length > 1 && i + length <= bytes.length) {
      try {
        text += strictUtf8.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not a valid sequence: escape its first byte and go on
      }
    }
    text += hexByte(lead);
    i++;
  }
  return text;
}

/**
 * The file-system calls a folder walk makes, all on Buffer paths. Replaceable
 * so that tests can simulate what root cannot (EACCES) and what is hard to
 * provoke (EIO).
 */
export interface InputFileSystem {
  readdir(path: Buffer): Promise<Dirent<Buffer>[]>;
  lstat(path: Buffer): Promise<Stats>;
  readlink(path: Buffer): Promise<Buffer>;
  /** The bytes of a regular file, or null when it has more than `maxBytes`. Must not follow links or block. */
  readFile(path: Buffer, maxBytes: number): Promise<Uint8Array | null>;
}

// O_NOFOLLOW: an entry replaced by a link after it was listed is not followed.
// O_NONBLOCK: an entry replaced by a FIFO does not hang the open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

const SMALL_FILE_BYTES = 1024 * 1024;
const readAsync = promisify(read);

/** Reads from `fd` until the end of the file, or until more than `maxBytes` (the file may have grown since it was measured). */
function readSmall(fd: number, maxBytes: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const length = readSync(fd, chunk, 0, chunk.byteLength, null);
    if (length === 0) break;
    chunks.push(chunk.subarray(0, length));
    total += length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks, total);
}

async function readWhole(fd: number, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const { bytesRead } = await readAsync(fd, chunk, 0, chunk.byteLength, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks, total);
}

export const nodeInputFileSystem: InputFileSystem = {
  readdir: (path) => readdir(path, { withFileTypes: true, encoding: 'buffer' }),
  lstat: (path) => lstat(path),
  readlink: (path) => readlink(path, { encoding: 'buffer' }),
  async readFile(path, maxBytes) {
    // Opened and measured with synchronous calls, and a small file read the same way: a batch reads every
    // input (a resume too, to hash it), and for the small files archives are mostly made of, four round trips
    // through the thread pool cost several times the read itself. A large file is read asynchronously.
    const fd = openSync(path, OPEN_FLAGS);
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) throw new KehoachError('UNREADABLE_INPUT', reason('notRegularFile', { kind: kindOf(info) }));
      if (info.size > maxBytes) return null;
      const bytes = info.size <= SMALL_FILE_BYTES ? readSmall(fd, maxBytes) : await readWhole(fd, maxBytes);
      return bytes.byteLength > maxBytes ? null : bytes;
    } finally {
      closeSync(fd);
    }
  },
};

function kindOf(info: Stats | Dirent<Buffer>): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  if (info.isFile()) return 'a file';
  return 'an entry of unknown type';
}

export interface FolderOptions {
  /** Replaces some of the file-system calls (tests). */
  fileSystem?: Partial<InputFileSystem>;
  /** Folders never walked (the output folder, when it is inside the input), by device and inode. */
  exclude?: Array<{ dev: number; ino: number }>;
}

const SEPARATOR = Buffer.from(sep);
const joinBytes = (dir: Buffer, name: Buffer): Buffer => Buffer.concat([dir, SEPARATOR, name]);
const identity = (info: { dev: number; ino: number }): string => `${info.dev}:${info.ino}`;

const unreadable = (name: string, size: number, reason: string): BatchInput => ({
  name,
  size,
  read: () => Promise.resolve(null),
  verdict: { status: 'error', code: 'UNREADABLE_INPUT', reason },
});
const skipped = (name: string, size: number, reason: string): BatchInput => ({ name, size, read: () => Promise.resolve(null), verdict: { status: 'skipped', reason } });

const byName = (a: Dirent<Buffer>, b: Dirent<Buffer>): number => Buffer.compare(a.name, b.name);

/**
 * A file the folder listing shows as a regular file. It is not stat'ed apart:
 * opening it (without following links, see nodeInputFileSystem) checks what
 * it is, and its size comes with its bytes. Only when it cannot be read or is
 * over the limit is it stat'ed, for the size the manifest reports.
 */
function listedFile(fs: InputFileSystem, path: Buffer, name: string, maxBytes: number): BatchInput {
  const sizeOnDisk = async (): Promise<number> => (await fs.lstat(path).catch(() => null))?.size ?? 0;
  const input: BatchInput = {
    name,
    size: 0,
    read: async () => {
      let bytes: Uint8Array | null;
      try {
        bytes = await fs.readFile(path, maxBytes);
      } catch (error) {
        input.size = await sizeOnDisk();
        throw inputError(error, name);
      }
      input.size = bytes ? bytes.byteLength : await sizeOnDisk();
      return bytes;
    },
  };
  return input;
}

/**
 * Walks one folder's entries (already listed), in byte order of their names.
 * `ancestors` holds the folders on the way down, so that a loop (a bind
 * mount) ends instead of recursing for ever.
 */
async function* walkEntries(fs: InputFileSystem, dir: Buffer, prefix: string, entries: Dirent<Buffer>[], maxBytes: number, excluded: Set<string>, ancestors: Set<string>): AsyncGenerator<BatchInput> {
  entries.sort(byName);
  for (const entry of entries) {
    const path = joinBytes(dir, entry.name);
    const name = prefix + displayName(entry.name);
    if (entry.isFile()) {
      yield listedFile(fs, path, name, maxBytes);
      continue;
    }
    // Anything else (or an entry the file system did not type) is looked at before it is opened.
    let info: Stats;
    try {
      info = await fs.lstat(path);
    } catch (error) {
      yield unreadable(entry.isDirectory() ? `${name}/` : name, 0, inputReason(error));
      continue;
    }
    if (info.isFile()) {
      const size = info.size;
      yield {
        name,
        size,
        read: async () => {
          if (size > maxBytes) return null;
          try {
            return await fs.readFile(path, maxBytes);
          } catch (error) {
            throw inputError(error, name);
          }
        },
      };
    } else if (info.isDirectory()) {
      const key = identity(info);
      if (excluded.has(key)) {
        yield skipped(`${name}/`, 0, 'the batch output folder (--out) is not read as input');
        continue;
      }
      if (ancestors.has(key)) {
        yield skipped(`${name}/`, 0, 'a folder that contains itself (a loop through a mount); not walked again');
        continue;
      }
      if (isSupported(name)) yield skipped(`${name}/`, 0, `a folder named like a ${extname(name).toLowerCase()} file; the files in it are listed under ${name}/`);
      let children: Dirent<Buffer>[];
      try {
        children = await fs.readdir(path);
      } catch (error) {
        yield unreadable(`${name}/`, 0, `the folder cannot be listed: ${inputReason(error)}`);
        continue;
      }
      ancestors.add(key);
      yield* walkEntries(fs, path, `${name}/`, children, maxBytes, excluded, ancestors);
      ancestors.delete(key);
    } else if (info.isSymbolicLink()) {
      const target = await fs.readlink(path).then(
        (bytes) => ` to ${displayName(bytes)}`,
        () => '',
      );
      yield skipped(name, 0, `a symbolic link${target}; links are not followed`);
    } else {
      yield unreadable(name, 0, `${kindOf(info)}, not a regular file; it is not opened`);
    }
  }
}

async function listRoot(fs: InputFileSystem, root: string): Promise<Dirent<Buffer>[]> {
  try {
    return await fs.readdir(Buffer.from(root));
  } catch (error) {
    throw new KehoachError('UNREADABLE_INPUT', `the input folder cannot be listed: ${inputReason(error)}`, { file: root, cause: error });
  }
}

/** Entries under a folder, in a stable (byte-sorted) order; every entry is yielded, readable or not. */
export async function* folderInputs(root: string, maxBytes: number, options: FolderOptions = {}): AsyncGenerator<BatchInput> {
  const fs = { ...nodeInputFileSystem, ...options.fileSystem };
  const entries = await listRoot(fs, root);
  const rootInfo = await fs.lstat(Buffer.from(root)).catch(() => null);
  yield* walkEntries(fs, Buffer.from(root), '', entries, maxBytes, new Set((options.exclude ?? []).map(identity)), new Set(rootInfo ? [identity(rootInfo)] : []));
}

export async function countFolderFiles(root: string, options: FolderOptions = {}): Promise<number> {
  let count = 0;
  for await (const _ of folderInputs(root, 0, options)) count++;
  return count;
}

/** Entries of a .zip archive, one at a time; each entry is inflated only when read. `total` counts the archive's entries. */
export async function openZipInputs(path: string, maxBytes: number): Promise<{ inputs: AsyncGenerator<BatchInput>; total: number }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // decodeStrings off: yauzl would reject a whole archive for one "../" name; names are decoded here and only ever used as text.
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: false }, (error, file) =>
      error ? reject(new KehoachError('CORRUPT_INPUT', reason('archiveUnreadable'), { file: path, ...libraryCause(error) })) : resolve(file!),
    ),
  );
  return { inputs: zipEntries(zip, path, maxBytes), total: zip.entryCount };
}

async function* zipEntries(zip: yauzl.ZipFile, archive: string, maxBytes: number): AsyncGenerator<BatchInput> {
  let index = 0;
  for (;;) {
    let entry: yauzl.Entry | null;
    try {
      entry = await nextZipEntry(zip);
    } catch (error) {
      // The central directory is damaged past this point: the entries before it stand, the rest cannot be listed.
      const message = error instanceof Error ? error.message : String(error);
      yield {
        name: `${basename(archive)} (entries after #${index})`,
        size: 0,
        read: () => Promise.resolve(null),
        verdict: { status: 'error', code: 'CORRUPT_INPUT', reason: `the archive's list of entries is damaged after entry ${index}; the rest cannot be read: ${message}` },
      };
      try {
        zip.close();
      } catch {
        // already closed
      }
      return;
    }
    if (!entry) return;
    index++;
    const rawName = entry.fileName as unknown as Buffer;
    // Bit 11 marks UTF-8 names; older archivers wrote CP437.
    const name = entry.generalPurposeBitFlag & 0x800 ? displayName(rawName, { escapeBackslash: false }) : iconv.decode(rawName, 'cp437');
    if (name.endsWith('/')) {
      // A folder entry: reported only when named like a file, so that "x.pdf/" is not taken for a missing plan.
      if (isSupported(name.slice(0, -1))) yield skipped(name, 0, `a folder named like a ${extname(name.slice(0, -1)).toLowerCase()} file`);
      continue;
    }
    const current = entry;
    const tooLarge = (): Error => new Error(`${name} inflates past the maxInputBytes limit of ${maxBytes}`);
    const read = async (): Promise<Uint8Array | null> =>
      current.uncompressedSize > maxBytes ? null : new Uint8Array(await readZipEntry(zip, current, maxBytes, tooLarge));
    yield { name, size: current.uncompressedSize, read };
  }
}
