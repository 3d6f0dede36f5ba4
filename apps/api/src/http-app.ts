import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import helmet from 'helmet';
import { WinstonModule } from 'nest-winston';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { QuietWsAdapter } from './common/quiet-ws-adapter.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { prepareSchema } from './database/database.module.js';
import { reclaimMemoryWhenIdle } from './observability/idle-memory.js';
import { createWinstonLogger, requestLogging } from './observability/logging.js';
import { PoiCatalogue } from './poi/poi-catalogue.service.js';

/**
 * The HTTP application, ready to listen: used by main.ts and by the end-to-end tests, so the
 * tests exercise exactly what production runs.
 */
export async function createHttpApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createWinstonLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    abortOnError: false,
    logger: WinstonModule.createLogger({ instance: logger }),
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are not cached by browsers or proxies: hashing every body for an ETag is waste.
  app.set('etag', false);
  app.use(reclaimMemoryWhenIdle());
  app.use(requestLogging(logger));
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  const anyOrigin = config.corsOrigins.includes('*');
  app.enableCors({
    // An unlisted origin gets no Access-Control-Allow-Origin header, so browsers refuse it.
    origin: (origin, callback) => callback(null, anyOrigin || (origin !== undefined && config.corsOrigins.includes(origin))),
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useGlobalFilters(new AllExceptionsFilter());
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
  return app;
}
