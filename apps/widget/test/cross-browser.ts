import { freshSqliteDatabase } from '@holibot/database/testing';
import { type RunningApp, startApp, testEnv } from '../../api/test/support/app.js';
import { count, type Driver, type Engine, lastCards, texts, UI, waitForGone, waitForPart } from './engines.js';

const SLOW = 90_000;
const FIRST = 'best restaurants in Calpe';
const FOLLOW_UP = 'which one has outdoor seating?';
/** What each card of the follow-up's answer says. */
const OUTDOOR = 'Outdoor seating';

/**
 * The widget's core flow in another engine (see engines.ts), on the demo page of the real server
 * on a fresh SQLite file: the same steps for each engine, each in its own *.browser-spec.ts so
 * that the engines run side by side.
 */
export function describeWidgetIn(engine: Engine): void {
  (engine.available() ? describe : describe.skip)(`<holi-bot> in ${engine.name}`, () => {
    let app: RunningApp | undefined;
    let d: Driver | undefined;

    beforeAll(async () => {
      const [started, launched] = await Promise.allSettled([startApp(testEnv(freshSqliteDatabase(), { RATE_LIMIT_ENABLED: 'false' })), engine.launch()]);
      if (started.status === 'fulfilled') app = started.value;
      if (launched.status === 'fulfilled') d = launched.value;
      for (const result of [started, launched]) if (result.status === 'rejected') throw result.reason;
    }, SLOW);

    afterAll(async () => {
      await Promise.allSettled([d?.close(), app?.close()]);
    });

    afterEach(async () => {
      expect(await d?.takeProblems()).toEqual([]);
    });

    /** The demo page, once the element (not only the loader's placeholder) is there. */
    async function openDemo(driver: Driver): Promise<void> {
      await driver.goto(`${app!.url}/`);
      await driver.waitFor(
        'the <holi-bot> element',
        (host, launcher) => !!document.querySelector(host)?.shadowRoot?.querySelector(launcher),
        UI.host,
        UI.launcher,
      );
    }

    async function ask(driver: Driver, question: string): Promise<void> {
      const answers = await count(driver, UI.botBubbles);
      await driver.typeAndEnter(UI.input, question);
      await driver.waitFor(
        `the answer to "${question}"`,
        (host, bubbles, answered, n) => {
          const root = document.querySelector(host)?.shadowRoot;
          return !!root && root.querySelectorAll(bubbles).length > n && !!root.querySelector(answered);
        },
        UI.host,
        UI.botBubbles,
        UI.answered,
        answers,
      );
      expect(await texts(driver, UI.errors)).toEqual([]);
    }

    /** Answers came over the WebSocket: the page made no REST request for them. */
    const restAnswers = (driver: Driver) =>
      driver.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/chat/message')).length);

    it(
      'conversation: cards, a follow-up with fewer cards, history after reload, openHoliBot(), new conversation',
      async () => {
        const driver = d!;
        await driver.setViewport(1280, 800);
        await openDemo(driver);
        await driver.click(UI.launcher);
        await waitForPart(driver, UI.dialog);
        await driver.waitFor(
          'focus on the input',
          (host, input) => {
            const root = document.querySelector(host)?.shadowRoot;
            return !!root && root.activeElement === root.querySelector(input);
          },
          UI.host,
          UI.input,
        );
        await driver.screenshot('1-open');

        await ask(driver, FIRST);
        const first = await lastCards(driver);
        expect(first.length).toBeGreaterThan(1);
        expect((await texts(driver, UI.botBubbles)).at(-1)).not.toBe('');
        expect(await restAnswers(driver)).toBe(0);
        await driver.screenshot('2-cards');

        await ask(driver, FOLLOW_UP);
        const second = await lastCards(driver);
        expect(second.length).toBeGreaterThan(0);
        expect(second.length).toBeLessThan(first.length);
        for (const card of second) expect(card).toContain(OUTDOOR);
        // The follow-up and the start of its answer come into view (once the cards have rendered),
        // not below the visible log. Polled with evaluate: Firefox's waitForFunction never saw it true.
        const inView = () =>
          driver.evaluate(
            (host, user, bot) => {
              const root = document.querySelector(host)!.shadowRoot!;
              const log = root.querySelector('.log')!.getBoundingClientRect();
              const top = (selector: string) => Array.from(root.querySelectorAll(selector)).at(-1)!.getBoundingClientRect().top;
              return [top(user), top(bot)].every((y) => y >= log.top - 1 && y < log.bottom);
            },
            UI.host,
            UI.userTexts,
            UI.botBubbles,
          );
        const deadline = Date.now() + 5000;
        while (!(await inView()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await inView()).toBe(true);
        await driver.screenshot('3-follow-up');
        const sessionId = await driver.evaluate(() => localStorage.getItem(Object.keys(localStorage)[0]!));
        expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

        await driver.reload();
        await driver.waitFor('the <holi-bot> element', () => customElements.get('holi-bot') !== undefined);
        await driver.evaluate(() => window.openHoliBot!());
        await waitForPart(driver, UI.dialog);
        await driver.waitFor(
          'the restored history',
          (host, user) => document.querySelector(host)?.shadowRoot?.querySelectorAll(user).length === 2,
          UI.host,
          UI.userTexts,
        );
        expect(await texts(driver, UI.userTexts)).toEqual([FIRST, FOLLOW_UP]);
        expect(await lastCards(driver)).toHaveLength(second.length);
        await driver.screenshot('4-restored');

        await driver.click(UI.newConversation);
        await waitForPart(driver, UI.confirmNew);
        await driver.click(UI.confirmNew);
        await waitForGone(driver, UI.userTexts);
        expect(await driver.evaluate(() => localStorage.length)).toBe(0);
        expect(await count(driver, UI.suggestions)).toBeGreaterThan(0);
        await driver.screenshot('5-new-conversation');
        // The panel clears at once; the deletion on the server follows.
        await expect(sessionDeleted(app!.url, sessionId!)).resolves.toBe(true);

        await driver.evaluate(() => window.closeHoliBot!());
        await waitForGone(driver, UI.dialog);
      },
      SLOW,
    );

    it(
      'on a 390×844 phone viewport the panel fills the screen, the input is 16 px and the page does not scroll behind it',
      async () => {
        const driver = d!;
        await driver.setViewport(390, 844);
        await openDemo(driver);
        await driver.click(UI.launcher);
        await waitForPart(driver, UI.dialog);
        // Measured once the opening animation is over.
        await driver.evaluate(
          (host, dialog) =>
            Promise.all(
              document
                .querySelector(host)!
                .shadowRoot!.querySelector(dialog)!
                .getAnimations()
                .map((a) => a.finished),
            ).then(() => true),
          UI.host,
          UI.dialog,
        );
        const layout = () =>
          driver.evaluate(
            (host, dialog, input) => {
              const root = document.querySelector(host)!.shadowRoot!;
              const box = root.querySelector(dialog)!.getBoundingClientRect();
              return {
                dialog: { x: box.x, y: box.y, width: box.width, height: box.height },
                inputFontSize: getComputedStyle(root.querySelector(input)!).fontSize,
                pageOverflow: getComputedStyle(document.documentElement).overflow,
              };
            },
            UI.host,
            UI.dialog,
            UI.input,
          );
        expect(await layout()).toEqual({ dialog: { x: 0, y: 0, width: 390, height: 844 }, inputFontSize: '16px', pageOverflow: 'hidden' });
        await ask(driver, 'beaches for dogs');
        expect((await lastCards(driver)).length).toBeGreaterThan(0);
        await driver.screenshot('6-phone');
        await driver.click(UI.close);
        await waitForGone(driver, UI.dialog);
        expect(await driver.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('visible');
      },
      SLOW,
    );
  });
}

/** Whether the server forgets the session within a few seconds. */
async function sessionDeleted(url: string, sessionId: string): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/api/v1/chat/session/${sessionId}`)).status === 404) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}
