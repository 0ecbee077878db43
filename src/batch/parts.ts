import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One result per distinct input content, stored as `parts/<sha256>.json`
 * and written atomically (temporary file, then rename). A batch killed at any
 * moment leaves whole parts or none, so a re-run parses only what is missing
 * and the final outputs are rebuilt from parts without duplicates.
 */

/**
 * An ok part carries its outputs already serialised (the JSONL line and the
 * CSV rows of each table), so that the worker threads do that work in
 * parallel and the final assembly only concatenates text.
 */
export type PartResult =
  | { status: 'ok'; sha256: string; name: string; pageCount: number | null; documentLine: string; csvRows: Record<string, string> }
  | { status: 'error'; sha256: string; code: string; message: string };

export function partsDirectory(out: string): string {
  return join(out, 'parts');
}

export function partPath(out: string, sha256: string): string {
  return join(partsDirectory(out), `${sha256}.json`);
}

export async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

export async function writePart(out: string, part: PartResult): Promise<void> {
  await mkdir(partsDirectory(out), { recursive: true });
  await writeAtomically(partPath(out, part.sha256), JSON.stringify(part));
}

export async function readPart(out: string, sha256: string): Promise<PartResult | null> {
  try {
    return JSON.parse(await readFile(partPath(out, sha256), 'utf8')) as PartResult;
  } catch {
    return null;
  }
}
