// Cold start: what the command line costs on top of starting node, for --help and for one-page plans.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixtures, median, root } from './common.mjs';

const ROUNDS = 15;
const cli = join(root, 'dist', 'cli', 'main.js');

/** Seconds one run of `node …args` takes, from spawn to exit; its output is discarded, a failure stops the benchmark. */
function run(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return seconds;
}

export async function measureColdStart() {
  const commands = {
    node: ['-e', '0'],
    help: [cli, '--help'],
    pdf: [cli, 'parse', join(fixtures, 'hue-2026-page1.pdf')],
    text: [cli, 'parse', join(fixtures, 'hue-2026-page1.txt')],
  };
  // One round unmeasured: the files reach the page cache.
  for (const args of Object.values(commands)) run(args);
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  // Interleaved: every round runs each command once, so that the shared machine's drift falls on all of them alike.
  for (let round = 0; round < ROUNDS; round++) for (const [name, args] of Object.entries(commands)) times[name].push(run(args));
  /** Median over the rounds of (command − `node -e 0` of the same round), with the range. */
  const extra = (name) => {
    const deltas = times[name].map((t, i) => t - times.node[i]);
    return { median: median(deltas), min: Math.min(...deltas), max: Math.max(...deltas) };
  };
  const row = (label, name, aim) => {
    const { median: m, min, max } = extra(name);
    return [label, `+${m.toFixed(3)} s (range ${min.toFixed(3)} to ${max.toFixed(3)})`, `median ${median(times[name]).toFixed(3)} s; aim ≤ +${aim} s`];
  };
  return {
    rows: [
      ['`node -e 0` (the reference)', `${median(times.node).toFixed(3)} s`, `median of ${ROUNDS} rounds`],
      row('`kehoach --help`, over `node -e 0`', 'help', '0.15'),
      row('`kehoach parse` of a one-page PDF, over `node -e 0`', 'pdf', '0.35'),
      row('`kehoach parse` of a one-page text, over `node -e 0`', 'text', '0.35'),
    ],
    notes: [
      `- **How cold start is measured.** ${ROUNDS} rounds, each running \`node -e 0\`,
  \`kehoach --help\` and \`kehoach parse\` of the first page of hue-2026 as PDF
  and as text once, as fresh processes, output discarded. Each figure is the
  median over the rounds of the command's time minus that round's \`node -e 0\`,
  with the range over the rounds. The unmeasured first round also fills the
  child process's code cache (\`~/.cache/kehoach\`, see below), as a user's
  first parse does: the figures are those of every parse after it.`,
      `- **Where a cold parse goes.** \`kehoach parse\` runs the document in a
  child process (its time and memory bounded, killed alone past either), so a
  cold parse is two node start-ups, the stages' code, pdf.js for a PDF, and
  the first, unoptimised run of every function on the document. The command
  line starts that child before it loads anything of its own but the child
  processes' pool (commander, the parse entry come after), with the heap its
  --max-memory asks for, so the two start-ups
  run side by side instead of one after the other. The child runs one
  bundled script (\`scripts/bundle-sandbox.mjs\`: the stages and the part of
  zod they use, where loading some 150 modules one by one cost more than
  parsing the page), and pdf.js as a second one when a PDF comes; both are
  compiled from the code V8 stored for them after an earlier parse
  (\`src/sandbox/code-cache.ts\`: node 20 keeps no such cache for modules,
  and compiling them cost some 0.1 s of a PDF's cold parse). The child
  starts without the extra CA certificates an environment may name
  (\`NODE_EXTRA_CA_CERTS\`, read at every node start: 40 ms here; the child
  opens no connection), without node:crypto (the parent hashes the document
  and hands the child its SHA-256) and without iconv-lite (loaded at the
  first text that is not UTF-8). Its patterns run interpreted for their first
  50 runs (a one-page plan runs most only a few times; V8 would compile each
  to machine code at its second), and it compiles no Unicode-wide letter class: the
  patterns run on every paragraph read \`\\p{L}\` over the scripts plans are
  written in (\`src/text/letters.ts\`). pdf.js loads from its minified
  bundles, without the native canvas package and without Node's fetch (see
  the PDF notes); \`--help\` and \`batch\` load none of the parser.`,
    ],
  };
}
