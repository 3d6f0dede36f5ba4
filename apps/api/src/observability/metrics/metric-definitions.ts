/**
 * Every metric HoliBot exposes at /metrics: names, help, labels and buckets, in one place. The
 * Metrics service records them, and the shipped Prometheus rules and
 * Grafana dashboard query them (a test compares those queries with this list).
 *
 * Prometheus naming: base units (`_seconds`, `_bytes`), counters end in `_total`. Labels only
 * take values from small fixed sets: never a session id, a query, a raw path or a visitor's IP.
 */

/** prom-client's default process metrics get this prefix too: `holibot_process_resident_memory_bytes`. */
export const METRIC_PREFIX = 'holibot_';

/** Include 0.5 and 2: "share of requests over 2 s" (ALERT_RESPONSE_TIME_MS) is read off exactly, not interpolated. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
/** A chat turn: the built-in engine answers in milliseconds, Mistral in seconds (MISTRAL_TIMEOUT_MS up to 120 s). */
export const CHAT_DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
export const JOB_DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

interface Definition {
  name: string;
  help: string;
  labelNames: readonly string[];
}
interface HistogramDefinition extends Definition {
  buckets: readonly number[];
}

export const METRIC = {
  httpRequestDuration: {
    name: 'holibot_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route template (unmatched routes: "unmatched") and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_DURATION_BUCKETS,
  },
  httpRequests: {
    name: 'holibot_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'],
  },
  openConnections: {
    name: 'holibot_open_connections',
    help: 'TCP connections open on the HTTP listener, WebSocket connections included.',
    labelNames: [],
  },
  memoryUsedRatio: {
    name: 'holibot_memory_used_ratio',
    help: 'Memory in use, 0 to 1: of the cgroup limit when the process has one (basis="cgroup"), else of total memory (basis="host").',
    labelNames: ['basis'],
  },
  diskFreeRatio: {
    name: 'holibot_disk_free_ratio',
    help: 'Free space, 0 to 1, of the volume holding the database, the backups and the logs, by volume (database, backups, logs).',
    labelNames: ['volume'],
  },
  cpuCores: {
    name: 'holibot_cpu_cores',
    help: 'CPU cores the process may use: rate(holibot_process_cpu_seconds_total) / this is its CPU share.',
    labelNames: [],
  },
  chatResponseDuration: {
    name: 'holibot_chat_response_duration_seconds',
    help: 'Time to answer one chat message, by engine, language and channel (rest or ws).',
    labelNames: ['engine', 'language', 'channel'],
    buckets: CHAT_DURATION_BUCKETS,
  },
  chatMessages: {
    name: 'holibot_chat_messages_total',
    help: 'Chat messages, by engine, language and outcome (answered, no_results, error).',
    labelNames: ['engine', 'language', 'outcome'],
  },
  chatActiveSessions: {
    name: 'holibot_chat_active_sessions',
    help: 'Chat sessions not yet expired (read from the database at most every 30 s).',
    labelNames: [],
  },
  wsConnections: {
    name: 'holibot_ws_connections',
    help: 'Open chat WebSocket connections.',
    labelNames: [],
  },
  rateLimitHits: {
    name: 'holibot_rate_limit_hits_total',
    help: 'Chat requests refused by the rate limit, by channel (rest or ws).',
    labelNames: ['channel'],
  },
  rateLimitFailOpen: {
    name: 'holibot_rate_limit_fail_open_total',
    help: 'Requests let through without a rate-limit check because Redis (REDIS_URL) did not answer.',
    labelNames: [],
  },
  mistralCalls: {
    name: 'holibot_mistral_calls_total',
    help: 'Mistral AI calls, by outcome (ok, timeout, network, malformed, ungrounded, leak, circuit_open, http_<status>).',
    labelNames: ['outcome'],
  },
  mistralCallDuration: {
    name: 'holibot_mistral_call_duration_seconds',
    help: 'Duration of one Mistral AI call, by outcome.',
    labelNames: ['outcome'],
    buckets: CHAT_DURATION_BUCKETS,
  },
  mistralTokens: {
    name: 'holibot_mistral_tokens_total',
    help: 'Tokens used by Mistral AI calls, by kind (prompt or completion).',
    labelNames: ['kind'],
  },
  mistralCircuitOpen: {
    name: 'holibot_mistral_circuit_open',
    help: '1 while the Mistral AI circuit breaker is open (answers come from the built-in engine), else 0.',
    labelNames: [],
  },
  jobRuns: {
    name: 'holibot_job_runs_total',
    help: 'Built-in job runs, by job and outcome (done, skipped: another instance ran it, failed).',
    labelNames: ['job', 'outcome'],
  },
  jobDuration: {
    name: 'holibot_job_duration_seconds',
    help: 'Duration of built-in job runs that did work, by job.',
    labelNames: ['job'],
    buckets: JOB_DURATION_BUCKETS,
  },
  jobLastSuccess: {
    name: 'holibot_job_last_success_timestamp_seconds',
    help: 'When each built-in job last succeeded (Unix time; from its own records at start).',
    labelNames: ['job'],
  },
  cleanupDeletedRows: {
    name: 'holibot_cleanup_deleted_rows_total',
    help: 'Rows deleted by the session cleanup, by table.',
    labelNames: ['table'],
  },
  backupSize: {
    name: 'holibot_backup_size_bytes',
    help: 'Size of the latest backup made by this process.',
    labelNames: [],
  },
  alertFiring: {
    name: 'holibot_alert_firing',
    help: "1 while the API's own alert rule is firing (an open AlertEvent), else 0, as of this process's last alert check; by rule.",
    labelNames: ['rule'],
  },
  alertNotifications: {
    name: 'holibot_alert_notifications_total',
    help: 'Alert and report messages by channel (email, webhook) and result (sent, failed: retried later, given_up: no more tries).',
    labelNames: ['channel', 'result'],
  },
  widgetUploads: {
    name: 'holibot_widget_uploads_total',
    help: 'Widget bundle uploads, by result (published, duplicate, rejected).',
    labelNames: ['result'],
  },
  widgetUploadBytes: {
    name: 'holibot_widget_upload_bytes_total',
    help: 'Bytes of widget bundle uploads received, by result.',
    labelNames: ['result'],
  },
} as const satisfies Record<string, Definition | HistogramDefinition>;

/** prom-client's default metrics HoliBot relies on (dashboard, rules), with METRIC_PREFIX. */
export const DEFAULT_METRIC = {
  cpuSeconds: 'holibot_process_cpu_seconds_total',
  residentMemory: 'holibot_process_resident_memory_bytes',
  heapUsed: 'holibot_nodejs_heap_size_used_bytes',
  eventLoopLagP99: 'holibot_nodejs_eventloop_lag_p99_seconds',
} as const;
