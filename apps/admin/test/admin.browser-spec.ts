import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { type RunningApp, startApp, testEnv } from '../../api/test/support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { describeInBrowser, launchBrowser, openPage, screenshot, seriousAxeViolations, type WatchedPage } from '../../widget/test/browser.js';

const CLI = resolve('dist/apps/api/src/cli.js');
const EMAIL = 'ops@calpe.example';
const PASSWORD = 'a long admin passphrase';
const SLOW = 120_000;
const PAGES: Array<[link: string, heading: string]> = [
  ['Sessions', 'Sessions'],
  ['Conversations', 'Conversations'],
  ['Widget', 'Widget versions'],
  ['Backups', 'Backups'],
  ['Alerts', 'Alerts'],
  ['Mistral usage', 'Mistral usage'],
  ['Feedback', 'Feedback and gaps'],
  ['Places', 'Places'],
  ['Users', 'Users'],
  ['Settings', 'Settings'],
  ['Dashboard', 'Dashboard'],
];

/**
 * The admin UI in Debian's Chromium on the real server (its built files under /admin, the admin
 * API behind them), on a real SQLite file with real chat turns: sign-in by keyboard, every page
 * under the strict CSP and axe, a deploy seen by the demo page, a cleanup dry run.
 */
describeInBrowser('admin UI in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let env: Record<string, string>;
  let watched: WatchedPage[] = [];

  const holibot = (args: string[], input = '') => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env, LOG_LEVEL: 'error' },
      encoding: 'utf8',
      input,
    });
    if (result.status !== 0) throw new Error(`holibot ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  beforeAll(async () => {
    env = testEnv(freshSqliteDatabase(), { RATE_LIMIT_ENABLED: 'false' });
    [app, browser] = await Promise.all([startApp(env), launchBrowser()]);
    holibot(['admin', 'create', '--email', EMAIL], `${PASSWORD}\n`);
    // Real chat turns for the dashboard: three answered, one that finds nothing.
    for (const query of ['pizza in Calpe', 'beaches for dogs', 'playas', 'xyzzy frobnicate']) {
      await fetch(`${app.url}/api/v1/chat/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    }
    // A newer widget version, live: 1.0.0 (the build published at start) is the older one.
    const dir = mkdtempSync(join(tmpdir(), 'holibot-build-'));
    cpSync('dist/widget', dir, { recursive: true });
    writeFileSync(join(dir, 'element/main.js'), `${readFileSync(join(dir, 'element/main.js'), 'utf8')}\n// 1.0.1\n`);
    holibot(['widget', 'publish', dir, '--notes', 'a newer build']);
    holibot(['widget', 'deploy', '1.0.1']);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    // A 401 is the UI asking whether it is signed in (GET auth/me) and the wrong password: expected,
    // and Chromium logs every failed response. Anything else (a CSP violation, a 404, an exception) is not.
    const problems = watched.flatMap((w) => w.problems).filter((problem) => !problem.includes('status of 401 (Unauthorized)'));
    await Promise.all(watched.map((w) => w.close()));
    watched = [];
    expect(problems).toEqual([]);
  });

  async function open(options: Parameters<typeof openPage>[1] = {}): Promise<Page> {
    const w = await openPage(browser, options);
    watched.push(w);
    return w.page;
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${app.url}/admin/`);
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }

  it(
    'signs in by keyboard alone after a wrong password, and the dashboard charts the real chat turns',
    async () => {
      const page = await open();
      await page.goto(`${app.url}/admin/`);
      await page.waitForURL(/\/admin\/login/);
      // Tab to the e-mail field, as a keyboard user does.
      for (let i = 0; i < 6 && !(await page.evaluate(() => document.activeElement?.getAttribute('type') === 'email')); i++) await page.keyboard.press('Tab');
      await page.keyboard.type(EMAIL);
      await page.keyboard.press('Tab');
      await page.keyboard.type('not the password');
      await page.keyboard.press('Enter');
      await page.getByRole('main').getByText('Wrong e-mail or password.').waitFor();
      await page.getByLabel('Password').focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(page.url()).toBe(`${app.url}/admin/`);
      // uPlot draws on canvases; the figures come from the four turns.
      await page.locator('canvas').first().waitFor();
      expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
      await expect(page.locator('main').innerText()).resolves.toMatch(/\b4\b/);
      await screenshot(page, 'admin-dashboard.png');
    },
    SLOW,
  );

  it(
    'every page renders under its strict CSP, is axe-clean and usable at tablet width',
    async () => {
      // axe measures with inline styles: its own context without the CSP (the other tests keep it).
      const page = await open({ bypassCSP: true });
      await signIn(page);
      for (const [link, heading] of PAGES) {
        await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.waitForLoadState('networkidle');
        expect([heading, await seriousAxeViolations(page)]).toEqual([heading, []]);
        await screenshot(page, `admin-${link.toLowerCase().replace(/\s+/g, '-')}.png`);
      }
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-dashboard-tablet.png');
    },
    SLOW * 2,
  );

  it(
    'deploys the older widget version, and the demo page loads it at its next load',
    async () => {
      const page = await open();
      await signIn(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Widget', exact: true }).click();
      await page
        .getByRole('main')
        .getByText(/Version 1\.0\.1 is live/)
        .waitFor();
      await page.getByRole('button', { name: 'Deploy 1.0.0' }).click();
      await page.getByRole('button', { name: 'Yes, deploy' }).click();
      await page.getByRole('main').getByText('Version 1.0.0 is live (it replaced 1.0.1).').waitFor();
      await screenshot(page, 'admin-widget-deployed.png');

      const demo = await open();
      const element = demo.waitForRequest((request) => new URL(request.url()).pathname.endsWith('/holi-bot-element.js'), { timeout: 15_000 });
      await demo.goto(`${app.url}/`);
      expect(new URL((await element).url()).pathname).toBe('/widget/v/1.0.0/holi-bot-element.js');
      await expect(demo.locator('footer').innerText()).resolves.toContain('(widget 1.0.0)');
    },
    SLOW,
  );

  it(
    'runs a cleanup dry run from the sessions page and says what it would delete',
    async () => {
      const page = await open();
      await signIn(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Sessions', exact: true }).click();
      await page.getByRole('button', { name: 'Run cleanup now' }).click();
      await page
        .getByRole('main')
        .getByText(/would be deleted|Nothing to delete/)
        .waitFor();
      await screenshot(page, 'admin-cleanup-dry-run.png');
      // Nothing was deleted by the dry run: the conversations are all there.
      await page.getByRole('navigation').getByRole('link', { name: 'Conversations', exact: true }).click();
      await page.getByRole('main').getByText('pizza in Calpe').waitFor();
      await sleep(0);
    },
    SLOW,
  );
});
