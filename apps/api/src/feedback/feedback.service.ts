import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, MoreThanOrEqual } from 'typeorm';
import type { ChatFeedbackRequest, FeedbackData } from '@holibot/contracts';
import { ChatFeedback, ChatMessage, isForeignKeyViolation, onReadReplica, transaction } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { SessionNotFoundError, SessionService } from '../session/index.js';
import { InvalidFeedbackError, MessageNotFoundError } from './feedback.errors.js';

type FeedbackRow = Omit<ChatFeedback, 'id' | 'session' | 'message'>;

/** The columns an upsert writes, in order; all but session_id, message_id and created_at are replaced by a second feedback. */
const COLUMNS = ['sessionId', 'messageId', 'rating', 'reason', 'comment', 'poiId', 'language', 'createdAt', 'updatedAt'] as const;
const REPLACED = new Set<(typeof COLUMNS)[number]>(['rating', 'reason', 'comment', 'poiId', 'language', 'updatedAt']);

/** Visitors' ratings of answers, in ChatFeedback: one per assistant message, a second one replaces the first. */
@Injectable()
export class FeedbackService {
  private readonly sql: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {
    this.sql = upsertSql(dataSource);
  }

  /** The admin UI's feedback page over the last `days` (see feedbackReport). */
  report(days: number, placeName: (id: number) => string | null): Promise<FeedbackData> {
    return feedbackReport(this.dataSource, this.clock.now(), days, placeName);
  }

  /**
   * Stores the feedback on an assistant message of an active session this visitor may see (the
   * session endpoints' rule: a signed-in user's session is theirs only). Resolves to its id,
   * the same id when it replaces an earlier feedback on that message.
   */
  async submit(request: ChatFeedbackRequest, userId: string | null): Promise<number> {
    if (request.reason !== undefined && request.reason !== null && request.rating !== 'down') {
      throw new InvalidFeedbackError('reason goes with rating "down" only.');
    }
    const session = await this.sessions.findActive(request.sessionId.toLowerCase(), userId);
    if (!session) throw new SessionNotFoundError();
    const message = await this.dataSource.getRepository(ChatMessage).findOne({
      select: { id: true, role: true, poiIds: true, language: true },
      where: { id: request.messageId, sessionId: session.id },
    });
    if (!message || message.role !== 'assistant') throw new MessageNotFoundError();
    const poiId = request.poiId ?? null;
    if (poiId !== null && !(message.poiIds ?? []).includes(poiId)) throw new InvalidFeedbackError('poiId must be one of the places of that answer.');
    const now = this.clock.now();
    const row: FeedbackRow = {
      sessionId: session.id,
      messageId: message.id,
      rating: request.rating,
      reason: request.reason ?? null,
      comment: cleanComment(request.comment),
      poiId,
      language: message.language,
      createdAt: now,
      updatedAt: now,
    };
    try {
      return await transaction(this.dataSource, (manager) => this.upsert(manager, row));
    } catch (error) {
      // The session (and its messages) deleted or cleaned up between the check and the write.
      if (isForeignKeyViolation(error)) throw new MessageNotFoundError();
      throw error;
    }
  }

  /** One statement, safe against a parallel feedback on the same message (another instance's too): insert, or replace in place. */
  private async upsert(manager: EntityManager, row: FeedbackRow): Promise<number> {
    const metadata = manager.connection.getMetadata(ChatFeedback);
    const driver = manager.connection.driver;
    const value = (property: (typeof COLUMNS)[number]): unknown => driver.preparePersistentValue(row[property], metadata.findColumnWithPropertyName(property)!);
    const inserted = COLUMNS.map(value);
    if (driver.options.type === 'better-sqlite3') {
      const rows = (await manager.query(this.sql, inserted)) as Array<{ id: number }>;
      return Number(rows[0]!.id);
    }
    const replaced = COLUMNS.filter((property) => REPLACED.has(property)).map(value);
    const result = (await manager.query(this.sql, [...inserted, ...replaced])) as { insertId: number | bigint };
    return Number(result.insertId);
  }
}

