import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { validateCronExpression } from 'cron';
import { valid as semverValid } from 'semver';
import { z } from 'zod';
import { POI_SUBCATEGORIES } from '@holibot/contracts';
import { type DatabaseConfig, DEFAULT_QUERY_TIMEOUT_MS } from '@holibot/database';
import { DomainError } from '../common/domain-error.js';
import { HTTP_DURATION_BUCKETS } from '../observability/metrics/metric-definitions.js';

// Every environment variable HoliBot reads, with its default and meaning. `.env.example` and
// the README's configuration table list the same variables (a test keeps them in step).
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);
/** A decimal number (thresholds in per cent). */
const decimal = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);
/** An http(s) URL, or empty (off). */
const urlOrEmpty = (example: string) =>
  z
    .string()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(value), { message: `must be an http(s) URL such as ${example}` });
/** One e-mail address, as far as a setting can tell: something@somewhere, no spaces or list separators. */
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+$/;
/** A cron expression (5 fields, or 6 with seconds first), read in the destination time zone (TZ). */
const cron = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => validateCronExpression(value).valid, { message: 'must be a cron expression such as "0 3 * * *" (minute hour day month weekday)' });
/** The folder of HoliBot's package.json, from the sources or from dist/, whatever the working folder. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the <holi-bot> loader and element (served under /widget/). */
export const WIDGET_BUILD_DIR = join(packageRoot(), 'dist/widget');

