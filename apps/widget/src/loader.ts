// The script a host page includes: <script src="…/widget/holi-bot.js" async></script>.
// It must stay tiny. It draws a real launcher button for each <holi-bot> at once (also for one
// the page adds later), and loads the Angular element (holi-bot-element.js, next to this file) on
// the first interaction or once the page is idle. When the element is defined the placeholder
// goes; a click made meanwhile opens the panel then.
import type { Corner } from './app/corner';
import { Launcher as de } from './app/i18n/de';
import { Launcher as en } from './app/i18n/en';
import { Launcher as es } from './app/i18n/es';
import { Launcher as fr } from './app/i18n/fr';
import { Launcher as nl } from './app/i18n/nl';

interface HoliBotHost extends HTMLElement {
  open?(): void;
  close?(): void;
}

interface Placeholder {
  holder: HTMLElement;
  button: HTMLButtonElement;
  ring: HTMLElement;
  badge: HTMLElement;
  side: Corner;
  labels: [string, string];
  spin?: Animation;
}

declare global {
  interface Window {
    openHoliBot?: () => void;
    closeHoliBot?: () => void;
  }
}

(() => {
  const TAG = 'holi-bot';
  // Included twice: the first copy is in charge.
  if (window.openHoliBot) return;

  const labels: Record<string, [string, string]> = {
    en: [en.label, en.unavailable],
    es: [es.label, es.unavailable],
    de: [de.label, de.unavailable],
    fr: [fr.label, fr.unavailable],
    nl: [nl.label, nl.unavailable],
  };
  const script = document.currentScript as HTMLScriptElement | null;
  const elementUrl = new URL('holi-bot-element.js', script?.src || location.href).href;
  const hosts = document.getElementsByTagName(TAG) as HTMLCollectionOf<HoliBotHost>;
  const placeholders = new Map<HoliBotHost, Placeholder>();
  // The top layer: above every z-index, out of any transformed, filtered or clipping ancestor.
  const topLayer = 'showPopover' in HTMLElement.prototype;
  let loading: Promise<unknown> | null = null;
  let failed = false;
  let openWhenDefined = false;

  // app/corner.ts's rule (cornerOf, cornerOwner, claimCorner), written out here: a function
  // imported from there would be hoisted out of this IIFE into the page's globals (the application
  // builder emits an ES module; the page loads this file as a classic script).
  const cornerOf = (host: Element): Corner => (host.getAttribute('position') === 'left' ? 'left' : 'right');
  const cornerOwner = (host: Element) => [...hosts].find((el) => cornerOf(el) === cornerOf(host)) === host;
  // The component warns about a host only when this has not (the same mark on the element).
  const WARNED = Symbol.for('holibot.cornerWarned');
  const claimCorner = (host: HoliBotHost) => {
    if (cornerOwner(host)) return true;
    if (!(WARNED in host)) {
      Object.defineProperty(host, WARNED, { value: 1 });
      const corner = cornerOf(host);
      console.warn(
        `HoliBot: a second <holi-bot> on the ${corner} corner is ignored; give it position="${corner === 'left' ? 'right' : 'left'}" or remove it`,
        host,
      );
    }
    return false;
  };

  const css = (el: HTMLElement, style: Partial<CSSStyleDeclaration>) => Object.assign(el.style, style);

  // The label says "could not load" from a failure until the element is there; while a press
  // loads, a ring turns (aria-busy), otherwise a failure shows a red "!". CSSOM styles and Web
  // Animations only: a strict Content-Security-Policy allows them, unlike style attributes or
  // <style> text.
  const show = (p: Placeholder, busy: boolean) => {
    const { button, ring, badge } = p;
    p.spin?.cancel();
    ring.style.display = busy ? 'block' : 'none';
    badge.style.display = failed && !busy ? 'flex' : 'none';
    button.setAttribute('aria-label', p.labels[+failed]!);
    if (failed) button.title = p.labels[1];
    if (!busy) return button.removeAttribute('aria-busy');
    button.setAttribute('aria-busy', 'true');
    // A turning arc; with reduced motion a whole ring that only fades in and out.
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    ring.style.borderColor = still ? '#fff' : 'rgba(255,255,255,.35)';
    ring.style.borderTopColor = '#fff';
    p.spin = ring.animate(still ? { opacity: [1, 0.4] } : { transform: ['rotate(0)', 'rotate(1turn)'] }, {
      duration: still ? 1200 : 900,
      iterations: Infinity,
      direction: still ? 'alternate' : 'normal',
    });
  };

  const load = () =>
    (loading ??= import(/* @vite-ignore */ elementUrl).catch((error: unknown) => {
      // Shown on the launcher, not only in the console; the next press tries again.
      loading = null;
      failed = true;
      openWhenDefined = false;
      placeholders.forEach((p) => show(p, false));
      console.error('HoliBot: the widget could not be loaded from', elementUrl, error);
    }));
  const firstHost = () => hosts[0];

  const drop = (host: HoliBotHost, p: Placeholder) => {
    p.spin?.cancel();
    p.holder.remove();
    placeholders.delete(host);
  };

  const span = () => document.createElement('span');

  const placeholder = (host: HoliBotHost) => {
    // With the top layer the button stays inside <holi-bot>; without, it goes to <body>, out of
    // a transformed or clipping ancestor.
    const parent = topLayer ? host : document.body;
    if (!parent) return;
    const holder = span();
    const button = document.createElement('button');
    const ring = span();
    const badge = span();
    const lang = (host.getAttribute('lang') || navigator.language || '').slice(0, 2).toLowerCase();
    const side = cornerOf(host);
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    // Same size and place as the element's launcher, so nothing jumps when it takes over; inset,
    // margin, border, padding, background and overflow undo the popover's UA styles.
    css(button, {
      position: 'fixed',
      inset: 'auto',
      bottom: '20px',
      [side]: '20px',
      zIndex: '2147483000',
      width: '56px',
      height: '56px',
      margin: '0',
      padding: '0',
      border: '0',
      borderRadius: '50%',
      overflow: 'visible',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      cursor: 'pointer',
      color: '#fff',
      background: host.getAttribute('primary-color') || '#075985',
      boxShadow: '0 4px 14px rgba(0,0,0,.3)',
    });
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '28');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    svg.append(path);
    // Progress while the element loads after a press.
    css(ring, {
      position: 'absolute',
      inset: '4px',
      borderRadius: '50%',
      border: '3px solid',
      pointerEvents: 'none',
    });
    // The failed load: a red "!" on the launcher.
    css(badge, {
      position: 'absolute',
      top: '-4px',
      right: '-4px',
      width: '22px',
      height: '22px',
      borderRadius: '50%',
      border: '2px solid #fff',
      boxSizing: 'border-box',
      alignItems: 'center',
      justifyContent: 'center',
      background: '#b91c1c',
      font: 'bold 14px/1 system-ui,sans-serif',
      pointerEvents: 'none',
    });
    badge.textContent = '!';
    for (const el of [svg, ring, badge]) el.setAttribute('aria-hidden', 'true');
    button.append(svg, ring, badge);
    const p: Placeholder = { holder, button, ring, badge, side, labels: labels[lang] || labels['en']! };
    show(p, false);
    button.addEventListener('click', () => {
      openWhenDefined = true;
      void load();
      show(p, true);
    });
    button.addEventListener('focus', () => void load());
    button.addEventListener('pointerenter', () => void load());
    // A shadow root of its own keeps the host page's CSS off the button.
    holder.attachShadow({ mode: 'open' }).append(button);
    if (topLayer) button.popover = 'manual';
    parent.append(holder);
    if (topLayer) button.showPopover();
    placeholders.set(host, p);
  };

  // One placeholder per corner: for the first connected <holi-bot> there (the others are warned
  // about once each); none for a host gone from the page or moved to another corner.
  const sync = () => {
    if (customElements.get(TAG)) return;
    placeholders.forEach((p, host) => {
      if (p.side !== cornerOf(host) || !cornerOwner(host)) drop(host, p);
      // A host moved in one go: leaving the document took its button out of the top layer.
      else if (topLayer && !p.button.matches(':popover-open')) p.button.showPopover();
    });
    for (const host of hosts) if (claimCorner(host) && !placeholders.has(host)) placeholder(host);
    if (document.querySelector(`${TAG}[open]`)) void load();
  };
  // <holi-bot> elements added, removed or moved later, until the element draws its own launcher.
  const observer = new MutationObserver(sync);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['position'] });

  window.openHoliBot = () => {
    if (!firstHost()) document.body.append(document.createElement(TAG));
    if (customElements.get(TAG)) return firstHost()?.open?.();
    openWhenDefined = true;
    sync();
    void load();
    const p = placeholders.get(firstHost()!);
    if (p) show(p, true);
  };
  window.closeHoliBot = () => {
    openWhenDefined = false;
    firstHost()?.close?.();
  };

  void customElements.whenDefined(TAG).then(() => {
    observer.disconnect();
    placeholders.forEach((p, host) => {
      const hadFocus = p.holder.shadowRoot!.activeElement === p.button;
      drop(host, p);
      if (hadFocus) host.focus();
    });
    if (openWhenDefined) firstHost()?.open?.();
  });

  sync();

  // Nothing heavy before the page has loaded; then the element comes in when the browser idles.
  // So does the page's first Intl formatter, which costs ~40 ms (ICU data): paid here, not when the
  // visitor opens the chat or reads the first answer (it was the one long task of both).
  const idle = (work: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 5000 }) : setTimeout(work, 2000));
  const whenIdle = () => {
    idle(() => void load());
    idle(() => new Intl.DateTimeFormat().format());
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
})();
