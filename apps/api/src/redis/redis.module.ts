import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RedisConnection, redisKeyPrefix } from './redis-connection.js';

/** The process's RedisConnection, or null without REDIS_URL. */
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/** How long the start waits for Redis before it goes on without (degraded until Redis answers). */
const FIRST_CONNECT_WAIT_MS = 3000;

/** Whether the operator told us, or PM2 shows, that several processes serve this destination. */
// eslint-disable-next-line no-restricted-properties -- PM2's own variables, not HoliBot settings
export function severalInstances(config: AppConfig, env: NodeJS.ProcessEnv = process.env): string | null {
  if (config.instances > 1) return `HOLIBOT_INSTANCES=${config.instances}`;
  // PM2 sets NODE_APP_INSTANCE in cluster mode (0, 1, …), and `instances` from the process file.
  const pm2Instances = Number.parseInt(env['instances'] ?? '', 10);
  if (env['NODE_APP_INSTANCE'] !== undefined && !(pm2Instances === 1)) return `PM2 cluster mode (NODE_APP_INSTANCE=${env['NODE_APP_INSTANCE']})`;
  return null;
}

/**
 * Redis for several instances (REDIS_URL): one connection per process, opened here, closed at
 * shutdown. Without REDIS_URL the token holds null and every user keeps its single-process
 * behaviour (in-memory rate limit, database job locks, per-process circuit).
 */
@Global()
@Module({})
export class RedisModule {
  /** `server`: the HTTP server (warns when it sees several instances without Redis); the CLI passes false. */
  static forRoot({ server }: { server: boolean }): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CONNECTION,
          inject: [AppConfig],
          useFactory: async (config: AppConfig): Promise<RedisConnection | null> => {
            if (!config.redisUrl) return null;
            const redis = new RedisConnection(config.redisUrl, redisKeyPrefix(config), { tlsCa: config.redisTlsCa?.pem ?? null });
            // Not a failed start: the instance serves, degraded, and picks Redis up when it comes.
            if (!(await redis.ready(FIRST_CONNECT_WAIT_MS))) {
              new Logger('Redis').warn(`Redis did not answer within ${FIRST_CONNECT_WAIT_MS / 1000} s at start; starting without it and reconnecting`);
            }
            return redis;
          },
        },
        { provide: SERVER_PROCESS, useValue: server },
        RedisLifecycle,
      ],
      exports: [REDIS_CONNECTION],
    };
  }
}

const SERVER_PROCESS = Symbol('SERVER_PROCESS');

/** Closes the connection at shutdown; in the server, the warning about several instances without Redis. */
@Injectable()
class RedisLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Optional() @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null,
    @Inject(SERVER_PROCESS) private readonly server: boolean,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.server || this.redis) return;
    const several = severalInstances(this.config);
    if (several) {
      new Logger('Redis').warn(
        `${several}: several HoliBot processes without REDIS_URL — each counts its own rate limit (the limit is multiplied), ` +
          'and the Mistral circuit is per process. Set REDIS_URL to share them (README: Several instances).',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
