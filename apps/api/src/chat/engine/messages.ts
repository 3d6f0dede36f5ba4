import type { Language, OpeningChange } from '@holibot/contracts';
import { SUBCATEGORY_LABELS } from '../../poi/index.js';
import type { Attribute, When } from './lexicon.js';

/** Every sentence the built-in engine writes, per language. */
export interface Messages {
  /**
   * The first sentence of a search answer: how many places (in the town, open at the asked
   * time) and the top pick, in bold. The cards carry the details.
   */
  lead(total: number, shown: number, town: string | null, when: string | null, top: string): string;
  /** Why a place fits, when the card cannot show it: the words its text mentions. */
  mentions(words: string): string;
  /** Why a place fits: its description says so ("its description says “terraza”"). */
  described(quote: string): string;
  /** Said first when every place found has an asked attribute only by its description. */
  onlyDescribed(noun: string): string;
  /** No place of the asked kind, but some places' text uses its words: said, never silent. `asked` as the visitor wrote it. */
  widened(asked: string): string;
  /** A time the question names, as what a place is ("open tonight"): the noun of a narrowed list. */
  openAt(when: string): string;
  /** Open round the clock, as a time range. */
  allDay: string;
  /** Asked for a time, and none of the places found gives opening hours. */
  hoursUnknownWhen(when: string): string;
  /** The request's position is far from the destination: not used. */
  farAway(destination: string): string;
  /** "until 23:30", "until tomorrow at 02:00". */
  until(next: OpeningChange): string;
  /** An open place's closing time ("when does it close?"). */
  closesAt(name: string, until: string): string;
  /** Open round the clock. */
  openAllDay(name: string): string;
  /** The time a question names, as a phrase ("tonight", "on Sunday", "tomorrow morning"). */
  when(when: When): string;
  /** A place's open times on the asked day or part of it. */
  openWhen(name: string, when: string, ranges: string): string;
  closedWhen(name: string, when: string): string;
  /** Nothing asked for is open at the asked time; `at` is opensAt() of the first to open after it. */
  noneOpenWhen(when: string, first: string, at: string): string;
  noneOpenWhenUnknown(when: string): string;
  /** Time ranges joined as the language lists them ("12:00–16:00 and 19:00–23:30"). */
  ranges(ranges: string[]): string;
  /** Why a place fits the asked time: when it is open then. */
  openDuring(ranges: string): string;
  /** "Show more": the next `shown` places of the last result, `left` more after them. */
  more(shown: number, left: number): string;
  noMore: string;
  /** "Not that one": other places than the one talked about (not named: an answer names only the places it returns). */
  others: string;
  distance(meters: number): string;
  fromYou(distance: string): string;
  fromBeach(distance: string): string;
  nearestFirst: string;
  closestToBeachFirst: string;
  /** Said when a question asks for "near me" and the request carries no position. */
  noPosition: string;
  betterRated(a: string, ratingA: number, b: string, ratingB: number): string;
  sameRating(a: string, b: string, rating: number): string;
  cheaperThan(a: string, b: string, levelA: number, levelB: number): string;
  samePrice(a: string, b: string): string;
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
  /** `until`: until() of its closing, null when unknown. */
  openYes(name: string, until: string | null): string;
  /** `opens`: opensAt() of its opening, null when unknown. */
  openNo(name: string, opens: string | null): string;
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
  /** "Address:", with the language's punctuation. */
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
function numbers(locale: string): Pick<Messages, 'decimal' | 'count' | 'distance' | 'ranges'> {
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    decimal: (value) => decimal.format(value),
    count: (value) => integer.format(value),
    // Walking distances: 50 m steps below a kilometre, then tenths of a kilometre.
    distance: (meters) => (meters < 950 ? `${integer.format(Math.max(50, Math.round(meters / 50) * 50))} m` : `${decimal.format(meters / 1000)} km`),
    ranges: (ranges) => lists.format(ranges),
  };
}

/** Places in a town and at a time: " in Calpe", " open tonight". */
const scope = (inTown: string, open: string) => (town: string | null, when: string | null) =>
  `${town ? ` ${inTown} ${town}` : ''}${when ? ` ${open} ${when}` : ''}`;

const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ES_DAYS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
const DE_DAYS = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'];
const NL_DAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];
const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

