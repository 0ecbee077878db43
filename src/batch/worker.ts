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
    // On this thread (isolate: false): the pool already bounds each task's time (the task is aborted, the
    // thread ended) and heap; a sandbox thread per document would only add a thread and watch the whole
    // process's memory against one document's budget.
    const document = await parse(task.bytes, { name: task.name, limits: task.limits, isolate: false });
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
