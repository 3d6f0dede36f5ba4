import Database from 'better-sqlite3';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { type RunningApp, startApp, testEnv } from '../../api/test/support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import type { HoliBotElement } from '../src/app/host-api.js';
import { answered, ask, describeInBrowser, launchBrowser, openPage, screenshot, seriousAxeViolations, type WatchedPage } from './browser.js';

const LAUNCHER = /Chat with HoliBot/;
const SLOW = 90_000;
/**
 * A page made by page.route() has no network address, so Chromium's Local Network Access check
 * refuses its WebSocket to 127.0.0.1 and the widget answers over REST: that refusal is expected.
 */
const LOCAL_NETWORK_REFUSAL = /ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS|WebSocket connection to .* failed/;

/** A host page around `<holi-bot>` markup, served at the app's origin. */
function hostPage(body: string, { head = '', html = 'lang="en"' } = {}): string {
  return `<!doctype html><html ${html}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Host page</title><link rel="icon" href="data:,">${head}<script src="/widget/holi-bot.js" async></script></head>
  <body>${body}</body></html>`;
}

/**
 * The conversation, embedding, accessibility and feedback behaviours of issue 13 in Chromium, on
 * host pages of several kinds, against the real server on a real SQLite file.
 */
describeInBrowser('<holi-bot> on real host pages', () => {
  let app: RunningApp;
  let browser: Browser;
  let sqlitePath: string;
  let watched: WatchedPage[] = [];

  beforeAll(async () => {
    const database = freshSqliteDatabase();
    sqlitePath = database.type === 'sqlite' ? database.sqlitePath : '';
    [app, browser] = await Promise.all([startApp(testEnv(database, { RATE_LIMIT_ENABLED: 'false' })), launchBrowser()]);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    const problems = watched.flatMap((w) => w.problems).filter((p) => !LOCAL_NETWORK_REFUSAL.test(p));
    await Promise.all(watched.map((w) => w.close()));
    watched = [];
    expect(problems).toEqual([]);
  });

  async function open(
    path: string,
    body?: string,
    options: BrowserContextOptions & { head?: string; html?: string; csp?: string; route?: (page: Page) => Promise<void> } = {},
  ): Promise<Page> {
    const { head, html, csp, route, ...context } = options;
    const w = await openPage(browser, context);
    watched.push(w);
    await route?.(w.page);
    if (body !== undefined) {
      await w.page.route(`${app.url}${path}`, (route) =>
        route.fulfill({ contentType: 'text/html', headers: csp ? { 'Content-Security-Policy': csp } : {}, body: hostPage(body, { head, html }) }),
      );
    }
    await w.page.goto(`${app.url}${path}`);
    await w.page.waitForFunction(() => customElements.get('holi-bot') !== undefined);
    return w.page;
  }

  const input = (page: Page) => page.getByRole('textbox', { name: 'Your question' });

  /** Whether an element's box lies within the log's visible part (and the viewport). */
  const inView = (page: Page, selector: string) =>
    page
      .locator(selector)
      .last()
      .evaluate((el) => {
        const log = (el.getRootNode() as ShadowRoot).querySelector('.log')!.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return box.top >= log.top - 1 && box.top < log.bottom && box.top < innerHeight;
      });

  it(
    'three long answers in a row: each new question and the start of its answer are in view',
    async () => {
      const page = await open('/');
      await page.getByRole('button', { name: LAUNCHER }).click();
      for (const question of ['best restaurants in Calpe', 'museums in Calpe', 'beaches in Calpe']) {
        await ask(page, question);
        expect(await inView(page, 'holi-bot .msg.user')).toBe(true);
        expect(await inView(page, 'holi-bot .thread > .msg.bot')).toBe(true);
      }
      await screenshot(page, 'flow-three-answers.png');
    },
    SLOW,
  );

  it(
    'a finished answer is placed once: scrolled to its end (wheel, or Tab to its buttons), the log stays there while the visitor types',
    async () => {
      const page = await open('/');
      await page.getByRole('button', { name: LAUNCHER }).click();
      await ask(page, 'best restaurants in Calpe');
      const log = page.locator('holi-bot .log');
      const scrollTop = () => log.evaluate((el) => el.scrollTop);
      const placed = await scrollTop();
      // The answer is longer than the log: its end is below.
      expect(await log.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(placed + 40);
      await log.hover();
      await page.mouse.wheel(0, 5000);
      await page.waitForFunction(() => {
        const el = document.querySelector('holi-bot')!.shadowRoot!.querySelector('.log')!;
        return el.scrollHeight - el.scrollTop - el.clientHeight < 2;
      });
      // Arriving at the end lets the log follow again; it must not take the visitor back to the answer's start.
      await page.waitForTimeout(200);
      const end = await scrollTop();
      expect(end).toBeGreaterThan(placed + 40);
      // Typing re-renders the component, feedback changes the answer: the log must not go back to where the answer starts.
      await input(page).pressSequentially('and', { delay: 20 });
      await page.getByRole('button', { name: 'Helpful', exact: true }).click();
      await page.getByText('Thanks for your feedback!').waitFor();
      await page.waitForTimeout(100);
      expect(await scrollTop()).toBeGreaterThanOrEqual(end);

      // Keyboard: focusing the answer's feedback button scrolls it into view, and it stays there.
      await log.evaluate((el) => (el.scrollTop = 0));
      await page.getByRole('button', { name: 'Helpful', exact: true }).focus();
      const focused = await scrollTop();
      await input(page).pressSequentially(' more', { delay: 20 });
      await page.waitForTimeout(100);
      expect(await scrollTop()).toBe(focused);
    },
    SLOW,
  );

  it(
    'an answer that arrives while the visitor reads older messages leaves the log where it is and shows "1 new ↓", which brings it into view',
    async () => {
      // The server's frames of the second answer are held until the visitor has scrolled up.
      let holding = false;
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const page = await open('/', undefined, {
        // Before the page loads: the widget may open its socket early.
        route: (page) =>
          page.routeWebSocket(/\/api\/v1\/chat\/ws/, (ws) => {
            const server = ws.connectToServer();
            server.onMessage(async (message) => {
              if (holding) await held;
              ws.send(message);
            });
          }),
      });
      await page.getByRole('button', { name: LAUNCHER }).click();
      await ask(page, 'best restaurants in Calpe');
      holding = true;
      await input(page).fill('museums in Calpe');
      await input(page).press('Enter');
      await page.locator('holi-bot .msg.user').nth(1).waitFor();
      const log = page.locator('holi-bot .log');
      const scrollTop = () => log.evaluate((el) => el.scrollTop);
      await log.hover();
      await page.mouse.wheel(0, -400);
      await page.waitForFunction(() => document.querySelector('holi-bot')!.shadowRoot!.querySelector('.log')!.scrollTop < 400);
      await page.waitForTimeout(100);
      const reading = await scrollTop();

      release();
      await answered(page);
      await page.getByRole('button', { name: '1 new ↓' }).waitFor();
      expect(await scrollTop()).toBe(reading);
      await screenshot(page, 'flow-new-messages.png');

      await page.getByRole('button', { name: '1 new ↓' }).click();
      await page.getByRole('button', { name: '1 new ↓' }).waitFor({ state: 'detached' });
      expect(await inView(page, 'holi-bot .thread > .msg.bot')).toBe(true);
    },
    SLOW,
  );

  it(
    "the live region announces the bot's text once, without the cards; the log itself is not live; a new conversation clears it",
    async () => {
      const page = await open('/');
      await page.getByRole('button', { name: LAUNCHER }).click();
      const live = page.locator('holi-bot p[aria-live="polite"]');
      expect(await live.innerText()).toBe('');
      expect(await page.locator('holi-bot .log').getAttribute('aria-live')).toBe('off');
      await ask(page, 'best restaurants in Calpe');
      const announced = await live.innerText();
      expect(announced).toMatch(/^I found \d+ places in Calpe/);
      // The cards are there to browse: their buttons and badges are not read out.
      const card = page.locator('holi-bot .card').first();
      expect(announced).not.toContain(await card.locator('.badge').first().innerText());
      expect(announced).not.toMatch(/\bCall\b|\bMap\b|\*\*/);
      // A later render (feedback) does not announce the answer again.
      await page.getByRole('button', { name: 'Helpful', exact: true }).click();
      await page.getByText('Thanks for your feedback!').waitFor();
      expect(await live.innerText()).toBe(announced);
      await page.getByRole('button', { name: 'New conversation' }).click();
      await page.getByRole('button', { name: 'Start new' }).click();
      await page.locator('holi-bot .msg.user').waitFor({ state: 'detached' });
      expect(await live.innerText()).toBe('');
    },
    SLOW,
  );

  it(
    'with prefers-reduced-motion the panel opens and closes without animation; otherwise it fades out',
    async () => {
      const closeAndLook = (page: Page) =>
        page.locator('holi-bot .panel').evaluate(async (panel) => {
          const onOpen = panel.getAnimations().length;
          (panel.querySelector('[aria-label="Close chat"]') as HTMLElement).click();
          // The fade is started by the click itself (Web Animations), or not at all.
          const fading = panel.getAnimations().length > 0;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          return { onOpen, fading, openAfterOneFrame: panel.isConnected && panel.matches(':popover-open') };
        });
      const reduced = await open('/', undefined, { reducedMotion: 'reduce' });
      await reduced.getByRole('button', { name: LAUNCHER }).click();
      await reduced.getByRole('dialog').waitFor();
      expect(await closeAndLook(reduced)).toEqual({ onOpen: 0, fading: false, openAfterOneFrame: false });

      const moving = await open('/', undefined, { reducedMotion: 'no-preference' });
      await moving.getByRole('button', { name: LAUNCHER }).click();
      await moving.getByRole('dialog').waitFor();
      expect(await closeAndLook(moving)).toMatchObject({ fading: true });
      await moving.getByRole('dialog').waitFor({ state: 'detached' });
    },
    SLOW,
  );

  it(
    'removed and re-added after 1 s (three times): ask() and open() keep working, one launcher, one socket',
    async () => {
      const page = await open('/');
      const sockets: { closed: boolean }[] = [];
      page.on('websocket', (ws) => {
        const entry = { closed: false };
        sockets.push(entry);
        ws.on('close', () => (entry.closed = true));
      });
      await page.getByRole('button', { name: LAUNCHER }).click();
      await ask(page, 'museums in Calpe');
      for (let i = 0; i < 3; i++) {
        await page.evaluate(async () => {
          const element = document.querySelector('holi-bot')!;
          element.remove();
          await new Promise((resolve) => setTimeout(resolve, 1000));
          document.body.append(element);
        });
      }
      expect(await page.getByRole('button', { name: LAUNCHER }).count()).toBe(1);
      await page.evaluate(() => document.querySelector<HoliBotElement>('holi-bot')!.ask('beaches in Calpe'));
      await page.locator('holi-bot .cards').last().waitFor();
      await answered(page);
      // The history came back from the server, and the new question was answered.
      expect(await page.locator('holi-bot .msg.user .text').allInnerTexts()).toEqual(['museums in Calpe', 'beaches in Calpe']);
      await page.evaluate(() => window.closeHoliBot!());
      await page.evaluate(() => window.openHoliBot!());
      await page.getByRole('dialog').waitFor();
      await page.waitForTimeout(200);
      expect(sockets.filter((s) => !s.closed).length).toBeLessThanOrEqual(1);
    },
    SLOW,
  );

  describe.each([
    ['in the top layer', false],
    ['without popover support: in a container in <body>', true],
  ])('a transformed, clipped ancestor and a z-index 1000 bar cannot hide or trap the launcher and panel, %s', (_variant, noPopover) => {
    it(
      'both are at the corner, on top, and take the click; the container goes with the element',
      async () => {
        const page = await open(
          `/trapped-${noPopover ? 'body' : 'top'}.html`,
          `<div style="transform: translateZ(0); filter: blur(0); overflow: hidden; width: 40px; height: 40px; position: relative; z-index: 1">
            <holi-bot></holi-bot></div>
           <div id="bar" style="position: fixed; left: 0; right: 0; bottom: 0; height: 120px; z-index: 1000; background: #333; color: #fff">Cookie bar</div>`,
          noPopover ? { route: (page) => page.addInitScript(() => delete (HTMLElement.prototype as { showPopover?: unknown }).showPopover) } : {},
        );
        // What elementFromPoint finds over the widget: the shadow root's host.
        const drawnIn = noPopover ? 'SPAN' : 'HOLI-BOT';
        const launcher = page.getByRole('button', { name: LAUNCHER });
        const box = (await launcher.boundingBox())!;
        expect(box.width).toBeGreaterThan(40);
        const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
        expect(hit).toBe(drawnIn);
        expect(await launcher.evaluate((button) => button.matches(':popover-open'))).toBe(!noPopover);
        // Without popovers the widget is drawn in one container in <body> (the loader's is gone).
        expect(
          await page.evaluate(() => [
            document.querySelector('holi-bot')!.shadowRoot!.host.parentElement!.localName,
            document.querySelectorAll('body > span').length,
          ]),
        ).toEqual(noPopover ? ['body', 1] : ['div', 0]);
        await launcher.click();
        await page.getByRole('dialog').waitFor();
        const panel = (await page.getByRole('dialog').boundingBox())!;
        expect(panel.height).toBeGreaterThan(300);
        expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: panel.x + 20, y: panel.y + panel.height - 20 })).toBe(drawnIn);
        // Not under <holi-bot> without popovers: the locators look for the widget anywhere.
        const done = () => page.locator('.log[aria-busy="false"]').waitFor();
        await input(page).fill('museums in Calpe');
        await input(page).press('Enter');
        // The answer (a div), not the greeting (a p) that is there before it.
        await page.locator('.thread > div.msg.bot').last().waitFor();
        await done();
        await screenshot(page, `embed-${noPopover ? 'body-container' : 'top-layer'}.png`);

        // Removed: nothing of it stays on the page; back 1 s later, it works again.
        await page.evaluate(() => ((window as unknown as { bot: Element }).bot = document.querySelector('holi-bot')!));
        await page.evaluate(() => document.querySelector('holi-bot')!.remove());
        expect(await page.getByRole('button', { name: LAUNCHER }).count()).toBe(0);
        expect(await page.getByRole('dialog').count()).toBe(0);
        await page.waitForTimeout(1000);
        await page.evaluate(() => document.querySelector('div')!.append((window as unknown as { bot: Element }).bot));
        await page.evaluate(() => document.querySelector<HoliBotElement>('holi-bot')!.ask('beaches in Calpe'));
        await page.locator('.cards').last().waitFor();
        await done();
        expect(await page.locator('.msg.user .text').allInnerTexts()).toEqual(['museums in Calpe', 'beaches in Calpe']);
        expect(await page.evaluate(() => document.querySelectorAll('body > span').length)).toBe(noPopover ? 1 : 0);
      },
      SLOW,
    );
  });

  it(
    'on a right-to-left page the widget keeps left-to-right text; two elements keep their own corners and sessions',
    async () => {
      const page = await open(
        '/rtl.html',
        `<p>مرحبا بكم في كالبي</p><holi-bot></holi-bot><holi-bot position="left" session-key="second" title="Second guide"></holi-bot>`,
        { html: 'lang="ar" dir="rtl"' },
      );
      const launchers = page.getByRole('button', { name: LAUNCHER });
      expect(await launchers.count()).toBe(2);
      const [right, left] = [(await launchers.nth(0).boundingBox())!, (await launchers.nth(1).boundingBox())!];
      expect(right.x).toBeGreaterThan(left.x + left.width);
      await launchers.nth(0).click();
      await ask(page, 'best restaurants in Calpe!');
      const bubble = page.locator('holi-bot').first().locator('.msg.user');
      expect(await bubble.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(await bubble.innerText()).toContain('best restaurants in Calpe!');
      await screenshot(page, 'embed-rtl.png');
      const keys = await page.evaluate(() => Object.keys(localStorage));
      expect(keys).toEqual([expect.stringMatching(/^holibot:session:http.*\/api\/v1$/)]);
      // The second widget has no conversation of its own yet.
      await page.evaluate(() => document.querySelectorAll<HoliBotElement>('holi-bot')[1]!.open());
      await page.getByRole('dialog', { name: 'Second guide' }).waitFor();
      expect(await page.locator('holi-bot').nth(1).locator('.msg.user').count()).toBe(0);
    },
    SLOW,
  );

  it(
    'under a CSP whose style-src lacks the nonce it stays hidden and says why, once',
    async () => {
      const page = await open('/strict.html', '<holi-bot></holi-bot>', {
        csp: "default-src 'self'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'",
      });
      const { problems } = watched.at(-1)!;
      await page.waitForFunction(() => document.querySelector<HTMLElement>('holi-bot')?.style.display === 'none');
      const said = problems.filter((p) => p.includes('HoliBot:'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('style-src');
      expect(await page.getByRole('button', { name: LAUNCHER }).isVisible()).toBe(false);
      // The browser's own reports of the refused styles are expected here.
      problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy|HoliBot:|Applying inline style/.test(p)));
    },
    SLOW,
  );

  it(
    'on a phone the full-screen dialog keeps Tab inside and focuses its heading, not the input, on open',
    async () => {
      const page = await open('/', undefined, { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
      await page.getByRole('button', { name: LAUNCHER }).click();
      await page.getByRole('dialog').waitFor();
      const focused = () =>
        page.evaluate(() => {
          let el: Element | null = document.activeElement;
          const inWidget = el?.tagName === 'HOLI-BOT';
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return { inWidget, className: el?.className ?? '' };
        });
      expect(await focused()).toEqual({ inWidget: true, className: 'heading' });
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        expect((await focused()).inWidget).toBe(true);
      }
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Shift+Tab');
        expect((await focused()).inWidget).toBe(true);
      }
    },
    SLOW,
  );

  it(
    'in forced colours the launcher, panel and bubbles keep visible borders',
    async () => {
      const page = await open('/');
      await page.emulateMedia({ forcedColors: 'active' });
      const launcherBorder = await page.locator('holi-bot .launcher').evaluate((el) => getComputedStyle(el).borderTopStyle);
      expect(launcherBorder).toBe('solid');
      await page.getByRole('button', { name: LAUNCHER }).click();
      await ask(page, 'museums in Calpe');
      for (const selector of ['.panel', '.msg.user', '.card', '.input']) {
        const border = await page
          .locator(`holi-bot ${selector}`)
          .first()
          .evaluate((el) => {
            const style = getComputedStyle(el);
            return { style: style.borderTopStyle, width: style.borderTopWidth };
          });
        expect(border).toEqual({ style: 'solid', width: '1px' });
      }
      await screenshot(page, 'a11y-forced-colors.png');
    },
    SLOW,
  );

  it(
    'at 400 % zoom (320×256 CSS px) the header, close button and input stay in view and usable',
    async () => {
      const page = await open('/', undefined, { viewport: { width: 320, height: 256 } });
      await page.getByRole('button', { name: LAUNCHER }).click();
      await page.getByRole('dialog').waitFor();
      for (const name of ['Close chat', 'New conversation']) {
        const box = (await page.getByRole('button', { name }).boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(320);
      }
      const field = (await input(page).boundingBox())!;
      expect(field.y + field.height).toBeLessThanOrEqual(256);
      await ask(page, 'museums in Calpe');
      await screenshot(page, 'a11y-zoom-400.png');
      await page.getByRole('button', { name: 'Close chat' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    },
    SLOW,
  );

  it(
    'a conversation changed in one tab shows in the other tabs of the site',
    async () => {
      const first = await open('/');
      const second = await first.context().newPage();
      await second.goto(`${app.url}/`);
      await second.waitForFunction(() => customElements.get('holi-bot') !== undefined);
      await second.getByRole('button', { name: LAUNCHER }).click();
      await first.getByRole('button', { name: LAUNCHER }).click();
      await ask(first, 'museums in Calpe');
      await second.locator('holi-bot .msg.user').first().waitFor();
      expect(await second.locator('holi-bot .msg.user .text').allInnerTexts()).toEqual(['museums in Calpe']);
      await first.getByRole('button', { name: 'New conversation' }).click();
      await first.getByRole('button', { name: 'Start new' }).click();
      await second.locator('holi-bot .msg.user').first().waitFor({ state: 'detached' });
    },
    SLOW,
  );

  it(
    'French: the launcher, greeting and suggestions speak French and name the destination the server gives',
    async () => {
      const page = await open('/fr.html', '<holi-bot lang="fr"></holi-bot>', { html: 'lang="fr"' });
      await page.getByRole('button', { name: 'Discuter avec HoliBot, votre guide local' }).click();
      await page.getByRole('button', { name: 'Meilleurs restaurants à Calpe' }).waitFor();
      expect(await page.locator('holi-bot .thread > .msg.bot').first().innerText()).toMatch(/^Bonjour/);
      await screenshot(page, 'i18n-fr.png');
    },
    SLOW,
  );

  it(
    'feedback: thumbs and "wrong info" reach the API and are stored; no long task while opening and answering',
    async () => {
      const page = await open('/');
      await page.evaluate(() => {
        const w = window as unknown as { longest: number };
        w.longest = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.longest = Math.max(w.longest, e.duration)))).observe({ type: 'longtask' });
      });
      await page.getByRole('button', { name: LAUNCHER }).click();
      await page.getByRole('dialog').waitFor();
      const onOpen = await page.evaluate(() => (window as unknown as { longest: number }).longest);
      await ask(page, 'best restaurants in Calpe');
      const onAnswer = await page.evaluate(() => (window as unknown as { longest: number }).longest);
      console.info(`longest task: ${onOpen.toFixed(0)} ms on open, ${onAnswer.toFixed(0)} ms up to the first answer with cards`);

      await page.getByRole('button', { name: 'Helpful', exact: true }).click();
      await page.getByText('Thanks for your feedback!').waitFor();
      await page.getByRole('button', { name: 'Not helpful' }).click();
      await page.getByRole('radio', { name: 'The place was closed' }).check();
      await page.getByRole('textbox', { name: 'Comment (optional)' }).fill('Closed at lunch');
      await screenshot(page, 'feedback-reasons.png');
      await page.locator('holi-bot .reasons button[type="submit"]').click();
      await page.getByText('Thanks for your feedback!').waitFor();
      const card = page.locator('holi-bot .card').nth(1);
      const place = await card.locator('.card-name').innerText();
      await page.getByRole('button', { name: `Report wrong info about ${place}` }).click();
      await page.locator(`holi-bot .report[aria-pressed="true"]`).waitFor();
      await page.getByText('Thanks for your feedback!').waitFor();

      // Other tests of this file rate answers too: this conversation's rows only.
      const sessionId = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('holibot:session:'))?.[1]);
      const db = new Database(sqlitePath, { readonly: true });
      try {
        const rows = db.prepare('SELECT rating, reason, comment, poi_id FROM ChatFeedback WHERE session_id = ?').all(sessionId) as {
          rating: string;
          reason: string | null;
          comment: string | null;
          poi_id: number | null;
        }[];
        // One feedback per message: the last one replaced the others.
        expect(rows).toEqual([{ rating: 'down', reason: 'wrong_info', comment: null, poi_id: expect.any(Number) }]);
      } finally {
        db.close();
      }
    },
    SLOW,
  );

  it(
    'has no serious or critical axe-core violations: dark theme, cards, feedback reasons, the new-conversation question',
    async () => {
      const page = await open('/dark.html', '<holi-bot theme="dark" subtitle="Calpe tourist office"></holi-bot>', { bypassCSP: true });
      const audit = () => seriousAxeViolations(page);
      await page.getByRole('button', { name: LAUNCHER }).click();
      await ask(page, 'best restaurants in Calpe');
      expect(await audit()).toEqual([]);
      await screenshot(page, 'a11y-dark.png');
      await page.getByRole('button', { name: 'Not helpful' }).click();
      expect(await audit()).toEqual([]);
      await page.getByRole('button', { name: 'New conversation' }).click();
      expect(await audit()).toEqual([]);
      await screenshot(page, 'a11y-dark-confirm.png');
    },
    SLOW,
  );
});
