import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  isBrokenCircuitError,
  isIsolatedCircuitError,
} from 'cockatiel';
import type { SharedCircuit } from '../../../redis/index.js';
import type { Language } from '@holibot/contracts';
import { AppConfig } from '../../../config/app-config.js';
import type { Metrics } from '../../../observability/metrics/metrics.service.js';
import { PoiCatalogue } from '../../../poi/index.js';
import { AnswerEngine, type EngineAnswer, type HistoryMessage, type TokenUsage, type TurnInput } from '../answer-engine.js';
import { BuiltinAnswerEngine } from '../builtin-engine.js';
import { textChunks } from '../builtin-reply.js';
import {
  type CandidatePlace,
  LeakGuard,
  MAX_ANSWER_CHARS,
  NameMatcher,
  type Sentence,
  SentenceSplitter,
  checkSentence,
  joinSentence,
  malformedReason,
  referencedPlaces,
  splitSentences,
  stripMarkup,
} from './grounding.js';
import { MistralCallError, MistralClient, type MistralChatRequest } from './mistral-client.js';
import { PROMPT_CANARY, buildMessages, instructions } from './prompts.js';

/** Injection token for MistralEngineOptions (tests shorten the breaker's times). */
export const MISTRAL_ENGINE_OPTIONS = 'MISTRAL_ENGINE_OPTIONS';

export interface MistralEngineOptions {
  /** Several instances: the breaker's open state shared with the others. */
  sharedCircuit?: SharedCircuit;
  /** Failed turns in a row that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the circuit stays open before one trial call. Default 30 000 ms. */
  halfOpenAfterMs?: number;
  /** Pause before the one retry of a transient error. Default 250 ms. */
  retryBackoffMs?: number;
  /** Time that must be left for a retry to be worth it. Default 40% of MISTRAL_TIMEOUT_MS, at most 2 s. */
  minRetryBudgetMs?: number;
}

/** What the engine records: each call's outcome, time and tokens, and the breaker's state. */
export type MistralMetrics = Pick<Metrics, 'mistralCall' | 'mistralCircuit'>;

/** How a Mistral call ended, as the usage log line says it. */
type Outcome = 'ok' | 'timeout' | 'network' | 'malformed' | 'ungrounded' | 'leak' | 'circuit_open' | `http_${number}`;

/**
 * A model answer that arrived but may not be shown. The service worked, so the breaker counts
 * a success: a visitor's injection attempts must not switch Mistral off for everyone.
 */
interface Rejected {
  kind: 'ungrounded' | 'leak';
}

interface Accepted {
  kind: 'ok';
  text: string;
  poiIds: number[];
  removed: number;
}

/** What one turn has done so far, across its attempts. */
class TurnState {
  usage: TokenUsage | null = null;
  /** Characters of model text already given to onDelta. */
  shown = 0;
  /** Set once the turn has its answer: a late model sentence is never shown after that. */
  closed = false;
  /** The last call's outcome, and the calls made (usage report). */
  outcome: Outcome | null = null;
  calls = 0;

  addUsage(usage: TokenUsage | null): void {
    if (!usage) return;
    this.usage = {
      promptTokens: (this.usage?.promptTokens ?? 0) + usage.promptTokens,
      completionTokens: (this.usage?.completionTokens ?? 0) + usage.completionTokens,
    };
  }
}

/**
 * Judges the model's text sentence by sentence: a sentence that names a place the model was not
 * given is dropped, a sentence that gives the rules away ends the answer. With several places,
 * nothing is shown before the answer has named one of them, so an answer that names none can
 * still be replaced by the built-in one without the visitor seeing it.
 */
class Judge {
  raw = '';
  text = '';
  removed = 0;
  leaked = false;
  tooLong = false;
  private readonly mentioned = new Set<number>();

  constructor(
    private readonly candidates: CandidatePlace[],
    private readonly matcher: NameMatcher,
    private readonly guard: LeakGuard,
    private readonly state: TurnState,
    private readonly onDelta: ((text: string) => void) | undefined,
  ) {}

