import { Injectable } from '@nestjs/common';
import type { Language, OpeningChange } from '@holibot/contracts';
import { AppConfig } from '../../config/app-config.js';
import { type CatalogueEntry, PoiCatalogue } from '../../poi/index.js';
import { AnswerEngine, type EngineAnswer, type TurnInput } from './answer-engine.js';
import { type Ranked, hasAttributes, headTopics, topicFilter } from './builtin-matching.js';
import { Reply, textChunks } from './builtin-reply.js';
import type { Topic } from './lexicon.js';
import { MESSAGES } from './messages.js';
import { type ParsedQuery, QueryParser } from './query-parser.js';

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
    const asked = { topics: [...new Set(parsed.topics.map((t) => t.key))], attributes: [...parsed.attributes] };
    const reply = new Reply(this.catalogue, MESSAGES[language], language, turn, asked);
    const previous = turn.context.lastResultIds.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e);
    const focus = turn.context.focusPoiId === null ? undefined : this.catalogue.get(turn.context.focusPoiId);
    const named = parsed.named.map((id) => this.catalogue.get(id)).filter((e): e is CatalogueEntry => !!e);
    const searches = parsed.topics.length > 0 || parsed.freeText.length > 0;
    // Unknown words that some place mentions ("churros", "Salinas") ask for something new;
    // words no place mentions ("lautet", "dicht") are only the way the visitor talks.
    const asksForSomething = () => parsed.freeText.length > 0 && this.catalogue.textScores(parsed.freeText).size > 0;
    const pointsAtOne = parsed.ordinal !== null || parsed.it || parsed.fields.size > 0;

    // Rules are not up for discussion: an attempt to change or read them is told what HoliBot is
    // for, before anything else can read its words as a search or a follow-up; the list stays.
    if (parsed.offTopic) return reply.text(reply.m.offTopic(this.destination()), 'help', false);
    // "thanks, bye", "hola, ¿qué tal?": small talk that asks for no place is answered as such.
    const smallTalk = parsed.greeting || parsed.thanks || parsed.bye;
    const asksForAPlace = parsed.topics.length > 0 || parsed.attributes.size > 0 || parsed.cities.length > 0 || named.length > 0 || parsed.fields.size > 0;
    if (smallTalk && !asksForAPlace && parsed.ordinal === null && !asksForSomething()) return this.smallTalk(parsed, reply);
    // "Is Trattoria Da Luca open?", "phone number of Sushi Kaze": about a place named in full.
    if (named.length > 0 && parsed.topics.length === 0) return this.about(parsed, reply, named, false);
    // With a list on the table, a question that names nothing new but points back ("the second
    // one", "which ones", "and vegan?") is about that list, in whatever words ("do they allow
    // dogs?", "wie lautet die Telefonnummer des ersten?"); "which …" always is ("which one is romantic?").
    const refersBack = pointsAtOne || parsed.which || parsed.cheaper || parsed.attributes.size > 0 || parsed.cities.length > 0;
    if (previous.length > 0 && parsed.topics.length === 0 && refersBack && (parsed.which || !asksForSomething())) {
      return this.followUp(parsed, reply, previous, focus);
    }
    // "Beaches in Benidorm" with no Benidorm in the catalogue: said, never answered with Calpe's.
    if (parsed.unknownTown && named.length === 0) {
      const towns = [...new Set(this.catalogue.vocabulary().cities.values())].map((key) => this.catalogue.cityName(key)).slice(0, 8);
      return reply.text(reply.m.unknownTown(parsed.unknownTown, towns), 'no_results', false, { lastResultIds: [], focusPoiId: null });
    }
    if (pointsAtOne && !searches) return reply.text(reply.m.whichPlace, 'help', false);
    // "Cheaper" with no list to compare: cheap places.
    if (parsed.cheaper) parsed.attributes.add('cheap');
    if (searches || parsed.attributes.size > 0 || parsed.cities.length > 0) return this.search(parsed, reply);
    // Nothing to search for: words we do not know. The conversation's list is kept, so "the
    // first one" still works after a stray message.
    if (parsed.help || (parsed.freeText.length === 0 && parsed.corrected.length === 0)) return reply.text(reply.m.help(this.destination()), 'help', false);
    return reply.text(reply.m.noResults(turn.query.trim().slice(0, 80), this.destination()), 'no_results', false);
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
    const cuisineOnly = topics.filter((t) => !t.subcategories && !t.categories);
    if (ranked.length === 0 && cuisineOnly.length > 0 && cuisineOnly.length < topics.length) {
      ranked = this.rank(parsed, reply, cuisineOnly, []);
    }
    // No place has that cuisine tag: one may still say it ("French-style café").
    if (ranked.length === 0 && cuisineOnly.length > 0) {
      const cuisineWords = parsed.topics.filter((t) => !t.topic.subcategories && !t.topic.categories).flatMap((t) => t.term.split(' '));
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
    if (ranked.length === 0) {
      // A real search found nothing: the old list no longer answers "the first one".
      const real = topics.length > 0 || parsed.attributes.size > 0 || parsed.cities.length > 0;
      return reply.text(
        reply.m.noResults(reply.query.trim().slice(0, 80), this.destination()),
        'no_results',
        false,
        real ? { lastResultIds: [], focusPoiId: null } : {},
      );
    }
    const shown = ranked.slice(0, this.config.chatMaxResults);
    const town = parsed.cities.length === 1 ? this.catalogue.cityName(parsed.cities[0]!) : null;
    const intro = reply.m.found(shown.length, ranked.length, town);
    const lead = without === null ? intro : `${without ? reply.m.without(without) : reply.m.withoutUnnamed} ${intro}`;
    return reply.list(lead, shown, 'search', false, ranked.length, {
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
    // "Something cheaper?", "¿cuál es el más barato?": the same places, least expensive first.
    if (!pointsAtOne && parsed.cheaper) {
      const priced = previous.filter((entry) => entry.poi.priceLevel !== null);
      if (priced.length === 0) return reply.text(reply.m.pricesUnknown, 'follow_up_filter', true);
      const byPrice = [
        ...priced.sort((a, b) => a.poi.priceLevel! - b.poi.priceLevel! || b.quality - a.quality),
        ...previous.filter((e) => e.poi.priceLevel === null),
      ];
      return reply.list(
        reply.m.cheaperFirst,
        byPrice.map((entry) => ({ entry, score: entry.quality / 5 })),
        'follow_up_filter',
        true,
        byPrice.length,
        {
          lastResultIds: byPrice.map((e) => e.poi.id),
          focusPoiId: null,
        },
      );
    }
    // "Which one is the best?"
    if (!pointsAtOne && parsed.best && attributes.length === 0) {
      const best = [...previous].sort((a, b) => b.quality - a.quality)[0]!;
      return this.about(parsed, reply, [best], true);
    }
    // "Which one is romantic?": narrow the last list to the places that mention the words.
    if (!pointsAtOne && parsed.which && attributes.length === 0 && parsed.freeText.length > 0) {
      const mentions = this.catalogue.textScores(parsed.freeText);
      return this.narrowed(
        reply,
        previous,
        previous.filter((entry) => mentions.has(entry.poi.id)),
        this.quotable(parsed.freeText),
      );
    }
    // "Which one has outdoor seating?" / "and vegan?": narrow the last list. ("Open now?" alone asks about it.)
    if (!pointsAtOne && attributes.length > 0 && !(attributes.length === 1 && attributes[0] === 'openNow' && !parsed.which)) {
      const kept = previous.filter((entry) => hasAttributes(entry, attributes, (e) => reply.openNow(e)));
      if (kept.length === 0 && attributes.length === 1 && attributes[0] === 'openNow') return this.noneOpen(reply, previous, true);
      return this.narrowed(reply, previous, kept, attributes.map((attribute) => reply.m.attributes[attribute]).join(', '));
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
  private narrowed(reply: Reply, previous: CatalogueEntry[], kept: CatalogueEntry[], noun: string): EngineAnswer {
    if (kept.length === 0) return reply.text(noun ? reply.m.filteredNone(noun) : reply.m.filteredNoneUnnamed, 'follow_up_filter', true);
    const ranked = kept.map((entry) => ({ entry, score: entry.quality / 5 }));
    // "One of them" only out of several: a list of one that passes is simply a yes.
    const lead = previous.length === 1 && noun ? reply.m.yes(reply.name(kept[0]!), noun) : reply.m.filtered(kept.length, noun);
    return reply.list(lead, ranked, 'follow_up_filter', true, kept.length, {
      lastResultIds: kept.map((e) => e.poi.id),
      focusPoiId: kept.length === 1 ? kept[0]!.poi.id : null,
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
      .sort((a, b) => rank(a.next) - rank(b.next) || b.score - a.score);
    const shown = opening.slice(0, this.config.chatMaxResults);
    const first = shown[0]!;
    const lead = first.next ? reply.m.noneOpen(reply.name(first.entry), reply.m.opensAt(first.next)) : reply.m.noneOpenUnknown;
    return reply.list(lead, shown, isFollowUp ? 'follow_up_filter' : 'search', isFollowUp, entries.length, {
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

/** Minutes from now to an opening (unknown: last). */
function rank(next: OpeningChange | null): number {
  if (!next) return Number.MAX_SAFE_INTEGER;
  return next.inDays * 1440 + Number(next.time.slice(0, 2)) * 60 + Number(next.time.slice(3, 5));
}
