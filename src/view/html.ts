import { createHash } from 'node:crypto';

/**
 * Helpers for writing self-contained HTML pages: every page of kehoach (the
 * plan view, and later the batch report) is one file with its CSS, script and
 * data inline, and a Content-Security-Policy that lets nothing else load or run.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value → HTML. A plan's text is untrusted: everything taken from it goes through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Data for a `<script type="application/json">` element. `<` is written as
 * `\u003c`, so no string in the data can close the element (`</script>`) or
 * open a comment; U+2028/U+2029 are escaped for older JSON readers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sha256Source(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/**
 * The page's policy: nothing from the network, and only the page's own style
 * and script (by hash) run. Were escaping ever to miss a `<script>` in a plan's
 * text, the browser would still refuse to run it.
 */
export function contentSecurityPolicy(styles: string[], scripts: string[]): string {
  return [
    "default-src 'none'",
    `style-src ${styles.map(sha256Source).join(' ')}`,
    `script-src ${scripts.length ? scripts.map(sha256Source).join(' ') : "'none'"}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface PageParts {
  title: string;
  /** The page's whole stylesheet. */
  css: string;
  /** The page's whole script; it runs after the body is parsed. */
  script: string;
  /** The body's HTML, already escaped. */
  body: string;
  /** Embedded as JSON in `<script type="application/json" id="data">`; the script reads it with JSON.parse. */
  data: unknown;
  lang?: string;
}

/**
 * A page cut where its data goes: `head`, then the data as jsonForScript
 * writes it, then `tail`. For data too large to hold as one string, written a
 * piece at a time between the two (the archive report). `dataType` is the data
 * element's type (default application/json); whatever is written there must
 * not contain `<`.
 */
export function pageAround(parts: Omit<PageParts, 'data'> & { dataType?: string }): { head: string; tail: string } {
  const csp = contentSecurityPolicy([parts.css], [parts.script]);
  const head = [
    '<!doctype html>',
    `<html lang="${escapeHtml(parts.lang ?? 'vi')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="kehoach">',
    // No favicon request: the page asks nothing of any server.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${parts.css}</style>`,
    '</head>',
    '<body>',
    parts.body,
    `<script type="${escapeHtml(parts.dataType ?? 'application/json')}" id="data">`,
  ].join('\n');
  const tail = ['</script>', `<script>${parts.script}</script>`, '</body>', '</html>', ''].join('\n');
  return { head, tail };
}

/** One self-contained HTML document. */
export function htmlPage(parts: PageParts): string {
  const { head, tail } = pageAround(parts);
  return `${head}${jsonForScript(parts.data)}${tail}`;
}
