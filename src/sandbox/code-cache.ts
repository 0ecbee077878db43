import { accessSync, constants, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/**
 * The sandbox's child runs its code as scripts (scripts/bundle-sandbox.mjs)
 * so that V8 can skip compiling them: the code V8 compiled for a script is
 * kept in a cache directory after a document, and handed back to V8 when the
 * next process compiles the same script. Node 20 keeps no such cache for
 * modules, and compiling the stages and pdf.js cost more than parsing a
 * one-page plan.
 *
 * A cache file holds the code of one script for one node binary and one set
 * of V8 flags: its name carries a checksum of the script's source and a hash
 * of the runtime, so a rebuilt script or another node never meets it. V8
 * checks its version, flags and the source's length itself and rejects what
 * does not fit; release builds of V8 do not checksum the code, so a checksum
 * of our own is checked first. A file written is complete or absent (written
 * beside, then renamed). A missing, damaged or rejected cache only means the
 * script is compiled as usual, and its code stored anew after the document;
 * a directory that cannot be written is left alone, silently.
 */

const MAGIC = 'kehoach v8 code cache 1\n';
const FILE_SUFFIX = '.v8cache';
/** How many processes add to a script's cache what documents of one kind ran (see ScriptCache.save). */
const PROCESSES_STORING_EACH_KIND = 3;

/**
 * Where the cache is kept: $KEHOACH_CACHE_DIR (empty: no cache), else
 * kehoach/ in $XDG_CACHE_HOME, else in ~/.cache; null where there is no home.
 */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.KEHOACH_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' ? null : resolve(chosen);
  // The XDG specification has a relative path there ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'kehoach');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'kehoach') : null;
  } catch {
    return null;
  }
}

/** What became of a script's cache when it was compiled. */
export type CacheUse = 'off' | 'missing' | 'damaged' | 'rejected' | 'accepted';

/** For each kind of document (`save`'s argument), how many processes have added the code they ran for one. */
type StoredAfter = Record<string, number>;

interface Stored {
  storedAfter: StoredAfter;
  /** V8's code for the script. */
  data: Buffer;
}

interface Loaded {
  script: Script;
  /** The script's file name without .js, and a checksum of its source: what the cache file's name starts with. */
  name: string;
  sourceChecksum: string;
  /** Null where there is no cache directory. */
  file: string | null;
  use: CacheUse;
  /** As the cache file said when it was read, then with this process's stores counted. */
  storedAfter: StoredAfter;
  /** The kinds this process has stored the code after already. */
  storedHere: Set<string>;
  /** The only kinds of documents that run the script; null: every kind. */
  runFor: readonly string[] | null;
}

/**
 * The runtime V8's code depends on: the node binary, and the V8 flags this
 * process was started with, as a CRC-32 and a length (zlib's CRC, loaded
 * anyway; node:crypto would cost the child 5 ms to load). A name for the cache
 * file, not a check: two runtimes that share one would only take turns
 * storing it, as V8 itself rejects code made by another runtime.
 */
