import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type TimerHandle, Timers } from '../common/effects/index.js';
import { checkVersion, pinLoaderToVersion, prepare, WIDGET_LOADER } from './widget-files.js';
import { type ActiveWidget, WidgetRegistryService } from './widget-registry.service.js';
import { type StoredWidgetFile, WidgetStore } from './widget-store.js';

/** A file ready to send: bytes, brotli and gzip copies, and its ETag. */
export interface ServedWidgetFile extends StoredWidgetFile {
  etag: string;
}

/** How often a process looks at the pointer row for a deploy made elsewhere (the CLI, another instance). */
export const POINTER_POLL_MS = 3000;
/** Versions' files kept in memory, least recently used out first. */
const CACHE_BYTES = 24 * 1024 * 1024;

/**
 * What `/widget/…` sends, from memory: the active version's loader (pinned to its own element)
 * and any version's files, read from WidgetStore once and kept in a small LRU cache. The active
 * version follows the pointer: at once after a deploy in this process, within POINTER_POLL_MS
 * after one elsewhere.
 */
@Injectable()
export class WidgetServing implements OnApplicationShutdown {
  private readonly logger = new Logger('Widget');
  private current: { version: string; loader: ServedWidgetFile } | null = null;
  /** Counts the switches asked for: a slower, older one (a poll that read the pointer earlier) never overwrites a newer one. */
  private generation = 0;
  private readonly cache = new Map<string, ServedWidgetFile>();
  /** Reads under way, so that a burst of requests for one file reads it once. */
  private readonly reading = new Map<string, Promise<ServedWidgetFile | null>>();
  private cachedBytes = 0;
  private polling: TimerHandle | null = null;
  private unsubscribe: (() => void) | null = null;
  private failedVersion: string | null = null;

  constructor(
    private readonly registry: WidgetRegistryService,
    private readonly store: WidgetStore,
    private readonly timers: Timers,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe = this.registry.onDeploy((active) => this.follow(active));
    await this.refresh();
    this.polling = this.timers.every(POINTER_POLL_MS, () => void this.refresh());
  }

  onApplicationShutdown(): void {
    this.polling?.cancel();
    this.unsubscribe?.();
  }

  /** The version `/widget/holi-bot.js` serves now, or null (nothing deployed, or its files unreadable). */
  activeVersion(): string | null {
    return this.current?.version ?? null;
  }

  /** Reads the pointer; a database that does not answer leaves the widget serving what it served. */
  async refresh(): Promise<void> {
    try {
      const active = await this.registry.active();
      if (active) await this.follow(active);
    } catch (error) {
      this.logger.debug(`Widget pointer not read: ${(error as Error).message}`);
    }
  }

  /** A file by its public name, of the active version (`/widget/<name>`). */
  async activeFile(name: string): Promise<ServedWidgetFile | null> {
    if (!this.current) return null;
    if (name === WIDGET_LOADER) return this.current.loader;
    return this.versionFile(this.current.version, name);
  }

  /** A file of a given version (`/widget/v/<version>/<name>`), exactly as published. */
  async versionFile(version: string, name: string): Promise<ServedWidgetFile | null> {
    try {
      checkVersion(version);
    } catch {
      return null;
    }
    const key = `${version}/${name}`;
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const pending = this.reading.get(key);
    if (pending) return pending;
    const read = this.store
      .read(version, name)
      .then((stored) => {
        if (!stored) return null;
        const file = { ...stored, etag: etagOf(stored.body) };
        this.remember(key, file);
        return file;
      })
      .finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  private async follow(active: ActiveWidget): Promise<void> {
    if (this.current?.version === active.version) return;
    const generation = ++this.generation;
    const stored = await this.store.read(active.version, WIDGET_LOADER);
    if (generation !== this.generation) return;
    if (!stored) {
      if (this.failedVersion !== active.version) {
        this.logger.error(
          `Widget ${active.version} is deployed but its files are missing from ${this.store.folder(active.version)}; still serving ${this.current?.version ?? 'nothing'}`,
        );
      }
      this.failedVersion = active.version;
      return;
    }
    const pinned = await prepare(WIDGET_LOADER, pinLoaderToVersion(stored.body, active.version));
    if (generation !== this.generation) return;
    this.current = { version: active.version, loader: { body: pinned.body, gzip: pinned.gzip, brotli: pinned.brotli, etag: etagOf(pinned.body) } };
    this.failedVersion = null;
    this.logger.log(`Serving widget ${active.version} at /widget/holi-bot.js`);
  }

  private remember(key: string, file: ServedWidgetFile): void {
    if (this.cache.has(key)) return;
    const size = file.body.length + file.gzip.length + file.brotli.length;
    this.cache.set(key, file);
    this.cachedBytes += size;
    for (const [oldest, entry] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES || oldest === key) break;
      this.cache.delete(oldest);
      this.cachedBytes -= entry.body.length + entry.gzip.length + entry.brotli.length;
    }
  }
}

/** A strong validator from the bytes. */
function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
