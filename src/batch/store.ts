import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { CSV_TABLES, csvHeader, DEFAULT_CSV_ENCODING, type CsvEncoding, type CsvTable } from './exports.js';
import { outputError } from './fs-errors.js';
import { partsDirectory } from './parts.js';

/**
 * The batch outputs, grown in input order as documents finish, and the
 * journal that makes them resumable.
 *
 * Each output file is only ever appended to. After the outputs of one or more
 * inputs have been written, one line per input is appended to the journal
 * (`parts/journal.jsonl`): the input's manifest entry and the size of every
 * output file once it was written. A line is written only after the bytes it
 * counts, so whatever moment a batch is killed at, the last whole line of the
 * journal describes a prefix of the outputs that is complete; bytes past it
 * are cut off by the next run.
 *
 * A re-run reads the journal in step with its own inputs. As long as each
 * input gives the same entry as the journal's line (same name, content and
 * outcome), the outputs already hold its results: nothing is read, parsed or
 * written. At the first input that differs (a file added, renamed or changed,
 * a failure to retry) the journal and every output are cut back to the sizes
 * of the last line that matched, and the run appends from there, exactly as
 * an uninterrupted run would have. A journal made under another parser
 * fingerprint or CSV encoding (with or without the byte order mark), or
 * outputs shorter than it says (a file deleted), start the outputs afresh;
 * stored parts still spare the parsing (they hold rows, never headers).
 */

const TABLES = Object.keys(CSV_TABLES) as CsvTable[];

/** The output files, in the order of the sizes in each journal line. */
export const OUTPUT_FILES: readonly string[] = ['documents.jsonl', ...TABLES.map((table) => `${table}.csv`), 'errors.jsonl'];
export const DOCUMENTS_FILE = 0;
export const ERRORS_FILE = OUTPUT_FILES.length - 1;
/** What each output file starts with: the CSV header rows. */
const headersOf = (encoding: CsvEncoding): readonly string[] => ['', ...TABLES.map((table) => csvHeader(table, encoding)), ''];

const JOURNAL_FORMAT = 1;

export function journalPath(out: string): string {
  return join(partsDirectory(out), 'journal.jsonl');
}

/** One input, as the journal records it. */
export interface JournalLine {
  /** The input's manifest entry as JSON, without `resumed` (which belongs to one run). */
  entry: string;
  /** Pages of the input's document, for progress and counts; null when it has none. */
  pages: number | null;
  /** Size of each output file (in the order of OUTPUT_FILES) once this input's outputs were written. */
  sizes: number[];
  /** Offset in the journal just after this line. */
  end: number;
}

/** What one input adds: its journal line's entry and pages, and its bytes for each output file (by index in OUTPUT_FILES). */
export interface Commit {
  entry: string;
  pages: number | null;
  chunks: ReadonlyMap<number, string | Uint8Array>;
}

const ENTRY_KEY = ',"entry":';
const journalLine = (sizes: readonly number[], pages: number | null, entry: string): string => `{"sizes":${JSON.stringify(sizes)},"pages":${pages === null ? 'null' : pages}${ENTRY_KEY}${entry}}\n`;

const isSizes = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length === OUTPUT_FILES.length && value.every((n) => Number.isSafeInteger(n) && (n as number) >= 0);

/** A journal line's fields, or null when it is not one (damaged). */
function parseLine(text: string, end: number): JournalLine | null {
  try {
    const value = JSON.parse(text) as { sizes?: unknown; pages?: unknown; entry?: unknown };
    const at = text.indexOf(ENTRY_KEY);
    if (!isSizes(value.sizes) || at < 0 || typeof value.entry !== 'object' || value.entry === null) return null;
    const pages = typeof value.pages === 'number' ? value.pages : null;
    return { entry: text.slice(at + ENTRY_KEY.length, -1), pages, sizes: value.sizes, end };
  } catch {
    return null;
  }
}

interface JournalHeader {
  journal: number;
  fingerprint: string;
  /** Whether the CSV headers start with the UTF-8 byte order mark. */
  bom: boolean;
  outputs: string[];
  sizes: number[];
}

function parseHeader(text: string): JournalHeader | null {
  try {
    const value = JSON.parse(text) as Partial<JournalHeader>;
    const sameOutputs = Array.isArray(value.outputs) && value.outputs.join('\n') === OUTPUT_FILES.join('\n');
    if (value.journal !== JOURNAL_FORMAT || typeof value.fingerprint !== 'string' || !sameOutputs || !isSizes(value.sizes)) return null;
    // Journals written before the field existed had CSV files without the mark.
    return { ...(value as JournalHeader), bom: value.bom === true };
  } catch {
    return null;
  }
}

