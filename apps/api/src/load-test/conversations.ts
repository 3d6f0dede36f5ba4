import type { Language } from '@holibot/contracts';

/** A visitor's conversation: an opening question and the follow-ups asked on its answer, in one language. */
export interface Conversation {
  /** The widget's UI language, sent as `language`. */
  language: Language;
  turns: readonly string[];
}

/**
 * Conversations about the sample catalogue (tools/catalogues/calpe.sample.geojson: Calpe's
 * beaches, restaurants, museums, cafés …) as visitors hold them: a question, then follow-ups on
 * its list ("the second one", "is it open?", "the phone number"), a change of town, small talk,
 * in the five languages the engine speaks. Drawn from the conversation tests
 * (apps/api/test/conversations.ts), so each turn is one the engine answers. On another
 * catalogue the questions still get answers (often "nothing found"): the load is the same.
 */
export const CONVERSATIONS: readonly Conversation[] = [
  { language: 'en', turns: ['best restaurants in Calpe', 'which one has outdoor seating?', 'is the first one open?', "what's the address of the first one?"] },
  { language: 'en', turns: ['Italian restaurants', 'Is the first one open?', 'and the phone number?'] },
  { language: 'en', turns: ['museums', 'the second one', 'when does it close?'] },
  { language: 'en', turns: ['what to do on a rainy day', 'show more', 'the first one'] },
  { language: 'en', turns: ['Restaurants with paella', "What's the address of the first one?", 'and the phone number?'] },
  { language: 'en', turns: ['vegetarian restaurant that is wheelchair accessible', 'which is better rated, the first or the second?'] },
  { language: 'en', turns: ['things to do with kids', 'which one is the best?', 'thanks, bye'] },
  { language: 'en', turns: ['beaches in Calpe', 'do they allow dogs?', 'and in Altea?'] },
  { language: 'en', turns: ['cafés with outdoor seating', 'something cheaper?', 'is it open?'] },
  { language: 'en', turns: ['is Trattoria Da Luca open now?', 'phone number of Sushi Kaze'] },
  { language: 'es', turns: ['¿Dónde hay playas para perros?', '¿alguno es gratuito?'] },
  { language: 'es', turns: ['restaurantes en Calpe', '¿cuál es el más barato?', '¿Está abierto el primero?'] },
  { language: 'es', turns: ['¿Cuál es el horario de Trattoria Da Luca?', 'museos', 'el segundo'] },
  { language: 'de', turns: ['Welche Museen gibt es in Calpe?', 'Wie ist die Bewertung vom ersten?', 'Wie ist die Telefonnummer vom ersten?'] },
  { language: 'de', turns: ['Was kann man bei Regen machen?', 'Strände in Calpe', 'Wann schließt das Salzmuseum?'] },
  { language: 'nl', turns: ['waar kan ik ontbijten?', 'welke heeft een terras?', 'Hoe laat gaat de tweede dicht?'] },
  { language: 'nl', turns: ['waar mag ik met mijn hond zwemmen?', 'openingstijden van Trattoria Da Luca'] },
  { language: 'fr', turns: ['des plages pour chiens', 'le numéro de téléphone du deuxième ?'] },
  { language: 'fr', turns: ['où manger une paella ce soir ?', 'et le premier ?', 'merci, au revoir'] },
];
