import type { ChatIntent, Language, PoiView } from '@holibot/contracts';
import { type CatalogueEntry, type PoiCatalogue, distanceKm, poiAttribute } from '../../poi/index.js';
import type { AskedFor, ConversationContext, EngineAnswer, Position, TurnInput } from './answer-engine.js';
import { type Ranked, hasAttribute } from './builtin-matching.js';
import type { Attribute, Field, When } from './lexicon.js';
import type { Messages } from './messages.js';
import { type TimeWindow, openIntervals, openTimes, timeWindow } from './opening-times.js';

/** A position farther than this from every place of the catalogue is not used for distances. */
const FAR_KM = 50;

/** Builds the answer of one turn in one language. */
export class Reply {
  constructor(
    private readonly catalogue: PoiCatalogue,
    readonly m: Messages,
    readonly language: Language,
    private readonly turn: TurnInput,
    /** What the question asked for, carried by every answer of the turn (reports). */
    private readonly asked: AskedFor = { topics: [], attributes: [] },
    /** The time the question asks about; null for none. */
    readonly when: When | null = null,
  ) {}

  private wallTime: Date | null = null;
  private readonly mentions = new Map<string, ReadonlySet<number>>();
  private readonly open = new Map<number, boolean | null>();

  get query(): string {
    return this.turn.query;
  }

  /** The instant of this turn. */
  get turnNow(): Date {
    return this.turn.now;
  }

  /** Where the visitor is, when the request says and it is near the destination; else null. */
  get position(): Position | null {
    return this.far ? null : this.turn.position;
  }

  /** The request's position is more than FAR_KM from every place: not a visitor's walk, not used. */
  get far(): boolean {
    if (this.isFar === undefined) {
      const position = this.turn.position;
      this.isFar =
        position !== null &&
        this.catalogue.all().length > 0 &&
        !this.catalogue.all().some((entry) => distanceKm(position.latitude, position.longitude, entry.poi.latitude, entry.poi.longitude) <= FAR_KM);
    }
    return this.isFar;
  }
  private isFar: boolean | undefined;

  /** The rest of the last search's result ("show more"). */
  get moreIds(): number[] {
    return this.turn.context.moreResultIds;
  }

  /** Whether the place is open now; worked out at most once per place and turn. */
  openNow(entry: CatalogueEntry): boolean | null {
    let open = this.open.get(entry.poi.id);
    if (open === undefined) {
      open = this.catalogue.openNow(entry, this.now());
      this.open.set(entry.poi.id, open);
    }
    return open;
  }

  name(entry: CatalogueEntry): string {
    return entry.poi.nameI18n?.[this.language] ?? entry.poi.name;
  }

  text(text: string, intent: ChatIntent, isFollowUp: boolean, context: Partial<ConversationContext> = {}): EngineAnswer {
    return this.build(text, [], intent, isFollowUp, 0, context);
  }

  /** The span of time the question names ("tonight"); null for none or for "now". */
  window(): TimeWindow | null {
    return this.when ? timeWindow(this.when, this.now()) : null;
  }

  /**
   * The question's time as the answer words it ("tonight", "on Sunday"); null for none. A part
   * of the day already over today is tomorrow's, and said so ("for lunch" at 20:00: "tomorrow at lunchtime").
   */
  whenPhrase(): string | null {
    if (!this.when) return null;
    const window = this.window();
    const rolledOver = this.when.day === undefined && window !== null && window.from.getDate() !== this.now().getDate();
    return this.m.when(rolledOver ? { ...this.when, day: 'tomorrow' } : this.when);
  }

  /** Text relevance of `words` (any of them), asked at most once per turn and words. */
  mentioning(words: string[], search: (words: string[]) => Map<number, number>): ReadonlySet<number> {
    const key = words.join('|');
    let found = this.mentions.get(key);
    if (!found) {
      found = new Set(search(words).keys());
      this.mentions.set(key, found);
    }
    return found;
  }

  /**
   * A list answer: the lead sentence, then one line per place. The cards show every detail, so
   * a line only adds why the place fits when the card cannot show it (its description says so,
   * its hours at the asked time, its distance): then the lines are a bullet list the widget
   * shows; without any, a numbered list of names that the widget leaves to the cards.
   */
  list(intro: string, ranked: Ranked[], intent: ChatIntent, isFollowUp: boolean, total: number, context: Partial<ConversationContext>): EngineAnswer {
    const reasons = ranked.some((r) => r.reason);
    const lines = ranked.map(({ entry, reason }, i) => `${reasons ? '-' : `${i + 1}.`} **${this.name(entry)}**${reason ? ` — ${reason}` : ''}`);
    const pois = ranked.map(({ entry, score }) => this.catalogue.viewAt(entry, this.language, this.now(), score));
    return this.build([intro, ...lines].join('\n'), pois, intent, isFollowUp, total, context);
  }

  withPois(text: string, entries: CatalogueEntry[], intent: ChatIntent, isFollowUp: boolean, context: Partial<ConversationContext>): EngineAnswer {
    const pois = entries.map((entry) => this.catalogue.viewAt(entry, this.language, this.now()));
    return this.build(text, pois, intent, isFollowUp, pois.length, context);
  }

  /** "Name — 4.6★ (230 reviews) · €€ · open now" */
  summary(entry: CatalogueEntry): string {
    const { poi } = entry;
    const parts: string[] = [];
    if (poi.rating !== null) parts.push(`${this.m.decimal(poi.rating)}★${poi.reviewCount ? ` (${this.m.count(poi.reviewCount)} ${this.m.reviews})` : ''}`);
    if (poi.priceLevel) parts.push('€'.repeat(poi.priceLevel));
    const open = this.openNow(entry);
    if (open !== null) parts.push(open ? this.m.openNow : this.m.closedNow);
    return parts.length ? `${this.name(entry)} — ${parts.join(' · ')}` : this.name(entry);
  }

