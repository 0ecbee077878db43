import { type Stats } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../content-hash.js';
import { KehoachError, isKehoachError } from '../errors.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import { parseToOutputs } from '../parse.js';
import { assertSandboxBuilt } from '../sandbox/children.js';
import type { PlanDocument } from '../schema/document.js';
import { VERSION } from '../version.js';
import { CSV_TABLES, DEFAULT_CSV_ENCODING, encodeOutputs, serialise, type EncodedOutputs } from './exports.js';
import { errnoOf, inputReason, outputError } from './fs-errors.js';
import { countFolderFiles, folderInputs, isSupported, openZipInputs, type BatchInput, type FolderOptions, type InputFileSystem } from './inputs.js';
import { acquireLock, OutputFile, prepareOutputFolder, removeTemporaryFiles } from './output.js';
import { isReusable, parserFingerprint, partPath, partsDirectory, readPart, writePart, type PartResult } from './parts.js';
import { DOCUMENTS_FILE, ERRORS_FILE, OutputStore, type Commit, type JournalLine } from './store.js';
import { reason } from '../messages.js';

/**
 * The batch job. Inputs are read one at a time, in a stable order, and
 * hashed; each distinct content is parsed in a child process of its own
 * (src/sandbox), `jobs` at a time, and its result stored once as a part.
 * The outputs grow in input order as results come in (a result that comes
 * before an earlier, slower one waits for it, within bounds), and a journal
 * records how far they are complete (see store.ts). The manifest is renamed
 * into place last.
 *
 * Killing the job at any point loses at most the parses in flight: a re-run
 * with the same --out keeps the outputs as far as its inputs match the
 * journal, reuses every stored part after that, and ends with the same
 * outputs as an uninterrupted run. A stored part or journal is used only
 * under the same parser fingerprint (package version, limits and timeout;
 * see parts.ts), so a resumed run gives what a fresh run with the same
 * options gives. `force` re-parses everything, `retryErrors` re-parses the
 * inputs whose stored result is an error.
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
  /** Start each CSV file with the UTF-8 byte order mark, for Excel on Windows (default true; see docs/batch.md). */
  csvBom?: boolean;
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
  /** `pages`: of the documents (not their duplicates); null page counts (DOCX, text) count none. */
  counts: Record<FileStatus, number> & { files: number; documents: number; resumed: number; pages: number };
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
  if (!m || count < 1 || index >= count) throw new KehoachError('UNSUPPORTED_FORMAT', reason('badShard', { value }));
  return { index, count };
}

/** The input's kind, checked before anything is written: a missing or unreadable input leaves --out untouched. */
async function checkInput(input: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(input);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new KehoachError('FILE_NOT_FOUND', reason('noSuchInput'), { file: input });
    throw new KehoachError('UNREADABLE_INPUT', `the input cannot be read: ${inputReason(error)}`, { file: input, cause: error });
  }
  if (!info.isDirectory() && !info.isFile()) throw new KehoachError('UNSUPPORTED_FORMAT', reason('notFolderOrZip'), { file: input });
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
  if (magic.readUInt32BE(0) !== 0x504b0304) throw new KehoachError('UNSUPPORTED_FORMAT', reason('notFolderOrZip'), { file: input });
  return openZipInputs(input, maxBytes);
}

/**
 * Runs a batch. Refuses with OUTPUT_LOCKED while another batch holds `out`;
 * stops with OUTPUT_NOT_WRITABLE or NO_SPACE when `out` cannot be written
 * (the parts stored until then are kept: the same command resumes). No input
 * entry stops it: each one is in the manifest, with its status and code.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  // Before anything is stored: without the child's bundle each document would be kept as an error of its own.
  assertSandboxBuilt();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const jobs = options.jobs ?? cpus().length;
  const out = options.out;
  const inputInfo = await checkInput(options.input);
  const outInfo = await prepareOutputFolder(out);
  if (inputInfo.isDirectory() && inputInfo.dev === outInfo.dev && inputInfo.ino === outInfo.ino) {
    throw new KehoachError('OUTPUT_NOT_WRITABLE', reason('outIsInput'), { file: out });
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

/** An input's entry as the journal keeps it: the manifest entry without `resumed`, which belongs to one run. */
type StableEntry = Omit<ManifestFile, 'resumed'>;

