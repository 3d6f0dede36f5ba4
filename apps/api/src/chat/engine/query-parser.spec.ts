import { QueryParser, editDistance } from './query-parser.js';

const vocabulary = {
  cities: new Map([
    ['calpe', 'calp'],
    ['calp', 'calp'],
    ['altea', 'altea'],
    ['altea la vella', 'altea la vella'],
  ]),
  names: new Map([
    ['green soul kitchen', [7]],
    ['sunset lounge ifach', [8]],
  ]),
  knownWords: new Set(['green', 'soul', 'kitchen', 'sunset', 'lounge', 'ifach']),
};
const parser = new QueryParser();
const parse = (q: string) => parser.parse(q, vocabulary);

describe('QueryParser', () => {
  it('reads topics, town and quality from an English question', () => {
    const parsed = parse('best restaurants in Calpe');
    expect(parsed.language).toBe('en');
    expect(parsed.topics.map((t) => t.key)).toEqual(['restaurants']);
    expect(parsed.cities).toEqual(['calp']);
    expect(parsed.best).toBe(true);
    expect(parsed.freeText).toEqual([]);
  });

  it('never corrects a word the catalogue uses into a lexicon word', () => {
    // "green" is one edit from "greek"; here a place is called Green Soul Kitchen.
    expect(parse('green').topics).toEqual([]);
    expect(parse('green').freeText).toEqual(['green']);
    expect(parser.parse('green').topics.map((t) => t.key)).toEqual(['greek']);
    expect(parse('restarants').topics.map((t) => t.key)).toEqual(['restaurants']);
  });

  it('understands Spanish, German and Dutch and tells the language', () => {
    const es = parse('¿Dónde hay playas para perros?');
    expect(es.language).toBe('es');
    // "Playas para perros" is one topic: beaches that allow dogs.
    expect(es.topics.map((t) => t.key)).toEqual(['dogbeach']);
    expect([...es.attributes]).toEqual(['dogs']);

    const de = parse('Welche Museen gibt es in Calpe?');
    expect(de.language).toBe('de');
    expect(de.topics.map((t) => t.key)).toEqual(['museums']);

    const nl = parse('waar kan ik ontbijten?');
    expect(nl.language).toBe('nl');
    expect(nl.topics.map((t) => t.key)).toEqual(['breakfast']);
  });

  it('tolerates typos', () => {
    const parsed = parse('restarants with outdor seating');
    expect(parsed.topics.map((t) => t.key)).toEqual(['restaurants']);
    expect([...parsed.attributes]).toEqual(['outdoorSeating']);
    expect(parse('vegatarian').attributes.has('vegetarian')).toBe(true);
  });

  it('reads follow-ups: which, ordinals, fields', () => {
    const which = parse('which one has outdoor seating?');
    expect(which.which).toBe(true);
    expect(which.topics).toEqual([]);
    expect([...which.attributes]).toEqual(['outdoorSeating']);

    expect(parse('the last one').ordinal).toBe(-1);
    expect(parse('the second one').ordinal).toBe(2);
    const address = parse("What's the address of the first one?");
    expect(address.ordinal).toBe(1);
    expect([...address.fields]).toEqual(['address']);
    expect(address.freeText).toEqual([]);
    const open = parse('is it open now?');
    expect(open.it).toBe(true);
    expect(open.attributes.has('openNow')).toBe(true);
  });

  it('keeps unknown words as free text, and leaves short ones unmatched rather than guessing', () => {
    expect(parse('ski resorts').freeText).toEqual(['ski', 'resorts']);
    expect(parse('Italian restaurants').topics.map((t) => t.key)).toEqual(['italian', 'restaurants']);
  });

  it('returns null language when the words do not tell', () => {
    expect(parse('Calpe').language).toBeNull();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('beach', 'beach', 2)).toBe(0);
    expect(editDistance('bech', 'beach', 2)).toBe(1);
    expect(editDistance('baech', 'beach', 2)).toBe(1);
    expect(editDistance('restarants', 'restaurants', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('QueryParser with the catalogue vocabulary', () => {
  it('recognises a place named in full, and never turns its words into lexicon words', () => {
    expect(parse('Green Soul Kitchen').named).toEqual([7]);
    expect(parse('is Sunset Lounge Ifach open?').named).toEqual([8]);
    const partial = parse('kitchen');
    expect(partial.topics).toEqual([]);
    expect(partial.freeText).toEqual(['kitchen']);
  });

  it('recognises towns of several words', () => {
    expect(parse('beaches in Altea la Vella').cities).toEqual(['altea la vella']);
  });

  it('drops words shorter than three letters from text search', () => {
    expect(parse('xy beaches').freeText).toEqual([]);
  });

  it('reports tied languages instead of guessing', () => {
    const parsed = parse('beste restaurants');
    expect(parsed.language).toBeNull();
    expect(parsed.languageCandidates).toEqual(['de', 'nl']);
  });
});

describe('QueryParser: French, time words and moves on the last list', () => {
  it('understands French questions as it does the other four languages', () => {
    const dinner = parse('où manger une paella ce soir ?');
    expect(dinner.language).toBe('fr');
    expect(dinner.topics.map((t) => t.key)).toEqual(['restaurants', 'paella']);
    expect(dinner.when).toEqual({ day: 'today', part: 'evening' });
    expect(parse('des plages pour chiens').attributes).toEqual(new Set(['dogs']));
    expect(parse('quel est le numéro de téléphone du deuxième ?')).toMatchObject({ language: 'fr', ordinal: 2, fields: new Set(['phone']) });
    expect(parse('et le premier ?')).toMatchObject({ language: 'fr', ordinal: 1 });
    // "Xàbia", "Plaça": Catalan place names are no sign of French.
    expect(parse('beaches in Plaça Xàbia').language).toBe('en');
  });

  it('reads time words per language, adding a day and a part of it', () => {
    expect(parse('paella tonight').when).toEqual({ day: 'today', part: 'evening' });
    expect(parse('¿qué está abierto mañana por la mañana?').when).toEqual({ day: 'tomorrow', part: 'morning' });
    expect(parse('Ist es am Sonntag geöffnet?').when).toEqual({ day: 0 });
    expect(parse('morgen abend essen').when).toEqual({ day: 'tomorrow', part: 'evening' });
    expect(parse('waar kan ik lunchen voor de lunch').when).toEqual({ part: 'lunch' });
    expect(parse('restaurants open now').attributes).toEqual(new Set(['openNow']));
    expect(parse('Guten Morgen').when).toBeNull();
  });

  it('"when does it close?" is the closing time, not the opening hours; "hoe laat gaat de derde dicht?" too', () => {
    expect(parse('when does it close?').fields).toEqual(new Set(['hours', 'closes']));
    expect(parse('Hoe laat gaat de derde dicht?')).toMatchObject({ ordinal: 3, fields: new Set(['hours', 'closes']) });
    expect(parse('¿a qué hora abre?').fields.has('opens')).toBe(true);
  });

  it('show more, not that one, near me, near the beach, comparisons', () => {
    expect(parse('show more').more).toBe(true);
    expect(parse('¿hay otros?').more).toBe(true);
    expect(parse('not that one').exclude).toBe(true);
    expect(parse('etwas anderes').exclude).toBe(true);
    expect(parse('restaurants near me').nearMe).toBe(true);
    expect(parse('closer to the beach?')).toMatchObject({ nearBeach: true, nearMe: false });
    expect(parse('which is better rated, the first or the second?').ordinals).toEqual([1, 2]);
  });
});

describe('QueryParser: a town the catalogue does not have', () => {
  it('capitalised or not, after a word for "in"; never a month, a season, a language or a word the catalogue uses', () => {
    expect(parse('beaches in Benidorm').unknownTown).toBe('Benidorm');
    expect(parse('beaches in benidorm').unknownTown).toBe('benidorm');
    expect(parse('¿playas en benidorm?').unknownTown).toBe('benidorm');
    expect(parse('plages à Benidorm').unknownTown).toBe('Benidorm');
    for (const question of [
      'beaches in august',
      'museums in english',
      'restaurants in calpe',
      'beaches in summer?',
      'playas en verano',
      'kitchen in green',
      '¿dónde comer a mediodía?',
      'pizza en la playa',
    ]) {
      expect([question, parse(question).unknownTown]).toEqual([question, null]);
    }
  });
});
