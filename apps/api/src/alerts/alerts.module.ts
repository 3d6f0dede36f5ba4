import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import type { MailerOptions, MailerService } from '@nestjs-modules/mailer';
import { BackupModule } from '../backup/backup.module.js';
import { AppConfig } from '../config/app-config.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { AlertNotifier, MAILER } from './alert-notifier.service.js';
import { AlertReadingsSource } from './alert-readings.js';
import { ALERT_INSTANCE, AlertService } from './alerts.service.js';
import { AlertsJobs } from './alerts.jobs.js';

/** Time limits on each step of an SMTP exchange: a server that hangs costs a retry, never a stuck send. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** nodemailer's SMTP transport from SMTP_*. */
export function mailerOptions(smtp: NonNullable<AppConfig['smtp']>): MailerOptions {
  return {
    transport: {
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user && smtp.password ? { user: smtp.user, pass: smtp.password } : undefined,
      ...SMTP_TIMEOUTS,
    },
    defaults: { from: smtp.from },
    // Beyond the transport's own limits: one send, whatever it waits for.
    sendTimeout: 60_000,
  };
}

/** Threshold alerts by e-mail and webhook, their state and history, and the mail of reports (ALERTS_*, ALERT_*, SMTP_*). */
@Module({
  imports: [SchedulingModule, BackupModule],
  providers: [
    // @nestjs-modules/mailer's MailerService on nodemailer's SMTP transport, loaded only with SMTP_HOST
    // set (as the Mistral SDK only with its key): a server without mail does not carry it (4 MB of RSS).
    {
      provide: MAILER,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<MailerService | null> => {
        if (!config.smtp) return null;
        const { MailerService } = await import('@nestjs-modules/mailer');
        // Without a transport factory of its own it makes nodemailer's (createTransport).
        return new MailerService(mailerOptions(config.smtp), undefined as never);
      },
    },
    // Processes on one host (PM2 cluster) are instances of their own.
    { provide: ALERT_INSTANCE, useFactory: () => `${hostname()}:${process.pid}` },
    AlertReadingsSource,
    AlertNotifier,
    AlertService,
    AlertsJobs,
  ],
  exports: [AlertNotifier, AlertService, AlertsJobs],
})
export class AlertsModule {}
