/**
 * A real browser for the page tests: Debian's Chromium (never a downloaded one) driven by
 * playwright-core, headless, with a fresh profile in a temporary folder, background networking
 * off and host names other than loopback unresolvable, at a phone-sized viewport.
 * `.ci/run` installs the `chromium` package when it is missing.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium; DECKHAND_CHROMIUM points elsewhere (e.g. another distribution's path). */
export const CHROMIUM_PATH = process.env['DECKHAND_CHROMIUM'] ?? '/usr/bin/chromium';

/** An iPhone-sized screen in CSS pixels. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** Where screenshots go (gitignored); CI can keep the folder as the run's artifacts. */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  // Nothing but loopback resolves: a page that tried to load anything external would fail.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export interface PhoneBrowser {
  context: BrowserContext;
  /** A new tab; console errors and page errors are collected in `problems`. */
  newPage(): Promise<{ page: Page; problems: string[] }>;
  /** Saves a screenshot as test-artifacts/<name>.png and returns its path. */
  screenshot(page: Page, name: string, options?: { selector?: string }): Promise<string>;
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh profile. Fails with what to install when it is missing. */
export async function launchPhoneBrowser(): Promise<PhoneBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}. Install Debian's package ` +
        '(sudo apt-get install -y chromium; .ci/run does this as root), or set ' +
        'DECKHAND_CHROMIUM to a Chromium binary.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'deckhand-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: PHONE_VIEWPORT,
      screen: PHONE_VIEWPORT,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timeout: 30_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      return { page, problems };
    },
    async screenshot(page, name, options = {}) {
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      if (options.selector) await page.locator(options.selector).screenshot({ path });
      else await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
