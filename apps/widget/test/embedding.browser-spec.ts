import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { type RunningApp, startApp, testEnv } from '../../api/test/support/app.js';
import { freshSqliteDatabase } from '@holibot/database/testing';
import { ARTIFACTS, describeInBrowser, launchBrowser, openPage, type WatchedPage } from './browser.js';

const SLOW = 90_000;
const NONCE = 'embeddingTestNonce';
/** A strict policy, as a careful host has it: the loader may use CSSOM styles and animations only. */
const CSP = `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${NONCE}'; img-src 'self' data:; connect-src 'self'`;
const LABEL = 'Chat with HoliBot, your local guide';
const UNAVAILABLE = 'HoliBot could not load. Press to try again.';
const SECOND_RIGHT = 'HoliBot: a second <holi-bot> on the right corner is ignored; give it position="left" or remove it';
// The viewport is 1280×800; the launcher is 56 px, 20 px from the bottom and the side.
const RIGHT_CORNER = { x: 1204, y: 724, width: 56, height: 56 };
const LEFT_CORNER = { ...RIGHT_CORNER, x: 20 };

type ElementMode = 'hold' | 'fail' | 'pass';

/**
 * How the loader embeds <holi-bot> in host pages that are not the demo page: pages added later by
 * scripts, moved hosts, transformed ancestors and overlays, slow and failed loads, two elements.
 * `holi-bot-element.js` is held or failed with page.route so that the loader is seen alone.
 */
