import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compare as semverCompare, inc as semverInc, rcompare as semverRcompare } from 'semver';
import type { DataSource } from 'typeorm';
import { transaction, WidgetDeployment, type WidgetFileRecord, WidgetVersion, type WidgetVersionState } from '@holibot/database';
import { AuditService } from '../audit/index.js';
import { Clock } from '../common/clock.js';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { type HeldLock, JobLock } from '../scheduling/index.js';
import {
  BUILD_LAYOUT,
  checkVersion,
  checkWidgetFiles,
  contentHash,
  prepareWidgetFiles,
  WIDGET_ELEMENT,
  WIDGET_LOADER,
  type WidgetFile,
} from './widget-files.js';
import { WidgetFilesInvalidError, WidgetVersionConflictError, WidgetVersionNotFoundError } from './widget-registry.errors.js';
import { WidgetStore } from './widget-store.js';

/** A version as the CLI and the admin API show it. */
export interface WidgetVersionView {
  version: string;
  state: WidgetVersionState;
  active: boolean;
  files: WidgetFileRecord[];
  sizeRaw: number;
  sizeGzip: number;
  sizeBrotli: number;
  notes: string | null;
  uploadedBy: string;
  createdAt: string;
  deployedAt: string | null;
}

export interface ActiveWidget {
  version: string;
  previousVersion: string | null;
  deployedAt: string;
  deployedBy: string;
}

/** Who does something, for the version's row and the audit log. */
export interface WidgetActor {
  actor: string;
  ip?: string | null;
}

export interface PublishOptions extends WidgetActor {
  version?: string;
  notes?: string;
}

export interface DeployResult {
  version: string;
  previousVersion: string | null;
  /** false: it was the active version already. */
  changed: boolean;
}

const FIRST_VERSION = '1.0.0';
const MAX_NOTES = 2000;
const POINTER_ID = 1;
/** Publishing and deploying take this lock, across processes: a second one waits this long, then is refused. */
const LOCK = 'widget-registry';
const LOCK_WAIT_MS = 10_000;

/**
 * The registry of <holi-bot> versions (WidgetVersion, files in WidgetStore) and the pointer to
 * the active one (WidgetDeployment, id 1). Publishing never changes what is served; deploying
 * switches the pointer in one transaction, with its audit row; rollback deploys the version that
 * was active before. Writes of several processes are serialized by the job lock `widget-registry`.
 */
@Injectable()
export class WidgetRegistryService {
  private readonly logger = new Logger('WidgetRegistry');
  private readonly deployListeners = new Set<(active: ActiveWidget) => Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: WidgetStore,
    private readonly files: FileSystem,
    private readonly lock: JobLock,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Awaited after every deploy made in this process (serving switches before the deploy returns; other processes poll the pointer). */
  onDeploy(listener: (active: ActiveWidget) => Promise<void>): () => void {
    this.deployListeners.add(listener);
    return () => this.deployListeners.delete(listener);
  }

  /**
   * Stores a new version. Refused: files that are not a widget build, a version that exists,
   * and content identical to an existing version. Without a version, the highest one's patch
   * number plus one (1.0.0 for the first).
   */
  async publish(files: readonly WidgetFile[], options: PublishOptions): Promise<WidgetVersionView> {
    checkWidgetFiles(files);
    const asked = options.version === undefined ? null : checkVersion(options.version.trim());
    const notes = options.notes?.trim().slice(0, MAX_NOTES) || null;
    const prepared = await prepareWidgetFiles(files);
    const hash = contentHash(prepared);
    return this.locked(async () => {
      const repository = this.dataSource.getRepository(WidgetVersion);
      const same = await repository.findOneBy({ contentSha256: hash });
      if (same) throw new WidgetVersionConflictError(`these files are published already, as version ${same.version}`);
      const existing = (await repository.find({ select: { version: true } })).map((row) => row.version);
      // Compared as the database and a case-insensitive disk would: 1.0.0-RC.1 is 1.0.0-rc.1.
      if (asked && existing.some((version) => version.toLowerCase() === asked.toLowerCase())) {
        throw new WidgetVersionConflictError(`version ${asked} exists already; publish under another version`);
      }
      const version = asked ?? nextVersion(existing);
      await this.store.write(version, prepared);
      const row = repository.create({
        version,
        contentSha256: hash,
        files: prepared.map(({ name, sha256, integrity, size, gzipSize, brotliSize }) => ({ name, sha256, integrity, size, gzipSize, brotliSize })),
        sizeRaw: sum(prepared, 'size'),
        sizeGzip: sum(prepared, 'gzipSize'),
        sizeBrotli: sum(prepared, 'brotliSize'),
        notes,
        uploadedBy: options.actor.slice(0, 191),
        createdAt: this.clock.now(),
        deployedAt: null,
        state: 'available',
      });
      try {
        await transaction(this.dataSource, async (manager) => {
          await manager.getRepository(WidgetVersion).insert(row);
          await this.audit.record({ actor: options.actor, action: 'widget.publish', target: version, detail: notes, ip: options.ip ?? null }, manager);
        });
      } catch (error) {
        await this.store.remove(version).catch(() => undefined);
        throw error;
      }
      this.logger.log(`Published widget ${version} (${prepared.length} files, ${row.sizeBrotli} bytes brotli) by ${options.actor}`);
      return view(row, null);
    });
  }

