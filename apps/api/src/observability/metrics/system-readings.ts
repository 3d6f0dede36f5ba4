import { readFile, statfs } from 'node:fs/promises';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { Injectable } from '@nestjs/common';

export interface MemoryReading {
  usedBytes: number;
  limitBytes: number;
  /** `cgroup`: of the container's (cgroup) limit; `host`: of the machine's total memory. */
  basis: 'cgroup' | 'host';
}

export interface DiskReading {
  freeBytes: number;
  totalBytes: number;
}

/** No limit set: cgroup v2 says "max", v1 a number near 2^63. */
const NO_LIMIT = 2 ** 60;

/**
 * What the machine says about the process's resources: memory, CPU time, free disk space. The
 * metrics read them here only, so a test (and the coming alert rules) can replace this one class to drive
 * a rule over its threshold.
 */
@Injectable()
export class SystemReadings {
  /** Memory in use: the cgroup's usage against its limit when there is a limit, else the machine's. */
  async memory(): Promise<MemoryReading> {
    const cgroup =
      (await readCgroupMemory('/sys/fs/cgroup/memory.current', '/sys/fs/cgroup/memory.max')) ??
      (await readCgroupMemory('/sys/fs/cgroup/memory/memory.usage_in_bytes', '/sys/fs/cgroup/memory/memory.limit_in_bytes'));
    if (cgroup) return { ...cgroup, basis: 'cgroup' };
    // os.freemem() is MemAvailable on Linux: page cache the kernel can drop counts as free.
    return { usedBytes: totalmem() - freemem(), limitBytes: totalmem(), basis: 'host' };
  }

  /** The process's CPU time so far, in microseconds (user + system). */
  cpuMicros(): number {
    const { user, system } = process.cpuUsage();
    return user + system;
  }

  /** Cores the process may use. */
  cores(): number {
    return availableParallelism();
  }

  /** Free space of the volume holding `path` (the folder itself, or the nearest that exists). */
  async disk(path: string): Promise<DiskReading> {
    const stats = await statfs(path);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  }
}

async function readCgroupMemory(currentFile: string, maxFile: string): Promise<{ usedBytes: number; limitBytes: number } | null> {
  try {
    const [current, max] = await Promise.all([readFile(currentFile, 'utf8'), readFile(maxFile, 'utf8')]);
    const limitBytes = Number(max.trim());
    const usedBytes = Number(current.trim());
    if (!Number.isFinite(limitBytes) || limitBytes <= 0 || limitBytes >= NO_LIMIT || !Number.isFinite(usedBytes)) return null;
    return { usedBytes, limitBytes };
  } catch {
    return null;
  }
}
