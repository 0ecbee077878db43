// PDF: pdf.js text extraction alone (the same function ingest calls) against the full parse of the same files, round by round.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../dist/index.js';
import { PDF_DOCUMENT_OPTIONS, ingestPdf, loadPdfJs, pageTextContents, setBoldFaceLookup } from '../../dist/ingest/pdf.js';
import { DEFAULT_LIMITS } from '../../dist/limits.js';
import { fixtures, median, names, seconds } from './common.mjs';

const ROUNDS = 15;
const WARM_UP_ROUNDS = 3;
/** Times each pass runs in a round: one timing of a pass is much of this machine's noise, and the round's ratio divides sums. */
const CYCLES = 2;

/** Median and range of per-round values. */
const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
/** A spread as text: its median (followed by `unit`) and its range. */
const spreadText = ({ median: m, min, max }, unit = '') => `${m.toFixed(2)}${unit} (range ${min.toFixed(2)}–${max.toFixed(2)})`;

/**
 * The orders the passes run in, a balanced Latin square (Williams design):
 * over its `n` rows (`n` even) every pass runs once in every position and
 * once right after every other pass. A pass runs in the state the one before
 * it left: its garbage, its background work, or an idle process (the
 * isolated parse runs in a child). So every pass gets every neighbour
 * equally often, not always the same two.
 */
function balancedOrders(n) {
  const first = [0];
  for (let low = 1, high = n - 1; first.length < n; low++, high--) {
    first.push(low);
    if (first.length < n) first.push(high);
  }
  return Array.from({ length: n }, (_, shift) => first.map((pass) => (pass + shift) % n));
}

