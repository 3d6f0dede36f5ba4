import type { PoiView } from '@holibot/contracts';
import { HISTORY_LIMIT } from '../answer-engine.js';
import { HISTORY_MESSAGE_CHARS, PROMPT_CANARY, buildMessages, placeFacts } from './prompts.js';

const poi: PoiView = {
  id: 7,
  name: 'Taberna El Tapeo',
  category: 'Food & Drinks',
  subcategory: 'Tapas Bar',
  subcategoryLabel: 'Tapas Bar',
  description: 'Tapas and vermouth.',
  address: 'Carrer Major 3',
  city: 'Calpe',
  latitude: 38.64,
  longitude: 0.04,
  rating: 4.5,
  reviewCount: 210,
  priceLevel: 2,
  openingHours: 'Mo-Su 12:00-24:00',
  openNow: true,
  nextChange: null,
  outdoorSeating: true,
  wheelchair: null,
  vegetarian: false,
  vegan: null,
  dogs: null,
  kids: null,
  cuisine: ['tapas'],
  website: 'https://example.com',
  phone: '+34 600 000 000',
  mapUrl: 'https://www.openstreetmap.org/',
  relevanceScore: 0.9,
};

describe('prompts', () => {
  it('places are compact facts: no coordinates, links or scores, unknown flags left out', () => {
    const facts = placeFacts(poi);
    expect(facts).toMatchObject({ id: 7, name: 'Taberna El Tapeo', kind: 'Tapas Bar', price: '€€', openNow: true, outdoorSeating: true, vegetarian: false });
    expect(Object.keys(facts)).not.toEqual(expect.arrayContaining(['latitude']));
    expect(facts).not.toHaveProperty('mapUrl');
    expect(facts).not.toHaveProperty('relevanceScore');
    expect(facts).not.toHaveProperty('vegan');
  });

  it('system message with rules, language, places and catalogue answer; bounded history; the question last', () => {
    const history = Array.from({ length: 14 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `m${i} ${'x'.repeat(i === 13 ? 2000 : 0)}`,
    }));
    const messages = buildMessages({
      destination: 'Calpe',
      language: 'de',
      places: [poi],
      catalogueAnswer: 'Ich habe einen Ort gefunden:',
      history,
      question: 'Tapas?',
    });
    expect(messages).toHaveLength(1 + HISTORY_LIMIT + 1);
    const system = messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain(PROMPT_CANARY);
    expect(system.content).toContain('Reply in German (Deutsch)');
    expect(system.content).toContain('"name":"Taberna El Tapeo"');
    expect(system.content).toContain('Ich habe einen Ort gefunden:');
    expect(messages[1]!.content).toBe('m4 ');
    expect(messages[HISTORY_LIMIT]!.content.length).toBe(HISTORY_MESSAGE_CHARS + 1);
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'Tapas?' });
  });

  it('no places: the model is told to name none', () => {
    const [system] = buildMessages({ destination: 'Calpe', language: 'en', places: [], catalogueAnswer: 'Hello!', history: [], question: 'hi' });
    expect(system!.content).toContain('(none: name no place at all)');
  });
});
