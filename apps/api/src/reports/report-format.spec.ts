import { formatGaps, formatUsage } from './report-format.js';
import type { GapsReport, UsageReport } from './reports.service.js';

const gaps: GapsReport = {
  days: 30,
  since: '2026-05-04T00:00:00.000Z',
  questions: 120,
  noResults: [
    { query: 'donde alquilar kayak', count: 14, languages: { es: 10, en: 4 } },
    { query: 'ski', count: 2, languages: { de: 2 } },
  ],
  topics: [
    { topic: 'restaurants', asked: 60, found: 60, resultRate: 1 },
    { topic: 'beaches', asked: 30, found: 27, resultRate: 0.9 },
  ],
  attributes: [
    { attribute: 'vegan', asked: 40, found: 12, places: 1, rare: true },
    { attribute: 'outdoorSeating', asked: 8, found: 8, places: 30, rare: false },
  ],
};

describe('formatGaps', () => {
  it('prints the three lists as aligned tables, rare attributes marked', () => {
    const text = formatGaps(gaps, 20);
    expect(text).toContain('Catalogue gaps, last 30 days (since 2026-05-04 UTC): 120 questions');
    expect(text).toContain(
      [
        'Questions with no results',
        'asked  question              languages',
        '   14  donde alquilar kayak  es 10, en 4',
        '    2  ski                   de 2',
        '',
        'Most asked topics',
        'topic        asked  found something',
        'restaurants     60            100 %',
        'beaches         30             90 %',
        '',
        'Attributes asked for',
        'attribute       asked  places with it',
        'vegan              40               1  ← few places: worth adding to the catalogue',
        'outdoorSeating      8              30',
      ].join('\n'),
    );
  });

  it('never shows 100 % while something failed; an attribute no place can be tagged with has no count', () => {
    const text = formatGaps(
      {
        ...gaps,
        topics: [{ topic: 'beaches', asked: 1000, found: 998, resultRate: 0.998 }],
        attributes: [{ attribute: 'openNow', asked: 5, found: 5, places: null, rare: false }],
      },
      20,
    );
    expect(text).toContain('beaches  1,000             99 %');
    expect(text).toContain('openNow        5               —');
  });

  it('cuts each list at --limit and says how many more there are', () => {
    expect(formatGaps(gaps, 1)).toContain('… and 1 more (--limit, or --json for all)');
  });

  it('says so when there is nothing to report', () => {
    expect(formatGaps({ ...gaps, questions: 0, noResults: [], topics: [], attributes: [] }, 20)).toBe(
      'Catalogue gaps, last 30 days (since 2026-05-04 UTC): 0 questions\nNo questions in this period.',
    );
  });
});

describe('formatUsage', () => {
  const usage: UsageReport = {
    days: 7,
    since: '2026-05-27T00:00:00.000Z',
    prices: { inputPerM: 0.1, outputPerM: 0.3, currency: 'USD', model: 'mistral-small-latest' },
    rows: [
      {
        day: '2026-06-01',
        model: 'mistral-small-latest',
        turns: 2,
        calls: 1,
        outcomes: { ok: 1, circuit_open: 1 },
        fallbacks: 1,
        promptTokens: 1_000_000,
        completionTokens: 100_000,
        estimatedCost: 0.13,
      },
    ],
    total: { turns: 2, calls: 1, outcomes: { ok: 1, circuit_open: 1 }, fallbacks: 1, promptTokens: 1_000_000, completionTokens: 100_000, estimatedCost: 0.13 },
  };

  it('a line per day and model, then the total, with the prices the estimate used', () => {
    const text = formatUsage(usage);
    expect(text).toContain('Estimated cost at $0.1 per million input and $0.3 per million output tokens');
    expect(text).toContain('2026-06-01  mistral-small-latest      2      1          1      1,000,000            100,000    $0.1300  circuit_open 1, ok 1');
    expect(text.split('\n').at(-1)).toBe(
      'total                                 2      1          1      1,000,000            100,000    $0.1300  circuit_open 1, ok 1',
    );
  });

  it("says when rows of another model are estimated at the configured model's prices", () => {
    const large = { ...usage.rows[0]!, model: 'mistral-large-latest' };
    expect(formatUsage({ ...usage, rows: [...usage.rows, large] })).toContain(
      'The prices are for mistral-small-latest (MISTRAL_MODEL); mistral-large-latest is estimated at them too.',
    );
    expect(formatUsage(usage)).not.toContain('estimated at them too');
  });

  it('says so when no LLM was asked', () => {
    expect(formatUsage({ ...usage, rows: [] })).toContain('No LLM calls in this period (answers came from the built-in engine).');
  });
});
