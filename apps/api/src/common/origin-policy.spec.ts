import { isOriginAllowed } from './origin-policy.js';

describe('isOriginAllowed (CORS and the chat WebSocket)', () => {
  const none = { corsOrigins: [] };
  const listed = { corsOrigins: ['https://www.calpe.example', 'http://localhost:4200'] };
  const any = { corsOrigins: ['*'] };

  it('lets requests without an Origin through (not a browser, or a same-origin GET)', () => {
    expect(isOriginAllowed(undefined, 'api.example', none)).toBe(true);
    expect(isOriginAllowed(undefined, undefined, none)).toBe(true);
  });

  it("allows the request's own host: the pages HoliBot serves itself", () => {
    expect(isOriginAllowed('http://127.0.0.1:3002', '127.0.0.1:3002', none)).toBe(true);
    expect(isOriginAllowed('https://bot.example', 'bot.example', none)).toBe(true);
    // A default port written out in the Host header is the same host.
    expect(isOriginAllowed('https://bot.example', 'bot.example:443', none)).toBe(true);
    expect(isOriginAllowed('https://Bot.Example', 'bot.example', none)).toBe(true);
  });

  it('refuses another host, another port, or localhost for 127.0.0.1', () => {
    expect(isOriginAllowed('https://evil.example', 'bot.example', none)).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:3003', '127.0.0.1:3002', none)).toBe(false);
    expect(isOriginAllowed('http://localhost:3002', '127.0.0.1:3002', none)).toBe(false);
    expect(isOriginAllowed('https://evil.example', undefined, none)).toBe(false);
  });

  it('refuses Host headers that only parse as a URL (a path, user info)', () => {
    expect(isOriginAllowed('https://bot.example', 'bot.example/x', none)).toBe(false);
    expect(isOriginAllowed('https://bot.example', 'evil@bot.example', none)).toBe(false);
  });

  it('allows the origins CORS_ORIGIN lists, compared as origins', () => {
    expect(isOriginAllowed('https://www.calpe.example', 'api.example', listed)).toBe(true);
    expect(isOriginAllowed('https://WWW.calpe.example:443', 'api.example', listed)).toBe(true);
    expect(isOriginAllowed('http://localhost:4200', 'api.example', listed)).toBe(true);
    expect(isOriginAllowed('http://www.calpe.example', 'api.example', listed)).toBe(false);
    expect(isOriginAllowed('https://calpe.example', 'api.example', listed)).toBe(false);
    expect(isOriginAllowed('https://www.calpe.example.evil.example', 'api.example', listed)).toBe(false);
  });

  it('refuses null and non-http origins unless CORS_ORIGIN is *', () => {
    for (const origin of ['null', 'file://', 'chrome-extension://abc', 'not a url']) {
      expect(isOriginAllowed(origin, 'api.example', listed)).toBe(false);
      expect(isOriginAllowed(origin, 'api.example', any)).toBe(true);
    }
    expect(isOriginAllowed('https://anyone.example', 'api.example', any)).toBe(true);
  });
});
