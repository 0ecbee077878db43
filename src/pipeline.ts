import { KehoachError, isKehoachError, libraryCause } from './errors.js';
import { assemble, type AssembleInput } from './assemble/assemble.js';
import { sha256, sha256OffThread } from './content-hash.js';
import { extract } from './extract/index.js';
import { restoreEngineBuiltins } from './ingest/natives.js';
import { ingestText, ingestTextString } from './ingest/text.js';
import { sniffFormat } from './ingest/sniff.js';
import { layout } from './layout/index.js';
import type { Limits } from './limits.js';
import { normalise } from './normalise/normalise.js';
import type { PlanDocument } from './schema/document.js';
import { structure } from './structure/index.js';
import type { IngestedDocument } from './tree.js';
import { reason } from './messages.js';
import { lazyModule } from './lazy-module.js';

const pdfIngester = lazyModule(() => import('./ingest/pdf.js'));
const docIngester = lazyModule(() => import('./ingest/doc.js'));
const docxIngester = lazyModule(() => import('./ingest/docx.js'));


async function ingest(bytes: Uint8Array, name: string, limits: Limits): Promise<IngestedDocument> {
  const format = sniffFormat(bytes, name);
  if (format === 'pdf') {
    const { ingestPdf } = await pdfIngester();
    return ingestPdf(bytes, limits);
  }
  if (format === 'doc') {
    const { ingestDoc } = await docIngester();
    return ingestDoc(bytes, limits);
  }
  if (format === 'docx') {
    const { ingestDocx } = await docxIngester();
    return ingestDocx(bytes, limits);
  }
  return ingestText(bytes);
}

/** The stages after reading up to assembly, in order: each takes the value the one before it gives. */
function analyse(ingested: IngestedDocument): Pick<AssembleInput, 'document' | 'entities'> {
  const normalised = normalise(ingested);
  const tree = layout(normalised);
  const structured = structure(tree);
  return { document: structured, entities: extract(structured) };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KehoachError('TIMEOUT', reason('timedOut', { ms }), { details: { limit: 'timeoutMs', value: ms } })), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Parses bytes on this thread: what the sandbox's worker and the batch's workers run. `sha256`: the bytes' hash, where the caller has it. */
export async function parseInProcess(bytes: Uint8Array, name: string, limits: Limits, sha256?: string): Promise<PlanDocument> {
  try {
    // Unless the caller has it, the hash is computed on the thread pool while this thread reads and analyses the
    // document. Web Crypto copies the bytes first. A document that fails leaves the hash unread: its failure is not
    // the document's error.
    const hash = sha256 === undefined ? sha256OffThread(bytes) : sha256;
    if (typeof hash !== 'string') hash.catch(() => undefined);
    const work = (async () => {
      const analysed = analyse(await ingest(bytes, name, limits));
      return assemble({ name, sha256: await hash, ...analysed });
    })();
    return await withTimeout(work, limits.timeoutMs);
  } catch (error) {
    if (isKehoachError(error)) throw error.withFile(name);
    throw new KehoachError('CORRUPT_INPUT', reason('unreadable'), { file: name, ...libraryCause(error) });
  }
}

/** Parses a plan given as text (what a PDF or DOCX text extractor returned). */
export function parseText(text: string, options: { name?: string } = {}): PlanDocument {
  // An application that loaded pdf.js has core-js's slow push and JSON in place; the text path runs on the engine's.
  restoreEngineBuiltins();
  const name = options.name ?? 'input.txt';
  try {
    if (text.trim() === '') throw new KehoachError('EMPTY_INPUT', reason('emptyText'));
    return assemble({ name, sha256: sha256(text), ...analyse(ingestTextString(text)) });
  } catch (error) {
    if (isKehoachError(error)) throw error.withFile(name);
    throw error;
  }
}
