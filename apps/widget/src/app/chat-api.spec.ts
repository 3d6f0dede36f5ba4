import { ScriptedFetch } from '../testing/scripted-fetch';
import { ApiError, ChatApi, retryAfterSeconds } from './chat-api';
import { loadStrings, resolveLanguage, uiStrings, format, type UiLanguage } from './i18n';
import { httpUrl, telUrl } from './links';
import { SessionStore } from './session-store';
import { MemoryStorage } from '../testing/scripted-fetch';
import { FEEDBACK_REASONS } from '@holibot/contracts';

const UI_LANGUAGES: UiLanguage[] = ['en', 'es', 'de', 'nl', 'fr'];

describe('ChatApi', () => {
  it('maps answers and failures to what the widget words for visitors', async () => {
    const fetch = new ScriptedFetch().reply(
      { status: 400, body: { success: false, error: { code: 'QUERY_TOO_LONG', message: 'too long' } } },
      { status: 502, body: '<html>Bad gateway</html>' },
      { status: 429 },
      { networkError: true },
    );
    const api = new ChatApi('https://h.example/api/v1/', fetch.fetch);
    const failures = [];
    for (let i = 0; i < 4; i++) {
      failures.push(await api.sendMessage({ query: 'x' }).catch((e: ApiError) => e.failure));
    }
    expect(failures).toEqual([
      { kind: 'rejected', status: 400, code: 'QUERY_TOO_LONG', message: 'too long' },
      { kind: 'server', status: 502 },
      { kind: 'rate-limited', retryAfterSeconds: 60 },
      { kind: 'network' },
    ]);
    expect(fetch.calls[0].url).toBe('https://h.example/api/v1/chat/message');
  });

  it('escapes session ids in paths', async () => {
    const fetch = new ScriptedFetch().reply({ body: { success: true } });
    await new ChatApi('https://h.example/api/v1', fetch.fetch).deleteSession('../x');
    expect(fetch.calls[0].url).toBe('https://h.example/api/v1/chat/session/..%2Fx');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(retryAfterSeconds('42', now)).toBe(42);
    expect(retryAfterSeconds('0', now)).toBe(1);
    expect(retryAfterSeconds('Tue, 24 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBe(60);
    expect(retryAfterSeconds(null, now)).toBe(60);
  });
});

describe('links', () => {
  it('keeps http(s) only and makes tel: links from written numbers', () => {
    expect(httpUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(httpUrl('HTTP://a.example')).toBe('http://a.example/');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl(' data:text/html,1')).toBeNull();
    expect(httpUrl('www.example.com')).toBeNull();
    expect(httpUrl(null)).toBeNull();
    expect(telUrl('+34 965 83-12-34')).toBe('tel:+34965831234');
    expect(telUrl('965 (83) 12 34')).toBe('tel:965831234');
    expect(telUrl('n/a')).toBeNull();
    expect(telUrl('1+23')).toBe('tel:123');
  });
});

describe('SessionStore', () => {
  it('namespaces by API and survives a storage that throws', () => {
    const storage = new MemoryStorage();
    new SessionStore('https://a.example/api/v1', storage).set('one');
    new SessionStore('https://b.example/api/v1', storage).set('two');
    expect(storage.getItem('holibot:session:https://a.example/api/v1')).toBe('one');
    expect(new SessionStore('https://b.example/api/v1', storage).get()).toBe('two');

    const broken = new SessionStore('https://a.example/api/v1', new MemoryStorage(true));
    broken.set('kept-in-memory');
    expect(broken.get()).toBe('kept-in-memory');
    broken.clear();
    expect(broken.get()).toBeNull();
  });
});

describe('UI strings', () => {
  beforeAll(() => Promise.all(UI_LANGUAGES.map(loadStrings)));

  it('resolve browser languages to the five the widget speaks', () => {
    expect(resolveLanguage('es-ES')).toBe('es');
    expect(resolveLanguage('NL')).toBe('nl');
    expect(resolveLanguage('fr-FR')).toBe('fr');
    expect(resolveLanguage('it-IT')).toBe('en');
    expect(resolveLanguage('constructor')).toBe('en');
    expect(resolveLanguage(undefined)).toBe('en');
  });

  it('exist in every language with the same placeholders as English', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    const en = uiStrings('en');
    for (const language of UI_LANGUAGES) {
      const t = uiStrings(language);
      expect(t.language).toBe(language);
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        const value = t[key];
        expect(value).toBeTruthy();
        if (typeof value === 'string') expect(placeholders(value)).toEqual(placeholders(en[key] as string));
      }
      expect(t.suggestions.map(placeholders)).toEqual(en.suggestions.map(placeholders));
      expect(Object.keys(t.categories).sort()).toEqual(Object.keys(en.categories).sort());
      expect(Object.keys(t.reasons).sort()).toEqual([...FEEDBACK_REASONS].sort());
    }
    expect(format(en.rateLimited, { seconds: 7 })).toBe('Too many messages. Please try again in 7 s.');
  });
});
