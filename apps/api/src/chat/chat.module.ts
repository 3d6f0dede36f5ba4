import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics/metrics.service.js';
import { PoiCatalogue } from '../poi/index.js';
import { PoiModule } from '../poi/poi.module.js';
import { REDIS_CONNECTION, type RedisConnection, RedisSharedCircuit } from '../redis/index.js';
import { SessionModule } from '../session/session.module.js';
import { ChatRateLimit } from './chat-rate-limit.js';
import { ChatController } from './chat.controller.js';
import { ChatGateway } from './chat.gateway.js';
import { ChatService } from './chat.service.js';
import { AnswerEngine } from './engine/answer-engine.js';
import { BuiltinAnswerEngine } from './engine/builtin-engine.js';

@Module({
  imports: [PoiModule, SessionModule],
  controllers: [ChatController],
  providers: [
    ChatService,
    ChatGateway,
    ChatRateLimit,
    BuiltinAnswerEngine,
    {
      // Mistral words the answers when it has a key; the built-in engine always does the search.
      provide: AnswerEngine,
      inject: [AppConfig, BuiltinAnswerEngine, PoiCatalogue, Metrics, { token: REDIS_CONNECTION, optional: true }],
      // Loaded only then: the SDK and its schemas cost ~MBs of memory a built-in-only server does not need.
      useFactory: async (
        config: AppConfig,
        builtin: BuiltinAnswerEngine,
        catalogue: PoiCatalogue,
        metrics: Metrics,
        redis: RedisConnection | null,
      ): Promise<AnswerEngine> => {
        if (!config.mistral) return builtin;
        const [{ MistralClient }, { MistralAnswerEngine }] = await Promise.all([
          import('./engine/mistral/mistral-client.js'),
          import('./engine/mistral/mistral-engine.js'),
        ]);
        // Several instances: one breaker's opening stops every instance's calls.
        const sharedCircuit = redis ? new RedisSharedCircuit(redis, 'mistral') : undefined;
        return new MistralAnswerEngine(builtin, catalogue, new MistralClient(config), config, metrics, { sharedCircuit });
      },
    },
  ],
})
export class ChatModule {}
