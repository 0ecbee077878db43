import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../content-hash.js';
import type { Limits } from '../limits.js';

/**
 * One result per distinct input content, stored as `parts/<sha256>.json`
 * and written atomically (temporary file, then rename). A batch killed at any
 * moment leaves whole parts or none, so a re-run parses only what is missing
 * and the final outputs are rebuilt from parts without duplicates.
 *
 * A part is only reused by a run with the same parser fingerprint (package
 * version and every option that can change the result): a part stored by
 * another version, or under other limits or another timeout, is parsed again.
 */

/**
 * An ok part carries its outputs already serialised (the JSONL line and the
 * CSV rows of each table), so that the worker threads do that work in
 * parallel and the final assembly only concatenates text.
 */
export type PartResult =
  | { status: 'ok'; fingerprint: string; sha256: string; name: string; pageCount: number | null; documentLine: string; csvRows: Record<string, string> }
  | { status: 'error'; fingerprint: string; sha256: string; code: string; message: string };

/**
 * The parser fingerprint: the package version and the limits (timeout
 * included) that the result depends on. A limit only ever turns a document
 * into LIMIT_EXCEEDED or TIMEOUT, but a result must be what a fresh run with
 * the same options gives, so every limit is part of it.
 */
export function parserFingerprint(version: string, limits: Limits): string {
  const sorted = Object.fromEntries(Object.entries(limits).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sha256(new TextEncoder().encode(JSON.stringify({ version, limits: sorted }))).slice(0, 16);
}

export function partsDirectory(out: string): string {
  return join(out, 'parts');
}

export function partPath(out: string, sha256: string): string {
  return join(partsDirectory(out), `${sha256}.json`);
}

export async function writeAtomically(path: string, content: string): Promise<void> {
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

export async function writePart(out: string, part: PartResult): Promise<void> {
  await mkdir(partsDirectory(out), { recursive: true });
  await writeAtomically(partPath(out, part.sha256), JSON.stringify(part));
}

/** The stored part of a content, or null when there is none (or it cannot be read: it is then parsed again). */
export async function readPart(out: string, sha256: string): Promise<PartResult | null> {
  try {
    const part = JSON.parse(await readFile(partPath(out, sha256), 'utf8')) as PartResult;
    return part && typeof part === 'object' && (part.status === 'ok' || part.status === 'error') ? part : null;
  } catch {
    return null;
  }
}

/** Whether a stored part can stand for this run's result. */
export function isReusable(part: PartResult | null, fingerprint: string, options: { force?: boolean; retryErrors?: boolean }): part is PartResult {
  if (!part || options.force) return false;
  if (part.fingerprint !== fingerprint) return false;
  return !(options.retryErrors && part.status === 'error');
}
