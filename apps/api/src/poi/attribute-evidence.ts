import { normalizeText } from '../common/text.js';
import type { StoredAttribute } from './poi-attributes.js';

/**
 * What a place's description says about an attribute, in any of the catalogue's languages:
 * weaker evidence than a tag ("terraza" in a description is not `outdoor_seating=yes`), so
 * answers rank it after tagged places and say where it comes from. Phrases are written
 * normalized (lower-case, no accents); the quote keeps the description's own spelling.
 */
// prettier-ignore
const PHRASES: Partial<Record<StoredAttribute, string[]>> = {
  kids: ['families with children', 'family friendly', 'for families', 'for children', 'for kids', 'kids', 'children', 'playground', 'kids area', 'familias', 'para familias', 'ninos', 'parque infantil', 'familien', 'kinder', 'kinderfreundlich', 'spielplatz', 'gezinnen', 'kinderen', 'kindvriendelijk', 'speeltuin', 'familles', 'enfants', 'aire de jeux'],
  dogs: ['dogs welcome', 'dog friendly', 'dogs allowed', 'pet friendly', 'dog beach', 'se admiten perros', 'perros', 'mascotas', 'playa canina', 'hunde willkommen', 'hunde erlaubt', 'hundefreundlich', 'hundestrand', 'honden welkom', 'honden toegestaan', 'hondenstrand', 'chiens acceptes', 'chiens admis'],
  outdoorSeating: ['terrace', 'outdoor seating', 'patio', 'al fresco', 'terraza', 'terrasse', 'terras'],
  wheelchair: ['wheelchair accessible', 'wheelchair', 'step free', 'silla de ruedas', 'rollstuhlgerecht', 'barrierefrei', 'rolstoeltoegankelijk', 'fauteuil roulant'],
  vegetarian: ['vegetarian', 'vegetariano', 'vegetariana', 'vegetarisch', 'vegetarische', 'vegetarien', 'vegetarienne'],
  vegan: ['vegan', 'vegano', 'vegana', 'veganistisch', 'vegetalien'],
  free: ['free entry', 'free admission', 'free of charge', 'entrada gratuita', 'entrada libre', 'eintritt frei', 'kostenlos', 'gratis', 'gratuit', 'entree libre'],
};

/** A phrase up to three words after one of these says the opposite ("no dogs", "not suitable for children", "sans terrasse"). */
const NEGATIONS = new Set([
  'no',
  'not',
  'without',
  'sin',
  'nicht',
  'kein',
  'keine',
  'keinen',
  'ohne',
  'niet',
  'geen',
  'zonder',
  'pas',
  'sans',
  'aucun',
  'aucune',
  'prohibido',
  'prohibidos',
  'verboten',
  'verboden',
  'interdit',
  'interdits',
]);

const PHRASE_WORDS = Object.entries(PHRASES).map(([attribute, phrases]) => ({
  attribute: attribute as StoredAttribute,
  phrases: phrases.map((phrase) => phrase.split(' ')),
}));

/**
 * The attributes the descriptions state, each with the words that state it as written
 * ("Terraza con vistas" → outdoorSeating: "Terraza"). A negated mention states nothing.
 */
export function describedAttributes(descriptions: Array<string | null | undefined>): Map<StoredAttribute, string> {
  const found = new Map<StoredAttribute, string>();
  for (const description of descriptions) {
    if (!description) continue;
    const written = description.match(/[\p{L}\p{N}]+/gu) ?? [];
    const normalized = written.map((word) => normalizeText(word));
    for (const { attribute, phrases } of PHRASE_WORDS) {
      if (found.has(attribute)) continue;
      for (const phrase of phrases) {
        const at = indexOf(normalized, phrase);
        if (at < 0 || normalized.slice(Math.max(0, at - 3), at).some((word) => NEGATIONS.has(word))) continue;
        found.set(attribute, written.slice(at, at + phrase.length).join(' '));
        break;
      }
    }
  }
  return found;
}

function indexOf(words: string[], phrase: string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i += 1) {
    for (let j = 0; j < phrase.length; j += 1) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}
