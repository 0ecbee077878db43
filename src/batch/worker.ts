import { isKehoachError } from '../errors.js';
import type { Limits } from '../limits.js';
import { parse } from '../pipeline.js';
import { serialise } from './exports.js';
import { writePart, type PartResult } from './parts.js';

/**
 * Worker-thread task: parse one input and store its part. Only a small
 * summary goes back to the main thread, which therefore never holds
 * documents, whatever the archive size.
 */

export interface ParseTask {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  out: string;
  limits: Partial<Limits>;
}

/** What progress needs; the error itself is in the stored part. */
export interface TaskSummary {
  status: 'ok' | 'error';
  pageCount: number | null;
}

export default async function parseTask(task: ParseTask): Promise<TaskSummary> {
  let part: PartResult;
  try {
    const document = await parse(task.bytes, { name: task.name, limits: task.limits });
    part = { status: 'ok', sha256: task.sha256, name: task.name, pageCount: document.source.pageCount, ...serialise(document) };
  } catch (error) {
    // parse() wraps every failure in a KehoachError; anything else is unreadable input too.
    const code = isKehoachError(error) ? error.code : 'CORRUPT_INPUT';
    const message = error instanceof Error ? error.message : String(error);
    part = { status: 'error', sha256: task.sha256, code, message };
  }
  await writePart(task.out, part);
  return { status: part.status, pageCount: part.status === 'ok' ? part.pageCount : null };
}
