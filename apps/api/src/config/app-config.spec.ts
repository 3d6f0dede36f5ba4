import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { testCertificates } from '../../test/support/redis-server.js';
import { AppConfig, ConfigError, ENV_SCHEMA, SAMPLE_CATALOGUE } from './app-config.js';

describe('AppConfig', () => {
  it('has embedded defaults: SQLite, port 3002, 30 requests a minute', () => {
    const config = AppConfig.fromEnv({});
    expect(config.database).toEqual({ type: 'sqlite', sqlitePath: 'data/holibot.sqlite' });
    expect(config.port).toBe(3002);
    expect(config.rateLimit).toEqual({ enabled: true, windowMs: 60000, maxRequests: 30 });
    expect(config.sessionExpiryHours).toBe(24);
    expect(config.timeZone).toBe('Europe/Madrid');
    expect(config.userTokenSecret).toBeNull();
    expect(config.corsOrigins).toEqual([]);
  });

  it('reads an empty or blank value as the default (PORT=" " is not port 0)', () => {
    const config = AppConfig.fromEnv({ PORT: ' ', POI_RELOAD_INTERVAL_MS: '  ', RATE_LIMIT_MAX_REQUESTS: '' });
    expect(config.port).toBe(3002);
    expect(config.poiReloadIntervalMs).toBe(60000);
    expect(config.rateLimit.maxRequests).toBe(30);
  });

  it('reads MySQL settings with the seed names', () => {
    const config = AppConfig.fromEnv({ DB_TYPE: 'mysql', DB_HOST: 'db', DB_PORT: '3307', DB_USER: 'u', DB_PASSWORD: 'p', DB_NAME: 'pxoziy_db1' });
    expect(config.database).toEqual({
      type: 'mysql',
      host: 'db',
      port: 3307,
      user: 'u',
      password: 'p',
      name: 'pxoziy_db1',
      poolSize: 10,
      queryTimeoutMs: 5000,
    });
    expect(AppConfig.fromEnv({ DB_TYPE: 'mysql', DB_QUERY_TIMEOUT_MS: '1000' }).database).toMatchObject({ queryTimeoutMs: 1000 });
    expect(() => AppConfig.fromEnv({ DB_QUERY_TIMEOUT_MS: '50' })).toThrow(/DB_QUERY_TIMEOUT_MS="50": must be at least 100/);
  });

  it('names every bad variable, and never shows a secret', () => {
    let error: unknown;
    try {
      AppConfig.fromEnv({ PORT: 'abc', DB_TYPE: 'postgres', TZ: 'Mars/Base', USER_TOKEN_SECRET: 'short', CORS_ORIGIN: 'https://ok.example, not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT="abc"', 'DB_TYPE="postgres"', 'TZ="Mars/Base"', 'USER_TOKEN_SECRET=(hidden)', 'CORS_ORIGIN=']) expect(message).toContain(name);
    expect(message).not.toContain('short');
  });

  it('reads sizes and the HTTP request timeout', () => {
    expect(AppConfig.fromEnv({}).bodyLimitBytes).toBe(16 * 1024);
    expect(AppConfig.fromEnv({ BODY_LIMIT: '1mb' }).bodyLimitBytes).toBe(1024 * 1024);
    expect(AppConfig.fromEnv({ BODY_LIMIT: '500b' }).bodyLimitBytes).toBe(500);
    expect(AppConfig.fromEnv({}).http.requestTimeoutMs).toBe(10000);
    expect(AppConfig.fromEnv({}).log.maxSize).toBe('20m');
    expect(AppConfig.fromEnv({ LOG_MAX_SIZE: '512K' }).log.maxSize).toBe('512k');
    expect(() => AppConfig.fromEnv({ LOG_MAX_SIZE: '20 MB' })).toThrow(/LOG_MAX_SIZE="20 MB": must be a size like 20m/);
    expect(() => AppConfig.fromEnv({ HTTP_REQUEST_TIMEOUT_MS: '10' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS="10": must be at least 1000/);
  });

  it('parses TRUST_PROXY and CORS_ORIGIN lists', () => {
    expect(AppConfig.fromEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(AppConfig.fromEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(AppConfig.fromEnv({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(AppConfig.fromEnv({ CORS_ORIGIN: 'https://a.example, https://b.example' }).corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reads the settings of several instances: REDIS_URL (never shown), HOLIBOT_INSTANCES, DB_REPLICA_HOSTS', () => {
    const single = AppConfig.fromEnv({});
    expect([single.redisUrl, single.instances, single.replicas]).toEqual([null, 1, []]);
    const several = AppConfig.fromEnv({
      DB_TYPE: 'mysql',
      DB_PORT: '3307',
      REDIS_URL: 'rediss://:pw@redis.internal:6380/2',
      HOLIBOT_INSTANCES: '4',
      DB_REPLICA_HOSTS: 'replica-1, replica-2:3308, [fd00::5]:3309, 10.0.0.9',
    });
    expect(several.redisUrl).toBe('rediss://:pw@redis.internal:6380/2');
    expect(several.instances).toBe(4);
    const replicas = [
      { host: 'replica-1', port: 3307 },
      { host: 'replica-2', port: 3308 },
      { host: 'fd00::5', port: 3309 },
      { host: '10.0.0.9', port: 3307 },
    ];
    expect(several.replicas).toEqual(replicas);
    expect(several.database).toMatchObject({ type: 'mysql', replicas });
    expect(() => AppConfig.fromEnv({ REDIS_URL: 'http://user:hunter2@redis:6379' })).toThrow(/REDIS_URL=\(hidden\): must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => AppConfig.fromEnv({ REDIS_URL: 'http://user:hunter2@redis:6379' })).not.toThrow(/hunter2/);
    expect(() => AppConfig.fromEnv({ DB_REPLICA_HOSTS: 'replica-1' })).toThrow(/DB_REPLICA_HOSTS is set but DB_TYPE is not mysql/);
    expect(() => AppConfig.fromEnv({ DB_TYPE: 'mysql', DB_REPLICA_HOSTS: 'replica 1' })).toThrow(/DB_REPLICA_HOSTS="replica 1": must be host or host:port/);
    expect(() => AppConfig.fromEnv({ DB_TYPE: 'mysql', DB_REPLICA_HOSTS: 'replica:99999' })).toThrow(/the port must be 1 to 65535/);
    expect(() => AppConfig.fromEnv({ HOLIBOT_INSTANCES: '0' })).toThrow(/HOLIBOT_INSTANCES="0": must be at least 1/);
  });

  it('REDIS_TLS_CA_FILE: a readable PEM file, only with rediss://', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-ca-'));
    const { ca } = testCertificates(dir);
    const pem = readFileSync(ca, 'utf8');
    writeFileSync(join(dir, 'damaged.pem'), `${pem}-----BEGIN CERTIFICATE-----\nMIIBnotacertificate\n-----END CERTIFICATE-----\n`);
    writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    expect(AppConfig.fromEnv({}).redisTlsCa).toBeNull();
    const config = AppConfig.fromEnv({ REDIS_URL: 'rediss://:pw@redis.internal:6380/0', REDIS_TLS_CA_FILE: ca });
    expect(config.redisTlsCa).toEqual({ file: ca, pem });
    const tls = { REDIS_URL: 'rediss://redis.internal:6380' };
    expect(() => AppConfig.fromEnv({ ...tls, REDIS_TLS_CA_FILE: join(dir, 'missing.pem') })).toThrow(
      /REDIS_TLS_CA_FILE=".*missing\.pem": cannot read it \(ENOENT\)/,
    );
    expect(() => AppConfig.fromEnv({ ...tls, REDIS_TLS_CA_FILE: join(dir, 'key.pem') })).toThrow(/holds no PEM certificate/);
    expect(() => AppConfig.fromEnv({ ...tls, REDIS_TLS_CA_FILE: join(dir, 'damaged.pem') })).toThrow(/certificate 2 of 2 is damaged/);
    expect(() => AppConfig.fromEnv({ REDIS_URL: 'redis://redis.internal:6379', REDIS_TLS_CA_FILE: ca })).toThrow(
      /REDIS_TLS_CA_FILE is set but REDIS_URL is not a rediss:\/\/ URL/,
    );
    expect(() => AppConfig.fromEnv({ REDIS_TLS_CA_FILE: ca })).toThrow(/REDIS_TLS_CA_FILE is set but REDIS_URL is not a rediss:\/\/ URL/);
  });

  it('limits WebSocket slots per IP, idle connections and user-token lifetimes by default', () => {
    const config = AppConfig.fromEnv({});
    expect(config.ws).toEqual({ maxConnections: 5000, maxConnectionsPerIp: 20, heartbeatIntervalMs: 30000, idleTimeoutMs: 30000 });
    expect(config.userTokenMaxAgeS).toBe(604800);
    expect(AppConfig.fromEnv({ WS_IDLE_TIMEOUT_MS: '0' }).ws.idleTimeoutMs).toBe(0);
    expect(() => AppConfig.fromEnv({ WS_MAX_CONNECTIONS_PER_IP: '0' })).toThrow(/WS_MAX_CONNECTIONS_PER_IP="0": must be at least 1/);
    expect(() => AppConfig.fromEnv({ USER_TOKEN_MAX_AGE_S: '1e20' })).toThrow(/USER_TOKEN_MAX_AGE_S/);
  });

  it('takes HOLIBOT_FIXED_NOW as the fixed "now" with NODE_ENV=test only; a bad instant is refused', () => {
    expect(AppConfig.fromEnv({}).fixedNow).toBeNull();
    expect(AppConfig.fromEnv({ NODE_ENV: 'test', HOLIBOT_FIXED_NOW: '2026-06-02T13:00:00+02:00' }).fixedNow?.toISOString()).toBe('2026-06-02T11:00:00.000Z');
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'test', HOLIBOT_FIXED_NOW: 'tuesday noon' })).toThrow(
      /HOLIBOT_FIXED_NOW="tuesday noon": must be an ISO 8601 instant/,
    );
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'test', HOLIBOT_FIXED_NOW: '2026-06-02T13:00' })).toThrow(/must be an ISO 8601 instant/);
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'test', HOLIBOT_FIXED_NOW: '2026-13-40T13:00:00Z' })).toThrow(/must be an ISO 8601 instant/);
    expect(() => AppConfig.fromEnv({ HOLIBOT_FIXED_NOW: '2026-06-02T11:00:00Z' })).toThrow(/HOLIBOT_FIXED_NOW=.*only allowed with NODE_ENV=test/);
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production', HOLIBOT_FIXED_NOW: '2026-06-02T11:00:00Z' })).toThrow(/only allowed with NODE_ENV=test/);
  });

  it("reads POI_TAXONOMY_FILE: a destination's tags per subcategory; a missing file, bad JSON, an unknown subcategory or a bad tag is refused by name", () => {
    const dir = mkdtempSync(join(tmpdir(), 'holibot-config-'));
    const write = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    expect(AppConfig.fromEnv({}).poiTaxonomy).toEqual({});
    expect(AppConfig.fromEnv({ POI_TAXONOMY_FILE: write('ok.json', '{"Diving": ["sport=freediving"], "Hiking": ["route=foot"]}') }).poiTaxonomy).toEqual({
      Diving: ['sport=freediving'],
      Hiking: ['route=foot'],
    });
    expect(() => AppConfig.fromEnv({ POI_TAXONOMY_FILE: join(dir, 'missing.json') })).toThrow(
      /POI_TAXONOMY_FILE=".*missing\.json": cannot read it as JSON: ENOENT/,
    );
    expect(() => AppConfig.fromEnv({ POI_TAXONOMY_FILE: write('bad.json', '{"Diving": [') })).toThrow(/POI_TAXONOMY_FILE=.*cannot read it as JSON/);
    expect(() => AppConfig.fromEnv({ POI_TAXONOMY_FILE: write('list.json', '["sport=freediving"]') })).toThrow(/must be a JSON object of subcategory/);
    expect(() => AppConfig.fromEnv({ POI_TAXONOMY_FILE: write('label.json', '{"Divng": ["sport=freediving"]}') })).toThrow(
      /"Divng" is not a subcategory \(known: Restaurants, /,
    );
    expect(() => AppConfig.fromEnv({ POI_TAXONOMY_FILE: write('tag.json', '{"Diving": ["freediving"]}') })).toThrow(
      /"Diving": expected an array of "key=value" tags/,
    );
  });

  it('reads DESTINATION_ALIASES as alias=town pairs; a pair without both sides is refused by name', () => {
    expect(AppConfig.fromEnv({}).destinationAliases).toEqual([]);
    expect(AppConfig.fromEnv({ DESTINATION_ALIASES: ' Jávea=Xàbia, Alicante = Alacant;' }).destinationAliases).toEqual([
      ['Jávea', 'Xàbia'],
      ['Alicante', 'Alacant'],
    ]);
    expect(() => AppConfig.fromEnv({ DESTINATION_ALIASES: 'Jávea' })).toThrow(/DESTINATION_ALIASES="Jávea": must be alias=town pairs/);
  });

  it('reads the cleanup schedule: the seed times by default, a bad cron expression refused by name', () => {
    expect(AppConfig.fromEnv({}).cleanup).toEqual({ enabled: true, cron: '0 3 * * *', batchSize: 5000, statsCron: '0 9 * * 1' });
    const custom = AppConfig.fromEnv({
      SESSION_CLEANUP_ENABLED: 'false',
      SESSION_CLEANUP_CRON: '30 4 * * *',
      SESSION_CLEANUP_BATCH: '100',
      SESSION_STATS_CRON: '0 8 * * 5',
    });
    expect(custom.cleanup).toEqual({ enabled: false, cron: '30 4 * * *', batchSize: 100, statsCron: '0 8 * * 5' });
    expect(() => AppConfig.fromEnv({ SESSION_CLEANUP_CRON: 'daily at 3' })).toThrow(/SESSION_CLEANUP_CRON="daily at 3": must be a cron expression/);
    expect(() => AppConfig.fromEnv({ SESSION_STATS_CRON: '0 25 * * *' })).toThrow(/SESSION_STATS_CRON="0 25 \* \* \*": must be a cron expression/);
    expect(() => AppConfig.fromEnv({ SESSION_CLEANUP_BATCH: '0' })).toThrow(/SESSION_CLEANUP_BATCH="0": must be at least 1/);
  });

  it('reads the backup settings: the seed defaults; a short encryption key refused without showing it', () => {
    expect(AppConfig.fromEnv({}).backup).toEqual({ enabled: true, intervalHours: 24, dir: 'backups', retentionDays: 30, encryptionKey: null });
    expect(AppConfig.fromEnv({ BACKUP_ENCRYPTION_KEY: 'sixteen chars ok' }).backup.encryptionKey).toBe('sixteen chars ok');
    expect(() => AppConfig.fromEnv({ BACKUP_ENCRYPTION_KEY: 'short-secret' })).toThrow('BACKUP_ENCRYPTION_KEY=(hidden): must be at least 16 characters');
    expect(() => AppConfig.fromEnv({ BACKUP_RETENTION_DAYS: '0' })).toThrow(/BACKUP_RETENTION_DAYS="0": must be at least 1/);
  });

  it('reads the alert settings: off by default with the ops guide thresholds; a channel is required when on', () => {
    const defaults = AppConfig.fromEnv({});
    expect(defaults.alerts).toEqual({
      enabled: false,
      recipients: [],
      checkIntervalMs: 60000,
      windowSeconds: 300,
      repeatMinutes: 60,
      webhookUrl: null,
      thresholds: { responseTimeMs: 2000, errorRatePercent: 5, minRequests: 20, memoryPercent: 90, cpuPercent: 80, diskFreePercent: 10, maxConnections: 1000 },
    });
    expect(defaults.smtp).toBeNull();
    expect(defaults.publicUrl).toBeNull();
    const mail = AppConfig.fromEnv({
      ALERTS_ENABLED: 'true',
      ALERT_RECIPIENTS: 'ops@example.com, it@example.com',
      SMTP_HOST: 'smtp.example.com',
      SMTP_USER: 'alerts@example.com',
      SMTP_PASSWORD: 'pw',
      ALERT_ERROR_RATE_PERCENT: '2.5',
      PUBLIC_URL: 'https://bot.example.com/',
    });
    expect(mail.alerts.recipients).toEqual(['ops@example.com', 'it@example.com']);
    expect(mail.alerts.thresholds.errorRatePercent).toBe(2.5);
    expect(mail.smtp).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      user: 'alerts@example.com',
      password: 'pw',
      from: 'HoliBot <alerts@example.com>',
    });
    expect(mail.publicUrl).toBe('https://bot.example.com');
    expect(AppConfig.fromEnv({ ALERTS_ENABLED: 'true', ALERT_WEBHOOK_URL: 'https://hooks.example.com/x' }).alerts.webhookUrl).toBe(
      'https://hooks.example.com/x',
    );
    expect(() => AppConfig.fromEnv({ ALERTS_ENABLED: 'true' })).toThrow(/ALERTS_ENABLED=true but no channel is configured/);
    expect(() => AppConfig.fromEnv({ ALERT_RECIPIENTS: 'ops@example.com' })).toThrow(/ALERT_RECIPIENTS is set but SMTP_HOST is not/);
    expect(() => AppConfig.fromEnv({ SMTP_HOST: 'smtp.example.com' })).toThrow(/ALERT_RECIPIENTS is empty/);
    expect(() => AppConfig.fromEnv({ SMTP_HOST: 'smtp', ALERT_RECIPIENTS: 'a@b.c', SMTP_USER: 'u' })).toThrow(/SMTP_USER and SMTP_PASSWORD: set both/);
    expect(() => AppConfig.fromEnv({ ALERT_RECIPIENTS: 'ops@example.com; boss' })).toThrow(
      /ALERT_RECIPIENTS="ops@example.com; boss": must be a comma-separated list/,
    );
    expect(() => AppConfig.fromEnv({ ALERT_MEMORY_PERCENT: '120' })).toThrow(/ALERT_MEMORY_PERCENT="120": must be at most 100/);
    expect(() => AppConfig.fromEnv({ ALERTS_ENABLED: 'true', ALERT_WEBHOOK_URL: 'https://h.example/x', METRICS_ENABLED: 'false' })).toThrow(
      /ALERTS_ENABLED=true needs METRICS_ENABLED=true/,
    );
    // Secrets stay hidden: the SMTP password and the webhook URL (its path is the key).
    let message = '';
    try {
      AppConfig.fromEnv({ ALERT_WEBHOOK_URL: 'hooks.slack.com/services/T0/B0/secret-part' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ALERT_WEBHOOK_URL=(hidden)');
    expect(message).not.toContain('secret-part');
    expect(() => AppConfig.fromEnv({ ALERT_WEBHOOK_URL: 'https://user:secret-part@hooks.example.com/x' })).toThrow(
      /ALERT_WEBHOOK_URL=\(hidden\): must not carry a user or password/,
    );
  });

  it('.env.example and the README list every variable', () => {
    const example = readFileSync('.env.example', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    for (const name of Object.keys(ENV_SCHEMA.shape)) {
      expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      expect(readme).toContain(`\`${name}\``);
    }
  });
});

describe('AppConfig, checks that need the file system', () => {
  it('loads the sample catalogue by default, except in production; a missing file is refused', () => {
    expect(AppConfig.fromEnv({}).poiAutoloadFile).toBe(SAMPLE_CATALOGUE);
    expect(existsSync(SAMPLE_CATALOGUE)).toBe(true);
    expect(AppConfig.fromEnv({ NODE_ENV: 'production' }).poiAutoloadFile).toBeNull();
    expect(AppConfig.fromEnv({ POI_AUTOLOAD_FILE: '' }).poiAutoloadFile).toBeNull();
    expect(() => AppConfig.fromEnv({ POI_AUTOLOAD_FILE: '/nonexistent.geojson' })).toThrow(/POI_AUTOLOAD_FILE="\/nonexistent.geojson": no such file/);
  });

  it('refuses a TRUST_PROXY Express would not understand', () => {
    expect(AppConfig.fromEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => AppConfig.fromEnv({ TRUST_PROXY: 'banana' })).toThrow(/TRUST_PROXY="banana"/);
    expect(() => AppConfig.fromEnv({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });
});
