import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';

/**
 * The sandbox's child processes: started, kept idle between documents, and
 * ended. Apart from ./run.ts, which runs documents in them, so that the
 * command line can start one (prestartSandbox) before it loads anything
 * else: this module loads node's own modules and the limits, nothing more.
 */

const MAX_IDLE = 2;
const IDLE_MS = 5_000;
const MIB = 1024 * 1024;

// The child runs ./launch.ts as the build bundles it (scripts/bundle-sandbox.mjs): a few files to load, not some 150
// modules, on every start. Loaded from the TypeScript sources (as the tests do), it runs the built one: node cannot run .ts.
const LAUNCHER_PATH = fileURLToPath(import.meta.url.endsWith('.ts') ? new URL('../../dist/sandbox/launch.cjs', import.meta.url) : new URL('./launch.cjs', import.meta.url));

interface Idle {
  child: ChildProcess;
  heap: ChildHeap;
  timer: NodeJS.Timeout;
}

const idle: Idle[] = [];

/**
 * How a child's heap is sized. Its cap follows the limits, and V8 sizes a heap
 * by its cap: under 2 GiB it collects the old generation sooner (at a 1 GiB
 * cap, the next collection comes once the heap has grown 1.6× at most,
 * against 4× at 2 GiB and more), which cost a PDF parse in a child a fifth of
 * its time. A parse's child grows its heap 4× between collections, always
 * (--heap-growing-percent; V8 still never sets the next one past halfway to
 * the cap), with V8's own young generation: memory for speed, some 10–20 MB
 * more at a document's peak. Parsed so, one after the other, the corpus PDFs
 * took 0.97–1.03 of their time in process, against 1.16–1.39 before
 * (interleaved runs, hashing and sending included). A batch keeps its
 * children for a whole run, `jobs` at once, under a memory aim: they are
 * compact, growing as V8 grows a capped heap by itself, with a young
 * generation of 4 MiB a half (some 20 MB less each). Grown as a parse's, a
 * two-job batch was 15–25% faster, but took 430 MB. Both flags go on the
 * command line, as the heap's cap does: V8 has read them since long before
 * the Node this package asks for.
 */
export interface ChildHeap {
  heapMb: number;
  compact: boolean;
}

/** The heap a child gets for documents with these limits; `compact`: a batch's. */
export const childHeapOf = (limits: Limits, compact: boolean): ChildHeap => ({
  heapMb: Math.max(64, Math.floor(limits.maxMemoryBytes / MIB)),
  compact,
});

const sameHeap = (a: ChildHeap, b: ChildHeap): boolean => a.heapMb === b.heapMb && a.compact === b.compact;

/**
 * The child's environment: this process's, less NODE_EXTRA_CA_CERTS. Node reads
 * the certificates that names at every start (40 ms for a system bundle), and
 * the child opens no connection. With glibc, each thread that allocates
 * (the garbage collector's, the thread pool inflating pdf.js's streams) gets
 * a heap of its own, where freed memory lingers: two for the whole child keep
 * it some 5 MB smaller (a batch's memory aim), unless the user chose.
 */
function childEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  env.MALLOC_ARENA_MAX ??= '2';
  return env;
}

/** The child's bundle is missing (a checkout compiled with tsc alone): a fault of the installation, not of any input. */
export class SandboxNotBuiltError extends Error {
  override name = 'SandboxNotBuiltError';
}

/** Throws SandboxNotBuiltError where the child's bundle was never built: every document would fail, and not for anything in it. */
export function assertSandboxBuilt(): void {
  if (!existsSync(LAUNCHER_PATH)) throw new SandboxNotBuiltError(`kehoach is not fully built: ${LAUNCHER_PATH} is missing (npm run build makes it)`);
}

function spawnChild(heap: ChildHeap): ChildProcess {
  assertSandboxBuilt();
  const child = fork(LAUNCHER_PATH, [], {
    execArgv: [`--max-old-space-size=${heap.heapMb}`, heap.compact ? '--max-semi-space-size=4' : '--heap-growing-percent=300'],
    env: childEnvironment(),
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  // An error or exit while idle only takes the child out of the idle list.
  child.on('error', () => dropIdle(child));
  child.on('exit', () => dropIdle(child));
  return child;
}

function dropIdle(child: ChildProcess): void {
  const at = idle.findIndex((i) => i.child === child);
  if (at >= 0) clearTimeout(idle.splice(at, 1)[0]!.timer);
}

/**
 * Keeps a child that finished its document for the next one, a few seconds.
 * Past the idle cap, the child idle longest is ended: the one just finished
 * is the likelier to serve the next document (a parse's and a batch's children
 * differ, and one kind must not keep the other out).
 */
export function keepIdle(child: ChildProcess, heap: ChildHeap): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (idle.length >= MAX_IDLE) {
    const longest = idle.shift()!;
    clearTimeout(longest.timer);
    longest.child.kill('SIGKILL');
  }
  const timer = setTimeout(() => {
    dropIdle(child);
    child.kill('SIGKILL');
  }, IDLE_MS);
  timer.unref();
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  idle.push({ child, heap, timer });
}

/** An idle child with this heap, or a new one. */
export function takeChild(heap: ChildHeap): ChildProcess {
  const at = idle.findIndex((i) => sameHeap(i.heap, heap));
  if (at < 0) return spawnChild(heap);
  const { child, timer } = idle.splice(at, 1)[0]!;
  clearTimeout(timer);
  return child;
}

/**
 * Starts a child process for documents with these limits, if none is idle,
 * and keeps it idle: a caller that knows a parse is coming (the command
 * line, before loading its own modules) has the child start meanwhile.
 */
export function prestartSandbox(limits: Partial<Limits> = {}): void {
  const heap = childHeapOf({ ...DEFAULT_LIMITS, ...limits }, false);
  if (idle.some((i) => sameHeap(i.heap, heap))) return;
  keepIdle(spawnChild(heap), heap);
}
