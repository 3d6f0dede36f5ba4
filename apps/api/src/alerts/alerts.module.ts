import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { MailerModule, type MailerOptions } from '@nestjs-modules/mailer';
import { BackupModule } from '../backup/backup.module.js';
import { AppConfig } from '../config/app-config.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { AlertNotifier } from './alert-notifier.service.js';
import { AlertReadingsSource } from './alert-readings.js';
import { ALERT_INSTANCE, AlertService } from './alerts.service.js';
import { AlertsJobs } from './alerts.jobs.js';

/** Time limits on each step of an SMTP exchange: a server that hangs costs a retry, never a stuck send. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** nodemailer's SMTP transport from SMTP_*; without SMTP_HOST a transport that sends nowhere (the e-mail channel is then off). */
export function mailerOptions(config: AppConfig): MailerOptions {
  const smtp = config.smtp;
  if (!smtp) return { transport: { jsonTransport: true } };
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
  imports: [MailerModule.forRootAsync({ imports: [], inject: [AppConfig], useFactory: mailerOptions }), SchedulingModule, BackupModule],
  providers: [
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