const CHUNK = 1 << 20;

/** Whole lines of a file from an offset on, with the offset after each; a last line without its newline is not whole. */
class LineReader {
  private pending = Buffer.alloc(0);
  private position: number;
  private eof = false;

  constructor(
    private readonly handle: FileHandle,
    private lineStart: number,
  ) {
    this.position = lineStart;
  }

  async next(): Promise<{ text: string; end: number } | null> {
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline >= 0) {
        const text = this.pending.toString('utf8', 0, newline);
        this.pending = this.pending.subarray(newline + 1);
        this.lineStart += newline + 1;
        return { text, end: this.lineStart };
      }
      if (this.eof) return null;
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await this.handle.read(buffer, 0, CHUNK, this.position);
      if (bytesRead === 0) this.eof = true;
      this.position += bytesRead;
      this.pending = this.pending.byteLength > 0 ? Buffer.concat([this.pending, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
    }
  }
}

/** The last whole line of a file (read from its end), or null when it has none. */
async function lastLine(handle: FileHandle, size: number): Promise<{ text: string; end: number } | null> {
  let tail = Buffer.alloc(0);
  let from = size;
  let end = -1;
  while (from > 0) {
    const length = Math.min(CHUNK, from);
    from -= length;
    const buffer = Buffer.allocUnsafe(length);
    await handle.read(buffer, 0, length, from);
    tail = Buffer.concat([buffer, tail]);
    if (end < 0) {
      const last = tail.lastIndexOf(0x0a);
      if (last < 0) continue;
      end = from + last + 1;
    }
    // The newline before the last line's own (a negative offset would search from the end).
    const start = end - from - 2 >= 0 ? tail.lastIndexOf(0x0a, end - from - 2) : -1;
    if (start >= 0 || from === 0) return { text: tail.toString('utf8', start + 1, end - from - 1), end };
  }
  return null;
}

export class OutputStore {
  /** Committed size of each output file: up to the last journal line kept or written. */
  private sizes: number[];
  private journalEnd: number;
  /** The earlier run's journal, read in step with the inputs while they match it; null once appending. */
  private reader: LineReader | null;

  private constructor(
    private readonly out: string,
    private readonly files: FileHandle[],
    private readonly journal: FileHandle,
    private readonly encoding: CsvEncoding,
    start: { sizes: number[]; journalEnd: number; reader: LineReader | null },
  ) {
    this.sizes = start.sizes;
    this.journalEnd = start.journalEnd;
    this.reader = start.reader;
  }

  private path(index: number): string {
    return join(this.out, OUTPUT_FILES[index]!);
  }

  /**
   * Opens the outputs of `out` (creating them) and its journal. With `fresh`,
   * or when the journal is missing, of another fingerprint or CSV encoding,
   * or longer than the outputs it describes, the outputs are started afresh.
   */
  static async open(out: string, fingerprint: string, options: { fresh: boolean; csv?: CsvEncoding }): Promise<OutputStore> {
    const encoding = options.csv ?? DEFAULT_CSV_ENCODING;
    const handles: FileHandle[] = [];
    const opened = async (path: string, flags: string): Promise<FileHandle> => {
      try {
        const handle = await open(path, flags);
        handles.push(handle);
        return handle;
      } catch (error) {
        throw outputError(error, path);
      }
    };
    try {
      const files: FileHandle[] = [];
      for (const name of OUTPUT_FILES) files.push(await opened(join(out, name), 'a'));
      const journal = await opened(journalPath(out), 'a+');
      const resumable = options.fresh ? null : await OutputStore.resumable(files, journal, fingerprint, encoding);
      const store = new OutputStore(out, files, journal, encoding, resumable ?? { sizes: [], journalEnd: 0, reader: null });
      if (!resumable) await store.reset(fingerprint);
      return store;
    } catch (error) {
      await Promise.all(handles.map((handle) => handle.close().catch(() => undefined)));
      throw error;
    }
  }

