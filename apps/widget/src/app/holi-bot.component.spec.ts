import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ChatAnswer, PoiView } from '@holibot/contracts';
import { MemoryStorage, ScriptedFetch } from '../testing/scripted-fetch';
import { CHECK_STYLES, DEFAULT_API_URL, FETCH, HoliBotComponent, SESSION_STORAGE, WEB_SOCKET } from './holi-bot.component';
import { loadStrings } from './i18n';

const API = 'https://api.example/api/v1';
const SESSION_KEY = `holibot:session:${API}`;
const SESSION_ID = '0b5a6f0e-8c1d-4c52-9d0e-2f8a1c3b4d5e';

function poi(overrides: Partial<PoiView> = {}): PoiView {
  return {
    id: 1,
    name: 'Restaurante El Puerto',
    category: 'Food & Drinks',
    subcategory: 'Restaurants',
    subcategoryLabel: 'Restaurants',
    description: null,
    address: 'Carrer de la Mar 30',
    city: 'Calpe',
    latitude: 38.64,
    longitude: 0.07,
    rating: 4.8,
    reviewCount: 356,
    priceLevel: 2,
    openingHours: 'Mo-Su 12:00-23:00',
    openNow: true,
    nextChange: null,
    outdoorSeating: true,
    wheelchair: false,
    vegetarian: null,
    vegan: true,
    dogs: null,
    kids: null,
    cuisine: ['seafood'],
    website: 'https://elpuerto.example',
    phone: '+34 965 62 97 66',
    mapUrl: 'https://www.openstreetmap.org/node/1',
    relevanceScore: 1,
    ...overrides,
  };
}

let nextMessageId = 100;
function answer(text: string, pois: PoiView[] = [], sessionId = SESSION_ID, totalResults = pois.length): { body: unknown } {
  const data: ChatAnswer = {
    sessionId,
    messageId: nextMessageId++,
    textResponse: text,
    pois,
    intent: 'search',
    isFollowUp: false,
    language: 'en',
    engine: 'builtin',
  };
  return { body: { success: true, data, metadata: { totalResults } } };
}

