import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AlertEventState = 'firing' | 'resolved';

/**
 * One row per time an alert rule held: opened (`firing`) when the rule starts to hold, closed
 * (`resolved`, with `resolved_at`) when it stops. At most one firing row per rule: the alert
 * check runs under its job lock, so several instances on one database open it once.
 */
@Entity({ name: 'AlertEvent' })
@Index('IDX_AlertEvent_rule_state', ['rule', 'state'])
export class AlertEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The rule's name: `response_time`, `error_rate`, `memory`, `cpu`, `disk`, `connections`, `cleanup_failed`, `backup_failed`, `mistral_circuit`. */
  @Column({ type: 'varchar', length: 32 })
  rule!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: AlertEventState;

  /** The measured value when the rule started to hold, in the rule's unit (ms, %, connections, minutes). */
  @Column({ type: 'double' })
  value!: number;

  @Column({ type: 'double' })
  threshold!: number;

  /** What was measured, in words: "p95 response time 2,430 ms over the last 5 min". */
  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Index('IDX_AlertEvent_started_at')
  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  /** When the last firing notice (first or repeat) was sent out. */
  @Column({ name: 'last_notified_at', type: 'datetime', precision: 3, nullable: true })
  lastNotifiedAt!: Date | null;

  /** The channels that delivered a notice of this event, comma-separated (`email,webhook`). */
  @Column({ name: 'notified_channels', type: 'varchar', length: 64, default: '' })
  notifiedChannels!: string;

  /** The host name of the instance that saw the rule start to hold. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  host!: string | null;
}