const en: Messages = {
  ...numbers('en'),
  lead: (total, shown, town, when, top) => {
    const where = scope('in', 'open')(town, when);
    if (total === 1) return `I found one place${where}: **${top}**.`;
    return total > shown
      ? `I found ${en.count(total)} places${where}; here are the ${shown} best, starting with **${top}**.`
      : `I found ${total} places${where}; my top pick is **${top}**.`;
  },
  mentions: (words) => `mentions “${words}”`,
  described: (quote) => `its description says “${quote}”`,
  onlyDescribed: (noun) => `No place is listed with “${noun}”; these say so in their description.`,
  widened: (asked) => `Nothing is listed as “${asked}”, but these places mention it.`,
  openAt: (when) => `open ${when}`,
  allDay: 'all day',
  hoursUnknownWhen: (when) => `I can't tell which of these is open ${when}: none of them lists opening hours.`,
  farAway: (destination) => `You seem to be far from ${destination}, so they are not sorted by distance.`,
  until: ({ time, inDays, weekday }) => `until ${inDays === 0 ? time : inDays === 1 ? `tomorrow at ${time}` : `${EN_DAYS[weekday]} at ${time}`}`,
  closesAt: (name, until) => `${name} is open now, ${until}.`,
  openAllDay: (name) => `${name} is open 24 hours a day.`,
  when: ({ day, part }) => {
    if (part === 'now') return 'right now';
    const parts = { morning: 'morning', lunch: 'at lunchtime', afternoon: 'afternoon', evening: 'evening', dinner: 'evening' } as const;
    if (day === undefined || day === 'today')
      return part ? { morning: 'this morning', lunch: 'at lunchtime', afternoon: 'this afternoon', evening: 'tonight', dinner: 'tonight' }[part] : 'today';
    const dayWord = day === 'tomorrow' ? 'tomorrow' : `on ${EN_DAYS[day]}`;
    return part ? `${dayWord} ${parts[part]}` : dayWord;
  },
  openWhen: (name, when, ranges) => `Yes, ${name} is open ${when}: ${ranges}.`,
  closedWhen: (name, when) => `No, ${name} is closed ${when}.`,
  noneOpenWhen: (when, first, at) => `Nothing I found is open ${when}; the first to open after that is **${first}**, ${at}.`,
  noneOpenWhenUnknown: (when) => `None of them is open ${when}, as far as their opening hours say.`,
  openDuring: (ranges) => `open ${ranges}`,
  more: (shown, left) => `${shown === 1 ? 'Here is one more' : `Here are ${shown} more`}${left ? ` (and ${left} after these)` : ''}:`,
  noMore: "That's all I found for that question. Ask me about something else, or in another town.",
  others: 'Here are other places instead:',
  fromYou: (distance) => `${distance} from you`,
  fromBeach: (distance) => `${distance} from the beach`,
  nearestFirst: 'The same places, nearest to you first:',
  closestToBeachFirst: 'The same places, closest to the beach first:',
  noPosition: "I don't know where you are, so they are not sorted by distance.",
  betterRated: (a, ra, b, rb) => `**${a}** is better rated (${en.decimal(ra)}★) than **${b}** (${en.decimal(rb)}★).`,
  sameRating: (a, b, r) => `**${a}** and **${b}** are rated the same: ${en.decimal(r)}★.`,
  cheaperThan: (a, b, la, lb) => `**${a}** (${'€'.repeat(la)}) is less expensive than **${b}** (${'€'.repeat(lb)}).`,
  samePrice: (a, b) => `**${a}** and **${b}** are in the same price range.`,
  filtered: (count, noun) => `${count === 1 ? 'One of them' : `${count} of them`} — ${noun}:`,
  filteredNone: (noun) => `None of those places matches: ${noun}.`,
  without: (words) => `None of the places that fit the rest of your question mention “${words}”; here they are without it.`,
  withoutUnnamed: 'No place mentions everything you asked; here are those that fit the rest of your question.',
  unknownTown: (town, towns) => `I only know places in ${list('en', towns)}: I have nothing in ${town}.`,
  noneOpen: (first, when) => `Nothing is open right now; the first to open is ${first}, ${when}:`,
  noneOpenUnknown: 'None of them is open right now, as far as we know:',
  cheaperFirst: 'The same places, least expensive first:',
  pricesUnknown: "I don't know the prices of those places.",
  opensAt: ({ time, inDays, weekday }) => (inDays === 0 ? `at ${time}` : inDays === 1 ? `tomorrow at ${time}` : `on ${EN_DAYS[weekday]} at ${time}`),
  filteredNoneUnnamed: 'None of those places matches what you asked.',
  noResults: (query, destination) =>
    `Sorry, I couldn't find anything for “${query}” in the ${destination} catalogue. You can ask me about restaurants, beaches, museums, activities or practical places.`,
  whichPlace: 'Which place do you mean? Ask me first about restaurants, beaches or things to do, then about one of them.',
  onlyN: (count) => `My last answer had only ${count} ${count === 1 ? 'place' : 'places'}.`,
  yes: (name, noun) => `Yes — ${name}: ${noun}.`,
  no: (name, noun) => `No — according to our information, ${name} does not offer this (${noun}).`,
  unknownAttribute: (name, noun) => `I don't know: we have no information about ${noun} for ${name}.`,
  openYes: (name, until) => `Yes, ${name} is open now${until ? `, ${until}` : ''}.`,
  openNo: (name, opens) => `No, ${name} is closed right now${opens ? `; it opens ${opens}` : ''}.`,
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
  addressLabel: 'Address:',
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
    wifi: 'Wi-Fi',
    airConditioning: 'air conditioning',
    reservation: 'takes reservations',
    delivery: 'delivery',
    takeaway: 'takeaway',
    openNow: 'open now',
  },
  subcategories: SUBCATEGORY_LABELS.en,
};