describeInBrowser('<holi-bot> embedding (the loader)', () => {
  let app: RunningApp;
  let browser: Browser;
  let watched: WatchedPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(testEnv(freshSqliteDatabase(), { RATE_LIMIT_ENABLED: 'false' })), launchBrowser()]);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A page, its console warnings (the shared watcher keeps errors only) and its element's route. */
  async function open(mode: ElementMode, options: Parameters<typeof openPage>[1] = {}) {
    const w = await openPage(browser, options);
    watched.push(w);
    const warnings: string[] = [];
    w.page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    let release!: () => void;
    const held = new Promise<void>((resolveHeld) => (release = resolveHeld));
    await w.page.route('**/widget/v/*/holi-bot-element.js', async (route: Route) => {
      if (mode === 'fail') return route.fulfill({ status: 503, body: 'down' });
      if (mode === 'hold') await held;
      await route.continue().catch(() => undefined);
    });
    const element = (next: ElementMode) => {
      mode = next;
      if (next === 'pass') release();
    };
    return { page: w.page, problems: w.problems, warnings, element };
  }

  afterEach(async () => {
    const problems = watched.flatMap((w) => w.problems);
    await Promise.all(watched.map((w) => w.close()));
    watched = [];
    expect(problems).toEqual([]);
  });

  /** A host page of its own at /embed/NAME.html, under CSP, with the loader in its head. */
  async function embed(page: Page, name: string, body: string, css = '', loaders = 1): Promise<void> {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">
<style nonce="${NONCE}">body { margin: 0; font: 16px/1.5 sans-serif } ${css}</style>
${'<script src="/widget/holi-bot.js" async></script>'.repeat(loaders)}
</head><body>${body}</body></html>`;
    await page.route(`${app.url}/embed/${name}.html`, (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP }, body: html }),
    );
    await page.goto(`${app.url}/embed/${name}.html`);
    await page.waitForFunction(() => typeof window.openHoliBot === 'function');
  }

  const host = (id = 'bot') => `<holi-bot id="${id}" nonce="${NONCE}"></holi-bot>`;
  /** The loader's launcher: a button in the shadow root of a <span> it puts into <holi-bot>. */
  const placeholder = (page: Page): Locator => page.locator('holi-bot > span').locator('button');
  const dialog = (page: Page) => page.getByRole('dialog');
  const defined = (page: Page) => page.evaluate(() => customElements.get('holi-bot') !== undefined);

  /** What is drawn at the centre of a box: the innermost element, through shadow roots. */
  const hitAt = (page: Page, box: { x: number; y: number; width: number; height: number }) =>
    page.evaluate(
      ([x, y]) => {
        let el = document.elementFromPoint(x!, y!);
        for (let inner = el?.shadowRoot?.elementFromPoint(x!, y!); inner && inner !== el; inner = el?.shadowRoot?.elementFromPoint(x!, y!)) {
          el = inner;
        }
        const button = el?.closest('button');
        return button ? `button ${button.getAttribute('aria-label')}` : `${el?.tagName.toLowerCase()}.${el?.className}`;
      },
      [box.x + box.width / 2, box.y + box.height / 2],
    );

  async function shot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: resolve(ARTIFACTS, name), clip });
  }
  const CORNER_CLIP = { x: 1080, y: 600, width: 200, height: 200 };

  it(
    'an element a script adds after the loader ran gets its launcher at once, and works when the element loads',
    async () => {
      const { page, element } = await open('hold');
      await embed(page, 'late', '<main><h1>Added later</h1></main>');
      expect(await page.locator('holi-bot').count()).toBe(0);

      const added = await page.evaluate(async (nonce) => {
        const el = document.createElement('holi-bot');
        el.setAttribute('nonce', nonce);
        el.setAttribute('lang', 'fr');
        document.querySelector('main')!.append(el);
        // The loader's MutationObserver answers at this microtask checkpoint: before any frame.
        await Promise.resolve();
        const button = el.querySelector(':scope > span')?.shadowRoot?.querySelector('button');
        return { label: button?.getAttribute('aria-label'), defined: customElements.get('holi-bot') !== undefined };
      }, NONCE);
      expect(added).toEqual({ label: 'Discuter avec HoliBot, votre guide local', defined: false });
      await expect(placeholder(page).boundingBox()).resolves.toEqual(RIGHT_CORNER);
      expect(await placeholder(page).evaluate((button) => button.matches(':popover-open'))).toBe(true);

      await placeholder(page).click();
      element('pass');
      await dialog(page).waitFor();
      expect(await page.locator('holi-bot > span').count()).toBe(0);
    },
    SLOW,
  );

  it(
    'a host removed before the element loads loses its launcher; added again 1 s later it gets one (the loader included twice draws one)',
    async () => {
      const { page, element } = await open('hold');
      await embed(page, 'readd', `<main><h1>Moved</h1>${host()}</main>`, '', 2);
      await placeholder(page).waitFor();

      const removed = await page.evaluate(async () => {
        const el = document.getElementById('bot')!;
        (window as unknown as { removedBot: Element }).removedBot = el;
        el.remove();
        await Promise.resolve();
        return { holders: el.querySelectorAll('span').length, launchers: document.querySelectorAll('span').length };
      });
      expect(removed).toEqual({ holders: 0, launchers: 0 });
      await page.waitForTimeout(1000);
      await page.evaluate(() => document.querySelector('main')!.append((window as unknown as { removedBot: Element }).removedBot));

      await expect(placeholder(page).boundingBox()).resolves.toEqual(RIGHT_CORNER);
      expect(await page.locator('holi-bot > span').count()).toBe(1);
      // Every launcher-like button in the page, through shadow roots: one.
      expect(await page.locator('button[aria-haspopup="dialog"]').count()).toBe(1);
      expect(await defined(page)).toBe(false);

      // Moved in one go (removed and added in one task): the same launcher, back in the top layer.
      const moved = await page.evaluate(async () => {
        const button = document.querySelector('holi-bot > span')!.shadowRoot!.querySelector('button')!;
        document.body.prepend(document.getElementById('bot')!);
        await Promise.resolve();
        const now = document.querySelector('holi-bot > span')!.shadowRoot!.querySelector('button')!;
        return { same: now === button, open: now.matches(':popover-open') };
      });
      expect(moved).toEqual({ same: true, open: true });

      await placeholder(page).click();
      element('pass');
      await dialog(page).waitFor();
      expect(await page.locator('holi-bot > span').count()).toBe(0);
    },
    SLOW,
  );

  describe.each([
    ['in the top layer', false],
    ['without popover support: in <body>', true],
  ])('inside a transformed, clipping ancestor under a z-index 1000 cookie bar, the loader launcher %s', (_variant, noPopover) => {
    it(
      'is at the corner, on top, and takes the click',
      async () => {
        const { page } = await open('hold');
        if (noPopover) {
          await page.addInitScript(() => {
            delete (HTMLElement.prototype as { showPopover?: unknown }).showPopover;
          });
        }
        const trap = `
          .trap { position: relative; z-index: 0; width: 120px; height: 80px; margin: 24px; overflow: hidden;
                  transform: translateZ(0); filter: saturate(1); border: 2px dashed #888 }
          .probe { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; background: #c2410c }
          .cookies { position: fixed; left: 0; right: 0; bottom: 0; height: 120px; z-index: 1000; padding: 16px 24px;
                     box-sizing: border-box; color: #fff; background: #1f2937 }`;
        await embed(
          page,
          `trap-${noPopover ? 'body' : 'top'}`,
          `<div class="trap">${host()}<div class="probe"></div></div>
           <div class="cookies">We use cookies to make this site work. <button>Accept</button></div>`,
          trap,
        );
        // The trap is real: a fixed box inside it stays inside the small box, not at the corner.
        const probe = await page.locator('.probe').boundingBox();
        expect(probe!.x + probe!.width).toBeLessThan(200);

        const launcher = noPopover ? page.locator('body > span').locator('button') : placeholder(page);
        await launcher.waitFor();
        expect(await page.locator('holi-bot > span').count()).toBe(noPopover ? 0 : 1);
        expect(await launcher.evaluate((button) => button.hasAttribute('popover'))).toBe(!noPopover);
        await expect(launcher.boundingBox()).resolves.toEqual(RIGHT_CORNER);
        expect(await hitAt(page, RIGHT_CORNER)).toBe(`button ${LABEL}`);
        await shot(page, `embedding-trapped-${noPopover ? 'body' : 'top-layer'}.png`);

        // A real click reaches it (Playwright checks that nothing covers it). Only the loader's
        // phase is checked: the element's own launcher does not use the top layer yet.
        await launcher.click();
        expect(await launcher.getAttribute('aria-busy')).toBe('true');
        if (noPopover) {
          // Its holder is in <body>: it goes with its host.
          await page.evaluate(() => document.getElementById('bot')!.remove());
          expect(await page.locator('body > span').count()).toBe(0);
        }
      },
      SLOW,
    );
  });

  it(
    'a press while the element loads shows a turning ring; with reduced motion (and from openHoliBot()) a still, pulsing one',
    async () => {
      const ringState = (launcher: Locator) =>
        launcher.evaluate(async (button) => {
          const ring = button.children[1] as HTMLElement;
          const first = getComputedStyle(ring).transform;
          await new Promise((wait) => setTimeout(wait, 250));
          const [animation] = ring.getAnimations();
          const keyframes = (animation?.effect as KeyframeEffect | undefined)?.getKeyframes() ?? [];
          return {
            busy: button.getAttribute('aria-busy'),
            display: getComputedStyle(ring).display,
            size: [ring.offsetWidth, ring.offsetHeight],
            playState: animation?.playState,
            animates: ['transform', 'opacity'].filter((property) => property in keyframes[0]!),
            turning: getComputedStyle(ring).transform !== first,
            badge: getComputedStyle(button.children[2]!).display,
          };
        });

      const { page } = await open('hold');
      await embed(page, 'slow', host());
      const launcher = placeholder(page);
      expect(await launcher.evaluate((button) => getComputedStyle(button.children[1]!).display)).toBe('none');
      await launcher.click();
      expect(await ringState(launcher)).toEqual({
        busy: 'true',
        display: 'block',
        size: [48, 48],
        playState: 'running',
        animates: ['transform'],
        turning: true,
        badge: 'none',
      });
      await shot(page, 'embedding-loading.png', CORNER_CLIP);

      const still = await open('hold', { reducedMotion: 'reduce' });
      await embed(still.page, 'slow-still', host());
      // openHoliBot() shows the same progress as a press.
      await still.page.evaluate(() => window.openHoliBot!());
      expect(await ringState(placeholder(still.page))).toEqual({
        busy: 'true',
        display: 'block',
        size: [48, 48],
        playState: 'running',
        animates: ['opacity'],
        turning: false,
        badge: 'none',
      });
      await shot(still.page, 'embedding-loading-reduced-motion.png', CORNER_CLIP);
    },
    SLOW,
  );

  it(
    'a failed load shows a red "!" on the launcher; the next press loads it',
    async () => {
      const { page, problems, element } = await open('fail');
      await embed(page, 'failing', host());
      const launcher = placeholder(page);
      await launcher.click();
      // The press's own load has failed (an idle load may have failed before it).
      await page.waitForFunction((label) => {
        const button = document.querySelector('holi-bot > span')?.shadowRoot?.querySelector('button');
        return button?.getAttribute('aria-label') === label && !button.hasAttribute('aria-busy');
      }, UNAVAILABLE);
      const failed = await launcher.evaluate((button) => {
        const badge = button.children[2] as HTMLElement;
        const style = getComputedStyle(badge);
        const box = badge.getBoundingClientRect();
        return {
          title: button.getAttribute('title'),
          busy: button.getAttribute('aria-busy'),
          ring: getComputedStyle(button.children[1]!).display,
          badge: { text: badge.textContent, display: style.display, background: style.backgroundColor, color: style.color, size: [box.width, box.height] },
        };
      });
      expect(failed).toEqual({
        title: UNAVAILABLE,
        busy: null,
        ring: 'none',
        badge: { text: '!', display: 'flex', background: 'rgb(185, 28, 28)', color: 'rgb(255, 255, 255)', size: [22, 22] },
      });
      await shot(page, 'embedding-failed.png', CORNER_CLIP);

      element('pass');
      await launcher.click();
      await dialog(page).waitFor();
      expect(await page.locator('holi-bot > span').count()).toBe(0);
      // The failed loads are in the console, as the loader means them to be; nothing else is.
      expect(problems.filter((p) => !/holi-bot-element\.js|503|could not be loaded/.test(p))).toEqual([]);
      problems.length = 0;
    },
    SLOW,
  );

  it(
    'two elements in one corner: one launcher and one warning; the second takes over when the first goes, and moves with position',
    async () => {
      const { page, warnings } = await open('hold');
      await embed(page, 'two-right', `<main><h1>Two</h1>${host('first')}${host('second')}</main>`);
      await placeholder(page).waitFor();
      expect(await page.locator('holi-bot > span').count()).toBe(1);
      expect(await page.locator('#first > span').count()).toBe(1);
      // More mutations do not warn again.
      await page.evaluate(() => document.body.append(document.createElement('p')));
      await page.waitForTimeout(100);
      expect(warnings).toEqual([expect.stringContaining(SECOND_RIGHT)]);

      await page.evaluate(() => document.getElementById('first')!.remove());
      await page.locator('#second > span').waitFor({ state: 'attached' });
      await expect(placeholder(page).boundingBox()).resolves.toEqual(RIGHT_CORNER);

      await page.evaluate(() => document.getElementById('second')!.setAttribute('position', 'left'));
      await expect(placeholder(page).boundingBox()).resolves.toEqual(LEFT_CORNER);
      expect(await page.locator('holi-bot > span').count()).toBe(1);
      expect(warnings).toHaveLength(1);
      expect(await defined(page)).toBe(false);
    },
    SLOW,
  );

  it(
    'two elements, left and right: two launchers and no warning',
    async () => {
      const { page, warnings } = await open('hold');
      await embed(page, 'two-corners', `<main><h1>Two corners</h1>${host('right')}<holi-bot id="left" position="left" nonce="${NONCE}"></holi-bot></main>`);
      await page.locator('#left > span').waitFor({ state: 'attached' });
      await expect(page.locator('#right > span button').boundingBox()).resolves.toEqual(RIGHT_CORNER);
      await expect(page.locator('#left > span button').boundingBox()).resolves.toEqual(LEFT_CORNER);
      expect(await page.locator('holi-bot > span').count()).toBe(2);
      await shot(page, 'embedding-two-corners.png');
      expect(warnings).toEqual([]);
    },
    SLOW,
  );
});
