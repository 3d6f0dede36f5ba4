import type { WidgetFileInfo } from '@holibot/contracts';

/** The loader: the one file a page embeds (it imports the element of its own version). */
export const LOADER_FILE = 'holi-bot.js';

/**
 * The HTML that pins a page to one widget version, with Subresource Integrity on the loader
 * (as in the README). Null when the version has no loader (cannot happen for a checked upload).
 */
export function embedSnippet(origin: string, version: string, files: readonly WidgetFileInfo[]): string | null {
  const loader = files.find((file) => file.name === LOADER_FILE);
  if (!loader) return null;
  const src = `${origin.replace(/\/+$/, '')}/widget/v/${encodeURIComponent(version)}/${LOADER_FILE}`;
  return `<script src="${escapeAttribute(src)}" integrity="${escapeAttribute(loader.integrity)}" crossorigin="anonymous" async></script>\n<holi-bot></holi-bot>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
