import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Piscina } from 'piscina';
import { sha256 } from '../content-hash.js';
import { KehoachError } from '../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import type { PlanDocument } from '../schema/document.js';
import { VERSION } from '../version.js';
import { OutputWriter, serialise } from './exports.js';
import { countFolderFiles, folderInputs, isSupported, openZipInputs, type BatchInput } from './inputs.js';
import { readPart, writePart, partPath } from './parts.js';
import type { ParseTask, TaskSummary } from './worker.js';

/**
 * The batch job. Inputs are read one at a time, hashed, and handed to a pool
 * of worker threads that store one part per distinct content. When every
 * input is accounted for, the final outputs are assembled from the parts in
 * input order and renamed into place; the manifest comes last. Killing the
 * job at any point loses at most the parses in flight: a re-run with the
 * same --out reuses every stored part and produces the same outputs.
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
  file: string;
  sha256: string | null;
  bytes: number;
  status: FileStatus;
  /** For errors: the error code; for skips: why. */
  code?: string;
  reason?: string;
  /** The earlier input with the same content, whose document stands for both. */
  duplicateOf?: string;
  /** Parsed by an earlier run into the same output folder. */
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

async function inputsOf(input: string, maxBytes: number): Promise<{ inputs: AsyncGenerator<BatchInput>; total: number }> {
  const info = await stat(input).catch(() => {
    throw new KehoachError('FILE_NOT_FOUND', 'no such folder or archive', { file: input });
  });
  if (info.isDirectory()) return { inputs: folderInputs(input, maxBytes), total: await countFolderFiles(input) };
  const handle = await open(input, 'r');
  const magic = Buffer.alloc(4);
  await handle.read(magic, 0, 4, 0);
  await handle.close();
  if (magic.readUInt32BE(0) !== 0x504b0304) throw new KehoachError('UNSUPPORTED_FORMAT', 'batch input must be a folder or a .zip archive', { file: input });
  return openZipInputs(input, maxBytes);
}

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const jobs = options.jobs ?? cpus().length;
  const out = options.out;
  await mkdir(out, { recursive: true });
  const { inputs, total } = await inputsOf(options.input, limits.maxInputBytes);

  const pool = new Piscina<ParseTask, TaskSummary>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    // A document that needs more than this is hostile or broken; the worker dies, the batch goes on.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });

  // The input list, in input order, kept on disk so that memory does not grow with the archive.
  const listPath = join(out, `inputs.${process.pid}.jsonl.tmp`);
  const list = createWriteStream(listPath);
  const progress: BatchProgress = { done: 0, total, errors: 0, pages: 0, elapsedMs: 0 };
  const started = Date.now();
  const report = (): void => options.onProgress?.({ ...progress, elapsedMs: Date.now() - started });
  const inFlight = new Set<Promise<void>>();
  const dispatched = new Set<string>();

  const record = (entry: ManifestFile): void => {
    list.write(JSON.stringify(entry) + '\n');
  };
  const finish = (summary: { status: FileStatus; pageCount?: number | null }): void => {
    progress.done++;
    if (summary.status === 'error') progress.errors++;
    progress.pages += summary.pageCount ?? 0;
    report();
  };

  for await (const input of inputs) {
    let bytes: Uint8Array | null;
    try {
      bytes = await input.read();
    } catch (error) {
      // A damaged archive entry (bad deflate data, wrong CRC) is that file's error; the batch goes on.
      record({ file: input.name, sha256: null, bytes: input.size, status: 'error', code: 'CORRUPT_INPUT', reason: `cannot be read from the archive: ${(error as Error).message}` });
      finish({ status: 'error' });
      continue;
    }
    if (bytes === null) {
      record({ file: input.name, sha256: null, bytes: input.size, status: 'error', code: 'LIMIT_EXCEEDED', reason: `over the maxInputBytes limit of ${limits.maxInputBytes}` });
      finish({ status: 'error' });
      continue;
    }
    const hash = sha256(bytes);
    const base = { file: input.name, sha256: hash, bytes: bytes.byteLength };
    if (!isSupported(input.name)) {
      record({ ...base, status: 'skipped', reason: 'not a .pdf, .docx or .txt file' });
      finish({ status: 'skipped' });
      continue;
    }
    if (options.shard && shardOf(hash, options.shard.count) !== options.shard.index) {
      record({ ...base, status: 'skipped', reason: `in shard ${shardOf(hash, options.shard.count)}/${options.shard.count}` });
      finish({ status: 'skipped' });
      continue;
    }
    if (dispatched.has(hash)) {
      record({ ...base, status: 'ok' });
      finish({ status: 'ok' });
      continue;
    }
    dispatched.add(hash);
    const stored = await stat(partPath(out, hash)).then(
      () => true,
      () => false,
    );
    record({ ...base, status: 'ok', ...(stored ? { resumed: true } : {}) });
    if (stored) {
      finish({ status: 'ok' });
      continue;
    }
    while (inFlight.size >= jobs * 2) await Promise.race(inFlight);
    const task = parseOne(pool, { name: input.name, bytes, sha256: hash, out, limits }, limits.timeoutMs).then(finish);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.all(inFlight);
  await new Promise<void>((resolve) => list.end(resolve));
  await pool.destroy();

  const summary = await assemble(out, listPath, VERSION, { input: options.input, jobs, timeoutMs: limits.timeoutMs, shard: options.shard ?? null });
  await rm(listPath, { force: true });
  return summary;
}

