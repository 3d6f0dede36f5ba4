import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChatSessionCleanupLog } from '@holibot/database';
import { BackupService } from '../backup/index.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { type HttpTotals, Metrics } from '../observability/metrics/metrics.service.js';
import { SystemReadings } from '../observability/metrics/system-readings.js';
import { JobRunner } from '../scheduling/index.js';
import { type AlertReadings, type JobHealth, bucketDifference } from './alert-rules.js';

interface Sample {
  at: number;
  http: HttpTotals;
  cpuMicros: number;
}

/**
 * What the alert rules read, from the metrics themselves (one source of truth): the HTTP
 * request histogram, the system readings the metrics take (memory, disk, CPU time, open
 * connections), the jobs' last runs and the Mistral circuit. Counters and CPU time are read over
 * a sliding window of ALERT_WINDOW_SECONDS: each check keeps a sample, and a reading is the
 * difference between now and the newest sample at least a window old (before a whole window has
 * passed, the first sample, taken at start).
 */
@Injectable()
export class AlertReadingsSource implements OnApplicationBootstrap {
  private samples: Sample[] = [];
  private starting: Promise<void> | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly system: SystemReadings,
    private readonly jobs: JobRunner,
    private readonly dataSource: DataSource,
    private readonly backups: BackupService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /** The first sample, at start: the first window counts from it. */
  start(): Promise<void> {
    this.starting ??= this.sample().then((sample) => void this.samples.push(sample));
    return this.starting;
  }

  async read(): Promise<AlertReadings> {
    await this.start();
    const current = await this.sample();
    const baseline = this.baseline(current.at);
    this.samples.push(current);
    const [memory, disks, connections, cleanup, backup] = await Promise.all([
      this.system.memory(),
      this.metrics.diskFree(),
      this.metrics.openConnections(),
      this.cleanupHealth(),
      this.backupHealth(),
    ]);
    const elapsedMs = current.at - baseline.at;
    const cores = this.system.cores();
    const lowest = disks.reduce<(typeof disks)[number] | null>((low, disk) => (low === null || disk.freeRatio < low.freeRatio ? disk : low), null);
    return {
      http: {
        windowSeconds: Math.round(elapsedMs / 1000),
        count: Math.max(0, current.http.count - baseline.http.count),
        errors: Math.max(0, current.http.errors - baseline.http.errors),
        buckets: bucketDifference(current.http.buckets, baseline.http.buckets),
      },
      memory,
      cpuPercent: elapsedMs > 0 && cores > 0 ? ((current.cpuMicros - baseline.cpuMicros) / 1000 / (elapsedMs * cores)) * 100 : null,
      disk: lowest,
      connections,
      jobs: { 'session-cleanup': cleanup, backup },
      mistral: this.config.mistral ? { openSince: this.metrics.mistralCircuitOpenSince() } : null,
      now: new Date(current.at),
    };
  }

  /**
   * The session cleanup: its log table says how each run ended, whichever process (or
   * `holibot cleanup`) ran it; a run of this process that failed without writing its row
   * (the database down) counts too.
   */
  private async cleanupHealth(): Promise<JobHealth> {
    let last: ChatSessionCleanupLog | undefined;
    try {
      [last] = await this.dataSource.getRepository(ChatSessionCleanupLog).find({ order: { runAt: 'DESC', id: 'DESC' }, take: 1 });
    } catch (error) {
      // The database does not answer: the other rules are still read (and the failing check is a notice of its own).
      return { failed: null, detail: `the cleanup log could not be read: ${(error as Error).message}` };
    }
    // A run stopped by a shutdown or Ctrl-C is partial, not failed.
    if (last && (last.status === 'failed' || (last.status === 'partial' && !last.error?.startsWith('stopped')))) {
      return {
        failed: true,
        detail: `the session cleanup of ${last.runAt.toISOString()} on ${last.host ?? 'an unknown host'} failed: ${last.error ?? 'no reason recorded'}`,
      };
    }
    const here = this.jobs.status()['session-cleanup'];
    if (here?.status === 'degraded' && here.lastRunAt && (!last || last.runAt < new Date(here.lastRunAt))) {
      return { failed: true, detail: `the session cleanup failed at ${here.lastRunAt} and could not log it (see the server log)` };
    }
    return last
      ? { failed: false, detail: `the last session cleanup (${last.runAt.toISOString()}) did not fail` }
      : { failed: false, detail: 'the session cleanup has not run yet' };
  }

  /**
   * The backup: this process's last run of the job, unless a newer backup was made since (by
   * `holibot backup`, or another instance writing to the same BACKUP_DIR). Unknown until the
   * job has run in this process: a restart does not resolve a failing backup's alert.
   */
  private async backupHealth(): Promise<JobHealth> {
    const here = this.jobs.status()['backup'];
    if (!here) return { failed: false, detail: 'the backup job is not scheduled in this process (BACKUP_ENABLED=false)' };
    if (!here.lastRunAt) {
      // Since a restart: a backup within the interval (holibot backup) says enough; otherwise wait for the job.
      const [newest] = await this.backups.list().catch(() => []);
      const recent = newest && this.clock.now().getTime() - Date.parse(newest.createdAt) < this.config.backup.intervalHours * 3_600_000;
      return recent
        ? { failed: false, detail: `the newest backup (${newest.timestamp}) is within BACKUP_INTERVAL_HOURS` }
        : { failed: null, detail: 'the backup job has not run in this process yet' };
    }
    if (here.status === 'up') return { failed: false, detail: `the backup job's last run (${here.lastRunAt}) did not fail` };
    const [newest] = await this.backups.list().catch(() => []);
    if (newest && new Date(newest.createdAt) > new Date(here.lastRunAt)) {
      return { failed: false, detail: `a backup was made since the failed run of ${here.lastRunAt}: ${newest.timestamp}` };
    }
    const since = here.lastSuccessAt ? `last success ${here.lastSuccessAt}` : 'no success recorded';
    return { failed: true, detail: `the backup failed at ${here.lastRunAt} (${since}; see the server log)` };
  }

  /** The newest sample at least a window before `now` (or the oldest one); older samples are dropped. */
  private baseline(now: number): Sample {
    const windowStart = now - this.config.alerts.windowSeconds * 1000;
    let index = 0;
    for (let i = 0; i < this.samples.length; i++) if (this.samples[i]!.at <= windowStart) index = i;
    this.samples = this.samples.slice(index);
    return this.samples[0]!;
  }

  private async sample(): Promise<Sample> {
    return { at: this.clock.now().getTime(), http: await this.metrics.httpTotals(), cpuMicros: this.system.cpuMicros() };
  }
}
