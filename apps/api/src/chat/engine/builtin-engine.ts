import { Injectable } from '@nestjs/common';
import { type ChatIntent, type Language, POI_SUBCATEGORIES, type PoiCategory, type PoiView } from '@holibot/contracts';
import { AppConfig } from '../../config/app-config.js';
import { type CatalogueEntry, PoiCatalogue } from '../../poi/index.js';
import { AnswerEngine, type ConversationContext, type EngineAnswer, type TurnInput } from './answer-engine.js';
import type { Attribute, Field, Topic } from './lexicon.js';
import { MESSAGES, type Messages } from './messages.js';
import { type ParsedQuery, QueryParser } from './query-parser.js';

interface Ranked {
  entry: CatalogueEntry;
  score: number;
}

/**
 * The default engine: deterministic and in-process. A question becomes a structured search
 * (topics, attributes, town, free text) over the in-memory catalogue; follow-ups work on the
 * list stored in the session. It only ever names the POIs it returns.
 */
@Injectable()
export class BuiltinAnswerEngine extends AnswerEngine {
  private readonly parser = new QueryParser();

  constructor(
    private readonly catalogue: PoiCatalogue,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async answer(turn: TurnInput): Promise<EngineAnswer> {
    const answer = this.compose(turn);
    // No model to wait for: the finished text streams in chunks of a few words.
    if (turn.onDelta) for (const chunk of textChunks(answer.text)) turn.onDelta(chunk);
    return answer;
  }

  private compose(turn: TurnInput): EngineAnswer {
    const parsed = this.parser.parse(turn.query, this.catalogue.vocabulary());
    const language = this.language(parsed, turn);
    const reply = new Reply(this.catalogue, MESSAGES[language], language, turn);
    const previous = turn.context.lastResultIds.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e);
    const focus = turn.context.focusPoiId === null ? undefined : this.catalogue.get(turn.context.focusPoiId);
    const named = parsed.named.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e);
    const searches = parsed.topics.length > 0 || parsed.freeText.length > 0;
    // Unknown words that some place mentions ("churros", "Salinas") ask for something new;
    // words no place mentions ("lautet", "dicht") are only the way the visitor talks.
    const asksForSomething = () => parsed.freeText.length > 0 && this.catalogue.textScores(parsed.freeText).size > 0;
    const pointsAtOne = parsed.ordinal !== null || parsed.it || parsed.fields.size > 0;

