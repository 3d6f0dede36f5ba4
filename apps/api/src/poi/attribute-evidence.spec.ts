import { describedAttributes } from './attribute-evidence.js';

describe('describedAttributes: what a description says, in any language, as written', () => {
  it('finds the words that state an attribute and quotes them with their accents', () => {
    expect(Object.fromEntries(describedAttributes(['Sandy cove, ideal for families with children. Terraza con vistas.']))).toEqual({
      kids: 'families with children',
      outdoorSeating: 'Terraza',
    });
    expect(Object.fromEntries(describedAttributes([null, 'Kleines Café. Hunde willkommen!', 'Petit café, chiens acceptés']))).toEqual({
      dogs: 'Hunde willkommen',
    });
    expect(describedAttributes(['Espacio para niños']).get('kids')).toBe('niños');
  });

  it('a negated mention states nothing; a word inside another word is no mention', () => {
    expect(describedAttributes(['No dogs allowed on the beach in summer.', 'Keine Hunde erlaubt', 'Sans terrasse']).size).toBe(0);
    expect(describedAttributes(['Not suitable for children.']).has('kids')).toBe(false);
    expect(describedAttributes(['Kinderkarte verfügbar; veganism talk']).size).toBe(0);
  });
});