/** The sample catalogue that ships with HoliBot. */
export const SAMPLE_CATALOGUE = join(packageRoot(), 'tools/catalogues/calpe.sample.geojson');

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isTrustProxy = (value: string) => {
  const trimmed = value.trim();
  if (['', 'true', 'false'].includes(trimmed) || /^\d+$/.test(trimmed)) return true;
  return trimmed.split(',').every((part) => {
    const [address, prefix, ...rest] = part.trim().split('/');
    if (rest.length > 0 || !address) return false;
    if (PROXY_KEYWORDS.has(address) && prefix === undefined) return true;
    const version = isIP(address);
    return version !== 0 && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)));
  });
};
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A full ISO 8601 date and time with a zone (Z or ±hh:mm): no local, zone-less readings. */
/** A URL ioredis can open: redis(s)://[user:password@]host[:port][/db]. */
const isRedisUrl = (value: string) => {
  if (!/^rediss?:\/\/\S+$/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.hostname !== '' && /^(\/\d*)?$/.test(url.pathname);
  } catch {
    return false;
  }
};
/** host or host:port (a name, an IPv4 address, or [IPv6]). */
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const ENV_SCHEMA = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3002, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  DB_TYPE: z.enum(['sqlite', 'mysql'], { message: 'must be sqlite or mysql' }).default('sqlite'),
  DB_SQLITE_PATH: z.string().min(1).default('data/holibot.sqlite'),
  DB_HOST: z.string().min(1).default('127.0.0.1'),
  DB_PORT: int(3306, 1, 65535),
  DB_USER: z.string().min(1).default('root'),
  DB_PASSWORD: z.string().default(''),
  DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_$]+$/, { message: 'must be a plain database name' })
    .default('holibot'),
  // At least 2: a running job holds one connection for its lock, its queries need another.
  DB_POOL_SIZE: int(10, 2, 500),
  DB_QUERY_TIMEOUT_MS: int(DEFAULT_QUERY_TIMEOUT_MS, 100, 600000),
  DB_MIGRATE_ON_START: bool(true),
  // Read replicas for the reports and the admin's reads: "replica1:3306, replica2" (same user, password and database).
  DB_REPLICA_HOSTS: z
    .string()
    .default('')
    .refine((value) => splitList(value).every((entry) => HOST_PORT.test(entry)), {
      message: 'must be host or host:port entries separated by commas, such as db-replica-1:3306',
    }),
  // Redis for several HoliBot processes: shared rate limit, job leases, Mistral circuit. redis:// or rediss:// (TLS).
  REDIS_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || isRedisUrl(value), {
      message: 'must be a redis:// or rediss:// URL such as redis://:password@127.0.0.1:6379/0 (port 1 to 65535, database a number)',
    }),
  // PEM certificate(s) to trust for rediss:// (a private CA, or a self-signed Redis); empty: Node's public CAs.
  REDIS_TLS_CA_FILE: z
    .string()
    .default('')
    .transform((file, context) => {
      if (!file.trim()) return null;
      const pem = readCaFile(file.trim());
      if (typeof pem === 'string') return { file: file.trim(), pem };
      context.addIssue({ code: 'custom', message: pem.error });
      return null;
    }),
  // Start of every Redis key; empty: holibot:<DB_NAME>. Two destinations sharing one Redis need their own.
  REDIS_KEY_PREFIX: z
    .string()
    .default('')
    .refine((value) => /^[A-Za-z0-9:_.-]{0,64}$/.test(value), { message: 'must be up to 64 letters, digits, : _ . or -' }),
  // How many HoliBot processes serve this destination (a hint: >1 without REDIS_URL logs a warning at start).
  HOLIBOT_INSTANCES: int(1, 1, 1000),
  SESSION_EXPIRY_HOURS: int(24, 1, 24 * 365),
  SESSION_CLEANUP_ENABLED: bool(true),
  SESSION_CLEANUP_CRON: cron('0 3 * * *'),
  // SQLite binds at most 32,766 parameters in one statement: a batch's ids must fit.
  SESSION_CLEANUP_BATCH: int(5000, 1, 30000),
  SESSION_STATS_CRON: cron('0 9 * * 1'),
  BACKUP_ENABLED: bool(true),
  BACKUP_INTERVAL_HOURS: int(24, 1, 24 * 31),
  BACKUP_DIR: z.string().min(1).default('backups'),
  BACKUP_RETENTION_DAYS: int(30, 1, 3650),
  BACKUP_ENCRYPTION_KEY: z
    .string()
    .default('')
    .refine((value) => value === '' || value.length >= 16, { message: 'must be at least 16 characters (or empty: no encryption)' }),
  WIDGET_STORE_DIR: z.string().min(1).default('data/widgets'),
  // Signs the admin session cookie. Required in production for the admin API; elsewhere generated
  // once and kept beside the SQLite database (data/admin-session.secret).
  ADMIN_SESSION_SECRET: z
    .string()
    .default('')
    .refine((value) => value === '' || value.length >= 32, { message: 'must be at least 32 characters (or empty)' }),
  // An admin session ends after this many minutes without a request, and after ADMIN_SESSION_MAX_HOURS in any case.
  ADMIN_SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  ADMIN_SESSION_MAX_HOURS: int(12, 1, 24 * 30),
  // Empty: serve the version last deployed. A version: deploy it at every start (a pin).
  WIDGET_VERSION: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || semverValid(value) !== null, { message: 'must be a semantic version such as 1.0.0 (or empty)' }),
  // false: nothing is recorded (no per-request cost), /metrics and its listener are off, alerts cannot run.
  METRICS_ENABLED: bool(true),
  METRICS_TOKEN: z
    .string()
    .default('')
    .refine((value) => value === '' || (value.length >= 16 && !/\s/.test(value)), {
      message: 'must be at least 16 characters without spaces (or empty: /metrics off)',
    }),
  // Empty: no separate metrics listener.
  METRICS_PORT: z
    .string()
    .default('')
    .refine((value) => value.trim() === '' || (/^\d+$/.test(value.trim()) && Number(value) <= 65535), { message: 'must be a port number (0-65535), or empty' }),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  ALERTS_ENABLED: bool(false),
  ALERT_RECIPIENTS: z
    .string()
    .default('')
    .refine((value) => splitList(value).every((address) => EMAIL.test(address)), {
      message: 'must be a comma-separated list of e-mail addresses such as ops@example.com, it@example.com',
    }),
  ALERT_CHECK_INTERVAL: int(60000, 1000, 86_400_000),
  ALERT_WINDOW_SECONDS: int(300, 10, 86_400),
  ALERT_REPEAT_MINUTES: int(60, 1, 10_080),
  // At most the histogram's last finite bucket (10 s): beyond it a p95 cannot be read.
  ALERT_RESPONSE_TIME_MS: int(2000, 1, Math.max(...HTTP_DURATION_BUCKETS) * 1000),
  ALERT_ERROR_RATE_PERCENT: decimal(5, 0, 100),
  ALERT_MIN_REQUESTS: int(20, 1),
  ALERT_MEMORY_PERCENT: decimal(90, 0, 100),
  ALERT_CPU_PERCENT: decimal(80, 0, 100),
  ALERT_DISK_FREE_PERCENT: decimal(10, 0, 100),
  ALERT_MAX_CONNECTIONS: int(1000, 0),
  ALERT_WEBHOOK_URL: urlOrEmpty('https://hooks.slack.com/services/…').refine((value) => value === '' || !/^https?:\/\/[^/]*@/.test(value), {
    message: 'must not carry a user or password before the host (put the key in the path, as Slack-compatible webhooks do)',
  }),
  SMTP_HOST: z.string().default(''),
  SMTP_PORT: int(587, 1, 65535),
  // true: TLS from the first byte (port 465); false: STARTTLS when the server offers it (587, 25).
  SMTP_SECURE: bool(false),
  SMTP_USER: z.string().default(''),
  SMTP_PASSWORD: z.string().default(''),
  SMTP_FROM: z
    .string()
    .default('')
    .refine((value) => value === '' || EMAIL.test(/<([^>]*)>\s*$/.exec(value)?.[1] ?? value.trim()), {
      message: 'must be an e-mail address, optionally with a name: HoliBot <alerts@example.com>',
    }),
  PUBLIC_URL: urlOrEmpty('https://holibot.example.com'),
  USER_TOKEN_SECRET: z
    .string()
    .default('')
    .refine((value) => value === '' || value.length >= 32, { message: 'must be at least 32 characters (HS256 key)' }),
  USER_TOKEN_MAX_AGE_S: int(604800, 60, 366 * 86400),
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_WINDOW_MS: int(60000, 1000),
  RATE_LIMIT_MAX_REQUESTS: int(30, 1),
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine(isTrustProxy, { message: 'must be true, false, a hop count, or addresses/subnets such as loopback, 10.0.0.0/8' }),
  CORS_ORIGIN: z
    .string()
    .default('')
    .refine(
      (value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
          .every((origin) => origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin)),
      { message: 'must be a comma-separated list of origins like https://www.example.com (no path), or *' },
    ),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, { message: 'must be a size like 16kb' })
    .default('16kb'),
  HTTP_REQUEST_TIMEOUT_MS: int(10000, 1000, 600000),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug'], { message: 'must be error, warn, info, http or debug' }).default('info'),
  LOG_DIR: z.string().min(1).default('logs'),
  LOG_FILES_ENABLED: bool(true),
  LOG_MAX_SIZE: z
    .string()
    .regex(/^\d+[kmg]$/i, { message: 'must be a size like 20m (k, m or g)' })
    .default('20m')
    .transform((size) => size.toLowerCase()),
  TZ: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Madrid' }).default('Europe/Madrid'),
  DESTINATION_NAME: z.string().min(1).max(100).default('Calpe'),
  // Other names visitors give the catalogue's towns: "Jávea=Xàbia, Alicante=Alacant".
  DESTINATION_ALIASES: z
    .string()
    .default('')
    .transform((value, context) => {
      const pairs = value
        .split(/[,;]/)
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => pair.split('=').map((side) => side.trim()));
      if (pairs.some((pair) => pair.length !== 2 || !pair[0] || !pair[1])) {
        context.addIssue({ code: 'custom', message: 'must be alias=town pairs separated by commas, such as Jávea=Xàbia, Alicante=Alacant' });
      }
      return pairs.filter((pair) => pair.length === 2) as Array<[alias: string, town: string]>;
    }),
  DESTINATION_COUNTRY: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code such as es' })
    .default('es')
    .transform((c) => c.toLowerCase()),
  // Default: the sample catalogue outside production (resolved in fromEnv), none in production.
  POI_AUTOLOAD_FILE: z
    .string()
    .optional()
    .refine((file) => !file || existsSync(file), { message: 'no such file' }),
  POI_RELOAD_INTERVAL_MS: int(60000, 0),
  // A destination's additions to the OSM tag → subcategory table (see readTaxonomyFile).
  POI_TAXONOMY_FILE: z
    .string()
    .default('')
    .transform((file, context) => {
      if (!file.trim()) return {};
      const extension = readTaxonomyFile(file.trim());
      if (typeof extension === 'string') context.addIssue({ code: 'custom', message: extension });
      return typeof extension === 'string' ? {} : extension;
    }),
  CHAT_MAX_RESULTS: int(5, 1, 20),
  MISTRAL_API_KEY: z.string().default(''),
  MISTRAL_MODEL: z.string().min(1).default('mistral-small-latest'),
  MISTRAL_API_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^\s]+$/.test(value), { message: 'must be an http(s) URL such as https://api.mistral.ai' }),
  MISTRAL_TIMEOUT_MS: int(10000, 500, 120000),
  MISTRAL_MAX_TOKENS: int(600, 16, 32000),
  // USD per million tokens for the usage report's cost estimate: Mistral's published price of
  // mistral-small-latest (Mistral Small 3.2) in 2025. Set them to the price of your model and contract.
  MISTRAL_PRICE_INPUT_PER_M: decimal(0.1, 0, 1000),
  MISTRAL_PRICE_OUTPUT_PER_M: decimal(0.3, 0, 1000),
  REPORT_RETENTION_DAYS: int(400, 1, 3650),
  WS_MAX_CONNECTIONS: int(5000, 1),
  WS_MAX_CONNECTIONS_PER_IP: int(20, 1),
  WS_IDLE_TIMEOUT_MS: int(30000, 0),
  WS_HEARTBEAT_INTERVAL_MS: int(30000, 100),
  // Tests only: the instant the Clock returns, so that spawned servers answer "open now" exactly.
  HOLIBOT_FIXED_NOW: z
    .string()
    .optional()
    .refine((value) => value === undefined || (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))), {
      message: 'must be an ISO 8601 instant such as 2026-06-02T11:00:00Z',
    }),
});

