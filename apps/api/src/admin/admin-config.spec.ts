import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_AREAS, type ConfigData } from '@holibot/contracts';
import { AppConfig, ENV_SCHEMA, SAMPLE_CATALOGUE, SECRETS } from '../config/app-config.js';
import { configView, shown } from './admin-config.js';

/** Every secret with a value that nothing else in the configuration contains. */
const SECRET_VALUES: Record<string, string> = {
  DB_PASSWORD: 'dbpw-Kq7-unique-value',
  USER_TOKEN_SECRET: 'uts-Kq7-unique-value-at-least-32-characters',
  MISTRAL_API_KEY: 'mk-Kq7-unique-value',
  BACKUP_ENCRYPTION_KEY: 'bek-Kq7-unique-value',
  METRICS_TOKEN: 'mt-Kq7-unique-value',
  SMTP_PASSWORD: 'smtp-Kq7-unique-value',
  ALERT_WEBHOOK_URL: 'https://hooks.example.com/services/hook-Kq7-unique-value',
  ADMIN_SESSION_SECRET: 'ass-Kq7-unique-value-at-least-32-characters',
  REDIS_URL: 'redis://holibot:redispw-Kq7-unique-value@cache.internal:6379/0',
};

/** Every variable set, MySQL, Mistral and mail on: nothing in the view is left out for being off. */
function fullEnv(): Record<string, string> {
  const taxonomy = join(mkdtempSync(join(tmpdir(), 'holibot-config-view-')), 'taxonomy.json');
  writeFileSync(taxonomy, JSON.stringify({ Diving: ['sport=freediving'] }));
  return {
    ...SECRET_VALUES,
    NODE_ENV: 'test',
    PORT: '3100',
    HOST: '127.0.0.1',
    DB_TYPE: 'mysql',
    DB_HOST: 'db.internal',
    DB_PORT: '3307',
    DB_USER: 'holibot',
    DB_NAME: 'holibot_prod',
    DB_POOL_SIZE: '7',
    DB_QUERY_TIMEOUT_MS: '4000',
    DB_MIGRATE_ON_START: 'false',
    DB_REPLICA_HOSTS: 'replica-1:3308, replica-2',
    HOLIBOT_INSTANCES: '2',
    SESSION_EXPIRY_HOURS: '12',
    SESSION_CLEANUP_ENABLED: 'false',
    SESSION_CLEANUP_CRON: '0 4 * * *',
    SESSION_CLEANUP_BATCH: '100',
    SESSION_STATS_CRON: '0 8 * * 1',
    BACKUP_ENABLED: 'false',
    BACKUP_INTERVAL_HOURS: '6',
    BACKUP_DIR: '/var/backups/holibot',
    BACKUP_RETENTION_DAYS: '9',
    WIDGET_STORE_DIR: '/var/lib/holibot/widgets',
    ADMIN_SESSION_IDLE_MINUTES: '15',
    ADMIN_SESSION_MAX_HOURS: '8',
    WIDGET_VERSION: '1.2.3',
    METRICS_ENABLED: 'true',
    METRICS_PORT: '9464',
    METRICS_HOST: '0.0.0.0',
    ALERTS_ENABLED: 'true',
    ALERT_RECIPIENTS: 'ops@example.com, it@example.com',
    ALERT_CHECK_INTERVAL: '30000',
    ALERT_WINDOW_SECONDS: '120',
    ALERT_REPEAT_MINUTES: '30',
    ALERT_RESPONSE_TIME_MS: '1500',
    ALERT_ERROR_RATE_PERCENT: '2.5',
    ALERT_MIN_REQUESTS: '10',
    ALERT_MEMORY_PERCENT: '85',
    ALERT_CPU_PERCENT: '75',
    ALERT_DISK_FREE_PERCENT: '15',
    ALERT_MAX_CONNECTIONS: '500',
    SMTP_HOST: 'smtp.example.com',
    SMTP_PORT: '465',
    SMTP_SECURE: 'true',
    SMTP_USER: 'alerts@example.com',
    SMTP_FROM: 'HoliBot <alerts@example.com>',
    PUBLIC_URL: 'https://holibot.example.com/',
    USER_TOKEN_MAX_AGE_S: '3600',
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_WINDOW_MS: '30000',
    RATE_LIMIT_MAX_REQUESTS: '20',
    TRUST_PROXY: 'loopback',
    CORS_ORIGIN: 'https://www.calpe.example, https://calpe.example',
    BODY_LIMIT: '32kb',
    HTTP_REQUEST_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'http',
    LOG_DIR: '/var/log/holibot',
    LOG_FILES_ENABLED: 'true',
    LOG_MAX_SIZE: '10m',
    TZ: 'Europe/Madrid',
    DESTINATION_NAME: 'Calpe',
    DESTINATION_ALIASES: 'Jávea=Xàbia',
    DESTINATION_COUNTRY: 'es',
    POI_AUTOLOAD_FILE: SAMPLE_CATALOGUE,
    POI_RELOAD_INTERVAL_MS: '0',
    POI_TAXONOMY_FILE: taxonomy,
    CHAT_MAX_RESULTS: '6',
    MISTRAL_MODEL: 'mistral-medium-latest',
    MISTRAL_API_URL: 'https://mistral.internal/',
    MISTRAL_TIMEOUT_MS: '8000',
    MISTRAL_MAX_TOKENS: '500',
    MISTRAL_PRICE_INPUT_PER_M: '0.4',
    MISTRAL_PRICE_OUTPUT_PER_M: '2',
    REPORT_RETENTION_DAYS: '200',
    WS_MAX_CONNECTIONS: '100',
    WS_MAX_CONNECTIONS_PER_IP: '5',
    WS_IDLE_TIMEOUT_MS: '10000',
    WS_HEARTBEAT_INTERVAL_MS: '20000',
    HOLIBOT_FIXED_NOW: '2026-06-02T11:00:00Z',
  };
}

