import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DashboardData } from '@holibot/contracts';
import { ChatTurnStat, onReadReplica } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';

/**
 * Latency bands (ms) of the percentile estimate: the database counts turns per band, so the
 * dashboard never reads the rows themselves; a percentile is the upper edge of its band.
 */
export const LATENCY_BANDS = [5, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 30000];
const HOUR_MS = 3_600_000;

type Series = DashboardData['series'][number];
type Counts = Pick<DashboardData, 'series' | 'byLanguage' | 'byEngine' | 'totals' | 'bucket' | 'days' | 'since'>;

/**
 * The chat side of the admin dashboard, from ChatTurnStat over the last `days`: turns and
 * no-result turns per hour (up to 2 days) or per day, with p50/p95 latency estimated from band
 * counts, and the turns by language and engine. Two grouped queries over the created_at index.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async chats(days: number): Promise<Counts> {
    // Reports tolerate a little replication lag: a read replica serves them when there is one.
    return onReadReplica(this.dataSource, (manager) => this.chatsOn(manager, days));
  }

  private async chatsOn(manager: EntityManager, days: number): Promise<Counts> {
    const bucket: 'hour' | 'day' = days <= 2 ? 'hour' : 'day';
    const now = this.clock.now();
    const since =
      bucket === 'hour'
        ? new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (days * 24 - 1) * HOUR_MS)
        : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
    const mysql = this.config.database.type === 'mysql';
    const key =
      bucket === 'hour'
        ? mysql
          ? "DATE_FORMAT(t.created_at, '%Y-%m-%d %H')"
          : 'substr(t.created_at, 1, 13)'
        : mysql
          ? "DATE_FORMAT(t.created_at, '%Y-%m-%d')"
          : 'substr(t.created_at, 1, 10)';
    const band = `CASE ${LATENCY_BANDS.map((edge, i) => `WHEN t.latency_ms <= ${edge} THEN ${i}`).join(' ')} ELSE ${LATENCY_BANDS.length} END`;
    const repository = manager.getRepository(ChatTurnStat);
    const [bands, groups] = await Promise.all([
      repository
        .createQueryBuilder('t')
        .select(key, 'bucket')
        .addSelect(band, 'band')
        .addSelect('COUNT(*)', 'turns')
        .addSelect('SUM(CASE WHEN t.result_count = 0 THEN 1 ELSE 0 END)', 'noResults')
        .where('t.created_at >= :since', { since })
        .groupBy(key)
        .addGroupBy(band)
        .getRawMany<{ bucket: string; band: number | string; turns: number | string; noResults: number | string }>(),
      repository
        .createQueryBuilder('t')
        .select('t.language', 'language')
        .addSelect('t.engine', 'engine')
        .addSelect('COUNT(*)', 'turns')
        .where('t.created_at >= :since', { since })
        .groupBy('t.language')
        .addGroupBy('t.engine')
        .getRawMany<{ language: string; engine: string; turns: number | string }>(),
    ]);

    const perBucket = new Map<string, { turns: number; noResults: number; bands: number[] }>();
    const allBands = new Array<number>(LATENCY_BANDS.length + 1).fill(0);
    let noResults = 0;
    for (const row of bands) {
      const entry = perBucket.get(row.bucket) ?? { turns: 0, noResults: 0, bands: new Array<number>(LATENCY_BANDS.length + 1).fill(0) };
      perBucket.set(row.bucket, entry);
      const turns = Number(row.turns);
      entry.turns += turns;
      entry.noResults += Number(row.noResults);
      entry.bands[Number(row.band)]! += turns;
      allBands[Number(row.band)]! += turns;
      noResults += Number(row.noResults);
    }
    const series: Series[] = [];
    const step = bucket === 'hour' ? HOUR_MS : 24 * HOUR_MS;
    for (let at = since.getTime(); at <= now.getTime(); at += step) {
      const start = new Date(at);
      const iso = start.toISOString();
      const entry = perBucket.get(bucket === 'hour' ? `${iso.slice(0, 10)} ${iso.slice(11, 13)}` : iso.slice(0, 10));
      series.push({
        start: iso,
        turns: entry?.turns ?? 0,
        noResults: entry?.noResults ?? 0,
        latencyP50Ms: entry ? percentile(entry.bands, 0.5) : null,
        latencyP95Ms: entry ? percentile(entry.bands, 0.95) : null,
      });
    }
    const byLanguage: Record<string, number> = {};
    const byEngine: Record<string, number> = {};
    for (const row of groups) {
      byLanguage[row.language] = (byLanguage[row.language] ?? 0) + Number(row.turns);
      byEngine[row.engine] = (byEngine[row.engine] ?? 0) + Number(row.turns);
    }
    const turns = allBands.reduce((total, count) => total + count, 0);
    return {
      days,
      since: since.toISOString(),
      bucket,
      series,
      byLanguage,
      byEngine,
      totals: { turns, noResults, latencyP50Ms: turns ? percentile(allBands, 0.5) : null, latencyP95Ms: turns ? percentile(allBands, 0.95) : null },
    };
  }
}

/** The upper edge of the band holding the q-th turn (the last band: its lower edge, "over 30 s"). */
export function percentile(bands: readonly number[], q: number): number | null {
  const total = bands.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < bands.length; i++) {
    seen += bands[i]!;
    if (seen >= rank) return LATENCY_BANDS[i] ?? LATENCY_BANDS[LATENCY_BANDS.length - 1]!;
  }
  return LATENCY_BANDS[LATENCY_BANDS.length - 1]!;
}
