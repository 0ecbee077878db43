import { InvalidArgumentError } from 'commander';
import type { Limits } from '../limits.js';
import { cliLanguage, textsFor } from './texts.js';

const t = textsFor(cliLanguage());

/** A size given in MiB (--max-memory), as bytes. */
export function mebibytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(t.mebibytes);
  return n * 1024 * 1024;
}

/** The per-document limits --timeout and --max-memory set, in the one shape parse, view and batch pass on. */
export function limitsFromOptions(options: { timeout?: number; maxMemory?: number }): Partial<Limits> {
  return { ...(options.timeout ? { timeoutMs: options.timeout } : {}), ...(options.maxMemory ? { maxMemoryBytes: options.maxMemory } : {}) };
}
