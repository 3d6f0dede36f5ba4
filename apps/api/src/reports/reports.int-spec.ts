import { ChatTurnStat, Poi, type DatabaseConfig } from '@holibot/database';
import { eachDatabase } from '@holibot/database/testing';
import { chatContext } from '../../test/support/chat-context.js';
import { ReportsJobs } from './reports.jobs.js';
import { ReportsModule } from './reports.module.js';
import { ReportsService } from './reports.service.js';

const NOW = new Date('2026-06-02T11:00:00.000Z');
const DAY = 86_400_000;

/** ChatModule for real turns and the reports, the clock at NOW. */
async function reportsContext(database: DatabaseConfig, env: Record<string, string> = {}) {
  const context = await chatContext({ database, now: NOW, env, imports: [ReportsModule] });
  return { ...context, reports: context.module.get(ReportsService) };
}

/** An LLM turn as the Mistral engine leaves it, `daysAgo` before NOW. */
function llmTurn(daysAgo: number, outcome: string, engine: 'mistral' | 'builtin', calls: number, prompt: number, completion: number): Omit<ChatTurnStat, 'id'> {
  return {
    createdAt: new Date(NOW.getTime() - daysAgo * DAY),
    language: 'en',
    engine,
    intent: 'search',
    resultCount: 3,
    topics: 'restaurants',
    attributes: null,
    normalizedQuery: null,
    model: 'mistral-small-latest',
    llmOutcome: outcome,
    llmCalls: calls,
    promptTokens: prompt,
    completionTokens: completion,
    latencyMs: 900,
  };
}

