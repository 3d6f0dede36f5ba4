import type { MailerService } from '@nestjs-modules/mailer';
import type { AlertMessage } from './alert-messages.js';

export type ChannelName = 'email' | 'webhook';

/** Somewhere alert messages go. `send` rejects when the message was not accepted. */
export interface AlertChannel {
  readonly name: ChannelName;
  /** Where it sends, for logs and `holibot alerts test`, without secrets: "ops@example.com" or "webhook at hooks.slack.com". */
  readonly target: string;
  send(message: AlertMessage): Promise<void>;
}

/** Longest wait for a webhook to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** E-mail through @nestjs-modules/mailer (nodemailer's SMTP transport) to ALERT_RECIPIENTS: plain text and simple HTML. */
export class EmailChannel implements AlertChannel {
  readonly name = 'email';
  readonly target: string;

  constructor(
    private readonly mailer: MailerService,
    private readonly recipients: readonly string[],
  ) {
    this.target = recipients.join(', ');
  }

  async send(message: AlertMessage): Promise<void> {
    const info = (await this.mailer.sendMail({ to: [...this.recipients], subject: message.subject, text: message.text, html: message.html })) as {
      rejected?: unknown[];
    };
    // The server took the message but refused some recipients: for an alert, that is a failure to say out loud.
    if (info.rejected?.length) throw new Error(`the SMTP server refused ${info.rejected.map(String).join(', ')}`);
  }
}

/** ALERT_WEBHOOK_URL: a POST of Slack-compatible JSON, `{"text": "…"}` (Slack, Mattermost, Rocket.Chat, Teams workflows, …). */
export class WebhookChannel implements AlertChannel {
  readonly name = 'webhook';
  readonly target: string;

  constructor(private readonly url: string) {
    // The path of a webhook URL is its secret: only the host is shown.
    this.target = `webhook at ${new URL(url).host}`;
  }

  async send(message: AlertMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `*${message.subject}*\n${message.text}` }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      // Only a code, never fetch's own message: it may quote the URL, whose path is the webhook's key.
      const cause = (error as { cause?: { code?: string } }).cause;
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : (cause?.code ?? 'the request failed');
      throw new Error(`${this.target}: ${reason}`, { cause: error });
    }
    // Read (and drop) the body, so that the connection is released.
    const body = (await response.text().catch(() => '')).slice(0, 200);
    if (!response.ok) throw new Error(`${this.target} answered ${response.status}${body ? `: ${body}` : ''}`);
  }
}
