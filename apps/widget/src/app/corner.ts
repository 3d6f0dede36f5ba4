// Which <holi-bot> draws the launcher of a corner: two launchers in one corner would sit on top of
// each other. For the component; loader.ts writes the same rule out inside its IIFE (an imported
// function would land in the page's globals there), so change both together.

export type Corner = 'left' | 'right';

/** The corner of a <holi-bot>: `position="left"` → left, anything else → right. */
export const cornerOf = (host: Element): Corner => (host.getAttribute('position') === 'left' ? 'left' : 'right');

/**
 * True when `host` is the first connected <holi-bot> of its corner in document order (in its own
 * document or shadow root): it draws the launcher; any other one in that corner is ignored.
 */
export const cornerOwner = (host: Element): boolean =>
  // The component under test is not a <holi-bot>: it has its corner to itself.
  host.localName !== 'holi-bot' ||
  (host.isConnected &&
    Array.prototype.find.call((host.getRootNode() as ParentNode).querySelectorAll('holi-bot'), (el: Element) => cornerOf(el) === cornerOf(host)) === host);

// On the element, shared by the loader's and the component's bundles, so a host is warned about once.
const WARNED = Symbol.for('holibot.cornerWarned');

/**
 * cornerOwner(host), and when it is not (and is connected), one console.warn per element naming
 * why — whichever of the loader and the component asks first.
 */
export function claimCorner(host: Element): boolean {
  if (cornerOwner(host)) return true;
  if (host.isConnected && !(WARNED in host)) {
    Object.defineProperty(host, WARNED, { value: 1 });
    const corner = cornerOf(host);
    console.warn(
      `HoliBot: a second <holi-bot> on the ${corner} corner is ignored; give it position="${corner === 'left' ? 'right' : 'left'}" or remove it`,
      host,
    );
  }
  return false;
}
