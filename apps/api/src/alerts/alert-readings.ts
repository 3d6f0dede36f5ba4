import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { type HttpTotals, Metrics } from '../observability/metrics/metrics.service.js';
import { SystemReadings } from '../observability/metrics/system-readings.js';
import { JobRunner } from '../scheduling/index.js';
import { type AlertReadings, bucketDifference } from './alert-rules.js';

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
    const [memory, disks, connections] = await Promise.all([this.system.memory(), this.metrics.diskFree(), this.metrics.openConnections()]);
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
      disk: lowest && { volume: lowest.volume, path: lowest.path, freeRatio: lowest.freeRatio },
      connections,
      jobs: Object.fromEntries(
        Object.entries(this.jobs.status()).map(([job, { status, lastRunAt, lastSuccessAt }]) => [
          job,
          { failed: status === 'degraded', lastRunAt, lastSuccessAt },
        ]),
      ),
      mistral: this.config.mistral ? { openSince: this.metrics.mistralCircuitOpenSince() } : null,
      now: new Date(current.at),
    };
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
