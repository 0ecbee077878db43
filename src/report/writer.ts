import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { outputError } from '../batch/fs-errors.js';
import { jsonForScript } from '../view/html.js';
import { REPORT_COLUMNS, REPORT_TABLES, type ReportTable } from './columns.js';
import { reportPage, type ReportTotals } from './page.js';
import { COMPARATORS, DEADLINE_KINDS, DIRECTIONS, RECURRENCES, ROLES, STATUSES, planRows, type AgencyRole, type ReportEntry } from './rows.js';

/**
 * Writes `report.html` for a whole archive, one input at a time.
 *
 * Memory stays flat in the number of plans: `add` turns a document into the
 * few rows the report shows (rows.ts) and appends them, already encoded
 * (columns.ts), to temporary files in the output folder, one per table and
 * two for the longer strings; only the dictionaries of short repeated strings
 * (agencies, section paths, deadline phrases, units, issuers, error codes) and
 * the totals are held. `close` writes the page around those files, streaming
 * them through gzip into it, and renames it into place.
 */

export interface ReportWriterOptions {
  /** The page's title (default "Báo cáo lô kế hoạch"). */
  title?: string;
  /** Shown in the header as when the report was made; null to leave it out (default: now). */
  generatedAt?: Date | null;
  /** The file written in the output folder (default `report.html`). */
  fileName?: string;
}

export interface ReportSummary {
  /** The page written. */
  path: string;
  bytes: number;
  totals: ReportTotals;
}

export interface ReportWriter {
  /** One input of the batch, in the order the file table should list them. Synchronous; throws OUTPUT_NOT_WRITABLE or NO_SPACE. */
  add(entry: ReportEntry): void;
  /** Writes the page and removes the temporary files. */
  close(): Promise<ReportSummary>;
  /** Removes the temporary files without writing the page (the batch failed). */
  abort(): Promise<void>;
}

export const REPORT_FILE = 'report.html';
/** Bytes of encoded rows buffered per temporary file before they are written. */
const FLUSH_AT = 1 << 18;
const DAY_MS = 86_400_000;
/**
 * Strings up to this length go through the dictionary: deadline phrases
 * ("hằng quý", "trước ngày 30/6/2025"), units, section paths, codes and
 * issuers repeat across an archive; longer ones rarely do.
 */
const SHORT_STRING = 32;
/**
 * At most this many strings in the dictionary: past it, a short string not
 * already there is written with the longer ones, so the writer's memory stays
 * bounded even in an archive whose short strings never repeat.
 */
const MAX_NAMES = 50_000;

/** Days since 1970-01-01 of an ISO date, -1 for none. */
export function dayNumber(iso: string | null): number {
  if (iso === null) return -1;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.round(ms / DAY_MS) : -1;
}

/** A temporary file in `--out` named as the batch names its own (`<name>.<pid>.<random>.tmp`), so a killed run's are swept up. */
function temporaryPath(dir: string, name: string): string {
  return join(dir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** An append-only temporary file of comma-separated JSON values, written in large pieces. */
class Spool {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Values written so far. */
  count = 0;
  private closed = false;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (error) {
      throw outputError(error, path);
    }
  }

  push(value: string): number {
    this.pending.push(this.count === 0 ? value : `,${value}`);
    this.pendingLength += value.length + 1;
    if (this.pendingLength >= FLUSH_AT) this.flush();
    return this.count++;
  }

  flush(): void {
    if (!this.pending.length) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    try {
      writeSync(this.fd, chunk);
    } catch (error) {
      throw outputError(error, this.path);
    }
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }

  /** Closes and removes the file, whatever happened to it. */
  discard(): void {
    if (!this.closed) {
      this.closed = true;
      try {
        closeSync(this.fd);
      } catch {
        // Closed already by a failed write: nothing to release.
      }
    }
    rmSync(this.path, { force: true });
  }
}

/** Strings that repeat, each kept once, by index; at most MAX_NAMES of them. */
class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** The string's index, or -1 when it is not held and the dictionary is full. */
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      if (this.values.length >= MAX_NAMES) return -1;
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

const capitalised = (name: string): boolean => name[0] !== undefined && name[0] === name[0].toUpperCase() && name[0] !== name[0].toLowerCase();

/** Agencies by key, under the first spelling seen, or the first capitalised one ("Các sở" over "các sở", as the plan view's matrix). */
class Agencies {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  of(agency: AgencyRole): number {
    let i = this.index.get(agency.key);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(agency.name);
      this.index.set(agency.key, i);
    } else if (!capitalised(this.names[i]!) && capitalised(agency.name)) this.names[i] = agency.name;
    return i;
  }
}

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

/**
 * The data as the page carries it: gzip, then base64 (which holds no `<`, so
 * it cannot close its element). The JSON of 5,000 plans is tens of megabytes
 * of text a browser reads slowly from a file; compressed it is a few, and the
 * page inflates it with DecompressionStream.
 */
