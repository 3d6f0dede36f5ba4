import { Injectable } from '@nestjs/common';
import type { Language, OpeningChange } from '@holibot/contracts';
import { AppConfig } from '../../config/app-config.js';
import { type CatalogueEntry, PoiCatalogue, distanceKm } from '../../poi/index.js';
import { AnswerEngine, type EngineAnswer, type TurnInput } from './answer-engine.js';
import { normalizeText } from '../../common/text.js';
import { type Ranked, describedFor, hasAttribute, hasAttributes, headTopics, topicFilter } from './builtin-matching.js';
import { Reply, textChunks } from './builtin-reply.js';
import type { Topic } from './lexicon.js';
import { MESSAGES } from './messages.js';
import { firstOpeningAfter, openIntervals, openTimes } from './opening-times.js';
import { type ParsedQuery, QueryParser } from './query-parser.js';
import { decideTurn, pagesOn } from './turn-decision.js';

/** How much of a result "show more" can page through after the first answer. */
const MORE_RESULTS = 100;
/** Ranked.tier of a place whose hours at the asked time are unknown. */
const UNKNOWN_HOURS = 2;
/** A search with no attribute or town: does the asked kind of place exist at all? */
const NO_FILTERS = { attributes: new Set<never>(), cities: [] };

/**
 * The default engine: deterministic and in-process. A question becomes a structured search
 * (topics, attributes, town, free text) over the in-memory catalogue; follow-ups work on the
 * list stored in the session. It only ever names the POIs it returns.
 */
