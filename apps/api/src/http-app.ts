import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { WinstonModule } from 'nest-winston';
import type { DataSource } from 'typeorm';
import { AlertNotifier } from './alerts/index.js';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { answerClientError, answerExpectation, frameworkErrorReply, requireHost } from './common/framework-errors.js';
import { registerJsonBodyParser } from './common/json-body.js';
import { compileTrustProxy } from './common/client-ip.js';
import { isOriginAllowed } from './common/origin-policy.js';
import { QuietWsAdapter } from './common/quiet-ws-adapter.js';
import { createValidationPipe } from './common/validation.js';
import { type AppConfig, WIDGET_BUILD_DIR } from './config/app-config.js';
import { prepareSchema } from './database/database.module.js';
import { openDatabase } from './database/open-database.js';
import { reclaimMemoryWhenIdle } from './observability/idle-memory.js';
import { createWinstonLogger, requestLogging } from './observability/logging.js';
import { requestIdFrom } from './observability/request-context.js';
import { Metrics } from './observability/metrics/metrics.service.js';
import { PoiCatalogue } from './poi/poi-catalogue.service.js';
import { WidgetRegistryService, WidgetServing } from './widget-registry/index.js';
import { AdminAuthService, isAdminRoute, signedInBeforeBody } from './admin/index.js';

/** How often Node looks for requests that overran HTTP_REQUEST_TIMEOUT_MS (its default, 30 s, would let one overrun by that much). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The HTTP application, ready to listen: used by main.ts and by the end-to-end tests, so the
 * tests exercise exactly what production runs. Fastify, not Express: the HTTP floor under a
 * chat turn costs half as much (see the README's benchmark section).
 */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const { logger, logFiles } = createWinstonLogger(config);
  const dataSource = await openDatabase(config, logger);
  const adapter = new FastifyAdapter({
    // The same reading of TRUST_PROXY as the WebSocket's (proxy-addr).
    trustProxy: compileTrustProxy(config.trustProxy),
    bodyLimit: config.bodyLimitBytes,
    // The whole request (headers and body) must arrive within this; a client that declares a
    // long body and sends it slowly (or never) is cut off instead of holding a socket for minutes.
    requestTimeout: config.http.requestTimeoutMs,
    // A missing Host header is refused by the requireHost hook, in the API's error shape.
    http: { headersTimeout: config.http.requestTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS, requireHostHeader: false },
    // Longer than nginx's upstream keep-alive (60 s), so that the proxy, not HoliBot, closes idle connections.
    keepAliveTimeout: 72_000,
    // Request ids and request logging are HoliBot's own (observability/logging.ts).
    logger: false,
    return503OnClosing: true,
    // What Fastify and Node answer before any hook runs (a path that is not UTF-8, a parameter
    // over 100 characters, a request the HTTP parser refuses) in the API's error shape too.
    frameworkErrors: frameworkErrorReply,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, dataSource, logFiles), adapter, {
    bodyParser: false,
    abortOnError: false,
    logger: WinstonModule.createLogger({ instance: logger }),
  });
  const fastify = app.getHttpAdapter().getInstance();
  app.getHttpServer().on('checkExpectation', answerExpectation);
  // A route may raise its body limit with @RouteConfig({ bodyLimit }) (the admin uploads); the
  // routes are registered at init, after this hook.
  // On the admin API's routes, a request without a valid session is refused before its (large)
  // body is read, not after.
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit !== 'number') return;
    route.bodyLimit = limit;
    if (!isAdminRoute(route.url)) return;
    const before = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [...before, signedInBeforeBody(() => app.get(AdminAuthService))];
  });
  fastify.addHook('onRequest', reclaimMemoryWhenIdle());
  for (const [hook, handler] of Object.entries(requestLogging(logger))) fastify.addHook(hook as 'onRequest', handler);
  fastify.addHook('onRequest', requireHost);
  const metrics = app.get(Metrics);
  metrics.watchServer(app.getHttpServer());
  // By route template (`/api/v1/sessions/:id`), never the raw URL; a 429 here is the REST rate limit.
  // METRICS_ENABLED=false: no hook at all, so a request costs nothing for metrics.
  if (metrics.recording) {
    fastify.addHook('onResponse', (request, reply, done) => {
      metrics.httpRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
      if (reply.statusCode === 429) metrics.rateLimitHit('rest');
      done();
    });
  }
  // helmet's security headers, built once: @fastify/helmet builds a new helmet (parsing its CSP)
  // on every request, 2.6 % of the server's CPU under the chat benchmark. Set on the raw response,
  // as that plugin does: Fastify sends them with every answer, and a route's own header (the demo
  // page's CSP) wins.
  const securityHeaders = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  // The one origin rule (common/origin-policy.ts), as for the WebSocket: an origin it refuses gets
  // no Access-Control-Allow-Origin header, so browsers refuse the answer.
  const cors = {
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  };
  // An OPTIONS request without Origin and Access-Control-Request-Method is no preflight: it gets
  // no CORS answer (@fastify/cors would refuse it in text/plain) and is an unknown endpoint, as
  // any other method a route does not take.
  const isPreflight = (request: FastifyRequest) => request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
  app.enableCors({
    delegator: (request, callback) =>
      callback(null, {
        ...cors,
        origin: (request.method !== 'OPTIONS' || isPreflight(request)) && isOriginAllowed(request.headers.origin, request.headers.host, config),
      }),
  });
  // Every answer but the widget files (the same for all, `Access-Control-Allow-Origin: *`)
  // depends on the Origin: a cache must keep them apart, also when this one got no CORS header.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.getHeader('access-control-allow-origin') !== '*') addVary(reply, 'Origin');
    // A CORS preflight is answered by the first hook, before the request id's.
    if (!reply.hasHeader('x-request-id')) reply.header('X-Request-Id', requestIdFrom(request.headers['x-request-id']));
    done(null, payload);
  });
  registerJsonBodyParser(fastify, config.bodyLimitBytes);
  app.useGlobalFilters(new AllExceptionsFilter(adapter));
  app.useGlobalPipes(createValidationPipe());
  // The chat WebSocket (/api/v1/chat/ws) on the same HTTP server, with the plain `ws` library.
  app.useWebSocketAdapter(new QuietWsAdapter(app, config));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('HoliBot API')
      .setDescription('Chat with the destination catalogue. Errors: {"success": false, "error": {"code", "message"}}.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "Optional: the host site's user token" })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  const applied = await prepareSchema(app.get<DataSource>(getDataSourceToken()), config);
  if (applied.length) logger.info(`Applied migrations: ${applied.join(', ')}`, { context: 'Database' });
  await app.get(PoiCatalogue).start();
  // The built widget becomes a version when it is new; then /widget/ serves the active version.
  await app.get(WidgetRegistryService).startUp(WIDGET_BUILD_DIR);
  await app.get(WidgetServing).start();
  // A broken SMTP setting is reported at start, not on the first alert; the start does not wait for it.
  void app.get(AlertNotifier).verifyMail();
  return app;
}

/** Adds `name` to the Vary header unless it is there already. */
function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  const names = String(current ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (names.includes('*') || names.some((part) => part.toLowerCase() === name.toLowerCase())) return;
  reply.header('vary', [...names, name].join(', '));
}
