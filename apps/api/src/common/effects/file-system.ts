import * as fs from 'node:fs/promises';
import { Injectable } from '@nestjs/common';

/** What HoliBot reads from and writes to disk, behind a service so that tests can give files without a disk (MemoryFileSystem). */
@Injectable()
export class FileSystem {
  readFile(path: string): Promise<Buffer> {
    return fs.readFile(path);
  }

  async readText(path: string): Promise<string> {
    return (await this.readFile(path)).toString('utf8');
  }

  /** Writes to `path.tmp-…` and renames it over `path`: a reader never sees half a file. `mode`: e.g. 0o600 for a secret. */
  async writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
    const temporary = `${path}.tmp-${process.pid}-${Date.now()}`;
    try {
      await fs.writeFile(temporary, data, mode === undefined ? undefined : { mode });
      await fs.rename(temporary, path);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async mkdir(path: string): Promise<void> {
    await fs.mkdir(path, { recursive: true });
  }

  readdir(path: string): Promise<string[]> {
    return fs.readdir(path);
  }

  async stat(path: string): Promise<{ size: number; modifiedAt: Date; isDirectory: boolean }> {
    const stats = await fs.stat(path);
    return { size: stats.size, modifiedAt: stats.mtime, isDirectory: stats.isDirectory() };
  }

  /** Renames a file or a folder; over an existing folder it fails (the caller decides what a clash means). */
  async rename(from: string, to: string): Promise<void> {
    await fs.rename(from, to);
  }

  async remove(path: string): Promise<void> {
    await fs.rm(path, { recursive: true, force: true });
  }
}
