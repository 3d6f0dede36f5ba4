import { randomBytes } from 'node:crypto';
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { demoPageCsp, renderDemoPage } from './demo-page.js';
import { WidgetFileNotFoundError } from './widget-registry.errors.js';
import { type ServedWidgetFile, WidgetServing } from './widget-serving.service.js';

/**
 * The files a host page loads: `/widget/holi-bot.js` (the active version's loader, which imports
 * `/widget/v/<its version>/holi-bot-element.js`), any version's files under `/widget/v/<version>/`
 * for hosts that pin one with SRI, and the demo page at `/`. Not rate-limited: they are static.
 */
@ApiExcludeController()
@Controller()
export class WidgetController {
  constructor(private readonly serving: WidgetServing) {}

  @Get('widget/:file')
  async file(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const served = await this.serving.activeFile(file);
    if (!served) throw new WidgetFileNotFoundError(file);
    // The moving URL: every load revalidates (a 304 when unchanged), so a deploy or a rollback
    // shows at the next page load.
    send(res, served, 'public, no-cache', ifNoneMatch, acceptEncoding);
  }

  @Get('widget/v/:version/:file')
  async versionFile(
    @Param('version') version: string,
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const served = await this.serving.versionFile(version, file);
    if (!served) throw new WidgetFileNotFoundError(`v/${version}/${file}`);
    // A version's bytes never change: cached for a year, never revalidated.
    send(res, served, 'public, max-age=31536000, immutable', ifNoneMatch, acceptEncoding);
  }

  /** A page about Calpe that embeds the widget as the README says, under a strict CSP. */
  @Get()
  demo(@Res() res: FastifyReply): void {
    // A fresh nonce per response: the page's and the widget's <style> elements carry it.
    const nonce = randomBytes(16).toString('base64');
    res.header('Content-Type', 'text/html; charset=utf-8');
    res.header('Cache-Control', 'no-store');
    res.header('Content-Security-Policy', demoPageCsp(nonce));
    res.status(200).send(renderDemoPage(nonce, this.serving.activeVersion()));
  }
}

function send(res: FastifyReply, file: ServedWidgetFile, cacheControl: string, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): void {
  res.header('Content-Type', 'text/javascript; charset=utf-8');
  res.header('Cache-Control', cacheControl);
  res.header('ETag', file.etag);
  // The same for every origin (not `Vary: Origin`), but compressed or not by Accept-Encoding.
  res.header('Vary', 'Accept-Encoding');
  // Any site may embed the widget; the element is fetched as a module script, in CORS mode (and SRI needs CORS).
  res.header('Access-Control-Allow-Origin', '*');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    res.status(304).send();
    return;
  }
  const encoding = preferredEncoding(acceptEncoding);
  if (encoding) res.header('Content-Encoding', encoding);
  res.status(200).send(encoding === 'br' ? file.brotli : encoding === 'gzip' ? file.gzip : file.body);
}

/** Brotli (smaller) when the client takes it, else gzip, else none; `;q=0` refuses a coding. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, ...params]) => !params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param)))
      .map(([coding]) => coding!.trim()),
  );
  if (accepted.has('br')) return 'br';
  return accepted.has('gzip') ? 'gzip' : null;
}
