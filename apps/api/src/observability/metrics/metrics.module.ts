import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PrometheusModule, getToken, makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { DEFAULT_METRIC, METRIC, METRIC_PREFIX } from './metric-definitions.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsAccessGuard } from './metrics-access.js';
import { MetricsListener } from './metrics-listener.js';
import { type Instruments, Metrics } from './metrics.service.js';
import { SystemReadings } from './system-readings.js';

const KEYS = Object.keys(METRIC) as (keyof typeof METRIC)[];

/** One @willsoto/nestjs-prometheus provider per definition: histograms have buckets, counters end in _total, the rest are gauges. */
const instrumentProviders: Provider[] = KEYS.map((key) => {
  const definition = METRIC[key];
  const options = { name: definition.name, help: definition.help, labelNames: [...definition.labelNames] };
  if ('buckets' in definition) return makeHistogramProvider({ ...options, buckets: [...definition.buckets] });
  return definition.name.endsWith('_total') ? makeCounterProvider(options) : makeGaugeProvider(options);
});

const metricsProvider: Provider = {
  provide: Metrics,
  inject: [AppConfig, getDataSourceToken(), Clock, SystemReadings, ...KEYS.map((key) => getToken(METRIC[key].name))],
  useFactory: (config: AppConfig, dataSource: DataSource, clock: Clock, system: SystemReadings, ...objects: unknown[]) =>
    new Metrics(Object.fromEntries(KEYS.map((key, index) => [key, objects[index]])) as Instruments, config, dataSource, clock, system),
};

/**
 * The metrics (metric-definitions.ts) for every module: global, as configuration is. In the
 * server, `forRoot({serve: true})` adds prom-client's default process metrics, `GET /metrics`
 * and the METRICS_PORT listener; the command line records into the same objects and serves none.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot({ serve }: { serve: boolean }): DynamicModule {
    return {
      module: MetricsModule,
      imports: serve
        ? [
            PrometheusModule.register({
              controller: MetricsController,
              // Default registry, process-wide: a second app in one process (tests) must not register them twice.
              defaultMetrics: { enabled: register.getSingleMetric(DEFAULT_METRIC.cpuSeconds) === undefined, config: { prefix: METRIC_PREFIX } },
            }),
          ]
        : [],
      providers: [SystemReadings, ...instrumentProviders, metricsProvider, ...(serve ? [MetricsAccessGuard, MetricsListener] : [])],
      exports: [Metrics, SystemReadings, ...(serve ? [MetricsListener] : [])],
    };
  }
}
