import type { Language } from '@holibot/contracts';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { nl } from './nl';
import type { UiStrings } from './ui-strings';

export type { UiStrings } from './ui-strings';

const STRINGS: Record<Language, UiStrings> = { en, es, de, nl };

/** 'es-ES' → 'es'; anything the widget does not speak → English. */
export function resolveLanguage(requested: string | null | undefined): Language {
  const code = (requested ?? '').trim().slice(0, 2).toLowerCase();
  return code in STRINGS ? (code as Language) : 'en';
}

export function uiStrings(language: Language): UiStrings {
  return STRINGS[language];
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