const es: Messages = {
  ...numbers('es'),
  lead: (total, shown, town, when, top) => {
    const where = scope('en', 'abiertos')(town, when);
    if (total === 1) return `He encontrado un lugar${where.replace(' abiertos ', ' abierto ')}: **${top}**.`;
    return total > shown
      ? `He encontrado ${es.count(total)} lugares${where}; estos son los ${shown} mejores, empezando por **${top}**.`
      : `He encontrado ${total} lugares${where}; mi primera recomendación es **${top}**.`;
  },
  mentions: (words) => `menciona «${words}»`,
  described: (quote) => `su descripción dice «${quote}»`,
  onlyDescribed: (noun) => `Ningún lugar figura con «${noun}»; estos lo dicen en su descripción.`,
  widened: (asked) => `No hay nada registrado como «${asked}», pero estos lugares lo mencionan.`,
  openAt: (when) => `abierto ${when}`,
  allDay: 'todo el día',
  hoursUnknownWhen: (when) => `No sé cuáles de estos abren ${when}: ninguno indica su horario.`,
  farAway: (destination) => `Pareces estar lejos de ${destination}, así que no están ordenados por distancia.`,
  until: ({ time, inDays, weekday }) => `hasta ${es.opensAt({ time, inDays, weekday })}`.replace('hasta a las', 'hasta las'),
  closesAt: (name, until) => `${name} está abierto ahora, ${until}.`,
  openAllDay: (name) => `${name} abre las 24 horas.`,
  when: ({ day, part }) => {
    if (part === 'now') return 'ahora mismo';
    const parts = { morning: 'por la mañana', lunch: 'a mediodía', afternoon: 'por la tarde', evening: 'por la noche', dinner: 'por la noche' } as const;
    if (day === undefined || day === 'today')
      return part ? { morning: 'esta mañana', lunch: 'a mediodía', afternoon: 'esta tarde', evening: 'esta noche', dinner: 'esta noche' }[part] : 'hoy';
    const dayWord = day === 'tomorrow' ? 'mañana' : `el ${ES_DAYS[day]}`;
    return part ? `${dayWord} ${parts[part]}` : dayWord;
  },
  openWhen: (name, when, ranges) => `Sí, ${name} abre ${when}: ${ranges}.`,
  closedWhen: (name, when) => `No, ${name} está cerrado ${when}.`,
  noneOpenWhen: (when, first, at) => `Nada de lo que he encontrado abre ${when}; el primero en abrir después es **${first}**, ${at}.`,
  noneOpenWhenUnknown: (when) => `Según sus horarios, ninguno abre ${when}.`,
  openDuring: (ranges) => `abierto ${ranges}`,
  more: (shown, left) => `${shown === 1 ? 'Aquí tienes uno más' : `Aquí tienes ${shown} más`}${left ? ` (y ${left} después de estos)` : ''}:`,
  noMore: 'Eso es todo lo que he encontrado para esa pregunta. Pregúntame por otra cosa o por otro pueblo.',
  others: 'Aquí tienes otros lugares:',
  fromYou: (distance) => `a ${distance} de ti`,
  fromBeach: (distance) => `a ${distance} de la playa`,
  nearestFirst: 'Los mismos lugares, del más cercano a ti al más lejano:',
  closestToBeachFirst: 'Los mismos lugares, del más cercano a la playa al más lejano:',
  noPosition: 'No sé dónde estás, así que no están ordenados por distancia.',
  betterRated: (a, ra, b, rb) => `**${a}** está mejor valorado (${es.decimal(ra)}★) que **${b}** (${es.decimal(rb)}★).`,
  sameRating: (a, b, r) => `**${a}** y **${b}** tienen la misma valoración: ${es.decimal(r)}★.`,
  cheaperThan: (a, b, la, lb) => `**${a}** (${'€'.repeat(la)}) es más económico que **${b}** (${'€'.repeat(lb)}).`,
  samePrice: (a, b) => `**${a}** y **${b}** tienen el mismo nivel de precios.`,
  filtered: (count, noun) => `${count === 1 ? 'Uno de ellos' : `${count} de ellos`} — ${noun}:`,
  filteredNone: (noun) => `Ninguno de esos lugares cumple: ${noun}.`,
  without: (words) => `Ninguno de los lugares que encajan con el resto de tu pregunta menciona «${words}»; aquí están sin ello.`,
  withoutUnnamed: 'Ningún lugar menciona todo lo que pides; estos son los que encajan con el resto de tu pregunta.',
  unknownTown: (town, towns) => `Solo conozco lugares en ${list('es', towns)}: no tengo nada en ${town}.`,
  noneOpen: (first, when) => `Ahora mismo no hay nada abierto; el primero en abrir es ${first}, ${when}:`,
  noneOpenUnknown: 'Que sepamos, ahora mismo no hay ninguno abierto:',
  cheaperFirst: 'Los mismos lugares, del más económico al más caro:',
  pricesUnknown: 'No conozco los precios de esos lugares.',
  opensAt: ({ time, inDays, weekday }) => (inDays === 0 ? `a las ${time}` : inDays === 1 ? `mañana a las ${time}` : `el ${ES_DAYS[weekday]} a las ${time}`),
  filteredNoneUnnamed: 'Ninguno de esos lugares cumple lo que pides.',
  noResults: (query, destination) =>
    `Lo siento, no he encontrado nada para «${query}» en el catálogo de ${destination}. Puedes preguntarme por restaurantes, playas, museos, actividades o servicios prácticos.`,
  whichPlace: '¿A qué lugar te refieres? Pregúntame primero por restaurantes, playas o actividades, y luego por uno de ellos.',
  onlyN: (count) => `Mi última respuesta solo tenía ${count} ${count === 1 ? 'lugar' : 'lugares'}.`,
  yes: (name, noun) => `Sí — ${name}: ${noun}.`,
  no: (name, noun) => `No — según nuestra información, ${name} no lo ofrece (${noun}).`,
  unknownAttribute: (name, noun) => `No lo sé: no tenemos información sobre «${noun}» para ${name}.`,
  openYes: (name, until) => `Sí, ${name} está abierto ahora${until ? `, ${until}` : ''}.`,
  openNo: (name, opens) => `No, ${name} está cerrado en este momento${opens ? `; abre ${opens}` : ''}.`,
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
  addressLabel: 'Dirección:',
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
    wifi: 'wifi',
    airConditioning: 'aire acondicionado',
    reservation: 'admite reservas',
    delivery: 'entrega a domicilio',
    takeaway: 'para llevar',
    openNow: 'abierto ahora',
  },
  subcategories: SUBCATEGORY_LABELS.es,
};

