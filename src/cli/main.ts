#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { isKehoachError } from '../errors.js';
import { VERSION } from '../version.js';
import { batchOptions, mebibytes } from './batch-command.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

// "kehoach parse plan.pdf | head": the reader went away; that is no error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program.name('kehoach').description('Vietnamese administrative plans (KẾ HOẠCH) to typed, validated JSON').version(VERSION);

program
  .command('parse')
  .description('parse one plan (.pdf, .docx or .txt) and print its PlanDocument JSON on stdout')
  .argument('<file>', 'the plan to parse')
  .option('--compact', 'print JSON on one line')
  .option('--timeout <ms>', 'time allowed for the document', positiveInteger)
  .option('--max-memory <MiB>', 'memory the document may use, decoded streams included (default 1024)', mebibytes)
  .action(async (file: string, options: { compact?: boolean; timeout?: number; maxMemory?: number }) => {
    try {
      // Loaded here, not at the top: "kehoach --help" and "kehoach batch" need none of the parser.
      const { parse } = await import('../parse.js');
      const document = await parse(file, { limits: { ...(options.timeout ? { timeoutMs: options.timeout } : {}), ...(options.maxMemory ? { maxMemoryBytes: options.maxMemory } : {}) } });
      process.stdout.write(JSON.stringify(document, null, options.compact ? undefined : 2) + '\n');
    } catch (error) {
      if (isKehoachError(error)) {
        process.stderr.write(`kehoach: ${error.code}: ${error.message}\n`);
        process.exitCode = error.exitCode;
        return;
      }
      throw error;
    }
  });

batchOptions(program.command('batch'))
  .description('parse every plan under a folder or in a .zip into JSONL and CSV outputs')
  .argument('<input>', 'a folder or a .zip archive')
  .requiredOption('--out <dir>', 'output folder (re-running with the same folder resumes)')
  .option('--jobs <n>', 'documents parsed at once, each in its own process (default: number of cores)', positiveInteger)
  .option('--timeout <ms>', 'time allowed per document', positiveInteger)
  .option('--shard <i/n>', 'process only shard i of n (by content hash)')
  .action(async (input: string, options: { out: string; jobs?: number; timeout?: number; shard?: string }) => {
    const { runBatchCli } = await import('./batch-command.js');
    process.exitCode = await runBatchCli(input, options);
  });

await program.parseAsync(process.argv);
