import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { ChatMessage, ChatSession, ChatTurnStat, insertRows, transaction } from '@holibot/database';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';

export type NewMessage = Pick<ChatMessage, 'role' | 'content' | 'poiIds' | 'language' | 'intent' | 'engine' | 'latencyMs'> &
  Partial<Pick<ChatMessage, 'promptTokens' | 'completionTokens'>>;

/** Conversations in the ChatSession and ChatMessage tables. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The session if it exists, has not expired and belongs to this visitor. */
  async findActive(id: string, userId: string | null): Promise<ChatSession | null> {
    const session = await this.dataSource.getRepository(ChatSession).findOne({ where: { id, expiresAt: MoreThan(this.clock.now()) } });
    if (!session) return null;
    // A signed-in visitor's conversation is theirs only.
    if (session.userId !== null && session.userId !== userId) return null;
    return session;
  }

  /** A new, not yet stored session. */
  start(userId: string | null): ChatSession {
    const now = this.clock.now();
    return this.dataSource.getRepository(ChatSession).create({
      id: randomUUID(),
      userId,
      createdAt: now,
      updatedAt: now,
      expiresAt: this.expiry(now),
      language: 'en',
      lastIntent: null,
      lastResultIds: null,
      moreResultIds: null,
      focusPoiId: null,
      messageCount: 0,
    });
  }

  /**
   * Stores one turn — the session row and its messages — in one transaction and slides the
   * expiry. A session deleted since it was read (a DELETE racing the message) is not revived:
   * the turn starts a new session, whose id the caller then answers with. Resolves to the
   * stored messages' ids, in the order of `messages`. The turn's statistics row (reports), when
   * given, is written in the same transaction.
   */
  async recordTurn(session: ChatSession, isNew: boolean, messages: NewMessage[], stat?: Omit<ChatTurnStat, 'id' | 'createdAt'>): Promise<number[]> {
    const now = this.clock.now();
    session.updatedAt = now;
    session.expiresAt = this.expiry(now);
    const ids = await transaction(this.dataSource, async (manager) => {
      let insert = isNew;
      if (!isNew) {
        const result = await manager.update(
          ChatSession,
          { id: session.id },
          {
            updatedAt: session.updatedAt,
            expiresAt: session.expiresAt,
            // Counted by the database: parallel turns of one session must not lose each other's count.
            messageCount: () => `message_count + ${messages.length}`,
            language: session.language,
            lastIntent: session.lastIntent,
            lastResultIds: session.lastResultIds,
            moreResultIds: session.moreResultIds,
            focusPoiId: session.focusPoiId,
            userId: session.userId,
          },
        );
        if (!result.affected) {
          Object.assign(session, { id: randomUUID(), createdAt: now, messageCount: 0 });
          insert = true;
        }
      }
      if (insert) await insertRows(manager, ChatSession, [{ ...session, messageCount: messages.length }]);
      // The hour only: a statistics row cannot be matched to its message by time.
      if (stat) await insertRows(manager, ChatTurnStat, [manager.create(ChatTurnStat, { ...stat, createdAt: startOfHour(now) })]);
      return insertRows(
        manager,
        ChatMessage,
        messages.map((message, i) => manager.create(ChatMessage, { ...message, sessionId: session.id, createdAt: new Date(now.getTime() + i) })),
      );
    });
    session.messageCount += messages.length;
    return ids;
  }

  async messages(sessionId: string): Promise<ChatMessage[]> {
    return this.dataSource.getRepository(ChatMessage).find({ where: { sessionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The session's latest `limit` messages, oldest first (what an LLM engine sees of the past). */
  async recentMessages(sessionId: string, limit: number): Promise<ChatMessage[]> {
    const latest = await this.dataSource
      .getRepository(ChatMessage)
      .find({ where: { sessionId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit, select: { id: true, role: true, content: true, createdAt: true } });
    return latest.reverse();
  }

  /** Deletes the session and, by cascade, its messages. */
  async delete(id: string): Promise<void> {
    await this.dataSource.getRepository(ChatSession).delete({ id });
  }

  private expiry(from: Date): Date {
    return new Date(from.getTime() + this.config.sessionExpiryHours * 3_600_000);
  }
}

function startOfHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
}