const de: Messages = {
  ...numbers('de'),
  lead: (total, shown, town, when, top) => {
    const where = town ? ` in ${town}` : '';
    if (total === 1) return `Ich habe einen Ort${where} gefunden${when ? `, der ${when} geöffnet ist` : ''}: **${top}**.`;
    const open = when ? `, die ${when} geöffnet sind` : '';
    return total > shown
      ? `Ich habe ${de.count(total)} Orte${where} gefunden${open}; hier sind die ${shown} besten, zuerst **${top}**.`
      : `Ich habe ${total} Orte${where} gefunden${open}; meine erste Empfehlung ist **${top}**.`;
  },
  mentions: (words) => `erwähnt „${words}“`,
  described: (quote) => `laut Beschreibung „${quote}“`,
  onlyDescribed: (noun) => `Kein Ort ist mit „${noun}“ eingetragen; diese nennen es in ihrer Beschreibung.`,
  widened: (asked) => `Nichts ist als „${asked}“ eingetragen, aber diese Orte erwähnen es.`,
  openAt: (when) => `${when} geöffnet`,
  allDay: 'ganztägig',
  hoursUnknownWhen: (when) => `Ich weiß nicht, welche davon ${when} geöffnet sind: keiner nennt Öffnungszeiten.`,
  farAway: (destination) => `Sie scheinen weit von ${destination} entfernt zu sein, daher sind sie nicht nach Entfernung sortiert.`,
  until: ({ time, inDays, weekday }) => `bis ${inDays === 0 ? '' : inDays === 1 ? 'morgen um ' : `${DE_DAYS[weekday]} um `}${time} Uhr`,
  closesAt: (name, until) => `${name} ist jetzt geöffnet, ${until}.`,
  openAllDay: (name) => `${name} ist rund um die Uhr geöffnet.`,
  when: ({ day, part }) => {
    if (part === 'now') return 'gerade';
    const parts = { morning: 'morgen', lunch: 'mittag', afternoon: 'nachmittag', evening: 'abend', dinner: 'abend' } as const;
    if (day === undefined || day === 'today')
      return part
        ? { morning: 'heute Morgen', lunch: 'heute Mittag', afternoon: 'heute Nachmittag', evening: 'heute Abend', dinner: 'heute Abend' }[part]
        : 'heute';
    if (day === 'tomorrow')
      return part ? `morgen ${{ morning: 'früh', lunch: 'Mittag', afternoon: 'Nachmittag', evening: 'Abend', dinner: 'Abend' }[part]}` : 'morgen';
    return `am ${DE_DAYS[day]}${part ? parts[part] : ''}`;
  },
  openWhen: (name, when, ranges) => `Ja, ${name} ist ${when} geöffnet: ${ranges}.`,
  closedWhen: (name, when) => `Nein, ${name} ist ${when} geschlossen.`,
  noneOpenWhen: (when, first, at) => `Nichts davon ist ${when} geöffnet; als Erstes öffnet danach **${first}**, ${at}.`,
  noneOpenWhenUnknown: (when) => `Laut ihren Öffnungszeiten ist keiner ${when} geöffnet.`,
  openDuring: (ranges) => `geöffnet ${ranges}`,
  more: (shown, left) => `${shown === 1 ? 'Hier ist ein weiterer' : `Hier sind ${shown} weitere`}${left ? ` (danach noch ${left})` : ''}:`,
  noMore: 'Mehr habe ich zu dieser Frage nicht gefunden. Fragen Sie nach etwas anderem oder nach einem anderen Ort.',
  others: 'Hier sind andere Orte:',
  fromYou: (distance) => `${distance} von Ihnen`,
  fromBeach: (distance) => `${distance} vom Strand`,
  nearestFirst: 'Dieselben Orte, die nächsten zuerst:',
  closestToBeachFirst: 'Dieselben Orte, die strandnächsten zuerst:',
  noPosition: 'Ich weiß nicht, wo Sie sind, daher sind sie nicht nach Entfernung sortiert.',
  betterRated: (a, ra, b, rb) => `**${a}** ist besser bewertet (${de.decimal(ra)}★) als **${b}** (${de.decimal(rb)}★).`,
  sameRating: (a, b, r) => `**${a}** und **${b}** sind gleich bewertet: ${de.decimal(r)}★.`,
  cheaperThan: (a, b, la, lb) => `**${a}** (${'€'.repeat(la)}) ist günstiger als **${b}** (${'€'.repeat(lb)}).`,
  samePrice: (a, b) => `**${a}** und **${b}** liegen in derselben Preisklasse.`,
  filtered: (count, noun) => `${count === 1 ? 'Einer davon' : `${count} davon`} — ${noun}:`,
  filteredNone: (noun) => `Keiner dieser Orte passt: ${noun}.`,
  without: (words) => `Keiner der Orte, die zum Rest deiner Frage passen, erwähnt „${words}“; hier sind sie ohne das.`,
  withoutUnnamed: 'Kein Ort erwähnt alles, wonach Sie fragen; hier sind die, die zum Rest Ihrer Frage passen.',
  unknownTown: (town, towns) => `Ich kenne nur Orte in ${list('de', towns)}; in ${town} habe ich nichts.`,
  noneOpen: (first, when) => `Gerade ist nichts geöffnet; als Erstes öffnet ${first}, ${when}:`,
  noneOpenUnknown: 'Nach unseren Angaben ist gerade keiner geöffnet:',
  cheaperFirst: 'Dieselben Orte, die günstigsten zuerst:',
  pricesUnknown: 'Die Preise dieser Orte kenne ich nicht.',
  opensAt: ({ time, inDays, weekday }) => (inDays === 0 ? `um ${time} Uhr` : inDays === 1 ? `morgen um ${time} Uhr` : `am ${DE_DAYS[weekday]} um ${time} Uhr`),
  filteredNoneUnnamed: 'Keiner dieser Orte passt zu Ihrer Frage.',
  noResults: (query, destination) =>
    `Leider habe ich im Katalog von ${destination} nichts zu „${query}“ gefunden. Fragen Sie mich nach Restaurants, Stränden, Museen, Aktivitäten oder praktischen Adressen.`,
  whichPlace: 'Welchen Ort meinen Sie? Fragen Sie mich zuerst nach Restaurants, Stränden oder Aktivitäten und dann nach einem davon.',
  onlyN: (count) => `Meine letzte Antwort hatte nur ${count} ${count === 1 ? 'Ort' : 'Orte'}.`,
  yes: (name, noun) => `Ja — ${name}: ${noun}.`,
  no: (name, noun) => `Nein — laut unseren Informationen trifft das auf ${name} nicht zu (${noun}).`,
  unknownAttribute: (name, noun) => `Das weiß ich nicht: Wir haben keine Angaben zu „${noun}“ für ${name}.`,
  openYes: (name, until) => `Ja, ${name} ist jetzt geöffnet${until ? `, ${until}` : ''}.`,
  openNo: (name, opens) => `Nein, ${name} ist gerade geschlossen${opens ? `; es öffnet ${opens}` : ''}.`,
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
  addressLabel: 'Adresse:',
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
    wifi: 'WLAN',
    airConditioning: 'Klimaanlage',
    reservation: 'Reservierung möglich',
    delivery: 'Lieferservice',
    takeaway: 'zum Mitnehmen',
    openNow: 'jetzt geöffnet',
  },
  subcategories: SUBCATEGORY_LABELS.de,
};

