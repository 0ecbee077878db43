import { parentPort, threadId } from 'node:worker_threads';
import { isKehoachError } from '../errors.js';
import { parse } from '../parse.js';
import { serialise } from './exports.js';
import { writePart, type PartResult } from './parts.js';
import { WORKER_LOADED, type ParseTask, type TaskSummary } from './worker-messages.js';

/**
 * Worker-thread task: parse one input and store its part. Only a small
 * summary goes back to the main thread, which therefore never holds
 * documents, whatever the archive size.
 */

export type { ParseTask, TaskSummary };

// Tells the main thread that this thread's modules are loaded: the pool is only ended after that (see ParsePool in run.ts).
parentPort?.postMessage({ [WORKER_LOADED]: threadId });

export default async function parseTask(task: ParseTask): Promise<TaskSummary> {
  let part: PartResult;
  try {
    // In the sandbox's child process: each document's time and memory are its own, measured from when it
    // starts, and a document past them is stopped alone.
    const document = await parse(task.bytes, { name: task.name, limits: task.limits });
    part = { status: 'ok', fingerprint: task.fingerprint, sha256: task.sha256, name: task.name, pageCount: document.source.pageCount, ...serialise(document) };
  } catch (error) {
    // parse() wraps every failure in a KehoachError; anything else is unreadable input too.
    const code = isKehoachError(error) ? error.code : 'CORRUPT_INPUT';
    const message = error instanceof Error ? error.message : String(error);
    part = { status: 'error', fingerprint: task.fingerprint, sha256: task.sha256, code, message };
  }
  try {
    await writePart(task.out, part);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { status: 'error', pageCount: null, writeFailure: { code: typeof code === 'string' ? code : null, message: error instanceof Error ? error.message : String(error) } };
  }
  return { status: part.status, pageCount: part.status === 'ok' ? part.pageCount : null };
}