    // "Is Trattoria Da Luca open?", "phone number of Sushi Kaze": about a place named in full.
    if (named.length > 0 && parsed.topics.length === 0) return this.about(parsed, reply, named, false);
    // With a list on the table, a question that names nothing new but points back ("the second
    // one", "which ones", "and vegan?") is about that list, in whatever words ("do they allow
    // dogs?", "wie lautet die Telefonnummer des ersten?"); "which …" always is ("which one is romantic?").
    const refersBack = pointsAtOne || parsed.which || parsed.attributes.size > 0 || parsed.cities.length > 0;
    if (previous.length > 0 && parsed.topics.length === 0 && refersBack && (parsed.which || !asksForSomething())) {
      return this.followUp(parsed, reply, previous, focus);
    }
    if (pointsAtOne && !searches) return reply.text(reply.m.whichPlace, 'help', false);
    if (searches || parsed.attributes.size > 0 || parsed.cities.length > 0) return this.search(parsed, reply);
    // Nothing to search for: a greeting, thanks, or words we do not know. The conversation's
    // list is kept, so "the first one" still works after a stray message.
    if (parsed.thanks) return reply.text(reply.m.thanks, 'thanks', false);
    if (parsed.greeting) return reply.text(reply.m.greeting(this.destination()), 'greeting', false);
    if (parsed.help || (parsed.freeText.length === 0 && parsed.corrected.length === 0)) return reply.text(reply.m.help(this.destination()), 'help', false);
    return reply.text(reply.m.noResults(turn.query.trim().slice(0, 80), this.destination()), 'no_results', false);
  }

  /** The question's language; on a tie, the visitor's UI language or the conversation's, if tied. */
  private language(parsed: ParsedQuery, turn: TurnInput): Language {
    if (parsed.language) return parsed.language;
    const preferred = [turn.languageHint, turn.context.language].filter((l): l is Language => l !== null);
    if (parsed.languageCandidates.length === 0) return preferred[0] ?? 'en';
    return preferred.find((l) => parsed.languageCandidates.includes(l)) ?? parsed.languageCandidates[0]!;
  }

  private search(parsed: ParsedQuery, reply: Reply): EngineAnswer {
    const topics = headTopics(parsed.topics.map((t) => ({ ...t.topic, position: t.position })));
    let ranked = this.rank(parsed, reply, topics, parsed.freeText);
    // Nothing for every word: try without the words the catalogue does not mention (the answer
    // says so), then "tapas bars" as tapas places.
    let without: string | null = null;
    if (ranked.length === 0 && parsed.freeText.length > 0 && (topics.length > 0 || parsed.attributes.size > 0)) {
      ranked = this.rank(parsed, reply, topics, []);
      if (ranked.length > 0) without = parsed.freeText.join(' ');
    }
    const cuisineOnly = topics.filter((t) => !t.subcategories && !t.categories);
    if (ranked.length === 0 && cuisineOnly.length > 0 && cuisineOnly.length < topics.length) {
      ranked = this.rank(parsed, reply, cuisineOnly, []);
    }
    // No place has that cuisine tag: one may still say it ("French-style café").
    if (ranked.length === 0 && cuisineOnly.length > 0) {
      const cuisineWords = parsed.topics.filter((t) => !t.topic.subcategories && !t.topic.categories).flatMap((t) => t.term.split(' '));
      ranked = this.rank(parsed, reply, topics.filter((t) => !cuisineOnly.includes(t)), [...parsed.freeText, ...cuisineWords]);
    }
    if (ranked.length === 0) {
      // A real search found nothing: the old list no longer answers "the first one".
      const real = topics.length > 0 || parsed.attributes.size > 0 || parsed.cities.length > 0;
      return reply.text(reply.m.noResults(reply.query.trim().slice(0, 80), this.destination()), 'no_results', false, real ? { lastResultIds: [], focusPoiId: null } : {});
    }
    const shown = ranked.slice(0, this.config.chatMaxResults);
    const town = parsed.cities.length === 1 ? this.catalogue.cityName(parsed.cities[0]!) : null;
    const intro = reply.m.found(shown.length, ranked.length, town);
    return reply.list(without ? `${reply.m.without(without)} ${intro}` : intro, shown, 'search', false, ranked.length, {
      lastResultIds: shown.map((r) => r.entry.poi.id),
      focusPoiId: shown.length === 1 ? shown[0]!.entry.poi.id : null,
    });
  }

  private rank(parsed: ParsedQuery, reply: Reply, topics: Topic[], freeText: string[]): Ranked[] {
    const textScores = this.catalogue.textScores(freeText);
    const maxText = Math.max(1, ...textScores.values());
    // Everything that does not depend on the place is worked out once: this loop runs over the
    // whole catalogue on every question, and its garbage was most of what a chat turn allocated.
    const isWanted = topicFilter(topics);
    const attributes = [...parsed.attributes];
    const cities = parsed.cities;
    const openNow = (entry: CatalogueEntry) => reply.openNow(entry);
    const ranked: Ranked[] = [];
    for (const entry of this.catalogue.all()) {
      if (!isWanted(entry)) continue;
      if (cities.length > 0 && (!entry.cityKey || !cities.includes(entry.cityKey))) continue;
      if (!hasAttributes(entry, attributes, openNow)) continue;
      let score = entry.quality / 5;
      if (freeText.length > 0) {
        const text = textScores.get(entry.poi.id);
        if (text === undefined) continue;
        score = 0.6 * (text / maxText) + 0.4 * score;
      }
      ranked.push({ entry, score });
    }
    // Best first; ties by name so that answers are stable.
    return ranked.sort((a, b) => b.score - a.score || a.entry.poi.name.localeCompare(b.entry.poi.name));
  }

  private followUp(parsed: ParsedQuery, reply: Reply, previous: CatalogueEntry[], focus: CatalogueEntry | undefined): EngineAnswer {
    const attributes = [...parsed.attributes];
    const pointsAtOne = parsed.ordinal !== null || parsed.it || parsed.fields.size > 0;
    // "And in Benissa?": the same kinds of places, in another town.
    if (!pointsAtOne && parsed.cities.length > 0) {
      const subcategories = [...new Set(previous.map((entry) => entry.poi.subcategory))];
      return this.search({ ...parsed, topics: [{ key: 'previous', topic: { subcategories }, position: 0, term: '' }] }, reply);
    }
    // "Which one is the best?"
    if (!pointsAtOne && parsed.best && attributes.length === 0) {
      const best = [...previous].sort((a, b) => b.quality - a.quality)[0]!;
      return this.about(parsed, reply, [best], true);
    }
    // "Which one is romantic?": narrow the last list to the places that mention the words.
    if (!pointsAtOne && parsed.which && attributes.length === 0 && parsed.freeText.length > 0) {
      const mentions = this.catalogue.textScores(parsed.freeText);
      return this.narrowed(reply, previous.filter((entry) => mentions.has(entry.poi.id)), parsed.freeText.join(' '));
    }
    // "Which one has outdoor seating?" / "and vegan?": narrow the last list. ("Open now?" alone asks about it.)
    if (!pointsAtOne && attributes.length > 0 && !(attributes.length === 1 && attributes[0] === 'openNow' && !parsed.which)) {
      const kept = previous.filter((entry) => hasAttributes(entry, attributes, (e) => reply.openNow(e)));
      return this.narrowed(reply, kept, attributes.map((attribute) => reply.m.attributes[attribute]).join(', '));
    }
    // Which place(s) the question is about: "the second one", "it", or the whole last list.
    if (parsed.ordinal !== null) {
      const picked = previous[parsed.ordinal === -1 ? previous.length - 1 : parsed.ordinal - 1];
      if (!picked) return reply.text(reply.m.onlyN(previous.length), 'follow_up_select', true);
      return this.about(parsed, reply, [picked], true);
    }
    return this.about(parsed, reply, focus ? [focus] : previous, true);
  }

  /** The part of the last list that matches `noun`; the list itself is kept when none does. */
  private narrowed(reply: Reply, kept: CatalogueEntry[], noun: string): EngineAnswer {
    if (kept.length === 0) return reply.text(reply.m.filteredNone(noun), 'follow_up_filter', true);
    const ranked = kept.map((entry) => ({ entry, score: entry.quality / 5 }));
    return reply.list(reply.m.filtered(kept.length, noun), ranked, 'follow_up_filter', true, kept.length, {
      lastResultIds: kept.map((e) => e.poi.id),
      focusPoiId: kept.length === 1 ? kept[0]!.poi.id : null,
    });
  }

  /** Answers about given places: the asked fields and attributes, or their details. */
  private about(parsed: ParsedQuery, reply: Reply, targets: CatalogueEntry[], isFollowUp: boolean): EngineAnswer {
    const focusPoiId = targets.length === 1 ? targets[0]!.poi.id : null;
    // A place named in full becomes the conversation's list; a follow-up keeps the list it picked from.
    const context = isFollowUp ? { focusPoiId } : { focusPoiId, lastResultIds: targets.map((e) => e.poi.id) };
    const attributes = [...parsed.attributes];
    const fields = [...parsed.fields];
    if (attributes.includes('openNow') && !fields.includes('open')) fields.push('open');
    const questions = attributes.filter((attribute) => attribute !== 'openNow');
    if (fields.length === 0 && questions.length === 0) {
      const lines = targets.flatMap((entry) => reply.details(entry));
      return reply.withPois(lines.join('\n'), targets, isFollowUp ? 'follow_up_select' : 'search', isFollowUp, context);
    }
    const lines: string[] = [];
    for (const entry of targets) {
      for (const f of fields) lines.push(reply.field(entry, f));
      for (const attribute of questions) lines.push(reply.attribute(entry, attribute));
    }
    return reply.withPois(lines.join('\n'), targets, 'follow_up_detail', isFollowUp, context);
  }

  private destination(): string {
    return this.config.destinationName;
  }
}

