import { normalizeQuery, turnStat } from './turn-stat.js';

describe('normalizeQuery', () => {
  it('keeps the words as the engine reads them: lower case, no accents, no punctuation, single spaces', () => {
    expect(normalizeQuery('¿Dónde hay  KAYAK?')).toBe('donde hay kayak');
    expect(normalizeQuery('  Straße — "Café" 24h!!  ')).toBe('strasse cafe 24h');
    expect(normalizeQuery('?!…')).toBe('');
  });

  it('masks what may identify a visitor: e-mail addresses and runs of 3 or more digits', () => {
    expect(normalizeQuery('My name is Anna, room 214, call me on +34 612 345 678 or anna.s@gmail.com')).toBe(
      'my name is anna room (number) call me on (number) or (email)',
    );
    expect(normalizeQuery('open 24h? the number 7 bus')).toBe('open 24h the number 7 bus');
  });

  it('is at most 200 characters, without a trailing space', () => {
    const long = normalizeQuery(`${'words '.repeat(100)}`);
    expect(long.length).toBeLessThanOrEqual(200);
    // Cut between words, never inside one.
    expect(long.split(' ').every((word) => word === 'words')).toBe(true);
  });
});

describe('turnStat', () => {
  const answer = {
    language: 'es' as const,
    engine: 'builtin' as const,
    intent: 'search' as const,
    totalResults: 4,
    asked: { topics: ['restaurants', 'beaches'], attributes: ['vegan'] },
    llm: null,
    usage: null,
  };

  it('keeps what the question asked for, not its words, when it found something', () => {
    expect(turnStat(answer, 'Vegan restaurants near the beach', 12)).toEqual({
      language: 'es',
      engine: 'builtin',
      intent: 'search',
      resultCount: 4,
      topics: 'restaurants beaches',
      attributes: 'vegan',
      normalizedQuery: null,
      model: null,
      llmOutcome: null,
      llmCalls: 0,
      promptTokens: null,
      completionTokens: null,
      latencyMs: 12,
    });
  });

  it('keeps the normalised question of a turn that found nothing; a greeting or follow-up keeps no words', () => {
    expect(turnStat({ ...answer, intent: 'no_results', totalResults: 0 }, '¿Alquiler de SUBMARINOS?', 5).normalizedQuery).toBe('alquiler de submarinos');
    expect(turnStat({ ...answer, intent: 'greeting', totalResults: 0, asked: { topics: [], attributes: [] } }, 'hola', 5)).toMatchObject({
      normalizedQuery: null,
      topics: null,
      attributes: null,
    });
    expect(turnStat({ ...answer, intent: 'follow_up_filter', totalResults: 0 }, 'and vegan?', 5).normalizedQuery).toBeNull();
  });

  it('an LLM turn: model, outcome, calls and tokens', () => {
    const llm = { model: 'mistral-small-latest', outcome: 'http_429', calls: 2 };
    expect(turnStat({ ...answer, llm, usage: { promptTokens: 900, completionTokens: 0 } }, 'x', 700)).toMatchObject({
      model: 'mistral-small-latest',
      llmOutcome: 'http_429',
      llmCalls: 2,
      promptTokens: 900,
      completionTokens: 0,
    });
  });
});