  /** Opening hours with weekday names in the answer's language ("Di-So 12:30-15:30; Mo geschlossen"). */
  hours(entry: CatalogueEntry): string {
    const raw = entry.poi.openingHours ?? '';
    if (this.language === 'en' || !entry.hours) return raw;
    try {
      // The library's Spanish lacks "closed"; its other words are translated.
      return entry.hours.prettifyValue({ conf: { locale: this.language } } as never).replace(/\b(closed|off)\b/g, this.m.closedKeyword);
    } catch {
      return raw;
    }
  }

  details(entry: CatalogueEntry): string[] {
    const { poi } = entry;
    const label = this.m.subcategories[poi.subcategory] ?? poi.subcategory;
    const lines = [this.m.selected(this.name(entry), label)];
    const description = poi.descriptionI18n?.[this.language] ?? poi.description;
    if (description) lines.push(description);
    lines.push(this.summary(entry));
    if (poi.address) lines.push(`${this.m.addressLabel} ${poi.address}`);
    if (poi.openingHours) lines.push(this.m.hours(this.name(entry), this.hours(entry)));
    if (poi.phone) lines.push(this.m.phone(this.name(entry), poi.phone));
    return lines;
  }

  field(entry: CatalogueEntry, field: Field): string {
    const { poi } = entry;
    const name = this.name(entry);
    const window = field === 'address' || field === 'phone' || field === 'website' || field === 'price' || field === 'rating' ? null : this.window();
    if (window) return this.openDuring(entry, window);
    switch (field) {
      case 'open':
      case 'closes':
      case 'opens': {
        const open = this.openNow(entry);
        if (open === null || !poi.openingHours) return this.m.openUnknown(name);
        const next = this.catalogue.nextChange(entry, this.now());
        if (!open) return this.m.openNo(name, next ? this.m.opensAt(next) : null);
        // Open, and no change within a week: round the clock ("24/7"), or nothing known after.
        if (!next) return /24\/7/.test(poi.openingHours) ? this.m.openAllDay(name) : this.m.openYes(name, null);
        return field === 'closes' ? this.m.closesAt(name, this.m.until(next)) : this.m.openYes(name, this.m.until(next));
      }
      case 'hours':
        return poi.openingHours ? this.m.hours(name, this.hours(entry)) : this.m.dontKnow(name, 'hours');
      case 'address':
        return poi.address ? this.m.address(name, poi.address) : this.m.dontKnow(name, 'address');
      case 'phone':
        return poi.phone ? this.m.phone(name, poi.phone) : this.m.dontKnow(name, 'phone');
      case 'website':
        return poi.website ? this.m.website(name, poi.website) : this.m.dontKnow(name, 'website');
      case 'price':
        return poi.priceLevel ? this.m.price(name, poi.priceLevel) : this.m.dontKnow(name, 'price');
      case 'rating':
        return poi.rating !== null ? this.m.rating(name, poi.rating, poi.reviewCount) : this.m.dontKnow(name, 'rating');
    }
  }

  /** Whether the place is open at the asked time, with its hours then ("Yes, … is open on Sunday: 12:00–16:00"). */
  openDuring(entry: CatalogueEntry, window: TimeWindow): string {
    const name = this.name(entry);
    const intervals = openIntervals(entry, window);
    const when = this.whenPhrase()!;
    if (intervals === null) return this.m.openUnknown(name);
    if (intervals.length === 0) return this.m.closedWhen(name, when);
    const times = openTimes(entry, window);
    return this.m.openWhen(name, when, times === 'allDay' || times === null ? this.m.allDay : this.m.ranges(times));
  }

  attribute(entry: CatalogueEntry, attribute: Attribute): string {
    const noun = this.m.attributes[attribute];
    const known = attribute === 'openNow' ? null : poiAttribute(entry.poi, attribute);
    // No tag, but the description says so: said as the description's words, never as a fact.
    const described = attribute === 'openNow' ? undefined : entry.described.get(attribute);
    if ((known === null || known === undefined) && described) return this.m.yes(this.name(entry), this.m.described(described));
    if (known === null || known === undefined) return this.m.unknownAttribute(this.name(entry), noun);
    return hasAttribute(entry, attribute, () => null) ? this.m.yes(this.name(entry), noun) : this.m.no(this.name(entry), noun);
  }

  /** The destination's wall-clock time of this turn. */
  private now(): Date {
    return (this.wallTime ??= this.catalogue.wallTime(this.turn.now));
  }

  private build(
    text: string,
    pois: PoiView[],
    intent: ChatIntent,
    isFollowUp: boolean,
    totalResults: number,
    context: Partial<ConversationContext>,
  ): EngineAnswer {
    return {
      text,
      pois,
      intent,
      isFollowUp,
      language: this.language,
      totalResults,
      engine: 'builtin',
      context: {
        language: this.language,
        lastIntent: intent,
        lastResultIds: context.lastResultIds ?? this.turn.context.lastResultIds,
        moreResultIds: context.moreResultIds ?? this.turn.context.moreResultIds,
        focusPoiId: context.focusPoiId !== undefined ? context.focusPoiId : this.turn.context.focusPoiId,
      },
      usage: null,
      asked: this.asked,
      llm: null,
    };
  }
}

/** Splits a text into pieces of a few words that join back to exactly the text. */
export function textChunks(text: string, wordsPerChunk = 4): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) chunks.push(words.slice(i, i + wordsPerChunk).join(''));
  return chunks;
}
