import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per answered turn, for the gaps and usage reports. Written with the turn's messages but
 * not tied to the session: conversations are deleted after SESSION_EXPIRY_HOURS, these rows after
 * REPORT_RETENTION_DAYS. They hold no session id, the hour of the turn only, and no text but the
 * normalised question of a turn that found nothing (what the catalogue lacks), with e-mail
 * addresses and digit runs masked.
 */
@Entity({ name: 'ChatTurnStat' })
export class ChatTurnStat {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The start of the turn's hour (UTC). Both reports read a range of it. */
  @Index('IDX_ChatTurnStat_created_at')
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** The answer's language. */
  @Column({ type: 'varchar', length: 5 })
  language!: string;

  /** The engine whose answer was shown ('builtin', 'mistral'). */
  @Column({ type: 'varchar', length: 16 })
  engine!: string;

  @Column({ type: 'varchar', length: 32 })
  intent!: string;

  /** Places the answer found (all of them, not only those shown). */
  @Column({ name: 'result_count', type: 'int' })
  resultCount!: number;

  /** What the question asked for: the engine's topic keys, space-separated ("restaurants beaches"); null for none. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  topics!: string | null;

  /** The attributes it asked for ("vegan outdoorSeating"); null for none. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  attributes!: string | null;

  /** The question, normalised (lower case, no accents or punctuation, e-mails and numbers masked), only when it found nothing. */
  @Column({ name: 'normalized_query', type: 'varchar', length: 200, nullable: true })
  normalizedQuery!: string | null;

  /** The LLM asked for this turn (MISTRAL_MODEL); null when none was. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  model!: string | null;

  /** How the turn's LLM call ended: 'ok', 'timeout', 'http_429', 'circuit_open', 'ungrounded', …; null when none was asked. */
  @Column({ name: 'llm_outcome', type: 'varchar', length: 16, nullable: true })
  llmOutcome!: string | null;

  /** LLM calls made (a retry is a second call; an open circuit makes none). */
  @Column({ name: 'llm_calls', type: 'int', default: 0 })
  llmCalls!: number;

  @Column({ name: 'prompt_tokens', type: 'int', nullable: true })
  promptTokens!: number | null;

  @Column({ name: 'completion_tokens', type: 'int', nullable: true })
  completionTokens!: number | null;

  @Column({ name: 'latency_ms', type: 'int' })
  latencyMs!: number;
}
