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
  heapMb: number;
  timer: NodeJS.Timeout;
}

const idle: Idle[] = [];

/** The heap, in MiB, a child gets for documents with these limits. */
export const heapMbOf = (limits: Limits): number => Math.max(64, Math.floor(limits.maxMemoryBytes / MIB));

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

function spawnChild(heapMb: number): ChildProcess {
  assertSandboxBuilt();
  const child = fork(LAUNCHER_PATH, [], {
    execArgv: [
      `--max-old-space-size=${heapMb}`,
      // A young generation of 4 MiB a half instead of V8's 16: some 20 MB less per child, the batch's memory aim.
      '--max-semi-space-size=4',
    ],
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

/** Keeps a child that finished its document for the next one, a few seconds; past the idle cap, it is ended. */
export function keepIdle(child: ChildProcess, heapMb: number): void {
  if (idle.length >= MAX_IDLE || child.exitCode !== null || child.signalCode !== null) {
    child.kill('SIGKILL');
    return;
  }
  const timer = setTimeout(() => {
    dropIdle(child);
    child.kill('SIGKILL');
  }, IDLE_MS);
  timer.unref();
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  idle.push({ child, heapMb, timer });
}

/** An idle child with this heap, or a new one. */
export function takeChild(heapMb: number): ChildProcess {
  const at = idle.findIndex((i) => i.heapMb === heapMb);
  if (at < 0) return spawnChild(heapMb);
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
  const heapMb = heapMbOf({ ...DEFAULT_LIMITS, ...limits });
  if (idle.some((i) => i.heapMb === heapMb)) return;
  keepIdle(spawnChild(heapMb), heapMb);
}
