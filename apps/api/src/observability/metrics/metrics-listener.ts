import { type Server, createServer } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { register } from 'prom-client';
import { AppConfig } from '../../config/app-config.js';
import { carriesToken } from './metrics-access.js';
import { Metrics } from './metrics.service.js';

/**
 * METRICS_PORT: the metrics on a listener of their own, bound to METRICS_HOST (default
 * 127.0.0.1), so that they can stay off the public port altogether. It serves `/metrics` and
 * nothing else; with METRICS_TOKEN set, it asks for the token too. A port that cannot be opened
 * is logged and leaves the rest of HoliBot serving.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** The address it listens on, once it does. */
  address(): { host: string; port: number } | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? { host: address.address, port: address.port } : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, token } = this.config.metrics;
    if (port === null) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the metrics are at /metrics.\n');
        return;
      }
      if (token && !carriesToken(request.headers.authorization, token)) {
        response
          .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' })
          .end('Send Authorization: Bearer <METRICS_TOKEN>.\n');
        return;
      }
      void this.metrics
        .refresh()
        .then(() => register.metrics())
        .then(
          (body) =>
            response.writeHead(200, { 'Content-Type': register.contentType, 'Cache-Control': 'no-store' }).end(request.method === 'HEAD' ? undefined : body),
          (error: unknown) => {
            this.logger.error(`metrics scrape failed: ${(error as Error).message}`);
            response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The metrics could not be collected; see the server log.\n');
          },
        );
    });
    server.requestTimeout = 10_000;
    await new Promise<void>((done) => {
      server.once('error', (error) => {
        this.logger.error(
          `METRICS_PORT=${port} METRICS_HOST=${host}: cannot listen (${error.message}); the metrics listener is off, the rest of HoliBot serves`,
        );
        done();
      });
      server.listen(port, host, () => {
        this.server = server;
        const address = this.address();
        this.logger.log(`metrics on http://${host}:${address?.port ?? port}/metrics`);
        done();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
