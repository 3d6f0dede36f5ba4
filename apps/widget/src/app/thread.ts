import type { PoiView } from '@holibot/contracts';
import type { ChatEntry } from './conversation';
import { format, localeFor, type UiStrings } from './i18n';
import { poiCard, type PoiCard } from './poi-card';
import { richText, type Block } from './rich-text';

/** One entry as the template shows it: worked out once per entry and language, not per render. */
export interface ThreadItem {
  entry: ChatEntry;
  className: string;
  blocks: Block[];
  cards: PoiCard[];
  /** A time label above the entry when it starts a new group ("14:05"), else ''. */
  time: string;
}

/** A new group of messages starts after this much silence. */
const GROUP_GAP_MS = 10 * 60_000;

/**
 * Builds the thread's view models. Entries keep their identity while an answer streams into the
 * last one, so every other entry's cards and text are reused from the cache.
 */
export class ThreadView {
  private cache = new WeakMap<ChatEntry, Omit<ThreadItem, 'time' | 'entry'>>();
  private strings: UiStrings | null = null;
  private timeFormat: Intl.DateTimeFormat | null = null;
  private dateTimeFormat: Intl.DateTimeFormat | null = null;

  items(entries: readonly ChatEntry[], t: UiStrings, now = Date.now()): ThreadItem[] {
    if (t !== this.strings) {
      this.strings = t;
      this.cache = new WeakMap();
      const locale = localeFor(t.language);
      this.timeFormat = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
      this.dateTimeFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
    }
    const today = new Date(now).toDateString();
    return entries.map((entry, i) => {
      let item = this.cache.get(entry);
      if (!item) {
        const cards = entry.pois.map((poi) => poiCard(poi, t));
        item = {
          className: entry.failure ? 'msg bot error' : entry.role === 'user' ? 'msg user' : 'msg bot',
          blocks: entry.failure ? [] : richText(entry.text, entry.role === 'bot' ? cards.map((card) => card.name) : []),
          cards,
        };
        this.cache.set(entry, item);
      }
      const previous = entries[i - 1];
      const grouped = previous && entry.at - previous.at < GROUP_GAP_MS;
      const time = grouped ? '' : (new Date(entry.at).toDateString() === today ? this.timeFormat : this.dateTimeFormat)!.format(entry.at);
      return { entry, ...item, time };
    });
  }
}

/**
 * Follow-up questions the answer engine understands after a list of places, in the visitor's
 * language; "Show more" when the answer found more places than it shows.
 */
export function quickReplies(answer: { pois: readonly PoiView[]; more?: boolean } | null, t: UiStrings): string[] {
  const pois = answer?.pois ?? [];
  const replies: string[] = [];
  if (pois.length > 1) {
    if (pois.some((poi) => poi.openNow !== null)) replies.push(t.quickOpenNow);
    if (pois.some((poi) => poi.category === 'Food & Drinks')) replies.push(t.quickOutdoor);
    if (pois[0]?.phone) replies.push(t.quickPhone);
  }
  if (answer?.more) replies.push(t.quickMore);
  return replies;
}

/** "{count} new ↓" */
export function newMessagesLabel(count: number, t: UiStrings): string {
  return format(t.newMessages, { count });
}