export type Env = z.infer<typeof ENV_SCHEMA>;

/** Never shown in an error message, a log line or the admin's config view (GET /api/v1/admin/config: set / not set). */
export const SECRETS: ReadonlySet<string> = new Set([
  'DB_PASSWORD',
  'USER_TOKEN_SECRET',
  'MISTRAL_API_KEY',
  'BACKUP_ENCRYPTION_KEY',
  'METRICS_TOKEN',
  'SMTP_PASSWORD',
  'ALERT_WEBHOOK_URL',
  'ADMIN_SESSION_SECRET',
  'REDIS_URL',
]);
export type TrustProxy = boolean | number | string;

export class ConfigError extends DomainError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** HoliBot's configuration: read once, validated, then injected typed. */
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly migrateOnStart: boolean;
  /** DB_REPLICA_HOSTS: read replicas (MySQL only) for reports and admin reads; empty: the primary serves them. */
  readonly replicas: ReadonlyArray<{ host: string; port: number }>;
  /** REDIS_URL, or null: one process's state in memory, locks in the database. */
  readonly redisUrl: string | null;
  /** REDIS_TLS_CA_FILE and the certificates it holds, or null: rediss:// trusts Node's public CAs. */
  readonly redisTlsCa: { file: string; pem: string } | null;
  /** REDIS_KEY_PREFIX, or null: holibot:<database name>. */
  readonly redisKeyPrefix: string | null;
  /** HOLIBOT_INSTANCES: how many processes the operator says serve this destination. */
  readonly instances: number;
  readonly sessionExpiryHours: number;
  /** The built-in cleanup job (`enabled`, `cron`, `batchSize`) and the weekly statistics (`statsCron`); times in `timeZone`. */
  readonly cleanup: { enabled: boolean; cron: string; batchSize: number; statsCron: string };
  /** Backups: `encryptionKey` null means unencrypted files. */
  readonly backup: { enabled: boolean; intervalHours: number; dir: string; retentionDays: number; encryptionKey: string | null };
  /** `enabled` false: nothing recorded or served. `/metrics`: `token` null = off on the main port; `port` null = no listener of its own. */
  /** The admin sign-in: the cookie's signing secret (null: generated outside production) and session lifetimes. */
  readonly admin: { sessionSecret: string | null; idleMinutes: number; maxHours: number };
  /** The widget registry: where published versions are stored, and a version pinned at start. */
  readonly widget: { storeDir: string; pinnedVersion: string | null };
  readonly metrics: { enabled: boolean; token: string | null; port: number | null; host: string };
  /** The built-in alert checks (ALERT_*): thresholds in the unit their variable names. */
  readonly alerts: {
    enabled: boolean;
    recipients: string[];
    checkIntervalMs: number;
    windowSeconds: number;
    repeatMinutes: number;
    webhookUrl: string | null;
    thresholds: {
      responseTimeMs: number;
      errorRatePercent: number;
      minRequests: number;
      memoryPercent: number;
      cpuPercent: number;
      diskFreePercent: number;
      maxConnections: number;
    };
  };
  /** The SMTP server alert and report mails go through, or null: no mail. */
  readonly smtp: { host: string; port: number; secure: boolean; user: string | null; password: string | null; from: string } | null;
  /** Where operators reach this HoliBot (links in alert mails), without a trailing slash; null: not set. */
  readonly publicUrl: string | null;
  readonly userTokenSecret: string | null;
  /** Furthest a user token's `exp` may lie ahead, in seconds. */
  readonly userTokenMaxAgeS: number;
  readonly rateLimit: { enabled: boolean; windowMs: number; maxRequests: number };
  readonly trustProxy: TrustProxy;
  readonly corsOrigins: string[];
  /** BODY_LIMIT in bytes. */
  readonly bodyLimitBytes: number;
  readonly http: { requestTimeoutMs: number };
  readonly log: { level: Env['LOG_LEVEL']; dir: string; filesEnabled: boolean; maxSize: string };
  readonly timeZone: string;
  /** How the bot names the destination in its answers. */
  readonly destinationName: string;
  /** DESTINATION_ALIASES: [alias, town as the catalogue writes it] pairs. */
  readonly destinationAliases: ReadonlyArray<readonly [alias: string, town: string]>;
  /** ISO country of the destination: public holidays (PH) in opening hours. */
  readonly countryCode: string;
  readonly poiAutoloadFile: string | null;
  /** POI_TAXONOMY_FILE's additions: subcategory label → `key=value` tags ({} without the file). */
  readonly poiTaxonomy: Readonly<Record<string, readonly string[]>>;
  readonly poiReloadIntervalMs: number;
  readonly chatMaxResults: number;
  /** The gaps and usage reports: how long their rows are kept, and the LLM prices (USD per million tokens) of the cost estimate. */
  readonly reports: { retentionDays: number; priceInputPerM: number; priceOutputPerM: number; pricedModel: string };
  /** The Mistral engine, or null: the built-in engine answers alone. */
  readonly mistral: { apiKey: string; model: string; serverUrl: string | null; timeoutMs: number; maxTokens: number } | null;
  /** `idleTimeoutMs`: a connection that has sent no frame by then is closed (0: never). */
  readonly ws: { maxConnections: number; maxConnectionsPerIp: number; heartbeatIntervalMs: number; idleTimeoutMs: number };
  /** HOLIBOT_FIXED_NOW: the Clock stands still here (NODE_ENV=test only), or null: real time. */
  readonly fixedNow: Date | null;

  constructor(env: Env) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.database =
      env.DB_TYPE === 'sqlite'
        ? { type: 'sqlite', sqlitePath: env.DB_SQLITE_PATH }
        : {
            type: 'mysql',
            host: env.DB_HOST,
            port: env.DB_PORT,
            user: env.DB_USER,
            password: env.DB_PASSWORD,
            name: env.DB_NAME,
            poolSize: env.DB_POOL_SIZE,
            queryTimeoutMs: env.DB_QUERY_TIMEOUT_MS,
            ...(env.DB_REPLICA_HOSTS.trim() ? { replicas: parseHostList(env.DB_REPLICA_HOSTS, env.DB_PORT) } : {}),
          };
    this.migrateOnStart = env.DB_MIGRATE_ON_START;
    this.replicas = parseHostList(env.DB_REPLICA_HOSTS, env.DB_PORT);
    this.redisUrl = env.REDIS_URL || null;
    this.redisTlsCa = env.REDIS_TLS_CA_FILE;
    this.redisKeyPrefix = env.REDIS_KEY_PREFIX || null;
    this.instances = env.HOLIBOT_INSTANCES;
    this.sessionExpiryHours = env.SESSION_EXPIRY_HOURS;
    this.cleanup = {
      enabled: env.SESSION_CLEANUP_ENABLED,
      cron: env.SESSION_CLEANUP_CRON,
      batchSize: env.SESSION_CLEANUP_BATCH,
      statsCron: env.SESSION_STATS_CRON,
    };
    this.backup = {
      enabled: env.BACKUP_ENABLED,
      intervalHours: env.BACKUP_INTERVAL_HOURS,
      dir: env.BACKUP_DIR,
      retentionDays: env.BACKUP_RETENTION_DAYS,
      encryptionKey: env.BACKUP_ENCRYPTION_KEY || null,
    };
    this.admin = { sessionSecret: env.ADMIN_SESSION_SECRET || null, idleMinutes: env.ADMIN_SESSION_IDLE_MINUTES, maxHours: env.ADMIN_SESSION_MAX_HOURS };
    this.widget = { storeDir: env.WIDGET_STORE_DIR, pinnedVersion: env.WIDGET_VERSION === '' ? null : semverValid(env.WIDGET_VERSION) };
    this.metrics = {
      enabled: env.METRICS_ENABLED,
      token: env.METRICS_TOKEN || null,
      port: env.METRICS_PORT.trim() === '' ? null : Number(env.METRICS_PORT),
      host: env.METRICS_HOST,
    };
    this.alerts = {
      enabled: env.ALERTS_ENABLED,
      recipients: splitList(env.ALERT_RECIPIENTS),
      checkIntervalMs: env.ALERT_CHECK_INTERVAL,
      windowSeconds: env.ALERT_WINDOW_SECONDS,
      repeatMinutes: env.ALERT_REPEAT_MINUTES,
      webhookUrl: env.ALERT_WEBHOOK_URL || null,
      thresholds: {
        responseTimeMs: env.ALERT_RESPONSE_TIME_MS,
        errorRatePercent: env.ALERT_ERROR_RATE_PERCENT,
        minRequests: env.ALERT_MIN_REQUESTS,
        memoryPercent: env.ALERT_MEMORY_PERCENT,
        cpuPercent: env.ALERT_CPU_PERCENT,
        diskFreePercent: env.ALERT_DISK_FREE_PERCENT,
        maxConnections: env.ALERT_MAX_CONNECTIONS,
      },
    };
    this.smtp = env.SMTP_HOST.trim()
      ? {
          host: env.SMTP_HOST.trim(),
          port: env.SMTP_PORT,
          secure: env.SMTP_SECURE,
          user: env.SMTP_USER || null,
          password: env.SMTP_PASSWORD || null,
          // The account's own address is what most SMTP servers accept as the sender.
          from: env.SMTP_FROM.trim() || (EMAIL.test(env.SMTP_USER) ? `HoliBot <${env.SMTP_USER}>` : `HoliBot <holibot@${hostname()}>`),
        }
      : null;
    this.publicUrl = env.PUBLIC_URL.replace(/\/+$/, '') || null;
    this.userTokenSecret = env.USER_TOKEN_SECRET || null;
    this.userTokenMaxAgeS = env.USER_TOKEN_MAX_AGE_S;
    this.rateLimit = {
      enabled: env.RATE_LIMIT_ENABLED,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
      maxRequests: env.RATE_LIMIT_MAX_REQUESTS,
    };
    this.trustProxy = parseTrustProxy(env.TRUST_PROXY);
    this.corsOrigins = env.CORS_ORIGIN.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    this.bodyLimitBytes = parseSize(env.BODY_LIMIT);
    this.http = { requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS };
    this.log = { level: env.LOG_LEVEL, dir: env.LOG_DIR, filesEnabled: env.LOG_FILES_ENABLED, maxSize: env.LOG_MAX_SIZE };
    this.timeZone = env.TZ;
    this.destinationName = env.DESTINATION_NAME;
    this.destinationAliases = env.DESTINATION_ALIASES;
    this.countryCode = env.DESTINATION_COUNTRY;
    this.poiAutoloadFile =
      env.POI_AUTOLOAD_FILE === undefined ? (env.NODE_ENV === 'production' ? null : SAMPLE_CATALOGUE) : env.POI_AUTOLOAD_FILE.trim() || null;
    this.poiReloadIntervalMs = env.POI_RELOAD_INTERVAL_MS;
    this.poiTaxonomy = env.POI_TAXONOMY_FILE;
    this.chatMaxResults = env.CHAT_MAX_RESULTS;
    this.reports = {
      retentionDays: env.REPORT_RETENTION_DAYS,
      priceInputPerM: env.MISTRAL_PRICE_INPUT_PER_M,
      priceOutputPerM: env.MISTRAL_PRICE_OUTPUT_PER_M,
      // The prices are those of the configured model (with or without MISTRAL_API_KEY: reports read history).
      pricedModel: env.MISTRAL_MODEL,
    };
    this.mistral = env.MISTRAL_API_KEY
      ? {
          apiKey: env.MISTRAL_API_KEY,
          model: env.MISTRAL_MODEL,
          serverUrl: env.MISTRAL_API_URL.replace(/\/+$/, '') || null,
          timeoutMs: env.MISTRAL_TIMEOUT_MS,
          maxTokens: env.MISTRAL_MAX_TOKENS,
        }
      : null;
    this.ws = {
      maxConnections: env.WS_MAX_CONNECTIONS,
      maxConnectionsPerIp: env.WS_MAX_CONNECTIONS_PER_IP,
      heartbeatIntervalMs: env.WS_HEARTBEAT_INTERVAL_MS,
      idleTimeoutMs: env.WS_IDLE_TIMEOUT_MS,
    };
    this.fixedNow = env.HOLIBOT_FIXED_NOW ? new Date(env.HOLIBOT_FIXED_NOW) : null;
  }

  /** Validates a set of variables; unknown variables are ignored, empty strings count as unset. */
  static fromEnv(source: Record<string, string | undefined>): AppConfig {
    const relevant: Record<string, string> = {};
    for (const key of Object.keys(ENV_SCHEMA.shape)) {
      const value = source[key];
      // An empty (or blank) value means "default", except where empty is meaningful.
      if (value !== undefined && (value.trim() !== '' || key === 'DB_PASSWORD' || key === 'POI_AUTOLOAD_FILE')) {
        relevant[key] = value;
      }
    }
    const parsed = ENV_SCHEMA.safeParse(relevant);
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((issue) => {
          const name = String(issue.path[0] ?? 'environment');
          const shown = SECRETS.has(name) ? '(hidden)' : JSON.stringify(relevant[name]);
          return `${name}=${shown}: ${issue.message}`;
        }),
      );
    }
    // Refused rather than ignored: a stopped clock in production would be a silent, wrong answer.
    if (parsed.data.HOLIBOT_FIXED_NOW && parsed.data.NODE_ENV !== 'test') {
      throw new ConfigError([`HOLIBOT_FIXED_NOW=${JSON.stringify(relevant['HOLIBOT_FIXED_NOW'])}: only allowed with NODE_ENV=test`]);
    }
    const config = new AppConfig(parsed.data);
    const problems = crossChecks(config);
    if (problems.length) throw new ConfigError(problems);
    return config;
  }

  /** The process's configuration: `.env` (when present) under the real environment. */
  static fromProcess(envFile = '.env'): AppConfig {
    if (existsSync(envFile)) loadDotenv({ path: envFile, quiet: true });
    return AppConfig.fromEnv(process.env);
  }
}

