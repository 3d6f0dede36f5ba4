import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each alert rule's latest reading, one row per rule, written by every check: what
 * `holibot alerts status` prints, and how instances sharing a database agree when a rule stops
 * holding (`held_at`, `held_by`: the last instance that saw it hold, and when).
 */
@Entity({ name: 'AlertRuleState' })
export class AlertRuleState {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  rule!: string;

  /** The latest value in the rule's unit; null when it could not be read (no requests in the window, no Mistral). */
  @Column({ type: 'double', nullable: true })
  value!: number | null;

  @Column({ type: 'double' })
  threshold!: number;

  @Column({ type: 'boolean' })
  holds!: boolean;

  /** The reading in words, as the alert mail gives it. */
  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ name: 'checked_at', type: 'datetime', precision: 3 })
  checkedAt!: Date;

  @Column({ name: 'checked_by', type: 'varchar', length: 255 })
  checkedBy!: string;

  @Column({ name: 'held_at', type: 'datetime', precision: 3, nullable: true })
  heldAt!: Date | null;

  @Column({ name: 'held_by', type: 'varchar', length: 255, nullable: true })
  heldBy!: string | null;
}
