import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Headless Chromium for the page tests: Debian's `chromium` package
 * (playwright-core brings no browser of its own). .ci/run installs it when
 * it is missing; a missing browser fails the tests, it never skips them.
 */
export const CHROMIUM = process.env.KEHOACH_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (as .ci/run does), or set KEHOACH_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM });
}

/** A page opened on a local HTML file, with everything it logs, throws and requests recorded. */
export interface OpenedPage {
  page: Page;
  url: string;
  /** Console messages of type error, and uncaught exceptions. */
  errors: string[];
  /** Every URL the page asked for, the file itself included. */
  requests: string[];
}

export async function openFile(browser: Browser, file: string, viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  // Any request but the page itself is refused (and recorded above): the page must need none.
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  return { page, url, errors, requests };
}

/** After a test: each page it opened logged no error and asked for nothing but itself; then it is closed. */
export async function closeCheckedPages(opened: OpenedPage[]): Promise<void> {
  for (const { page, url, errors, requests } of opened.splice(0)) {
    expect(errors, 'console errors').toEqual([]);
    expect(requests, 'requests').toEqual([url]);
    await page.close();
  }
}