export async function measurePdf() {
  const { getDocument } = await loadPdfJs();
  const pdfs = names.map((n) => readFileSync(join(fixtures, `${n}.pdf`)));
  let pageCount = 0;
  async function pdfjsAlonePass() {
    pageCount = 0;
    for (const bytes of pdfs) {
      const task = getDocument({ data: new Uint8Array(bytes), ...PDF_DOCUMENT_OPTIONS });
      const document = await task.promise;
      await pageTextContents(document);
      pageCount += document.numPages;
      await document.destroy();
    }
  }
  // Ingestion alone, the bold-face lookup included: where the full parse's time goes, pdf.js's own side or the stages after.
  async function ingestionPass() {
    for (const bytes of pdfs) await ingestPdf(new Uint8Array(bytes), DEFAULT_LIMITS);
  }
  // On this thread, as pdf.js alone runs: the ratio compares like with like.
  async function fullParsePass() {
    for (const [i, bytes] of pdfs.entries()) await parse(new Uint8Array(bytes), { name: `${names[i]}.pdf`, isolate: false });
  }
  async function fullParseWithoutBoldPass() {
    setBoldFaceLookup(false);
    try {
      await fullParsePass();
    } finally {
      setBoldFaceLookup(true);
    }
  }
  // As `parse` runs by default: each document in a child process, the bytes sent there and the document sent back.
  // Its child waits idle while a round's other passes run (under a second); past IDLE_MS (5 s) of src/sandbox/children.ts
  // it would be ended, and every pass would start a new one.
  async function isolatedParsePass() {
    for (const [i, bytes] of pdfs.entries()) await parse(new Uint8Array(bytes), { name: `${names[i]}.pdf` });
  }
  // Interleaved passes: this shared machine drifts, and within a round every pass sees the same drift.
  // pdf.js alone is timed twice: the ratio of its two timings is the method's own error, which a difference must exceed.
  const passes = [pdfjsAlonePass, ingestionPass, fullParsePass, fullParseWithoutBoldPass, isolatedParsePass, pdfjsAlonePass];
  for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const pass of passes) await pass();
  const times = passes.map(() => []);
  // A round runs the passes CYCLES times, each time in the next order of a balanced Latin square, and sums each
  // pass's timings.
  const orders = balancedOrders(passes.length);
  for (let round = 0; round < ROUNDS; round++) {
    const roundTimes = passes.map(() => 0);
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      for (const i of orders[(round * CYCLES + cycle) % orders.length]) roundTimes[i] += await seconds(passes[i]);
    }
    for (const [i, time] of roundTimes.entries()) times[i].push(time);
  }
  const [alone, ingestion, full, withoutBold, isolated, aloneAgain] = times;
  /** Per-round ratios of pdf.js alone's time to a pass's. */
  const ratioToAlone = (passTimes) => spread(alone.map((a, i) => a / passTimes[i]));
  const pagesPerSecond = (passTimes) => `${((CYCLES * pageCount) / median(passTimes)).toFixed(1)} pages/s`;

  return {
    pageCount,
    rows: [
      ['pdf.js text extraction alone', pagesPerSecond(alone), `median of ${ROUNDS} rounds`],
      [
        'pdf.js alone, timed again (the method\'s own error)',
        pagesPerSecond(aloneAgain),
        `ratio ${spreadText(ratioToAlone(aloneAgain))} of the first timing: the same work, 1 but for this machine's noise`,
      ],
      ['PDF ingestion alone (lines, segments, the bold-face lookup)', pagesPerSecond(ingestion), `ratio ${spreadText(ratioToAlone(ingestion))} of pdf.js alone; no stage after ingestion`],
      ['Full PDF parse (same files, same thread)', pagesPerSecond(full), `ratio ${spreadText(ratioToAlone(full))} of pdf.js alone; aim ≥ 0.8`],
      ['Full PDF parse without the bold-face lookup', pagesPerSecond(withoutBold), `ratio ${spreadText(ratioToAlone(withoutBold))} of pdf.js alone; aim ≥ 0.85`],
      [
        'Full PDF parse, isolated (the default)',
        pagesPerSecond(isolated),
        `${spreadText(spread(isolated.map((t, i) => t / full[i])), '×')} the full parse's time on this thread; each document in a child process, its time and memory watched`,
      ],
    ],
    notes: [
      `- **How the PDF ratio is computed.** There are six passes, each over
  the ${names.length} corpus PDFs: pdf.js alone, ingestion alone (pdf.js,
  then lines and the bold-face lookup, no later stage), the full parse on
  this thread, the same without the bold-face lookup, the isolated parse,
  and pdf.js alone again. Each of ${ROUNDS} rounds (after
  ${WARM_UP_ROUNDS} unmeasured runs of the passes) runs all six, one after
  the other, ${CYCLES} times, and a pass's time in the round is the sum of
  its ${CYCLES} timings. A round's ratio is pdf.js alone's time over the
  other pass's in that round, and the table gives the median and the range
  of the ${ROUNDS} ratios. Per-round ratios cancel the drift of this shared
  machine, which medians taken apart do not.
  The runs take their orders in turn from a balanced Latin square: over six
  runs, every pass runs once in every position and once right after every
  other pass. A pass runs in the state the one before it left (its garbage,
  its background work, or a process left idle by the isolated parse, which
  works in a child), so each must get every neighbour equally often.
  The second timing of pdf.js alone does the same work as the first: its
  ratio shows the method's own error, and a difference between two ratios
  smaller than that says nothing.
  Until this version a round ran the passes once, in an order reversed every
  other round: pdf.js alone always ran next to itself or ingestion, and its
  second timing, put last, next to itself or the idle isolated parse. Their
  ratio read 0.85 to 1.01 over five runs of the same build, the full parse's
  0.66 to 0.80 and, without the bold-face lookup, 0.72 to 0.85. This way,
  four runs read 0.97 to 1.04, 0.73 to 0.78 and 0.74 to 0.80. (These figures,
  and those of the next paragraph, were taken on the three issued plans
  only, before the bench read the whole corpus.)
  Passes are timed over all the corpus PDFs, not one PDF at a time with the passes
  interleaved, although that would be steadier: the full parse's garbage
  and background work (scavenges, concurrent marking and compiling) then
  spill into the pdf.js pass that follows it. Timed that way, pdf.js
  alone's scavenges took up to 1.6 ms a round more and the full parse's
  less, and the ratios read 0.82–0.85 with the bold-face lookup and
  0.87–0.92 without; timed in blocks of nine documents a pass, 0.69–0.72 and
  0.78–0.79 (each pass then pays for nearly all its own garbage, but the
  machine drifts more within a round). Passes over the corpus PDFs sit
  between the two: most of a pass's cost is its own, and a round is short.
  The isolated parse (each document in a
  child process, as \`parse\` runs by default) is given as a multiple of the full parse's time
  on this thread in its round: the rest is hashing, sending the bytes and the
  document, and a child idle between passes. The child's heap is capped at
  the document's memory limit (1 GiB by default), and V8 collects a heap
  capped under 2 GiB sooner than this process's; told to grow its heap as
  an uncapped one may (src/sandbox/children.ts), the child's multiple went
  from 1.5–1.8 to 1.1–1.3 here (six runs each).`,
      `- **What the PDF ratio compares.** "pdf.js alone" runs the very function
  ingestion uses to read page text (eight pages in flight, so one page is
  parsed while another's streams inflate off the main thread), with pdf.js
  loaded and configured as ingestion loads and configures it. The full parse
  adds ingestion's own work (lines, segments, legacy fonts), the operator
  lists of the pages that may hold a table (for their rulings), the bold-face
  lookup (the operator list of one short page per document, sometimes two,
  which is how pdf.js names its fonts) and the pipeline after ingestion.`,
      `- **Fonts are named without compiling glyphs.** pdf.js in Node defaults to
  \`disableFontFace\`, and then an operator list compiles the outline of every
  glyph on the page and sends each over, for a renderer that cannot install
  fonts. Ingestion gives pdf.js a stand-in document that keeps the fonts it
  "installs", so the operator list sends each font once, named, and no font
  program is compiled: about half of an operator list's cost, and no glyph
  compiler runs on untrusted font programs. pdf.js then encodes each font it
  sends in base64, through \`Uint8Array.prototype.toBase64\`, which Node 20
  lacks and core-js adds in JavaScript, a character at a time; that call is
  answered by Buffer's native encoder (\`src/ingest/natives.ts\`), which
  halved the bold-face lookup's operator list.`,
      `- **No image is decoded.** An operator list decodes every image its page
  paints, and the page the bold-face lookup prefers, the short last one, is
  where a plan carries its seal and signature scans. pdf.js is run with
  \`maxImageSize: 0\`, so images are dropped from operator lists unread; text
  and strokes are all ingestion uses. Nor are annotations read (a signed
  plan's signature widget and its picture): operator lists are asked for
  the page's own content only. (The corpus PDFs carry no images or
  annotations, so the ratio above does not show this.)`,
      `- **The bold-face lookup's pages are asked for at once.** Which pages
  name the faces it needs is known from their text, so they are chosen
  before any is read and asked for together: one page's content stream
  inflates on the thread pool while another's operators are read (pdf.js's
  worker runs on the main thread), and the document's lines are built while
  the streams inflate, rather than after each page in turn.`,
      `- **Ingestion's own work costs next to nothing.** With the bold-face
  lookup off, ingestion costs about what pdf.js alone does: items are grouped
  into lines by looking back over the last lines only (items come top down),
  a line is split into segments once and reused where no table ruling cuts
  it, the table test reads a line's words only when it has two runs or more,
  and the operator lists of the pages that may hold a table are asked for at
  once. What remains between the ratio and 1 is the bold-face lookup's
  operator lists (a page per document, sometimes two) and the stages after
  ingestion: the ingestion row holds the first, and the step from it to the
  full parse's ratio the second.`,
      `- **pdf.js loads without the canvas package.** pdf.js requires
  @napi-rs/canvas as it loads (a native module that registers the system's
  fonts) for three classes only drawing uses. Ingestion installs the
  package's pure-JavaScript DOMMatrix and defers Path2D and ImageData to their
  first use, so reading text never loads the native part. pdf.js also reads
  Node's \`Response\` as it loads (to add a method its network streams use),
  which loads Node's whole fetch implementation; while it loads, it reads a
  stand-in instead, and Node's global is put back unread. The bundles loaded
  are pdf.js's minified ones, the same code with a third less to compile.`,
      `- **pdf.js and the rest of the process.** pdf.js's legacy build brings
  core-js, which on Node 20 replaces \`Array.prototype.push\`, \`JSON.parse\`
  and \`JSON.stringify\` process-wide with polyfills three to twenty times
  slower. kehoach keeps the engine's functions from the moment it is loaded
  and puts them back after loading pdf.js and before every in-process parse,
  also when the application loaded pdf.js first (then push and stringify
  come from a fresh realm).`,
    ],
  };
}