/** Settings that are valid one by one but not together. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.replicas.length > 0 && config.database.type !== 'mysql') {
    problems.push('DB_REPLICA_HOSTS is set but DB_TYPE is not mysql: read replicas are MySQL/MariaDB servers');
  }
  for (const replica of config.replicas) {
    if (replica.port < 1 || replica.port > 65535) problems.push(`DB_REPLICA_HOSTS: ${replica.host}:${replica.port}: the port must be 1 to 65535`);
  }
  if (config.redisTlsCa && !config.redisUrl?.startsWith('rediss://')) {
    problems.push('REDIS_TLS_CA_FILE is set but REDIS_URL is not a rediss:// URL: the CA is only used to verify a Redis served over TLS');
  }
  const { metrics } = config;
  if (metrics.port !== null && metrics.port !== 0 && metrics.port === config.port) {
    problems.push(`METRICS_PORT=${metrics.port}: must differ from PORT (the metrics listener is a server of its own)`);
  }
  if (!metrics.enabled && (metrics.token !== null || metrics.port !== null)) {
    problems.push('METRICS_ENABLED=false: METRICS_TOKEN and METRICS_PORT serve metrics that are not recorded; unset them or enable metrics');
  }
  const { alerts, smtp } = config;
  if (alerts.enabled && !metrics.enabled) {
    problems.push('ALERTS_ENABLED=true needs METRICS_ENABLED=true: the alert rules read the metrics');
  }
  if (alerts.recipients.length > 0 && !smtp) {
    problems.push('ALERT_RECIPIENTS is set but SMTP_HOST is not: alert mail needs an SMTP server (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD)');
  }
  if (smtp && alerts.recipients.length === 0) {
    problems.push(`SMTP_HOST=${JSON.stringify(smtp.host)} is set but ALERT_RECIPIENTS is empty: nobody would get the alert and report mails`);
  }
  if (smtp && (smtp.user === null) !== (smtp.password === null)) {
    problems.push('SMTP_USER and SMTP_PASSWORD: set both (the server asks for a login) or neither');
  }
  if (alerts.enabled && alerts.recipients.length === 0 && !alerts.webhookUrl) {
    problems.push('ALERTS_ENABLED=true but no channel is configured: set SMTP_HOST and ALERT_RECIPIENTS (e-mail), or ALERT_WEBHOOK_URL');
  }
  return problems;
}

/** 'db1:3307, [::1], db2' → hosts and ports (DB_PORT where none is given). */
function parseHostList(value: string, defaultPort: number): Array<{ host: string; port: number }> {
  return splitList(value).map((entry) => {
    const [, bracketed, plain, port] = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(entry)!;
    return { host: (bracketed ?? plain)!, port: port ? Number(port) : defaultPort };
  });
}

