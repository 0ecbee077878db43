import { SingleBar } from 'cli-progress';
import { isKehoachError } from '../errors.js';
import { parseShard, runBatch, type BatchProgress } from '../batch/run.js';

/**
 * `kehoach batch`: a progress bar on a terminal, plain progress lines on
 * stderr otherwise (CI logs, cluster jobs), and a summary at the end.
 */

function rate(progress: BatchProgress): { pagesPerSecond: number; etaSeconds: number | null } {
  const seconds = progress.elapsedMs / 1000;
  const pagesPerSecond = seconds > 0 ? progress.pages / seconds : 0;
  const filesPerSecond = seconds > 0 ? progress.done / seconds : 0;
  return { pagesPerSecond, etaSeconds: filesPerSecond > 0 ? Math.round((progress.total - progress.done) / filesPerSecond) : null };
}

function reporter(): { update(progress: BatchProgress): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: 'kehoach {bar} {value}/{total} files | {pagesPerSecond} pages/s | ETA {eta_formatted} | {errors} errors', stream: process.stderr, hideCursor: true, etaBuffer: 50 },
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
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(progress) {
      // One line every 2 s at most, and the last one always.
      if (Date.now() - lastLine < 2000 && progress.done < progress.total) return;
      lastLine = Date.now();
      const { pagesPerSecond, etaSeconds } = rate(progress);
      process.stderr.write(`kehoach: ${progress.done}/${progress.total} files, ${pagesPerSecond.toFixed(1)} pages/s, ETA ${etaSeconds ?? '?'} s, ${progress.errors} errors\n`);
    },
    stop: () => undefined,
  };
}

export async function runBatchCli(input: string, options: { out: string; jobs?: number; timeout?: number; shard?: string }): Promise<number> {
  const progress = reporter();
  try {
    const summary = await runBatch({
      input,
      out: options.out,
      ...(options.jobs ? { jobs: options.jobs } : {}),
      ...(options.timeout ? { timeoutMs: options.timeout } : {}),
      shard: options.shard ? parseShard(options.shard) : null,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const { counts } = summary;
    process.stderr.write(
      `kehoach: ${counts.files} files: ${counts.ok} ok (${counts.documents} documents, ${counts.resumed} from an earlier run), ${counts.error} errors, ${counts.skipped} skipped. Manifest: ${summary.manifestPath}\n`,
    );
    return 0;
  } catch (error) {
    progress.stop();
    if (isKehoachError(error)) {
      process.stderr.write(`kehoach: ${error.code}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
