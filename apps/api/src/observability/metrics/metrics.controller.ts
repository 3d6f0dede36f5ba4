import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { MetricsAccessGuard } from './metrics-access.js';
import { Metrics } from './metrics.service.js';

/** `GET /metrics` (the path PrometheusModule gives it; never under /api), behind METRICS_TOKEN. No reset endpoint, by design. */
@ApiExcludeController()
@Controller()
@UseGuards(MetricsAccessGuard)
export class MetricsController extends PrometheusController {
  constructor(private readonly metrics: Metrics) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    await this.metrics.refresh();
    // Scrapes must not be cached by a proxy.
    response.header('Cache-Control', 'no-store');
    return super.index(response);
  }
}
