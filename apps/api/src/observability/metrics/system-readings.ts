import { readFileSync } from 'node:fs';
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
  /** Read once: a container's CPU quota does not change while it runs. */
  private readonly coreCount = Math.min(availableParallelism(), cgroupCpuQuota() ?? Number.POSITIVE_INFINITY);

  /**
   * Memory in use: the cgroup's working set (usage less the inactive file cache, which the kernel
   * reclaims before it would kill anything — as `docker stats` and cAdvisor count it) against its
   * limit when there is a limit, else the machine's.
   */
  async memory(): Promise<MemoryReading> {
    const cgroup =
      (await readCgroupMemory('/sys/fs/cgroup/memory.current', '/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory.stat', 'inactive_file')) ??
      (await readCgroupMemory(
        '/sys/fs/cgroup/memory/memory.usage_in_bytes',
        '/sys/fs/cgroup/memory/memory.limit_in_bytes',
        '/sys/fs/cgroup/memory/memory.stat',
        'total_inactive_file',
      ));
    if (cgroup) return { ...cgroup, basis: 'cgroup' };
    // os.freemem() is MemAvailable on Linux: page cache the kernel can drop counts as free.
    return { usedBytes: totalmem() - freemem(), limitBytes: totalmem(), basis: 'host' };
  }

  /** The process's CPU time so far, in microseconds (user + system). */
  cpuMicros(): number {
    const { user, system } = process.cpuUsage();
    return user + system;
  }

  /** Cores the process may use: the machine's, or fewer under a container's CPU quota (`--cpus=1.5`: 1.5). */
  cores(): number {
    return this.coreCount;
  }

  /** Free space of the volume holding `path` (the folder itself, or the nearest that exists). */
  async disk(path: string): Promise<DiskReading> {
    const stats = await statfs(path);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  }
}

async function readCgroupMemory(
  currentFile: string,
  maxFile: string,
  statFile: string,
  inactiveFileKey: string,
): Promise<{ usedBytes: number; limitBytes: number } | null> {
  try {
    const [current, max, stat] = await Promise.all([readFile(currentFile, 'utf8'), readFile(maxFile, 'utf8'), readFile(statFile, 'utf8').catch(() => '')]);
    const limitBytes = Number(max.trim());
    const usedBytes = Number(current.trim());
    if (!Number.isFinite(limitBytes) || limitBytes <= 0 || limitBytes >= NO_LIMIT || !Number.isFinite(usedBytes)) return null;
    const inactiveFile = Number(new RegExp(`^${inactiveFileKey} (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
    return { usedBytes: Math.max(0, usedBytes - inactiveFile), limitBytes };
  } catch {
    return null;
  }
}

/** The cgroup's CPU quota in cores (v2 `cpu.max` "150000 100000" → 1.5; v1 cfs_quota_us / cfs_period_us), or null without one. */
function cgroupCpuQuota(): number | null {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const v2 = read('/sys/fs/cgroup/cpu.max')?.split(/\s+/);
  const [quota, period] = v2
    ? [Number(v2[0]), Number(v2[1])]
    : [Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')), Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'))];
  // "max" (v2) or -1 (v1): no quota.
  return Number.isFinite(quota) && quota > 0 && Number.isFinite(period) && period > 0 ? quota / period : null;
}
