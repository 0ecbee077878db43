import type { Limits } from '../limits.js';

/**
 * What the batch's main thread and its worker threads (worker.ts) exchange.
 * Kept apart from worker.ts so that the main thread loads none of the parser.
 */

export interface ParseTask {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  out: string;
  limits: Partial<Limits>;
  /** The parser fingerprint the part is stored under (see parts.ts). */
  fingerprint: string;
}

/** What progress needs; the error itself is in the stored part. */
export interface TaskSummary {
  status: 'ok' | 'error';
  pageCount: number | null;
  /**
   * The part could not be stored (disk full, read-only output): the errno
   * and message, as plain data since errors lose their `code` crossing
   * threads. The main thread stops the batch with the matching typed error.
   */
  writeFailure?: { code: string | null; message: string };
}

/** Key of the message a worker thread posts once its modules are loaded: `{ [WORKER_LOADED]: threadId }`. */
export const WORKER_LOADED = 'kehoachBatchWorkerLoaded';
