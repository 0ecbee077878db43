import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sha256OffThread } from '../content-hash.js';
import { KehoachError, type ErrorCode, libraryCause } from '../errors.js';
import type { Limits } from '../limits.js';
import type { PlanDocument } from '../schema/document.js';
import type { StoredDocument } from '../batch/exports.js';
import { childHeapOf, keepIdle, takeChild } from './children.js';
import type { SandboxReply, SandboxRequest } from './messages.js';
import { reason } from '../messages.js';

/**
 * Runs one document's parse where it can be stopped and measured alone: a
 * child process of its own, with a capped heap. Its time and its memory (the
 * process's resident size, decoded streams and buffers included, read from
 * /proc) are counted from the moment it starts the document. Past either,
 * the process is killed: the work stops, not only the promise, and TIMEOUT or
 * LIMIT_EXCEEDED names the limit. Nothing else is stopped with it. A process
 * that finished its document is kept a few seconds for the next one; idle
 * processes never keep the host alive.
 */

const WATCH_INTERVAL_MS = 50;
const PAGE_SIZE = 4096;
let nextId = 1;

/** Resident size of a process in bytes, from /proc; null where there is no /proc (the heap cap still holds there). */
function residentBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const resident = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(resident) ? resident * PAGE_SIZE : null;
  } catch {
    return null;
  }
}

// At most one document per core is parsed at once: a host that calls parse() for a whole folder at once waits
// for a slot instead of starting a process for every file.
const MAX_RUNNING = Math.max(2, availableParallelism());
let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<() => void> {
  // A freed slot is handed to the longest waiter as it is, still counted: a new caller cannot take it in between.
  if (running < MAX_RUNNING) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

export async function parseInSandbox(bytes: Uint8Array, name: string, limits: Limits): Promise<PlanDocument> {
  return (await inSlot(() => parseInChild(bytes, name, limits, { stored: false }))) as PlanDocument;
}

/**
 * The same parse, answered with the document as the batch stores it (the
 * child does that work, not the batch). `sha256`: the bytes' hash, which the
 * batch has already.
 */
export async function parseInSandboxToOutputs(bytes: Uint8Array, name: string, limits: Limits, sha256?: string): Promise<StoredDocument> {
  return (await inSlot(() => parseInChild(bytes, name, limits, { stored: true, sha256 }))) as StoredDocument;
}

async function inSlot<T>(run: () => Promise<T>): Promise<T> {
  const release = await slot();
  try {
    return await run();
  } finally {
    release();
  }
}

/**
 * The child is handed the document's hash with its bytes (it never loads
 * node:crypto, some 5 ms of a cold start); hashed here off this thread, on
 * the thread pool, where the caller has none.
 */
async function parseInChild(bytes: Uint8Array, name: string, limits: Limits, answer: { stored: boolean; sha256?: string | undefined }): Promise<PlanDocument | StoredDocument> {
  const sha256 = answer.sha256 ?? (await sha256OffThread(bytes));
  // Outputs as stored are what a batch asks for, document after document: its children are compact.
  const heap = childHeapOf(limits, answer.stored);
  const child = takeChild(heap);
  child.ref();
  (child.channel as { ref?: () => void } | undefined)?.ref?.();
  const id = nextId++;
  return new Promise<PlanDocument | StoredDocument>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    let watch: NodeJS.Timeout | null = null;
    const overMemory = (): KehoachError =>
      new KehoachError('LIMIT_EXCEEDED', reason('memoryExceeded', { limit: limits.maxMemoryBytes }), { file: name, details: { limit: 'maxMemoryBytes', value: limits.maxMemoryBytes } });
    const settle = (result: { document?: PlanDocument | StoredDocument; error?: KehoachError }): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (watch) clearInterval(watch);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      if (result.document) keepIdle(child, heap);
      else child.kill('SIGKILL');
      if (result.document) resolve(result.document);
      else reject(result.error!);
    };
    const onMessage = (reply: SandboxReply): void => {
      if (reply.id !== id) return;
      if ('started' in reply) {
        // Time and memory are the document's from here: the child's own start and loading are not.
        timer = setTimeout(
          () => settle({ error: new KehoachError('TIMEOUT', reason('timedOut', { ms: limits.timeoutMs }), { file: name, details: { limit: 'timeoutMs', value: limits.timeoutMs } }) }),
          limits.timeoutMs,
        );
        const baseline = residentBytes(child.pid);
        if (baseline !== null) {
          watch = setInterval(() => {
            const now = residentBytes(child.pid);
            if (now !== null && now - baseline > limits.maxMemoryBytes) settle({ error: overMemory() });
          }, WATCH_INTERVAL_MS);
        }
        return;
      }
      if (reply.ok) settle({ document: 'stored' in reply ? reply.stored : (reply.document as PlanDocument) });
      else settle({ error: new KehoachError(reply.error.code as ErrorCode, reply.error.reason ?? reply.error.message.replace(`${reply.error.file}: `, ''), { file: reply.error.file ?? name, details: reply.error.details }) });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      // V8 ends a process whose heap passes --max-old-space-size with an abort.
      const outOfMemory = signal === 'SIGABRT' || code === 134;
      settle({ error: outOfMemory ? overMemory() : new KehoachError('CORRUPT_INPUT', reason('parserStopped', { how: signal ?? `exit ${code}` }), { file: name }) });
    };
    const onError = (error: Error): void => settle({ error: new KehoachError('CORRUPT_INPUT', reason('parserNotStarted'), { file: name, ...libraryCause(error) }) });
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
    const request: SandboxRequest = { id, bytes, sha256, name, limits, stored: answer.stored };
    child.send(request);
  });
}
