import { CONFIG_SECRET_NOT_SET, CONFIG_SECRET_SET, type ConfigArea, type ConfigAreaKey, type ConfigData } from '@holibot/contracts';
import { redactedUrl } from '../common/redacted-url.js';
import { redisKeyPrefix } from '../redis/index.js';
import { type AppConfig, SECRETS } from '../config/app-config.js';

/** Secrets that are URLs whose credentials are the secret part: shown with the password (and any query value) as ***. */
const URL_SECRETS = new Set(['REDIS_URL']);

type Value = string | number | boolean | null | undefined;
type Entries = Array<[name: string, value: Value]>;

/**
 * The admin UI's Settings page (GET /api/v1/admin/config): the effective settings of the running
 * server, read from AppConfig (what the server runs with, defaults included, not the raw
 * environment), grouped by area. Every name in SECRETS goes through `shown()`, whatever area
 * lists it: a secret is only ever 'set' or 'not set' (REDIS_URL: its URL with the password as ***).
 */
export function configView(config: AppConfig): ConfigData {
  const { database: db, mistral, smtp, alerts, metrics } = config;
  const areas: Record<ConfigAreaKey, Entries> = {
    server: [
      ['NODE_ENV', config.nodeEnv],
      ['HOST', config.host],
      ['PORT', config.port],
      ['PUBLIC_URL', config.publicUrl],
      ['TRUST_PROXY', String(config.trustProxy)],
      ['CORS_ORIGIN', config.corsOrigins.join(', ')],
      ['BODY_LIMIT', size(config.bodyLimitBytes)],
      ['HTTP_REQUEST_TIMEOUT_MS', config.http.requestTimeoutMs],
      ['HOLIBOT_INSTANCES', config.instances],
      ['REDIS_URL', config.redisUrl],
      ['REDIS_TLS_CA_FILE', config.redisTlsCa?.file ?? null],
      ['REDIS_KEY_PREFIX', config.redisKeyPrefix ?? `${redisKeyPrefix(config)} (default)`],
      ...(config.fixedNow ? ([['HOLIBOT_FIXED_NOW', config.fixedNow.toISOString()]] as Entries) : []),
    ],
    database:
      db.type === 'sqlite'
        ? [
            ['DB_TYPE', 'sqlite'],
            ['DB_SQLITE_PATH', db.sqlitePath],
            ['DB_MIGRATE_ON_START', config.migrateOnStart],
          ]
        : [
            ['DB_TYPE', 'mysql'],
            ['DB_HOST', db.host],
            ['DB_PORT', db.port],
            ['DB_USER', db.user],
            ['DB_PASSWORD', db.password],
            ['DB_NAME', db.name],
            ['DB_POOL_SIZE', db.poolSize],
            ['DB_QUERY_TIMEOUT_MS', db.queryTimeoutMs],
            ['DB_REPLICA_HOSTS', config.replicas.map((replica) => `${replica.host}:${replica.port}`).join(', ')],
            ['DB_MIGRATE_ON_START', config.migrateOnStart],
          ],
    chat: [
      ['DESTINATION_NAME', config.destinationName],
      ['DESTINATION_ALIASES', config.destinationAliases.map(([alias, town]) => `${alias}=${town}`).join(', ')],
      ['DESTINATION_COUNTRY', config.countryCode],
      ['TZ', config.timeZone],
      ['CHAT_MAX_RESULTS', config.chatMaxResults],
      ['SESSION_EXPIRY_HOURS', config.sessionExpiryHours],
      ['USER_TOKEN_SECRET', config.userTokenSecret],
      ['USER_TOKEN_MAX_AGE_S', config.userTokenMaxAgeS],
      ['RATE_LIMIT_ENABLED', config.rateLimit.enabled],
      ['RATE_LIMIT_WINDOW_MS', config.rateLimit.windowMs],
      ['RATE_LIMIT_MAX_REQUESTS', config.rateLimit.maxRequests],
    ],
    // Without MISTRAL_API_KEY the built-in engine answers alone: the Mistral settings have no effect, but the prices still price the reports.
    mistral: [
      ['MISTRAL_API_KEY', mistral?.apiKey],
      ['MISTRAL_MODEL', mistral?.model ?? config.reports.pricedModel],
      ...(mistral
        ? ([
            ['MISTRAL_API_URL', mistral.serverUrl],
            ['MISTRAL_TIMEOUT_MS', mistral.timeoutMs],
            ['MISTRAL_MAX_TOKENS', mistral.maxTokens],
          ] as Entries)
        : []),
      ['MISTRAL_PRICE_INPUT_PER_M', config.reports.priceInputPerM],
      ['MISTRAL_PRICE_OUTPUT_PER_M', config.reports.priceOutputPerM],
    ],
    catalogue: [
      ['POI_AUTOLOAD_FILE', config.poiAutoloadFile],
      ['POI_RELOAD_INTERVAL_MS', config.poiReloadIntervalMs],
      // The file's additions as the server read them: the subcategories it extends.
      ['POI_TAXONOMY_FILE', Object.keys(config.poiTaxonomy).join(', ')],
    ],
    websocket: [
      ['WS_MAX_CONNECTIONS', config.ws.maxConnections],
      ['WS_MAX_CONNECTIONS_PER_IP', config.ws.maxConnectionsPerIp],
      ['WS_IDLE_TIMEOUT_MS', config.ws.idleTimeoutMs],
      ['WS_HEARTBEAT_INTERVAL_MS', config.ws.heartbeatIntervalMs],
    ],
    cleanup: [
      ['SESSION_CLEANUP_ENABLED', config.cleanup.enabled],
      ['SESSION_CLEANUP_CRON', config.cleanup.cron],
      ['SESSION_CLEANUP_BATCH', config.cleanup.batchSize],
      ['SESSION_STATS_CRON', config.cleanup.statsCron],
      ['REPORT_RETENTION_DAYS', config.reports.retentionDays],
    ],
    backups: [
      ['BACKUP_ENABLED', config.backup.enabled],
      ['BACKUP_INTERVAL_HOURS', config.backup.intervalHours],
      ['BACKUP_DIR', config.backup.dir],
      ['BACKUP_RETENTION_DAYS', config.backup.retentionDays],
      ['BACKUP_ENCRYPTION_KEY', config.backup.encryptionKey],
    ],
    widget: [
      ['WIDGET_STORE_DIR', config.widget.storeDir],
      ['WIDGET_VERSION', config.widget.pinnedVersion],
    ],
    admin: [
      ['ADMIN_SESSION_SECRET', config.admin.sessionSecret],
      ['ADMIN_SESSION_IDLE_MINUTES', config.admin.idleMinutes],
      ['ADMIN_SESSION_MAX_HOURS', config.admin.maxHours],
    ],
    metrics: [
      ['METRICS_ENABLED', metrics.enabled],
      ['METRICS_TOKEN', metrics.token],
      ['METRICS_PORT', metrics.port],
      ['METRICS_HOST', metrics.host],
    ],
    alerts: [
      ['ALERTS_ENABLED', alerts.enabled],
      ['ALERT_RECIPIENTS', alerts.recipients.join(', ')],
      ['ALERT_WEBHOOK_URL', alerts.webhookUrl],
      ['ALERT_CHECK_INTERVAL', alerts.checkIntervalMs],
      ['ALERT_WINDOW_SECONDS', alerts.windowSeconds],
      ['ALERT_REPEAT_MINUTES', alerts.repeatMinutes],
      ['ALERT_RESPONSE_TIME_MS', alerts.thresholds.responseTimeMs],
      ['ALERT_ERROR_RATE_PERCENT', alerts.thresholds.errorRatePercent],
      ['ALERT_MIN_REQUESTS', alerts.thresholds.minRequests],
      ['ALERT_MEMORY_PERCENT', alerts.thresholds.memoryPercent],
      ['ALERT_CPU_PERCENT', alerts.thresholds.cpuPercent],
      ['ALERT_DISK_FREE_PERCENT', alerts.thresholds.diskFreePercent],
      ['ALERT_MAX_CONNECTIONS', alerts.thresholds.maxConnections],
    ],
    // Without SMTP_HOST no mail is sent: the other SMTP settings have no effect.
    mail: smtp
      ? [
          ['SMTP_HOST', smtp.host],
          ['SMTP_PORT', smtp.port],
          ['SMTP_SECURE', smtp.secure],
          ['SMTP_USER', smtp.user],
          ['SMTP_PASSWORD', smtp.password],
          ['SMTP_FROM', smtp.from],
        ]
      : [
          ['SMTP_HOST', null],
          ['SMTP_PASSWORD', null],
        ],
    logs: [
      ['LOG_LEVEL', config.log.level],
      ['LOG_DIR', config.log.dir],
      ['LOG_FILES_ENABLED', config.log.filesEnabled],
      ['LOG_MAX_SIZE', config.log.maxSize],
    ],
  };
  return {
    areas: (Object.entries(areas) as Array<[ConfigAreaKey, Entries]>).map(([area, entries]): ConfigArea => ({
      area,
      settings: entries.map(([name, value]) => ({ name, value: shown(name, value), secret: SECRETS.has(name) })),
    })),
  };
}

/** A setting as the view shows it: a secret as set / not set (REDIS_URL without its password), anything else as text. */
export function shown(name: string, value: Value): string {
  const text = value === null || value === undefined ? '' : String(value);
  if (!SECRETS.has(name)) return text;
  if (text === '') return CONFIG_SECRET_NOT_SET;
  return URL_SECRETS.has(name) ? (redactedUrl(text) ?? CONFIG_SECRET_SET) : CONFIG_SECRET_SET;
}

/** BODY_LIMIT as it is written: 16kb, 1mb, 500b. */
function size(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}mb`;
  if (bytes % 1024 === 0) return `${bytes / 1024}kb`;
  return `${bytes}b`;
}