const nl: Messages = {
  ...numbers('nl'),
  lead: (total, shown, town, when, top) => {
    const where = town ? ` in ${town}` : '';
    if (total === 1) return `Ik heb één plek${where} gevonden${when ? ` die ${when} open is` : ''}: **${top}**.`;
    const open = when ? ` die ${when} open zijn` : '';
    return total > shown
      ? `Ik heb ${nl.count(total)} plekken${where} gevonden${open}; hier zijn de ${shown} beste, te beginnen met **${top}**.`
      : `Ik heb ${total} plekken${where} gevonden${open}; mijn eerste tip is **${top}**.`;
  },
  mentions: (words) => `noemt ‘${words}’`,
  described: (quote) => `volgens de beschrijving ‘${quote}’`,
  onlyDescribed: (noun) => `Geen plek staat vermeld met ‘${noun}’; deze noemen het in hun beschrijving.`,
  widened: (asked) => `Niets staat vermeld als ‘${asked}’, maar deze plekken noemen het.`,
  openAt: (when) => `${when} open`,
  allDay: 'de hele dag',
  hoursUnknownWhen: (when) => `Ik weet niet welke hiervan ${when} open zijn: geen ervan vermeldt openingstijden.`,
  farAway: (destination) => `Je lijkt ver van ${destination} te zijn, dus ze zijn niet op afstand gesorteerd.`,
  until: ({ time, inDays, weekday }) => `tot ${inDays === 0 ? '' : inDays === 1 ? 'morgen om ' : `${NL_DAYS[weekday]} om `}${time}`,
  closesAt: (name, until) => `${name} is nu open, ${until}.`,
  openAllDay: (name) => `${name} is 24 uur per dag open.`,
  when: ({ day, part }) => {
    if (part === 'now') return 'nu';
    const parts = { morning: 'ochtend', lunch: 'middag', afternoon: 'middag', evening: 'avond', dinner: 'avond' } as const;
    if (day === undefined || day === 'today')
      return part ? { morning: 'vanochtend', lunch: 'tussen de middag', afternoon: 'vanmiddag', evening: 'vanavond', dinner: 'vanavond' }[part] : 'vandaag';
    if (day === 'tomorrow') return part ? `morgen${parts[part]}` : 'morgen';
    return `op ${NL_DAYS[day]}${part ? parts[part] : ''}`;
  },
  openWhen: (name, when, ranges) => `Ja, ${name} is ${when} open: ${ranges}.`,
  closedWhen: (name, when) => `Nee, ${name} is ${when} gesloten.`,
  noneOpenWhen: (when, first, at) => `Niets daarvan is ${when} open; als eerste gaat daarna **${first}** open, ${at}.`,
  noneOpenWhenUnknown: (when) => `Volgens hun openingstijden is er ${when} niets open.`,
  openDuring: (ranges) => `open ${ranges}`,
  more: (shown, left) => `${shown === 1 ? 'Hier is er nog één' : `Hier zijn er nog ${shown}`}${left ? ` (en daarna nog ${left})` : ''}:`,
  noMore: 'Meer heb ik voor die vraag niet gevonden. Vraag me iets anders, of naar een andere plaats.',
  others: 'Hier zijn andere plekken:',
  fromYou: (distance) => `${distance} van je vandaan`,
  fromBeach: (distance) => `${distance} van het strand`,
  nearestFirst: 'Dezelfde plekken, de dichtstbijzijnde eerst:',
  closestToBeachFirst: 'Dezelfde plekken, het dichtst bij het strand eerst:',
  noPosition: 'Ik weet niet waar je bent, dus ze zijn niet op afstand gesorteerd.',
  betterRated: (a, ra, b, rb) => `**${a}** is beter beoordeeld (${nl.decimal(ra)}★) dan **${b}** (${nl.decimal(rb)}★).`,
  sameRating: (a, b, r) => `**${a}** en **${b}** zijn even goed beoordeeld: ${nl.decimal(r)}★.`,
  cheaperThan: (a, b, la, lb) => `**${a}** (${'€'.repeat(la)}) is goedkoper dan **${b}** (${'€'.repeat(lb)}).`,
  samePrice: (a, b) => `**${a}** en **${b}** zitten in dezelfde prijsklasse.`,
  filtered: (count, noun) => `${count === 1 ? 'Eén daarvan' : `${count} daarvan`} — ${noun}:`,
  filteredNone: (noun) => `Geen van die plekken past: ${noun}.`,
  without: (words) => `Geen van de plekken die bij de rest van je vraag passen noemt ‘${words}’; hier zijn ze zonder dat.`,
  withoutUnnamed: 'Geen plek noemt alles wat je vraagt; dit zijn de plekken die bij de rest van je vraag passen.',
  unknownTown: (town, towns) => `Ik ken alleen plekken in ${list('nl', towns)}; in ${town} heb ik niets.`,
  noneOpen: (first, when) => `Er is nu niets open; als eerste gaat ${first} open, ${when}:`,
  noneOpenUnknown: 'Voor zover we weten is er nu niets open:',
  cheaperFirst: 'Dezelfde plekken, de goedkoopste eerst:',
  pricesUnknown: 'De prijzen van die plekken ken ik niet.',
  opensAt: ({ time, inDays, weekday }) => (inDays === 0 ? `om ${time}` : inDays === 1 ? `morgen om ${time}` : `op ${NL_DAYS[weekday]} om ${time}`),
  filteredNoneUnnamed: 'Geen van die plekken past bij je vraag.',
  noResults: (query, destination) =>
    `Sorry, ik heb niets gevonden voor „${query}” in de catalogus van ${destination}. Vraag me naar restaurants, stranden, musea, activiteiten of praktische adressen.`,
  whichPlace: 'Welke plek bedoel je? Vraag me eerst naar restaurants, stranden of activiteiten, en dan naar een daarvan.',
  onlyN: (count) => `Mijn laatste antwoord had maar ${count} ${count === 1 ? 'plek' : 'plekken'}.`,
  yes: (name, noun) => `Ja — ${name}: ${noun}.`,
  no: (name, noun) => `Nee — volgens onze informatie geldt dat niet voor ${name} (${noun}).`,
  unknownAttribute: (name, noun) => `Dat weet ik niet: we hebben geen informatie over „${noun}” voor ${name}.`,
  openYes: (name, until) => `Ja, ${name} is nu open${until ? `, ${until}` : ''}.`,
  openNo: (name, opens) => `Nee, ${name} is nu gesloten${opens ? `; het gaat ${opens} open` : ''}.`,
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
  addressLabel: 'Adres:',
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
    wifi: 'wifi',
    airConditioning: 'airco',
    reservation: 'reserveren mogelijk',
    delivery: 'bezorging',
    takeaway: 'afhalen',
    openNow: 'nu open',
  },
  subcategories: SUBCATEGORY_LABELS.nl,
};