/**
 * INSERT, or on the message's feedback an update of that row. SQLite (3.35+): ON CONFLICT …
 * RETURNING the id; MySQL/MariaDB: ON DUPLICATE KEY UPDATE, with `id = LAST_INSERT_ID(id)` so
 * that insertId is the existing row's id after an update.
 */
function upsertSql(dataSource: DataSource): string {
  const metadata = dataSource.getMetadata(ChatFeedback);
  const q = (name: string) => dataSource.driver.escape(name);
  const column = (property: string) => q(metadata.findColumnWithPropertyName(property)!.databaseName);
  const insert = `INSERT INTO ${q(metadata.tableName)} (${COLUMNS.map(column).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
  const replaced = COLUMNS.filter((property) => REPLACED.has(property));
  if (dataSource.options.type === 'better-sqlite3') {
    const set = replaced.map((property) => `${column(property)} = excluded.${column(property)}`).join(', ');
    return `${insert} ON CONFLICT (${column('messageId')}) DO UPDATE SET ${set} RETURNING ${column('id')}`;
  }
  const set = replaced.map((property) => `${column(property)} = ?`).join(', ');
  return `${insert} ON DUPLICATE KEY UPDATE ${column('id')} = LAST_INSERT_ID(${column('id')}), ${set}`;
}

/** Trimmed, line breaks kept as \n, tabs as spaces, every other control character removed; null when nothing is left. */
export function cleanComment(comment: string | null | undefined): string | null {
  if (typeof comment !== 'string') return null;
  const cleaned = comment
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{Cc}\n]/gu, '')
    .trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * The feedback of the last `days` for the admin UI: ratings per day (UTC), the places reported
 * with their comments (most reported first), and the latest ratings that say something. Reads
 * what the conversations' retention keeps (feedback goes with its conversation).
 */
async function feedbackReport(dataSource: DataSource, now: Date, days: number, placeName: (id: number) => string | null): Promise<FeedbackData> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  // A report: a read replica serves it when there is one.
  const rows = await onReadReplica(dataSource, (manager) =>
    manager.getRepository(ChatFeedback).find({ where: { createdAt: MoreThanOrEqual(since) }, order: { createdAt: 'DESC' }, take: 10_000 }),
  );
  const perDay = new Map<string, { day: string; up: number; down: number }>();
  const places = new Map<number, FeedbackData['places'][number]>();
  for (const row of rows) {
    const day = row.createdAt.toISOString().slice(0, 10);
    const entry = perDay.get(day) ?? { day, up: 0, down: 0 };
    perDay.set(day, entry);
    entry[row.rating] += 1;
    if (row.rating === 'down' && row.poiId !== null) {
      const place = places.get(row.poiId) ?? { poiId: row.poiId, name: placeName(row.poiId), reports: 0, comments: [] };
      places.set(row.poiId, place);
      place.reports += 1;
      // The newest 20 per place (rows come newest first); `reports` counts them all.
      if (place.comments.length < 20)
        place.comments.push({
          reason: row.reason,
          comment: row.comment,
          createdAt: row.createdAt.toISOString(),
          sessionId: row.sessionId,
          messageId: row.messageId,
        });
    }
  }
  return {
    days,
    since: since.toISOString(),
    perDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
    places: [...places.values()].sort((a, b) => b.reports - a.reports).slice(0, 50),
    recent: rows
      .filter((row) => row.comment !== null || row.reason !== null)
      .slice(0, 50)
      .map((row) => ({
        rating: row.rating,
        reason: row.reason,
        comment: row.comment,
        createdAt: row.createdAt.toISOString(),
        sessionId: row.sessionId,
        messageId: row.messageId,
        poiId: row.poiId,
      })),
  };
}
