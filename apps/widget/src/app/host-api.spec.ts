import { type ApplicationRef, provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import type { ChatAnswer } from '@holibot/contracts';
import { MemoryStorage, ScriptedFetch } from '../testing/scripted-fetch';
import { CHECK_STYLES, DEFAULT_API_URL, FETCH, SESSION_STORAGE, WEB_SOCKET } from './holi-bot.component';
import { holiBotElement, type HoliBotElement } from './host-api';
import { loadStrings } from './i18n';

const API = 'https://api.example/api/v1';
const OTHER_API = 'https://other.example/api/v1';

function answer(text: string): { body: unknown } {
  const data: ChatAnswer = {
    sessionId: '0b5a6f0e-8c1d-4c52-9d0e-2f8a1c3b4d5e',
    messageId: 1,
    textResponse: text,
    pois: [],
    intent: 'search',
    isFollowUp: false,
    language: 'en',
    engine: 'builtin',
  };
  return { body: { success: true, data, metadata: { totalResults: 0 } } };
}

/**
 * The <holi-bot> custom element itself (host-api.ts), in jsdom: what a page does with it —
 * attributes, properties, methods, removing and adding it back — reaches one live component.
 * jsdom has no popovers: the widget is drawn in a container in <body> there, as in browsers
 * without them; `holi-bot-top` is the same element where the browser has them.
 */
describe('the <holi-bot> custom element', () => {
  let api: ScriptedFetch;
  let app: ApplicationRef;
  /** Listeners the widgets keep on the document (each component one while alive). */
  let documentListeners = 0;
  /** Made by the page before the element was defined, with a property set then. */
  let early: HoliBotElement;

  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await app.whenStable();
    }
  };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const make = (html: string, parent: ParentNode = document.body) => {
    const box = document.createElement('div');
    box.innerHTML = html;
    const element = box.firstElementChild as HoliBotElement;
    parent.append(element);
    return element;
  };
  const launchers = () => Array.from(document.querySelectorAll('body > span')).flatMap((span) => Array.from(span.shadowRoot!.querySelectorAll('.launcher')));

  beforeAll(async () => {
    await loadStrings('en');
    api = new ScriptedFetch();
    // Counted on the way in and out: a component left alive keeps its listener.
    const add = document.addEventListener.bind(document);
    const remove = document.removeEventListener.bind(document);
    document.addEventListener = (type: string, ...rest: [EventListenerOrEventListenerObject, AddEventListenerOptions?]) => {
      if (type === 'holibot:corners') documentListeners++;
      add(type, ...rest);
    };
    document.removeEventListener = (type: string, ...rest: [EventListenerOrEventListenerObject, EventListenerOptions?]) => {
      if (type === 'holibot:corners') documentListeners--;
      remove(type, ...rest);
    };
    app = await createApplication({
      providers: [
        provideZonelessChangeDetection(),
        { provide: FETCH, useValue: (url: string, init: RequestInit) => api.fetch(url, init) },
        { provide: SESSION_STORAGE, useValue: new MemoryStorage() },
        { provide: DEFAULT_API_URL, useValue: API },
        { provide: WEB_SOCKET, useValue: null },
        { provide: CHECK_STYLES, useValue: false },
      ],
    });
    early = document.createElement('holi-bot') as HoliBotElement;
    early.greeting = 'Set before the element was defined.';
    customElements.define('holi-bot', holiBotElement(app));
  });

  afterAll(() => {
    // The document's own methods again (from its prototype).
    delete (document as Partial<Document>).addEventListener;
    delete (document as Partial<Document>).removeEventListener;
    app.destroy();
  });

  beforeEach(() => {
    api = new ScriptedFetch();
  });

  afterEach(async () => {
    document.body.replaceChildren();
    await wait(20);
  });

  it('attributes and properties, set before or after it is in the page, are the component inputs', async () => {
    const element = make('<holi-bot api-url="https://other.example/api/v1" greeting="Hello from the page." position="left"></holi-bot>');
    await settle();
    expect(element.apiUrl).toBe(OTHER_API);
    expect(element.position).toBe('left');
    element.open();
    await settle();
    expect(element.shadowRoot!.querySelector('.msg.bot')!.textContent).toBe('Hello from the page.');
    expect(element.shadowRoot!.querySelector('.root')!.classList).toContain('left');

    element.setAttribute('greeting', 'Changed.');
    element.setAttribute('primary-color', '#b91c1c');
    element.greeting = element.greeting.replace('Changed', 'Changed again');
    await settle();
    expect(element.shadowRoot!.querySelector('.msg.bot')!.textContent).toBe('Changed again.');
    expect((element.shadowRoot!.host as HTMLElement).style.getPropertyValue('--holibot-primary')).toBe('#b91c1c');

    // The page set a property before the element was defined: not lost to the upgrade.
    document.body.append(early);
    early.open();
    await settle();
    expect(early.shadowRoot!.querySelector('.msg.bot')!.textContent).toBe('Set before the element was defined.');

    // open: the panel opens on load.
    document.body.replaceChildren();
    await wait(20);
    const opened = make('<holi-bot position="left" open></holi-bot>');
    await settle();
    expect(opened.shadowRoot!.querySelector('[role="dialog"]')).not.toBeNull();
  });

  it('ask(), open(), close() and focus() reach the component', async () => {
    const element = make('<holi-bot lang="en" destination="Calpe"></holi-bot>');
    await settle();
    const events: string[] = [];
    const listening = new AbortController();
    for (const type of ['holibot:open', 'holibot:close', 'holibot:message']) document.addEventListener(type, (e) => events.push(e.type), listening);
    const shadow = element.shadowRoot!;

    element.focus();
    expect(shadow.activeElement).toBe(shadow.querySelector('.launcher'));
    api.reply(answer('Beaches here.'));
    await element.ask('beaches');
    await settle();
    expect(api.calls.map((call) => call.body)).toEqual([{ query: 'beaches', language: 'en' }]);
    expect(Array.from(shadow.querySelectorAll('.msg.bot .text')).map((p) => p.textContent!.trim())).toContain('Beaches here.');
    element.close();
    await settle();
    expect(shadow.querySelector('[role="dialog"]')).toBeNull();
    element.open();
    await settle();
    expect(shadow.querySelector('[role="dialog"]')).not.toBeNull();
    expect(events).toEqual(['holibot:open', 'holibot:message', 'holibot:close', 'holibot:open']);
    listening.abort();
  });

  it('removed and added back at any delay, it keeps working with its attributes, and what went away leaves nothing behind', async () => {
    const element = make('<holi-bot api-url="https://other.example/api/v1" destination="Calpe"></holi-bot>');
    await settle();
    element.open();
    await settle();
    const listeners = documentListeners;
    expect(listeners).toBe(1);

    // Moved in one go: the same component, still open.
    const dialog = element.shadowRoot!.querySelector('[role="dialog"]');
    document.body.prepend(element);
    await settle();
    expect(element.shadowRoot!.querySelector('[role="dialog"]')).toBe(dialog);

    for (const delay of [5, 50, 1000]) {
      element.remove();
      await wait(delay);
      document.body.append(element);
      await settle();
    }
    expect(documentListeners).toBe(listeners);
    expect(launchers()).toHaveLength(1);
    api.reply(answer('Still here.'));
    await element.ask('museums');
    await settle();
    // The attribute given the first time still counts.
    expect(api.calls.map((call) => call.url)).toEqual([`${OTHER_API}/chat/message`]);
    expect(element.shadowRoot!.querySelector('.thread')!.textContent).toContain('Still here.');

    element.remove();
    await wait(20);
    expect(documentListeners).toBe(0);
    expect(document.body.children).toHaveLength(0);
  });

  it('without popovers, launcher and panel are drawn in a container in <body>, out of a transformed ancestor, and go with the element', async () => {
    const trap = make('<div style="transform: translateZ(0); overflow: hidden; width: 40px; height: 40px"></div>');
    const element = make('<holi-bot style="--holibot-font: serif" primary-color="#b91c1c"></holi-bot>', trap);
    await settle();
    const layer = element.shadowRoot!.host as HTMLElement;
    expect(layer).not.toBe(element);
    expect(layer.parentElement).toBe(document.body);
    expect(layer.localName).toBe('span');
    expect(launchers()).toEqual([element.shadowRoot!.querySelector('.launcher')]);
    // The theme the page gave <holi-bot>, and the attributes', reach the container.
    expect(layer.style.getPropertyValue('--holibot-primary')).toBe('#b91c1c');
    expect(layer.style.getPropertyValue('--holibot-font')).toBe('serif');

    element.shadowRoot!.querySelector<HTMLButtonElement>('.launcher')!.click();
    await settle();
    expect(layer.shadowRoot!.querySelector('[role="dialog"]')).not.toBeNull();
    expect(layer.shadowRoot!.activeElement).toBe(layer.shadowRoot!.querySelector('.input'));

    element.remove();
    expect(layer.isConnected).toBe(false);
    await wait(50);
    trap.append(element);
    await settle();
    expect(layer.parentElement).toBe(document.body);
    expect(launchers()).toHaveLength(1);
    element.focus();
    expect(layer.shadowRoot!.activeElement).toBe(layer.shadowRoot!.querySelector('.launcher'));
  });

  it('with popovers, the widget stays in the element’s own shadow root', async () => {
    HTMLElement.prototype.showPopover = function () {};
    customElements.define('holi-bot-top', holiBotElement(app));
    delete (HTMLElement.prototype as { showPopover?: unknown }).showPopover;
    const element = make('<holi-bot-top></holi-bot-top>');
    await settle();
    expect(element.shadowRoot!.host).toBe(element);
    expect(element.shadowRoot!.querySelector('.launcher[popover]')).not.toBeNull();
    expect(document.querySelectorAll('body > span')).toHaveLength(0);
    element.remove();
    await wait(50);
    document.body.append(element);
    await settle();
    expect(element.shadowRoot!.querySelectorAll('.launcher')).toHaveLength(1);
  });
});
