import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ChatMessage } from './chat-message.entity.js';
import { ChatSession } from './chat-session.entity.js';

/**
 * A visitor's rating of one assistant message: at most one row per message (a second rating
 * replaces the first). Deleted with its session or its message.
 */
@Entity({ name: 'ChatFeedback' })
@Index('UQ_ChatFeedback_message_id', ['messageId'], { unique: true })
export class ChatFeedback {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** Indexed: deleting a session looks its feedback up by it (SQLite indexes no foreign key by itself). */
  @Index('IDX_ChatFeedback_session_id')
  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @ManyToOne(() => ChatSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_ChatFeedback_session' })
  session?: Relation<ChatSession>;

  /** The assistant message rated. */
  @Column({ name: 'message_id', type: 'int' })
  messageId!: number;

  @ManyToOne(() => ChatMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'FK_ChatFeedback_message' })
  message?: Relation<ChatMessage>;

  /** 'up' or 'down' */
  @Column({ type: 'varchar', length: 8 })
  rating!: 'up' | 'down';

  /** Why a "down": 'wrong_info', 'not_relevant', 'closed', 'other'; null when not given. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  reason!: string | null;

  /** The visitor's words, trimmed, control characters removed (at most 500 characters). */
  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /**
   * The place of the answer the feedback is about, one of the message's poi_ids. No foreign key:
   * places are re-imported, and feedback about a place that left the catalogue is still feedback.
   */
  @Column({ name: 'poi_id', type: 'int', nullable: true })
  poiId!: number | null;

  /** The language of the answer rated. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  language!: string | null;

  @Index('IDX_ChatFeedback_created_at')
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When the feedback was last replaced (= created_at when it never was). */
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
