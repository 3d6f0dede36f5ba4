import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { ARTIFACTS, browserAvailable } from './browser.js';

// The widget in engines other than Chromium, each driven by its own protocol, behind one small
// Driver interface: Firefox (Debian's firefox-esr) by puppeteer-core over WebDriver BiDi; WebKit
// (Debian's webkit2gtk-driver: WebKitWebDriver and MiniBrowser, under xvfb-run) by webdriverio
// over classic W3C WebDriver. No browser is downloaded.

/**
 * The widget's parts, as selectors inside <holi-bot>'s open shadow root (`host` is the element
 * itself). The one place to adjust when the UI changes.
 */
export const UI = {
  host: 'holi-bot',
  launcher: '.launcher',
  dialog: '[role="dialog"]',
  input: '.input',
  /** The header's "new conversation" button, then the confirmation's "Start new". */
  newConversation: '.bar .icon.new',
  confirmNew: '.confirm .pill.solid',
  /** The header's last icon button. */
  close: '.bar .icon:last-of-type',
  /** The greeting, then one per answer. */
  botBubbles: '.thread > .msg.bot',
  errors: '.thread > .msg.error',
  userTexts: '.thread > .msg.user .text',
  /** One list per answer that has places; cards are inside. */
  cardLists: '.cards',
  card: '.card',
  suggestions: '.chip',
  /** The log is busy from the question until the answer is complete. */
  answered: '.log[aria-busy="false"]',
} as const;

/** What a test does with a page, the same in every engine. Selectors are inside <holi-bot>'s shadow root (UI). */
export interface Driver {
  readonly engine: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The page's viewport (not the window) becomes width × height CSS pixels. */
  setViewport(width: number, height: number): Promise<void>;
  /** Clicks the first match with the engine's own input events. */
  click(selector: string): Promise<void>;
  /** Types into the first match with the engine's own key events, then presses Enter. */
  typeAndEnter(selector: string, text: string): Promise<void>;
  /** Runs `fn` in the page (it is serialized: no closures, values in `args`). */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;
  /** Waits until `fn` returns something truthy in the page; `what` names it in the timeout error. */
  waitFor<A extends unknown[]>(what: string, fn: (...args: A) => unknown, ...args: A): Promise<void>;
  /** Saves a screenshot of the viewport to test-artifacts/<engine>-<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Console errors, uncaught exceptions, unhandled rejections and CSP violations seen since the last call. */
  takeProblems(): Promise<string[]>;
  close(): Promise<void>;
}

const WAIT_MS = 15_000;

/** How many matches `selector` has in the widget's shadow root. */
export const count = (d: Driver, selector: string) =>
  d.evaluate((host, s) => document.querySelector(host)?.shadowRoot?.querySelectorAll(s).length ?? 0, UI.host, selector);

/** The visible text of each match of `selector` in the widget's shadow root. */
export const texts = (d: Driver, selector: string) =>
  d.evaluate(
    (host, s) => [...(document.querySelector(host)?.shadowRoot?.querySelectorAll<HTMLElement>(s) ?? [])].map((el) => el.innerText.trim()),
    UI.host,
    selector,
  );

/** The visible text of each card of the newest answer with places. */
export const lastCards = (d: Driver) =>
  d.evaluate(
    (host, lists, card) => {
      const last = [...(document.querySelector(host)?.shadowRoot?.querySelectorAll(lists) ?? [])].at(-1);
      return [...(last?.querySelectorAll<HTMLElement>(card) ?? [])].map((el) => el.innerText.trim());
    },
    UI.host,
    UI.cardLists,
    UI.card,
  );

/** Whether `selector` matches in the widget's shadow root: for waitFor. */
function present(host: string, selector: string): boolean {
  return !!document.querySelector(host)?.shadowRoot?.querySelector(selector);
}
export const waitForPart = (d: Driver, selector: string) => d.waitFor(`${selector} in <${UI.host}>`, present, UI.host, selector);
export const waitForGone = (d: Driver, selector: string) =>
  d.waitFor(`no ${selector} in <${UI.host}>`, (host, s) => !document.querySelector(host)?.shadowRoot?.querySelector(s), UI.host, selector);

/**
 * Records problems in the page (window.__holibotProblems) for takeProblems(). Serialized into
 * the page. In Firefox it runs before the page's own scripts; WebKit's classic WebDriver can
 * only run it once a page has loaded, so what goes wrong while loading is missed there.
 */
