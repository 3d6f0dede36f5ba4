import type { FeedbackReason, Language, PoiCategory } from '@holibot/contracts';

/** The languages the widget speaks: those of the answer engine. */
export type UiLanguage = Language;

/** Every text the widget shows. One file per language fills it in; `{name}` marks a value. */
export interface UiStrings {
  language: UiLanguage;
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
  /** `{destination}`: DESTINATION_NAME from the server, or the `destination` attribute. */
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
  /** Label of the log, unlike the dialog's. */
  conversation: string;
  /** `{count}` answers below the visible part of the log. */
  newMessages: string;
  /** `{time}`: when the place closes / opens, `{day}`: a weekday name. */
  openUntil: string;
  opensAt: string;
  opensTomorrow: string;
  opensOn: string;
  /** Accessible names of a card's actions, `{name}`: the place. */
  mapOf: string;
  websiteOf: string;
  callOf: string;
  reportWrong: string;
  quickRepliesLabel: string;
  /** Follow-ups the answer engine understands after a list: open now, outdoor seating, the first one's phone, more of the result. */
  quickOpenNow: string;
  quickOutdoor: string;
  quickPhone: string;
  quickMore: string;
  /** `{seconds}` left before the visitor may send again. */
  rateLimitedWait: string;
  rateLimitOver: string;
  sendAgain: string;
  offline: string;
  reconnecting: string;
  /** On a message typed while offline. */
  queued: string;
  notSent: string;
  confirmNew: string;
  startNew: string;
  cancel: string;
  /** Launcher's name suffix, `{count}` answers arrived while closed. */
  unread: string;
  helpful: string;
  notHelpful: string;
  feedbackQuestion: string;
  reasons: Record<FeedbackReason, string>;
  comment: string;
  sendFeedback: string;
  feedbackThanks: string;
  feedbackFailed: string;
}
