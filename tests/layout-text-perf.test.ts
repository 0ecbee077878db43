import { it } from 'vitest';
import { ingestText } from '../src/ingest/text.js';
import { cleanLines } from '../src/layout/lines.js';
import { readTextFlow } from '../src/layout/text.js';
import { normalise } from '../src/normalise/normalise.js';
it('perf', () => {
  const cases = {
    pipes: Array(50000).fill('|a|').join('\n'),
    titles: Array(50000).fill('Nội dung').join('\n'),
    titles2: Array(50000).fill('Nội dung\n\nThời gian\n\nSTT').join('\n'),
    labels: 'STT\n\nNội dung\n\nThời gian\n\n' + Array.from({length: 50000}, (_, i) => `${i + 1}\n\nViệc ${i}\n\nNăm 2025\n`).join('\n'),
  };
  for (const [k, v] of Object.entries(cases)) {
    const c = cleanLines(normalise(ingestText(new TextEncoder().encode(v))).lines);
    const t = performance.now();
    const flow = readTextFlow(c.lines, c.furniture);
    console.log(k, Math.round(performance.now() - t), 'ms', flow.length);
  }
}, 120000);
