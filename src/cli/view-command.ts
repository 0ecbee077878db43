import { readFile, writeFile } from 'node:fs/promises';
import { KehoachError, fileReadError, isKehoachError } from '../errors.js';
import { outputError } from '../batch/fs-errors.js';
import type { PlanDocument } from '../schema/document.js';
import { reason } from '../messages.js';
import { cliLanguage, errorLine, textsFor } from './texts.js';
import { limitsFromOptions } from './limits.js';

const language = cliLanguage();
const t = textsFor(language);

/**
 * `kehoach view <file> [-o out.html]`: one plan as one self-contained HTML
 * page. <file> is a plan (.pdf, .docx, .doc, .txt: parsed as by `parse`) or a
 * PlanDocument already written by `parse` (.json). The page goes to
 * `<file>.html` beside the input unless -o names another file, or `-` for stdout.
 */
export interface ViewCliOptions {
  out?: string;
  timeout?: number;
  maxMemory?: number;
}

async function readPlanJson(file: string): Promise<PlanDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw fileReadError(error).withFile(file);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KehoachError('CORRUPT_INPUT', reason('notJson'), { file, details: { cause: (error as Error).message } });
  }
  const { PlanDocumentSchema } = await import('../schema/document.js');
  const checked = PlanDocumentSchema.safeParse(value);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new KehoachError('CORRUPT_INPUT', reason('notPlanDocument'), { file, details: { issues } });
  }
  return checked.data;
}

/** The default output: the input's name with `.html` added, beside it (plan.pdf → plan.pdf.html, so plan.docx's page does not overwrite it). */
export function defaultViewOutput(file: string): string {
  return `${file}.html`;
}

/** Runs the command; returns the process exit code. */
export async function runViewCli(file: string, options: ViewCliOptions): Promise<number> {
  try {
    const document = /\.json$/i.test(file)
      ? await readPlanJson(file)
      : await (await import('../parse.js')).parse(file, {
          limits: limitsFromOptions(options),
        });
    const { renderPlanView } = await import('../view/plan.js');
    const html = renderPlanView(document);
    const out = options.out ?? defaultViewOutput(file);
    if (out === '-') {
      process.stdout.write(html);
      return 0;
    }
    try {
      await writeFile(out, html);
    } catch (error) {
      throw outputError(error, out);
    }
    process.stderr.write(`kehoach: ${t.wroteSize(out, Math.ceil(Buffer.byteLength(html) / 1024))}\n`);
    return 0;
  } catch (error) {
    if (isKehoachError(error)) {
      process.stderr.write(errorLine(error, language));
      return error.exitCode;
    }
    throw error;
  }
}