async function* base64(source: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const gzip = createGzip({ level: 6 });
  const compressing = pipeline(Readable.from(source), gzip);
  let carry: Buffer = Buffer.alloc(0);
  let finished = false;
  try {
    for await (const chunk of gzip as AsyncIterable<Buffer>) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      // Whole groups of three bytes only: base64 of the pieces joined is the base64 of the whole.
      const cut = bytes.length - (bytes.length % 3);
      yield bytes.subarray(0, cut).toString('base64');
      carry = bytes.subarray(cut);
    }
    yield carry.toString('base64');
    finished = true;
  } finally {
    // Left early (the file could not be written): stop compressing; that error is the one to report.
    if (!finished) gzip.destroy();
    await compressing.catch((error: unknown) => {
      if (finished) throw error;
    });
  }
}

class ArchiveReportWriter implements ReportWriter {
  /** The longer strings of the file table, the page's first part. */
  private readonly planTexts: Spool;
  /** The longer strings of the other tables. */
  private readonly texts: Spool;
  private readonly tables = new Map<ReportTable, Spool>();
  private readonly names = new Dictionary();
  /** The current plan's longer strings: written once each. */
  private readonly seenTexts = new Map<string, number>();
  private readonly agencies = new Agencies();
  private readonly totals: ReportTotals = {
    files: 0,
    statuses: { ok: 0, error: 0, skipped: 0 },
    duplicates: 0,
    pages: 0,
    errorCodes: {},
    entities: { sections: 0, targets: 0, deadlines: 0, legalReferences: 0, assignments: 0, tasks: 0, warnings: 0 },
  };
  private state: 'open' | 'closing' | 'done' = 'open';

  constructor(
    private readonly outDir: string,
    private readonly options: ReportWriterOptions,
  ) {
    const spools: Spool[] = [];
    try {
      this.planTexts = new Spool(temporaryPath(outDir, 'report-plan-texts'));
      spools.push(this.planTexts);
      this.texts = new Spool(temporaryPath(outDir, 'report-texts'));
      spools.push(this.texts);
      for (const table of REPORT_TABLES) {
        const spool = new Spool(temporaryPath(outDir, `report-${table}`));
        spools.push(spool);
        this.tables.set(table, spool);
      }
    } catch (error) {
      for (const spool of spools) spool.discard();
      throw error;
    }
  }

  /**
   * A string's reference (see columns.ts): a short one through the dictionary,
   * a longer one written to the texts once per plan (a task's text is both its
   * matrix row's label and the work due by its deadline).
   */
  private str(value: string | null): number {
    if (value === null) return -1;
    const name = value.length <= SHORT_STRING ? this.names.of(value) : -1;
    if (name >= 0) return -2 - name;
    let i = this.seenTexts.get(value);
    if (i === undefined) {
      i = this.texts.push(jsonForScript(value));
      this.seenTexts.set(value, i);
    }
    return i;
  }

  /** The same for the file table, whose longer strings are its own (`planTexts`). */
  private planStr(value: string | null): number {
    if (value === null) return -1;
    const name = value.length <= SHORT_STRING ? this.names.of(value) : -1;
    return name >= 0 ? -2 - name : this.planTexts.push(jsonForScript(value));
  }

  /** Appends a row to its table; returns the row's index (the plan's, for the rows that point back to it). */
  private row(table: ReportTable, values: number[]): number {
    return this.tables.get(table)!.push(values.join(','));
  }

  add(entry: ReportEntry): void {
    if (this.state !== 'open') throw new Error('report writer: add() after close()');
    const rows = planRows(entry);
    this.seenTexts.clear();
    const p = rows.plan;
    const t = this.totals;
    t.files++;
    t.statuses[p.status]++;
    if (p.duplicateOf) t.duplicates++;
    if (p.code) t.errorCodes[p.code] = (t.errorCodes[p.code] ?? 0) + 1;
    if (p.counts && !p.duplicateOf) {
      t.pages += p.pages ?? 0;
      for (const key of Object.keys(t.entities) as (keyof typeof t.entities)[]) t.entities[key] += p.counts[key];
    }
    const c = p.counts;
    const plan = this.row('plans', [
      this.planStr(p.file),
      this.planStr(p.sha256),
      STATUSES.indexOf(p.status),
      this.planStr(p.code),
      this.planStr(p.message),
      this.planStr(p.duplicateOf),
      this.planStr(p.number),
      this.planStr(p.title),
      this.planStr(p.issuer),
      dayNumber(p.issuedDate),
      p.pages ?? -1,
      c?.sections ?? -1,
      c?.targets ?? -1,
      c?.deadlines ?? -1,
      c?.legalReferences ?? -1,
      c?.assignments ?? -1,
      c?.tasks ?? -1,
      c?.warnings ?? -1,
      dayNumber(p.span?.start ?? null),
      dayNumber(p.span?.end ?? null),
    ]);
    for (const d of rows.deadlines) {
      this.row('deadlines', [
        plan,
        this.str(d.section),
        this.str(d.text),
        this.str(d.work),
        DEADLINE_KINDS.indexOf(d.kind),
        dayNumber(d.due),
        dayNumber(d.start),
        dayNumber(d.end),
        d.recurrence.reduce((bits, r) => bits | (1 << RECURRENCES.indexOf(r)), 0),
        d.page ?? -1,
        d.agencies.length,
      ]);
      for (const a of d.agencies) this.row('deadlineAgencies', [this.agencies.of(a), ROLES.indexOf(a.role)]);
    }
    for (const g of rows.targets) {
      this.row('targets', [
        plan,
        this.str(g.section),
        ...this.indicator(g.indicator, g.text),
        DIRECTIONS.indexOf(g.direction),
        COMPARATORS.indexOf(g.comparator),
        this.str(g.unit),
        finite(g.value),
        finite(g.valueMax ?? g.value),
        g.page ?? -1,
      ]);
    }
    for (const r of rows.responsibilities) {
      this.row('responsibilities', [plan, this.str(r.label), this.str(r.section), r.page ?? -1, r.task ? 1 : 0, r.agencies.length]);
      for (const a of r.agencies) this.row('responsibilityAgencies', [this.agencies.of(a), ROLES.indexOf(a.role)]);
    }
  }