const settings = (view: ConfigData) => view.areas.flatMap((area) => area.settings);
const value = (view: ConfigData, name: string) => settings(view).find((setting) => setting.name === name)?.value;

describe('the admin config view', () => {
  it("lists every variable once, in the contract's areas, with its effective value", () => {
    const env = fullEnv();
    const view = configView(AppConfig.fromEnv(env));
    expect(view.areas.map((area) => area.area)).toEqual([...CONFIG_AREAS]);
    const names = settings(view).map((setting) => setting.name);
    // All of them but DB_SQLITE_PATH, which a MySQL server does not use (the SQLite test below has it).
    expect([...names].sort()).toEqual(
      Object.keys(ENV_SCHEMA.shape)
        .filter((name) => name !== 'DB_SQLITE_PATH')
        .sort(),
    );
    expect(new Set(names).size).toBe(names.length);
    // Values as the server runs with them (parsed and normalised), not as written.
    expect(value(view, 'PUBLIC_URL')).toBe('https://holibot.example.com');
    expect(value(view, 'BODY_LIMIT')).toBe('32kb');
    expect(value(view, 'DB_REPLICA_HOSTS')).toBe('replica-1:3308, replica-2:3307');
    expect(value(view, 'SESSION_CLEANUP_ENABLED')).toBe('false');
    expect(value(view, 'ALERT_ERROR_RATE_PERCENT')).toBe('2.5');
    expect(value(view, 'POI_TAXONOMY_FILE')).toBe('Diving');
    expect(value(view, 'DESTINATION_ALIASES')).toBe('Jávea=Xàbia');
    expect(value(view, 'MISTRAL_API_URL')).toBe('https://mistral.internal');
    for (const setting of settings(view)) expect([setting.name, setting.secret]).toEqual([setting.name, SECRETS.has(setting.name)]);
  });

  it('shows every secret as "set" (REDIS_URL without its password), and no secret value anywhere', () => {
    const view = configView(AppConfig.fromEnv(fullEnv()));
    const secrets = Object.fromEntries(settings(view).flatMap((setting) => (setting.secret ? [[setting.name, setting.value]] : [])));
    expect(Object.keys(secrets).sort()).toEqual([...SECRETS].sort());
    expect(secrets).toEqual({
      DB_PASSWORD: 'set',
      USER_TOKEN_SECRET: 'set',
      MISTRAL_API_KEY: 'set',
      BACKUP_ENCRYPTION_KEY: 'set',
      METRICS_TOKEN: 'set',
      SMTP_PASSWORD: 'set',
      ALERT_WEBHOOK_URL: 'set',
      ADMIN_SESSION_SECRET: 'set',
      REDIS_URL: 'redis://holibot:***@cache.internal:6379/0',
    });
    const text = JSON.stringify(view);
    for (const secret of [...Object.values(SECRET_VALUES), 'redispw-Kq7-unique-value', 'hook-Kq7-unique-value']) expect(text).not.toContain(secret);
  });

  it('on the embedded defaults: every secret "not set"; only the settings in effect (SQLite, no Mistral, no mail)', () => {
    const view = configView(AppConfig.fromEnv({}));
    for (const setting of settings(view).filter((s) => s.secret)) expect([setting.name, setting.value]).toEqual([setting.name, 'not set']);
    const names = settings(view).map((setting) => setting.name);
    expect(names).toEqual(expect.arrayContaining(['DB_TYPE', 'DB_SQLITE_PATH', 'MISTRAL_API_KEY', 'SMTP_HOST', 'SMTP_PASSWORD', 'REDIS_URL']));
    for (const absent of ['DB_HOST', 'DB_PASSWORD', 'MISTRAL_API_URL', 'SMTP_USER', 'HOLIBOT_FIXED_NOW']) expect(names).not.toContain(absent);
    expect(value(view, 'DB_SQLITE_PATH')).toBe('data/holibot.sqlite');
    expect(value(view, 'METRICS_PORT')).toBe('');
  });

  it('shown(): a secret name is never shown as its value, whatever the value looks like', () => {
    expect(shown('DB_PASSWORD', 'http://:x@example.com')).toBe('set');
    expect(shown('ALERT_WEBHOOK_URL', 'https://hooks.example.com/T0/B0/key')).toBe('set');
    expect(shown('MISTRAL_API_KEY', '')).toBe('not set');
    expect(shown('MISTRAL_API_KEY', null)).toBe('not set');
    expect(shown('DB_USER', 'holibot')).toBe('holibot');
    expect(shown('PORT', 3002)).toBe('3002');
  });

  it.each([
    ['redis://:s3cret-pw@cache:6379/0', 'redis://:***@cache:6379/0'],
    ['rediss://user:s3cret-pw@[::1]:6380', 'rediss://user:***@[::1]:6380'],
    ['redis://s3cret-pw@cache:6379', 'redis://***@cache:6379'],
    ['redis://:p%40ss-word@cache/2?password=s3cret-pw&tls=yes#x', 'redis://:***@cache/2?password=***&tls=***'],
    ['redis://cache.internal:6379/0', 'redis://cache.internal:6379/0'],
    // The password would still show (it is also the port): only "set".
    ['redis://:6379@cache:6379', 'set'],
    ['not a url', 'set'],
  ])('shown(REDIS_URL=%s) → %s', (url, expected) => {
    expect(shown('REDIS_URL', url)).toBe(expected);
  });
});
