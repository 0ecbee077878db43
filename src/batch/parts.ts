import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlib } from 'node:zlib';
import { sha256 } from '../content-hash.js';
import type { Limits } from '../limits.js';
import { CSV_TABLES, type EncodedOutputs } from './exports.js';

/**
 * One stored result per distinct input content, `parts/<sha256>.part`, written
 * once and atomically (temporary file, then rename): a batch killed at any
 * moment leaves whole parts or none. The outputs are grown from results as
 * they come (see store.ts); a part is read again only when an output has to
 * be re-made without parsing: an input renamed or moved in the input order,
 * an output file lost, a duplicate of an earlier failure.
 *
 * Layout: one line of JSON (the header: status, fingerprint, name, page
 * count, or the error), then, for a document, its outputs exactly as they
 * are appended (the JSONL line, then its rows of each CSV table, in the
 * order of CSV_TABLES), brotli-compressed as one stream, their byte lengths
 * in the header. No output is ever stored as a JSON string inside JSON.
 *
 * A part is only reused by a run with the same parser fingerprint (package
 * version and every option that can change the result): a part stored by
 * another version, or under other limits or another timeout, is parsed again.
 */

export type PartHeader =
  | { status: 'ok'; fingerprint: string; sha256: string; name: string; pageCount: number | null; lengths?: number[] }
  | { status: 'error'; fingerprint: string; sha256: string; code: string; message: string };

export type PartResult = (PartHeader & { status: 'error' }) | (PartHeader & { status: 'ok'; outputs: EncodedOutputs });

const PART_EXTENSION = '.part';

/** The CSV tables, in the order their rows follow the JSONL line in a part. */
const TABLES = Object.keys(CSV_TABLES);

/** Brotli at quality 3: about 8× smaller than the JSON of these documents, at well over 100 MB/s (gzip -6 gives 5× at 40 MB/s). */
const COMPRESSION = { params: { [zlib.BROTLI_PARAM_QUALITY]: 3 } };
const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

/**
 * The parser fingerprint: the package version and the limits (timeout
 * included) that the result depends on. A limit only ever turns a document
 * into LIMIT_EXCEEDED or TIMEOUT, but a result must be what a fresh run with
 * the same options gives, so every limit is part of it.
 */
export function parserFingerprint(version: string, limits: Limits): string {
  const sorted = Object.fromEntries(Object.entries(limits).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sha256(JSON.stringify({ version, limits: sorted })).slice(0, 16);
}

export function partsDirectory(out: string): string {
  return join(out, 'parts');
}

export function partPath(out: string, sha256: string): string {
  return join(partsDirectory(out), `${sha256}${PART_EXTENSION}`);
}

export async function writeAtomically(path: string, content: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    // Disk full half-way: leave no temporary file behind.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The sections of an ok part's payload, in order: the JSONL line, then each CSV table's rows. */
function sections(outputs: EncodedOutputs): Uint8Array[] {
  return [outputs.documentLine, ...TABLES.map((table) => outputs.csvRows[table] ?? new Uint8Array(0))];
}

/** A part's bytes: the header line, then (for a document) the compressed outputs. */
export async function encodePart(part: PartResult): Promise<Buffer> {
  if (part.status === 'error') return Buffer.from(JSON.stringify(part) + '\n');
  const { outputs, ...header } = part;
  const payload = sections(outputs);
  const compressed = await compress(Buffer.concat(payload), COMPRESSION);
  return Buffer.concat([Buffer.from(JSON.stringify({ ...header, lengths: payload.map((s) => s.byteLength) }) + '\n'), compressed]);
}

export async function writePart(out: string, part: PartResult): Promise<void> {
  await mkdir(partsDirectory(out), { recursive: true });
  await writeAtomically(partPath(out, part.sha256), await encodePart(part));
}

function parseHeader(line: string): PartHeader | null {
  try {
    const header = JSON.parse(line) as PartHeader;
    return header && typeof header === 'object' && (header.status === 'ok' || header.status === 'error') ? header : null;
  } catch {
    return null;
  }
}

function splitHeader(bytes: Buffer): { header: PartHeader; payload: Buffer } | null {
  const end = bytes.indexOf(0x0a);
  const header = end < 0 ? null : parseHeader(bytes.toString('utf8', 0, end));
  return header ? { header, payload: bytes.subarray(end + 1) } : null;
}

/** A stored part with its outputs, or null when there is none or it is damaged (it is then parsed again). */
export async function readPart(out: string, sha256: string): Promise<PartResult | null> {
  try {
    const split = splitHeader(await readFile(partPath(out, sha256)));
    if (!split) return null;
    const { header, payload } = split;
    if (header.status === 'error') return header;
    const { lengths, ...rest } = header;
    const inflated = await decompress(payload);
    if (!lengths || lengths.length !== TABLES.length + 1 || lengths.reduce((a, b) => a + b, 0) !== inflated.byteLength) return null;
    const pieces: Buffer[] = [];
    let at = 0;
    for (const length of lengths) {
      pieces.push(inflated.subarray(at, at + length));
      at += length;
    }
    const [documentLine, ...rows] = pieces;
    return { ...rest, outputs: { documentLine: documentLine!, csvRows: Object.fromEntries(TABLES.map((table, i) => [table, rows[i]!])) } };
  } catch {
    return null;
  }
}

/** Whether a stored part can stand for this run's result. */
export function isReusable<T extends PartHeader>(part: T | null, fingerprint: string, options: { force?: boolean; retryErrors?: boolean }): part is T {
  if (!part || options.force) return false;
  if (part.fingerprint !== fingerprint) return false;
  return !(options.retryErrors && part.status === 'error');
}