/** 'a@x.org, b@y.org' → ['a@x.org', 'b@y.org']; blanks dropped. */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** '16kb' → 16384 (the units BODY_LIMIT allows; k and m are 1024-based, as Express read them). */
function parseSize(value: string): number {
  const [, digits, unit] = /^(\d+)(b|kb|mb)$/i.exec(value)!;
  return Number(digits) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit!.toLowerCase() as 'b' | 'kb' | 'mb'];
}

function parseTrustProxy(value: string): TrustProxy {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed; // 'loopback', '10.0.0.0/8, 127.0.0.1', … as proxy-addr (Fastify, Express) understands it
}

const SUBCATEGORY_LABELS = POI_SUBCATEGORIES.map((subcategory) => subcategory.label as string);

/** A CA file's PEM text, or why it cannot be used (Node would skip a damaged certificate silently: then every connection is refused). */
function readCaFile(file: string): string | { error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { error: 'holds no PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)' };
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return { error: `certificate ${index + 1} of ${blocks.length} is damaged (${(error as Error).message})` };
    }
  }
  return text;
}

/**
 * POI_TAXONOMY_FILE: a JSON object of subcategory label → OSM tags it adds, such as
 * {"Diving": ["sport=freediving"], "Hiking": ["route=foot"]}. The extension, or what is wrong with it.
 */
function readTaxonomyFile(file: string): Record<string, string[]> | string {
  let extension: unknown;
  try {
    extension = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return `cannot read it as JSON: ${(error as Error).message}`;
  }
  if (typeof extension !== 'object' || extension === null || Array.isArray(extension)) {
    return 'must be a JSON object of subcategory → ["key=value", …], e.g. {"Diving": ["sport=freediving"]}';
  }
  for (const [label, tags] of Object.entries(extension)) {
    if (!SUBCATEGORY_LABELS.includes(label)) return `"${label}" is not a subcategory (known: ${SUBCATEGORY_LABELS.join(', ')})`;
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || !/^[a-z_:]+=[^=;\s]+$/.test(tag))) {
      return `"${label}": expected an array of "key=value" tags such as "sport=freediving"`;
    }
  }
  return extension as Record<string, string[]>;
}
