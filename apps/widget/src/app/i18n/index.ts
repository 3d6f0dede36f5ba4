import { signal } from '@angular/core';
import { en } from './en';
import type { UiLanguage, UiStrings } from './ui-strings';

export type { UiLanguage, UiStrings } from './ui-strings';

// English is in the element; the other languages are small chunks fetched when a visitor needs
// one (main.ts loads the page's language before the element is defined, so nothing flashes).
const LOADERS: Record<UiLanguage, () => Promise<UiStrings>> = {
  en: () => Promise.resolve(en),
  es: () => import('./es').then((m) => m.es),
  de: () => import('./de').then((m) => m.de),
  nl: () => import('./nl').then((m) => m.nl),
  fr: () => import('./fr').then((m) => m.fr),
};
const loaded = signal<Partial<Record<UiLanguage, UiStrings>>>({ en });
const loading = new Map<UiLanguage, Promise<void>>();

/** 'es-ES' → 'es'; anything the widget does not speak → English. */
export function resolveLanguage(requested: string | null | undefined): UiLanguage {
  const code = (requested ?? '').trim().slice(0, 2).toLowerCase();
  return Object.hasOwn(LOADERS, code) ? (code as UiLanguage) : 'en';
}

/** The strings of a language once loaded (a signal read: views update when they arrive), English until then. */
export function uiStrings(language: UiLanguage): UiStrings {
  return loaded()[language] ?? en;
}

/** Fetches a language's strings once; a failed fetch leaves English and is tried again next time. */
export function loadStrings(language: UiLanguage): Promise<void> {
  if (loaded()[language]) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]()
      .then((strings) => loaded.update((all) => ({ ...all, [language]: strings })))
      .catch(() => console.warn(`HoliBot: the ${language} texts could not be loaded; showing English.`))
      .finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The locale numbers and times are written in: the browser's own when it is a variant of the
 * widget's language (en-GB writes 23:30, en-US 11:30 PM), else the language.
 */
export function localeFor(language: UiLanguage): string {
  const browser = typeof navigator === 'undefined' ? '' : navigator.language;
  return browser.toLowerCase().startsWith(language) ? browser : language;
}
