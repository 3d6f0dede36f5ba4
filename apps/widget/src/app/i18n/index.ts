import { signal } from '@angular/core';
import type { UiLanguage, UiStrings } from './ui-strings';

export type { UiLanguage, UiStrings } from './ui-strings';

// Each language is a small chunk fetched when a visitor needs it: the element carries none, so a
// visitor downloads one language, not five. main.ts loads the page's language (English if that
// fails) before the element is defined, so nothing flashes.
const LOADERS: Record<UiLanguage, () => Promise<UiStrings>> = {
  en: () => import('./en').then((m) => m.en),
  es: () => import('./es').then((m) => m.es),
  de: () => import('./de').then((m) => m.de),
  nl: () => import('./nl').then((m) => m.nl),
  fr: () => import('./fr').then((m) => m.fr),
};
const loaded = signal<Partial<Record<UiLanguage, UiStrings>>>({});
const loading = new Map<UiLanguage, Promise<void>>();

/** 'es-ES' → 'es'; anything the widget does not speak → English. */
export function resolveLanguage(requested: string | null | undefined): UiLanguage {
  const code = (requested ?? '').trim().slice(0, 2).toLowerCase();
  return Object.hasOwn(LOADERS, code) ? (code as UiLanguage) : 'en';
}

/**
 * The strings of a language once loaded (a signal read: views update when they arrive); until
 * then English, or whichever language is there (main.ts makes sure one is).
 */
export function uiStrings(language: UiLanguage): UiStrings {
  const all = loaded();
  return (all[language] ?? all.en ?? Object.values(all)[0])!;
}

/**
 * Fetches a language's strings once. A language that fails falls back to English (and is tried
 * again next time); when not even English loads, the promise rejects.
 */
export function loadStrings(language: UiLanguage): Promise<void> {
  if (loaded()[language]) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]()
      .then((strings) => loaded.update((all) => ({ ...all, [language]: strings })))
      .catch((error: unknown) => {
        if (language === 'en') throw error;
        console.warn(`HoliBot: the ${language} texts could not be loaded; showing English.`);
        return loadStrings('en');
      })
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