function watchProblems(): void {
  const w = window as unknown as { __holibotProblems?: string[] };
  if (w.__holibotProblems) return;
  const problems: string[] = (w.__holibotProblems = []);
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    problems.push(`console: ${args.map(String).join(' ')}`);
    error(...args);
  };
  addEventListener('error', (e) => problems.push(`page error: ${e.message}`));
  addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${String(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP: ${e.violatedDirective} refused ${e.blockedURI}`));
}
function drainProblems(): string[] {
  return (window as unknown as { __holibotProblems?: string[] }).__holibotProblems?.splice(0) ?? [];
}

function artifact(engine: string, name: string): `${string}.png` {
  mkdirSync(ARTIFACTS, { recursive: true });
  return resolve(ARTIFACTS, `${engine.toLowerCase()}-${name}.png`) as `${string}.png`;
}

// ---- Firefox: puppeteer-core over WebDriver BiDi ----

const FIREFOX = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';

/** Whether firefox-esr is there (TEST_REQUIRE_FIREFOX=1 or CI=true: required). */
export function firefoxAvailable(): boolean {
  const missing = existsSync(FIREFOX) ? null : `No Firefox at ${FIREFOX}: install Debian's firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH.`;
  return browserAvailable('Firefox', missing, 'TEST_REQUIRE_FIREFOX');
}

export async function launchFirefox(): Promise<Driver> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, defaultViewport: { width: 1280, height: 800 } });
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(watchProblems);
    const pending: string[] = [];
    const inShadow = (selector: string) => page.locator(`${UI.host} >>> ${selector}`).setTimeout(WAIT_MS);
    return {
      engine: 'Firefox',
      async goto(url) {
        pending.push(...(await page.evaluate(drainProblems)));
        await page.goto(url);
      },
      async reload() {
        pending.push(...(await page.evaluate(drainProblems)));
        await page.reload();
      },
      setViewport: (width, height) => page.setViewport({ width, height }),
      click: (selector) => inShadow(selector).click(),
      async typeAndEnter(selector, text) {
        await inShadow(selector).fill(text);
        await page.keyboard.press('Enter');
      },
      evaluate: (fn, ...args) => page.evaluate(fn as (...a: unknown[]) => never, ...args),
      async waitFor(what, fn, ...args) {
        try {
          await page.waitForFunction(fn as (...a: unknown[]) => unknown, { timeout: WAIT_MS, polling: 100 }, ...args);
        } catch (error) {
          throw new Error(`Firefox: waiting for ${what}: ${(error as Error).message}`, { cause: error });
        }
      },
      async screenshot(name) {
        const path = artifact('Firefox', name);
        await page.screenshot({ path });
        return path;
      },
      async takeProblems() {
        return pending.splice(0).concat(await page.evaluate(drainProblems));
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

// ---- WebKit: webdriverio over classic WebDriver to WebKitWebDriver, which runs MiniBrowser ----

const WEBKIT_DRIVER = process.env['WEBKIT_DRIVER_PATH'] ?? '/usr/bin/WebKitWebDriver';
const XVFB_RUN = process.env['XVFB_RUN_PATH'] ?? '/usr/bin/xvfb-run';
/** MiniBrowser lives in the webkit2gtk-4.1 library folder of the machine's architecture. */
const MINIBROWSER =
  process.env['MINIBROWSER_PATH'] ??
  readdirSync('/usr/lib')
    .map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`)
    .find((path) => existsSync(path)) ??
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Whether WebKitWebDriver, MiniBrowser and xvfb-run are there (TEST_REQUIRE_WEBKIT=1 or CI=true: required). */
export function webkitAvailable(): boolean {
  const absent = [WEBKIT_DRIVER, MINIBROWSER, XVFB_RUN].filter((path) => !existsSync(path));
  const missing = absent.length
    ? `No ${absent.join(', ')}: install Debian's webkit2gtk-driver and xvfb (apt-get install -y webkit2gtk-driver xvfb) or set WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_RUN_PATH.`
    : null;
  return browserAvailable('WebKit', missing, 'TEST_REQUIRE_WEBKIT');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

export async function launchWebKit(): Promise<Driver> {
  // MiniBrowser's toolbar keeps its window at least 447 px wide; a GTK style sheet without
  // minimum sizes lets it narrow to a phone's width.
  const config = mkdtempSync(join(tmpdir(), 'holibot-webkit-'));
  mkdirSync(join(config, 'gtk-3.0'));
  writeFileSync(join(config, 'gtk-3.0', 'gtk.css'), '* { min-width: 0; min-height: 0; padding: 0; margin: 0; }\n');
  const port = await freePort();
  // Its own process group (detached), so that whatever it starts can be ended with it; the sh
  // prints WebKitWebDriver's pid, so that it can be stopped first and xvfb-run can clean up.
  const child = spawn(XVFB_RUN, ['-a', '-s', '-screen 0 1400x1000x24', 'sh', '-c', 'echo "pid $$"; exec "$0" "$@"', WEBKIT_DRIVER, `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: config },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  const within = (ms: number, event: Promise<void>) => Promise.race([event, new Promise((done) => setTimeout(done, ms).unref())]);
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Nothing left of it.
    }
  };
  // Should the test process end without afterAll (an interrupted run), the group goes with it.
  process.once('exit', killGroup);
  const stop = async () => {
    const driverPid = Number(/pid (\d+)/.exec(output)?.[1]);
    if (driverPid && child.exitCode === null) process.kill(driverPid, 'SIGTERM');
    // xvfb-run then stops Xvfb and removes its files; MiniBrowser goes with the session or its display.
    await within(5000, exited);
    // Whatever is left of them; then their output pipes close.
    killGroup();
    await within(2000, closed);
    process.removeListener('exit', killGroup);
    rmSync(config, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}:\n${output}`);
      const ready = await fetch(`http://127.0.0.1:${port}/status`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port} in ${WAIT_MS} ms:\n${output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    // WebKitGTK's own capability, which webdriverio's types do not know.
    const capabilities: WebdriverIO.Capabilities & { 'webkitgtk:browserOptions': { binary: string; args: string[] } } = {
      'wdio:enforceWebDriverClassic': true,
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    };
    const browser = await remote({ hostname: '127.0.0.1', port, logLevel: 'error', waitforTimeout: WAIT_MS, capabilities });
    const pending: string[] = [];
    const inShadow = (selector: string) => browser.$(UI.host).shadow$(selector);
    const setWindow = async (width: number, height: number) => {
      await browser.setWindowSize(width, height);
      return browser.execute(() => [innerWidth, innerHeight]);
    };
    return {
      engine: 'WebKit',
      async goto(url) {
        pending.push(...(await browser.execute(drainProblems)));
        await browser.url(url);
        await browser.execute(watchProblems);
      },
      async reload() {
        pending.push(...(await browser.execute(drainProblems)));
        await browser.refresh();
        await browser.execute(watchProblems);
      },
      async setViewport(width, height) {
        // WebDriver sizes the window: take the toolbar's height (and any border) into account.
        let [w, h] = await setWindow(width, height);
        if (w !== width || h !== height) [w, h] = await setWindow(2 * width - w!, 2 * height - h!);
        if (w !== width || h !== height) throw new Error(`WebKit: the viewport is ${w}×${h}, not ${width}×${height}`);
      },
      async click(selector) {
        const el = inShadow(selector);
        await el.waitForClickable();
        await el.click();
      },
      async typeAndEnter(selector, text) {
        const el = inShadow(selector);
        await el.setValue(text);
        await el.addValue('\uE007'); // WebDriver's Enter key
      },
      evaluate: (fn, ...args) => browser.execute(fn as (...a: unknown[]) => never, ...args),
      async waitFor(what, fn, ...args) {
        await browser.waitUntil(async () => !!(await browser.execute(fn as (...a: unknown[]) => unknown, ...args)), {
          timeout: WAIT_MS,
          interval: 100,
          timeoutMsg: `WebKit: waiting for ${what}: timed out after ${WAIT_MS} ms`,
        });
      },
      async screenshot(name) {
        const path = artifact('WebKit', name);
        await browser.saveScreenshot(path);
        return path;
      },
      async takeProblems() {
        return pending.splice(0).concat(await browser.execute(drainProblems));
      },
      async close() {
        try {
          await browser.deleteSession();
        } finally {
          await stop();
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Engine {
  name: string;
  available: () => boolean;
  launch: () => Promise<Driver>;
}
export const FIREFOX_ENGINE: Engine = { name: 'Firefox', available: firefoxAvailable, launch: launchFirefox };
export const WEBKIT_ENGINE: Engine = { name: 'WebKit', available: webkitAvailable, launch: launchWebKit };
