import { Injectable } from '@nestjs/common';
import { Mistral } from '@mistralai/mistralai';
import type { ChatCompletionRequest, ContentChunk } from '@mistralai/mistralai/models/components';
import { HTTPClientError, MistralError, RequestAbortedError, RequestTimeoutError, ResponseValidationError } from '@mistralai/mistralai/models/errors';
import { AppConfig } from '../../../config/app-config.js';
import type { TokenUsage } from '../answer-engine.js';
import type { PromptMessage } from './prompts.js';

export interface MistralChatRequest {
  messages: PromptMessage[];
  /** Defaults to MISTRAL_MAX_TOKENS. */
  maxTokens?: number;
  temperature?: number;
}

export interface MistralCompletion {
  /** The answer's text, or null when the model sent none (tool calls only). */
  text: string | null;
  toolCalls: number;
  finishReason: string | null;
  usage: TokenUsage | null;
}

export type MistralStreamEvent = { type: 'delta'; text: string } | { type: 'done'; finishReason: string | null; usage: TokenUsage | null; toolCalls: number };

export type MistralFailureKind = 'http' | 'network' | 'aborted' | 'malformed';

/** A call that brought no usable response: the engine falls back, and maybe retries. */
export class MistralCallError extends Error {
  constructor(
    readonly kind: MistralFailureKind,
    message: string,
    /** The HTTP status for kind 'http'. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'MistralCallError';
  }

  /** Worth one more try: rate limited, a server error, or the connection failed. */
  get transient(): boolean {
    return this.kind === 'network' || (this.kind === 'http' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

/**
 * The only code that talks to Mistral, through the official SDK. Plain typed results in, plain
 * typed results out; the SDK's own retries are off, the engine retries within its time budget.
 */
@Injectable()
export class MistralClient {
  private readonly sdk: Mistral;
  readonly model: string;
  private readonly maxTokens: number;

  constructor(config: AppConfig) {
    if (!config.mistral) throw new Error('MistralClient needs MISTRAL_API_KEY');
    this.model = config.mistral.model;
    this.maxTokens = config.mistral.maxTokens;
    this.sdk = new Mistral({
      apiKey: config.mistral.apiKey,
      ...(config.mistral.serverUrl ? { serverURL: config.mistral.serverUrl } : {}),
      retryConfig: { strategy: 'none' },
      // A safety net only: each call passes the engine's deadline as its AbortSignal.
      timeoutMs: config.mistral.timeoutMs,
    });
  }

  async complete(request: MistralChatRequest, signal: AbortSignal): Promise<MistralCompletion> {
    try {
      const response = await this.sdk.chat.complete(this.body(request), { signal, retries: { strategy: 'none' } });
      const choice = response.choices[0];
      if (!choice) throw new MistralCallError('malformed', 'response without choices');
      const message = choice.message;
      return {
        text: message ? contentText(message.content) : null,
        toolCalls: message?.toolCalls?.length ?? 0,
        finishReason: choice.finishReason ?? null,
        usage: usageOf(response.usage),
      };
    } catch (error) {
      throw asCallError(error, signal);
    }
  }

  /** Text deltas in order, then one 'done' event with the finish reason and the usage. */
  async *stream(request: MistralChatRequest, signal: AbortSignal): AsyncGenerator<MistralStreamEvent> {
    let finishReason: string | null = null;
    let usage: TokenUsage | null = null;
    let toolCalls = 0;
    try {
      const events = await this.sdk.chat.stream({ ...this.body(request), stream: true }, { signal, retries: { strategy: 'none' } });
      for await (const event of events) {
        const chunk = event.data;
        if (chunk.usage) usage = usageOf(chunk.usage);
        for (const choice of chunk.choices) {
          if (choice.index !== 0) continue;
          toolCalls += choice.delta.toolCalls?.length ?? 0;
          const text = contentText(choice.delta.content);
          if (text) yield { type: 'delta', text };
          if (choice.finishReason) finishReason = choice.finishReason;
        }
      }
    } catch (error) {
      throw asCallError(error, signal);
    }
    if (signal.aborted) throw asCallError(signal.reason, signal);
    yield { type: 'done', finishReason, usage, toolCalls };
  }

  private body(request: MistralChatRequest): ChatCompletionRequest {
    return {
      model: this.model,
      messages: request.messages,
      maxTokens: request.maxTokens ?? this.maxTokens,
      temperature: request.temperature ?? 0.3,
    };
  }
}

function contentText(content: string | ContentChunk[] | null | undefined): string | null {
  if (content === null || content === undefined) return null;
  if (typeof content === 'string') return content;
  const texts = content.flatMap((chunk) => (chunk.type === 'text' && 'text' in chunk && typeof chunk.text === 'string' ? [chunk.text] : []));
  return texts.length > 0 ? texts.join('') : null;
}

function usageOf(usage: { promptTokens?: number | undefined; completionTokens?: number | undefined } | undefined): TokenUsage | null {
  if (!usage || (usage.promptTokens === undefined && usage.completionTokens === undefined)) return null;
  return { promptTokens: usage.promptTokens ?? 0, completionTokens: usage.completionTokens ?? 0 };
}

function asCallError(error: unknown, signal: AbortSignal): MistralCallError {
  if (error instanceof MistralCallError) return error;
  // Our own deadline: whatever the SDK made of the abort.
  if (signal.aborted || error instanceof RequestAbortedError || error instanceof RequestTimeoutError) {
    return new MistralCallError('aborted', 'call aborted');
  }
  if (error instanceof MistralError && !(error instanceof ResponseValidationError)) {
    return new MistralCallError('http', `HTTP ${error.statusCode}`, error.statusCode);
  }
  if (error instanceof HTTPClientError) return new MistralCallError('network', error.message);
  // Response validation errors, broken JSON or SSE: the service answered, but not in its format.
  return new MistralCallError('malformed', error instanceof Error ? error.message.slice(0, 200) : 'unreadable response');
}
