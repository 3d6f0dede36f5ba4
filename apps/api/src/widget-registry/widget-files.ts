import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { parse } from 'acorn';
import { valid as semverValid } from 'semver';
import type { WidgetFileRecord } from '@holibot/database';
import { WidgetFilesInvalidError, WidgetVersionInvalidError } from './widget-registry.errors.js';

/** The script host pages include: `<script src="…/widget/holi-bot.js" async>`. */
export const WIDGET_LOADER = 'holi-bot.js';
/** The element the loader imports, relative to its own URL. */
export const WIDGET_ELEMENT = 'holi-bot-element.js';
/** The element's lazy chunks (one per language but English), content-hashed by the build. */
const CHUNK = /^chunk-[A-Za-z0-9_-]{4,64}\.js$/;

/** Where `npm run build` puts each public file, under dist/widget/. */
export const BUILD_LAYOUT: Readonly<Record<string, string>> = { [WIDGET_LOADER]: 'loader/main.js', [WIDGET_ELEMENT]: 'element/main.js' };

/** Limits of a version: far above the element's ~200 KB, far below what would hurt memory. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_FILES = 40;

/** X.Y.Z with an optional pre-release (no build metadata: it would not order). */
const VERSION = /^\d{1,6}\.\d{1,6}\.\d{1,6}(-[0-9A-Za-z][0-9A-Za-z.-]{0,40})?$/;

/** The literal in the loader that names the element; pinning a version rewrites it. */
const ELEMENT_LITERAL = /(["'`])holi-bot-element\.js\1/g;

export interface WidgetFile {
  name: string;
  body: Buffer;
}

/** A file with its checksums and the compressed copies served to clients that accept them. */
export interface PreparedWidgetFile extends WidgetFileRecord {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export function isWidgetFileName(name: string): boolean {
  return name === WIDGET_LOADER || name === WIDGET_ELEMENT || CHUNK.test(name);
}

/** A version as typed, checked: X.Y.Z, optionally with a pre-release such as 1.2.0-rc.1. */
export function checkVersion(version: string): string {
  if (!VERSION.test(version) || semverValid(version) !== version) {
    throw new WidgetVersionInvalidError(`${JSON.stringify(version.slice(0, 80))} is not a version such as 1.2.3 or 1.3.0-rc.1`);
  }
  return version;
}

/**
 * Refuses what is not a <holi-bot> build: unknown or missing names, oversized files, bytes
 * that are not UTF-8 JavaScript (the loader a classic script, the element and chunks modules),
 * and a loader that does not name its element exactly once (serving pins the element by it).
 */
export function checkWidgetFiles(files: readonly WidgetFile[]): void {
  const problems: string[] = [];
  const names = new Set<string>();
  if (files.length > MAX_FILES) problems.push(`${files.length} files; a widget has at most ${MAX_FILES}`);
  for (const { name, body } of files.slice(0, MAX_FILES)) {
    const shown = JSON.stringify(name.slice(0, 80));
    if (!isWidgetFileName(name)) {
      problems.push(`${shown} is not a widget file (holi-bot.js, holi-bot-element.js, chunk-*.js)`);
      continue;
    }
    if (names.has(name)) problems.push(`${shown} is given twice`);
    names.add(name);
    if (body.length === 0) problems.push(`${name} is empty`);
    else if (body.length > MAX_FILE_BYTES) problems.push(`${name} is ${body.length} bytes; at most ${MAX_FILE_BYTES}`);
    else {
      const problem = javaScriptProblem(body, name === WIDGET_LOADER ? 'script' : 'module');
      if (problem) problems.push(`${name} ${problem}`);
      else if (name === WIDGET_LOADER && (body.toString('utf8').match(ELEMENT_LITERAL)?.length ?? 0) !== 1) {
        problems.push(`${name} is not the HoliBot loader (it must name "${WIDGET_ELEMENT}" exactly once)`);
      }
    }
  }
  for (const required of [WIDGET_LOADER, WIDGET_ELEMENT]) if (!names.has(required)) problems.push(`${required} is missing`);
  if (problems.length) throw new WidgetFilesInvalidError(problems);
}

function javaScriptProblem(body: Buffer, sourceType: 'script' | 'module'): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return 'is not UTF-8 text';
  }
  try {
    parse(text, { ecmaVersion: 'latest', sourceType });
    return null;
  } catch (error) {
    return `is not valid JavaScript (${sourceType === 'script' ? 'classic script' : 'module'}): ${(error as Error).message}`;
  }
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Checksums, SRI and the brotli and gzip copies, made once per version (on the thread pool: a big upload never blocks the chat). */
export function prepareWidgetFiles(files: readonly WidgetFile[]): Promise<PreparedWidgetFile[]> {
  return Promise.all([...files].sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name)).map(({ name, body }) => prepare(name, body)));
}

/** The loader first, then the element, then the chunks. */
const order = (name: string) => (name === WIDGET_LOADER ? 0 : name === WIDGET_ELEMENT ? 1 : 2);

export async function prepare(name: string, body: Buffer): Promise<PreparedWidgetFile> {
  const [gzipped, brotlied] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  return {
    name,
    sha256: createHash('sha256').update(body).digest('hex'),
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
    size: body.length,
    gzipSize: gzipped.length,
    brotliSize: brotlied.length,
    body,
    gzip: gzipped,
    brotli: brotlied,
  };
}

/** One checksum over the whole version (names and contents): equal builds have equal hashes. */
export function contentHash(files: readonly Pick<WidgetFileRecord, 'name' | 'sha256'>[]): string {
  const lines = files.map((file) => `${file.name} ${file.sha256}\n`).sort();
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/**
 * The loader as `/widget/holi-bot.js` serves it for the active version: it imports the element
 * of its own version (`v/<version>/holi-bot-element.js`, relative to itself), so a deploy
 * between a page's two requests never pairs a loader with another version's element.
 */
export function pinLoaderToVersion(loader: Buffer, version: string): Buffer {
  return Buffer.from(loader.toString('utf8').replace(ELEMENT_LITERAL, (_match, quote: string) => `${quote}v/${version}/${WIDGET_ELEMENT}${quote}`));
}