eachDatabase('reports', (database) => {
  let context: Awaited<ReturnType<typeof reportsContext>>;

  beforeAll(async () => {
    context = await reportsContext(database(), { MISTRAL_PRICE_INPUT_PER_M: '0.1', MISTRAL_PRICE_OUTPUT_PER_M: '0.3', REPORT_RETENTION_DAYS: '30' });
  });
  afterAll(() => context?.close());

  it('every answered turn leaves a statistics row: the question in words only when it found nothing', async () => {
    const ask = (query: string, sessionId?: string) => context.chat.handle({ query, sessionId }, null);
    // 11:17: the rows keep the hour only.
    context.clock.set(new Date(NOW.getTime() + 17 * 60_000));
    const first = await ask('vegan restaurants');
    await ask('¿Dónde puedo alquilar un SUBMARINO?');
    await ask('donde puedo alquilar un submarino');
    await ask('Wo kann ich Ski fahren?');
    await ask('museums in Calpe');
    await ask('the first one', first.data.sessionId);
    await ask('hello');
    const list = await ask('restaurants');
    await ask('and which ones are open now?', list.data.sessionId);
    context.clock.set(NOW);

    const rows = await context.dataSource.getRepository(ChatTurnStat).find({ order: { id: 'ASC' } });
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({
      intent: 'search',
      topics: 'restaurants',
      attributes: 'vegan',
      normalizedQuery: null,
      engine: 'builtin',
      model: null,
      llmCalls: 0,
    });
    expect(rows[0]!.resultCount).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ intent: 'no_results', resultCount: 0, language: 'es', normalizedQuery: 'donde puedo alquilar un submarino' });
    expect(rows[3]).toMatchObject({ intent: 'no_results', language: 'de', normalizedQuery: 'wo kann ich ski fahren' });
    expect(rows[5]).toMatchObject({ intent: 'follow_up_select', normalizedQuery: null });
    expect(rows[6]).toMatchObject({ intent: 'greeting', normalizedQuery: null, topics: null });
    expect(rows[8]).toMatchObject({ intent: 'follow_up_filter', attributes: 'openNow', normalizedQuery: null });
    expect(rows.every((row) => row.createdAt.getTime() === NOW.getTime() && row.latencyMs >= 0)).toBe(true);
    // Nothing ties a row to a visitor: no session or message column.
    const columns = context.dataSource.getMetadata(ChatTurnStat).columns.map((column) => column.databaseName);
    expect(columns.filter((name) => /session|message|user|content/.test(name))).toEqual([]);
  });

  it('gaps: questions with no results grouped with their languages, topics by result rate, attributes with the places that have them', async () => {
    const gaps = await context.reports.gaps(30);
    // The searches and the list narrowed to what is open; not the greeting or "the first one".
    expect(gaps).toMatchObject({ days: 30, since: '2026-05-04T00:00:00.000Z', questions: 7 });
    expect(gaps.noResults).toEqual([
      { query: 'donde puedo alquilar un submarino', count: 2, languages: { es: 2 } },
      { query: 'wo kann ich ski fahren', count: 1, languages: { de: 1 } },
    ]);
    expect(gaps.topics).toEqual(
      expect.arrayContaining([
        { topic: 'restaurants', asked: 2, found: 2, resultRate: 1 },
        { topic: 'museums', asked: 1, found: 1, resultRate: 1 },
      ]),
    );
    const veganPlaces = await context.dataSource.getRepository(Poi).countBy({ vegan: true, active: true });
    // "Open now" is not something a place is tagged with: no count, never "rare".
    expect(gaps.attributes).toEqual([
      { attribute: 'openNow', asked: 1, found: 1, places: null, rare: false },
      { attribute: 'vegan', asked: 1, found: 1, places: veganPlaces, rare: veganPlaces <= 2 },
    ]);
  });

  it('usage: per day and model, calls, outcomes, fallbacks, tokens and the estimated cost; built-in turns are not LLM usage', async () => {
    const repository = context.dataSource.getRepository(ChatTurnStat);
    await repository.insert([
      llmTurn(0, 'ok', 'mistral', 1, 800, 40),
      llmTurn(0, 'ok', 'mistral', 2, 1600, 80),
      llmTurn(0, 'timeout', 'builtin', 1, 0, 0),
      llmTurn(1, 'circuit_open', 'builtin', 0, 0, 0),
      llmTurn(1, 'ok', 'mistral', 1, 1_000_000, 100_000),
      llmTurn(40, 'ok', 'mistral', 1, 5, 5),
    ]);
    const usage = await context.reports.usage(30);
    expect(usage.prices).toEqual({ inputPerM: 0.1, outputPerM: 0.3, currency: 'USD', model: 'mistral-small-latest' });
    expect(usage.rows).toEqual([
      {
        day: '2026-06-01',
        model: 'mistral-small-latest',
        turns: 2,
        calls: 1,
        outcomes: { circuit_open: 1, ok: 1 },
        fallbacks: 1,
        promptTokens: 1_000_000,
        completionTokens: 100_000,
        estimatedCost: 0.13,
      },
      {
        day: '2026-06-02',
        model: 'mistral-small-latest',
        turns: 3,
        calls: 4,
        outcomes: { ok: 2, timeout: 1 },
        fallbacks: 1,
        promptTokens: 2400,
        completionTokens: 120,
        estimatedCost: 0.000276,
      },
    ]);
    expect(usage.total).toMatchObject({
      turns: 5,
      calls: 5,
      fallbacks: 2,
      promptTokens: 1_002_400,
      completionTokens: 100_120,
      outcomes: { ok: 3, timeout: 1, circuit_open: 1 },
    });
    expect(usage.total.estimatedCost).toBeCloseTo(0.130276, 6);
    // "--days 1" is today only (UTC): a turn at 23:59:59.999 the day before is not in it, one at 00:00 is.
    await repository.insert([
      { ...llmTurn(0, 'ok', 'mistral', 1, 1, 1), createdAt: new Date('2026-06-01T23:59:59.999Z') },
      { ...llmTurn(0, 'ok', 'mistral', 1, 1, 1), createdAt: new Date('2026-06-02T00:00:00.000Z') },
    ]);
    const today = await context.reports.usage(1);
    expect(today.rows.map((row) => [row.day, row.turns])).toEqual([['2026-06-02', 4]]);
    expect((await context.reports.usage(2)).rows.map((row) => [row.day, row.turns])).toEqual([
      ['2026-06-01', 3],
      ['2026-06-02', 4],
    ]);
  });

  it('rows older than REPORT_RETENTION_DAYS are deleted in batches by the daily job; younger ones stay', async () => {
    const repository = context.dataSource.getRepository(ChatTurnStat);
    const before = await repository.count();
    await repository.insert([llmTurn(31, 'ok', 'mistral', 1, 1, 1), llmTurn(365, 'ok', 'mistral', 1, 1, 1), llmTurn(29, 'ok', 'mistral', 1, 1, 1)]);
    // The 40-day-old row of the usage test goes too.
    expect(await context.module.get(ReportsJobs).prune()).toBe(3);
    expect(await repository.count()).toBe(before);
    expect(await context.module.get(ReportsJobs).prune()).toBe(0);
  });
});