  /** False once the answer cannot be used any more. */
  add(sentence: Sentence): boolean {
    this.raw += `${this.raw ? ' ' : ''}${sentence.text}`;
    if (this.guard.leaks(this.raw)) {
      this.leaked = true;
      return false;
    }
    if (this.raw.length > MAX_ANSWER_CHARS) {
      this.tooLong = true;
      return false;
    }
    const check = checkSentence(sentence.text, this.candidates, this.matcher);
    if (check.invented.length > 0) {
      this.removed++;
      return true;
    }
    const clean = stripMarkup(sentence.text).trim();
    if (!clean) return true;
    this.text += joinSentence(this.text, { text: clean, newline: sentence.newline });
    check.mentioned.forEach((id) => this.mentioned.add(id));
    const holding = this.candidates.length > 1 && this.mentioned.size === 0;
    if (this.onDelta && !holding && !this.state.closed && this.text.length > this.state.shown) {
      this.onDelta(this.text.slice(this.state.shown));
      this.state.shown = this.text.length;
    }
    return true;
  }

  /** The verdict once the model has finished. Throws when the output is malformed. */
  finish(finishReason: string | null, toolCalls: number): Accepted | Rejected {
    if (this.leaked) return { kind: 'leak' };
    if (this.tooLong) throw new MistralCallError('malformed', 'answer too long');
    if (toolCalls > 0 && !this.raw.trim()) throw new MistralCallError('malformed', 'tool calls instead of text');
    const reason = malformedReason(this.raw, finishReason);
    if (reason) throw new MistralCallError('malformed', reason);
    const poiIds = referencedPlaces(this.mentioned, this.candidates);
    if (!this.text || poiIds === null) return { kind: 'ungrounded' };
    return { kind: 'ok', text: this.text, poiIds, removed: this.removed };
  }
}

/**
 * The LLM engine: the built-in engine finds the places and handles follow-ups, Mistral words
 * the answer from those places only. Any failure — time, HTTP, output — gives the built-in
 * answer of the same turn, within MISTRAL_TIMEOUT_MS (plus a few ms).
 */
@Injectable()
export class MistralAnswerEngine extends AnswerEngine {
  private readonly logger = new Logger('MistralAnswerEngine');
  private readonly breaker: CircuitBreakerPolicy;
  private readonly timeoutMs: number;
  private readonly retryBackoffMs: number;
  private readonly minRetryBudgetMs: number;
  private matcher: { names: ReadonlyMap<string, number[]>; matcher: NameMatcher } | null = null;
  private readonly guards = new Map<Language, LeakGuard>();
  private readonly shared: SharedCircuit | null;
  /** The last shared state seen: the metric follows its changes. */
  private openElsewhere = false;

  constructor(
    private readonly builtin: BuiltinAnswerEngine,
    private readonly catalogue: PoiCatalogue,
    private readonly client: MistralClient,
    private readonly config: AppConfig,
    private readonly metrics: MistralMetrics,
    @Optional() @Inject(MISTRAL_ENGINE_OPTIONS) options: MistralEngineOptions | null = null,
  ) {
    super();
    if (!config.mistral) throw new Error('MistralAnswerEngine needs MISTRAL_API_KEY');
    this.timeoutMs = config.mistral.timeoutMs;
    this.retryBackoffMs = options?.retryBackoffMs ?? 250;
    this.minRetryBudgetMs = options?.minRetryBudgetMs ?? Math.min(2000, 0.4 * this.timeoutMs);
    const halfOpenAfter = options?.halfOpenAfterMs ?? 30_000;
    this.breaker = circuitBreaker(handleAll, { breaker: new ConsecutiveBreaker(options?.breakerThreshold ?? 5), halfOpenAfter });
    this.shared = options?.sharedCircuit ?? null;
    // Open from the break until a trial call succeeds (half-open still answers with the built-in engine).
    this.breaker.onBreak(() => {
      metrics.mistralCircuit(true);
      this.shared?.opened(halfOpenAfter);
    });
    this.breaker.onReset(() => {
      metrics.mistralCircuit(false);
      this.shared?.closed();
    });
    metrics.mistralCircuit(false);
  }

