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