const CATEGORY_OF = new Map<string, PoiCategory>(POI_SUBCATEGORIES.map((s) => [s.label, s.category]));

function categoriesOf(topic: Topic): Set<string> {
  return new Set([...(topic.categories ?? []), ...(topic.subcategories ?? []).map((label) => CATEGORY_OF.get(label) ?? label)]);
}

/**
 * The kind of place a question asks for. "Restaurants near the beach", "hotels by the sea":
 * the other place words describe the head, they do not add beaches to the answer. Ambient
 * words (sea, view) count only when nothing else names a place. Of two kinds of place, the
 * first is the head ("restaurants with sea view"), unless they stand side by side, where
 * the second is ("beach bars").
 */
export function headTopics(topics: Array<Topic & { position: number }>): Topic[] {
  const cuisines = topics.filter((t) => !t.subcategories && !t.categories);
  const places = topics.filter((t) => t.subcategories || t.categories);
  const strong = places.filter((t) => !t.weak);
  const candidates = (strong.length > 0 ? strong : places).sort((a, b) => a.position - b.position);
  if (candidates.length === 0) return cuisines;
  const first = candidates[0]!;
  const other = candidates.find((t) => ![...categoriesOf(t)].some((c) => categoriesOf(first).has(c)));
  const head = other && other.position === first.position + 1 ? other : first;
  const headCategories = categoriesOf(head);
  return [...candidates.filter((t) => [...categoriesOf(t)].some((c) => headCategories.has(c))), ...cuisines];
}

