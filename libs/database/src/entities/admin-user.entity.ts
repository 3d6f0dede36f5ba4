import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/** 'admin' may change things; 'viewer' may only read (and never download backups or manage users). */
export type AdminRole = 'admin' | 'viewer';

/** A person who signs in to the admin UI. Passwords are argon2id hashes; nobody has a default password. */
@Entity({ name: 'AdminUser' })
@Index('UQ_AdminUser_email', ['email'], { unique: true })
export class AdminUser {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** Lower-cased, trimmed: one account per address whatever its case. */
  @Column({ type: 'varchar', length: 191 })
  email!: string;

  /** argon2id, in its PHC string form (`$argon2id$v=19$m=…`). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: AdminRole;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt!: Date | null;

  /** A disabled account cannot sign in, and its sessions end. */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;
}

/**
 * A signed-in admin: the cookie carries a signed token naming this row by a random id, of which
 * only the SHA-256 is stored. Deleted at logout, password reset or disabling; expires when idle.
 */
@Entity({ name: 'AdminSession' })
export class AdminSession {
  /** SHA-256 (hex) of the session id in the cookie's token. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('IDX_AdminSession_user_id')
  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @ManyToOne(() => AdminUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_AdminSession_user' })
  user?: Relation<AdminUser>;

  /** The token every state-changing request repeats in `X-CSRF-Token`. */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt!: Date;

  /** The absolute end, whatever the activity. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;
}
