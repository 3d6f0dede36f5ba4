import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, LessThan } from 'typeorm';
import { AuditLog } from '@holibot/database';
import { Clock } from '../common/clock.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  detail?: string | null;
  ip?: string | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  createdAt: string;
}

/**
 * The audit log: one row per operator action that changes something. Written in the action's
 * own transaction where it has one (a deploy and its audit row commit together).
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(AuditLog).insert({
      actor: entry.actor.slice(0, 191),
      action: entry.action,
      target: entry.target?.slice(0, 191) ?? null,
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
      createdAt: this.clock.now(),
    });
  }

  /** Newest first, `limit` at a time; `beforeId` pages further back. */
  async list(options: { limit?: number; beforeId?: number } = {}): Promise<AuditRecord[]> {
    const rows = await this.dataSource.getRepository(AuditLog).find({
      where: options.beforeId ? { id: LessThan(options.beforeId) } : {},
      order: { id: 'DESC' },
      take: Math.min(Math.max(options.limit ?? 50, 1), 500),
    });
    return rows.map((row) => ({
      id: row.id,
      actor: row.actor,
      action: row.action,
      target: row.target,
      detail: row.detail,
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
