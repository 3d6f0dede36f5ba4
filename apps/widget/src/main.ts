// Registers the <holi-bot> custom element; everything else lives in the component.
import { CSP_NONCE, provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { DEFAULT_API_URL } from './app/holi-bot.component';
import { holiBotElement, type HoliBotElement } from './app/host-api';
import { loadStrings, resolveLanguage } from './app/i18n';
import { styleNonce } from './app/style-nonce';

if (!customElements.get('holi-bot')) {
  // The page's language first, so the widget never shows English for a moment.
  await loadStrings(resolveLanguage(document.querySelector('holi-bot')?.getAttribute('lang') || navigator.language));
  const app = await createApplication({
    providers: [
      provideZonelessChangeDetection(),
      { provide: CSP_NONCE, useValue: styleNonce() },
      // Served by the HoliBot server, so its API lives on the same origin as this file.
      { provide: DEFAULT_API_URL, useValue: new URL('/api/v1', import.meta.url).href },
    ],
  });
  customElements.define('holi-bot', holiBotElement(app));
}

declare global {
  interface HTMLElementTagNameMap {
    'holi-bot': HoliBotElement;
  }
}
