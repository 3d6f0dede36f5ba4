import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve('test-artifacts');

/**
 * Whether a browser the browser suites need is there (`missing`: what is not, with how to install it).
 * Without it those suites are skipped with a loud notice, as the MySQL suites are; under CI=true
 * (or `requireVar`=1) a missing browser fails the run.
 */
export function browserAvailable(name: string, missing: string | null, requireVar: string): boolean {
  if (missing === null) return true;
  if (process.env['CI'] === 'true' || process.env[requireVar] === '1') throw new Error(`${name} is required for this run. ${missing}`);
  process.stderr.write(`\n${'!'.repeat(78)}\n!! ${missing}\n!! The ${name} browser test suites are SKIPPED (CI requires them).\n${'!'.repeat(78)}\n`);
  return false;
}

/** Whether Chromium is there (see browserAvailable; TEST_REQUIRE_CHROMIUM=1 requires it). */
export function chromiumAvailable(): boolean {
  const missing = existsSync(CHROMIUM) ? null : `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  return browserAvailable('Chromium', missing, 'TEST_REQUIRE_CHROMIUM');
}

let chromiumThere: boolean | undefined;
/**
 * `describe` where Chromium is there, `describe.skip` (after the notice) where it is not. Checked
 * when first called, not on import: the other engines' suites import this file too.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  chromiumThere ??= chromiumAvailable();
  (chromiumThere ? describe : describe.skip)(name, suite);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the network flags Chromium keeps calling Google's hosts, which this machine refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that remembers every console error, uncaught exception and CSP violation. */
export interface WatchedPage {
  page: Page;
  problems: string[];
  close: () => Promise<void>;
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, name);
  await page.screenshot({ path });
  return path;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page, as readable lines. axe is injected
 * over the DevTools protocol (the page's CSP does not govern it) on the first call; it sets
 * inline styles while it measures contrast, so open the page with `bypassCSP`.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** The widget's log is busy from a question until its final answer (streamed text comes before). */
export const answered = (page: Page) => page.locator('holi-bot .log[aria-busy="false"]').first().waitFor();

/** Types a question into the (first) widget's input, sends it, and waits for its whole answer. */
export async function ask(page: Page, question: string): Promise<void> {
  const answers = await page.locator('holi-bot .thread > .msg.bot').count();
  const input = page.getByRole('textbox', { name: 'Your question' }).first();
  await input.fill(question);
  await input.press('Enter');
  await page.locator('holi-bot .thread > .msg.bot').nth(answers).waitFor();
  await answered(page);
}
