import type { Command } from 'commander';
import { isKehoachError } from '../errors.js';
import type { BatchProgress } from '../batch/run.js';
import { cliLanguage, errorLine, textsFor } from './texts.js';
import { limitsFromOptions, mebibytes } from './limits.js';

const language = cliLanguage();
const t = textsFor(language);

/**
 * `kehoach batch`: a progress bar on a terminal, plain progress lines on
 * stderr otherwise (CI logs, cluster jobs), and a summary at the end.
 *
 * This module is cheap to import (the batch runner and the progress bar are
 * loaded only when a batch runs), so that the CLI can take
 * the batch options from it without slowing down `kehoach parse`.
 */

/** Options of `kehoach batch` beyond --out, --jobs, --timeout and --shard; adds them to `command` and returns it. */
export function batchOptions(command: Command): Command {
  return command
    .option('--max-memory <MiB>', t.maxMemory, mebibytes)
    .option('--force', t.force)
    .option('--retry-errors', t.retryErrors)
    .option('--xlsx', t.batchXlsx)
    .option('--ics', t.batchIcs)
    .option('--no-bom', t.noBom)
    .option('--report', t.batchReport);
}

export interface BatchCliOptions {
  out: string;
  maxMemory?: number;
  jobs?: number;
  timeout?: number;
  shard?: string;
  force?: boolean;
  retryErrors?: boolean;
  xlsx?: boolean;
  ics?: boolean;
  report?: boolean;
  /** False with --no-bom: the CSV files without the UTF-8 byte order mark. */
  bom?: boolean;
}

function rate(progress: BatchProgress): { pagesPerSecond: number; etaSeconds: number | null } {
  const seconds = progress.elapsedMs / 1000;
  const pagesPerSecond = seconds > 0 ? progress.pages / seconds : 0;
  const filesPerSecond = seconds > 0 ? progress.done / seconds : 0;
  return { pagesPerSecond, etaSeconds: filesPerSecond > 0 ? Math.round((progress.total - progress.done) / filesPerSecond) : null };
}

async function reporter(): Promise<{ update(progress: BatchProgress): void; stop(): void }> {
  if (process.stderr.isTTY) {
    const { SingleBar } = await import('cli-progress');
    const bar = new SingleBar(
      { format: `kehoach ${t.progressBar}`, stream: process.stderr, hideCursor: true, etaBuffer: 50 },
    );
    let started = false;
    return {
      update(progress) {
        const payload = { pagesPerSecond: rate(progress).pagesPerSecond.toFixed(1), errors: progress.errors };
        if (!started) {
          bar.start(progress.total, 0, payload);
          started = true;
        }
        bar.setTotal(Math.max(progress.total, progress.done));
        bar.update(progress.done, payload);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastLine = 0;
  return {
    update(progress) {
      // One line every 2 s at most, and the last one always.
      if (Date.now() - lastLine < 2000 && progress.done < progress.total) return;
      lastLine = Date.now();
      const { pagesPerSecond, etaSeconds } = rate(progress);
      say(`kehoach: ${t.progress(progress.done, progress.total, pagesPerSecond.toFixed(1), String(etaSeconds ?? '?'), progress.errors)}\n`);
    },
    stop: () => undefined,
  };
}

let stderrOpen = true;
let stderrWatched = false;

/**
 * "kehoach batch … 2>&1 | head": once the reader is gone (EPIPE), reports are
 * dropped; the batch goes on and exits as it would have. Kept for the
 * process's life: the error of a last write can come after the batch.
 */
function watchStderr(): void {
  if (stderrWatched) return;
  stderrWatched = true;
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
}

/** Writes a report on stderr while anyone reads it. */
function say(text: string): void {
  if (stderrOpen) process.stderr.write(text);
}

/** Exit codes for a batch ended by a signal: 128 + the signal number, as shells report it. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export async function runBatchCli(input: string, options: BatchCliOptions): Promise<number> {
  const [{ parseShard, runBatch }, { cleanUpAfterInterrupt }] = await Promise.all([import('../batch/run.js'), import('../batch/output.js')]);
  watchStderr();
  const progress = await reporter();
  // Ctrl-C or a scheduler's SIGTERM: remove this batch's temporary files and its lock, keep the parts (the same command resumes).
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES): void => {
    progress.stop();
    say(`kehoach: ${t.stopped(signal, options.out)}\n`);
    try {
      cleanUpAfterInterrupt(options.out);
    } catch {
      // best effort: the next run cleans up too
    }
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as Array<keyof typeof SIGNAL_EXIT_CODES>).map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    const summary = await runBatch({
      input,
      out: options.out,
      ...(options.jobs ? { jobs: options.jobs } : {}),
      limits: limitsFromOptions(options),
      shard: options.shard ? parseShard(options.shard) : null,
      force: options.force ?? false,
      retryErrors: options.retryErrors ?? false,
      csvBom: options.bom ?? true,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    if (options.xlsx || options.ics || options.report) {
      const { writeBatchExports } = await import('./batch-exports.js');
      for (const file of await writeBatchExports(options.out, options)) say(`kehoach: ${t.wrote(file)}\n`);
    }
    const { counts } = summary;
    say(`kehoach: ${t.batchDone(counts, summary.manifestPath)}\n`);
    return 0;
  } catch (caught) {
    progress.stop();
    // A file-system failure the batch did not expect (--out removed while it ran): typed, never a stack trace.
    const { outputError } = await import('../batch/fs-errors.js');
    const error = outputError(caught, options.out);
    if (isKehoachError(error)) {
      say(errorLine(error, language));
      return error.exitCode;
    }
    throw error;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
