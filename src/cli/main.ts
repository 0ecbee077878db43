#!/usr/bin/env node

function oneOf<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(t.oneOf(choices));
    return value as T;
  };
}

function isoDate(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) throw new InvalidArgumentError(t.isoDate);
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
  const { prestartSandbox } = await import('../sandbox/children.js');
  try {
    prestartSandbox(Number.isInteger(maxMemoryMib) && maxMemoryMib > 0 ? { maxMemoryBytes: maxMemoryMib * MIB } : {});
  } catch {
    // An unbuilt child: the parse itself says so, after commander has read the arguments (and answered --help).
  }
}

// Loaded only now, after the child is on its way; "kehoach --help" and "kehoach batch" load none of the parser.
const [{ Command, InvalidArgumentError }, { isKehoachError }, { VERSION }, { batchOptions }, { limitsFromOptions, mebibytes }, { cliLanguage, errorLine, textsFor }] = await Promise.all([
  import('commander'),
  import('../errors.js'),
  import('../version.js'),
  import('./batch-command.js'),
  import('./limits.js'),
  import('./texts.js'),
]);
// Help, progress and error reasons in the user's language (--lang, else the locale); error codes stay as they are.
const language = cliLanguage();
const t = textsFor(language);

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(t.positiveInteger);
  return n;
}

const program = new Command();
program.name('kehoach').description(t.program).version(VERSION, '-V, --version', t.version).helpOption('-h, --help', t.help).helpCommand('help [command]', t.help).option('--lang <language>', t.lang);

program
  .command('parse')
  .description(t.parse)
  .helpOption('-h, --help', t.help)
  .argument('<file>', t.parseFile)
  .option('--compact', t.compact)
  .option('--timeout <ms>', t.timeout, positiveInteger)
  .option('--max-memory <MiB>', t.maxMemory, mebibytes)
  .option('--format <kind>', t.format, oneOf(['json', 'summary'] as const), 'json' as const)
  .option('--xlsx <file>', t.xlsx)
  .option('--ics <file>', t.ics)
  .option('--today <date>', t.today, isoDate)
  .option('--lang <language>', t.lang)
  .action(async (file: string, options: { compact?: boolean; timeout?: number; maxMemory?: number; format: 'json' | 'summary'; xlsx?: string; ics?: string; today?: string }) => {
    try {
      const { parse } = await import('../parse.js');
      const document = await parse(file, { limits: limitsFromOptions(options) });
      const { writeParseOutputs } = await import('./parse-outputs.js');
      await writeParseOutputs(document, options);
    } catch (error) {
      if (isKehoachError(error)) {
        process.stderr.write(errorLine(error, language));
        process.exitCode = error.exitCode;
        return;
      }
      throw error;
    }
  });

batchOptions(program.command('batch'))
  .description(t.batch)
  .helpOption('-h, --help', t.help)
  .argument('<input>', t.batchInput)
  .requiredOption('--out <dir>', t.out)
  .option('--jobs <n>', t.jobs, positiveInteger)
  .option('--timeout <ms>', t.timeoutEach, positiveInteger)
  .option('--shard <i/n>', t.shard)
  .option('--lang <language>', t.lang)
  .action(async (input: string, options: { out: string; jobs?: number; timeout?: number; shard?: string }) => {
    const { runBatchCli } = await import('./batch-command.js');
    process.exitCode = await runBatchCli(input, options);
  });

program
  .command('view')
  .description(t.view)
  .helpOption('-h, --help', t.help)
  .argument('<file>', t.viewFile)
  .option('-o, --out <file>', t.viewOut)
  .option('--timeout <ms>', t.timeout, positiveInteger)
  .option('--max-memory <MiB>', t.maxMemory, mebibytes)
  .option('--lang <language>', t.lang)
  .action(async (file: string, options: { out?: string; timeout?: number; maxMemory?: number }) => {
    const { runViewCli } = await import('./view-command.js');
    process.exitCode = await runViewCli(file, options);
  });

await program.parseAsync(process.argv);
