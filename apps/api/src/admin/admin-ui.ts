import { createHash, randomBytes } from 'node:crypto';
import { extname, join, relative, sep } from 'node:path';
import { Controller, Get, Injectable, Logger, type OnModuleInit, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FileSystem } from '../common/effects/index.js';
import { packageRoot } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';

/** Where `npm run build` puts the admin UI (ng build admin). */
export const ADMIN_UI_DIR = join(packageRoot(), 'dist/admin/browser');
/** The placeholder of index.html's root element (`ngCspNonce`), replaced per response. */
const NONCE_PLACEHOLDER = 'HOLIBOT_CSP_NONCE';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/** Built file names with a content hash (main-ABCD1234.js, chunk-…, styles-…): never change, cached for a year. */
const HASHED = /-[A-Z0-9]{8,}\.(js|css)$/;

class AdminUiNotBuiltError extends DomainError {
  constructor() {
    super('NOT_FOUND', 'The admin UI is not built: run "npm run build".');
  }
}

/** No inline script or eval; Angular's component styles carry the response's nonce. */
export function adminUiCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The built admin UI, read once at start: the files by their path under /admin/. */
@Injectable()
export class AdminUiFiles implements OnModuleInit {
  private readonly logger = new Logger('AdminUi');
  private readonly files = new Map<string, { body: Buffer; etag: string }>();
  private index: string | null = null;

  constructor(private readonly fs: FileSystem) {}

  async onModuleInit(): Promise<void> {
    try {
      await this.load(ADMIN_UI_DIR);
      this.index = this.files.get('index.html')?.body.toString('utf8') ?? null;
    } catch {
      // Reported below.
    }
    if (!this.index)
      this.logger.warn(`The admin UI is not built (no ${join(ADMIN_UI_DIR, 'index.html')}); run "npm run build". /admin answers 404 until then.`);
  }

  file(path: string): { body: Buffer; etag: string } | undefined {
    return this.files.get(path);
  }

  indexWithNonce(nonce: string): string | null {
    return this.index?.replaceAll(NONCE_PLACEHOLDER, nonce) ?? null;
  }

  private async load(dir: string): Promise<void> {
    for (const name of await this.fs.readdir(dir)) {
      const path = join(dir, name);
      if ((await this.fs.stat(path)).isDirectory) await this.load(path);
      else {
        const body = await this.fs.readFile(path);
        this.files.set(relative(ADMIN_UI_DIR, path).split(sep).join('/'), {
          body,
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        });
      }
    }
  }
}

/**
 * `/admin` and everything under it: a built file by its path (hashed ones immutable), and for any
 * other path index.html (the SPA's deep links: /admin/widget, /admin/conversations/…) with a
 * fresh CSP nonce. The UI is public; the data behind it is the admin API's, behind the sign-in.
 */
@ApiExcludeController()
@Controller('admin')
export class AdminUiController {
  constructor(private readonly ui: AdminUiFiles) {}

  @Get()
  root(@Res() reply: FastifyReply): void {
    this.sendIndex(reply);
  }

  @Get('*')
  any(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const path = safeDecode(new URL(request.url, 'http://x').pathname.slice('/admin/'.length));
    const file = path === null || path.includes('..') ? undefined : this.ui.file(path);
    if (!file || path === null || path === 'index.html') return this.sendIndex(reply);
    reply.header('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    reply.header('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('ETag', file.etag);
    reply.header('X-Content-Type-Options', 'nosniff');
    if (request.headers['if-none-match'] === file.etag) return void reply.status(304).send();
    reply.status(200).send(file.body);
  }

  private sendIndex(reply: FastifyReply): void {
    const nonce = randomBytes(16).toString('base64');
    const html = this.ui.indexWithNonce(nonce);
    if (html === null) throw new AdminUiNotBuiltError();
    reply.header('Content-Type', 'text/html; charset=utf-8');
    reply.header('Cache-Control', 'no-store');
    reply.header('Content-Security-Policy', adminUiCsp(nonce));
    reply.status(200).send(html);
  }
}

/** A path segment decoded, or null when its %-escapes are not UTF-8 (then it names no file). */
function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