/**
 * Which places answer the topics: place topics (restaurants, beaches, breakfast) OR together;
 * cuisine-only topics must also match.
 */
function topicFilter(topics: Topic[]): (entry: CatalogueEntry) => boolean {
  const placeTopics = topics.filter((t) => t.subcategories || t.categories);
  const cuisineTopics = topics.filter((t) => !t.subcategories && !t.categories);
  return (entry) => matchesAny(entry, placeTopics) && matchesAny(entry, cuisineTopics);
}

/** True when there are no topics. Plain loops: this runs for every place on every question. */
function matchesAny(entry: CatalogueEntry, topics: Topic[]): boolean {
  if (topics.length === 0) return true;
  const { subcategory, cuisine } = entry.poi;
  for (const topic of topics) {
    if (topic.subcategories?.includes(subcategory) || topic.categories?.includes(entry.category)) return true;
    if (topic.cuisines && cuisine) for (const c of topic.cuisines) if (cuisine.includes(c)) return true;
  }
  return false;
}

function hasAttributes(entry: CatalogueEntry, attributes: Attribute[], openNow: (entry: CatalogueEntry) => boolean | null): boolean {
  for (const attribute of attributes) if (!hasAttribute(entry, attribute, openNow)) return false;
  return true;
}

/** Only a known yes counts: a place with unknown data never passes an asked attribute. */
function hasAttribute(entry: CatalogueEntry, attribute: Attribute, openNow: (entry: CatalogueEntry) => boolean | null): boolean {
  const { poi } = entry;
  switch (attribute) {
    case 'outdoorSeating':
      return poi.outdoorSeating === true;
    case 'wheelchair':
      return poi.wheelchair === true;
    case 'vegetarian':
      return poi.vegetarian === true;
    case 'vegan':
      return poi.vegan === true;
    case 'dogs':
      return poi.dogs === true;
    case 'kids':
      return poi.kids === true;
    case 'free':
      return poi.free === true;
    case 'cheap':
      return poi.priceLevel !== null && poi.priceLevel <= 2;
    case 'expensive':
      return poi.priceLevel !== null && poi.priceLevel >= 3;
    case 'openNow':
      return openNow(entry) === true;
  }
}

/** Builds the answer of one turn in one language. */
class Reply {
  constructor(
    private readonly catalogue: PoiCatalogue,
    readonly m: Messages,
    private readonly language: Language,
    private readonly turn: TurnInput,
  ) {}

  private wallTime: Date | null = null;
  private readonly open = new Map<number, boolean | null>();

  get query(): string {
    return this.turn.query;
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

  list(intro: string, ranked: Ranked[], intent: ChatIntent, isFollowUp: boolean, total: number, context: Partial<ConversationContext>): EngineAnswer {
    const lines = ranked.map(({ entry }, i) => `${i + 1}. ${this.summary(entry)}`);
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
    if (poi.rating !== null) parts.push(`${poi.rating.toFixed(1)}★${poi.reviewCount ? ` (${poi.reviewCount} ${this.m.reviews})` : ''}`);
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
    if (poi.address) lines.push(`${this.m.addressLabel}: ${poi.address}`);
    if (poi.openingHours) lines.push(this.m.hours(this.name(entry), this.hours(entry)));
    if (poi.phone) lines.push(this.m.phone(this.name(entry), poi.phone));
    return lines;
  }

  field(entry: CatalogueEntry, field: Field): string {
    const { poi } = entry;
    const name = this.name(entry);
    switch (field) {
      case 'open': {
        const open = this.openNow(entry);
        if (open === null || !poi.openingHours) return this.m.openUnknown(name);
        return open ? this.m.openYes(name, this.hours(entry)) : this.m.openNo(name, this.hours(entry));
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

  attribute(entry: CatalogueEntry, attribute: Attribute): string {
    const noun = this.m.attributes[attribute];
    const known = attribute === 'cheap' || attribute === 'expensive' ? entry.poi.priceLevel : entry.poi[attribute as 'outdoorSeating'];
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
        focusPoiId: context.focusPoiId !== undefined ? context.focusPoiId : this.turn.context.focusPoiId,
      },
      usage: null,
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
