#!/usr/bin/env node

function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    return value as T;
  };
}

function isoDate(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return value;
}

// "kehoach parse plan.pdf | head": the reader went away; that is no error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const MIB = 1024 * 1024;

/**
 * `kehoach parse`: the child process that will parse starts before anything
 * else is loaded, so that its start-up (a second node, the stages' modules)
 * runs alongside this process's own (commander, reading the file) instead of
 * after it. It is started with the heap the --max-memory given asks for, read
 * here ahead of commander; an invalid value is commander's to reject, and the
 * child, idle, never keeps this process alive.
 */
if (process.argv[2] === 'parse') {
  const at = process.argv.findIndex((arg) => arg === '--max-memory' || arg.startsWith('--max-memory='));
  const option = at < 0 ? undefined : process.argv[at]!;
  const maxMemoryMib = Number(option?.includes('=') ? option.split('=')[1] : process.argv[at + 1]);
  const { prestartSandbox } = await import('../sandbox/run.js');
  prestartSandbox(Number.isInteger(maxMemoryMib) && maxMemoryMib > 0 ? { maxMemoryBytes: maxMemoryMib * MIB } : {});
}

// Loaded only now, after the child is on its way; "kehoach --help" and "kehoach batch" load none of the parser.
const [{ Command, InvalidArgumentError }, { isKehoachError }, { VERSION }, { batchOptions, mebibytes }] = await Promise.all([
  import('commander'),
  import('../errors.js'),
  import('../version.js'),
  import('./batch-command.js'),
]);

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

const program = new Command();
program.name('kehoach').description('Vietnamese administrative plans (KẾ HOẠCH) to typed, validated JSON').version(VERSION);

program
  .command('parse')
  .description('parse one plan (.pdf, .docx or .txt) and print its PlanDocument JSON (or a summary) on stdout')
  .argument('<file>', 'the plan to parse')
  .option('--compact', 'print JSON on one line')
  .option('--timeout <ms>', 'time allowed for the document', positiveInteger)
  .option('--max-memory <MiB>', 'memory the document may use, decoded streams included (default 1024)', mebibytes)
  .option('--format <kind>', 'what to print: json, or summary (a short text in Vietnamese)', oneOf(['json', 'summary'] as const), 'json' as const)
  .option('--xlsx <file>', 'also write an Excel workbook: a sheet per entity type and the task table')
  .option('--ics <file>', 'also write an iCalendar file: an all-day event per dated deadline')
  .option('--today <date>', 'the day the summary counts the nearest deadlines from (YYYY-MM-DD; default today)', isoDate)
  .action(async (file: string, options: { compact?: boolean; timeout?: number; maxMemory?: number; format: 'json' | 'summary'; xlsx?: string; ics?: string; today?: string }) => {
    try {
      const { parse } = await import('../parse.js');
      const document = await parse(file, { limits: { ...(options.timeout ? { timeoutMs: options.timeout } : {}), ...(options.maxMemory ? { maxMemoryBytes: options.maxMemory } : {}) } });
      const { writeParseOutputs } = await import('./parse-outputs.js');
      await writeParseOutputs(document, options);
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

program
  .command('view')
  .description('write one plan as a self-contained HTML page: its text with every entity highlighted, lists, section tree, matrix')
  .argument('<file>', 'a plan (.pdf, .docx, .doc, .txt) or the JSON that "kehoach parse" wrote')
  .option('-o, --out <file>', 'the HTML file to write ("-" for stdout; default: <file>.html beside the input)')
  .option('--timeout <ms>', 'time allowed for the document', positiveInteger)
  .option('--max-memory <MiB>', 'memory the document may use, decoded streams included (default 1024)', mebibytes)
  .action(async (file: string, options: { out?: string; timeout?: number; maxMemory?: number }) => {
    const { runViewCli } = await import('./view-command.js');
    process.exitCode = await runViewCli(file, options);
  });

await program.parseAsync(process.argv);
