// The script a host page includes: <script src="…/widget/holi-bot.js" async></script>.
// It must stay tiny. It draws a real launcher button inside each <holi-bot> at once, and loads
// the Angular element (holi-bot-element.js, next to this file) on the first interaction or once
// the page is idle. When the element is defined the placeholder goes; a click made meanwhile
// opens the panel then.
import { Launcher as de } from './app/i18n/de';
import { Launcher as en } from './app/i18n/en';
import { Launcher as es } from './app/i18n/es';
import { Launcher as nl } from './app/i18n/nl';

interface HoliBotHost extends HTMLElement {
  open?(): void;
  close?(): void;
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
    nl: [nl.label, nl.unavailable],
  };
  const script = document.currentScript as HTMLScriptElement | null;
  const elementUrl = new URL('holi-bot-element.js', script?.src || location.href).href;
  const placeholders = new Map<HoliBotHost, HTMLButtonElement>();
  let loading: Promise<unknown> | null = null;
  let openWhenDefined = false;

  const load = () =>
    (loading ??= import(/* @vite-ignore */ elementUrl).catch((error: unknown) => {
      // Said on the launcher too, not only in the console; the next press tries again.
      loading = null;
      openWhenDefined = false;
      placeholders.forEach((button) => {
        button.removeAttribute('aria-busy');
        button.setAttribute('aria-label', (button.title = button.dataset['unavailable']!));
      });
      console.error('HoliBot: the widget could not be loaded from', elementUrl, error);
    }));
  const firstHost = () => document.querySelector<HoliBotHost>(TAG);

  const placeholder = (host: HoliBotHost) => {
    if (placeholders.has(host)) return;
    const holder = document.createElement('span');
    const button = document.createElement('button');
    const lang = (host.getAttribute('lang') || navigator.language || '').slice(0, 2).toLowerCase();
    const [label, unavailable] = labels[lang] || labels['en']!;
    button.type = 'button';
    button.dataset['unavailable'] = unavailable;
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    // Same size and place as the element's launcher, so nothing jumps when it takes over.
    // CSSOM styles: allowed under a strict Content-Security-Policy, unlike style attributes.
    const side = host.getAttribute('position') === 'left' ? 'left' : 'right';
    Object.assign(button.style, {
      position: 'fixed',
      bottom: '20px',
      [side]: '20px',
      zIndex: '2147483000',
      width: '56px',
      height: '56px',
      margin: '0',
      padding: '0',
      border: '0',
      borderRadius: '50%',
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
    svg.setAttribute('aria-hidden', 'true');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    svg.append(path);
    button.append(svg);
    button.addEventListener('click', () => {
      openWhenDefined = true;
      button.setAttribute('aria-busy', 'true');
      void load();
    });
    button.addEventListener('focus', () => void load());
    button.addEventListener('pointerenter', () => void load());
    // A shadow root of its own keeps the host page's CSS off the button.
    holder.attachShadow({ mode: 'open' }).append(button);
    host.append(holder);
    placeholders.set(host, button);
  };

  const decorate = () => {
    if (customElements.get(TAG)) return;
    document.querySelectorAll<HoliBotHost>(TAG).forEach(placeholder);
    if (document.querySelector(`${TAG}[open]`)) void load();
  };

  window.openHoliBot = () => {
    if (!firstHost()) document.body.append(document.createElement(TAG));
    if (customElements.get(TAG)) return firstHost()?.open?.();
    openWhenDefined = true;
    decorate();
    void load();
  };
  window.closeHoliBot = () => {
    openWhenDefined = false;
    firstHost()?.close?.();
  };

  void customElements.whenDefined(TAG).then(() => {
    placeholders.forEach((button, host) => {
      const hadFocus = button.getRootNode() instanceof ShadowRoot && (button.getRootNode() as ShadowRoot).activeElement === button;
      if (button.parentNode) (button.getRootNode() as ShadowRoot).host.remove();
      if (hadFocus) host.focus();
    });
    placeholders.clear();
    if (openWhenDefined) firstHost()?.open?.();
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', decorate, { once: true });
  else decorate();

  // Nothing heavy before the page has loaded; then the element comes in when the browser idles.
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => void load(), { timeout: 5000 }) : setTimeout(() => void load(), 2000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
})();