/** Runs one parse in the pool; a task over its time is aborted, which ends its worker thread. */
async function parseOne(pool: Piscina<ParseTask, TaskSummary>, task: ParseTask, timeoutMs: number): Promise<TaskSummary> {
  const controller = new AbortController();
  // The worker's own timeout fires first; this one catches work that never yields (a regex gone wild).
  const timer = setTimeout(() => controller.abort(), timeoutMs + 5_000);
  try {
    return await pool.run(task, { signal: controller.signal, transferList: [task.bytes.buffer as ArrayBuffer] });
  } catch (error) {
    const aborted = controller.signal.aborted;
    const code = aborted ? 'TIMEOUT' : /memory/i.test(String(error)) ? 'LIMIT_EXCEEDED' : 'CORRUPT_INPUT';
    const message = aborted ? `${task.name}: parsing took longer than ${timeoutMs} ms` : `${task.name}: the parser stopped: ${(error as Error).message}`;
    await writePart(task.out, { status: 'error', sha256: task.sha256, code, message });
    return { status: 'error', pageCount: null };
  } finally {
    clearTimeout(timer);
  }
}

/** Builds every output from the parts, in input order, and renames them into place. */
async function assemble(out: string, listPath: string, version: string, options: Record<string, unknown>): Promise<BatchSummary> {
  const writer = new OutputWriter(out);
  const counts = { files: 0, ok: 0, error: 0, skipped: 0, documents: 0, resumed: 0 };
  const firstFileOf = new Map<string, string>();
  const manifestPath = join(out, 'manifest.json');
  const manifestTemporary = `${manifestPath}.${process.pid}.tmp`;
  const manifest = createWriteStream(manifestTemporary);
  manifest.write(`{"tool":"kehoach","version":${JSON.stringify(version)},"options":${JSON.stringify(options)},"files":[\n`);
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
      if (!part) {
        Object.assign(entry, { status: 'error', code: 'CORRUPT_INPUT', reason: `no result stored at ${partPath(out, entry.sha256)}` });
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
    manifest.write(`${first ? '' : ',\n'}${JSON.stringify(entry)}`);
    first = false;
  }
  await writer.commit();
  manifest.write(`\n],"counts":${JSON.stringify(counts)}}\n`);
  await new Promise<void>((resolve) => manifest.end(resolve));
  await rename(manifestTemporary, manifestPath);
  return { counts, manifestPath };
}