/** What an input adds: its manifest entry and, for a document, its outputs. */
interface Outcome {
  entry: StableEntry;
  /** An input whose result is its own (not a duplicate's): a document or a parse failure. */
  result: boolean;
  resumed: boolean;
  pages: number | null;
  outputs: EncodedOutputs | null;
}

/** An input's place in the outputs, in input order; an outcome not known yet is a parse in flight. */
interface Slot {
  outcome: Outcome | null;
  /** A duplicate's outcome, known once the input it duplicates is written (always before it). */
  derive?: () => Outcome;
  parse: boolean;
  /** Bytes of outputs held in memory until the slot is written. */
  held: number;
}

/** The first input of a content in this run: a duplicate is reported from it. Null `error` for a document. */
interface FirstOfContent {
  file: string;
  error: { code: string; reason: string } | null;
}

interface Base {
  file: string;
  sha256: string;
  bytes: number;
}

/** What an input needs: nothing but its entry, the outcome of an earlier input with the same content, or a result of its own. */
type Decision = { entry: StableEntry } | { base: Base; duplicate: FirstOfContent } | { base: Base; bytes: Uint8Array };

/** A slot waiting for an earlier, slower one holds its outputs in memory up to these bounds, then reading stops until the head is written. */
const MAX_QUEUED_SLOTS = 1024;
const MAX_HELD_BYTES = 64 * 1024 * 1024;
/** Outputs written in one go (fewer, larger writes) up to this many inputs or bytes. */
const WRITE_GROUP_SLOTS = 64;
const WRITE_GROUP_BYTES = 4 * 1024 * 1024;

const TABLES = Object.keys(CSV_TABLES);

const outputBytes = (outputs: EncodedOutputs | null): number =>
  outputs ? outputs.documentLine.byteLength + Object.values(outputs.csvRows).reduce((sum, rows) => sum + rows.byteLength, 0) : 0;

/** The journal's commit of an outcome: its entry, and its bytes for each output file. */
function commitOf(outcome: Outcome): Commit {
  const { entry, outputs } = outcome;
  const chunks = new Map<number, string | Uint8Array>();
  if (outputs) {
    chunks.set(DOCUMENTS_FILE, outputs.documentLine);
    TABLES.forEach((table, i) => chunks.set(DOCUMENTS_FILE + 1 + i, outputs.csvRows[table] ?? ''));
  }
  if (entry.status === 'error') chunks.set(ERRORS_FILE, JSON.stringify({ file: entry.file, sha256: entry.sha256, code: entry.code ?? 'CORRUPT_INPUT', message: entry.reason ?? '' }) + '\n');
  return { entry: JSON.stringify(entry), pages: outcome.pages, chunks };
}

/** The outcome of an input whose result is a stored part (just written, or from an earlier run). */
function outcomeOfPart(base: Base, part: PartResult, resumed: boolean): Outcome {
  if (part.status === 'error') return { entry: { ...base, status: 'error', code: part.code, reason: part.message }, result: true, resumed, pages: null, outputs: null };
  let outputs = part.outputs;
  if (part.name !== base.file) {
    // Parts are keyed by content; a file renamed since its part was stored is re-serialised under this run's name.
    const document = JSON.parse(Buffer.from(outputs.documentLine).toString('utf8')) as PlanDocument;
    outputs = encodeOutputs(serialise({ ...document, source: { ...document.source, name: base.file } }));
  }
  return { entry: { ...base, status: 'ok' }, result: true, resumed, pages: part.pageCount, outputs };
}

function duplicateOutcome(base: Base, first: FirstOfContent): Outcome {
  const entry: StableEntry = first.error ? { ...base, status: 'error', ...first.error } : { ...base, status: 'ok', duplicateOf: first.file };
  return { entry, result: false, resumed: false, pages: null, outputs: null };
}

