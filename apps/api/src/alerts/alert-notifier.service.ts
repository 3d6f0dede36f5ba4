import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { MailerService } from '@nestjs-modules/mailer';
import { Clock } from '../common/clock.js';
import { type TimerHandle, Timers } from '../common/effects/index.js';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { type AlertChannel, type ChannelName, EmailChannel, WebhookChannel } from './alert-channels.js';
import { type AlertMessage, type MessageContext, reportMessage, testMessage } from './alert-messages.js';

/** The MailerService of @nestjs-modules/mailer, or null without SMTP_HOST (provided by alerts.module.ts). */
export const MAILER = Symbol('MAILER');

/** After a failed send, the next tries: 30 s, 1, 2, 5, 10 and 30 min later; then the message is given up (logged). */
export const RETRY_DELAYS_MS = [30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000];

/** How long a shutdown waits for sends under way. */
const SHUTDOWN_WAIT_MS = 5_000;

/** How long the SMTP check at start may take. */
const VERIFY_TIMEOUT_MS = 15_000;

export interface DeliveryResult {
  channel: ChannelName;
  target: string;
  /** null: sent. */
  error: string | null;
}

/**
 * Sends alert and report messages through every configured channel: e-mail (SMTP_*,
 * ALERT_RECIPIENTS) and the webhook (ALERT_WEBHOOK_URL). A send never blocks its caller and
 * never throws: a failure is logged and tried again with back-off (RETRY_DELAYS_MS), each channel
 * on its own, so a broken SMTP server delays mail without touching the webhook or the app.
 */
