import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { KehoachError, isKehoachError } from './errors.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import type { PlanDocument } from './schema/document.js';

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
   * Parse in a worker thread that is ended when the document runs over its
   * time or memory (default). `false` parses on the calling thread: faster
   * to start, but the timeout then only rejects the promise and memory is
   * not watched.
   */
  isolate?: boolean;
}

function checkSize(size: number, limits: Limits): void {
  if (size > limits.maxInputBytes) {
    throw new KehoachError('LIMIT_EXCEEDED', `input is ${size} bytes, over the maxInputBytes limit of ${limits.maxInputBytes}`, { details: { limit: 'maxInputBytes', value: size } });
  }
}

/** Parses a plan from a file path or its bytes (PDF, DOCX or text, sniffed from the bytes). */
export async function parse(pathOrBytes: string | Uint8Array, options: ParseOptions = {}): Promise<PlanDocument> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const name = options.name ?? (typeof pathOrBytes === 'string' ? basename(pathOrBytes) : 'input');
  try {
    let bytes: Uint8Array;
    if (typeof pathOrBytes === 'string') {
      const info = await stat(pathOrBytes).catch((error: NodeJS.ErrnoException) => {
        throw new KehoachError('FILE_NOT_FOUND', error.code === 'ENOENT' ? 'no such file' : `cannot read the file (${error.code})`, { cause: error });
      });
      if (!info.isFile()) throw new KehoachError('FILE_NOT_FOUND', 'not a regular file');
      checkSize(info.size, limits);
      bytes = await readFile(pathOrBytes);
    } else {
      bytes = pathOrBytes;
      checkSize(bytes.byteLength, limits);
    }
    if (bytes.byteLength === 0) throw new KehoachError('EMPTY_INPUT', 'the file is empty');
    if (options.isolate === false) {
      const { parseInProcess } = await import('./pipeline.js');
      return await parseInProcess(bytes, name, limits);
    }
    const { parseInSandbox } = await import('./sandbox/run.js');
    return await parseInSandbox(bytes, name, limits);
  } catch (error) {
    if (isKehoachError(error)) throw error.withFile(name);
    throw new KehoachError('CORRUPT_INPUT', `could not be read: ${(error as Error).message}`, { file: name, cause: error });
  }
}
