import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CleanupStatus = 'ok' | 'failed' | 'partial';
export type JobTrigger = 'cron' | 'cli';

/**
 * One row per run of the session cleanup. `sessions_deleted` and `run_at` are the seed's
 * contract (its monitoring SQL reads them); the other columns say what else the run did.
 */
@Entity({ name: 'ChatSessionCleanupLog' })
export class ChatSessionCleanupLog {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'sessions_deleted', type: 'int' })
  sessionsDeleted!: number;

  /** When the run started. */
  @Index('IDX_ChatSessionCleanupLog_run_at')
  @Column({ name: 'run_at', type: 'datetime', precision: 3 })
  runAt!: Date;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'messages_deleted', type: 'int', default: 0 })
  messagesDeleted!: number;

  /** `partial`: some batches were deleted, then the run failed or the process stopped. */
  @Column({ type: 'varchar', length: 16, default: 'ok' })
  status!: CleanupStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 8, default: 'cron' })
  trigger!: JobTrigger;

  /** The host name of the process that ran it (several instances share one database). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;
}
