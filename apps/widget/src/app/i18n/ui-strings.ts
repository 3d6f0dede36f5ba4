import type { Language, PoiCategory } from '@holibot/contracts';

/** Every text the widget shows. One file per language fills it in; `{name}` marks a value. */
export interface UiStrings {
  language: Language;
  /** Accessible name of the launcher button (also used by the loader, before Angular runs). */
  launcher: string;
  title: string;
  greeting: string;
  newConversation: string;
  close: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  typing: string;
  /** Screen-reader prefixes for the two kinds of bubble. */
  you: string;
  bot: string;
  suggestionsLabel: string;
  suggestions: readonly string[];
  retry: string;
  networkError: string;
  serverError: string;
  /** `{seconds}`: the wait the server asked for in Retry-After. */
  rateLimited: string;
  badRequest: string;
  results: string;
  openNow: string;
  closedNow: string;
  /** `{rating}` out of 5. */
  rating: string;
  /** `{count}` reviews. */
  reviews: string;
  /** `{level}` of 4. */
  priceLevel: string;
  outdoorSeating: string;
  wheelchair: string;
  vegan: string;
  dogs: string;
  website: string;
  call: string;
  map: string;
  categories: Record<PoiCategory, string>;
}