@Injectable()
export class AlertNotifier implements OnModuleDestroy {
  private readonly logger = new Logger('Alerts');
  readonly channels: readonly AlertChannel[];
  readonly context: MessageContext;
  /** Retries waiting for their turn, with the key of what they are about (a newer message of the same key replaces them). */
  private readonly retries = new Map<TimerHandle, string | undefined>();
  /** The newest message of each key still being sent: an older one that fails is dropped. Forgotten once sent or given up. */
  private readonly newest = new Map<string, AlertMessage>();
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly timers: Timers,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    // null without SMTP_HOST (alerts.module.ts).
    @Inject(MAILER) private readonly mailer: MailerService | null,
  ) {
    const channels: AlertChannel[] = [];
    if (config.smtp && config.alerts.recipients.length > 0 && mailer) channels.push(new EmailChannel(mailer, config.alerts.recipients));
    if (config.alerts.webhookUrl) channels.push(new WebhookChannel(config.alerts.webhookUrl));
    this.channels = channels;
    for (const channel of channels) metrics.alertChannel(channel.name);
    this.context = {
      destination: config.destinationName,
      host: hostname(),
      timeZone: config.timeZone,
      publicUrl: config.publicUrl,
      repeatMinutes: config.alerts.repeatMinutes,
    };
  }

  /** Whether reports can go out by mail (the weekly session statistics). */
  get mailConfigured(): boolean {
    return this.channels.some((channel) => channel.name === 'email');
  }

  /**
   * Sends `message` through every channel (or only `only`), in the background, retried on
   * failure; `onDelivered` runs once per channel that accepted it. Returns at once.
   */
  deliver(
    message: AlertMessage,
    { only, key, onDelivered }: { only?: ChannelName[]; key?: string; onDelivered?: (channel: ChannelName) => Promise<void> } = {},
  ): void {
    // A firing message still waiting for a retry must not arrive after its "resolved".
    if (key !== undefined) {
      this.newest.set(key, message);
      for (const [retry, retryKey] of this.retries) {
        if (retryKey !== key) continue;
        retry.cancel();
        this.retries.delete(retry);
        this.logger.warn(`an undelivered message about ${key} is replaced by a newer one: "${message.subject}"`);
      }
    }
    for (const channel of this.channels) {
      if (!only || only.includes(channel.name)) this.attempt(channel, message, 0, key, onDelivered);
    }
  }

  /** A report (the weekly statistics) by e-mail, when mail is configured; retried like alerts. */
  mailReport(title: string, report: string): void {
    if (this.mailConfigured) this.deliver(reportMessage(title, report, this.context), { only: ['email'] });
  }

  /** `holibot alerts test`: one test message through every channel, once, with each channel's outcome. */
  async sendTest(): Promise<DeliveryResult[]> {
    const message = testMessage(this.context, this.clock.now());
    return Promise.all(
      this.channels.map(async (channel) => {
        try {
          await channel.send(message);
          return { channel: channel.name, target: channel.target, error: null };
        } catch (error) {
          return { channel: channel.name, target: channel.target, error: describe(error) };
        }
      }),
    );
  }

  /**
   * At server start: a broken SMTP setting is reported now, not on the first alert. Never
   * throws and never holds the start up (its caller does not wait).
   */
  async verifyMail(): Promise<boolean> {
    const smtp = this.config.smtp;
    if (!smtp || !this.mailer || !this.mailConfigured) return true;
    const where = `SMTP_HOST=${smtp.host} SMTP_PORT=${smtp.port}${smtp.secure ? ' SMTP_SECURE=true' : ''}`;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.mailer.getTransporter().verify(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${VERIFY_TIMEOUT_MS / 1000} s`)), VERIFY_TIMEOUT_MS);
          timer.unref();
        }),
      ]);
      this.logger.log(`alert mail: ${where} answers; mails go to ${this.config.alerts.recipients.join(', ')}`);
      return true;
    } catch (error) {
      this.logger.error(`alert mail: ${where}: ${describe(error)}. Alert and report mails will fail until this is fixed (check with: holibot alerts test)`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once every send under way has ended (retries still waiting on their timer excepted). For tests and shutdown. */
  async settled(): Promise<void> {
    while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
  }

  /** Retries still waiting for their turn. */
  get pendingRetries(): number {
    return this.retries.size;
  }

  async onModuleDestroy(): Promise<void> {
    for (const retry of this.retries.keys()) retry.cancel();
    if (this.retries.size > 0) this.logger.warn(`${this.retries.size} alert message(s) not delivered before shutdown (their channel kept failing)`);
    this.retries.clear();
    // A send under way may finish, within reason: a hung SMTP server does not hold the shutdown.
    await Promise.race([this.settled(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }

  private attempt(
    channel: AlertChannel,
    message: AlertMessage,
    failures: number,
    key: string | undefined,
    onDelivered?: (channel: ChannelName) => Promise<void>,
  ): void {
    const sending = channel.send(message).then(
      async () => {
        this.forget(key, message);
        this.metrics.alertNotification(channel.name, 'sent');
        if (failures > 0) this.logger.log(`"${message.subject}" sent to ${channel.target} after ${failures} failed attempt(s)`);
        else this.logger.log(`"${message.subject}" sent to ${channel.target}`);
        await onDelivered?.(channel.name).catch((error: unknown) => this.logger.warn(`recording the delivery to ${channel.name} failed: ${describe(error)}`));
      },
      (error: unknown) => {
        const newer = key === undefined ? undefined : this.newest.get(key);
        if (newer !== undefined && newer !== message) {
          this.logger.warn(`"${message.subject}" not sent to ${channel.target} (${describe(error)}); a newer message replaces it`);
          return;
        }
        const delay = RETRY_DELAYS_MS[failures];
        this.metrics.alertNotification(channel.name, delay === undefined ? 'given_up' : 'failed');
        if (delay === undefined) {
          this.forget(key, message);
          this.logger.error(`"${message.subject}" NOT sent to ${channel.target}: ${describe(error)}; given up after ${failures + 1} attempts`);
          return;
        }
        this.logger.warn(`"${message.subject}" not sent to ${channel.target} (attempt ${failures + 1}): ${describe(error)}; trying again in ${delay / 1000} s`);
        const retry = this.timers.after(delay, () => {
          this.retries.delete(retry);
          this.attempt(channel, message, failures + 1, key, onDelivered);
        });
        this.retries.set(retry, key);
      },
    );
    this.sending.add(sending);
    void sending.finally(() => this.sending.delete(sending));
  }

  /** The key's newest message is through (sent, or given up): nothing older can overtake it any more. */
  private forget(key: string | undefined, message: AlertMessage): void {
    if (key !== undefined && this.newest.get(key) === message) this.newest.delete(key);
  }
}

/** An error in one line: nodemailer's code and response when it has them ("EAUTH: 535 authentication failed"). */
function describe(error: unknown): string {
  // Duck-typed: errors from Node's sockets may come from another realm (a test's VM context).
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') return String(error);
  const { code, response } = error as { code?: string; response?: string };
  const { message } = error as Error;
  const detail = response && !message.includes(response) ? ` (${response})` : '';
  return `${code && !message.startsWith(code) ? `${code}: ` : ''}${message}${detail}`.replace(/\s+/g, ' ');
}