@Injectable()
export class BuiltinAnswerEngine extends AnswerEngine {
  private readonly parser = new QueryParser();
  // Keyed by the catalogue's entries, which a reload replaces: nothing to invalidate.
  private readonly beaches = new WeakMap<readonly CatalogueEntry[], CatalogueEntry[]>();
  private readonly beachDistances = new WeakMap<CatalogueEntry, number>();

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
    const prefer = [turn.context.language, turn.languageHint].filter((l): l is Language => l !== null);
    const parsed = this.parser.parse(turn.query, this.catalogue.vocabulary(), prefer);
    const language = this.language(parsed, turn);
    const asked = { topics: [...new Set(parsed.topics.map((t) => t.key))], attributes: [...parsed.attributes] };
    // "Now" is the open-now filter; other time words are a span the answer reads the hours at,
    // and "open" beside them ("bars open tonight") means open then, not now.
    if (parsed.when?.part === 'now') parsed.attributes.add('openNow');
    else if (parsed.when) parsed.attributes.delete('openNow');
    const when = parsed.when && parsed.when.part !== 'now' ? parsed.when : null;
    const reply = new Reply(this.catalogue, MESSAGES[language], language, turn, asked, when);
    const previous = turn.context.lastResultIds.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e);
    const focus = turn.context.focusPoiId === null ? undefined : this.catalogue.get(turn.context.focusPoiId);
    const named = parsed.named.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e);
    // Unknown words that some place mentions ("churros", "Salinas") ask for something new;
    // words no place mentions ("lautet", "dicht") are only the way the visitor talks.
    const asksForSomething = () => parsed.freeText.length > 0 && this.catalogue.textScores(parsed.freeText).size > 0;
    const decision = decideTurn(parsed, { previous, asksForSomething, named: named.length });
    switch (decision.route) {
      // The list stays: "the first one" still works after these.
      case 'offTopic':
        return reply.text(reply.m.offTopic(this.destination()), 'help', false);
      case 'smallTalk':
        return this.smallTalk(parsed, reply);
      case 'aboutNamed':
        return this.about(parsed, reply, named, false);
      case 'followUp':
        return this.followUp(parsed, reply, previous, focus);
      case 'unknownTown': {
        const towns = [...new Set(this.catalogue.vocabulary().cities.values())].map((key) => this.catalogue.cityName(key)).slice(0, 8);
        return reply.text(reply.m.unknownTown(parsed.unknownTown!, towns), 'no_results', false, { lastResultIds: [], moreResultIds: [], focusPoiId: null });
      }
      case 'whichPlace':
        return reply.text(reply.m.whichPlace, 'help', false);
      case 'search': {
        // "Cheaper" with no list to compare: cheap places.
        if (parsed.cheaper) parsed.attributes.add('cheap');
        // "Where for lunch?", "something tonight?": a meal time with no kind of place asks where to eat.
        const placeTopics = parsed.topics.filter((t) => t.topic.subcategories || t.topic.categories);
        if (when && (when.part === 'lunch' || when.part === 'dinner') && placeTopics.length === 0 && parsed.freeText.length === 0) {
          parsed.topics.push({ key: 'restaurants', topic: { subcategories: ['Restaurants'] }, position: 0, term: '' });
        }
        return this.search(parsed, reply);
      }
      case 'help':
        return reply.text(reply.m.help(this.destination()), 'help', false);
      case 'noResults':
        return reply.text(reply.m.noResults(turn.query.trim().slice(0, 80), this.destination()), 'no_results', false);
    }
  }

  /**
   * The words of a question that may be quoted back: those the catalogue itself uses. A verb or
   * a function word ("tomar", "mag") is never echoed as if a place could mention it. '' for none.
   */
  private quotable(words: string[]): string {
    const known = this.catalogue.vocabulary().knownWords;
    return words.filter((word) => known.has(word)).join(' ');
  }

  /** Goodbye before thanks before hello: "thanks, bye" ends the conversation. The list is kept. */
  private smallTalk(parsed: ParsedQuery, reply: Reply): EngineAnswer {
    if (parsed.bye) return reply.text(reply.m.goodbye(this.destination()), 'thanks', false);
    if (parsed.thanks) return reply.text(reply.m.thanks, 'thanks', false);
    return reply.text(reply.m.greeting(this.destination()), 'greeting', false);
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
      if (ranked.length > 0) without = this.quotable(parsed.freeText);
    }
    const cuisineOnly = topics.filter((t) => t.cuisines && !t.subcategories && !t.categories);
    // "Beaches with a sea view" when no beach's text says so: the beaches, saying which words none mentions.
    const qualities = topics.filter((t) => t.mentions && !t.subcategories && !t.categories);
    if (ranked.length === 0 && qualities.length > 0 && qualities.length < topics.length) {
      ranked = this.rank(
        parsed,
        reply,
        topics.filter((t) => !qualities.includes(t)),
        parsed.freeText,
      );
      const words = parsed.topics.filter((t) => t.topic.mentions).map((t) => written(reply.query, t.position, t.term));
      if (ranked.length > 0) without = words.join(', ');
    }
    if (ranked.length === 0 && cuisineOnly.length > 0 && cuisineOnly.length < topics.length) {
      ranked = this.rank(parsed, reply, cuisineOnly, []);
    }
    // No place has that cuisine tag: one may still say it ("French-style café").
    if (ranked.length === 0 && cuisineOnly.length > 0) {
      const cuisineWords = parsed.topics.filter((t) => t.topic.cuisines && !t.topic.subcategories && !t.topic.categories).flatMap((t) => t.term.split(' '));
      ranked = this.rank(
        parsed,
        reply,
        topics.filter((t) => !cuisineOnly.includes(t)),
        [...parsed.freeText, ...cuisineWords],
      );
    }
    // "Which museum is open?" at 06:10: none is, but some will be — say when the first opens.
    if (ranked.length === 0 && parsed.attributes.has('openNow')) {
      const attributes = new Set([...parsed.attributes].filter((attribute) => attribute !== 'openNow'));
      const closed = this.rank({ ...parsed, attributes }, reply, topics, parsed.freeText);
      if (closed.length > 0) {
        return this.noneOpen(
          reply,
          closed.map((r) => r.entry),
          false,
        );
      }
    }
    // "Paella tonight" when no paella place opens tonight: which opens first after that.
    const window = reply.window();
    if (ranked.length === 0 && window) {
      const anyTime = this.rank(parsed, reply, topics, parsed.freeText, { ignoreTime: true });
      if (anyTime.some((r) => r.entry.hours)) return this.noneOpenWhen(reply, anyTime, false);
    }
    // No place of the asked kind at all ("diving" in a town without a dive centre), but places
    // whose text uses the word: those, and the answer says so — never silently, never outside the
    // catalogue. Not when the kind exists and another filter (attribute, town, time) emptied it.
    let widened: string | null = null;
    if (
      ranked.length === 0 &&
      topics.length > 0 &&
      cuisineOnly.length === 0 &&
      qualities.length === 0 &&
      this.rank(NO_FILTERS, reply, topics, [], { ignoreTime: true }).length === 0
    ) {
      const asked = parsed.topics.filter(
        (t) =>
          t.term && topics.some((topic) => topic === t.topic || (topic.subcategories === t.topic.subcategories && topic.categories === t.topic.categories)),
      );
      // The kind's words in the question's language and in English, the usual language of `description`.
      const languages = [...new Set([parsed.language ?? reply.language, 'en' as const])];
      const terms = [...new Set(asked.flatMap((t) => [t.term, ...languages.flatMap((language) => this.parser.termsOf(t.key, language))]))].filter(
        (term) => term.length >= 4,
      );
      const mentions = this.catalogue.textScoresAny(terms);
      if (mentions.size > 0) {
        ranked = this.rank(parsed, reply, [], [], { scores: mentions });
        if (ranked.length > 0) widened = asked.map((t) => written(reply.query, t.position, t.term)).join(', ');
      }
    }
    if (ranked.length === 0) {
      // A real search found nothing: the old list no longer answers "the first one".
      const real = topics.length > 0 || parsed.attributes.size > 0 || parsed.cities.length > 0;
      return reply.text(
        reply.m.noResults(reply.query.trim().slice(0, 80), this.destination()),
        'no_results',
        false,
        real ? { lastResultIds: [], moreResultIds: [], focusPoiId: null } : {},
      );
    }
    // At a time the question names: the places known to be open then; only when none says its
    // hours, those whose hours are unknown (beaches), and the answer says it cannot tell.
    let whenPhrase = reply.whenPhrase();
    const leads: string[] = [];
    if (window && ranked.some((r) => r.tier !== UNKNOWN_HOURS)) ranked = ranked.filter((r) => r.tier !== UNKNOWN_HOURS);
    else if (window) {
      leads.push(reply.m.hoursUnknownWhen(whenPhrase!));
      whenPhrase = null;
    }
    ranked = this.byDistance(
      parsed,
      reply,
      ranked,
      topics.some((t) => t.subcategories?.includes('Beaches')),
    );
    const shown = this.explained(reply, ranked.slice(0, this.config.chatMaxResults), parsed.freeText);
    const town = parsed.cities.length === 1 ? this.catalogue.cityName(parsed.cities[0]!) : null;
    if (without !== null) leads.unshift(without ? reply.m.without(without) : reply.m.withoutUnnamed);
    if (widened !== null) leads.unshift(reply.m.widened(widened));
    // Every place has an asked attribute only by its description: say so before naming them.
    const describedOnly = [...parsed.attributes].filter(
      (attribute) => attribute !== 'openNow' && shown.every((r) => !hasAttribute(r.entry, attribute, () => null)),
    );
    if (describedOnly.length > 0 && widened === null)
      leads.push(reply.m.onlyDescribed(describedOnly.map((attribute) => reply.m.attributes[attribute]).join(', ')));
    if (parsed.nearMe && !reply.position) leads.push(reply.far ? reply.m.farAway(this.destination()) : reply.m.noPosition);
    leads.push(reply.m.lead(ranked.length, shown.length, town, whenPhrase, reply.name(shown[0]!.entry)));
    return reply.list(leads.join(' '), shown, 'search', false, ranked.length, {
      lastResultIds: shown.map((r) => r.entry.poi.id),
      moreResultIds: ranked.slice(shown.length, shown.length + MORE_RESULTS).map((r) => r.entry.poi.id),
      focusPoiId: shown.length === 1 ? shown[0]!.entry.poi.id : null,
    });
  }

  /**
   * The places that answer a search, best first. An asked attribute counts when a tag says so
   * or, ranked after those, when only the description does; a time the question names keeps the
   * places open then (unknown hours last). `scores`: text relevance already worked out. Reasons
   * are not written here: this loop runs over the whole catalogue, reasons only for the places shown.
   */
  private rank(
    parsed: Pick<ParsedQuery, 'attributes' | 'cities'>,
    reply: Reply,
    topics: Topic[],
    freeText: string[],
    options: { ignoreTime?: boolean; scores?: Map<number, number> } = {},
  ): Ranked[] {
    const textScores = options.scores ?? this.catalogue.textScores(freeText);
    const scored = freeText.length > 0 || options.scores !== undefined;
    const maxText = Math.max(1, ...textScores.values());
    // Everything that does not depend on the place is worked out once: this loop runs over the
    // whole catalogue on every question, and its garbage was most of what a chat turn allocated.
    const mentioned = new Map(topics.filter((t) => t.mentions).map((t) => [t, reply.mentioning(t.mentions!, (words) => this.catalogue.textScoresAny(words))]));
    const isWanted = topicFilter(topics, mentioned);
    const attributes = [...parsed.attributes];
    const cities = parsed.cities;
    const openNow = (entry: CatalogueEntry) => reply.openNow(entry);
    const window = options.ignoreTime ? null : reply.window();
    const ranked: Ranked[] = [];
    for (const entry of this.catalogue.all()) {
      if (!isWanted(entry)) continue;
      if (cities.length > 0 && (!entry.cityKey || !cities.includes(entry.cityKey))) continue;
      let described: string | undefined;
      if (!hasAttributes(entry, attributes, openNow)) {
        described = describedFor(entry, attributes, openNow);
        if (described === undefined) continue;
      }
      let score = entry.quality / 5;
      if (scored) {
        const text = textScores.get(entry.poi.id);
        if (text === undefined) continue;
        score = 0.6 * (text / maxText) + 0.4 * score;
      }
      let tier = described === undefined ? 0 : 1;
      if (window) {
        const intervals = openIntervals(entry, window);
        if (intervals !== null && intervals.length === 0) continue;
        if (intervals === null) tier = UNKNOWN_HOURS;
      }
      ranked.push(described === undefined ? { entry, score, tier } : { entry, score, tier, described });
    }
    // Best first; ties by name so that answers are stable.
    return ranked.sort((a, b) => a.tier! - b.tier! || b.score - a.score || a.entry.poi.name.localeCompare(b.entry.poi.name));
  }

  /**
   * Why each shown place fits, when its card cannot show it: its hours at the asked time, its
   * description's words, its distance, the words of the question it mentions.
   */
  private explained(reply: Reply, shown: Ranked[], freeText: string[] = []): Ranked[] {
    const window = reply.window();
    const quoted = this.quotable(freeText);
    return shown.map((r) => {
      const reasons: string[] = [];
      if (window) {
        const times = openTimes(r.entry, window);
        if (times) reasons.push(reply.m.openDuring(times === 'allDay' ? reply.m.allDay : reply.m.ranges(times)));
      }
      if (r.described !== undefined) reasons.push(reply.m.described(r.described));
      else if (quoted && !normalizeText(r.entry.poi.name).includes(quoted)) reasons.push(reply.m.mentions(quoted));
      if (r.meters !== undefined) reasons.push(r.fromBeach ? reply.m.fromBeach(reply.m.distance(r.meters)) : reply.m.fromYou(reply.m.distance(r.meters)));
      return reasons.length > 0 ? { ...r, reason: reasons.join(' · ') } : r;
    });
  }

  /**
   * "Near me" (with the visitor's position) and "near the beach" put the nearest first, with the
   * distance; otherwise the ranking stays. Beaches are not "near the beach" answers unless the
   * question asks for beaches.
   */
  private byDistance(parsed: Pick<ParsedQuery, 'nearMe' | 'nearBeach'>, reply: Reply, ranked: Ranked[], keepBeaches: boolean): Ranked[] {
    const position = reply.position;
    if (parsed.nearMe && position) {
      return ranked
        .map((r) => ({ ...r, meters: distanceKm(position.latitude, position.longitude, r.entry.poi.latitude, r.entry.poi.longitude) * 1000 }))
        .sort((a, b) => a.meters - b.meters);
    }
    if (parsed.nearBeach) {
      const kept = ranked.filter((r) => keepBeaches || !r.entry.subcategories.has('Beaches'));
      return kept
        .map((r) => ({ ...r, meters: this.beachDistance(r.entry), fromBeach: true }))
        .filter((r) => Number.isFinite(r.meters))
        .sort((a, b) => a.meters - b.meters);
    }
    return ranked;
  }

  /** Metres from the place to the nearest other beach; worked out once per place and catalogue load. */
  private beachDistance(entry: CatalogueEntry): number {
    let meters = this.beachDistances.get(entry);
    if (meters === undefined) {
      let beaches = this.beaches.get(this.catalogue.all());
      if (!beaches) {
        beaches = this.catalogue.all().filter((e) => e.subcategories.has('Beaches'));
        this.beaches.set(this.catalogue.all(), beaches);
      }
      meters = Infinity;
      for (const beach of beaches) {
        if (beach !== entry) meters = Math.min(meters, distanceKm(entry.poi.latitude, entry.poi.longitude, beach.poi.latitude, beach.poi.longitude) * 1000);
      }
      this.beachDistances.set(entry, meters);
    }
    return meters;
  }

  private followUp(parsed: ParsedQuery, reply: Reply, previous: CatalogueEntry[], focus: CatalogueEntry | undefined): EngineAnswer {
    const attributes = [...parsed.attributes];
    const pointsAtOne = parsed.ordinal !== null || parsed.it || parsed.fields.size > 0;
    const asIs = (entries: CatalogueEntry[]): Ranked[] => entries.map((entry) => ({ entry, score: entry.quality / 5 }));
    // A list reordered or narrowed is a new list: "show more" no longer pages through the old result.
    const newList = (ranked: Ranked[]) => ({
      lastResultIds: ranked.map((r) => r.entry.poi.id),
      moreResultIds: [],
      focusPoiId: ranked.length === 1 ? ranked[0]!.entry.poi.id : null,
    });
    // "Which is better rated, the first or the second?"
    if (parsed.ordinals.length > 1) return this.compare(parsed, reply, previous);
    // "And in Benissa?": the same kinds of places, in another town.
    if (!pointsAtOne && parsed.cities.length > 0) {
      const subcategories = [...new Set(previous.map((entry) => entry.poi.subcategory))];
      return this.search({ ...parsed, topics: [{ key: 'previous', topic: { subcategories }, position: 0, term: '' }] }, reply);
    }
    // "Show more", "others?", "other beaches?": the next places of the last result.
    if (pagesOn(parsed)) return this.more(reply, previous);
    // "Not that one", "something else": the list without the place talked about.
    if (parsed.exclude) return this.exclude(parsed, reply, previous, focus);
    // "Which is closest?", "closer to the beach?": the same places, nearest first.
    // ("¿Cuál está más cerca de la playa?": "está" reads as "this one", and still asks about the list.)
    if (parsed.ordinal === null && parsed.fields.size === 0 && (parsed.nearMe || parsed.nearBeach)) {
      if (parsed.nearMe && !reply.position) return reply.text(reply.far ? reply.m.farAway(this.destination()) : reply.m.noPosition, 'follow_up_filter', true);
      const ranked = this.explained(reply, this.byDistance(parsed, reply, asIs(previous), true));
      return reply.list(parsed.nearMe ? reply.m.nearestFirst : reply.m.closestToBeachFirst, ranked, 'follow_up_filter', true, ranked.length, newList(ranked));
    }
    // "Something cheaper?", "¿cuál es el más barato?": the same places, least expensive first.
    if (!pointsAtOne && parsed.cheaper) {
      const priced = previous.filter((entry) => entry.poi.priceLevel !== null);
      if (priced.length === 0) return reply.text(reply.m.pricesUnknown, 'follow_up_filter', true);
      const byPrice = asIs([
        ...priced.sort((a, b) => a.poi.priceLevel! - b.poi.priceLevel! || b.quality - a.quality),
        ...previous.filter((e) => e.poi.priceLevel === null),
      ]);
      return reply.list(reply.m.cheaperFirst, byPrice, 'follow_up_filter', true, byPrice.length, newList(byPrice));
    }
    // "Which one is the best?"
    if (!pointsAtOne && parsed.best && attributes.length === 0) {
      const best = [...previous].sort((a, b) => b.quality - a.quality)[0]!;
      return this.about(parsed, reply, [best], true);
    }
    // "Which one is romantic?", "which has a sea view?": the places of the list whose text says so.
    const qualities = parsed.topics.filter((t) => t.topic.mentions);
    if (!pointsAtOne && parsed.which && qualities.length > 0) {
      const mentions = reply.mentioning(
        qualities.flatMap((t) => t.topic.mentions!),
        (words) => this.catalogue.textScoresAny(words),
      );
      return this.narrowed(reply, previous, asIs(previous.filter((entry) => mentions.has(entry.poi.id))), qualities.map((t) => t.term).join(', '));
    }
    // "Which one is delicious?": narrow the last list to the places that mention the words.
    if (!pointsAtOne && parsed.which && attributes.length === 0 && parsed.freeText.length > 0) {
      const mentions = this.catalogue.textScores(parsed.freeText);
      return this.narrowed(reply, previous, asIs(previous.filter((entry) => mentions.has(entry.poi.id))), this.quotable(parsed.freeText));
    }
    // "Which one has outdoor seating?" / "and vegan?": narrow the last list, tagged places first,
    // then those whose description says so. ("Open now?" alone asks about it.)
    if (!pointsAtOne && attributes.length > 0 && !(attributes.length === 1 && attributes[0] === 'openNow' && !parsed.which)) {
      const openNow = (e: CatalogueEntry) => reply.openNow(e);
      const kept: Ranked[] = [];
      for (const entry of previous) {
        if (hasAttributes(entry, attributes, openNow)) kept.push({ entry, score: entry.quality / 5, tier: 0 });
        else {
          const described = describedFor(entry, attributes, openNow);
          if (described !== undefined) kept.push({ entry, score: entry.quality / 5, tier: 1, described });
        }
      }
      kept.sort((a, b) => a.tier! - b.tier!);
      if (kept.length === 0 && attributes.length === 1 && attributes[0] === 'openNow') return this.noneOpen(reply, previous, true);
      return this.narrowed(reply, previous, this.explained(reply, kept), attributes.map((attribute) => reply.m.attributes[attribute]).join(', '));
    }
    // "Which of them are open tonight?", "and on Sunday?": the places open then.
    const window = reply.window();
    if (!pointsAtOne && window) {
      const kept = asIs(previous.filter((entry) => (openIntervals(entry, window) ?? []).length > 0));
      if (kept.length === 0) return this.noneOpenWhen(reply, asIs(previous), true);
      return this.narrowed(reply, previous, this.explained(reply, kept), reply.m.openAt(reply.whenPhrase()!));
    }
    // Which place(s) the question is about: "the second one", "it", or the whole last list.
    if (parsed.ordinal !== null) {
      const picked = this.pick(previous, parsed.ordinal);
      if (!picked) return reply.text(reply.m.onlyN(previous.length), 'follow_up_select', true);
      return this.about(parsed, reply, [picked], true);
    }
    return this.about(parsed, reply, focus ? [focus] : previous, true);
  }

  private pick(previous: CatalogueEntry[], ordinal: number): CatalogueEntry | undefined {
    return previous[ordinal === -1 ? previous.length - 1 : ordinal - 1];
  }

  /** "Show more": the next page of the last search's result. */
  private more(reply: Reply, previous: CatalogueEntry[]): EngineAnswer {
    const rest = reply.moreIds.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e && !previous.includes(e));
    if (rest.length === 0) return reply.text(reply.m.noMore, 'follow_up_filter', true);
    const page = rest.slice(0, this.config.chatMaxResults);
    const left = rest.slice(page.length);
    return reply.list(
      reply.m.more(page.length, left.length),
      page.map((entry) => ({ entry, score: entry.quality / 5 })),
      'follow_up_filter',
      true,
      // This page and what is left after it: more than the page shows means "show more" again.
      page.length + left.length,
      { lastResultIds: page.map((e) => e.poi.id), moreResultIds: left.map((e) => e.poi.id), focusPoiId: page.length === 1 ? page[0]!.poi.id : null },
    );
  }

  /** "Not that one": the last list without the place talked about, topped up from the rest of the result. */
  private exclude(parsed: ParsedQuery, reply: Reply, previous: CatalogueEntry[], focus: CatalogueEntry | undefined): EngineAnswer {
    const target = (parsed.ordinal !== null ? this.pick(previous, parsed.ordinal) : undefined) ?? focus ?? (previous.length === 1 ? previous[0] : undefined);
    if (!target) return this.more(reply, previous);
    const rest = reply.moreIds.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e && e !== target);
    // As many places as before: the others, topped up from the rest of the result.
    const others = [...previous.filter((e) => e !== target), ...rest].slice(0, previous.length);
    const left = rest.filter((e) => !others.includes(e));
    if (others.length === 0) return reply.text(reply.m.noMore, 'follow_up_filter', true, { focusPoiId: null });
    return reply.list(
      reply.m.others,
      others.map((entry) => ({ entry, score: entry.quality / 5 })),
      'follow_up_filter',
      true,
      others.length,
      { lastResultIds: others.map((e) => e.poi.id), moreResultIds: left.map((e) => e.poi.id), focusPoiId: others.length === 1 ? others[0]!.poi.id : null },
    );
  }

  /** "Which is better rated / cheaper, the first or the second?" */
  private compare(parsed: ParsedQuery, reply: Reply, previous: CatalogueEntry[]): EngineAnswer {
    const picked = parsed.ordinals.map((ordinal) => this.pick(previous, ordinal));
    if (picked.some((entry) => !entry)) return reply.text(reply.m.onlyN(previous.length), 'follow_up_select', true);
    const [a, b] = picked as [CatalogueEntry, CatalogueEntry];
    const [nameA, nameB] = [reply.name(a), reply.name(b)];
    let text: string;
    if (parsed.cheaper || parsed.fields.has('price') || parsed.attributes.has('cheap') || parsed.attributes.has('expensive')) {
      const [la, lb] = [a.poi.priceLevel, b.poi.priceLevel];
      if (la === null || lb === null) text = reply.m.dontKnow(la === null ? nameA : nameB, 'price');
      else if (la === lb) text = reply.m.samePrice(nameA, nameB);
      else text = la < lb ? reply.m.cheaperThan(nameA, nameB, la, lb) : reply.m.cheaperThan(nameB, nameA, lb, la);
    } else {
      const [ra, rb] = [a.poi.rating, b.poi.rating];
      if (ra === null || rb === null) text = reply.m.dontKnow(ra === null ? nameA : nameB, 'rating');
      else if (ra === rb) text = reply.m.sameRating(nameA, nameB, ra);
      else text = ra > rb ? reply.m.betterRated(nameA, ra, nameB, rb) : reply.m.betterRated(nameB, rb, nameA, ra);
    }
    return reply.withPois(text, [a, b], 'follow_up_detail', true, { focusPoiId: null });
  }

  /** The part of the last list that matches `noun`; the list itself is kept when none does. */
  private narrowed(reply: Reply, previous: CatalogueEntry[], kept: Ranked[], noun: string): EngineAnswer {
    if (kept.length === 0) return reply.text(noun ? reply.m.filteredNone(noun) : reply.m.filteredNoneUnnamed, 'follow_up_filter', true);
    // "One of them" only out of several: a list of one that passes is simply a yes.
    const lead = previous.length === 1 && noun ? reply.m.yes(reply.name(kept[0]!.entry), kept[0]!.reason ?? noun) : reply.m.filtered(kept.length, noun);
    return reply.list(lead, kept, 'follow_up_filter', true, kept.length, {
      lastResultIds: kept.map((r) => r.entry.poi.id),
      moreResultIds: [],
      focusPoiId: kept.length === 1 ? kept[0]!.entry.poi.id : null,
    });
  }

  /**
   * None of the places is open now: they are listed by when they open, and the answer names the
   * first ("…; the first to open is Salt Museum, at 10:00"). Unknown hours come last.
   */
  private noneOpen(reply: Reply, entries: CatalogueEntry[], isFollowUp: boolean): EngineAnswer {
    const now = this.catalogue.wallTime(reply.turnNow);
    const opening = entries
      .map((entry) => ({ entry, next: this.catalogue.nextChange(entry, now), score: entry.quality / 5 }))
      .sort((a, b) => minutesUntil(a.next) - minutesUntil(b.next) || b.score - a.score);
    const shown = opening.slice(0, this.config.chatMaxResults);
    const first = shown[0]!;
    const lead = first.next ? reply.m.noneOpen(reply.name(first.entry), reply.m.opensAt(first.next)) : reply.m.noneOpenUnknown;
    return reply.list(lead, shown, isFollowUp ? 'follow_up_filter' : 'search', isFollowUp, entries.length, {
      lastResultIds: shown.map((r) => r.entry.poi.id),
      focusPoiId: shown.length === 1 ? shown[0]!.entry.poi.id : null,
    });
  }

  /**
   * Nothing asked for is open at the asked time ("paella tonight"): they are listed by when they
   * next open after it, and the answer names the first. Unknown hours come last.
   */
  private noneOpenWhen(reply: Reply, ranked: Ranked[], isFollowUp: boolean): EngineAnswer {
    const window = reply.window()!;
    const now = this.catalogue.wallTime(reply.turnNow);
    const opening = ranked
      .map((r) => ({ ...r, next: firstOpeningAfter(r.entry, window, now) }))
      .sort((a, b) => minutesUntil(a.next) - minutesUntil(b.next) || b.score - a.score);
    const shown = opening.slice(0, this.config.chatMaxResults);
    const first = shown[0]!;
    const when = reply.whenPhrase()!;
    const lead = first.next ? reply.m.noneOpenWhen(when, reply.name(first.entry), reply.m.opensAt(first.next)) : reply.m.noneOpenWhenUnknown(when);
    return reply.list(lead, shown, isFollowUp ? 'follow_up_filter' : 'search', isFollowUp, ranked.length, {
      lastResultIds: shown.map((r) => r.entry.poi.id),
      focusPoiId: shown.length === 1 ? shown[0]!.entry.poi.id : null,
    });
  }

  /** Answers about given places: the asked fields and attributes, or their details. */
  private about(parsed: ParsedQuery, reply: Reply, targets: CatalogueEntry[], isFollowUp: boolean): EngineAnswer {
    const focusPoiId = targets.length === 1 ? targets[0]!.poi.id : null;
    // A place named in full becomes the conversation's list; a follow-up keeps the list it picked from.
    const context = isFollowUp ? { focusPoiId } : { focusPoiId, lastResultIds: targets.map((e) => e.poi.id) };
    const attributes = [...parsed.attributes];
    // "When does it close?" answers the closing time, not the whole week's hours.
    const fields = [...parsed.fields].filter((f) => f !== 'hours' || !(parsed.fields.has('closes') || parsed.fields.has('opens')));
    if ((attributes.includes('openNow') || reply.when) && !fields.some((f) => f === 'open' || f === 'closes' || f === 'opens' || f === 'hours'))
      fields.push('open');
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

/** Minutes from now to an opening (unknown: last). */
function minutesUntil(next: OpeningChange | null): number {
  if (!next) return Number.MAX_SAFE_INTEGER;
  return next.inDays * 1440 + Number(next.time.slice(0, 2)) * 60 + Number(next.time.slice(3, 5));
}

/** The question's words for `term` (normalized, from word `position`) as the visitor wrote them ("randonnée", not "randonnee"). */
function written(question: string, position: number, term: string): string {
  const words = (question.match(/[\p{L}\p{N}]+/gu) ?? []).slice(position, position + term.split(' ').length);
  return words.map(normalizeText).join(' ') === term ? words.join(' ') : term;
}
