import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { KehoachError, isKehoachError } from './errors.js';
import { assemble } from './assemble/assemble.js';
import { extract } from './extract/index.js';
import { ingestText } from './ingest/text.js';
import { sniffFormat } from './ingest/sniff.js';
import { layout } from './layout/index.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { normalise } from './normalise/normalise.js';
import type { PlanDocument } from './schema/document.js';
import { structure } from './structure/index.js';
import type { IngestedDocument } from './tree.js';

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

async function ingest(bytes: Uint8Array, name: string, limits: Limits): Promise<IngestedDocument> {
  const format = sniffFormat(bytes, name);
  if (format === 'pdf') {
    const { ingestPdf } = await import('./ingest/pdf.js');
    return ingestPdf(bytes, limits);
  }
  if (format === 'doc') {
    const { ingestDoc } = await import('./ingest/doc.js');
    return ingestDoc(bytes, limits);
  }
  if (format === 'docx') {
    const { ingestDocx } = await import('./ingest/docx.js');
    return ingestDocx(bytes, limits);
  }
  return ingestText(bytes);
}

/** The stages after reading, in order: each takes the value the one before it gives. */
function run(ingested: IngestedDocument, name: string, bytes: Uint8Array): PlanDocument {
  const normalised = normalise(ingested);
  const tree = layout(normalised);
  const structured = structure(tree);
  const entities = extract(structured);
  return assemble({ name, bytes, document: structured, entities });
}

function checkSize(size: number, limits: Limits): void {
  if (size > limits.maxInputBytes) {
    throw new KehoachError('LIMIT_EXCEEDED', `input is ${size} bytes, over the maxInputBytes limit of ${limits.maxInputBytes}`, { details: { limit: 'maxInputBytes', value: size } });
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KehoachError('TIMEOUT', `parsing took longer than ${ms} ms`, { details: { limit: 'timeoutMs', value: ms } })), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
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
    if (options.isolate === false) return await parseInProcess(bytes, name, limits);
    const { parseInSandbox } = await import('./sandbox/run.js');
    return await parseInSandbox(bytes, name, limits);
  } catch (error) {
    if (isKehoachError(error)) throw error.withFile(name);
    throw new KehoachError('CORRUPT_INPUT', `could not be read: ${(error as Error).message}`, { file: name, cause: error });
  }
}

/** Parses bytes on this thread: what the sandbox's worker and the batch's workers run. */
export async function parseInProcess(bytes: Uint8Array, name: string, limits: Limits): Promise<PlanDocument> {
  try {
    const work = (async () => run(await ingest(bytes, name, limits), name, bytes))();
    return await withTimeout(work, limits.timeoutMs);
  } catch (error) {
    if (isKehoachError(error)) throw error.withFile(name);
    throw new KehoachError('CORRUPT_INPUT', `could not be read: ${(error as Error).message}`, { file: name, cause: error });
  }
}

/** Parses a plan given as text (what a PDF or DOCX text extractor returned). */
export function parseText(text: string, options: Omit<ParseOptions, 'limits'> = {}): PlanDocument {
  const name = options.name ?? 'input.txt';
  const bytes = new TextEncoder().encode(text);
  try {
    if (text.trim() === '') throw new KehoachError('EMPTY_INPUT', 'the text is empty');
    return run(ingestText(bytes), name, bytes);
  } catch (error) {
    if (isKehoachError(error)) throw error.withFile(name);
    throw error;
  }
}
