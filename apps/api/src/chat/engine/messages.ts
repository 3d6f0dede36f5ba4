import type { Language, OpeningChange } from '@holibot/contracts';
import { SUBCATEGORY_LABELS } from '../../poi/index.js';
import type { Attribute } from './lexicon.js';

/** Every sentence the built-in engine writes, per language. */
export interface Messages {
  found(shown: number, total: number, place: string | null): string;
  filtered(count: number, noun: string): string;
  filteredNone(noun: string): string;
  /** Nothing asked for is open now; `when` is opensAt() of the first to open. */
  noneOpen(first: string, when: string): string;
  /** Nothing is open now and no opening hours say when anything opens. */
  noneOpenUnknown: string;
  /** The last list again, least expensive first (unknown prices last). */
  cheaperFirst: string;
  /** None of the last list has a known price. */
  pricesUnknown: string;
  /** When a closed place opens: "at 10:00", "tomorrow at 13:00", "on Monday at 09:30". */
  opensAt(next: OpeningChange): string;
  /** filteredNone for words the catalogue does not use: they are not quoted back. */
  filteredNoneUnnamed: string;
  /** Said before a list found without some of the question's words, which none of its places mentions. */
  without(words: string): string;
  /** without() when none of those words is one the catalogue uses ("tomar", "mag"): nothing is quoted. */
  withoutUnnamed: string;
  noResults(query: string, destination: string): string;
  /** A town outside the catalogue: the towns it has, and that it has nothing in that one. */
  unknownTown(town: string, towns: string[]): string;
  whichPlace: string;
  onlyN(count: number): string;
  yes(name: string, noun: string): string;
  no(name: string, noun: string): string;
  unknownAttribute(name: string, noun: string): string;
  openYes(name: string, hours: string): string;
  openNo(name: string, hours: string): string;
  openUnknown(name: string): string;
  hours(name: string, hours: string): string;
  address(name: string, address: string): string;
  phone(name: string, phone: string): string;
  website(name: string, website: string): string;
  price(name: string, level: number): string;
  rating(name: string, rating: number, reviews: number | null): string;
  dontKnow(name: string, what: 'address' | 'phone' | 'website' | 'hours' | 'price' | 'rating'): string;
  selected(name: string, subcategory: string): string;
  greeting(destination: string): string;
  thanks: string;
  goodbye(destination: string): string;
  /** The reply to an attempt to change or read the bot's rules: what it is for, nothing else. */
  offTopic(destination: string): string;
  help(destination: string): string;
  reviews: string;
  /** A rating as this language writes it, with one decimal ("4.8", "4,8"): as the widget's cards do. */
  decimal(value: number): string;
  /** A count as this language writes it ("2,150", "2.150"). */
  count(value: number): string;
  openNow: string;
  closedNow: string;
  /** Closed days in opening hours. */
  closedKeyword: string;
  addressLabel: string;
  attributes: Record<Attribute, string>;
  /** Subcategory → its name in this language (SUBCATEGORY_LABELS). */
  subcategories: Readonly<Record<string, string>>;
}