const fr: Messages = {
  ...numbers('fr'),
  lead: (total, shown, town, when, top) => {
    const where = scope('à', 'ouverts')(town, when);
    if (total === 1) return `J’ai trouvé un lieu${where.replace(' ouverts ', ' ouvert ')} : **${top}**.`;
    return total > shown
      ? `J’ai trouvé ${fr.count(total)} lieux${where} ; voici les ${shown} meilleurs, à commencer par **${top}**.`
      : `J’ai trouvé ${total} lieux${where} ; ma première suggestion est **${top}**.`;
  },
  mentions: (words) => `mentionne « ${words} »`,
  described: (quote) => `sa description dit « ${quote} »`,
  onlyDescribed: (noun) => `Aucun lieu n’est répertorié avec « ${noun} » ; ceux-ci le disent dans leur description.`,
  widened: (asked) => `Rien n’est répertorié comme « ${asked} », mais ces lieux le mentionnent.`,
  openAt: (when) => `ouvert ${when}`,
  allDay: 'toute la journée',
  hoursUnknownWhen: (when) => `Je ne sais pas lesquels sont ouverts ${when} : aucun n’indique ses horaires.`,
  farAway: (destination) => `Vous semblez loin de ${destination} : ils ne sont donc pas triés par distance.`,
  until: ({ time, inDays, weekday }) => `jusqu’à ${inDays === 0 ? '' : inDays === 1 ? 'demain ' : `${FR_DAYS[weekday]} `}${time}`,
  closesAt: (name, until) => `${name} est ouvert en ce moment, ${until}.`,
  openAllDay: (name) => `${name} est ouvert 24 heures sur 24.`,
  when: ({ day, part }) => {
    if (part === 'now') return 'en ce moment';
    const parts = { morning: 'matin', lunch: 'midi', afternoon: 'après-midi', evening: 'soir', dinner: 'soir' } as const;
    if (day === undefined || day === 'today')
      return part ? { morning: 'ce matin', lunch: 'ce midi', afternoon: 'cet après-midi', evening: 'ce soir', dinner: 'ce soir' }[part] : 'aujourd’hui';
    const dayWord = day === 'tomorrow' ? 'demain' : FR_DAYS[day]!;
    return part ? `${dayWord} ${parts[part]}` : dayWord;
  },
  openWhen: (name, when, ranges) => `Oui, ${name} est ouvert ${when} : ${ranges}.`,
  closedWhen: (name, when) => `Non, ${name} est fermé ${when}.`,
  noneOpenWhen: (when, first, at) => `Rien de ce que j’ai trouvé n’est ouvert ${when} ; le premier à ouvrir ensuite est **${first}**, ${at}.`,
  noneOpenWhenUnknown: (when) => `D’après leurs horaires, aucun n’est ouvert ${when}.`,
  openDuring: (ranges) => `ouvert ${ranges}`,
  more: (shown, left) => `${shown === 1 ? 'En voici un de plus' : `En voici ${shown} de plus`}${left ? ` (et encore ${left} après)` : ''} :`,
  noMore: 'C’est tout ce que j’ai trouvé pour cette question. Demandez-moi autre chose, ou dans une autre ville.',
  others: 'Voici d’autres lieux :',
  fromYou: (distance) => `à ${distance} de vous`,
  fromBeach: (distance) => `à ${distance} de la plage`,
  nearestFirst: 'Les mêmes lieux, les plus proches de vous d’abord :',
  closestToBeachFirst: 'Les mêmes lieux, les plus proches de la plage d’abord :',
  noPosition: 'Je ne sais pas où vous êtes : ils ne sont donc pas triés par distance.',
  betterRated: (a, ra, b, rb) => `**${a}** est mieux noté (${fr.decimal(ra)}★) que **${b}** (${fr.decimal(rb)}★).`,
  sameRating: (a, b, r) => `**${a}** et **${b}** ont la même note : ${fr.decimal(r)}★.`,
  cheaperThan: (a, b, la, lb) => `**${a}** (${'€'.repeat(la)}) est moins cher que **${b}** (${'€'.repeat(lb)}).`,
  samePrice: (a, b) => `**${a}** et **${b}** sont dans la même gamme de prix.`,
  filtered: (count, noun) => `${count === 1 ? 'L’un d’eux' : `${count} d’entre eux`} — ${noun} :`,
  filteredNone: (noun) => `Aucun de ces lieux ne correspond : ${noun}.`,
  without: (words) => `Aucun des lieux qui correspondent au reste de votre question ne mentionne « ${words} » ; les voici sans cela.`,
  withoutUnnamed: 'Aucun lieu ne mentionne tout ce que vous demandez ; voici ceux qui correspondent au reste de votre question.',
  unknownTown: (town, towns) => `Je ne connais que des lieux à ${list('fr', towns)} : je n’ai rien à ${town}.`,
  noneOpen: (first, when) => `Rien n’est ouvert en ce moment ; le premier à ouvrir est ${first}, ${when} :`,
  noneOpenUnknown: 'Pour autant que nous le sachions, aucun n’est ouvert en ce moment :',
  cheaperFirst: 'Les mêmes lieux, du moins cher au plus cher :',
  pricesUnknown: 'Je ne connais pas les prix de ces lieux.',
  opensAt: ({ time, inDays, weekday }) => (inDays === 0 ? `à ${time}` : inDays === 1 ? `demain à ${time}` : `${FR_DAYS[weekday]} à ${time}`),
  filteredNoneUnnamed: 'Aucun de ces lieux ne correspond à votre demande.',
  noResults: (query, destination) =>
    `Désolé, je n’ai rien trouvé pour « ${query} » dans le catalogue de ${destination}. Vous pouvez me demander des restaurants, des plages, des musées, des activités ou des services pratiques.`,
  whichPlace: 'De quel lieu parlez-vous ? Demandez-moi d’abord des restaurants, des plages ou des activités, puis l’un d’eux.',
  onlyN: (count) => `Ma dernière réponse n’avait que ${count} ${count === 1 ? 'lieu' : 'lieux'}.`,
  yes: (name, noun) => `Oui — ${name} : ${noun}.`,
  no: (name, noun) => `Non — d’après nos informations, ${name} ne le propose pas (${noun}).`,
  unknownAttribute: (name, noun) => `Je ne sais pas : nous n’avons pas d’information sur « ${noun} » pour ${name}.`,
  openYes: (name, until) => `Oui, ${name} est ouvert en ce moment${until ? `, ${until}` : ''}.`,
  openNo: (name, opens) => `Non, ${name} est fermé en ce moment${opens ? ` ; il ouvre ${opens}` : ''}.`,
  openUnknown: (name) => `Je ne sais pas si ${name} est ouvert en ce moment : nous n’avons pas ses horaires.`,
  hours: (name, hours) => `Horaires de ${name} : ${hours}.`,
  address: (name, address) => `L’adresse de ${name} est ${address}.`,
  phone: (name, phone) => `Le numéro de téléphone de ${name} est ${phone}.`,
  website: (name, website) => `Le site web de ${name} est ${website}.`,
  price: (name, level) => `${name} est ${['bon marché', 'à prix moyens', 'plutôt cher', 'cher'][level - 1]} (${'€'.repeat(level)}).`,
  rating: (name, rating, reviews) => `${name} a une note de ${fr.decimal(rating)} sur 5${reviews ? ` (${fr.count(reviews)} avis)` : ''}.`,
  dontKnow: (name, what) =>
    `Je ne connais pas ${{ address: 'l’adresse', phone: 'le numéro de téléphone', website: 'le site web', hours: 'les horaires', price: 'le niveau de prix', rating: 'la note' }[what]} de ${name}.`,
  selected: (name, subcategory) => `${name} (${subcategory}) :`,
  greeting: (destination) => `Bonjour ! Je suis HoliBot, votre guide de ${destination}. Demandez-moi où manger, vous baigner, vous promener ou quoi visiter.`,
  thanks: 'Avec plaisir ! Demandez-moi tout ce que vous voulez sur votre séjour.',
  goodbye: (destination) =>
    `Au revoir, et profitez bien de ${destination} ! Je suis là quand vous cherchez où manger, vous baigner, vous promener ou quoi visiter.`,
  offTopic: (destination) =>
    `Je ne peux vous aider que pour les lieux de ${destination} : où manger, vous baigner, vous promener ou quoi visiter. Que cherchez-vous ?`,
  help: (destination) =>
    `Je connais les lieux de ${destination} : restaurants, cafés, plages, musées, activités, boutiques et adresses pratiques. Essayez « meilleurs restaurants », « plages pour chiens » ou « musées », puis « lequel a une terrasse ? » ou « l’adresse du premier ? ».`,
  reviews: 'avis',
  openNow: 'ouvert',
  closedNow: 'fermé',
  closedKeyword: 'fermé',
  addressLabel: 'Adresse :',
  attributes: {
    outdoorSeating: 'terrasse',
    wheelchair: 'accessible en fauteuil roulant',
    vegetarian: 'plats végétariens',
    vegan: 'plats végans',
    dogs: 'chiens acceptés',
    kids: 'adapté aux familles',
    free: 'gratuit',
    cheap: 'bon marché (€–€€)',
    expensive: 'haut de gamme (€€€–€€€€)',
    wifi: 'wifi',
    airConditioning: 'climatisation',
    reservation: 'réservation possible',
    delivery: 'livraison',
    takeaway: 'à emporter',
    openNow: 'ouvert en ce moment',
  },
  subcategories: SUBCATEGORY_LABELS.fr,
};

export const MESSAGES: Record<Language, Messages> = { en, es, de, nl, fr };
