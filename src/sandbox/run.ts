import { Worker } from 'node:worker_threads';
import { KehoachError, type ErrorCode } from '../errors.js';
import type { Limits } from '../limits.js';
import type { PlanDocument } from '../schema/document.js';
import type { SandboxReply, SandboxRequest } from './messages.js';

/**
 * Runs one document's parse where it can be stopped: a worker thread whose
 * heap is capped, watched from this thread. When the document runs over its
 * time, or the process grows past the memory cap (decoded streams and
 * buffers included, which the heap cap does not count), the worker is ended
 * (the work stops, not only the promise) and TIMEOUT or LIMIT_EXCEEDED is
 * reported. Idle workers are kept for the next document and never keep the
 * process alive.
 */

const WATCH_INTERVAL_MS = 50;
const MAX_IDLE_WORKERS = 2;
const MIB = 1024 * 1024;

interface Running {
  worker: Worker;
  name: string;
  limits: Limits;
  settle: (result: { document?: PlanDocument; error?: KehoachError }) => void;
}

/** Idle workers by their heap cap, in MiB: a worker is reused only for a document with the same cap. */
const idle: Array<{ worker: Worker; heapMb: number }> = [];
const running = new Set<Running>();
let baselineRss = 0;
let watch: NodeJS.Timeout | null = null;
let nextId = 1;

const heapMbOf = (limits: Limits): number => Math.max(64, Math.floor(limits.maxMemoryBytes / MIB));

// Loaded from the TypeScript sources (as the tests do), the thread runs the built worker: a thread cannot load .ts.
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../dist/sandbox/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);

function newWorker(heapMb: number): Worker {
  const worker = new Worker(WORKER_URL, {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, heapMb) },
  });
  worker.unref();
  return worker;
}

/** Ends every running parse past the memory cap: the process's growth over its size before they started is theirs. */
function checkMemory(): void {
  if (running.size === 0) return;
  const budget = [...running].reduce((sum, r) => sum + r.limits.maxMemoryBytes, 0);
  const grown = process.memoryUsage.rss() - baselineRss;
  if (grown <= budget) return;
  for (const run of [...running]) {
    const limit = run.limits.maxMemoryBytes;
    run.settle({ error: new KehoachError('LIMIT_EXCEEDED', `the parse used more than the maxMemoryBytes limit of ${limit} bytes`, { file: run.name, details: { limit: 'maxMemoryBytes', value: limit } }) });
  }
}

function startWatch(): void {
  if (watch) return;
  baselineRss = process.memoryUsage.rss();
  watch = setInterval(checkMemory, WATCH_INTERVAL_MS);
  watch.unref();
}

function stopWatchWhenIdle(): void {
  if (running.size > 0 || !watch) return;
  clearInterval(watch);
  watch = null;
}

export function parseInSandbox(bytes: Uint8Array, name: string, limits: Limits): Promise<PlanDocument> {
  startWatch();
  const heapMb = heapMbOf(limits);
  const reusable = idle.findIndex((w) => w.heapMb === heapMb);
  const worker = reusable >= 0 ? idle.splice(reusable, 1)[0]!.worker : newWorker(heapMb);
  return new Promise<PlanDocument>((resolve, reject) => {
    const id = nextId++;
    let done = false;
    const timer = setTimeout(
      () => run.settle({ error: new KehoachError('TIMEOUT', `parsing took longer than ${limits.timeoutMs} ms`, { file: name, details: { limit: 'timeoutMs', value: limits.timeoutMs } }) }),
      limits.timeoutMs,
    );
    timer.unref();
    const onMessage = (reply: SandboxReply): void => {
      if (reply.id !== id) return;
      if (reply.ok) run.settle({ document: reply.document as PlanDocument });
      else run.settle({ error: new KehoachError(reply.error.code as ErrorCode, reply.error.message.replace(`${reply.error.file}: `, ''), { file: reply.error.file ?? name, details: reply.error.details }) });
    };
    const onError = (error: Error): void => {
      // A heap over its cap ends the worker with ERR_WORKER_OUT_OF_MEMORY.
      const memory = /memory/i.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`);
      run.settle({
        error: memory
          ? new KehoachError('LIMIT_EXCEEDED', `the parse used more than the maxMemoryBytes limit of ${limits.maxMemoryBytes} bytes`, { file: name, details: { limit: 'maxMemoryBytes', value: limits.maxMemoryBytes } })
          : new KehoachError('CORRUPT_INPUT', `the parser stopped: ${error.message}`, { file: name, cause: error }),
      });
    };
    const onExit = (): void => run.settle({ error: new KehoachError('CORRUPT_INPUT', 'the parser stopped unexpectedly', { file: name }) });
    const run: Running = {
      worker,
      name,
      limits,
      settle: ({ document, error }) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        running.delete(run);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        // A worker that finished its document is kept; one stopped mid-way is ended, which frees all it held.
        if (document && idle.length < MAX_IDLE_WORKERS) idle.push({ worker, heapMb });
        else void worker.terminate();
        stopWatchWhenIdle();
        if (document) resolve(document);
        else reject(error!);
      },
    };
    running.add(run);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    const request: SandboxRequest = { id, bytes, name, limits };
    worker.postMessage(request);
  });
}