/** "Calpe, Altea and Benissa", in the language's words. */
function list(locale: string, items: string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

/** Numbers the way a language writes them, with the same Intl rules as the widget's cards. */
function numbers(locale: string): Pick<Messages, 'decimal' | 'count'> {
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return { decimal: (value) => decimal.format(value), count: (value) => integer.format(value) };
}

const en: Messages = {
  ...numbers('en'),
  found: (shown, total, place) =>
    `${total > shown ? `I found ${total} places${place ? ` in ${place}` : ''}; here are the ${shown} best rated` : shown === 1 ? `I found one place${place ? ` in ${place}` : ''}` : `I found ${shown} places${place ? ` in ${place}` : ''}`}:`,
  filtered: (count, noun) => `${count === 1 ? 'One of them' : `${count} of them`} — ${noun}:`,
  filteredNone: (noun) => `None of those places matches: ${noun}.`,
  without: (words) => `None of the places that fit the rest of your question mention “${words}”; here they are without it.`,
  withoutUnnamed: 'No place mentions everything you asked; here are those that fit the rest of your question.',
  unknownTown: (town, towns) => `I only know places in ${list('en', towns)}: I have nothing in ${town}.`,
  noneOpen: (first, when) => `Nothing is open right now; the first to open is ${first}, ${when}:`,
  noneOpenUnknown: 'None of them is open right now, as far as we know:',
  cheaperFirst: 'The same places, least expensive first:',
  pricesUnknown: "I don't know the prices of those places.",
  opensAt: ({ time, inDays, weekday }) =>
    inDays === 0
      ? `at ${time}`
      : inDays === 1
        ? `tomorrow at ${time}`
        : `on ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekday]} at ${time}`,
  filteredNoneUnnamed: 'None of those places matches what you asked.',
  noResults: (query, destination) =>
    `Sorry, I couldn't find anything for “${query}” in the ${destination} catalogue. You can ask me about restaurants, beaches, museums, activities or practical places.`,
  whichPlace: 'Which place do you mean? Ask me first about restaurants, beaches or things to do, then about one of them.',
  onlyN: (count) => `My last answer had only ${count} ${count === 1 ? 'place' : 'places'}.`,
  yes: (name, noun) => `Yes — ${name}: ${noun}.`,
  no: (name, noun) => `No — according to our information, ${name} does not offer this (${noun}).`,
  unknownAttribute: (name, noun) => `I don't know: we have no information about ${noun} for ${name}.`,
  openYes: (name, hours) => `Yes, ${name} is open now (opening hours: ${hours}).`,
  openNo: (name, hours) => `No, ${name} is closed right now. Opening hours: ${hours}.`,
  openUnknown: (name) => `I don't know whether ${name} is open now: we have no opening hours for it.`,
  hours: (name, hours) => `Opening hours of ${name}: ${hours}.`,
  address: (name, address) => `The address of ${name} is ${address}.`,
  phone: (name, phone) => `The phone number of ${name} is ${phone}.`,
  website: (name, website) => `The website of ${name} is ${website}.`,
  price: (name, level) => `${name} is ${['inexpensive', 'moderately priced', 'rather expensive', 'expensive'][level - 1]} (${'€'.repeat(level)}).`,
  rating: (name, rating, reviews) => `${name} is rated ${en.decimal(rating)} out of 5${reviews ? ` (${en.count(reviews)} reviews)` : ''}.`,
  dontKnow: (name, what) =>
    `I don't know the ${{ address: 'address', phone: 'phone number', website: 'website', hours: 'opening hours', price: 'price level', rating: 'rating' }[what]} of ${name}.`,
  selected: (name, subcategory) => `${name} (${subcategory}):`,
  greeting: (destination) => `Hello! I'm HoliBot, your guide to ${destination}. Ask me where to eat, swim, walk or what to visit.`,
  thanks: "You're welcome! Ask me anything else about your stay.",
  goodbye: (destination) => `Goodbye, and enjoy ${destination}! I'm here whenever you need a place to eat, swim, walk or visit.`,
  offTopic: (destination) => `I can only help with places in ${destination}: where to eat, swim, walk or what to visit. What are you looking for?`,
  help: (destination) =>
    `I know the places of ${destination}: restaurants, cafés, beaches, museums, activities, shops and practical addresses. Try “best restaurants”, “beaches for dogs” or “museums”, then ask “which one has outdoor seating?” or “what's the address of the first one?”.`,
  reviews: 'reviews',
  openNow: 'open now',
  closedNow: 'closed now',
  closedKeyword: 'off',
  addressLabel: 'Address',
  attributes: {
    outdoorSeating: 'outdoor seating',
    wheelchair: 'wheelchair accessible',
    vegetarian: 'vegetarian options',
    vegan: 'vegan options',
    dogs: 'dogs welcome',
    kids: 'family friendly',
    free: 'free of charge',
    cheap: 'inexpensive (€–€€)',
    expensive: 'upscale (€€€–€€€€)',
    openNow: 'open now',
  },
  subcategories: SUBCATEGORY_LABELS.en,
};

const es: Messages = {
  ...numbers('es'),
  found: (shown, total, place) =>
    `${total > shown ? `He encontrado ${total} lugares${place ? ` en ${place}` : ''}; estos son los ${shown} mejor valorados` : shown === 1 ? `He encontrado un lugar${place ? ` en ${place}` : ''}` : `He encontrado ${shown} lugares${place ? ` en ${place}` : ''}`}:`,
  filtered: (count, noun) => `${count === 1 ? 'Uno de ellos' : `${count} de ellos`} — ${noun}:`,
  filteredNone: (noun) => `Ninguno de esos lugares cumple: ${noun}.`,
  without: (words) => `Ninguno de los lugares que encajan con el resto de tu pregunta menciona «${words}»; aquí están sin ello.`,
  withoutUnnamed: 'Ningún lugar menciona todo lo que pides; estos son los que encajan con el resto de tu pregunta.',
  unknownTown: (town, towns) => `Solo conozco lugares en ${list('es', towns)}: no tengo nada en ${town}.`,
  noneOpen: (first, when) => `Ahora mismo no hay nada abierto; el primero en abrir es ${first}, ${when}:`,
  noneOpenUnknown: 'Que sepamos, ahora mismo no hay ninguno abierto:',
  cheaperFirst: 'Los mismos lugares, del más económico al más caro:',
  pricesUnknown: 'No conozco los precios de esos lugares.',
  opensAt: ({ time, inDays, weekday }) =>
    inDays === 0
      ? `a las ${time}`
      : inDays === 1
        ? `mañana a las ${time}`
        : `el ${['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'][weekday]} a las ${time}`,
  filteredNoneUnnamed: 'Ninguno de esos lugares cumple lo que pides.',
  noResults: (query, destination) =>
    `Lo siento, no he encontrado nada para «${query}» en el catálogo de ${destination}. Puedes preguntarme por restaurantes, playas, museos, actividades o servicios prácticos.`,
  whichPlace: '¿A qué lugar te refieres? Pregúntame primero por restaurantes, playas o actividades, y luego por uno de ellos.',
  onlyN: (count) => `Mi última respuesta solo tenía ${count} ${count === 1 ? 'lugar' : 'lugares'}.`,
  yes: (name, noun) => `Sí — ${name}: ${noun}.`,
  no: (name, noun) => `No — según nuestra información, ${name} no lo ofrece (${noun}).`,
  unknownAttribute: (name, noun) => `No lo sé: no tenemos información sobre «${noun}» para ${name}.`,
  openYes: (name, hours) => `Sí, ${name} está abierto ahora (horario: ${hours}).`,
  openNo: (name, hours) => `No, ${name} está cerrado en este momento. Horario: ${hours}.`,
  openUnknown: (name) => `No sé si ${name} está abierto ahora: no tenemos su horario.`,
  hours: (name, hours) => `Horario de ${name}: ${hours}.`,
  address: (name, address) => `La dirección de ${name} es ${address}.`,
  phone: (name, phone) => `El teléfono de ${name} es ${phone}.`,
  website: (name, website) => `La web de ${name} es ${website}.`,
  price: (name, level) => `${name} es ${['económico', 'de precio medio', 'algo caro', 'caro'][level - 1]} (${'€'.repeat(level)}).`,
  rating: (name, rating, reviews) => `${name} tiene una valoración de ${es.decimal(rating)} sobre 5${reviews ? ` (${es.count(reviews)} opiniones)` : ''}.`,
  dontKnow: (name, what) =>
    `No sé ${{ address: 'la dirección', phone: 'el teléfono', website: 'la web', hours: 'el horario', price: 'el nivel de precios', rating: 'la valoración' }[what]} de ${name}.`,
  selected: (name, subcategory) => `${name} (${subcategory}):`,
  greeting: (destination) => `¡Hola! Soy HoliBot, tu guía de ${destination}. Pregúntame dónde comer, bañarte, pasear o qué visitar.`,
  thanks: '¡De nada! Pregúntame lo que quieras sobre tu estancia.',
  goodbye: (destination) => `¡Hasta pronto y que disfrutes de ${destination}! Aquí estaré cuando busques dónde comer, bañarte, pasear o qué visitar.`,
  offTopic: (destination) => `Solo puedo ayudarte con lugares de ${destination}: dónde comer, bañarte, pasear o qué visitar. ¿Qué buscas?`,
  help: (destination) =>
    `Conozco los lugares de ${destination}: restaurantes, cafeterías, playas, museos, actividades, tiendas y servicios. Prueba «mejores restaurantes», «playas para perros» o «museos», y luego «¿cuál tiene terraza?» o «¿cuál es la dirección del primero?».`,
  reviews: 'opiniones',
  openNow: 'abierto ahora',
  closedNow: 'cerrado ahora',
  closedKeyword: 'cerrado',
  addressLabel: 'Dirección',
  attributes: {
    outdoorSeating: 'terraza',
    wheelchair: 'accesible en silla de ruedas',
    vegetarian: 'opciones vegetarianas',
    vegan: 'opciones veganas',
    dogs: 'se admiten perros',
    kids: 'apto para familias',
    free: 'gratuito',
    cheap: 'económico (€–€€)',
    expensive: 'de categoría (€€€–€€€€)',
    openNow: 'abierto ahora',
  },
  subcategories: SUBCATEGORY_LABELS.es,
};

const de: Messages = {
  ...numbers('de'),
  found: (shown, total, place) =>
    `${total > shown ? `Ich habe ${total} Orte${place ? ` in ${place}` : ''} gefunden; hier sind die ${shown} bestbewerteten` : shown === 1 ? `Ich habe einen Ort${place ? ` in ${place}` : ''} gefunden` : `Ich habe ${shown} Orte${place ? ` in ${place}` : ''} gefunden`}:`,
  filtered: (count, noun) => `${count === 1 ? 'Einer davon' : `${count} davon`} — ${noun}:`,
  filteredNone: (noun) => `Keiner dieser Orte passt: ${noun}.`,
  without: (words) => `Keiner der Orte, die zum Rest deiner Frage passen, erwähnt „${words}“; hier sind sie ohne das.`,
  withoutUnnamed: 'Kein Ort erwähnt alles, wonach Sie fragen; hier sind die, die zum Rest Ihrer Frage passen.',
  unknownTown: (town, towns) => `Ich kenne nur Orte in ${list('de', towns)}; in ${town} habe ich nichts.`,
  noneOpen: (first, when) => `Gerade ist nichts geöffnet; als Erstes öffnet ${first}, ${when}:`,
  noneOpenUnknown: 'Nach unseren Angaben ist gerade keiner geöffnet:',
  cheaperFirst: 'Dieselben Orte, die günstigsten zuerst:',
  pricesUnknown: 'Die Preise dieser Orte kenne ich nicht.',
  opensAt: ({ time, inDays, weekday }) =>
    inDays === 0
      ? `um ${time} Uhr`
      : inDays === 1
        ? `morgen um ${time} Uhr`
        : `am ${['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'][weekday]} um ${time} Uhr`,
  filteredNoneUnnamed: 'Keiner dieser Orte passt zu Ihrer Frage.',
  noResults: (query, destination) =>
    `Leider habe ich im Katalog von ${destination} nichts zu „${query}“ gefunden. Fragen Sie mich nach Restaurants, Stränden, Museen, Aktivitäten oder praktischen Adressen.`,
  whichPlace: 'Welchen Ort meinen Sie? Fragen Sie mich zuerst nach Restaurants, Stränden oder Aktivitäten und dann nach einem davon.',
  onlyN: (count) => `Meine letzte Antwort hatte nur ${count} ${count === 1 ? 'Ort' : 'Orte'}.`,
  yes: (name, noun) => `Ja — ${name}: ${noun}.`,
  no: (name, noun) => `Nein — laut unseren Informationen trifft das auf ${name} nicht zu (${noun}).`,
  unknownAttribute: (name, noun) => `Das weiß ich nicht: Wir haben keine Angaben zu „${noun}“ für ${name}.`,
  openYes: (name, hours) => `Ja, ${name} ist jetzt geöffnet (Öffnungszeiten: ${hours}).`,
  openNo: (name, hours) => `Nein, ${name} ist gerade geschlossen. Öffnungszeiten: ${hours}.`,
  openUnknown: (name) => `Ich weiß nicht, ob ${name} jetzt geöffnet ist: Wir haben keine Öffnungszeiten dafür.`,
  hours: (name, hours) => `Öffnungszeiten von ${name}: ${hours}.`,
  address: (name, address) => `Die Adresse von ${name} ist ${address}.`,
  phone: (name, phone) => `Die Telefonnummer von ${name} ist ${phone}.`,
  website: (name, website) => `Die Webseite von ${name} ist ${website}.`,
  price: (name, level) => `${name} ist ${['günstig', 'mittelpreisig', 'eher teuer', 'teuer'][level - 1]} (${'€'.repeat(level)}).`,
  rating: (name, rating, reviews) => `${name} ist mit ${de.decimal(rating)} von 5 bewertet${reviews ? ` (${de.count(reviews)} Bewertungen)` : ''}.`,
  dontKnow: (name, what) =>
    `Ich kenne ${{ address: 'die Adresse', phone: 'die Telefonnummer', website: 'die Webseite', hours: 'die Öffnungszeiten', price: 'das Preisniveau', rating: 'die Bewertung' }[what]} von ${name} nicht.`,
  selected: (name, subcategory) => `${name} (${subcategory}):`,
  greeting: (destination) =>
    `Hallo! Ich bin HoliBot, Ihr Reiseführer für ${destination}. Fragen Sie mich, wo Sie essen, baden, wandern oder was Sie besichtigen können.`,
  thanks: 'Gern geschehen! Fragen Sie mich gern noch mehr zu Ihrem Aufenthalt.',
  goodbye: (destination) =>
    `Auf Wiedersehen und viel Freude in ${destination}! Ich bin da, wenn Sie einen Ort zum Essen, Baden, Wandern oder Besichtigen suchen.`,
  offTopic: (destination) => `Ich kann nur bei Orten in ${destination} helfen: wo Sie essen, baden, wandern oder was Sie besichtigen können. Was suchen Sie?`,
  help: (destination) =>
    `Ich kenne die Orte von ${destination}: Restaurants, Cafés, Strände, Museen, Aktivitäten, Geschäfte und praktische Adressen. Versuchen Sie „beste Restaurants“, „Hundestrände“ oder „Museen“ und dann „welches hat eine Terrasse?“ oder „Adresse des ersten?“.`,
  reviews: 'Bewertungen',
  openNow: 'jetzt geöffnet',
  closedNow: 'jetzt geschlossen',
  closedKeyword: 'geschlossen',
  addressLabel: 'Adresse',
  attributes: {
    outdoorSeating: 'Sitzplätze im Freien',
    wheelchair: 'rollstuhlgerecht',
    vegetarian: 'vegetarische Gerichte',
    vegan: 'vegane Gerichte',
    dogs: 'Hunde erlaubt',
    kids: 'familienfreundlich',
    free: 'kostenlos',
    cheap: 'günstig (€–€€)',
    expensive: 'gehoben (€€€–€€€€)',
    openNow: 'jetzt geöffnet',
  },
  subcategories: SUBCATEGORY_LABELS.de,
};

const nl: Messages = {
  ...numbers('nl'),
  found: (shown, total, place) =>
    `${total > shown ? `Ik heb ${total} plekken${place ? ` in ${place}` : ''} gevonden; dit zijn de ${shown} best beoordeelde` : shown === 1 ? `Ik heb één plek${place ? ` in ${place}` : ''} gevonden` : `Ik heb ${shown} plekken${place ? ` in ${place}` : ''} gevonden`}:`,
  filtered: (count, noun) => `${count === 1 ? 'Eén daarvan' : `${count} daarvan`} — ${noun}:`,
  filteredNone: (noun) => `Geen van die plekken past: ${noun}.`,
  without: (words) => `Geen van de plekken die bij de rest van je vraag passen noemt ‘${words}’; hier zijn ze zonder dat.`,
  withoutUnnamed: 'Geen plek noemt alles wat je vraagt; dit zijn de plekken die bij de rest van je vraag passen.',
  unknownTown: (town, towns) => `Ik ken alleen plekken in ${list('nl', towns)}; in ${town} heb ik niets.`,
  noneOpen: (first, when) => `Er is nu niets open; als eerste gaat ${first} open, ${when}:`,
  noneOpenUnknown: 'Voor zover we weten is er nu niets open:',
  cheaperFirst: 'Dezelfde plekken, de goedkoopste eerst:',
  pricesUnknown: 'De prijzen van die plekken ken ik niet.',
  opensAt: ({ time, inDays, weekday }) =>
    inDays === 0
      ? `om ${time}`
      : inDays === 1
        ? `morgen om ${time}`
        : `op ${['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'][weekday]} om ${time}`,
  filteredNoneUnnamed: 'Geen van die plekken past bij je vraag.',
  noResults: (query, destination) =>
    `Sorry, ik heb niets gevonden voor „${query}” in de catalogus van ${destination}. Vraag me naar restaurants, stranden, musea, activiteiten of praktische adressen.`,
  whichPlace: 'Welke plek bedoel je? Vraag me eerst naar restaurants, stranden of activiteiten, en dan naar een daarvan.',
  onlyN: (count) => `Mijn laatste antwoord had maar ${count} ${count === 1 ? 'plek' : 'plekken'}.`,
  yes: (name, noun) => `Ja — ${name}: ${noun}.`,
  no: (name, noun) => `Nee — volgens onze informatie geldt dat niet voor ${name} (${noun}).`,
  unknownAttribute: (name, noun) => `Dat weet ik niet: we hebben geen informatie over „${noun}” voor ${name}.`,
  openYes: (name, hours) => `Ja, ${name} is nu open (openingstijden: ${hours}).`,
  openNo: (name, hours) => `Nee, ${name} is nu gesloten. Openingstijden: ${hours}.`,
  openUnknown: (name) => `Ik weet niet of ${name} nu open is: we hebben geen openingstijden.`,
  hours: (name, hours) => `Openingstijden van ${name}: ${hours}.`,
  address: (name, address) => `Het adres van ${name} is ${address}.`,
  phone: (name, phone) => `Het telefoonnummer van ${name} is ${phone}.`,
  website: (name, website) => `De website van ${name} is ${website}.`,
  price: (name, level) => `${name} is ${['goedkoop', 'gemiddeld geprijsd', 'vrij duur', 'duur'][level - 1]} (${'€'.repeat(level)}).`,
  rating: (name, rating, reviews) => `${name} heeft een beoordeling van ${nl.decimal(rating)} uit 5${reviews ? ` (${nl.count(reviews)} beoordelingen)` : ''}.`,
  dontKnow: (name, what) =>
    `Ik weet ${{ address: 'het adres', phone: 'het telefoonnummer', website: 'de website', hours: 'de openingstijden', price: 'het prijsniveau', rating: 'de beoordeling' }[what]} van ${name} niet.`,
  selected: (name, subcategory) => `${name} (${subcategory}):`,
  greeting: (destination) => `Hallo! Ik ben HoliBot, je gids voor ${destination}. Vraag me waar je kunt eten, zwemmen, wandelen of wat je kunt bezoeken.`,
  thanks: 'Graag gedaan! Vraag me gerust nog meer over je verblijf.',
  goodbye: (destination) => `Tot ziens en veel plezier in ${destination}! Ik ben er als je een plek zoekt om te eten, te zwemmen, te wandelen of te bezoeken.`,
  offTopic: (destination) => `Ik kan alleen helpen met plekken in ${destination}: waar je kunt eten, zwemmen, wandelen of wat je kunt bezoeken. Wat zoek je?`,
  help: (destination) =>
    `Ik ken de plekken van ${destination}: restaurants, cafés, stranden, musea, activiteiten, winkels en praktische adressen. Probeer „beste restaurants”, „hondenstranden” of „musea”, en dan „welke heeft een terras?” of „wat is het adres van de eerste?”.`,
  reviews: 'beoordelingen',
  openNow: 'nu open',
  closedNow: 'nu gesloten',
  closedKeyword: 'gesloten',
  addressLabel: 'Adres',
  attributes: {
    outdoorSeating: 'terras',
    wheelchair: 'rolstoeltoegankelijk',
    vegetarian: 'vegetarische gerechten',
    vegan: 'veganistische gerechten',
    dogs: 'honden welkom',
    kids: 'kindvriendelijk',
    free: 'gratis',
    cheap: 'goedkoop (€–€€)',
    expensive: 'chique (€€€–€€€€)',
    openNow: 'nu open',
  },
  subcategories: SUBCATEGORY_LABELS.nl,
};

export const MESSAGES: Record<Language, Messages> = { en, es, de, nl };
