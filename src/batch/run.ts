import { createReadStream, type Stats } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Piscina } from 'piscina';
import { sha256 } from '../content-hash.js';
import { KehoachError, isKehoachError } from '../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import type { PlanDocument } from '../schema/document.js';
import { VERSION } from '../version.js';
import { OutputWriter, serialise } from './exports.js';
import { errnoOf, inputReason, outputError } from './fs-errors.js';
import { countFolderFiles, folderInputs, isSupported, openZipInputs, type BatchInput, type FolderOptions, type InputFileSystem } from './inputs.js';
import { acquireLock, OutputFile, prepareOutputFolder, removeTemporaryFiles } from './output.js';
import { isReusable, parserFingerprint, partPath, partsDirectory, readPart, writePart } from './parts.js';
import { WORKER_LOADED, type ParseTask, type TaskSummary } from './worker-messages.js';

/**
 * The batch job. Inputs are read one at a time, hashed, and handed to a pool
 * of worker threads that store one part per distinct content. When every
 * input is accounted for, the final outputs are assembled from the parts in
 * input order and renamed into place; the manifest comes last. Killing the
 * job at any point loses at most the parses in flight: a re-run with the
 * same --out reuses every stored part and produces the same outputs.
 *
 * A stored part is reused only under the same parser fingerprint (package
 * version, limits and timeout; see parts.ts), so a resumed run gives what a
 * fresh run with the same options gives. `force` re-parses everything,
 * `retryErrors` re-parses the inputs whose stored result is an error.
 */

export interface Shard {
  /** 0-based shard index. */
  index: number;
  count: number;
}

export interface BatchOptions {
  input: string;
  out: string;
  jobs?: number;
  timeoutMs?: number;
  shard?: Shard | null;
  limits?: Partial<Limits>;
  onProgress?: (progress: BatchProgress) => void;
  /** Re-parse every input, even those with a result stored by an earlier run. */
  force?: boolean;
  /** Re-parse the inputs whose stored result is an error (of any code). */
  retryErrors?: boolean;
  /** Replaces some file-system calls of a folder walk (tests simulate EACCES and EIO with it). */
  inputFileSystem?: Partial<InputFileSystem>;
}

export interface BatchProgress {
  done: number;
  total: number;
  errors: number;
  pages: number;
  elapsedMs: number;
}

export type FileStatus = 'ok' | 'error' | 'skipped';

export interface ManifestFile {
  /**
   * Path under the input folder with "/" separators (a folder's ends in "/"),
   * or the entry name in the archive. Bytes of a file name that are not UTF-8
   * are written `\xNN`, and a literal backslash `\x5C`.
   */
  file: string;
  /** Null for an entry that was not read (a link, a FIFO, a folder, an unreadable file). */
  sha256: string | null;
  bytes: number;
  status: FileStatus;
  /** For errors: the error code (UNREADABLE_INPUT for an entry that cannot be read). */
  code?: string;
  /** For errors and skips: why, in words. */
  reason?: string;
  /** The earlier input with the same content, whose document stands for both. */
  duplicateOf?: string;
  /** Parsed by an earlier run into the same output folder, under the same parser fingerprint. */
  resumed?: boolean;
}

export interface BatchSummary {
  counts: Record<FileStatus, number> & { files: number; documents: number; resumed: number };
  manifestPath: string;
}

/** Deterministic shard of a content hash: every machine computes the same partition. */
export function shardOf(hash: string, count: number): number {
  return Number.parseInt(hash.slice(0, 8), 16) % count;
}

export function parseShard(value: string): Shard {
  const m = value.match(/^(\d+)\/(\d+)$/);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new KehoachError('UNSUPPORTED_FORMAT', `--shard must be i/n with 0 <= i < n, got "${value}"`);
  return { index, count };
}

/** The input's kind, checked before anything is written: a missing or unreadable input leaves --out untouched. */
async function checkInput(input: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(input);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new KehoachError('FILE_NOT_FOUND', 'no such folder or archive', { file: input });
    throw new KehoachError('UNREADABLE_INPUT', `the input cannot be read: ${inputReason(error)}`, { file: input, cause: error });
  }
  if (!info.isDirectory() && !info.isFile()) throw new KehoachError('UNSUPPORTED_FORMAT', 'batch input must be a folder or a .zip archive, not a FIFO, socket or device', { file: input });
  return info;
}