  /** A target's indicator: where it lies in the target's text, else a string of its own. */
  private indicator(indicator: string, text: string | null): [number, number, number, number] {
    const at = text === null ? -1 : text.indexOf(indicator);
    if (text !== null && at >= 0) return [-1, this.str(text), at, indicator.length];
    return [this.str(indicator), this.str(text), -1, 0];
  }

  private spools(): Spool[] {
    return [this.planTexts, this.texts, ...this.tables.values()];
  }

  private async removeSpools(): Promise<void> {
    await Promise.all(this.spools().map((s) => rm(s.path, { force: true }).catch(() => undefined)));
  }

  async close(): Promise<ReportSummary> {
    if (this.state !== 'open') throw new Error('report writer: close() called twice');
    this.state = 'closing';
    const path = join(this.outDir, this.options.fileName ?? REPORT_FILE);
    const temporary = temporaryPath(this.outDir, this.options.fileName ?? REPORT_FILE);
    try {
      for (const spool of this.spools()) spool.close();
      const { head, tail } = reportPage({
        title: this.options.title ?? 'Báo cáo lô kế hoạch',
        generatedAt: this.options.generatedAt === undefined ? new Date() : this.options.generatedAt,
        totals: this.totals,
      });
      const fixed = {
        version: 1,
        columns: REPORT_COLUMNS,
        roles: ROLES,
        statuses: STATUSES,
        kinds: DEADLINE_KINDS,
        recurrences: RECURRENCES,
        directions: DIRECTIONS,
        comparators: COMPARATORS,
        names: this.names.values,
        agencies: this.agencies.names,
      };
      const spooled = (name: string, spool: Spool): AsyncGenerator<string | Buffer> =>
        (async function* () {
          yield `${JSON.stringify(name)}:[`;
          yield* createReadStream(spool.path);
          yield ']';
        })();
      const planTexts = this.planTexts;
      const texts = this.texts;
      const tables = [...this.tables].filter(([table]) => table !== 'plans');
      const plans = this.tables.get('plans')!;
      // The first part: what the file table needs, ready as soon as the page opens.
      async function* first(): AsyncGenerator<string | Buffer> {
        // The fixed part's closing brace is dropped, the streamed arrays follow.
        yield jsonForScript(fixed).slice(0, -1);
        yield ',';
        yield* spooled('planTexts', planTexts);
        yield ',';
        yield* spooled('plans', plans);
        yield '}';
      }
      // The second part: the entities of every plan, for the calendar, the matrix and the targets.
      async function* second(): AsyncGenerator<string | Buffer> {
        yield '{';
        yield* spooled('texts', texts);
        for (const [table, spool] of tables) {
          yield ',';
          yield* spooled(table, spool);
        }
        yield '}';
      }
      async function* pieces(): AsyncGenerator<string | Buffer> {
        yield head;
        yield* base64(first());
        yield '\n';
        yield* base64(second());
        yield tail;
      }
      await pipeline(Readable.from(pieces()), createWriteStream(temporary));
      await rename(temporary, path);
      const { size } = await stat(path);
      this.state = 'done';
      return { path, bytes: size, totals: this.totals };
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw outputError(error, path);
    } finally {
      await this.removeSpools();
    }
  }

  async abort(): Promise<void> {
    if (this.state === 'done') return;
    this.state = 'done';
    for (const spool of this.spools()) spool.discard();
  }
}

/**
 * A writer of `<outDir>/report.html`: call `add` for each input of the batch,
 * then `close`. The folder must exist; temporary files are written in it.
 */
export function createReportWriter(outDir: string, options: ReportWriterOptions = {}): ReportWriter {
  return new ArchiveReportWriter(outDir, options);
}
