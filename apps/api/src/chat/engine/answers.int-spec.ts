import { freshSqliteDatabase } from '@holibot/database/testing';
import { chatContext } from '../../../test/support/chat-context.js';

/**
 * The built-in engine on the sample catalogue, Tuesday 2 June 2026 at 13:00 in Calpe: time
 * words, "show more" and its false friends, widening only when the kind is missing, positions.
 */
describe('built-in answers on the sample catalogue', () => {
  let context: Awaited<ReturnType<typeof chatContext>>;
  beforeAll(async () => {
    context = await chatContext({ database: freshSqliteDatabase(), now: new Date('2026-06-02T11:00:00Z') });
  });
  afterAll(() => context?.close());

  async function conversation(...questions: Array<string | { query: string; latitude: number; longitude: number }>) {
    let sessionId: string | undefined;
    const answers = [];
    for (const question of questions) {
      const request = typeof question === 'string' ? { query: question } : question;
      const { data } = await context.chat.handle({ ...request, ...(sessionId ? { sessionId } : {}) }, null);
      sessionId = data.sessionId;
      answers.push(data);
    }
    return answers;
  }
  const names = (answer: { pois: Array<{ name: string }> }) => answer.pois.map((p) => p.name);

  it('"open" beside a time word means open then, not now; a weekday with a part of the day is that day\'s', async () => {
    const [open] = await conversation('bars open tonight');
    const [plain] = await conversation('bars tonight');
    expect(names(open!)).toEqual(names(plain!));
    expect(open!.textResponse).toMatch(/^I found \d+ places? open tonight/);
    const [saturday] = await conversation('bars open on Saturday evening');
    expect(saturday!.textResponse).toMatch(/^I found \d+ places? open on Saturday evening/);
    const [german] = await conversation('Bars am Samstagabend');
    expect(german!.textResponse).toMatch(/die am Samstagabend geöffnet sind|der am Samstagabend geöffnet ist/);
    expect(names(german!)).toEqual(names(saturday!).map((name) => german!.pois.find((p) => p.name === name)?.name ?? name));
  });

  it('at a time, places whose hours are unknown are not counted as open; if no place says its hours, the answer says it cannot tell', async () => {
    // No viewpoint of the sample has opening hours.
    const [viewpoints] = await conversation('viewpoints tonight');
    expect(viewpoints!.textResponse).toMatch(/^I can't tell which of these is open tonight: none of them lists opening hours\. I found \d+ places; /);
    expect(viewpoints!.pois.length).toBeGreaterThan(0);
    // Some beaches have hours (the lifeguarded ones): only those are said to be open tonight.
    const [beaches] = await conversation('beaches tonight');
    expect(beaches!.textResponse).toMatch(/^I found \d+ places open tonight/);
    expect(beaches!.pois.every((p) => p.openingHours !== null)).toBe(true);
  });

  it('"show more" after a narrowing has nothing more; "other beaches?" pages on; "more romantic", "more expensive" are no paging', async () => {
    const narrowed = await conversation('restaurants', 'which ones are vegan?', 'show more');
    expect(narrowed[2]!.textResponse).toMatch(/^That's all I found/);
    const beaches = await conversation('beaches', 'any other beaches?');
    expect(beaches[1]!.isFollowUp).toBe(true);
    expect(names(beaches[1]!).some((name) => names(beaches[0]!).includes(name))).toBe(false);
    expect(beaches[1]!.pois.every((p) => p.subcategory === 'Beaches')).toBe(true);
    const [, romantic] = await conversation('restaurants', 'which one is more romantic?');
    expect(romantic!.textResponse).not.toMatch(/^Here (is|are) .* more/);
    const [list, pricier] = await conversation('restaurants', 'which is more expensive, the first or the second?');
    expect(names(pricier!)).toEqual(names(list!).slice(0, 2));
    expect(pricier!.textResponse).toMatch(/less expensive than|same price range|I don't know the price level/);
  });

  it('widening only when no place of the kind exists: a kind emptied by an attribute says nothing found, not "nothing is listed"', async () => {
    const [bakery] = await conversation('vegan bakery');
    expect(bakery!.textResponse).not.toMatch(/Nothing is listed as/);
  });

  it('a position far from the destination is not used for distances, and the answer says so', async () => {
    const [far] = await conversation({ query: 'restaurants near me', latitude: 0, longitude: 0 });
    expect(far!.textResponse).toMatch(/^You seem to be far from Calpe, so they are not sorted by distance\./);
    expect(far!.textResponse).not.toMatch(/km from you/);
    const [near] = await conversation({ query: 'restaurants near me', latitude: 38.6447, longitude: 0.0445 });
    expect(near!.textResponse).toMatch(/ m from you|km from you/);
  });
});
