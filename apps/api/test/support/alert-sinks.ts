import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received mail, parsed as a mail client would read it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server on loopback (the `smtp-server` library) that keeps what it receives, parsed
 * with `mailparser`. Plain SMTP without STARTTLS (as a relay inside a private network), a login
 * accepted when `credentials` match (and required when given).
 */
export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  /** Logins it was given, "user:password". */
  readonly logins: string[] = [];

  constructor(private readonly credentials: { user: string; password: string } | null = null) {}

  /** Listens on `port` (0: a free one). */
  async start(port = 0): Promise<this> {
    const { credentials } = this;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: credentials === null,
      // Logins over plain SMTP: a relay on a private network (and this test) has no TLS.
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        this.logins.push(`${auth.username}:${auth.password}`);
        if (credentials && auth.username === credentials.user && auth.password === credentials.password) return callback(null, { user: auth.username });
        return callback(new Error('535 authentication failed'));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed: ParsedMail) => {
            this.mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `count` mails have arrived (or `ms` passed), then returns them all. */
  async waitFor(count: number, ms = 5000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + ms;
    while (this.mails.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.mails;
  }
}

/** A local HTTP server standing for a Slack-compatible webhook: keeps each POSTed JSON body; `status` sets its answer. */
export class TestWebhook {
  readonly posts: Array<{ text: string }> = [];
  status = 200;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    const server = createServer((request, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (this.status < 300) this.posts.push(JSON.parse(body) as { text: string });
        response.writeHead(this.status, { 'content-type': 'text/plain', connection: 'close' }).end(this.status < 300 ? 'ok' : 'invalid_token');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-part`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A loopback port nothing listens on (taken, then freed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
