import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every operator action that changes something (a widget deploy, an admin's login, a deleted
 * conversation …): who, what, when and from where. Append-only.
 */
@Entity({ name: 'AuditLog' })
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** An admin's e-mail, `cli:<os user>` for the command line, or `system` for the server itself. */
  @Column({ type: 'varchar', length: 191 })
  actor!: string;

  /** A stable dotted name, such as `widget.deploy` or `admin.login`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** What it acted on (a version, an e-mail, a session id), if anything. */
  @Column({ type: 'varchar', length: 191, nullable: true })
  target!: string | null;

  /** A short human-readable detail ("1.0.3 → 1.0.2"). */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  /** The client address of an HTTP request; null from the command line. */
  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Index('IDX_AuditLog_created_at')
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
