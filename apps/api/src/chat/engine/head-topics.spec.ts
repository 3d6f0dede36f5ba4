import { headTopics } from './builtin-matching.js';

const restaurants = { subcategories: ['Restaurants'], position: 0 };
describe('headTopics', () => {
  it('keeps the first kind of place and drops the ones that describe it', () => {
    expect(headTopics([restaurants, { subcategories: ['Beaches'], position: 3 }])).toEqual([restaurants]);
  });
  it('takes the second of two side by side ("beach bars")', () => {
    const bars = { subcategories: ['Bars'], position: 1 };
    expect(headTopics([{ subcategories: ['Beaches'], position: 0 }, bars])).toEqual([bars]);
  });
  it('uses ambient words only when nothing else names a place', () => {
    const sea = { subcategories: ['Beaches'], weak: true, position: 2 };
    expect(headTopics([restaurants, sea])).toEqual([restaurants]);
    expect(headTopics([sea])).toEqual([sea]);
  });
  it('keeps kinds of the same category together, and cuisines', () => {
    const bars = { subcategories: ['Bars'], position: 2 };
    const italian = { cuisines: ['italian'], position: 4 };
    expect(headTopics([restaurants, bars, italian])).toEqual([restaurants, bars, italian]);
  });
});

describe('headTopics: broad words', () => {
  it('a quality ("romantic") narrows the kind it goes with instead of adding its own kinds', () => {
    const romantic = { subcategories: ['Viewpoints'], mentions: ['romantic', 'sunset'], position: 0 };
    const dinner = { ...restaurants, position: 1 };
    expect(headTopics([romantic, dinner])).toEqual([dinner, { mentions: ['romantic', 'sunset'], position: 0 }]);
    // Alone, it is its own kinds and words.
    expect(headTopics([romantic])).toEqual([romantic]);
  });
  it('"things to do" and "shops" give way to a more precise kind ("on a rainy day", "souvenir shops")', () => {
    const todo = { categories: ['Culture & History', 'Active'], generic: true, position: 0 };
    const rainy = { subcategories: ['Museums', 'Cinemas'], position: 4 };
    expect(headTopics([todo, rainy])).toEqual([rainy]);
    const souvenirs = { subcategories: ['Souvenirs'], position: 0 };
    const shops = { categories: ['Shopping'], generic: true, position: 1 };
    expect(headTopics([souvenirs, shops])).toEqual([souvenirs]);
    expect(headTopics([todo])).toEqual([todo]);
  });
});
