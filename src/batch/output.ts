import { createWriteStream, readdirSync, readFileSync, rmSync, type Stats, type WriteStream } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KehoachError } from '../errors.js';
import { errnoOf, outputError } from './fs-errors.js';
import { reason } from '../messages.js';

/**
 * The output folder's housekeeping: checking `--out`, the lock that keeps a
 * second batch out of it, the temporary files, and a write stream whose
 * failures (disk full, read-only) come back as typed errors instead of an
 * unhandled 'error' event.
 */

/** The lock file in `--out`; it holds the owner's pid, host and start time. */
export const LOCK_NAME = '.kehoach-batch.lock';

/**
 * Temporary files the batch writes in `--out` and `--out/parts`:
 * `<name>.<pid>.tmp` or `<name>.<pid>.<random>.tmp`. Nothing else is ever removed.
 */
const TEMPORARY = /^.+\.(\d+)(?:\.[0-9a-z]+)?\.tmp$/;

/** Makes sure `--out` is a folder that exists, and returns its stats (to keep it out of a folder input). */
export async function prepareOutputFolder(out: string): Promise<Stats> {
  let info: Stats | null = null;
  try {
    info = await stat(out);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw outputError(error, out);
  }
  if (info && !info.isDirectory()) throw new KehoachError('OUTPUT_NOT_WRITABLE', reason('outIsFile'), { file: out });
  if (!info) {
    try {
      await mkdir(out, { recursive: true });
      info = await stat(out);
    } catch (error) {
      throw outputError(error, out);
    }
  }
  return info;
}

// ---------------------------------------------------------------------------
// Temporary files

function temporaryNames(names: string[], pid: number | null): string[] {
  return names.filter((name) => {
    const m = TEMPORARY.exec(name);
    return m !== null && (pid === null || Number(m[1]) === pid);
  });
}

/**
 * Removes the batch's temporary files from `--out` and `--out/parts`: those of
 * process `pid`, or, with `pid` null, all of them (left by a batch that was
 * killed; call it only while holding the lock). Best effort: a file that
 * cannot be removed is left, and writing there will report why.
 */
export async function removeTemporaryFiles(out: string, pid: number | null): Promise<void> {
  for (const dir of [out, join(out, 'parts')]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(temporaryNames(names, pid).map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)));
  }
}

/** The same, synchronously, for signal handlers. */
export function removeTemporaryFilesSync(out: string, pid: number | null): void {
  for (const dir of [out, join(out, 'parts')]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of temporaryNames(names, pid)) {
      try {
        rmSync(join(dir, name), { force: true });
      } catch {
        // best effort
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The lock

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface OutputLock {
  path: string;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0
      ? { pid: value.pid, hostname: String(value.hostname ?? ''), startedAt: String(value.startedAt ?? '') }
      : null;
  } catch {
    return null;
  }
}

/** The start stamps of the locks this process wrote: a lock with our pid and another stamp is an earlier process's. */
const locksWritten = new Set<string>();

/** A lock file left by a process that is gone: same host and a dead pid, or unreadable content older than a few seconds. */
async function isStale(path: string, text: string): Promise<{ stale: boolean; owner: LockOwner | null }> {
  const owner = parseOwner(text);
  // Our own pid in a lock this process did not write: a container restarted with the same pid; that batch is gone.
  const earlierSelf = owner?.pid === process.pid && !locksWritten.has(owner.startedAt);
  if (owner) return { stale: owner.hostname === hostname() && (earlierSelf || !isAlive(owner.pid)), owner };
  // Empty or garbled: a batch that died while writing it, or one writing it right now.
  const info = await stat(path).catch(() => null);
  return { stale: info !== null && Date.now() - info.mtimeMs > 5_000, owner: null };
}

function lockedError(out: string, path: string, owner: LockOwner | null): KehoachError {
  const who = owner ? `pid ${owner.pid}${owner.hostname && owner.hostname !== hostname() ? ` on host ${owner.hostname}` : ''}${owner.startedAt ? `, started ${owner.startedAt}` : ''}` : 'a batch that is starting';
  return new KehoachError(
    'OUTPUT_LOCKED',
    reason('outputLocked', { who, lock: path }),
    { file: out, details: { lock: path, owner } },
  );
}

/**
 * Takes the lock on `--out`, or refuses with OUTPUT_LOCKED while another live
 * batch holds it. A lock whose pid is dead (on this host) is taken over: it is
 * first renamed aside (atomic, so of two batches taking over the same stale
 * lock only one succeeds), and if what was renamed turns out to be a fresh
 * lock of another batch, it is put back.
 */
export async function acquireLock(out: string): Promise<OutputLock> {
  const path = join(out, LOCK_NAME);
  const mine: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(path, JSON.stringify(mine), { flag: 'wx' });
      locksWritten.add(mine.startedAt);
      return { path, release: () => releaseLock(out) };
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') {
        // Created but not written (disk full): leave no empty lock behind.
        await rm(path, { force: true }).catch(() => undefined);
        throw outputError(error, path);
      }
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') continue; // released meanwhile
      throw outputError(error, path);
    }
    const { stale, owner } = await isStale(path, text);
    if (!stale) throw lockedError(out, path, owner);
    const aside = `${path}.${process.pid}.stale.tmp`;
    try {
      await rename(path, aside);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') continue; // another batch took it over first
      throw outputError(error, path);
    }
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== text) await link(aside, path).catch(() => undefined); // not the stale lock: put it back
    await rm(aside, { force: true }).catch(() => undefined);
  }
  throw lockedError(out, path, null);
}

/** Removes the lock if this process holds it. */
export async function releaseLock(out: string): Promise<void> {
  const path = join(out, LOCK_NAME);
  const owner = parseOwner(await readFile(path, 'utf8').catch(() => ''));
  if (owner?.pid === process.pid && owner.hostname === hostname()) await rm(path, { force: true }).catch(() => undefined);
}

export function releaseLockSync(out: string): void {
  const path = join(out, LOCK_NAME);
  try {
    const owner = parseOwner(readFileSync(path, 'utf8'));
    if (owner?.pid === process.pid && owner.hostname === hostname()) rmSync(path, { force: true });
  } catch {
    // nothing to release
  }
}

/** For SIGINT/SIGTERM handlers: removes this process's temporary files and its lock, synchronously. */
export function cleanUpAfterInterrupt(out: string): void {
  removeTemporaryFilesSync(out, process.pid);
  releaseLockSync(out);
}

// ---------------------------------------------------------------------------
// Output files

/**
 * A file written as a stream. A write error (ENOSPC, EROFS, EIO) is kept and
 * thrown, typed, from the next `write` or from `close`, never emitted as an
 * unhandled 'error' event that would end the process with a stack trace.
 */
export class OutputFile {
  private failure: unknown = null;
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  private check(): void {
    if (this.failure) throw outputError(this.failure, this.path);
  }

  /** Resolves once the stream is closed (after an error too); at once if it is already. */
  private closed(): Promise<void> {
    return this.stream.closed ? Promise.resolve() : new Promise((resolve) => this.stream.once('close', () => resolve()));
  }

  async write(chunk: string): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
        if (this.stream.destroyed) done();
      });
    }
    this.check();
  }

  async close(): Promise<void> {
    this.check();
    const closed = this.closed();
    this.stream.end();
    await closed;
    this.check();
  }

  /** Abandons the file: closes it without waiting and removes it. */
  async discard(): Promise<void> {
    const closed = this.closed();
    this.stream.destroy();
    await closed;
    await rm(this.path, { force: true }).catch(() => undefined);
  }
}