/** Whether an earlier run's journal line stands for this input's result: same name, content and size, and not to be parsed again. */
function sameResult(line: StableEntry, base: Base, retryErrors: boolean): boolean {
  const isResult = line.sha256 !== null && line.status !== 'skipped' && line.duplicateOf === undefined;
  return isResult && line.file === base.file && line.sha256 === base.sha256 && line.bytes === base.bytes && !(retryErrors && line.status === 'error');
}

/** The outcome of an input that the earlier run's journal line stands for, or null when the line is another input's or a result to make again. */
function keptOutcome(decided: Decision, line: JournalLine, retryErrors: boolean): Outcome | null {
  if ('entry' in decided) return line.entry === JSON.stringify(decided.entry) ? { entry: decided.entry, result: false, resumed: false, pages: null, outputs: null } : null;
  if ('duplicate' in decided) {
    const outcome = duplicateOutcome(decided.base, decided.duplicate);
    return line.entry === JSON.stringify(outcome.entry) ? outcome : null;
  }
  const kept = JSON.parse(line.entry) as StableEntry;
  return sameResult(kept, decided.base, retryErrors) ? { entry: kept, result: true, resumed: true, pages: line.pages, outputs: null } : null;
}

/** Reads and hashes an input, and tells what it needs (see Decision). */
async function decide(input: BatchInput, limits: Limits, shard: Shard | null, firstOf: ReadonlyMap<string, FirstOfContent>): Promise<Decision> {
  if (input.verdict) {
    // Not a file that can be read (a FIFO, a link, a folder named x.pdf, no permission): reported as it stands.
    const { status, code, reason } = input.verdict;
    return { entry: { file: input.name, sha256: null, bytes: input.size, status, ...(code ? { code } : {}), reason } };
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await input.read();
  } catch (error) {
    // An unreadable file (EACCES, EIO) or a damaged archive entry (bad deflate data, wrong CRC) is that file's error; the batch goes on.
    const code = isKehoachError(error) ? error.code : 'CORRUPT_INPUT';
    // An archive library's own words are not a reason a person can act on: the entry is damaged.
    const why = isKehoachError(error) ? inputReason(error) : 'cannot be read from the archive: the entry is damaged';
    return { entry: { file: input.name, sha256: null, bytes: input.size, status: 'error', code, reason: why } };
  }
  if (bytes === null) return { entry: { file: input.name, sha256: null, bytes: input.size, status: 'error', code: 'LIMIT_EXCEEDED', reason: `over the maxInputBytes limit of ${limits.maxInputBytes}` } };
  const hash = sha256(bytes);
  const base: Base = { file: input.name, sha256: hash, bytes: bytes.byteLength };
  if (!isSupported(input.name)) return { entry: { ...base, status: 'skipped', reason: 'not a .pdf, .docx or .txt file' } };
  if (shard && shardOf(hash, shard.count) !== shard.index) return { entry: { ...base, status: 'skipped', reason: `in shard ${shardOf(hash, shard.count)}/${shard.count}` } };
  const first = firstOf.get(hash);
  return first ? { base, duplicate: first } : { base, bytes };
}

/** A parse in a child process of its own (see src/sandbox); its result is stored as a part before it counts as done. */
async function parseOne(bytes: Uint8Array, base: Base, context: { out: string; limits: Limits; fingerprint: string }): Promise<Outcome> {
  let part: PartResult;
  try {
    const { pageCount, ...outputs } = await parseToOutputs(bytes, { name: base.file, limits: context.limits, sha256: base.sha256 });
    part = { status: 'ok', fingerprint: context.fingerprint, sha256: base.sha256, name: base.file, pageCount, outputs };
  } catch (error) {
    // parseToOutputs(), as parse(), wraps every failure of the input in a KehoachError; anything else is unreadable input too.
    const code = isKehoachError(error) ? error.code : 'CORRUPT_INPUT';
    part = { status: 'error', fingerprint: context.fingerprint, sha256: base.sha256, code, message: error instanceof Error ? error.message : String(error) };
  }
  try {
    await writePart(context.out, part);
  } catch (error) {
    throw outputError(error, partPath(context.out, base.sha256));
  }
  return outcomeOfPart(base, part, false);
}