async function inputsOf(input: string, info: Stats, maxBytes: number, folder: FolderOptions): Promise<{ inputs: AsyncGenerator<BatchInput>; total: number }> {
  if (info.isDirectory()) return { inputs: folderInputs(input, maxBytes, folder), total: await countFolderFiles(input, folder) };
  const magic = Buffer.alloc(4);
  try {
    const handle = await open(input, 'r');
    try {
      await handle.read(magic, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new KehoachError('UNREADABLE_INPUT', `the archive cannot be read: ${inputReason(error)}`, { file: input, cause: error });
  }
  if (magic.readUInt32BE(0) !== 0x504b0304) throw new KehoachError('UNSUPPORTED_FORMAT', 'batch input must be a folder or a .zip archive', { file: input });
  return openZipInputs(input, maxBytes);
}

/**
 * Runs a batch. Refuses with OUTPUT_LOCKED while another batch holds `out`;
 * stops with OUTPUT_NOT_WRITABLE or NO_SPACE when `out` cannot be written
 * (the parts stored until then are kept: the same command resumes). No input
 * entry stops it: each one is in the manifest, with its status and code.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const jobs = options.jobs ?? cpus().length;
  const out = options.out;
  const inputInfo = await checkInput(options.input);
  const outInfo = await prepareOutputFolder(out);
  if (inputInfo.isDirectory() && inputInfo.dev === outInfo.dev && inputInfo.ino === outInfo.ino) {
    throw new KehoachError('OUTPUT_NOT_WRITABLE', '--out is the input folder itself; choose another --out (a folder inside the input is fine)', { file: out });
  }
  const lock = await acquireLock(out);
  try {
    // We hold the lock: any temporary file here was left by a batch that was killed.
    await removeTemporaryFiles(out, null);
    return await runLocked(options, { limits, jobs, inputInfo, outInfo });
  } finally {
    await removeTemporaryFiles(out, process.pid);
    await lock.release();
  }
}

async function runLocked(options: BatchOptions, context: { limits: Limits; jobs: number; inputInfo: Stats; outInfo: Stats }): Promise<BatchSummary> {
  const { limits, jobs } = context;
  const out = options.out;
  const fingerprint = parserFingerprint(VERSION, limits);
  const reuse = { force: options.force ?? false, retryErrors: options.retryErrors ?? false };
  const { inputs, total } = await inputsOf(options.input, context.inputInfo, limits.maxInputBytes, {
    ...(options.inputFileSystem ? { fileSystem: options.inputFileSystem } : {}),
    exclude: [{ dev: context.outInfo.dev, ino: context.outInfo.ino }],
  });
  try {
    await mkdir(partsDirectory(out), { recursive: true });
  } catch (error) {
    throw outputError(error, partsDirectory(out));
  }

  // The input list, in input order, kept on disk so that memory does not grow with the archive.
  const listPath = join(out, `inputs.jsonl.${process.pid}.tmp`);
  const list = new OutputFile(listPath);
  const progress: BatchProgress = { done: 0, total, errors: 0, pages: 0, elapsedMs: 0 };
  const started = Date.now();
  const report = (): void => options.onProgress?.({ ...progress, elapsedMs: Date.now() - started });
  /** The first output-side failure of a parse in flight; it stops the batch. */
  const state: ParseState = { stopping: false, failure: null };
  const pool = new ParsePool(jobs, limits, state);
  const inFlight = new Set<Promise<void>>();
  const dispatched = new Set<string>();

  const record = (entry: ManifestFile): Promise<void> => list.write(JSON.stringify(entry) + '\n');
  const finish = (summary: { status: FileStatus; pageCount?: number | null }): void => {
    progress.done++;
    if (summary.status === 'error') progress.errors++;
    progress.pages += summary.pageCount ?? 0;
    report();
  };
  const track = (work: Promise<void>): void => {
    const task: Promise<void> = work
      .catch((error: unknown) => {
        state.failure ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  try {
    for await (const input of inputs) {
      if (state.failure) break;
      if (input.verdict) {
        // Not a file that can be read (a FIFO, a link, a folder named x.pdf, no permission): reported as it stands.
        const { status, code, reason } = input.verdict;
        await record({ file: input.name, sha256: null, bytes: input.size, status, ...(code ? { code } : {}), reason });
        finish({ status });
        continue;
      }
      let bytes: Uint8Array | null;
      try {
        bytes = await input.read();
      } catch (error) {
        // An unreadable file (EACCES, EIO) or a damaged archive entry (bad deflate data, wrong CRC) is that file's error; the batch goes on.
        const code = isKehoachError(error) ? error.code : 'CORRUPT_INPUT';
        const reason = isKehoachError(error) ? inputReason(error) : `cannot be read from the archive: ${(error as Error).message}`;
        await record({ file: input.name, sha256: null, bytes: input.size, status: 'error', code, reason });
        finish({ status: 'error' });
        continue;
      }
      if (bytes === null) {
        await record({ file: input.name, sha256: null, bytes: input.size, status: 'error', code: 'LIMIT_EXCEEDED', reason: `over the maxInputBytes limit of ${limits.maxInputBytes}` });
        finish({ status: 'error' });
        continue;
      }
      const hash = sha256(bytes);
      const base = { file: input.name, sha256: hash, bytes: bytes.byteLength };
      if (!isSupported(input.name)) {
        await record({ ...base, status: 'skipped', reason: 'not a .pdf, .docx or .txt file' });
        finish({ status: 'skipped' });
        continue;
      }
      if (options.shard && shardOf(hash, options.shard.count) !== options.shard.index) {
        await record({ ...base, status: 'skipped', reason: `in shard ${shardOf(hash, options.shard.count)}/${options.shard.count}` });
        finish({ status: 'skipped' });
        continue;
      }
      if (dispatched.has(hash)) {
        await record({ ...base, status: 'ok' });
        finish({ status: 'ok' });
        continue;
      }
      dispatched.add(hash);
      const stored = await readPart(out, hash);
      const resumed = isReusable(stored, fingerprint, reuse);
      await record({ ...base, status: 'ok', ...(resumed ? { resumed: true } : {}) });
      if (resumed) {
        finish({ status: stored.status, pageCount: stored.status === 'ok' ? stored.pageCount : null });
        continue;
      }
      while (inFlight.size >= jobs * 2) await Promise.race(inFlight);
      if (state.failure) break;
      track(parseOne(pool, { name: input.name, bytes, sha256: hash, out, limits, fingerprint }, limits.timeoutMs, state).then(finish));
    }
    await Promise.all(inFlight);
    if (state.failure) throw state.failure;
    await list.close();
  } catch (error) {
    state.stopping = true;
    await list.discard();
    throw error;
  } finally {
    state.stopping = true;
    await pool.close();
  }

  try {
    return await assemble(out, listPath, fingerprint, {
      input: options.input,
      jobs,
      timeoutMs: limits.timeoutMs,
      shard: options.shard ?? null,
      limits,
      force: reuse.force,
      retryErrors: reuse.retryErrors,
    });
  } finally {
    await rm(listPath, { force: true }).catch(() => undefined);
  }
}

/**
 * The worker threads, started on the first parse: a run that resumes
 * everything starts none. A thread is never ended while it is still loading
 * its modules (Node 20 aborts the whole process when a thread is terminated
 * inside a require()d ES module's instantiation): `close` waits until every
 * thread has said it is loaded (see worker.ts), then ends them.
 */
class ParsePool {
  private pool: Piscina<ParseTask, TaskSummary> | null = null;
  private readonly loaded = new Set<number>();

  constructor(
    private readonly jobs: number,
    private readonly limits: Limits,
    private readonly state: ParseState,
  ) {}

  run(task: ParseTask, options: { signal: AbortSignal; transferList: ArrayBuffer[] }): Promise<TaskSummary> {
    if (!this.pool) {
      this.pool = this.start();
      activePools.add(this);
    }
    return this.pool.run(task, options);
  }

  private start(): Piscina<ParseTask, TaskSummary> {
    const pool = new Piscina<ParseTask, TaskSummary>({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: this.jobs,
      maxThreads: this.jobs,
      // A document that needs more than maxMemoryBytes is hostile or broken; the worker dies, the batch goes on.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, Math.floor(this.limits.maxMemoryBytes / (1024 * 1024))) },
    });
    pool.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && WORKER_LOADED in message) this.loaded.add(Number((message as Record<string, unknown>)[WORKER_LOADED]));
    });
    // A thread that fails while it has no task (it cannot load its modules): the batch stops with that error.
    pool.on('error', (error: unknown) => {
      this.state.failure ??= error;
    });
    return pool;
  }

  /** Resolves once no thread of the pool is still loading its modules (or after `ms`). */
  async settled(ms: number): Promise<void> {
    const pool = this.pool;
    const deadline = Date.now() + ms;
    while (pool && pool.threads.some((thread) => !this.loaded.has(thread.threadId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  async close(): Promise<void> {
    const pool = this.pool;
    if (!pool) return;
    await this.settled(30_000);
    await pool.destroy();
    activePools.delete(this);
  }
}

const activePools = new Set<ParsePool>();

/**
 * For signal handlers that end the process: resolves once no batch worker
 * thread is still loading its modules (ending the process then would abort
 * it with a V8 fatal error instead of the exit code), or after `ms`.
 */
export async function workerThreadsSettled(ms = 2_000): Promise<void> {
  await Promise.all([...activePools].map((pool) => pool.settled(ms)));
}

interface ParseState {
  /** Set when the pool is being shut down: a parse that fails then is not the document's fault. */
  stopping: boolean;
  failure: unknown;
}

async function parseOne(pool: ParsePool, task: ParseTask, timeoutMs: number, state: ParseState): Promise<TaskSummary> {
  const controller = new AbortController();
  // Each document's time is kept by the sandbox from when it starts. This catches only a thread that hangs
  // outside the document: it allows for the wait in the queue (at most one other document) as well.
  const timer = setTimeout(() => controller.abort(), 2 * timeoutMs + 60_000);
  let summary: TaskSummary;
  try {
    summary = await pool.run(task, { signal: controller.signal, transferList: [task.bytes.buffer as ArrayBuffer] });
  } catch (error) {
    if (state.stopping) throw error;
    const aborted = controller.signal.aborted;
    const code = aborted ? 'TIMEOUT' : /memory/i.test(String(error)) ? 'LIMIT_EXCEEDED' : 'CORRUPT_INPUT';
    const message = aborted ? `${task.name}: parsing took longer than ${timeoutMs} ms` : `${task.name}: the parser stopped: ${(error as Error).message}`;
    try {
      await writePart(task.out, { status: 'error', fingerprint: task.fingerprint, sha256: task.sha256, code, message });
    } catch (writeError) {
      throw outputError(writeError, partPath(task.out, task.sha256));
    }
    return { status: 'error', pageCount: null };
  } finally {
    clearTimeout(timer);
  }
  if (summary.writeFailure) {
    const path = partPath(task.out, task.sha256);
    const { code, message } = summary.writeFailure;
    throw code ? outputError({ code, message }, path) : new KehoachError('OUTPUT_NOT_WRITABLE', `the result cannot be stored: ${message}`, { file: path });
  }
  return summary;
}

/** Builds every output from the parts, in input order, and renames them into place. */
async function assemble(out: string, listPath: string, fingerprint: string, options: Record<string, unknown>): Promise<BatchSummary> {
  const writer = await OutputWriter.open(out);
  const manifestPath = join(out, 'manifest.json');
  const manifest = new OutputFile(`${manifestPath}.${process.pid}.tmp`);
  try {
    const counts = { files: 0, ok: 0, error: 0, skipped: 0, documents: 0, resumed: 0 };
    const firstFileOf = new Map<string, string>();
    await manifest.write(`{"tool":"kehoach","version":${JSON.stringify(VERSION)},"fingerprint":${JSON.stringify(fingerprint)},"options":${JSON.stringify(options)},"files":[\n`);
    let first = true;
    const lines = createInterface({ input: createReadStream(listPath), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const entry = JSON.parse(line) as ManifestFile;
      counts.files++;
      const earlier = entry.sha256 ? firstFileOf.get(entry.sha256) : undefined;
      if (entry.status === 'ok' && earlier) {
        // Same bytes as a document already written: its part need not be read again.
        entry.duplicateOf = earlier;
      } else if (entry.status === 'ok' && entry.sha256) {
        const part = await readPart(out, entry.sha256);
        if (!part || part.fingerprint !== fingerprint) {
          Object.assign(entry, { status: 'error', code: 'CORRUPT_INPUT', reason: `no result stored at ${partPath(out, entry.sha256)} for parser fingerprint ${fingerprint}` });
        } else if (part.status === 'error') {
          Object.assign(entry, { status: 'error', code: part.code, reason: part.message });
        } else {
          // Parts are keyed by content; a file renamed since its part was stored is re-serialised under this run's name.
          if (part.name === entry.file) await writer.document(part);
          else {
            const document = JSON.parse(part.documentLine) as PlanDocument;
            await writer.document(serialise({ ...document, source: { ...document.source, name: entry.file } }));
          }
          counts.documents++;
          firstFileOf.set(entry.sha256, entry.file);
        }
      }
      if (entry.status === 'error') {
        await writer.error({ file: entry.file, sha256: entry.sha256, code: entry.code ?? 'CORRUPT_INPUT', message: entry.reason ?? '' });
      }
      counts[entry.status]++;
      if (entry.resumed) counts.resumed++;
      await manifest.write(`${first ? '' : ',\n'}${JSON.stringify(entry)}`);
      first = false;
    }
    await writer.commit();
    await manifest.write(`\n],"counts":${JSON.stringify(counts)}}\n`);
    await manifest.close();
    try {
      await rename(manifest.path, manifestPath);
    } catch (error) {
      throw outputError(error, manifestPath);
    }
    return { counts, manifestPath };
  } catch (error) {
    await writer.discard();
    await manifest.discard();
    throw error;
  }
}
