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
    expect(describedAttributes(['Espacio para niños y mayores']).get('kids')).toBe('para niños');
  });

  it('a negation anywhere before it in the clause states nothing; the next clause is not negated', () => {
    expect(describedAttributes(['No dogs allowed on the beach in summer.', 'Keine Hunde erlaubt', 'Sans terrasse']).size).toBe(0);
    expect(describedAttributes(['The last section is not suitable for young children or for families with prams.']).has('kids')).toBe(false);
    expect(Object.fromEntries(describedAttributes(['Kein Hund erlaubt, Kinder willkommen', 'Sin gluten, vegetariano']))).toEqual({
      kids: 'Kinder willkommen',
      vegetarian: 'vegetariano',
    });
  });

  it('bare words that appear in any context state nothing: children, their families, gratis wifi, a free booking', () => {
    const described = describedAttributes([
      'A monument to fishermen and their families.',
      'Wifi gratis para clientes.',
      'Book a free online guided tour; children love it.',
    ]);
    // Only the wifi, which "Wifi gratis" does state.
    expect(Object.fromEntries(described)).toEqual({ wifi: 'Wifi' });
    expect(describedAttributes(['Kinderkarte verfügbar; veganism talk']).size).toBe(0);
  });
});
