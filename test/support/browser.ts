/**
 * Headless Chromium driven by playwright-core, with a new empty profile, for tests that open a page as a
 * person would. Every console error, page error and failed request is recorded. Which Chromium: the one
 * `chromium-setup.ts` found for the run (the system's, else the one shipped in an npm package).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable found by the global set-up (`OLINPE_CHROMIUM`). */
export function chromiumPath(): string {
  const path = process.env.OLINPE_CHROMIUM;
  if (!path)
    throw new Error(
      process.env.OLINPE_CHROMIUM_MISSING ??
        'OLINPE_CHROMIUM is not set: run the tests through vitest (test/support/chromium-setup.ts)',
    );
  return path;
}

export interface Browser {
  context: BrowserContext;
  /** Opens a URL; `errors` collects console errors, page errors and failed requests; `requests` every URL asked. */
  open(url: string): Promise<{ page: Page; errors: string[]; requests: string[] }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'olinpe-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
  });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('requestfailed', (r) => errors.push(`failed ${r.url()}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url, { waitUntil: 'load' });
      return { page, errors, requests };
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
