import Transport from 'winston-transport';
import DailyRotateFile, { type DailyRotateFileTransportOptions } from 'winston-daily-rotate-file';

/** How long a failing log folder is left alone before the files are tried again. */
export const LOG_RETRY_MS = 30_000;
/** A reopened file that takes a write without an error for this long counts as working again. */
const TRIAL_MS = 2_000;

/** What /health/ready shows of the log files. */
export interface LogFilesState {
  failing: boolean;
  /** The error code that stopped them (ENOSPC, EROFS, EACCES…), while failing. */
  error: string | null;
  /** Lines not written to the files since they started failing. */
  droppedLines: number;
}

/**
 * The health of the log files of one process, shared by its file transports (errors and
 * combined): a failure is reported once on the console, however many files fail, and once
 * again when they are written again.
 */
export class LogFilesHealth {
  private failingFiles = new Set<string>();
  private lastError: string | null = null;
  private dropped = 0;

  constructor(
    private readonly dir: string,
    private readonly report: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  get state(): LogFilesState {
    return { failing: this.failingFiles.size > 0, error: this.failingFiles.size > 0 ? this.lastError : null, droppedLines: this.dropped };
  }

  failed(file: string, error: unknown): void {
    const code = errorCode(error);
    const first = this.failingFiles.size === 0;
    this.failingFiles.add(file);
    this.lastError = code;
    if (first) {
      this.report(
        `HoliBot: the log files in LOG_DIR=${this.dir} cannot be written (${describe(error)}). ` +
          `Logging to the console only; trying the files again every ${LOG_RETRY_MS / 1000} s. /health/ready shows "logs" as degraded meanwhile.`,
      );
    }
  }

  dropLine(): void {
    this.dropped += 1;
  }

  recovered(file: string): void {
    if (!this.failingFiles.delete(file) || this.failingFiles.size > 0) return;
    this.report(`HoliBot: the log files in LOG_DIR=${this.dir} are written again (${this.dropped} lines went to the console only).`);
    this.dropped = 0;
    this.lastError = null;
  }
}

/**
 * A daily-rotating log file that never takes the process down. winston-daily-rotate-file lets
 * the errors of its file stream go unhandled — on a full or read-only disk the process crashed,
 * and crashed again on every restart. This transport catches them (and the synchronous throws of
 * an unusable folder), drops lines while the files cannot be written, reports the failure through
 * LogFilesHealth, and reopens the file every LOG_RETRY_MS. It never emits `error`: winston would
 * pass that on to the logger, where nothing listens.
 */
export class ResilientFileTransport extends Transport {
  private file: DailyRotateFile | null = null;
  private failing = false;
  /** Reopened after a failure, not yet proven to work: lines go through, a quiet TRIAL_MS ends the failure. */
  private trial: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly options: DailyRotateFileTransportOptions & { filename: string },
    private readonly health: LogFilesHealth,
    private readonly retryMs = LOG_RETRY_MS,
  ) {
    super({ level: options.level, format: options.format });
    this.open();
  }

  override log(info: unknown, next: () => void): void {
    if (this.file && (!this.failing || this.trial !== null || this.startTrial())) {
      try {
        this.file.log?.(info, () => undefined);
      } catch (error) {
        this.fail(error);
      }
    } else {
      this.health.dropLine();
    }
    next();
  }

  override close(): void {
    this.stopped = true;
    for (const timer of [this.retry, this.trial]) if (timer) clearTimeout(timer);
    this.file?.close?.();
  }

  private open(): void {
    try {
      const file = new DailyRotateFile(this.options);
      // Errors of the file itself (write, open) and of its housekeeping (gzip, deleting old files).
      const stream = (file as unknown as { logStream?: NodeJS.EventEmitter }).logStream;
      stream?.on('error', (error: unknown) => this.file === file && this.fail(error));
      file.on('error', (error: unknown) => this.file === file && this.fail(error));
      this.file = file;
    } catch (error) {
      this.file = null;
      this.fail(error);
    }
  }

  private startTrial(): boolean {
    if (this.retry !== null) return false;
    this.trial = setTimeout(() => {
      this.trial = null;
      if (!this.failing) return;
      this.failing = false;
      this.health.recovered(this.options.filename);
    }, TRIAL_MS);
    this.trial.unref();
    return true;
  }

  private fail(error: unknown): void {
    if (this.trial) clearTimeout(this.trial);
    this.trial = null;
    if (!this.failing) {
      this.failing = true;
      this.health.failed(this.options.filename, error);
    }
    this.health.dropLine();
    if (this.retry !== null || this.stopped) return;
    const dead = this.file;
    this.file = null;
    try {
      (dead as unknown as { logStream?: { destroy?: () => void } } | null)?.logStream?.destroy?.();
    } catch {
      // Already broken: nothing more to release.
    }
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.open();
    }, this.retryMs);
    this.retry.unref();
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ERROR';
}

function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