/** Resolves when a parse ends; one that ended since the last wait resolves the next wait at once. */
class Signal {
  private raised = false;
  private waiter: (() => void) | null = null;

  raise(): void {
    this.raised = true;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  wait(): Promise<void> {
    if (this.raised) {
      this.raised = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiter = () => {
        this.raised = false;
        resolve();
      };
    });
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
  const manifestPath = join(out, 'manifest.json');
  try {
    await mkdir(partsDirectory(out), { recursive: true });
    // The manifest is the sign that the outputs are complete: there is none while they may change.
    await rm(manifestPath, { force: true });
  } catch (error) {
    throw outputError(error, manifestPath);
  }
  const csvBom = options.csvBom ?? DEFAULT_CSV_ENCODING.bom;
  const store = await OutputStore.open(out, fingerprint, { fresh: reuse.force, csv: { bom: csvBom } });
  const manifest = new OutputFile(`${manifestPath}.${process.pid}.tmp`);
  const runOptions = { input: options.input, jobs, timeoutMs: limits.timeoutMs, shard: options.shard ?? null, limits, force: reuse.force, retryErrors: reuse.retryErrors, csvBom };
  const counts = { files: 0, ok: 0, error: 0, skipped: 0, documents: 0, resumed: 0, pages: 0 };
  const progress: BatchProgress = { done: 0, total, errors: 0, pages: 0, elapsedMs: 0 };
  const started = Date.now();
  let firstEntry = true;

  /** Counts an input, lists it in the manifest and reports progress. */
  const record = async (outcome: Outcome): Promise<void> => {
    const entry: ManifestFile = { ...outcome.entry, ...(outcome.resumed ? { resumed: true } : {}) };
    counts.files++;
    counts[entry.status]++;
    if (outcome.result && entry.status === 'ok') {
      counts.documents++;
      counts.pages += outcome.pages ?? 0;
    }
    if (entry.resumed) counts.resumed++;
    await manifest.write(`${firstEntry ? '' : ',\n'}${JSON.stringify(entry)}`);
    firstEntry = false;
    progress.done++;
    if (entry.status === 'error') progress.errors++;
    progress.pages += outcome.result ? (outcome.pages ?? 0) : 0;
    options.onProgress?.({ ...progress, elapsedMs: Date.now() - started });
  };

  const firstOf = new Map<string, FirstOfContent>();
  const learn = (outcome: Outcome): void => {
    const first = outcome.result && outcome.entry.sha256 ? firstOf.get(outcome.entry.sha256) : undefined;
    if (first && outcome.entry.status === 'error') first.error = { code: outcome.entry.code ?? 'CORRUPT_INPUT', reason: outcome.entry.reason ?? '' };
  };

  const queue: Slot[] = [];
  const state = { failure: null as unknown, parsing: 0, queuedParses: 0, held: 0 };
  const parseEnded = new Signal();

  /** Whether the head of the queue can be written: its outcome is known, or follows from inputs written before it. */
  const headReady = (): boolean => queue.length > 0 && (queue[0]!.outcome !== null || queue[0]!.derive !== undefined);
  /** Writes the slots at the head of the queue whose outcome is known, in order. */
  const flush = async (): Promise<void> => {
    while (!state.failure && headReady()) {
      const group: Outcome[] = [];
      let bytes = 0;
      while (headReady() && bytes < WRITE_GROUP_BYTES) {
        const slot = queue.shift()!;
        const outcome = slot.outcome ?? slot.derive!();
        state.held -= slot.held;
        if (slot.parse) state.queuedParses--;
        learn(outcome);
        group.push(outcome);
        bytes += outputBytes(outcome.outputs);
      }
      try {
        await store.append(group.map(commitOf));
        for (const outcome of group) await record(outcome);
      } catch (error) {
        state.failure ??= error;
      }
    }
  };
  const push = async (slot: Slot): Promise<void> => {
    queue.push(slot);
    state.held += slot.held;
    // Inputs known at once (skipped files, stored parts) are written in groups; a parse's end writes what waited for it.
    if (queue.length >= WRITE_GROUP_SLOTS || state.held >= WRITE_GROUP_BYTES) await flush();
    // Behind a document still being parsed: read on only while what waits for it stays small.
    while (!state.failure && (queue.length >= MAX_QUEUED_SLOTS || state.held > MAX_HELD_BYTES || state.queuedParses >= 2 * jobs)) {
      await parseEnded.wait();
      await flush();
    }
  };

  try {
    await manifest.write(`{"tool":"kehoach","version":${JSON.stringify(VERSION)},"fingerprint":${JSON.stringify(fingerprint)},"options":${JSON.stringify(runOptions)},"files":[\n`);
    for await (const input of inputs) {
      if (state.failure) break;
      const decided = await decide(input, limits, options.shard ?? null, firstOf);
      if (store.keeping) {
        const line = await store.nextKept();
        const outcome = line ? keptOutcome(decided, line, reuse.retryErrors) : null;
        if (line && outcome) {
          // The outputs already hold this input: nothing to read, parse or write.
          store.keep(line);
          if (outcome.result) firstOf.set(outcome.entry.sha256!, { file: outcome.entry.file, error: null });
          learn(outcome);
          await record(outcome);
          continue;
        }
        await store.stopKeeping();
      }
      if ('entry' in decided) {
        await push({ outcome: { entry: decided.entry, result: false, resumed: false, pages: null, outputs: null }, parse: false, held: 0 });
        continue;
      }
      const { base } = decided;
      if ('duplicate' in decided) {
        const first = decided.duplicate;
        await push({ outcome: null, derive: () => duplicateOutcome(base, first), parse: false, held: 0 });
        continue;
      }
      firstOf.set(base.sha256, { file: base.file, error: null });
      const stored = await readPart(out, base.sha256);
      if (isReusable(stored, fingerprint, reuse)) {
        const outcome = outcomeOfPart(base, stored, true);
        await push({ outcome, parse: false, held: outputBytes(outcome.outputs) });
        continue;
      }
      while (!state.failure && state.parsing >= jobs) {
        await parseEnded.wait();
        await flush();
      }
      if (state.failure) break;
      const slot: Slot = { outcome: null, parse: true, held: 0 };
      state.parsing++;
      state.queuedParses++;
      parseOne(decided.bytes, base, { out, limits, fingerprint })
        .then((outcome) => {
          slot.held = outputBytes(outcome.outputs);
          state.held += slot.held;
          slot.outcome = outcome;
        })
        .catch((error: unknown) => {
          state.failure ??= error;
        })
        .finally(() => {
          state.parsing--;
          parseEnded.raise();
        });
      await push(slot);
    }
    while (state.parsing > 0) {
      await parseEnded.wait();
      await flush();
    }
    await flush();
    if (state.failure) throw state.failure;
    // Every input must be in the manifest; one left unwritten is a bug, never a complete batch.
    if (queue.length > 0) throw new Error(`batch: ${queue.length} inputs were not written`);
    await store.finish();
    await manifest.write(`${firstEntry ? '' : '\n'}],"counts":${JSON.stringify(counts)}}\n`);
    await manifest.close();
    try {
      await rename(manifest.path, manifestPath);
    } catch (error) {
      throw outputError(error, manifestPath);
    }
    return { counts, manifestPath };
  } catch (error) {
    // Parses still running finish on their own (each in its own process); wait for them so that nothing is left behind.
    while (state.parsing > 0) await parseEnded.wait();
    await store.close();
    await manifest.discard();
    throw error;
  }
}