  /** Every version, highest first. */
  async list(): Promise<WidgetVersionView[]> {
    const [rows, active] = await Promise.all([this.dataSource.getRepository(WidgetVersion).find(), this.active()]);
    return rows.sort((a, b) => semverRcompare(a.version, b.version)).map((row) => view(row, active));
  }

  async get(version: string): Promise<WidgetVersionView> {
    const [row, active] = await Promise.all([this.dataSource.getRepository(WidgetVersion).findOneBy({ version }), this.active()]);
    if (!row) throw new WidgetVersionNotFoundError(version);
    return view(row, active);
  }

  /** The pointer: which version `/widget/holi-bot.js` serves; null before the first deploy. */
  async active(): Promise<ActiveWidget | null> {
    const pointer = await this.dataSource.getRepository(WidgetDeployment).findOneBy({ id: POINTER_ID });
    return pointer
      ? {
          version: pointer.activeVersion,
          previousVersion: pointer.previousVersion,
          deployedAt: pointer.deployedAt.toISOString(),
          deployedBy: pointer.deployedBy,
        }
      : null;
  }

  /** Makes `version` the active one: the pointer and the versions' states in one transaction, audited. */
  async deploy(version: string, who: WidgetActor): Promise<DeployResult> {
    checkVersion(version);
    return this.switchTo(() => Promise.resolve(version), who, 'widget.deploy');
  }

  /** Deploys the version that was active before the current one (read under the lock, so never a stale pointer). */
  async rollback(who: WidgetActor): Promise<DeployResult> {
    return this.switchTo(
      async () => {
        const active = await this.active();
        if (!active?.previousVersion)
          throw new WidgetVersionConflictError('there is no previous version to roll back to (deploy a version by its number instead)');
        return active.previousVersion;
      },
      who,
      'widget.rollback',
    );
  }

  private async switchTo(target: () => Promise<string>, who: WidgetActor, action: 'widget.deploy' | 'widget.rollback'): Promise<DeployResult> {
    const result = await this.locked(async () => {
      const asked = await target();
      const row = await this.dataSource.getRepository(WidgetVersion).findOneBy({ version: asked });
      if (!row) throw new WidgetVersionNotFoundError(asked);
      // The stored spelling from here on (a case-insensitive collation may have matched another).
      const version = row.version;
      if (!(await this.store.has(version, row.files))) {
        throw new WidgetVersionConflictError(
          `the files of ${version} are missing or incomplete in ${this.store.folder(version)}; publish that build again under a new version`,
        );
      }
      const now = this.clock.now();
      return transaction(this.dataSource, async (manager) => {
        const pointers = manager.getRepository(WidgetDeployment);
        const versions = manager.getRepository(WidgetVersion);
        const pointer = await pointers.findOneBy({ id: POINTER_ID });
        const before = pointer?.activeVersion ?? null;
        if (before === version) return { version, previousVersion: pointer?.previousVersion ?? null, changed: false };
        await versions.update({ state: 'previous' }, { state: 'available' });
        if (before) await versions.update({ version: before }, { state: 'previous' });
        // Any other row still marked active (none, unless edited by hand) stops being so.
        await versions.update({ state: 'active' }, { state: 'available' });
        await versions.update({ version }, { state: 'active', deployedAt: now });
        await pointers.save({ id: POINTER_ID, activeVersion: version, previousVersion: before, deployedAt: now, deployedBy: who.actor.slice(0, 191) });
        await this.audit.record({ actor: who.actor, action, target: version, detail: `${before ?? 'none'} → ${version}`, ip: who.ip ?? null }, manager);
        return { version, previousVersion: before, changed: true };
      });
    });
    if (result.changed) {
      this.logger.log(
        `Widget ${result.version} is active (was ${result.previousVersion ?? 'none'}), ${action === 'widget.rollback' ? 'rolled back' : 'deployed'} by ${who.actor}`,
      );
      const active = await this.active();
      if (active) await Promise.all([...this.deployListeners].map((listener) => listener(active).catch(() => undefined)));
    }
    return result;
  }

