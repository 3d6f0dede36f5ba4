import { DomainError } from '../common/domain-error.js';

/** `holibot alerts test` with no channel to test. */
export class AlertsNotConfiguredError extends DomainError {
  constructor() {
    super('ALERTS_NOT_CONFIGURED', 'no alert channel is configured: set SMTP_HOST and ALERT_RECIPIENTS (e-mail), or ALERT_WEBHOOK_URL');
  }
}

/** A channel refused the test message (`holibot alerts test`). */
export class AlertDeliveryError extends DomainError {
  constructor(failures: string[]) {
    super('ALERT_DELIVERY_FAILED', `the test message did not go through: ${failures.join('; ')}`);
  }
}