function runtimeHash(): string {
  const runtime = Buffer.from([process.version, process.arch, process.versions.v8, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('\n'));
  return `${crc32(runtime).toString(16).padStart(8, '0')}${runtime.byteLength.toString(16)}`;
}

/** The cache file's content, checked: MAGIC, one line of JSON ({ storedAfter, length, crc32 } of the code), then V8's code. */
function readStored(file: string): Stored | 'missing' | 'damaged' {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return 'missing';
  }
  const end = bytes.indexOf(10, MAGIC.length);
  if (end < 0 || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return 'damaged';
  try {
    const meta = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as { storedAfter: StoredAfter; length: number; crc32: number };
    const data = bytes.subarray(end + 1);
    if (data.length !== meta.length || crc32(data) !== meta.crc32 || typeof meta.storedAfter !== 'object' || meta.storedAfter === null) return 'damaged';
    return { storedAfter: meta.storedAfter, data };
  } catch {
    return 'damaged';
  }
}

/**
 * Writes the file whole or not at all; a failure (read-only, full, not a
 * directory) is ignored. V8's code is serialised only once the directory is
 * there and writable: it takes some milliseconds, wasted where nothing can be
 * written.
 */
function writeStored(directory: string, file: string, storedAfter: StoredAfter, code: () => Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    accessSync(directory, constants.W_OK);
    const data = code();
    const meta = JSON.stringify({ storedAfter, length: data.length, crc32: crc32(data) });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${meta}\n`, 'utf8'), data]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

/** A process killed while it wrote leaves its temporary file; one this old is no one's any more. */
const ABANDONED_MS = 60_000;

/** Removes the caches of earlier builds of the script (same name, another source), and abandoned temporary files. */
function removeEarlierBuilds(directory: string, name: string, sourceChecksum: string): void {
  try {
    for (const entry of readdirSync(directory)) {
      if (!entry.startsWith(`${name}-`)) continue;
      const path = join(directory, entry);
      const earlier = entry.endsWith(FILE_SUFFIX) && !entry.startsWith(`${name}-${sourceChecksum}-`);
      if (earlier || (entry.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs > ABANDONED_MS)) rmSync(path, { force: true });
    }
  } catch {
    // Nothing to tidy, or not ours to tidy.
  }
}

/**
 * Runs the scripts scripts/bundle-sandbox.mjs builds (a function expression
 * taking `module`, `exports`, `require` and what `import.meta.url` stands
 * for), each compiled with its code from the cache where there is one.
 */
export class ScriptCache {
  readonly #directory: string | null;
  readonly #runtime = runtimeHash();
  readonly #loaded = new Map<string, Loaded>();

  constructor(directory: string | null = codeCacheDirectory()) {
    this.#directory = directory;
  }

  /**
   * Compiles and runs the script at `path` and gives its exports.
   * `importMetaUrl` is the URL its `import.meta.url` stands for; `runFor`,
   * where given, the only kinds of documents that run its code (see save()).
   */
  run<T>(path: string, importMetaUrl: string, runFor: readonly string[] | null = null): T {
    const bytes = readFileSync(path);
    const name = basename(path, '.js');
    const sourceChecksum = `${crc32(bytes).toString(16).padStart(8, '0')}${bytes.length.toString(16)}`;
    const file = this.#directory === null ? null : join(this.#directory, `${name}-${sourceChecksum}-${this.#runtime}${FILE_SUFFIX}`);
    const stored = file === null ? 'missing' : readStored(file);
    const script = new Script(bytes.toString('utf8'), { filename: path, ...(typeof stored === 'object' ? { cachedData: stored.data } : {}) });
    const use: CacheUse = file === null ? 'off' : typeof stored === 'string' ? stored : script.cachedDataRejected ? 'rejected' : 'accepted';
    const storedAfter = use === 'accepted' && typeof stored === 'object' ? { ...stored.storedAfter } : {};
    this.#loaded.set(path, { script, name, sourceChecksum, file, use, storedAfter, storedHere: new Set(), runFor });
    const module = { exports: {} as T };
    const wrapper = script.runInThisContext() as (module: { exports: T }, exports: T, require: NodeJS.Require, importMetaUrl: string) => void;
    wrapper(module, module.exports, createRequire(path), importMetaUrl);
    return module.exports;
  }

  /** How the script at `path` was compiled; undefined for one not run. */
  use(path: string): CacheUse | undefined {
    return this.#loaded.get(path)?.use;
  }

  /**
   * After a document of this kind (its format): adds the code V8 has for
   * each script run so far to its cache, as it now includes the functions
   * the document ran (V8 compiles a function when it is first called), for
   * the first few processes that parse a document of this kind. One alone
   * would do for most, but a cache stored after one unusual document (a scan
   * without text, a plan without tables) would lack what the usual ones run;
   * past these few, the code is no longer serialised (some 20 ms for pdf.js).
   */
  save(kind: string): void {
    if (this.#directory === null) return;
    for (const loaded of this.#loaded.values()) {
      if (loaded.file === null || loaded.runFor?.includes(kind) === false) continue;
      if (loaded.storedHere.has(kind) || (loaded.storedAfter[kind] ?? 0) >= PROCESSES_STORING_EACH_KIND) continue;
      // A script first stored by this process: its earlier builds' caches will not be read again.
      if (loaded.use !== 'accepted' && loaded.storedHere.size === 0) removeEarlierBuilds(this.#directory, loaded.name, loaded.sourceChecksum);
      loaded.storedHere.add(kind);
      loaded.storedAfter[kind] = (loaded.storedAfter[kind] ?? 0) + 1;
      writeStored(this.#directory, loaded.file, loaded.storedAfter, () => loaded.script.createCachedData());
    }
  }
}