describe('<holi-bot> component', () => {
  let api: ScriptedFetch;
  let storage: MemoryStorage;
  let fixture: ComponentFixture<HoliBotComponent>;
  let host: HTMLElement;
  let shadow: ShadowRoot;

  async function render(inputs: Record<string, unknown> = {}, store: Storage = storage, socket: typeof WebSocket | null = null): Promise<void> {
    TestBed.configureTestingModule({
      imports: [HoliBotComponent],
      providers: [
        { provide: FETCH, useValue: api.fetch },
        { provide: SESSION_STORAGE, useValue: store },
        { provide: DEFAULT_API_URL, useValue: API },
        { provide: WEB_SOCKET, useValue: socket },
        { provide: CHECK_STYLES, useValue: false },
      ],
    });
    fixture = TestBed.createComponent(HoliBotComponent);
    for (const [name, value] of Object.entries({ lang: 'en', destination: 'Calpe', ...inputs })) fixture.componentRef.setInput(name, value);
    host = fixture.nativeElement;
    document.body.append(host);
    shadow = host.shadowRoot!;
    await fixture.whenStable();
  }

  const $ = <T extends Element = HTMLElement>(selector: string) => shadow.querySelector<T>(selector);
  const $$ = (selector: string) => Array.from(shadow.querySelectorAll<HTMLElement>(selector));
  const texts = (selector: string) => $$(selector).map((el) => el.textContent!.replace(/\s+/g, ' ').trim());
  const launcher = () => $<HTMLButtonElement>('.launcher')!;
  const input = () => $<HTMLInputElement>('.input')!;

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    }
  }

  async function type(text: string): Promise<void> {
    input().value = text;
    input().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
  }

  // The other languages are chunks of their own, loaded on demand.
  beforeAll(() => Promise.all((['es', 'de', 'nl', 'fr'] as const).map(loadStrings)));

  beforeEach(() => {
    api = new ScriptedFetch();
    storage = new MemoryStorage();
  });

  afterEach(() => {
    fixture?.destroy();
    document.body.innerHTML = '';
  });

  it('renders inside a shadow root with a launcher named in the page language', async () => {
    await render({ lang: 'es' });
    expect(shadow).toBeTruthy();
    expect(launcher().getAttribute('aria-label')).toBe('Chatea con HoliBot, tu guía local');
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
    expect($('[role="dialog"]')).toBeNull();
    // Nothing stored and nothing requested for a visitor who never opens it.
    expect(api.calls).toHaveLength(0);
    expect(storage.length).toBe(0);
  });

  it('opens a labelled dialog with localised suggestions, focuses the input, closes on Escape', async () => {
    await render({ lang: 'de', title: 'Calpe Guide' });
    const events: string[] = [];
    host.addEventListener('holibot:open', (e) => events.push(e.type));
    host.addEventListener('holibot:close', (e) => events.push(e.type));

    launcher().click();
    await settle();
    const dialog = $('[role="dialog"]')!;
    expect($(`#${dialog.getAttribute('aria-labelledby')}`)!.textContent).toBe('Calpe Guide');
    // The log is labelled apart from the dialog and is not read out as a whole.
    expect($('[role="log"]')!.getAttribute('aria-label')).toBe('Unterhaltung');
    expect($('[role="log"]')!.getAttribute('aria-live')).toBe('off');
    expect(texts('.chip')).toEqual(['Beste Restaurants in Calpe', 'Hundestrände', 'Welche Museen gibt es?']);
    expect(shadow.activeElement).toBe(input());
    expect(input().getAttribute('maxlength')).toBe('500');
    expect(launcher().hidden).toBe(true);

    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($('[role="dialog"]')).toBeNull();
    expect(shadow.activeElement).toBe(launcher());
    expect(events).toEqual(['holibot:open', 'holibot:close']);
  });

  it('sends the question, shows typing, then the answer with cards, and stores the session only then', async () => {
    await render();
    const messages: ChatAnswer[] = [];
    host.addEventListener('holibot:message', (e) => messages.push((e as CustomEvent<ChatAnswer>).detail));
    launcher().click();
    await settle();
    api.reply({ ...answer('Here are 2 restaurants in Calpe.', [poi(), poi({ id: 2, name: 'La Piccola', openNow: false, website: null })]), hold: true });

    await type('  best restaurants in Calpe ');
    expect(texts('.msg.user .text')).toEqual(['best restaurants in Calpe']);
    expect($('.typing')).not.toBeNull();
    expect($('.send')!.getAttribute('aria-disabled')).toBe('true');
    expect(storage.getItem(SESSION_KEY)).toBeNull();

    api.release();
    await settle();
    expect($('.typing')).toBeNull();
    expect(api.calls[0]).toEqual({ url: `${API}/chat/message`, method: 'POST', body: { query: 'best restaurants in Calpe', language: 'en' } });
    expect(texts('.msg.bot .text')).toContain('Here are 2 restaurants in Calpe.');
    expect(texts('.card-name')).toEqual(['Restaurante El Puerto', 'La Piccola']);
    const [first, second] = $$('.card');
    expect(first.textContent).toContain('★ 4.8 (356)');
    expect(first.textContent).toContain('€€');
    expect(first.querySelector('.sr')!.textContent).toBe('Rated 4.8 out of 5, 356 reviews, Price level 2 of 4');
    expect(first.querySelector('.badge')!.textContent).toBe('Open now');
    expect(second.querySelector('.badge')!.textContent).toBe('Closed now');
    expect(Array.from(first.querySelectorAll('.amenities li')).map((li) => li.textContent)).toEqual(['Outdoor seating', 'Vegan options']);
    expect(first.querySelector('.card-address')!.textContent).toBe('Carrer de la Mar 30, Calpe');
    expect(storage.getItem(SESSION_KEY)).toBe(SESSION_ID);
    expect(messages.map((m) => m.textResponse)).toEqual(['Here are 2 restaurants in Calpe.']);
    // Follow-ups that fit the answer take the suggestions' place.
    expect(texts('.chip')).toEqual(['Which are open now?', 'With outdoor seating?', 'Phone number of the first one?']);

    // The next question continues the session.
    api.reply(answer('Only one has a terrace.', [poi()]));
    await type('which one has outdoor seating?');
    expect(api.calls[1].body).toEqual({ query: 'which one has outdoor seating?', sessionId: SESSION_ID, language: 'en' });
    expect($$('.cards').at(-1)!.querySelectorAll('.card')).toHaveLength(1);
  });

  it('offers "Show more" after an answer that found more places than it shows, in the visitor\'s language', async () => {
    await render({ lang: 'es' });
    launcher().click();
    await settle();
    const places = [poi(), poi({ id: 2, name: 'La Piccola' })];
    api.reply(answer('Hay 12 restaurantes; estos son los mejores.', places, SESSION_ID, 12));
    await type('restaurantes en Calpe');
    expect(texts('.chip')).toEqual(['¿Cuáles están abiertos ahora?', '¿Con terraza?', '¿Teléfono del primero?', 'Ver más']);

    // Pressed: asked as the visitor's message, in the same session.
    api.reply(answer('Dos más.', [poi({ id: 3, name: 'Casa Nerea' }), poi({ id: 4, name: 'El Bodegón' })], SESSION_ID, 2));
    $$('.chip').at(-1)!.click();
    await settle();
    expect(api.calls.at(-1)!.body).toEqual({ query: 'Ver más', sessionId: SESSION_ID, language: 'es' });
    // All there is, shown: no "Show more".
    expect(texts('.chip')).not.toContain('Ver más');

    // One place of many still offers more.
    api.reply(answer('El mejor es Casa Nerea.', [poi({ id: 3, name: 'Casa Nerea' })], SESSION_ID, 9));
    await type('el mejor restaurante');
    expect(texts('.chip')).toEqual(['Ver más']);
  });

  it('sends what was typed even when the send comes before the re-render; sends nothing while unavailable', async () => {
    await render();
    launcher().click();
    await settle();
    const send = $<HTMLButtonElement>('.send')!;
    send.click(); // nothing typed yet
    await settle();
    expect(api.calls).toHaveLength(0);
    expect(send.getAttribute('aria-disabled')).toBe('true');

    api.reply({ ...answer('Beaches.', []), hold: true });
    // No change detection between typing and the click: a disabled button would swallow it.
    input().value = 'beaches';
    input().dispatchEvent(new Event('input'));
    send.click();
    await settle();
    expect(api.calls.map((call) => call.body)).toEqual([{ query: 'beaches', language: 'en' }]);

    input().value = 'museums';
    input().dispatchEvent(new Event('input'));
    send.click(); // an answer is still on its way
    await settle();
    expect(api.calls).toHaveLength(1);
    api.release();
    await settle();
    expect(texts('.msg.bot .text')).toContain('Beaches.');
  });

  it('links only to http(s) and tel:, opening new tabs without an opener', async () => {
    await render();
    launcher().click();
    api.reply(answer('Two places.', [poi(), poi({ id: 2, name: 'Bad', website: 'javascript:alert(1)', phone: 'n/a', mapUrl: 'data:text/html,x' })]));
    await type('places');
    const [good, bad] = $$('.card');
    const links = Array.from(good.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['tel:+34965629766', 'https://www.openstreetmap.org/node/1', 'https://elpuerto.example/']);
    expect(links.map((a) => a.getAttribute('aria-label'))).toEqual([
      'Call Restaurante El Puerto',
      'Map of Restaurante El Puerto',
      'Website of Restaurante El Puerto',
    ]);
    for (const a of links.filter((a) => a.target === '_blank')) expect(a.rel).toBe('noopener noreferrer');
    expect(bad.querySelectorAll('a')).toHaveLength(0);
  });

  it('renders server and visitor text as text, never as HTML', async () => {
    await render();
    launcher().click();
    api.reply(answer('<img src=x onerror="alert(1)"> <b>bold</b>', [poi({ name: '<script>alert(1)</script>' })]));
    await type('<b>hi</b>');
    expect($$('.thread img, .thread b, .thread script')).toHaveLength(0);
    expect(texts('.msg.user .text')).toEqual(['<b>hi</b>']);
    expect(texts('.card-name')).toEqual(['<script>alert(1)</script>']);
  });

  it('shows the wait from Retry-After on 429', async () => {
    await render();
    launcher().click();
    api.reply({
      status: 429,
      headers: { 'Retry-After': '42' },
      body: { success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' } },
    });
    await type('hello');
    expect(texts('.msg.error .text')).toEqual(['Too many messages. You can send again in 42 s.']);
  });

  it('offers a retry after a network failure, and the retry answers in place of the error', async () => {
    await render({ lang: 'nl' });
    launcher().click();
    api.reply({ networkError: true });
    await type('stranden');
    expect(texts('.msg.error .text')).toEqual(['De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.']);
    api.reply(answer('Hier zijn stranden.'));
    $<HTMLButtonElement>('.retry')!.click();
    await settle();
    expect($$('.msg.error')).toHaveLength(0);
    expect(texts('.msg.user .text')).toEqual(['stranden']);
    expect(texts('.thread .msg.bot .text')).toEqual(['Hier zijn stranden.']);
    expect(api.calls.map((c) => (c.body as { query: string }).query)).toEqual(['stranden', 'stranden']);
  });

  it('words a 5xx kindly and a garbled body as a server error', async () => {
    await render();
    launcher().click();
    api.reply({ status: 503, body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'db down' } } });
    await type('beaches');
    api.reply({ status: 200, body: '<html>proxy</html>' });
    await type('beaches');
    expect(texts('.msg.error .text')).toEqual([
      'Something went wrong on our side. Please try again in a moment.',
      'Something went wrong on our side. Please try again in a moment.',
    ]);
    expect(texts('.msg.error .text').join(' ')).not.toContain('db down');
  });

  it('restores the stored conversation when opened, and starts fresh when it expired', async () => {
    storage.setItem(SESSION_KEY, SESSION_ID);
    await render();
    api.reply({
      body: {
        success: true,
        data: {
          sessionId: SESSION_ID,
          messages: [
            { messageId: 1, role: 'user', content: 'best restaurants in Calpe', pois: [], createdAt: '2026-11-24T10:00:00Z' },
            { messageId: 2, role: 'assistant', content: 'Here is one.', pois: [poi()], createdAt: '2026-11-24T10:00:01Z' },
          ],
        },
      },
    });
    launcher().click();
    await settle();
    expect(api.calls[0]).toMatchObject({ method: 'GET', url: `${API}/chat/session/${SESSION_ID}` });
    expect(texts('.msg.user .text')).toEqual(['best restaurants in Calpe']);
    expect(texts('.card-name')).toEqual(['Restaurante El Puerto']);
    expect($$('.chip')).toHaveLength(0);

    fixture.destroy();
    document.body.innerHTML = '';
    TestBed.resetTestingModule();
    api = new ScriptedFetch().reply({ status: 404, body: { success: false, error: { code: 'SESSION_NOT_FOUND', message: 'gone' } } });
    await render();
    launcher().click();
    await settle();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect($$('.msg.error')).toHaveLength(0);
    expect($$('.chip').length).toBeGreaterThan(0);
  });

  it('"new conversation" deletes the session on the server and clears the panel', async () => {
    await render();
    launcher().click();
    api.reply(answer('Hello!'));
    await type('hi');
    api.reply({ body: { success: true, data: { sessionId: SESSION_ID, deleted: true } } });
    $<HTMLButtonElement>('[aria-label="New conversation"]')!.click();
    await settle();
    // Asked first; Cancel keeps everything.
    expect($('[role="alertdialog"]')!.textContent).toContain('Start a new conversation? This one will be deleted.');
    $$('.confirm button')
      .find((b) => b.textContent!.trim() === 'Cancel')!
      .click();
    await settle();
    expect($('[role="alertdialog"]')).toBeNull();
    expect(api.calls).toHaveLength(1);
    $<HTMLButtonElement>('[aria-label="New conversation"]')!.click();
    await settle();
    $$('.confirm button')
      .find((b) => b.textContent!.trim() === 'Start new')!
      .click();
    await settle();
    expect(api.calls[1]).toMatchObject({ method: 'DELETE', url: `${API}/chat/session/${SESSION_ID}` });
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect($$('.thread .msg')).toHaveLength(1); // the greeting only
    expect(shadow.activeElement).toBe(input());
  });

  it('keeps working when localStorage refuses, and follows api-url, greeting and primary-color', async () => {
    await render({ apiUrl: 'https://other.example/v1/', greeting: 'Welcome to Calpe!', primaryColor: '#aa0000' }, new MemoryStorage(true));
    expect(host.style.getPropertyValue('--holibot-primary')).toBe('#aa0000');
    launcher().click();
    await settle();
    expect(texts('.thread .msg.bot')[0]).toBe('Welcome to Calpe!');
    api.reply(answer('Hi.'), answer('Again.'));
    await type('hi');
    await type('again');
    expect(api.calls.map((c) => c.url)).toEqual(['https://other.example/v1/chat/message', 'https://other.example/v1/chat/message']);
    expect(api.calls[1].body).toMatchObject({ sessionId: SESSION_ID });
  });

  it('ask() opens the panel and sends; the open input opens it at once', async () => {
    await render({ open: true });
    expect($('[role="dialog"]')).not.toBeNull();
    api.reply(answer('Beaches!'));
    await fixture.componentInstance.ask('beaches');
    await settle();
    expect(texts('.msg.user .text')).toEqual(['beaches']);
  });

  it('a damaged stored session id is dropped and the question asked again in a new session', async () => {
    storage.setItem(SESSION_KEY, 'not-a-uuid');
    await render();
    api.reply({ status: 400, body: { success: false, error: { code: 'INVALID_SESSION_ID', message: 'sessionId must be a UUID' } } });
    launcher().click();
    await settle();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    api.reply(answer('Fresh start.'));
    await type('beaches');
    expect(api.calls.at(-1)!.body).toEqual({ query: 'beaches', language: 'en' });
    expect(texts('.thread > .msg.bot .text')).toEqual(['Fresh start.']);
    expect(storage.getItem(SESSION_KEY)).toBe(SESSION_ID);
  });

  it('a history that could not load (network) is tried again on the next open', async () => {
    storage.setItem(SESSION_KEY, SESSION_ID);
    await render();
    api.reply({ networkError: true });
    launcher().click();
    await settle();
    expect(storage.getItem(SESSION_KEY)).toBe(SESSION_ID);
    $('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    api.reply({
      body: {
        success: true,
        data: { sessionId: SESSION_ID, messages: [{ messageId: 1, role: 'user', content: 'hello again', pois: [], createdAt: '2026-11-24T10:00:00Z' }] },
      },
    });
    launcher().click();
    await settle();
    expect(texts('.msg.user .text')).toEqual(['hello again']);
  });

  it('"new conversation" is disabled while an answer is on its way', async () => {
    await render();
    launcher().click();
    api.reply({ ...answer('Late answer.'), hold: true });
    await type('beaches');
    const reset = $<HTMLButtonElement>('[aria-label="New conversation"]')!;
    expect(reset.disabled).toBe(true);
    api.release();
    await settle();
    expect(reset.disabled).toBe(false);
  });

  it('429: the wait counts down with the input held, then the same message is sent again with one press', async () => {
    await render();
    launcher().click();
    api.reply({ status: 429, headers: { 'Retry-After': '1' }, body: { success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many' } } });
    await type('beaches for dogs');
    expect(texts('.msg.error .text')).toEqual(['Too many messages. You can send again in 1 s.']);
    expect(input().readOnly).toBe(true);
    expect(input().getAttribute('aria-disabled')).toBe('true');
    expect($('.retry')!.getAttribute('aria-disabled')).toBe('true');
    $<HTMLButtonElement>('.retry')!.click(); // too early: nothing is sent
    expect(api.calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await settle();
    expect(texts('.msg.error .text')).toEqual(['You can send your message again now.']);
    expect(input().readOnly).toBe(false);
    api.reply(answer('Dog beaches.'));
    $<HTMLButtonElement>('.retry')!.click();
    await settle();
    expect(api.calls.at(-1)!.body).toMatchObject({ query: 'beaches for dogs' });
    expect(texts('.msg.user .text')).toEqual(['beaches for dogs']);
    expect($$('.msg.error')).toHaveLength(0);
    expect(shadow.activeElement).toBe(input());
  });

  it('offline: says so in the header, keeps what was typed and sends it when the connection is back', async () => {
    await render();
    launcher().click();
    await settle();
    window.dispatchEvent(new Event('offline'));
    await settle();
    expect(texts('.status')).toEqual(['Offline']);
    await type('museums');
    expect(api.calls).toHaveLength(0);
    expect(texts('.msg.user .note')).toEqual(['Waiting for a connection…']);
    api.reply(answer('Two museums.'));
    window.dispatchEvent(new Event('online'));
    await settle();
    expect($('.status')).toBeNull();
    expect(api.calls.map((c) => c.body)).toEqual([{ query: 'museums', language: 'en' }]);
    expect($$('.msg.user .note')).toHaveLength(0);
    expect(texts('.thread > .msg.bot .text')).toEqual(['Two museums.']);
  });

  it('feedback: thumbs up, thumbs down with a reason and comment, and "wrong info" on a card reach the API', async () => {
    await render();
    launcher().click();
    api.reply(answer('Two places.', [poi(), poi({ id: 2, name: 'La Piccola' })]));
    await type('restaurants');
    const messageId = nextMessageId - 1;
    api.reply({ body: { success: true, data: { feedbackId: 7 } } });
    $<HTMLButtonElement>('[aria-label="Helpful"]')!.click();
    await settle();
    expect(api.calls.at(-1)).toEqual({ url: `${API}/chat/feedback`, method: 'POST', body: { sessionId: SESSION_ID, messageId, rating: 'up' } });
    expect($('[aria-label="Helpful"]')!.getAttribute('aria-pressed')).toBe('true');
    expect(texts('.feedback .note')).toEqual(['Thanks for your feedback!']);

    $<HTMLButtonElement>('[aria-label="Not helpful"]')!.click();
    await settle();
    expect(texts('.reasons legend')).toEqual(['What was wrong?']);
    expect(texts('.reason')).toEqual(['Wrong information', 'Not what I asked', 'The place was closed', 'Something else']);
    $<HTMLInputElement>('.reasons input[value="closed"]')!.click();
    $<HTMLTextAreaElement>('.reasons textarea')!.value = '  Closed on Mondays ';
    api.reply({ body: { success: true, data: { feedbackId: 7 } } });
    $<HTMLFormElement>('.reasons')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(api.calls.at(-1)!.body).toEqual({ sessionId: SESSION_ID, messageId, rating: 'down', reason: 'closed', comment: 'Closed on Mondays' });
    expect($('.reasons')).toBeNull();
    expect(shadow.activeElement).toBe(input());

    api.reply({ status: 503, body: { success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } } });
    $<HTMLButtonElement>('[aria-label="Report wrong info about La Piccola"]')!.click();
    await settle();
    expect(api.calls.at(-1)!.body).toEqual({ sessionId: SESSION_ID, messageId, rating: 'down', reason: 'wrong_info', poiId: 2 });
    expect(texts('.feedback .note')).toEqual(['Your feedback could not be sent.']);
    // The conversation goes on.
    api.reply(answer('More.'));
    await type('more');
    expect(texts('.thread > .msg.bot .text').at(-1)).toBe('More.');
  });

  it('an answer that arrives while the panel is closed shows an unread badge on the launcher', async () => {
    await render();
    launcher().click();
    api.reply({ ...answer('Late answer.'), hold: true });
    await type('beaches');
    fixture.componentInstance.closePanel();
    api.release();
    await settle();
    expect(texts('.unread')).toEqual(['1']);
    expect(launcher().getAttribute('aria-label')).toBe('Chat with HoliBot, your local guide (1 new answers)');
    launcher().click();
    await settle();
    expect($('.unread')).toBeNull();
  });

  it('speaks French, sends French questions as French, and names the destination the server gives', async () => {
    await render({ lang: 'fr', destination: '' });
    expect(launcher().getAttribute('aria-label')).toBe('Discuter avec HoliBot, votre guide local');
    api.reply({ body: { success: true, data: { destinationName: 'Altea', languages: ['en', 'es', 'de', 'nl', 'fr'] } } });
    launcher().click();
    await settle();
    expect(api.calls[0]).toMatchObject({ method: 'GET', url: `${API}/chat/config` });
    expect(texts('.chip')).toEqual(['Meilleurs restaurants à Altea', 'Plages pour chiens', 'Musées à visiter']);
    api.reply(answer('Voici.'));
    $$('.chip')[1]!.click();
    await settle();
    expect(api.calls.at(-1)!.body).toEqual({ query: 'Plages pour chiens', language: 'fr' });
    expect(shadow.activeElement).toBe(input());
  });

  it('without a destination from the page or the server, suggestions that name one are left out', async () => {
    await render({ destination: '' });
    api.reply({ networkError: true });
    launcher().click();
    await settle();
    expect(texts('.chip')).toEqual(['Beaches for dogs', 'Museums to visit']);
  });

  it('subtitle, avatar (http(s) only), theme and session-key attributes', async () => {
    await render({ subtitle: 'Tourist office of Calpe', avatar: 'javascript:alert(1)', theme: 'dark', sessionKey: 'beach' });
    launcher().click();
    await settle();
    expect(texts('.subtitle')).toEqual(['Tourist office of Calpe']);
    expect($('.avatar')).toBeNull();
    expect($('.root')!.classList).toContain('dark');
    expect($('.root')!.getAttribute('dir')).toBe('ltr');
    api.reply(answer('Hi.'));
    await type('hi');
    expect(storage.getItem(`${SESSION_KEY}#beach`)).toBe(SESSION_ID);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    fixture.componentRef.setInput('avatar', 'https://calpe.example/logo.png');
    fixture.componentRef.setInput('theme', 'light');
    await settle();
    expect($<HTMLImageElement>('.avatar')!.src).toBe('https://calpe.example/logo.png');
    expect($('.root')!.classList).not.toContain('dark');
  });

  it('groups messages under a time label and shows rich text with the cards instead of a list that repeats them', async () => {
    await render();
    launcher().click();
    api.reply(
      answer('Here are 2 restaurants:\n1. Restaurante El Puerto — 4.8★\n2. La Piccola — 4.5★\nTry **La Piccola** for pizza.', [
        poi(),
        poi({ id: 2, name: 'La Piccola' }),
      ]),
    );
    await type('restaurants');
    expect($$('.time')).toHaveLength(1);
    const answerBubble = $$('.thread > .msg.bot').at(-1)!;
    expect(answerBubble.querySelector('[role="list"]')).toBeNull();
    expect(answerBubble.querySelector('strong')!.textContent).toBe('La Piccola');
    // Exactly the text: no space comes between a bold name and what follows it.
    expect(Array.from(answerBubble.querySelectorAll('.text')).map((p) => p.textContent)).toEqual(['Here are 2 restaurants:', 'Try La Piccola for pizza.']);
    expect($$('.cards.scroller')).toHaveLength(0);
    api.reply(answer('Three.', [poi(), poi({ id: 2 }), poi({ id: 3 })]));
    await type('more');
    expect($$('.time')).toHaveLength(1);
    expect($$('.cards.scroller')).toHaveLength(1);
    expect($('.cards.scroller')!.getAttribute('tabindex')).toBe('0');
  });

  it('Escape closes the "new conversation" question first, then the panel', async () => {
    await render();
    launcher().click();
    api.reply(answer('Hello!'));
    await type('hi');
    $<HTMLButtonElement>('[aria-label="New conversation"]')!.click();
    await settle();
    $('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($('[role="alertdialog"]')).toBeNull();
    expect($('[role="dialog"]')).not.toBeNull();
    expect(shadow.activeElement).toBe($('[aria-label="New conversation"]'));
    $('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($('[role="dialog"]')).toBeNull();
  });

  describe('over the WebSocket', () => {
    /** A scripted stand-in for the browser's WebSocket (jsdom's would need a server). */
    class ScriptedSocket {
      static instances: ScriptedSocket[] = [];
      static refuse = false;
      readyState = 0;
      sent: unknown[] = [];
      onopen: (() => void) | null = null;
      onmessage: ((event: { data: string }) => void) | null = null;
      onclose: (() => void) | null = null;
      constructor(readonly url: string) {
        ScriptedSocket.instances.push(this);
        setTimeout(() => {
          if (ScriptedSocket.refuse) return this.onclose?.();
          this.readyState = 1;
          this.onopen?.();
        });
      }
      send(data: string): void {
        this.sent.push(JSON.parse(data));
      }
      frame(frame: unknown): void {
        this.onmessage?.({ data: JSON.stringify(frame) });
      }
      close(): void {
        this.readyState = 3;
        this.onclose?.();
      }
    }

    beforeEach(() => {
      ScriptedSocket.instances = [];
      ScriptedSocket.refuse = false;
    });

    it('shows the text as it streams, then the final answer with its cards', async () => {
      await render({}, storage, ScriptedSocket as unknown as typeof WebSocket);
      launcher().click();
      await type('best restaurants in Calpe');
      const socket = ScriptedSocket.instances[0]!;
      expect(socket.url).toBe('wss://api.example/api/v1/chat/ws');
      expect(socket.sent).toEqual([{ type: 'message', query: 'best restaurants in Calpe', language: 'en' }]);
      expect($('.typing')).not.toBeNull();

      socket.frame({ type: 'delta', text: 'Here are ' });
      await settle();
      expect($('.typing')).toBeNull();
      expect(texts('.thread > .msg.bot .text').at(-1)).toBe('Here are');
      socket.frame({ type: 'delta', text: '2 restaurants.' });
      await settle();
      expect(texts('.thread > .msg.bot .text').at(-1)).toBe('Here are 2 restaurants.');

      socket.frame({ type: 'done', data: answer('Here are 2 restaurants.', [poi(), poi({ id: 2, name: 'La Piccola' })]).body });
      await settle();
      expect(texts('.thread > .msg.bot .text')).toEqual(['Here are 2 restaurants.']); // one bubble, not two
      expect(texts('.card-name')).toEqual(['Restaurante El Puerto', 'La Piccola']);
      expect(storage.getItem(SESSION_KEY)).toBe(SESSION_ID);
      expect(api.calls).toHaveLength(0);
    });

    it('falls back to REST when the socket cannot connect, and words socket errors like REST ones', async () => {
      ScriptedSocket.refuse = true;
      await render({}, storage, ScriptedSocket as unknown as typeof WebSocket);
      launcher().click();
      api.reply(answer('Over REST.'));
      await type('beaches');
      expect(texts('.thread > .msg.bot .text').at(-1)).toBe('Over REST.');
      expect(api.calls).toHaveLength(1);
      // Backing off: the next message goes over REST without a new connection attempt.
      api.reply(answer('Again over REST.'));
      await type('museums');
      expect(ScriptedSocket.instances).toHaveLength(1);
      expect(texts('.thread > .msg.bot .text').at(-1)).toBe('Again over REST.');
    });

    it('shows a rate limit sent over the socket with its wait', async () => {
      await render({}, storage, ScriptedSocket as unknown as typeof WebSocket);
      launcher().click();
      await type('beaches');
      ScriptedSocket.instances[0]!.frame({ type: 'error', error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many', retryAfter: 17 } });
      await settle();
      expect(texts('.msg.error .text')).toEqual(['Too many messages. You can send again in 17 s.']);
    });

    it('closes its socket when the widget goes away', async () => {
      await render({}, storage, ScriptedSocket as unknown as typeof WebSocket);
      launcher().click();
      await type('beaches');
      const socket = ScriptedSocket.instances[0]!;
      socket.frame({ type: 'done', data: answer('Beaches.').body });
      await settle();
      expect(socket.readyState).toBe(1);
      fixture.destroy();
      expect(socket.readyState).toBe(3);
    });

    it('a connection lost mid-answer leaves a retry, not half an answer', async () => {
      await render({}, storage, ScriptedSocket as unknown as typeof WebSocket);
      launcher().click();
      await type('beaches');
      const socket = ScriptedSocket.instances[0]!;
      socket.frame({ type: 'delta', text: 'Here are' });
      await settle();
      socket.close();
      await settle();
      expect(texts('.thread > .msg.bot .text')).toEqual(['I could not reach the server. Check your connection and try again.']);
      expect($('.retry')).not.toBeNull();
    });
  });
});
