import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { FileSystem } from '../common/effects/index.js';
import { WIDGET_BUILD_DIR } from '../config/app-config.js';

/** One built widget file, held in memory with its validator and gzip and brotli copies made once. */
export interface WidgetAsset {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

/** Public name → file in the Angular build output. */
export const WIDGET_FILES = {
  'holi-bot.js': 'loader/main.js',
  'holi-bot-element.js': 'element/main.js',
} as const;
export type WidgetFileName = keyof typeof WIDGET_FILES;
/**
 * The element's lazy chunks (the texts of each language but English), served under their own
 * content-hashed names next to holi-bot-element.js, which imports them relative to itself.
 */
const CHUNK = /^chunk-[A-Z0-9]+\.js$/;

export const WIDGET_DIR = Symbol('WIDGET_DIR');

/**
 * The <holi-bot> files, read once at start: the chat path never touches the disk, and a
 * missing build is reported in the log at start rather than as a 500 later.
 */
@Injectable()
export class WidgetAssets implements OnModuleInit {
  private readonly logger = new Logger('Widget');
  private readonly assets = new Map<string, WidgetAsset>();

  constructor(
    private readonly files: FileSystem,
    @Inject(WIDGET_DIR) private readonly dir: string = WIDGET_BUILD_DIR,
  ) {}

  async onModuleInit(): Promise<void> {
    const missing: string[] = [];
    const chunks = await this.files.readdir(join(this.dir, 'element')).catch(() => [] as string[]);
    const files: [string, string][] = [
      ...Object.entries(WIDGET_FILES),
      ...chunks.filter((name) => CHUNK.test(name)).map((name) => [name, `element/${name}`] as [string, string]),
    ];
    for (const [name, file] of files) {
      const path = join(this.dir, file);
      try {
        const body = await this.files.readFile(path);
        const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
        const brotli = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
        this.assets.set(name, { body, gzip: gzipSync(body, { level: 9 }), brotli, etag: `"${hash}"` });
      } catch {
        missing.push(path);
      }
    }
    if (missing.length) {
      this.logger.warn(`The <holi-bot> widget is not built (missing ${missing.join(', ')}); run "npm run build". /widget/ answers 404 until then.`);
    }
  }

  /** A file by its public name (holi-bot.js, holi-bot-element.js or a chunk), if built. */
  get(name: string): WidgetAsset | undefined {
    return this.assets.get(name);
  }
}
