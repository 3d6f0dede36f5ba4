import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CleanupRunInfo } from '@holibot/contracts';
import { ChatSessionCleanupLog, type CleanupStatus } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';

/** The seed monitoring script's figures (`holibot monitor`, the weekly statistics job). */
export interface SessionStats {
  totalSessions: number;
  activeSessions: number;
  authenticatedSessions: number;
  /** Average of updated_at − created_at, in whole seconds; 0 without sessions. */
  avgSessionDurationSeconds: number;
  /** The last 7 cleanup runs, newest first. */
  recentCleanups: Array<{ runAt: string; sessionsDeleted: number; messagesDeleted: number; status: CleanupStatus }>;
}

/** How many cleanup runs the statistics list, as the seed's script did. */
const RECENT_CLEANUPS = 7;

@Injectable()
export class SessionStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The cleanup runs, newest first (the admin UI's history). */
  async cleanupHistory(limit: number): Promise<CleanupRunInfo[]> {
    const runs = await this.dataSource.getRepository(ChatSessionCleanupLog).find({ order: { runAt: 'DESC', id: 'DESC' }, take: limit });
    return runs.map((run) => ({
      runAt: run.runAt.toISOString(),
      trigger: run.trigger,
      status: run.status,
      sessionsDeleted: run.sessionsDeleted,
      messagesDeleted: run.messagesDeleted,
      durationMs: run.durationMs,
      error: run.error,
    }));
  }

  async stats(): Promise<SessionStats> {
    // The seed's query, with the application's clock for "active" (NOW() would be the database
    // server's clock and zone) and each dialect's way of subtracting two datetimes.
    const duration =
      this.config.database.type === 'mysql'
        ? 'TIMESTAMPDIFF(SECOND, created_at, updated_at)'
        : 'CAST(ROUND((julianday(updated_at) - julianday(created_at)) * 86400) AS INTEGER)';
    const [row] = (await this.dataSource
      .createQueryBuilder()
      .select('COUNT(*)', 'total')
      .addSelect('COUNT(CASE WHEN expires_at > :now THEN 1 END)', 'active')
      .addSelect('COUNT(CASE WHEN user_id IS NOT NULL THEN 1 END)', 'authenticated')
      .addSelect(`AVG(${duration})`, 'avgDuration')
      .from('ChatSession', 'session')
      .setParameters({ now: this.clock.now() })
      .getRawMany()) as Array<{ total: unknown; active: unknown; authenticated: unknown; avgDuration: unknown }>;
    const cleanups = await this.dataSource.getRepository(ChatSessionCleanupLog).find({ order: { runAt: 'DESC', id: 'DESC' }, take: RECENT_CLEANUPS });
    return {
      totalSessions: Number(row?.total ?? 0),
      activeSessions: Number(row?.active ?? 0),
      authenticatedSessions: Number(row?.authenticated ?? 0),
      avgSessionDurationSeconds: Math.round(Number(row?.avgDuration ?? 0)),
      recentCleanups: cleanups.map((log) => ({
        runAt: log.runAt.toISOString(),
        sessionsDeleted: log.sessionsDeleted,
        messagesDeleted: log.messagesDeleted,
        status: log.status,
      })),
    };
  }
}

/** The seed script's report, as text: what `holibot monitor` prints and the weekly job logs. */
export function formatStats(stats: SessionStats): string {
  const lines = [
    'Chat Session Statistics',
    '=======================',
    `Total sessions: ${stats.totalSessions}`,
    `Active sessions: ${stats.activeSessions}`,
    `Authenticated: ${stats.authenticatedSessions}`,
    `Avg duration: ${stats.avgSessionDurationSeconds}s`,
    '',
    `Recent Cleanups (last ${RECENT_CLEANUPS} runs)`,
    '==============================',
  ];
  if (stats.recentCleanups.length === 0) lines.push('(none yet)');
  for (const cleanup of stats.recentCleanups) {
    const flag = cleanup.status === 'ok' ? '' : ` (${cleanup.status})`;
    lines.push(`${cleanup.runAt.slice(0, 10)}: ${cleanup.sessionsDeleted} sessions cleaned${flag}`);
  }
  return lines.join('\n');
}
