import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ChatSession } from './chat-session.entity.js';

/** One turn of a conversation: history is rows, not a growing JSON blob. */
@Entity({ name: 'ChatMessage' })
@Index('IDX_ChatMessage_session_created', ['sessionId', 'createdAt'])
export class ChatMessage {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @ManyToOne(() => ChatSession, (session) => session.messages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_ChatMessage_session' })
  session?: Relation<ChatSession>;

  /** 'user' or 'assistant' */
  @Column({ type: 'varchar', length: 16 })
  role!: 'user' | 'assistant';

  @Column({ type: 'text' })
  content!: string;

  /** POIs shown with an assistant message, in order. */
  @Column({ name: 'poi_ids', type: 'simple-json', nullable: true })
  poiIds!: number[] | null;

  @Column({ type: 'varchar', length: 5 })
  language!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  intent!: string | null;

  /** Answer engine of an assistant message ('builtin', 'mistral'). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  engine!: string | null;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;

  /** Tokens an LLM used for this answer (usage reports); null for the built-in engine. */
  @Column({ name: 'prompt_tokens', type: 'int', nullable: true })
  promptTokens!: number | null;

  @Column({ name: 'completion_tokens', type: 'int', nullable: true })
  completionTokens!: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
