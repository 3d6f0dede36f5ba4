import type { ChatMessageResponse, Language } from '@holibot/contracts';
import { de } from '../src/app/i18n/de.js';
import { en } from '../src/app/i18n/en.js';
import { es } from '../src/app/i18n/es.js';
import { fr } from '../src/app/i18n/fr.js';
import { nl } from '../src/app/i18n/nl.js';
import type { UiStrings } from '../src/app/i18n/ui-strings.js';
import { type InProcessApp, startInProcess } from '../../api/test/support/in-process.js';

/**
 * The widget offers quick replies after a list of places ("Which are open now?", "With outdoor
 * seating?", "Phone number of the first one?", and "Show more" when the answer found more than it
 * shows): the built-in engine must take each, in every language it speaks, as a follow-up on that
 * list — not as a new search.
 */
describe('the widget quick replies are follow-ups the built-in engine understands', () => {
  let running: InProcessApp;

  beforeAll(async () => {
    running = await startInProcess({ RATE_LIMIT_ENABLED: 'false' });
  });
  afterAll(() => running?.close());

  async function ask(query: string, language: Language, sessionId?: string): Promise<ChatMessageResponse['data'] & { totalResults: number }> {
    const response = await fetch(`${running.url}/api/v1/chat/message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, language, sessionId }),
    });
    expect(response.status).toBe(200);
    const { data, metadata } = (await response.json()) as ChatMessageResponse;
    return { ...data, totalResults: metadata.totalResults };
  }

  const searches: Record<Language, string> = {
    en: 'restaurants in Calpe',
    es: 'restaurantes en Calpe',
    de: 'Restaurants in Calpe',
    nl: 'restaurants in Calpe',
    fr: 'restaurants à Calpe',
  };
  const strings: Record<Language, UiStrings> = { en, es, de, nl, fr };

  it.each(Object.keys(strings) as Language[])('%s', async (language) => {
    const t = strings[language];
    for (const reply of [t.quickOpenNow, t.quickOutdoor, t.quickPhone]) {
      const list = await ask(searches[language], language);
      expect(list.pois.length).toBeGreaterThan(1);
      const answer = await ask(reply, language, list.sessionId);
      expect({ reply, isFollowUp: answer.isFollowUp, intent: answer.intent }).toEqual({
        reply,
        isFollowUp: true,
        intent: expect.stringMatching(/^follow_up_/),
      });
      // Only places of that list, never a new search's.
      const listed = new Set(list.pois.map((poi) => poi.id));
      for (const poi of answer.pois) expect(listed.has(poi.id)).toBe(true);
    }
  });

  it.each(Object.keys(strings) as Language[])('%s: "Show more" pages on through the same search', async (language) => {
    const list = await ask(searches[language], language);
    // The widget offers it after this answer.
    expect(list.totalResults).toBeGreaterThan(list.pois.length);
    const more = await ask(strings[language].quickMore, language, list.sessionId);
    expect({ isFollowUp: more.isFollowUp, intent: more.intent }).toEqual({ isFollowUp: true, intent: expect.stringMatching(/^follow_up_/) });
    expect(more.pois.length).toBeGreaterThan(0);
    // The next places of that result: none of those already shown.
    const listed = new Set(list.pois.map((poi) => poi.id));
    for (const poi of more.pois) expect(listed.has(poi.id)).toBe(false);
  });
});
