import { normalizeText } from '../common/text.js';
import type { StoredAttribute } from './poi-attributes.js';

/**
 * What a place's description says about an attribute, in any of the catalogue's languages:
 * weaker evidence than a tag ("terraza" in a description is not `outdoor_seating=yes`), so
 * answers rank it after tagged places and say where it comes from. Phrases are written
 * normalized (lower-case, no accents); the quote keeps the description's own spelling.
 */
// Phrases, never a bare "children" or "gratis": those appear in any context ("not suitable for
// young children", "wifi gratis").
// prettier-ignore
const PHRASES: Partial<Record<StoredAttribute, string[]>> = {
  kids: ['families with children', 'family friendly', 'for families', 'for children', 'for kids', 'children welcome', 'kids welcome', 'kids area', 'playground', 'para familias', 'para ninos', 'ninos bienvenidos', 'parque infantil', 'zona infantil', 'kinderfreundlich', 'familienfreundlich', 'fur familien', 'fur kinder', 'kinder willkommen', 'spielplatz', 'kindvriendelijk', 'gezinsvriendelijk', 'voor gezinnen', 'voor kinderen', 'kinderen welkom', 'speeltuin', 'pour les familles', 'pour les enfants', 'enfants bienvenus', 'aire de jeux'],
  dogs: ['dogs welcome', 'dog friendly', 'dogs allowed', 'pet friendly', 'dog beach', 'se admiten perros', 'perros bienvenidos', 'playa canina', 'hunde willkommen', 'hunde erlaubt', 'hundefreundlich', 'hundestrand', 'honden welkom', 'honden toegestaan', 'hondenstrand', 'chiens acceptes', 'chiens admis', 'chiens bienvenus'],
  outdoorSeating: ['terrace', 'outdoor seating', 'patio', 'al fresco', 'terraza', 'terrasse', 'terras'],
  wheelchair: ['wheelchair accessible', 'step free', 'accesible en silla de ruedas', 'adaptado para silla de ruedas', 'rollstuhlgerecht', 'barrierefrei', 'rolstoeltoegankelijk', 'accessible en fauteuil roulant'],
  vegetarian: ['vegetarian', 'vegetariano', 'vegetariana', 'vegetarisch', 'vegetarische', 'vegetarien', 'vegetarienne'],
  vegan: ['vegan', 'vegano', 'vegana', 'veganistisch', 'vegetalien'],
  wifi: ['wifi', 'wi fi', 'wlan'],
  airConditioning: ['air conditioning', 'air conditioned', 'aire acondicionado', 'klimaanlage', 'klimatisiert', 'airco', 'climatisation', 'climatise'],
  takeaway: ['takeaway', 'take away', 'para llevar', 'zum mitnehmen', 'afhalen', 'a emporter'],
  delivery: ['home delivery', 'a domicilio', 'lieferservice', 'bezorging', 'livraison a domicile'],
  free: ['free entry', 'free admission', 'admission is free', 'entrada gratuita', 'entrada libre', 'eintritt frei', 'freier eintritt', 'kostenloser eintritt', 'gratis toegang', 'vrij toegankelijk', 'entree libre', 'entree gratuite'],
};

/** Anywhere before a phrase in its clause, one of these says the opposite ("no dogs", "not suitable for children", "sans terrasse"). */
const NEGATIONS = new Set([
  'no',
  'not',
  'without',
  'never',
  'sin',
  'nunca',
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
  'ni',
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
 * ("Terraza con vistas" → outdoorSeating: "Terraza"). A mention after a negation in the same
 * clause states nothing.
 */
export function describedAttributes(descriptions: Array<string | null | undefined>): Map<StoredAttribute, string> {
  const found = new Map<StoredAttribute, string>();
  for (const description of descriptions) {
    // Clauses end at punctuation: "Keine Hunde erlaubt, Kinder willkommen" negates only the dogs.
    for (const clause of (description ?? '').split(/[.,;:!?()\n]/)) {
      const written = clause.match(/[\p{L}\p{N}]+/gu) ?? [];
      const normalized = written.map((word) => normalizeText(word));
      for (const { attribute, phrases } of PHRASE_WORDS) {
        if (found.has(attribute)) continue;
        for (const phrase of phrases) {
          const at = indexOf(normalized, phrase);
          if (at < 0 || normalized.slice(0, at).some((word) => NEGATIONS.has(word))) continue;
          found.set(attribute, written.slice(at, at + phrase.length).join(' '));
          break;
        }
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
