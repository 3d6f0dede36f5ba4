import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import type { GapsReport, UsageReport, UsageRow } from '@holibot/contracts';
import { ChatTurnStat, Poi, onReadReplica } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { type AttributeColumns, STORED_ATTRIBUTES, poiHasAttribute } from '../poi/index.js';

/** Intents of a turn that searched the catalogue or narrowed a list ("and vegan?"): the questions the gaps report counts. */
const SEARCH_INTENTS = ['search', 'no_results', 'follow_up_filter'];
/** An attribute with at most this many places is one the catalogue "rarely has". */
const RARE_PLACES = 2;

export type { GapsReport, UsageReport, UsageRow };

/**
 * The reports of the visitors' questions (`holibot report gaps`) and of the LLM's use and cost
 * (`holibot report usage`). They read ChatTurnStat over a created_at range (the index serves a
 * short one), grouped in the database — usage in one query, gaps in two — and shape the report here.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async gaps(days: number): Promise<GapsReport> {
    // Reports tolerate a little replication lag: a read replica serves them when there is one.
    return onReadReplica(this.dataSource, (manager) => this.gapsOn(manager, days));
  }

  private async gapsOn(manager: EntityManager, days: number): Promise<GapsReport> {
    const since = this.since(days);
    const turns = () =>
      manager
        .getRepository(ChatTurnStat)
        .createQueryBuilder('t')
        .where('t.created_at >= :since', { since })
        .andWhere('t.intent IN (:...intents)', { intents: SEARCH_INTENTS });
    // Two grouped reads of the period. Apart, they took 0.8 s + 1.5 s on 1M rows in MariaDB;
    // as one query grouping by every column, 3–4 s. The normalised questions are grouped by
    // their bytes: they are normalised already, and a collation-aware grouping was the cost.
    const binary = this.config.database.type === 'mysql' ? 'CAST(t.normalized_query AS BINARY)' : 't.normalized_query';
    const unanswered = (await turns()
      .select('MIN(t.normalized_query)', 'query')
      .addSelect('t.language', 'language')
      .addSelect('COUNT(*)', 'turns')
      .andWhere('t.normalized_query IS NOT NULL')
      .groupBy(binary)
      .addGroupBy('t.language')
      .getRawMany()) as Array<{ query: string; language: string; turns: number | string }>;
    const asked = (await turns()
      .select('t.topics', 'topics')
      .addSelect('t.attributes', 'attributes')
      .addSelect('CASE WHEN t.result_count > 0 THEN 1 ELSE 0 END', 'found')
      .addSelect('COUNT(*)', 'turns')
      .groupBy('t.topics')
      .addGroupBy('t.attributes')
      .addGroupBy('CASE WHEN t.result_count > 0 THEN 1 ELSE 0 END')
      .getRawMany()) as Array<{ topics: string | null; attributes: string | null; found: number | string; turns: number | string }>;

    let questions = 0;
    const noResults = new Map<string, { query: string; count: number; languages: Record<string, number> }>();
    const topics = new Map<string, { asked: number; found: number }>();
    const attributes = new Map<string, { asked: number; found: number }>();
    const tally = (into: Map<string, { asked: number; found: number }>, words: string | null, turns: number, found: boolean) => {
      for (const word of words?.split(' ').filter(Boolean) ?? []) {
        const entry = into.get(word) ?? { asked: 0, found: 0 };
        entry.asked += turns;
        if (found) entry.found += turns;
        into.set(word, entry);
      }
    };
    for (const row of asked) {
      const count = Number(row.turns);
      const found = Number(row.found) === 1;
      questions += count;
      tally(topics, row.topics, count, found);
      tally(attributes, row.attributes, count, found);
    }
    for (const row of unanswered) {
      const entry = noResults.get(row.query) ?? { query: row.query, count: 0, languages: {} };
      entry.count += Number(row.turns);
      entry.languages[row.language] = (entry.languages[row.language] ?? 0) + Number(row.turns);
      noResults.set(row.query, entry);
    }
    const places = await this.placesWith(manager, [...attributes.keys()]);
    const byCount = <T extends { asked: number }>(a: T & { name: string }, b: T & { name: string }) => b.asked - a.asked || a.name.localeCompare(b.name);
    return {
      days,
      since: since.toISOString(),
      questions,
      noResults: [...noResults.values()].sort((a, b) => b.count - a.count || a.query.localeCompare(b.query)),
      topics: [...topics.entries()]
        .map(([name, t]) => ({ name, ...t }))
        .sort(byCount)
        .map(({ name, asked, found }) => ({ topic: name, asked, found, resultRate: ratio(found, asked) })),
      attributes: [...attributes.entries()]
        .map(([name, a]) => ({ name, ...a }))
        .sort(byCount)
        .map(({ name, asked, found }) => {
          const count = places.get(name) ?? null;
          return { attribute: name, asked, found, places: count, rare: count !== null && count <= RARE_PLACES };
        }),
    };
  }

  async usage(days: number): Promise<UsageReport> {
    // Reports tolerate a little replication lag: a read replica serves them when there is one.
    return onReadReplica(this.dataSource, (manager) => this.usageOn(manager, days));
  }

  private async usageOn(manager: EntityManager, days: number): Promise<UsageReport> {
    const since = this.since(days);
    const mysql = this.config.database.type === 'mysql';
    const day = mysql ? "DATE_FORMAT(t.created_at, '%Y-%m-%d')" : 'substr(t.created_at, 1, 10)';
    const rows = (await manager
      .getRepository(ChatTurnStat)
      .createQueryBuilder('t')
      .select(day, 'day')
      .addSelect('t.model', 'model')
      .addSelect('t.llm_outcome', 'outcome')
      .addSelect('t.engine', 'engine')
      .addSelect('COUNT(*)', 'turns')
      .addSelect('SUM(t.llm_calls)', 'calls')
      .addSelect('SUM(COALESCE(t.prompt_tokens, 0))', 'promptTokens')
      .addSelect('SUM(COALESCE(t.completion_tokens, 0))', 'completionTokens')
      .where('t.created_at >= :since', { since })
      .andWhere('t.model IS NOT NULL')
      .groupBy(day)
      .addGroupBy('t.model')
      .addGroupBy('t.llm_outcome')
      .addGroupBy('t.engine')
      .getRawMany()) as Array<{
      day: string;
      model: string;
      outcome: string | null;
      engine: string;
      turns: number | string;
      calls: number | string;
      promptTokens: number | string;
      completionTokens: number | string;
    }>;

    const { priceInputPerM, priceOutputPerM } = this.config.reports;
    const cost = (prompt: number, completion: number) => round((prompt / 1e6) * priceInputPerM + (completion / 1e6) * priceOutputPerM, 6);
    const empty = (): Omit<UsageRow, 'day' | 'model'> => ({
      turns: 0,
      calls: 0,
      outcomes: {},
      fallbacks: 0,
      promptTokens: 0,
      completionTokens: 0,
      estimatedCost: 0,
    });
    const byDay = new Map<string, UsageRow>();
    const total = empty();
    for (const row of rows) {
      const key = `${row.day} ${row.model}`;
      const entry = byDay.get(key) ?? { day: row.day, model: row.model, ...empty() };
      byDay.set(key, entry);
      for (const into of [entry, total]) {
        const turns = Number(row.turns);
        into.turns += turns;
        into.calls += Number(row.calls);
        const outcome = row.outcome ?? 'unknown';
        into.outcomes[outcome] = (into.outcomes[outcome] ?? 0) + turns;
        if (row.engine !== 'mistral') into.fallbacks += turns;
        into.promptTokens += Number(row.promptTokens);
        into.completionTokens += Number(row.completionTokens);
      }
    }
    for (const into of [...byDay.values(), total]) into.estimatedCost = cost(into.promptTokens, into.completionTokens);
    return {
      days,
      since: since.toISOString(),
      prices: { inputPerM: priceInputPerM, outputPerM: priceOutputPerM, currency: 'USD', model: this.config.reports.pricedModel },
      rows: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day) || a.model.localeCompare(b.model)),
      total,
    };
  }

  /** Deletes the rows older than REPORT_RETENTION_DAYS, a batch at a time; resolves to how many. */
  async prune(batchSize: number): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.reports.retentionDays * 86_400_000);
    const repository = this.dataSource.getRepository(ChatTurnStat);
    let deleted = 0;
    for (;;) {
      // Oldest first along the created_at index; ids, because neither dialect deletes with LIMIT in both.
      const batch = await repository.find({ select: { id: true }, where: { createdAt: LessThan(before) }, order: { createdAt: 'ASC' }, take: batchSize });
      if (batch.length === 0) return deleted;
      await repository.delete(batch.map((row) => row.id));
      deleted += batch.length;
    }
  }

  /** Midnight UTC `days − 1` days ago: "--days 1" is today. */
  private since(days: number): Date {
    const now = this.clock.now();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  }

  /** How many active places have each stored attribute among `names` (the others are left out). */
  private async placesWith(manager: EntityManager, names: string[]): Promise<Map<string, number>> {
    const known = STORED_ATTRIBUTES.filter((attribute) => names.includes(attribute));
    const counts = new Map<string, number>();
    if (known.length === 0) return counts;
    const pois: AttributeColumns[] = await manager.getRepository(Poi).find({
      select: { outdoorSeating: true, wheelchair: true, vegetarian: true, vegan: true, dogs: true, kids: true, free: true, priceLevel: true, tags: true },
      where: { active: true },
    });
    for (const attribute of known) counts.set(attribute, pois.filter((poi) => poiHasAttribute(poi, attribute)).length);
    return counts;
  }
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole, 3);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
