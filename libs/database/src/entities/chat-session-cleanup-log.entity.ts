import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One row per run of the session cleanup job (seed contract: sessions_deleted, run_at). */
@Entity({ name: 'ChatSessionCleanupLog' })
export class ChatSessionCleanupLog {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'sessions_deleted', type: 'int' })
  sessionsDeleted!: number;

  @Index('IDX_ChatSessionCleanupLog_run_at')
  @Column({ name: 'run_at', type: 'datetime', precision: 3 })
  runAt!: Date;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs!: number | null;
}
