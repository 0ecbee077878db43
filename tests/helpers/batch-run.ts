import { execFile, spawnSync, type ExecFileException } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Helpers for the batch tests. The batch runs worker threads from the built
 * package (`npm test` builds first), so the CLI and the in-process API are
 * both taken from dist/.
 */

export const root = join(import.meta.dirname, '..', '..');
export const cli = join(root, 'dist', 'cli', 'main.js');
export const fixtures = join(root, 'fixtures');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kehoach batch …` in a child process; resolves with its exit code whatever it is. */
export function batchCli(args: string[], options: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'batch', ...args], { maxBuffer: 1 << 24, ...options }, (error: ExecFileException | null, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

export interface ManifestEntry {
  file: string;
  sha256: string | null;
  bytes: number;
  status: 'ok' | 'error' | 'skipped';
  code?: string;
  reason?: string;
  duplicateOf?: string;
  resumed?: boolean;
}
export interface Manifest {
  version: string;
  fingerprint: string;
  options: Record<string, unknown>;
  files: ManifestEntry[];
  counts: Record<string, number>;
}

export const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
export const entryOf = (out: string, file: string): ManifestEntry | undefined => manifestOf(out).files.find((f) => f.file === file);

/** A fresh folder under the system's temporary folder. */
export const scratch = (label: string): string => mkdtempSync(join(tmpdir(), `kehoach-${label}-`));

/** An input folder with copies of small text fixtures: `{ 'a.txt': 'hue-2026.txt' }`. */
export function inputFolder(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, fixture] of Object.entries(files)) cpSync(join(fixtures, fixture), join(dir, name));
  return dir;
}

/** Every file under `dir` whose name ends in `.tmp`. */
export function temporaryFilesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.tmp'));
}

/** The pid of a process that has exited (for a stale lock). */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/**
 * Whether a child process can run as `nobody` (uid 65534) and read the built
 * CLI: as root, chmod 000 does not stop reads, so real EACCES tests run the
 * CLI as that user.
 */
export function canRunAsNobody(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(cli)})`], { uid: 65534, gid: 65534 });
  return probe.status === 0;
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