  /**
   * At server start: the widget that `npm run build` made becomes a version when it is new (so
   * a fresh install serves its widget with no extra step, and an upgrade ships its widget), and
   * is deployed then — unless WIDGET_VERSION pins a version, which is deployed instead.
   * Never throws: a problem is logged and the widget keeps serving what it served.
   */
  async startUp(buildDir: string): Promise<void> {
    try {
      const built = await readWidgetBuild(this.files, buildDir).catch((error: unknown) => {
        if (error instanceof WidgetFilesInvalidError || (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      });
      let fresh: string | null = null;
      if (!built) {
        this.logger.warn(`The <holi-bot> widget is not built in ${buildDir}; run "npm run build". The registry serves its active version, if any.`);
      } else {
        const hash = contentHash(built.map(({ name, body }) => ({ name, sha256: createHash('sha256').update(body).digest('hex') })));
        const known = await this.dataSource.getRepository(WidgetVersion).findOneBy({ contentSha256: hash });
        if (!known) fresh = (await this.publish(built, { actor: 'system', notes: `built by npm run build (${buildDir})` })).version;
        else if (!(await this.store.has(known.version, known.files))) {
          // The store lost its files (a recreated container without its volume, a partial restore): the build has the same bytes.
          await this.locked(async () => this.store.write(known.version, await prepareWidgetFiles(built)));
          this.logger.warn(`The files of widget ${known.version} were missing from ${this.store.folder(known.version)}: written again from the build`);
        }
      }
      const pinned = this.config.widget.pinnedVersion;
      if (pinned) {
        await this.deploy(pinned, { actor: 'system' }).catch((error: unknown) => {
          this.logger.error(`WIDGET_VERSION=${pinned} cannot be deployed: ${(error as Error).message}. Serving the active version instead.`);
        });
      } else if (fresh || !(await this.active())) {
        const newest = fresh ?? (await this.list())[0]?.version;
        if (newest) await this.deploy(newest, { actor: 'system' });
      }
    } catch (error) {
      this.logger.error(`The widget registry could not start: ${(error as Error).message}. The widget is served from what is deployed, if anything.`);
    }
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    let held: HeldLock | null;
    while (!(held = await this.lock.tryAcquire(LOCK))) {
      if (Date.now() - started > LOCK_WAIT_MS) throw new WidgetVersionConflictError('another publish or deploy is running; try again in a moment');
      await sleep(50);
    }
    try {
      return await work();
    } finally {
      await held.release();
    }
  }
}

/**
 * The files of a build folder: `npm run build`'s layout (dist/widget: loader/main.js,
 * element/main.js, element/chunk-*.js) or a flat folder of the public names (a version's folder).
 */
export async function readWidgetBuild(files: FileSystem, dir: string): Promise<WidgetFile[]> {
  const layout = await files.stat(join(dir, BUILD_LAYOUT[WIDGET_LOADER]!)).then(
    () => 'build' as const,
    () => 'flat' as const,
  );
  const elementDir = layout === 'build' ? join(dir, 'element') : dir;
  const names = await files.readdir(elementDir);
  const chunks = names.filter((name) => /^chunk-.+\.js$/.test(name));
  const paths: [string, string][] = [
    [WIDGET_LOADER, layout === 'build' ? join(dir, BUILD_LAYOUT[WIDGET_LOADER]!) : join(dir, WIDGET_LOADER)],
    [WIDGET_ELEMENT, layout === 'build' ? join(dir, BUILD_LAYOUT[WIDGET_ELEMENT]!) : join(dir, WIDGET_ELEMENT)],
    ...chunks.map((name) => [name, join(elementDir, name)] as [string, string]),
  ];
  const read: WidgetFile[] = [];
  const missing: string[] = [];
  for (const [name, path] of paths) {
    try {
      read.push({ name, body: await files.readFile(path) });
    } catch {
      missing.push(`${path} is missing`);
    }
  }
  if (missing.length) throw new WidgetFilesInvalidError(missing);
  return read;
}

/** The highest version's next patch: 1.0.3 → 1.0.4, 1.1.0-rc.1 → 1.1.0; 1.0.0 first. */
export function nextVersion(existing: readonly string[]): string {
  const highest = [...existing].sort(semverCompare).at(-1);
  return highest ? (semverInc(highest, 'patch') ?? FIRST_VERSION) : FIRST_VERSION;
}

function sum(files: readonly WidgetFileRecord[], key: 'size' | 'gzipSize' | 'brotliSize'): number {
  return files.reduce((total, file) => total + file[key], 0);
}

function view(row: WidgetVersion, active: ActiveWidget | null): WidgetVersionView {
  return {
    version: row.version,
    state: row.state,
    active: active?.version === row.version,
    files: row.files,
    sizeRaw: row.sizeRaw,
    sizeGzip: row.sizeGzip,
    sizeBrotli: row.sizeBrotli,
    notes: row.notes,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    deployedAt: row.deployedAt?.toISOString() ?? null,
  };
}
