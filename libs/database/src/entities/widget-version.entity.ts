import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One file of a widget version, as `holibot widget list --json` and the admin API show it. */
export interface WidgetFileRecord {
  /** The public name: holi-bot.js, holi-bot-element.js or a chunk-*.js of the element. */
  name: string;
  sha256: string;
  /** Subresource Integrity value for `<script integrity=…>`: `sha384-…`. */
  integrity: string;
  size: number;
  gzipSize: number;
  brotliSize: number;
}

/** 'active': the one the pointer names; 'previous': what a rollback goes back to; 'available': any other. */
export type WidgetVersionState = 'active' | 'previous' | 'available';

/**
 * A published <holi-bot> build: its files live under WIDGET_STORE_DIR/<version>/ (with their
 * brotli and gzip copies), this row holds their checksums. Versions are never changed after
 * publishing; only `state` and `deployed_at` move, in the deploy's transaction.
 */
@Entity({ name: 'WidgetVersion' })
@Index('UQ_WidgetVersion_version', ['version'], { unique: true })
@Index('UQ_WidgetVersion_content_sha256', ['contentSha256'], { unique: true })
export class WidgetVersion {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** Semantic version, X.Y.Z (a pre-release suffix allowed). */
  @Column({ type: 'varchar', length: 64 })
  version!: string;

  /** SHA-256 over every file's name and SHA-256: identical content is refused as a duplicate. */
  @Column({ name: 'content_sha256', type: 'varchar', length: 64 })
  contentSha256!: string;

  @Column({ type: 'simple-json' })
  files!: WidgetFileRecord[];

  /** Sums over the files, for the list. */
  @Column({ name: 'size_raw', type: 'int' })
  sizeRaw!: number;

  @Column({ name: 'size_gzip', type: 'int' })
  sizeGzip!: number;

  @Column({ name: 'size_brotli', type: 'int' })
  sizeBrotli!: number;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Who published it: an admin's e-mail, or `cli:<user>`, or `system` for the build published at start. */
  @Column({ name: 'uploaded_by', type: 'varchar', length: 191 })
  uploadedBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** When it last became the active version; null if it never was. */
  @Column({ name: 'deployed_at', type: 'datetime', precision: 3, nullable: true })
  deployedAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  state!: WidgetVersionState;
}

/**
 * The pointer to the active widget version: one row (id 1), switched in the deploy's
 * transaction. Serving reads it; no file is ever copied to deploy.
 */
@Entity({ name: 'WidgetDeployment' })
export class WidgetDeployment {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'active_version', type: 'varchar', length: 64 })
  activeVersion!: string;

  /** The version active before the last deploy: `holibot widget rollback` goes back to it. */
  @Column({ name: 'previous_version', type: 'varchar', length: 64, nullable: true })
  previousVersion!: string | null;

  @Column({ name: 'deployed_at', type: 'datetime', precision: 3 })
  deployedAt!: Date;

  @Column({ name: 'deployed_by', type: 'varchar', length: 191 })
  deployedBy!: string;
}