  async answer(turn: TurnInput): Promise<EngineAnswer> {
    const started = performance.now();
    const deadline = started + this.timeoutMs;
    // The built-in engine does the retrieval, the follow-up and the next context, and is the fallback.
    const base = await this.builtin.answer({ ...turn, onDelta: undefined });
    const state = new TurnState();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('MISTRAL_TIMEOUT_MS reached')), Math.max(0, deadline - performance.now()));
    const expired = new Promise<'expired'>((resolve) => controller.signal.addEventListener('abort', () => resolve('expired'), { once: true }));
    // Opened by another instance: no call, as if this breaker were open.
    const work = (await this.openElsewhereNow())
      ? Promise.reject(new BrokenCircuitError())
      : this.breaker.execute(() => this.attempts(turn, base, state, controller.signal, deadline));
    let verdict: Accepted | Rejected | 'expired' | null = null;
    try {
      // The race makes the deadline hold even if a call does not end at once on abort.
      verdict = await Promise.race([work, expired]);
      // The call ends on the abort within a few ms: wait that long for its usage line, no longer.
      if (verdict === 'expired') await Promise.race([work.catch(() => undefined), delay(25)]);
    } catch (error) {
      if (isBrokenCircuitError(error) || isIsolatedCircuitError(error)) this.record('circuit_open', 0, null, 0, 0, turn, state);
      else if (!(error instanceof MistralCallError)) this.logger.error(`Mistral AI engine error: ${(error as Error).message}`);
    } finally {
      state.closed = true;
      clearTimeout(timer);
      controller.abort(new Error('turn finished'));
      work.catch(() => undefined);
    }
    // A turn cut off by MISTRAL_TIMEOUT_MS may end before its call has told how it ended.
    const outcome = verdict === 'expired' ? 'timeout' : (state.outcome ?? 'error');
    const llm = { model: this.client.model, outcome, calls: state.calls };
    if (verdict && verdict !== 'expired' && verdict.kind === 'ok') {
      return {
        ...base,
        text: verdict.text,
        pois: base.pois.filter((poi) => verdict.poiIds.includes(poi.id)),
        engine: 'mistral',
        usage: state.usage,
        llm,
      };
    }
    // The built-in answer, streamed as the built-in engine streams it — unless model sentences
    // were shown already: then the final text (authoritative) replaces them on the client.
    if (turn.onDelta && state.shown === 0) for (const chunk of textChunks(base.text)) turn.onDelta(chunk);
    return { ...base, engine: 'builtin', usage: state.usage, llm };
  }

  /** Whether the shared circuit is open; the metric shows it on every instance while it is. */
  private async openElsewhereNow(): Promise<boolean> {
    if (!this.shared) return false;
    const open = await this.shared.isOpen();
    if (open !== this.openElsewhere) {
      this.openElsewhere = open;
      this.metrics.mistralCircuit(open || this.breaker.state !== CircuitState.Closed);
    }
    return open;
  }

  /** One call, and one retry of a transient error when nothing was shown and time allows. */
  private async attempts(turn: TurnInput, base: EngineAnswer, state: TurnState, signal: AbortSignal, deadline: number): Promise<Accepted | Rejected> {
    let history: HistoryMessage[] = [];
    try {
      history = await turn.history();
    } catch (error) {
      this.logger.warn(`Mistral AI: history not available, answering without it: ${(error as Error).message}`);
    }
    const request: MistralChatRequest = {
      messages: buildMessages({
        destination: this.config.destinationName,
        language: base.language,
        places: base.pois,
        catalogueAnswer: base.text,
        history,
        question: turn.query,
      }),
    };
    const candidates: CandidatePlace[] = base.pois.map((poi) => ({ id: poi.id, names: [poi.name] }));
    for (let attempt = 1; ; attempt++) {
      const began = performance.now();
      const before = state.usage;
      try {
        const judge = new Judge(candidates, this.nameMatcher(candidates), this.guard(base.language), state, turn.onDelta);
        const verdict = turn.onDelta ? await this.streamed(request, judge, state, signal) : await this.completed(request, judge, state, signal);
        this.record(
          verdict.kind,
          attempt,
          spent(before, state.usage),
          performance.now() - began,
          verdict.kind === 'ok' ? verdict.removed : judge.removed,
          turn,
          state,
        );
        return verdict;
      } catch (error) {
        const failure = error instanceof MistralCallError ? error : new MistralCallError('malformed', String(error));
        const outcome: Outcome = signal.aborted
          ? 'timeout'
          : failure.kind === 'http'
            ? `http_${failure.status ?? 0}`
            : failure.kind === 'aborted'
              ? 'timeout'
              : failure.kind;
        this.record(outcome, attempt, spent(before, state.usage), performance.now() - began, 0, turn, state);
        const left = deadline - performance.now() - this.retryBackoffMs;
        if (attempt > 1 || !failure.transient || signal.aborted || state.shown > 0 || left < this.minRetryBudgetMs) throw failure;
        await sleep(this.retryBackoffMs, signal);
      }
    }
  }

  private async completed(request: MistralChatRequest, judge: Judge, state: TurnState, signal: AbortSignal): Promise<Accepted | Rejected> {
    const completion = await this.client.complete(request, signal);
    state.addUsage(completion.usage);
    for (const sentence of splitSentences(completion.text ?? '')) if (!judge.add(sentence)) break;
    return judge.finish(completion.finishReason, completion.toolCalls);
  }

  private async streamed(request: MistralChatRequest, judge: Judge, state: TurnState, signal: AbortSignal): Promise<Accepted | Rejected> {
    const splitter = new SentenceSplitter();
    let finishReason: string | null = null;
    let toolCalls = 0;
    let open = true;
    for await (const event of this.client.stream(request, signal)) {
      if (event.type === 'done') {
        state.addUsage(event.usage);
        finishReason = event.finishReason;
        toolCalls = event.toolCalls;
        continue;
      }
      for (const sentence of splitter.push(event.text)) if (!(open = judge.add(sentence))) break;
      // A leak or a runaway answer: stop reading (the SDK cancels the response) and fall back.
      if (!open) return judge.finish(null, 0);
    }
    for (const sentence of splitter.end()) if (!judge.add(sentence)) break;
    return judge.finish(finishReason, toolCalls);
  }

  /** One usage line per Mistral call; operators grep for "Mistral AI". Never the visitor's words. */
  private record(outcome: Outcome, attempt: number, usage: TokenUsage | null, latencyMs: number, removed: number, turn: TurnInput, state: TurnState): void {
    state.outcome = outcome;
    state.calls = Math.max(state.calls, attempt);
    const line =
      `Mistral AI call: model=${this.client.model} outcome=${outcome} attempt=${attempt} stream=${turn.onDelta ? 'yes' : 'no'} ` +
      `prompt_tokens=${usage?.promptTokens ?? 0} completion_tokens=${usage?.completionTokens ?? 0} latency_ms=${Math.round(latencyMs)}` +
      (removed > 0 ? ` removed_sentences=${removed}` : '');
    if (outcome === 'ok') this.logger.log(line);
    else this.logger.warn(line);
    this.metrics.mistralCall(outcome, latencyMs / 1000, usage);
  }

  /** Place names of the catalogue (rebuilt when the catalogue reloads), plus this turn's candidates as written. */
  private nameMatcher(candidates: CandidatePlace[]): NameMatcher {
    const names = this.catalogue.vocabulary().names;
    if (this.matcher?.names !== names) this.matcher = { names, matcher: new NameMatcher(names) };
    return this.matcher.matcher.withCandidates(candidates);
  }

  private guard(language: Language): LeakGuard {
    let guard = this.guards.get(language);
    if (!guard) this.guards.set(language, (guard = new LeakGuard(instructions(this.config.destinationName, language), PROMPT_CANARY)));
    return guard;
  }
}

function spent(before: TokenUsage | null, after: TokenUsage | null): TokenUsage | null {
  if (!after) return null;
  return { promptTokens: after.promptTokens - (before?.promptTokens ?? 0), completionTokens: after.completionTokens - (before?.completionTokens ?? 0) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new MistralCallError('aborted', 'deadline'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new MistralCallError('aborted', 'deadline'))), { once: true });
  });
}