  /** Where an earlier run's outputs can be kept from: its journal's header, when that journal stands for these outputs. */
  private static async resumable(files: FileHandle[], journal: FileHandle, fingerprint: string, encoding: CsvEncoding): Promise<{ sizes: number[]; journalEnd: number; reader: LineReader } | null> {
    const reader = new LineReader(journal, 0);
    const first = await reader.next();
    const header = first ? parseHeader(first.text) : null;
    // Outputs whose CSV headers differ from this run's must be remade, or a resume would not end as a fresh run does.
    if (!first || !header || header.fingerprint !== fingerprint || header.bom !== encoding.bom) return null;
    const last = await lastLine(journal, (await journal.stat()).size);
    const committed = last && last.end > first.end ? parseLine(last.text, last.end)?.sizes : header.sizes;
    if (!committed) return null;
    const actual = await Promise.all(files.map(async (handle) => (await handle.stat()).size));
    // An output shorter than the journal says was cut or replaced: its prefix cannot be trusted.
    if (actual.some((size, i) => size < committed[i]!)) return null;
    return { sizes: header.sizes, journalEnd: first.end, reader };
  }

  /** Empties every output and the journal, then writes the CSV headers and the journal's header. */
  private async reset(fingerprint: string): Promise<void> {
    this.reader = null;
    await this.guard(-1, () => this.journal.truncate(0));
    this.sizes = [];
    const headers = headersOf(this.encoding);
    for (const [index, handle] of this.files.entries()) {
      const header = Buffer.from(headers[index]!);
      await this.guard(index, async () => {
        await handle.truncate(0);
        if (header.byteLength > 0) await handle.appendFile(header);
      });
      this.sizes.push(header.byteLength);
    }
    const line = JSON.stringify({ journal: JOURNAL_FORMAT, fingerprint, bom: this.encoding.bom, outputs: [...OUTPUT_FILES], sizes: this.sizes } satisfies JournalHeader) + '\n';
    await this.guard(-1, () => this.journal.appendFile(line));
    this.journalEnd = Buffer.byteLength(line);
  }

  private async guard<T>(index: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw outputError(error, index < 0 ? journalPath(this.out) : this.path(index));
    }
  }

  /** Whether the outputs are still those of the earlier run, being matched input by input. */
  get keeping(): boolean {
    return this.reader !== null;
  }

  /** The earlier run's next journal line, or null when there is none (or it is damaged: nothing after it is kept). */
  async nextKept(): Promise<JournalLine | null> {
    const line = await this.reader?.next();
    return line ? parseLine(line.text, line.end) : null;
  }

  /** The input matched `line` (the last one `nextKept` gave): its outputs stay as they are. */
  keep(line: JournalLine): void {
    this.sizes = line.sizes;
    this.journalEnd = line.end;
  }

  /** Stops keeping: cuts the journal and the outputs back to what was kept, so that appending goes on from there. */
  async stopKeeping(): Promise<void> {
    if (!this.reader) return;
    this.reader = null;
    await this.cutBack();
  }

  private async cutBack(): Promise<void> {
    await this.guard(-1, async () => {
      if ((await this.journal.stat()).size !== this.journalEnd) await this.journal.truncate(this.journalEnd);
    });
    await Promise.all(
      this.files.map((handle, index) =>
        this.guard(index, async () => {
          if ((await handle.stat()).size !== this.sizes[index]) await handle.truncate(this.sizes[index]);
        }),
      ),
    );
  }

  /** Appends the outputs of consecutive inputs, then their journal lines. */
  async append(commits: readonly Commit[]): Promise<void> {
    if (commits.length === 0) return;
    await this.stopKeeping();
    const sizes = [...this.sizes];
    const pieces = this.files.map((): Buffer[] => []);
    let lines = '';
    for (const commit of commits) {
      for (const [index, chunk] of commit.chunks) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (bytes.byteLength === 0) continue;
        pieces[index]!.push(bytes);
        sizes[index]! += bytes.byteLength;
      }
      lines += journalLine(sizes, commit.pages, commit.entry);
    }
    await Promise.all(pieces.map((chunks, index) => (chunks.length > 0 ? this.guard(index, () => this.files[index]!.appendFile(Buffer.concat(chunks))) : undefined)));
    const journalBytes = Buffer.from(lines);
    await this.guard(-1, () => this.journal.appendFile(journalBytes));
    this.sizes = sizes;
    this.journalEnd += journalBytes.byteLength;
  }

  /** Ends a run that went through every input: whatever the journal and the outputs hold past the last input is cut off. */
  async finish(): Promise<void> {
    this.reader = null;
    await this.cutBack();
    await this.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.files, this.journal].map((handle) => handle.close().catch(() => undefined)));
  }
}
