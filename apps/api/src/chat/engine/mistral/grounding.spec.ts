import {
  type CandidatePlace,
  LeakGuard,
  NameMatcher,
  SentenceSplitter,
  checkSentence,
  joinSentence,
  malformedReason,
  referencedPlaces,
  splitSentences,
  stripMarkup,
} from './grounding.js';
import { PROMPT_CANARY, instructions } from './prompts.js';

// The catalogue's names as PoiCatalogue.vocabulary().names has them: normalized → ids.
const catalogueNames = new Map<string, number[]>([
  ['trattoria da luca', [1]],
  ['pizzeria bella napoli', [2]],
  ['taberna el tapeo', [3]],
  ['cafe ifach', [4]],
  ['pasteleria cafe dulce ifach', [5]],
  ['playa de la fossa levante', [6]],
  ['la fossa beach levante', [6]],
  ['sala mistral', [7]],
]);
const matcher = new NameMatcher(catalogueNames);
const candidates: CandidatePlace[] = [
  { id: 3, names: ['Taberna El Tapeo'] },
  { id: 1, names: ['Trattoria Da Luca'] },
];

describe('checkSentence', () => {
  it('finds the candidates a sentence names, in candidate order, whatever the case and accents', () => {
    const check = checkSentence('Try **trattoria da Luca** or Taberna el Tapeo tonight.', candidates, matcher.withCandidates(candidates));
    expect(check).toEqual({ mentioned: [3, 1], invented: [] });
  });

  it('a catalogue place that is not a candidate is invented', () => {
    const check = checkSentence('Pizzeria Bella Napoli is also great.', candidates, matcher.withCandidates(candidates));
    expect(check.invented).toEqual(['Pizzeria Bella Napoli']);
    expect(check.mentioned).toEqual([]);
  });

  it('a name that is no catalogue place at all is invented: after a business word, or in bold', () => {
    const m = matcher.withCandidates(candidates);
    expect(checkSentence('Or try Restaurante Casa Pepe by the port.', candidates, m).invented).toEqual(['Restaurante Casa Pepe']);
    expect(checkSentence('**El Rincón Secreto** has the best views.', candidates, m).invented).toEqual(['El Rincón Secreto']);
    // Ordinary words after a business word, and bold that is no name, are fine.
    expect(checkSentence('The restaurant is open now, **open now** even.', candidates, m).invented).toEqual([]);
    expect(checkSentence('Taberna El Tapeo is a bar with tapas.', candidates, m)).toEqual({ mentioned: [3], invented: [] });
  });

  it('a shorter name inside a longer one belongs to the longer one', () => {
    const shop: CandidatePlace[] = [{ id: 5, names: ['Pastelería Café Dulce Ifach'] }];
    expect(checkSentence('Pastelería Café Dulce Ifach bakes daily.', shop, matcher.withCandidates(shop))).toEqual({ mentioned: [5], invented: [] });
    expect(checkSentence('Café Ifach opens at 8.', shop, matcher.withCandidates(shop)).invented).toEqual(['Café Ifach']);
  });

  it("a candidate's name without its bracketed part still counts as the candidate", () => {
    const beach: CandidatePlace[] = [{ id: 6, names: ['Playa de la Fossa (Levante)'] }];
    expect(checkSentence('**Playa de la Fossa** is long and sandy.', beach, matcher.withCandidates(beach))).toEqual({ mentioned: [6], invented: [] });
  });
});

describe('referencedPlaces', () => {
  it('the named candidates in candidate order; none named: the one place, or null for several', () => {
    expect(referencedPlaces([1, 3], candidates)).toEqual([3, 1]);
    expect(referencedPlaces([], [{ id: 9, names: ['X'] }])).toEqual([9]);
    expect(referencedPlaces([], candidates)).toBeNull();
    expect(referencedPlaces([], [])).toEqual([]);
  });
});

describe('LeakGuard', () => {
  const guard = new LeakGuard(instructions('Calpe', 'en'), PROMPT_CANARY);
  it('spots the canary, a copied run of the rules, or the data sections', () => {
    expect(guard.leaks(`My reference is ${PROMPT_CANARY.toLowerCase()}.`)).toBe(true);
    expect(guard.leaks('Sure! Rule 1: Talk only about the places listed under PLACES below.')).toBe(true);
    expect(guard.leaks('Here is the CATALOGUE ANSWER you gave me.')).toBe(true);
    expect(guard.leaks('{"id": 12, "name": "Taberna El Tapeo"}')).toBe(true);
  });
  it('an ordinary answer is no leak', () => {
    expect(guard.leaks('Taberna El Tapeo serves tapas until midnight; Trattoria Da Luca has pizza and pasta.')).toBe(false);
    expect(guard.leaks('I can only help with places in Calpe. Would you like a beach or a restaurant?')).toBe(false);
    expect(guard.leaks("I'm HoliBot, the visitor concierge of Calpe: I help tourists find places to eat, drink, visit and do in Calpe.")).toBe(false);
  });
});

describe('malformedReason', () => {
  it('empty, cut off, too long or not plain text', () => {
    expect(malformedReason('Fine.', 'stop')).toBeNull();
    expect(malformedReason('Fine.', null)).toBeNull();
    expect(malformedReason('  ', 'stop')).toBe('empty');
    expect(malformedReason('Half a sent', 'length')).toBe('finish_reason length');
    expect(malformedReason('x'.repeat(3000), 'stop')).toBe('too long');
    expect(malformedReason('{"answer": 1}', 'stop')).toBe('not plain text');
  });
});

describe('SentenceSplitter', () => {
  it('yields each sentence as soon as it is complete, keeping numbers and list numbers whole', () => {
    const splitter = new SentenceSplitter();
    expect(splitter.push('Here are two. ')).toEqual([{ text: 'Here are two.', newline: false }]);
    expect(splitter.push('1. **Taberna** rated 4')).toEqual([]);
    expect(splitter.push('.5 stars!\n2. Trattoria')).toEqual([{ text: '1. **Taberna** rated 4.5 stars!', newline: false }]);
    expect(splitter.push(' Da Luca.')).toEqual([]);
    expect(splitter.end()).toEqual([{ text: '2. Trattoria Da Luca.', newline: true }]);
  });

  it('whole texts split the same way; joining keeps spaces and line breaks', () => {
    const sentences = splitSentences('Hello there! How are you?\n\nSee you.');
    expect(sentences).toEqual([
      { text: 'Hello there!', newline: false },
      { text: 'How are you?', newline: false },
      { text: 'See you.', newline: true },
    ]);
    expect(sentences.reduce((text, s) => text + joinSentence(text, s), '')).toBe('Hello there! How are you?\nSee you.');
  });

  it('stripMarkup removes the bold marks', () => {
    expect(stripMarkup('Try **Taberna El Tapeo**.')).toBe('Try Taberna El Tapeo.');
  });
});
