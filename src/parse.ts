import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { KehoachError, fileReadError, isKehoachError, libraryCause } from './errors.js';
import { restoreEngineBuiltins } from './ingest/natives.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import type { PlanDocument } from './schema/document.js';
import type { StoredDocument } from './batch/exports.js';
import { reason } from './messages.js';
import { lazyModule } from './lazy-module.js';

const sandbox = lazyModule(() => import('./sandbox/run.js'));
const pipeline = lazyModule(() => import('./pipeline.js'));

/**
 * The library's entry point for files and bytes. It reads and checks the
 * input here and hands the parse to the sandbox (or to the pipeline on this
 * thread): the stages, zod and pdf.js load only where the parse runs.
 */

export interface ParseOptions {
  /** Name recorded in `source.name` (defaults to the file's base name, or "input"). */
  name?: string;
  /** Resource limits; see `DEFAULT_LIMITS`. */
  limits?: Partial<Limits>;
  /**
   * Parse in a child process of its own, killed when the document runs over
   * its time or memory (default). `false` parses on the calling thread:
   * faster to start, but then nothing bounds the work: the synchronous stages
   * cannot be interrupted (the timeout fires only when the parse yields) and
   * memory is not watched. Use it for trusted input only.
   */
  isolate?: boolean;
}

function checkSize(size: number, limits: Limits): void {
  if (size > limits.maxInputBytes) {
    throw new KehoachError('LIMIT_EXCEEDED', reason('inputTooLarge', { size, limit: limits.maxInputBytes }), { details: { limit: 'maxInputBytes', value: size } });
  }
}

/**
 * Parses a plan from a file path or its bytes (PDF, DOCX or text, sniffed from the bytes). Every failure of the
 * input is a KehoachError; only a broken installation (the sandbox's child never built) rejects otherwise.
 */
export async function parse(pathOrBytes: string | Uint8Array, options: ParseOptions = {}): Promise<PlanDocument> {
  return parseWith(pathOrBytes, options, async (bytes, name, limits) => {
    if (options.isolate === false) return parseHere(bytes, name, limits);
    return (await sandbox()).parseInSandbox(bytes, name, limits);
  });
}

/**
 * For the batch: a document's outputs as the batch stores them, serialised in
 * the child process that parsed it, so that the batch process never holds the
 * document itself (nor spends its one thread turning it into text).
 */
export async function parseToOutputs(bytes: Uint8Array, options: { name: string; limits?: Partial<Limits>; sha256?: string }): Promise<StoredDocument> {
  return parseWith(bytes, options, async (input, name, limits) => (await sandbox()).parseInSandboxToOutputs(input, name, limits, options.sha256));
}

async function parseHere(bytes: Uint8Array, name: string, limits: Limits): Promise<PlanDocument> {
  // pdf.js, loaded by the application since, may have put its polyfills back in this realm.
  restoreEngineBuiltins();
  const { parseInProcess } = await pipeline();
  return parseInProcess(bytes, name, limits);
}

/** Reads and checks the input, then parses its bytes as `parseBytes` does; every failure of the input becomes a KehoachError naming it. */
async function parseWith<T>(pathOrBytes: string | Uint8Array, options: ParseOptions, parseBytes: (bytes: Uint8Array, name: string, limits: Limits) => Promise<T>): Promise<T> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const name = options.name ?? (typeof pathOrBytes === 'string' ? basename(pathOrBytes) : 'input');
  try {
    let bytes: Uint8Array;
    if (typeof pathOrBytes === 'string') {
      const info = await stat(pathOrBytes).catch((error: unknown) => {
        throw fileReadError(error);
      });
      if (!info.isFile()) throw new KehoachError(info.isDirectory() ? 'FILE_NOT_FOUND' : 'UNREADABLE_INPUT', info.isDirectory() ? reason('isFolder') : reason('notRegularFile', { kind: 'a FIFO, socket or device' }));
      checkSize(info.size, limits);
      bytes = await readFile(pathOrBytes).catch((error: unknown) => {
        throw fileReadError(error);
      });
      // The file may have grown since it was measured.
      checkSize(bytes.byteLength, limits);
    } else {
      bytes = pathOrBytes;
      checkSize(bytes.byteLength, limits);
    }
    if (bytes.byteLength === 0) throw new KehoachError('EMPTY_INPUT', reason('emptyFile'));
    return await parseBytes(bytes, name, limits);
  } catch (error) {
    // An unbuilt child is a fault of the installation, not of this input: said as it is, not as CORRUPT_INPUT.
    if ((error as Error | null)?.name === 'SandboxNotBuiltError') throw error;
    if (isKehoachError(error)) throw error.withFile(name);
    throw new KehoachError('CORRUPT_INPUT', reason('unreadable'), { file: name, ...libraryCause(error) });
  }
}
