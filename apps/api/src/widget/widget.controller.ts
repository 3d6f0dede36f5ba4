import { randomBytes } from 'node:crypto';
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { WidgetFileNotFoundError } from './widget.errors.js';
import { demoPageCsp, renderDemoPage } from './demo-page.js';
import { WidgetAssets } from './widget-assets.service.js';

/**
 * The files a host page loads (`/widget/holi-bot.js`, which pulls `holi-bot-element.js`) and
 * the demo page at `/`. Not rate-limited: they are static and cacheable.
 */
@ApiExcludeController()
@Controller()
export class WidgetController {
  constructor(private readonly assets: WidgetAssets) {}

  @Get('widget/:file')
  file(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() res: FastifyReply,
  ): void {
    const asset = this.assets.get(file);
    if (!asset) throw new WidgetFileNotFoundError(file);
    res.header('Content-Type', 'text/javascript; charset=utf-8');
    // Unhashed names, so a short freshness and then a cheap revalidation by ETag.
    res.header('Cache-Control', 'public, max-age=300');
    res.header('ETag', asset.etag);
    // The same for every origin (not `Vary: Origin`), but gzipped or not by Accept-Encoding.
    res.header('Vary', 'Accept-Encoding');
    // Any site may embed the widget; the element is fetched as a module script, in CORS mode.
    res.header('Access-Control-Allow-Origin', '*');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
      res.status(304).send();
      return;
    }
    const encoding = preferredEncoding(acceptEncoding);
    if (encoding) res.header('Content-Encoding', encoding);
    res.status(200).send(encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body);
  }

  /** A page about Calpe that embeds the widget as the README says, under a strict CSP. */
  @Get()
  demo(@Res() res: FastifyReply): void {
    // A fresh nonce per response: the page's and the widget's <style> elements carry it.
    const nonce = randomBytes(16).toString('base64');
    res.header('Content-Type', 'text/html; charset=utf-8');
    res.header('Cache-Control', 'no-store');
    res.header('Content-Security-Policy', demoPageCsp(nonce));
    res.status(200).send(renderDemoPage(nonce));
  }
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
