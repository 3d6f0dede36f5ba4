import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { FileSystem } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { type PreparedWidgetFile, isWidgetFileName } from './widget-files.js';

/** A stored file as served: the bytes and their brotli and gzip copies, read from disk together. */
export interface StoredWidgetFile {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

/**
 * The files of each version under WIDGET_STORE_DIR/<version>/: `<name>`, `<name>.gz`,
 * `<name>.br`. A version's folder is written whole into a hidden partial folder and renamed into
 * place, so no reader ever sees half a version; it is never changed afterwards.
 */
@Injectable()
export class WidgetStore {
  readonly dir: string;

  constructor(
    private readonly files: FileSystem,
    config: AppConfig,
  ) {
    this.dir = resolve(config.widget.storeDir);
  }

  folder(version: string): string {
    return join(this.dir, version);
  }

  /** Whether every file of the version is there with its compressed copies, at its published size. */
  async has(version: string, files: readonly { name: string; size: number }[]): Promise<boolean> {
    for (const file of files) {
      const path = join(this.folder(version), file.name);
      try {
        if ((await this.files.stat(path)).size !== file.size) return false;
        await this.files.stat(`${path}.gz`);
        await this.files.stat(`${path}.br`);
      } catch {
        return false;
      }
    }
    return files.length > 0;
  }

  /** Writes a version's files; an existing folder of that version (a publish that never reached the database) is replaced. */
  async write(version: string, prepared: readonly PreparedWidgetFile[]): Promise<void> {
    await this.files.mkdir(this.dir);
    const partial = join(this.dir, `.partial-${version}-${process.pid}-${Date.now()}`);
    try {
      await this.files.mkdir(partial);
      for (const file of prepared) {
        await this.files.writeFileAtomic(join(partial, file.name), file.body);
        await this.files.writeFileAtomic(join(partial, `${file.name}.gz`), file.gzip);
        await this.files.writeFileAtomic(join(partial, `${file.name}.br`), file.brotli);
      }
      await this.files.remove(this.folder(version));
      await this.files.rename(partial, this.folder(version));
    } catch (error) {
      await this.files.remove(partial).catch(() => undefined);
      throw error;
    }
  }

  /** One file of a version, or null when it is not there (a name outside the widget's files is never looked up). */
  async read(version: string, name: string): Promise<StoredWidgetFile | null> {
    if (!isWidgetFileName(name)) return null;
    const path = join(this.folder(version), name);
    try {
      const [body, gzip, brotli] = await Promise.all([this.files.readFile(path), this.files.readFile(`${path}.gz`), this.files.readFile(`${path}.br`)]);
      return { body, gzip, brotli };
    } catch {
      return null;
    }
  }

  async remove(version: string): Promise<void> {
    await this.files.remove(this.folder(version));
  }
}
