import type { PlanDocument } from '../schema/document.js';

/** A file written from documents fed one at a time, that appears whole at `close()` or not at all. */
export interface DocumentSink {
  add(document: PlanDocument): Promise<void>;
  /** Writes the rest and puts the file in place. */
  close(): Promise<void>;
  /** Gives up: removes what was written so far. */
  abort(): Promise<void>;
}

/** Feeds every document of `documents` (an array, a generator, a stream of parsed plans) to `sink`, then closes it; a failure aborts it. */
export async function drainInto(documents: Iterable<PlanDocument> | AsyncIterable<PlanDocument>, sink: DocumentSink): Promise<void> {
  try {
    for await (const document of documents) await sink.add(document);
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.close();
}
